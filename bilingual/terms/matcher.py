"""The glossary terms of a text, as translate protects them: `match(text, glossary)`.

The one function behind every stage that needs a sentence's terms (`analyse`, hence
protect/restore, the checks, QA, the word gloss, the reviewer and the page), behind
`bilingual glossary match` and behind `bench/glossary_coverage.py`:

1. **Variants.** The glossary's automaton searches the text's skeleton (`glossary.skeleton`):
   quotation marks are transparent and 、/，are one separator, so “十四五”规划 matches
   十四五规划 and 以案为鉴，以案促改 matches 以案为鉴、以案促改; an entry's listed variants match
   as the entry. A match keeps the quotation marks it holds whole (“十四五”规划, not 十四五”规划).
2. **Word boundaries.** A candidate that starts or ends inside a word of the sentence is
   rejected before the longest-leftmost choice (so a shorter term at the same place can win):
   团委 in 集团委员会, 市委 in 本市委托, 市长 in 城市长期, 国卫 in 我国卫健, 上海 in 上海合作组织.
   Words are the project's one segmenter (`bilingual.segment`) over CC-CEDICT's headwords
   less its two-character place names (和县 He County would cut 县直部门 out of 书记和县直部门),
   run forward and backward; a position is inside a word only when
   neither cut has a boundary there, so an ambiguous string (和平等互利: 和平|等 or 和|平等)
   keeps its term. The suffix 化 (-ize) makes words no dictionary lists (法治化, 网格化): a
   noun term right before a 化 that starts no word is inside such a word (法治 in 法治化原则),
   and a term that starts with that 化 is cut from it (化债 in 法治化债转股); a verb or adverb
   term keeps the 化 for the word after it (推进 in 推进化债), as does 化解 (以法治化解矛盾).
   Two attachments are allowed: a place entry may end before its generic
   (忻州 in the word 忻州市) and a term that claims a place's generic may start at it (市委 in
   北京市委, where the word is 北京市). `not-terms.txt` stays as an override: a listed context
   claims its characters whatever the segmenter says.
3. **Composition.** Adjacent pieces that name one body or post are joined by the rules of
   `terms.compose` (县人大常委会, 区委组织部, 组织部部长, 商务部部长 → Minister of Commerce; 网格党支部,
   处级干部, 党委（党组）, 县（市、区）, 县委和县政府).
   A level character and a term it composes with compete as one unit in the longest-leftmost
   choice, so a shorter term straddling the two does not cut it: 市民政局 is 市 + 民政局, not
   市民 (citizen); 县城管局 is 县 + 城管局, not 县城 (county seat).
4. **Senses.** A short term with a sense in each of two fields takes the one its sentence
   signals (`terms.senses`: 一审 first reading of a bill, first-instance trial in a court).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from ..segment import common_cuts, common_words
from .compose import compose, composes_with_level, verb_phrase
from .glossary import PLACE_CATEGORIES, PLACE_GENERICS, Entry, Glossary, Match, skeleton
from .glossary import takes_generic as claims_generic
from .senses import by_context

# Opening quotation mark → its closing one: a match keeps whole the quotations it holds.
PAIRED = {"“": "”", "‘": "’", "「": "」", "『": "』"}
# The productive suffix -ize/-ization: X化 is a word for almost any noun or adjective X.
SUFFIX = "化"
# First words of renderings that modify a verb: such a term before 化 leaves it to the verb
# after it (有序 orderly: 有序化债 is orderly debt resolution, 依法 + 化解).
ADVERBIAL = frozenset("in by with according on at through under from via".split())  # noqa: SIM905
Lookup = Callable[[str], "Entry | None"]


def nominal(entry: Entry) -> bool:
    """Whether a term is a noun or adjective (takes the suffix 化), not a verb or adverb."""
    first = entry.en.split(" ", 1)[0].lower()
    return not (verb_phrase(entry.en) or first in ADVERBIAL or first.endswith("ly"))


class Boundaries:
    """Where the words of a text start and end, by forward and by backward longest match."""

    def __init__(self, text: str, lookup: Lookup) -> None:
        self.text = text
        self.lookup = lookup
        self.forward, self.cuts = common_cuts(text)

    def at(self, position: int) -> bool:
        """Whether a word may start or end at `position` (either cut has a boundary there)."""
        return position in self.cuts

    def word(self, position: int) -> tuple[int, int]:
        """The forward cut's word around `position` (which is not one of its boundaries)."""
        index = bisect_left(self.forward, position)
        return self.forward[index - 1], self.forward[index]

    def start_ok(self, start: int, entry: Entry) -> bool:
        """A term starts at a word boundary, or claims the generic ending a place's name
        (北京市|委 → 市委: the word is 北京市, two or more characters before its 市)."""
        if self.at(start):
            return not (self.text[start] == SUFFIX and self.suffixed(start))
        first, last = self.word(start)
        return (
            self.text[start] in PLACE_GENERICS
            and last == start + 1
            and start - first >= 2
            and claims_generic(entry.zh)
        )

    def end_ok(self, end: int, entry: Entry) -> bool:
        """A term ends at a word boundary, or is a place whose generic follows (忻州|市)."""
        if self.at(end):
            return not (
                self.text[end : end + 1] == SUFFIX and nominal(entry) and not self.starts(end)
            )
        _, last = self.word(end)
        return entry.category in PLACE_CATEGORIES and self.text[end:last] in PLACE_GENERICS

    def starts(self, position: int) -> bool:
        """Whether a word of two or more characters starts at `position` in either cut
        (化解 in 以法治化解矛盾; not in 市场化解决, cut 市场化|解决 or 市场|化|解决)."""
        vocabulary = common_words()
        return any(
            self.text[position:end] in vocabulary and end in self.cuts
            for end in range(position + 2, min(len(self.text), position + vocabulary.longest) + 1)
        )

    def suffixed(self, position: int) -> bool:
        """Whether the 化 at `position` ends the word before it: a dictionary word X化 of three
        or more characters (市场化, 一体化) or a noun term X (法治 → 法治化) ends there, unless X
        is a term used as a verb or adverb (有序 orderly)."""
        for first in range(max(0, position - 6), position - 1):
            if first not in self.cuts:
                continue
            entry = self.lookup(self.text[first:position])
            if entry is not None:
                return nominal(entry)
            if self.text[first : position + 1] in common_words():
                return True
        return False


def match(text: str, glossary: Glossary) -> list[Match]:
    """The glossary terms in `text` that translate protects, in text order (module docstring);
    offsets are into `text` and `text[m.start:m.end] == m.surface`."""
    return list(_match(text, GlossaryKey(glossary)))


class GlossaryKey:
    """A glossary as a cache key: by identity (a loaded glossary does not change); the
    memoised `match` and `analyse` are keyed by it."""

    __slots__ = ("glossary",)

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary

    def __hash__(self) -> int:
        return id(self.glossary)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GlossaryKey) and other.glossary is self.glossary


@lru_cache(maxsize=20_000)
def _match(text: str, key: GlossaryKey) -> tuple[Match, ...]:
    glossary = key.glossary
    if not text or not len(glossary.entries):
        return ()
    skel, where = skeleton(text)
    cuts: list[Boundaries] = []  # the sentence is segmented for its first candidate only

    def boundaries() -> Boundaries:
        if not cuts:
            cuts.append(Boundaries(text, glossary.get))
        return cuts[0]

    def accept(start: int, end: int, entry: Entry) -> bool:
        first, last = where[start], where[end - 1] + 1
        return boundaries().start_ok(first, entry) and boundaries().end_ok(last, entry)

    heads: set[int] = set()  # level characters that head a unit with the term after them

    def reach(start: int, end: int, entry: Entry) -> int:
        """`Glossary.find`'s `reach`: a level character just before a term it composes with
        (市 + 民政局) makes one unit, if the unit may start and the term end where they do."""
        before = where[start] - 1
        if not start or where[start - 1] != before:  # nothing, or a quotation mark, between
            return start
        level = skel[start - 1]
        if not composes_with_level(level, entry, glossary.get):
            return start
        unit = Entry(level + entry.zh, entry.en, category=entry.category)
        last = where[end - 1] + 1
        if not boundaries().start_ok(before, unit) or not boundaries().end_ok(last, entry):
            return start
        heads.add(before)
        return start - 1

    found = []
    for m in glossary.find(skel, accept, reach):
        start, end = _whole_quotes(text, where[m.start], where[m.end - 1] + 1)
        found.append(Match(start, end, m.entry, text[start:end]))
    composed = compose(text, found, lambda i: i in heads or boundaries().at(i), glossary.get)
    return tuple(by_context(text, composed))


def _whole_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) over the quotation marks it holds half of (十四五”规划 → “十四五”规划)."""
    inside = text[start:end]
    for opening, closing in PAIRED.items():
        if inside.count(closing) > inside.count(opening) and text[start - 1 : start] == opening:
            start -= 1
        if inside.count(opening) > inside.count(closing) and text[end : end + 1] == closing:
            end += 1
    return start, end


def match_report(texts: list[str], glossary: Glossary) -> list[dict]:
    """`bilingual glossary match --json`: one object per text, its matches with character
    offsets into it, exactly what translate protects as terms."""
    return [
        {
            "text": text,
            "matches": [_match_json(m) for m in match(text, glossary)],
        }
        for text in texts
    ]


def _match_json(m: Match) -> dict:
    return {
        "start": m.start,
        "end": m.end,
        "zh": m.entry.zh,
        "en": m.entry.en,
        "layer": m.entry.layer,
    }


def read_texts(texts: list[str], file: Path | None) -> list[str]:
    """The texts to match: the arguments, then each non-blank line of `file` (UTF-8)."""
    found = list(texts)
    if file is not None:
        try:
            lines = file.read_text(encoding="utf-8-sig").splitlines()
        except FileNotFoundError:
            raise InputError(f"{file} not found", "Check the path.") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"Cannot read {file} ({exc})", "Give a UTF-8 text file.") from None
        found += [line.strip() for line in lines if line.strip()]
    if not found:
        raise InputError("No text to match", "Give one or more texts, or --file FILE.")
    return found
