"""Names Chinese transcribes from Tibetan, Uyghur and Mongolian (and other languages).

Their English comes from the person's own language, not from the characters, so the finder
keeps their parts apart and `names` marks them unverified unless the glossary's people
(glossary/people.tsv, one source of truth) give the established form:

- `established`: the glossary's English for a whole name (阿沛·阿旺晋美, its variant
  阿沛阿旺晋美 → Ngapoi Ngawang Jigme; a place: 日喀则 → Xigaze).
- `transcribed_parts`: the parts of a name written with a middle dot (买买提·艾力) or made of
  the elements of `names_data.TRANSCRIBED_PARTS` (扎西顿珠 → 扎西, 顿珠).
- `dotted_names`: names written with a middle dot anywhere in a text, cut from the words
  around them (自治区主席|艾尔肯·吐尼亚孜|说); slogans and places with a dot are none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ..segment import Vocabulary, common_words, segment
from ..textutil import HAN_CLASS
from .glossary import Glossary
from .matcher import match
from .names_data import AFTER_NAME, TITLES, TOPONYMS, TRANSCRIBED_PARTS

DOTS = "·•・‧"
# A transcribed name written with middle dots: 买买提·艾力, 阿沛·阿旺晋美.
DOTTED = re.compile(f"[{HAN_CLASS}]{{1,10}}(?:[{DOTS}][{HAN_CLASS}]{{1,10}})+")
_PARTS = Vocabulary.of(TRANSCRIBED_PARTS)


def established(zh: str, glossary: Glossary | None, category: str = "person") -> str:
    """The glossary's English for a name of `category` when the whole name is one entry (or
    one of its variants, 阿沛阿旺晋美), else ""."""
    if glossary is None or not zh:
        return ""
    found = match(zh, glossary)
    if len(found) == 1 and found[0].end - found[0].start == len(zh):
        entry = found[0].entry
        return entry.en if entry.category == category else ""
    return ""


def transcribed_parts(zh: str) -> list[str]:
    """The parts of a transcribed minority name (买买提·艾力 → 买买提, 艾力; 扎西顿珠 → 扎西, 顿珠),
    or [] for a name that is not one (see the module docstring)."""
    if any(dot in zh for dot in DOTS):
        return [p for p in re.split(f"[{DOTS}]", zh) if p]
    pieces = segment(zh, _PARTS)
    if len(pieces) >= 2 and all(p in TRANSCRIBED_PARTS for p in pieces):
        return pieces
    return []


def _name_pieces(pieces: list[str], stop: Callable[[int], bool]) -> int:
    """How many characters of `pieces` (from the dot outward) belong to the name: elements of
    `TRANSCRIBED_PARTS`, or characters that start no word until such an element is taken
    (艾力|将: not 将); never a common word (德润铜川·好人之城 is a slogan), never past `stop`."""
    size = 0
    known = False
    for piece in pieces:
        element = piece in TRANSCRIBED_PARTS
        if not (element or (len(piece) == 1 and not known)) or (size and stop(size)):
            break
        known = known or element
        size += len(piece)
    return size


def _name_end(part: str, vocabulary: Vocabulary) -> int:
    """How much of the text after a name's last dot is the name (up to 说, 同志 …)."""
    return _name_pieces(segment(part, vocabulary), lambda n: part.startswith(AFTER_NAME, n))


def _name_start(part: str, vocabulary: Vocabulary) -> int:
    """Where the name starts in the text before its first dot (after a job title)."""
    pieces = segment(part, vocabulary)[::-1]
    size = _name_pieces(pieces, lambda n: part[: len(part) - n].endswith(TITLES))
    return len(part) - size


def dotted_names(text: str, glossary: Glossary | None = None) -> list[str]:
    """Names written with a middle dot (买买提·艾力) anywhere in a text, cut from the words
    around them (自治区主席|艾尔肯·吐尼亚孜|说), unless a part is a known place (中国·西宁)."""
    found = []
    for m in DOTTED.finditer(text):
        vocabulary = _name_vocabulary()  # built at the first dot: most runs meet none
        parts = re.split(f"[{DOTS}]", m.group())
        start = m.start() + _name_start(parts[0], vocabulary)
        end = m.end() - len(parts[-1]) + _name_end(parts[-1], vocabulary)
        kept = re.split(f"[{DOTS}]", text[start:end])
        if all(kept) and not any(p in TOPONYMS or established(p, glossary, "place") for p in kept):
            found.append(text[start:end])
    return found


@cache
def _name_vocabulary() -> Vocabulary:
    """Common words and the transcription elements: what a dotted name is cut out by."""
    return Vocabulary.of([*common_words().words, *TRANSCRIBED_PARTS])
