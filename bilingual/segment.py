"""The one word segmenter: longest match over a vocabulary, forward (and backward).

Every stage that cuts Chinese into words uses it: the pinyin ruby (`words()`: CC-CEDICT
headwords and pypinyin's phrases), the glossary matcher's word boundaries (`common_words()`:
CC-CEDICT headwords less two-character place names such as 和县), the word gloss
(headwords with a usable sense), the aligner's lexicon (headwords with English stems) and the
glossary's pinyin drafts. They differ only in the vocabulary and in what happens to a
character that starts no word, a policy argument: `unknown="single"` keeps it as a
one-character word, `unknown="skip"` drops it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from . import cedict

MAX_WORD = 8  # longest word of `words()`: longer CC-CEDICT headwords are phrases


@dataclass(frozen=True)
class Vocabulary:
    """Words, and the length of the longest (no longer piece is ever looked up), overall
    and by first character (so a lookup at a character tries only lengths some word that
    starts with it has)."""

    words: frozenset[str]
    longest: int
    by_first: dict[str, int] = field(compare=False, hash=False)

    @classmethod
    def of(cls, words: Iterable[str]) -> Vocabulary:
        table = frozenset(w for w in words if w)
        by_first = {w[0]: len(w) for w in sorted(table, key=len)}  # the longest comes last
        return cls(table, max(by_first.values(), default=0), by_first)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)


def longest_at(text: str, i: int, vocabulary: Vocabulary, end: int | None = None) -> int:
    """The length of the longest word of `vocabulary` at `text[i:]` that ends by `end`
    (default: the end of the text); 0 when none does."""
    limit = min(
        vocabulary.by_first.get(text[i : i + 1], 0), (len(text) if end is None else end) - i
    )
    words = vocabulary.words
    for size in range(limit, 0, -1):
        if text[i : i + size] in words:
            return size
    return 0


def segment(text: str, vocabulary: Vocabulary, unknown: str = "single") -> list[str]:
    """Cut `text` into words, left to right, the longest word at each point.

    A character that starts no word becomes a word of its own (`unknown="single"`) or is
    passed over (`unknown="skip"`).
    """
    if unknown not in ("single", "skip"):
        raise ValueError(f"unknown must be 'single' or 'skip', not {unknown!r}")
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        size = longest_at(text, i, vocabulary)
        if size:
            out.append(text[i : i + size])
            i += size
        else:
            if unknown == "single":
                out.append(text[i])
            i += 1
    return out


def backward_boundaries(text: str, vocabulary: Vocabulary) -> set[int]:
    """Where words start and end when `text` is cut right to left, the longest word ending at
    each point (backward maximum matching; unknown characters are words of their own).

    Forward and backward longest match disagree where a sentence is ambiguous (和平|等 or
    和|平等); a caller that must not cut a true word can accept a boundary either finds.
    """
    words = vocabulary.words
    cuts = {len(text)}
    j = len(text)
    while j > 0:
        size = 1
        for length in range(min(vocabulary.longest, j), 1, -1):
            if text[j - length : j] in words:
                size = length
                break
        j -= size
        cuts.add(j)
    return cuts


def forward_boundaries(text: str, vocabulary: Vocabulary) -> set[int]:
    """Where words start and end when `text` is cut left to right (see `segment`)."""
    cuts = {0}
    i = 0
    while i < len(text):
        i += longest_at(text, i, vocabulary) or 1
        cuts.add(i)
    return cuts


def build_words(entries: list[dict]) -> list[str]:
    """CC-CEDICT's simplified headwords of 2 to `MAX_WORD` characters, sorted."""
    return sorted({e["simplified"] for e in entries if 1 < len(e["simplified"]) <= MAX_WORD})


cedict.register("words", 1, build_words)


# Generics that end a place name: a level character before an organ or post (县直部门, 市委).
PLACE_ENDINGS = frozenset("省市县区州镇乡")


def build_common_words(entries: list[dict]) -> list[str]:
    """CC-CEDICT's simplified headwords of 2 to `MAX_WORD` characters, less the two-character
    place names read only as proper nouns whose second character is a generic (和县 He
    County): in running text those are far more often a word and a level character that
    starts the next term (书记和县直部门), so they would cut true terms apart."""
    readings: dict[str, bool] = {}
    for entry in entries:
        word = entry["simplified"]
        if 1 < len(word) <= MAX_WORD:
            place = len(word) == 2 and word[1] in PLACE_ENDINGS and entry["pinyin"][:1].isupper()
            readings[word] = readings.get(word, False) or not place
    return sorted(word for word, keep in readings.items() if keep)


cedict.register("common-words", 1, build_common_words)


@cache
def common_words() -> Vocabulary:
    """What the glossary matcher checks word boundaries by (the `common-words` view)."""
    return Vocabulary.of(cedict.view("common-words"))  # type: ignore[arg-type]


@lru_cache(maxsize=20_000)
def common_cuts(text: str) -> tuple[tuple[int, ...], frozenset[int]]:
    """The word boundaries of `text` by `common_words()`: the forward cut's (sorted), and
    those of either cut. The glossary matcher and the numeral finder both ask for them:
    memoised, a sentence is segmented once."""
    vocabulary = common_words()
    forward = forward_boundaries(text, vocabulary)
    return tuple(sorted(forward)), frozenset(forward | backward_boundaries(text, vocabulary))


@cache
def words() -> Vocabulary:
    """Multi-character words known to CC-CEDICT (the `words` view of `bilingual.cedict`) or
    to pypinyin's phrase dictionary: what the ruby and the matcher's boundaries cut by."""
    from pypinyin.constants import PHRASES_DICT

    phrases = (w for w in PHRASES_DICT if 1 < len(w) <= MAX_WORD and "\n" not in w)
    return Vocabulary.of([*cedict.view("words"), *phrases])  # type: ignore[misc]
