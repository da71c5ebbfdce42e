"""Pinyin for the Chinese side: split a sentence into words and give each word its pinyin.

The words and their readings are `bilingual.reading`'s (the one segmenter's vocabulary, the
better of the forward and backward cuts, pypinyin reading the whole run so polyphones are
read in context: 转化为 zhuǎnhuà wéi). Glossary terms are segmented by the caller and take the
glossary's pinyin.
"""

from __future__ import annotations

from ..reading import cut, join_syllables, words_with_pinyin
from ..segment import MAX_WORD, Vocabulary
from ..segment import words as dictionary
from ..textutil import HAN_RUN

__all__ = ["MAX_WORD", "annotate", "dictionary", "join_syllables", "split_words"]


def split_words(han: str, words: Vocabulary | None = None) -> list[str]:
    """The words of a run of Han characters (`reading.cut`)."""
    return cut(han, words)


def annotate(text: str) -> list[tuple[str, str]]:
    """`text` as (surface, pinyin) pieces; pinyin is "" for anything that is not Han."""
    pieces: list[tuple[str, str]] = []
    pos = 0
    for run in HAN_RUN.finditer(text):
        if run.start() > pos:
            pieces.append((text[pos : run.start()], ""))
        pieces.extend(words_with_pinyin(run.group()))
        pos = run.end()
    if pos < len(text):
        pieces.append((text[pos:], ""))
    return pieces
