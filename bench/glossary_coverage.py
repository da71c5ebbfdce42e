"""Glossary coverage on Party-press text the glossary was not built from (issue 12, goal ≥ 95 %).

Run: uv run python bench/glossary_coverage.py [--set DIR] [--json] [--glossary DIR]

Loads the shipped glossary (no user layer; `--glossary DIR` reads the shipped files from DIR
instead), matches each paragraph of a coverage set (`bench/coverage/` unless `--set DIR`
names another, such as the sealed held-out `bench/coverage-heldout/`) with the matcher
translate protects terms with, and scores the expected terms of its `expected.tsv`. A term is
covered when one of its occurrences lies inside one matched span (the span is the term, or
a longer entry holding it); a match over only part of it is `partial` and does not count.
Quotation marks and title marks at the edges of an expected term are not part of what must
be matched (“四风” is covered by a match of 四风); those inside it are (“十四五”规划).
Matches that overlap no expected term are listed for a human to look at, not scored.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import patch

from bilingual.errors import BilingualError
from bilingual.terms.files import load_glossary
from bilingual.terms.glossary import Glossary
from bilingual.terms.matcher import match

BENCH_DIR = Path(__file__).resolve().parent / "coverage"
REPO_DIR = BENCH_DIR.parent.parent
EXPECTED_FILE = "expected.tsv"
EDGE_MARKS = "“”‘’「」『』《》\"'"
GOAL = 95.0
FIX = "See bench/coverage/README.md for the format"


class BenchmarkError(BilingualError):
    """The benchmark's own files are inconsistent (a term not in its paragraph, …)."""


@dataclass(frozen=True)
class Paragraph:
    """One benchmark text and the terms a translator expects the glossary to enforce in it."""

    name: str
    text: str
    expected: tuple[str, ...]


@dataclass(frozen=True)
class Span:
    """A matched glossary term: `zh` is the text's own characters at [start, end)."""

    start: int
    end: int
    zh: str
    en: str


@dataclass(frozen=True)
class TermResult:
    """How one expected term fared: `covered`, `partial` or `missed`, with the matches that
    touch one of its occurrences (for `partial`, to show what was matched instead)."""

    term: str
    status: str
    touching: tuple[Span, ...] = ()


@dataclass(frozen=True)
class ParagraphResult:
    name: str
    terms: tuple[TermResult, ...]
    stray: tuple[Span, ...]  # matches overlapping no expected term

    @property
    def covered(self) -> int:
        return sum(t.status == "covered" for t in self.terms)


Matcher = Callable[[str], list[Span]]


# --- loading -----------------------------------------------------------------------------------


def load_benchmark(directory: Path = BENCH_DIR) -> list[Paragraph]:
    """The paragraphs of `directory` (`*.txt`) with their rows of `expected.tsv`, by file name.

    Every expected term must occur in its paragraph and every paragraph must have terms, so
    an edit that breaks the pairing fails loudly instead of scoring a term that isn't there.
    """
    if not directory.is_dir():
        raise BenchmarkError(
            f"{directory} is not a directory", "Pass the folder of a coverage set (--set DIR)."
        )
    expected: dict[str, list[str]] = {}
    try:
        with (directory / EXPECTED_FILE).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except FileNotFoundError:
        raise BenchmarkError(f"{directory / EXPECTED_FILE} not found", FIX) from None
    if not rows or rows[0] != ["file", "term"]:
        raise BenchmarkError(f"{directory / EXPECTED_FILE} has no file<TAB>term header", FIX)
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 2 or not row[1].strip(EDGE_MARKS):
            raise BenchmarkError(f"{EXPECTED_FILE}:{number} is not a file<TAB>term row", FIX)
        expected.setdefault(row[0], []).append(row[1])
    paragraphs = []
    for path in sorted(directory.glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        terms = expected.pop(path.name, [])
        if not terms:
            raise BenchmarkError(f"{path.name} has no expected terms in {EXPECTED_FILE}", FIX)
        if absent := [t for t in terms if t not in text]:
            raise BenchmarkError(f"{path.name} does not contain {' · '.join(absent)}", FIX)
        paragraphs.append(Paragraph(path.name, text, tuple(terms)))
    if expected:
        raise BenchmarkError(f"{EXPECTED_FILE} names missing files {sorted(expected)}", FIX)
    return paragraphs


def load_shipped(directory: Path | None = None) -> Glossary:
    """The shipped glossary without the user's layer; from `directory` when given (through
    the loader's own BILINGUAL_GLOSSARY_DIR override, restored afterwards)."""
    if directory is None:
        return load_glossary(user=False)
    if not directory.is_dir():
        raise BenchmarkError(f"{directory} is not a directory", "Pass the folder of the TSVs.")
    with patch.dict(os.environ, {"BILINGUAL_GLOSSARY_DIR": str(directory)}):
        return load_glossary(user=False)


MATCHER = "bilingual.terms.matcher.match"


def protected_matcher(glossary: Glossary) -> Matcher:
    """`bilingual.terms.matcher.match` as a Matcher: the terms translate protects (variants,
    word boundaries and composition applied), with the English each would be given."""
    return lambda text: [
        Span(m.start, m.end, text[m.start : m.end], m.entry.en) for m in match(text, glossary)
    ]


# --- scoring -----------------------------------------------------------------------------------


def occurrences(text: str, term: str) -> list[tuple[int, int]]:
    """[start, end) of every occurrence of `term` in `text`, without its edge quotation marks."""
    lead = len(term) - len(term.lstrip(EDGE_MARKS))
    trail = len(term) - len(term.rstrip(EDGE_MARKS))
    found, start = [], text.find(term)
    while start >= 0:
        found.append((start + lead, start + len(term) - trail))
        start = text.find(term, start + 1)
    return found


def score(paragraph: Paragraph, spans: Sequence[Span]) -> ParagraphResult:
    """Each expected term covered, partial or missed; and the matches near no expected term."""
    results = []
    claimed: set[Span] = set()
    for term in paragraph.expected:
        status, touching = "missed", []
        for start, end in occurrences(paragraph.text, term):
            near = [s for s in spans if s.start < end and start < s.end]
            claimed.update(near)
            if any(s.start <= start and end <= s.end for s in near):
                status = "covered"
            elif near and status != "covered":
                status = "partial"
                touching += [s for s in near if s not in touching]
        results.append(TermResult(term, status, tuple(touching) if status == "partial" else ()))
    stray = tuple(s for s in spans if s not in claimed)
    return ParagraphResult(paragraph.name, tuple(results), stray)


def run(paragraphs: Sequence[Paragraph], matcher: Matcher) -> list[ParagraphResult]:
    return [score(p, matcher(p.text)) for p in paragraphs]


# --- reports -----------------------------------------------------------------------------------


def totals(results: Sequence[ParagraphResult]) -> tuple[int, int, float]:
    """(covered, expected, percent) over all paragraphs."""
    covered = sum(r.covered for r in results)
    expected = sum(len(r.terms) for r in results)
    return covered, expected, 100.0 * covered / expected if expected else 0.0


def report_text(results: Sequence[ParagraphResult], header: str) -> str:
    """Per paragraph matched/expected with missed and partial terms, the total, the strays."""
    lines = [header, ""]
    width = max((len(r.name) for r in results), default=0)
    for result in results:
        lines.append(f"{result.name:<{width}}  {result.covered:>3}/{len(result.terms)}")
        missed = [t.term for t in result.terms if t.status == "missed"]
        partial = [t for t in result.terms if t.status == "partial"]
        if missed:
            lines.append("    missed:  " + " · ".join(missed))
        if partial:
            shown = (
                f"{t.term} ({'+'.join(dict.fromkeys(s.zh for s in t.touching))})" for t in partial
            )
            lines.append("    partial: " + " · ".join(shown))
    covered, expected, percent = totals(results)
    partial = sum(t.status == "partial" for r in results for t in r.terms)
    lines += [
        "",
        f"coverage: {covered}/{expected} = {percent:.1f} %  (goal ≥ {GOAL:g} %)",
        f"partial (matched in part, not counted): {partial}",
        "",
    ]
    stray = [(r.name, s) for r in results for s in r.stray]
    lines.append(f"matches overlapping no expected term ({len(stray)}; for a human to look at):")
    lines += [f"  {name}  {s.zh} → {s.en}" for name, s in stray]
    return "\n".join(lines)


def shown(directory: Path) -> str:
    """The set's folder as the report names it: relative to the repository when inside it."""
    try:
        return directory.resolve().relative_to(REPO_DIR).as_posix()
    except ValueError:
        return str(directory)


def report_json(
    results: Sequence[ParagraphResult], glossary_size: int, matcher: str, bench_set: str
) -> dict:
    covered, expected, percent = totals(results)

    def span(s: Span) -> dict:
        return {"start": s.start, "end": s.end, "zh": s.zh, "en": s.en}

    return {
        "set": bench_set,
        "glossary_entries": glossary_size,
        "matcher": matcher,
        "covered": covered,
        "expected": expected,
        "percent": round(percent, 1),
        "paragraphs": [
            {
                "file": r.name,
                "covered": r.covered,
                "expected": len(r.terms),
                "missed": [t.term for t in r.terms if t.status == "missed"],
                "partial": [
                    {"term": t.term, "matched": [span(s) for s in t.touching]}
                    for t in r.terms
                    if t.status == "partial"
                ],
                "stray": [span(s) for s in r.stray],
            }
            for r in results
        ],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--set",
        dest="bench_set",
        type=Path,
        default=BENCH_DIR,
        metavar="DIR",
        help="the coverage set to score (default bench/coverage; held out: bench/coverage-heldout)",
    )
    parser.add_argument(
        "--glossary", type=Path, metavar="DIR", help="score the glossary TSVs in DIR instead"
    )
    args = parser.parse_args(argv)
    try:
        paragraphs = load_benchmark(args.bench_set)
        glossary = load_shipped(args.glossary)
        name, matcher = MATCHER, protected_matcher(glossary)
        results = run(paragraphs, matcher)
    except BilingualError as exc:
        print(f"Error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    bench_set = shown(args.bench_set)
    if args.json:
        report = report_json(results, len(glossary), name, bench_set)
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        header = (
            f"set: {bench_set} · glossary: {len(glossary)} entries (shipped, no user layer)"
            f" · matcher: {name}"
        )
        print(report_text(results, header))
    return 0


if __name__ == "__main__":
    sys.exit(main())
