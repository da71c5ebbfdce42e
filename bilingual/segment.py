"""The one word segmenter: forward longest match over a vocabulary.

Every stage that cuts Chinese into words uses it: the pinyin ruby (CC-CEDICT headwords and
pypinyin's phrases), the word gloss (headwords with a usable sense), the aligner's lexicon
(headwords with English stems) and the glossary's pinyin drafts. They differ only in the
vocabulary and in what happens to a character that starts no word, a policy argument:
`unknown="single"` keeps it as a one-character word, `unknown="skip"` drops it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    """Words, and the length of the longest (no longer piece is ever looked up)."""

    words: frozenset[str]
    longest: int

    @classmethod
    def of(cls, words: Iterable[str]) -> Vocabulary:
        table = frozenset(w for w in words if w)
        return cls(table, max(map(len, table), default=0))

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)


def longest_at(text: str, i: int, vocabulary: Vocabulary, end: int | None = None) -> int:
    """The length of the longest word of `vocabulary` at `text[i:]` that ends by `end`
    (default: the end of the text); 0 when none does."""
    limit = min(vocabulary.longest, (len(text) if end is None else end) - i)
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
