"""Matcher throughput: 10,000 synthetic terms over a long synthetic Chinese text.

Run: uv run python bench/glossary_match.py [--terms 10000] [--chars 1000000]
Prints the term count, build time and chars/s for `Glossary.find` (longest-leftmost,
non-overlapping) and for `protect` (terms + numbers), which is what translate calls.
"""

from __future__ import annotations

import argparse
import random
import time

from bilingual.terms.analysis import analyse
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.protect import protect

# Common characters of Party-press text, so synthetic terms overlap and nest like real ones.
CHARS = (
    "党委员会组织部书记政府人民群众干部社区网格疫情防控工作建设发展服务管理治理文明城市县乡镇村"
    "领导小组中央国家基层一线支部主任中心宣传民主法治经济社会改革创新全面推进落实责任制度体系"
)


def synthetic_terms(count: int, rng: random.Random) -> list[Entry]:
    terms: dict[str, Entry] = {}
    while len(terms) < count:
        zh = "".join(rng.choice(CHARS) for _ in range(rng.randint(2, 8)))
        terms.setdefault(zh, Entry(zh, f"term {len(terms)}"))
    return list(terms.values())


def synthetic_text(terms: list[Entry], chars: int, rng: random.Random) -> str:
    parts: list[str] = []
    size = 0
    while size < chars:
        piece = (
            rng.choice(terms).zh
            if rng.random() < 0.3
            else "".join(rng.choice(CHARS) for _ in range(rng.randint(1, 6)))
        )
        if rng.random() < 0.05:
            piece += f"{rng.randint(1, 9999)}名，"
        parts.append(piece)
        size += len(piece)
    return "".join(parts)[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--chars", type=int, default=1_000_000)
    args = parser.parse_args()
    rng = random.Random(0)
    terms = synthetic_terms(args.terms, rng)
    text = synthetic_text(terms, args.chars, rng)
    glossary = Glossary.from_entries(terms)

    start = time.perf_counter()
    glossary.find("建")  # builds the automaton
    build = time.perf_counter() - start

    start = time.perf_counter()
    matches = glossary.find(text)
    find = time.perf_counter() - start

    sentences = [text[i : i + 60] for i in range(0, len(text), 60)]
    start = time.perf_counter()
    slots = sum(len(protect(analyse(s, "paragraph", glossary)).slots) for s in sentences)
    prot = time.perf_counter() - start

    print(f"terms: {len(glossary)}  text: {len(text):,} chars  automaton build: {build:.2f} s")
    print(f"find:    {len(matches):,} matches, {len(text) / find:,.0f} chars/s")
    print(
        f"protect: {len(sentences):,} sentences, {slots:,} slots, {len(text) / prot:,.0f} chars/s"
    )


if __name__ == "__main__":
    main()
