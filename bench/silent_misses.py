"""Silent misses after marker loss: the per-occurrence mutation test as a figure (issue 12).

Run: uv run python bench/silent_misses.py [FILE...]

Every sentence of the seed page and of the dev coverage paragraphs (or the FILEs given) is
protected with the shipped glossary; a perfect "model" gives back every marker, and then each
marker in turn is mutated in three ways — dropped, renumbered to a number no slot has, and
renumbered to another slot's number — before restore and the checks. A mutation is silent when
no term-miss / name-miss / number-mismatch flag names the Chinese of the mutated span. Prints
mutations, silent ones and the silent share (goal 0), and the sentences of the first few.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from bilingual.ingest.sentences import split_sentences
from bilingual.terms.analysis import analyse
from bilingual.terms.files import load_glossary
from bilingual.terms.protect import MARKER, check, protect, restore

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "samples" / "seed-page.txt", *sorted((ROOT / "bench" / "coverage").glob("*.txt"))]
CODES = {"term-miss", "name-miss", "number-mismatch"}


def perfect(text: str) -> str:
    """What a model that keeps every marker and drops the Chinese would give: the markers."""
    return " ".join(re.findall(r"ZZ\d+ZZ", text))


def mutations(mt: str, numbers: list[int]) -> list[tuple[int, str, str]]:
    """(slot number, how, mutated MT) for each marker: dropped, unknown, another slot's."""
    out = []
    spare = max(numbers, default=0) + 50
    for number in numbers:
        marker = MARKER.format(number)
        out.append((number, "dropped", mt.replace(marker, "", 1)))
        out.append((number, "renumbered", mt.replace(marker, MARKER.format(spare), 1)))
        if other := next((n for n in numbers if n != number), None):
            out.append((number, "swapped", mt.replace(marker, MARKER.format(other), 1)))
    return out


def run(files: list[Path]) -> tuple[int, list[str]]:
    glossary = load_glossary(user=False)
    total, silent = 0, []
    for path in files:
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            for sentence in split_sentences(paragraph.strip()):
                analysis = analyse(sentence, "paragraph", glossary)
                protected = protect(analysis)
                numbers = [s.number for s in protected.slots]
                mt = perfect(protected.text)
                for number, how, mutated in mutations(mt, numbers):
                    slot = protected.slots[number - 1]
                    en, lost = restore(mutated, protected, report=True)
                    flags = check(analysis, en, lost)
                    named = [f for f in flags if f.code in CODES and f.detail.startswith(slot.zh)]
                    total += 1
                    if not named:
                        silent.append(f"{how} {slot.marker} {slot.zh} → {slot.en} in {sentence}")
    return total, silent


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or DEFAULT
    total, silent = run(files)
    share = 100.0 * len(silent) / total if total else 0.0
    print(f"mutations: {total}, silent: {len(silent)} ({share:.1f} %)  (goal 0)")
    for line in silent[:20]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
