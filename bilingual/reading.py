"""Pinyin by word: how a run of Han characters reads, cut into words.

The ruby over the Chinese text and `bilingual romanize --kind text` both read here, so they
agree. Readings come from pypinyin over the whole run, not word by word, so that its phrase
dictionary sees each polyphone in context (转化为生产力: 为 wéi, as in 化为; a word cut alone
would read 为 wèi); one rule adds what no phrase dictionary holds: 为 in 以…为… ("take … as
…", 以习近平新时代中国特色社会主义思想为指导, 以人民为中心) is wéi. Words are the one
segmenter's (`segment.words()`), cut forward and backward and the better cut kept (fewer
words, then fewer single characters): 转化|为|生产力, not 转化|为生|产|力.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

from .segment import Vocabulary, backward_boundaries, segment, words

# 以 … 为 within one clause, 为 not starting a word of its own meaning "for" (为了, 为何).
YI_WEI = re.compile(r"以[^，。；：！？、,.;:!?]{1,16}?(为)(?![了何什])")


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


def cut(han: str, vocabulary: Vocabulary | None = None) -> list[str]:
    """Words of a run of Han characters: the forward or the backward longest-match cut, the
    one with fewer words (then fewer single characters; backward on a tie)."""
    vocabulary = words() if vocabulary is None else vocabulary
    forward = segment(han, vocabulary)
    edges = sorted(backward_boundaries(han, vocabulary))
    backward = [han[a:b] for a, b in pairwise(edges)]

    def cost(cut: list[str]) -> tuple[int, int]:
        return len(cut), sum(len(w) == 1 for w in cut)

    return forward if cost(forward) < cost(backward) else backward


@lru_cache(maxsize=50_000)
def syllables(han: str) -> tuple[str, ...]:
    """Tone-marked syllables of a run of Han characters, one per character, read in context."""
    from pypinyin import Style, pinyin

    read = [item[0] for item in pinyin(han, style=Style.TONE, errors=lambda chars: list(chars))]
    if len(read) != len(han):  # never expected for Han text; keep the alignment honest
        read = [pinyin(c, style=Style.TONE)[0][0] for c in han]
    for m in YI_WEI.finditer(han):
        read[m.start(1)] = "wéi"
    return tuple(read)


def words_with_pinyin(han: str, vocabulary: Vocabulary | None = None) -> list[tuple[str, str]]:
    """(word, its pinyin with syllables joined) for each word of a run of Han characters."""
    read = syllables(han)
    out: list[tuple[str, str]] = []
    pos = 0
    for word in cut(han, vocabulary):
        out.append((word, join_syllables(list(read[pos : pos + len(word)]))))
        pos += len(word)
    return out
