"""What the matcher's word-boundary rule rejects, for a human to judge (issue 12, item 3).

Run: uv run python bench/glossary_boundaries.py [FILE...]

For the seed page and the dev coverage paragraphs (`bench/coverage/*.txt`; never the sealed
held-out set), or the FILEs given, every term that the character-level longest-leftmost search
(`Glossary.find` over the text's skeleton, no boundaries) finds and the matcher
(`bilingual.terms.matcher.match`) does not keep, with the words around it, and every term the
matcher keeps that the character search did not have (a shorter or later term that won once a
false one was rejected, a composition, or a match through quotation marks). A character match
inside a kept term (a part of a composition) is not a rejection. Prints counts per file and the lines; the verdict
(false match gone, or true match lost) is a reader's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bilingual.ingest.sentences import split_sentences
from bilingual.segment import segment, words
from bilingual.terms.files import load_glossary
from bilingual.terms.glossary import Glossary, skeleton
from bilingual.terms.matcher import match

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "samples" / "seed-page.txt", *sorted((ROOT / "bench" / "coverage").glob("*.txt"))]


def character_matches(text: str, glossary: Glossary) -> set[tuple[int, int, str]]:
    """(start, end, zh) of the character-level search, in `text` offsets."""
    skel, where = skeleton(text)
    return {(where[m.start], where[m.end - 1] + 1, m.entry.zh) for m in glossary.find(skel)}


def differences(text: str, glossary: Glossary) -> tuple[list[str], list[str]]:
    """(rejected, gained) lines for one sentence: character matches that no kept term holds,
    and kept terms the character search did not have (compositions included)."""
    before = character_matches(text, glossary)
    kept = {(m.start, m.end, m.entry.zh) for m in match(text, glossary)}
    rejected = [b for b in before if not any(k[0] <= b[0] and b[1] <= k[1] for k in kept)]
    gained = [k for k in kept if k not in before]

    def line(span: tuple[int, int, str]) -> str:
        start, end, zh = span
        window = text[max(0, start - 6) : end + 6]
        cut = "|".join(segment(window, words()))
        return f"{zh}  in  {cut}"

    return [line(r) for r in sorted(rejected)], [line(g) for g in sorted(gained)]


def main(argv: list[str]) -> int:
    glossary = load_glossary(user=False)
    files = [Path(a) for a in argv] or DEFAULT
    total_rejected = total_gained = 0
    for path in files:
        rejected: list[str] = []
        gained: list[str] = []
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            for sentence in split_sentences(paragraph.strip()):
                r, g = differences(sentence, glossary)
                rejected += r
                gained += g
        total_rejected += len(rejected)
        total_gained += len(gained)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
              f"{len(rejected)} rejected, {len(gained)} gained")  # fmt: skip
        for item in rejected:
            print(f"  - {item}")
        for item in gained:
            print(f"  + {item}")
    print(f"total: {total_rejected} rejected, {total_gained} gained")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
