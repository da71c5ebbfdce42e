"""Pinyin for the Chinese side: split a sentence into words and give each word its pinyin.

Words are found by forward longest match over CC-CEDICT's headwords plus pypinyin's phrase
dictionary (pypinyin's own segmenter knows too few words to group e.g. 青海省), and the
readings come from pypinyin with tone marks, which reads polyphones by phrase (银行 yínháng).
Glossary terms are segmented by the caller and take the glossary's pinyin.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from .. import cedict
from ..segment import Vocabulary, segment
from ..textutil import HAN_RUN

MAX_WORD = 8


def build_words(entries: list[dict]) -> list[str]:
    """CC-CEDICT's simplified headwords of 2 to `MAX_WORD` characters, sorted."""
    return sorted({e["simplified"] for e in entries if 1 < len(e["simplified"]) <= MAX_WORD})


cedict.register("words", 1, build_words)


@cache
def dictionary() -> Vocabulary:
    """Multi-character words known to CC-CEDICT (the `words` view of `bilingual.cedict`) or
    to pypinyin's phrase dictionary."""
    from pypinyin.constants import PHRASES_DICT

    phrases = (w for w in PHRASES_DICT if 1 < len(w) <= MAX_WORD and "\n" not in w)
    return Vocabulary.of([*cedict.view("words"), *phrases])  # type: ignore[misc]


def split_words(han: str, words: Vocabulary | None = None) -> list[str]:
    """Forward longest-match segmentation of a run of Han characters."""
    return segment(han, dictionary() if words is None else words)


def _starts_with_aoe(syllable: str) -> bool:
    return unicodedata.normalize("NFD", syllable[:1])[:1] in ("a", "o", "e")


def join_syllables(syllables: list[str]) -> str:
    """Join a word's syllables the way pinyin orthography does: xī'ān, zǔzhībù."""
    out = ""
    for i, syllable in enumerate(syllables):
        if i and _starts_with_aoe(syllable):
            out += "'"
        out += syllable
    return out


@lru_cache(maxsize=200_000)
def word_pinyin(word: str) -> str:
    """Tone-marked pinyin of one Han word, syllables joined."""
    from pypinyin import Style, pinyin

    return join_syllables([item[0] for item in pinyin(word, style=Style.TONE, errors="ignore")])


def annotate(text: str) -> list[tuple[str, str]]:
    """`text` as (surface, pinyin) pieces; pinyin is "" for anything that is not Han."""
    pieces: list[tuple[str, str]] = []
    pos = 0
    for run in HAN_RUN.finditer(text):
        if run.start() > pos:
            pieces.append((text[pos : run.start()], ""))
        pieces.extend((word, word_pinyin(word)) for word in split_words(run.group()))
        pos = run.end()
    if pos < len(text):
        pieces.append((text[pos:], ""))
    return pieces
