"""A Chinese → English-stem lexicon from CC-CEDICT (plus the glossary), for lexical overlap.

Each Chinese headword maps to the stems of the content words of its English senses, each
weighted by the share of senses it appears in, so that a word with one clear sense speaks
louder than a word with twenty. Chinese text is cut by the one segmenter
(`bilingual.segment`, longest match over the headwords, characters outside skipped).

The stems of each sense (the slow part: stemming the English of 120k entries) are the
`stems` view of `bilingual.cedict`, shipped in the package; the weights are computed from
them when a word is first looked up, so loading the lexicon costs a fraction of a second.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache

from .. import cedict
from ..errors import GlossaryError
from ..segment import Vocabulary, segment
from ..terms.files import default_glossary
from ..textutil import HAN
from .english import content_stems

# of the `stems` view: bump when sense_stem_sets gives other stems (6: irregular English
# forms meet their base forms, said → say)
INDEX_VERSION = 6
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


def sense_stem_sets(definitions: list[str]) -> list[set[str]]:
    """The content-word stems of each usable sense of a headword (senses without any left out)."""
    out = []
    for sense in definitions:
        if _SKIP_SENSE.match(sense):
            continue
        text = HAN.sub(" ", _BRACKETS.sub(" ", sense.replace("|", " ")))
        stems = set(content_stems(text.replace("surname ", "")))
        if stems:
            out.append(stems)
    return out


def stem_weights(senses: list[set[str]]) -> dict[str, float]:
    """Each stem weighted by the share of senses that use it."""
    counts: dict[str, float] = defaultdict(float)
    for stems in senses:
        for s in stems:
            counts[s] += 1.0
    return {s: c / len(senses) for s, c in counts.items()} if senses else {}


def sense_stems(definitions: list[str]) -> dict[str, float]:
    """Stems of a headword's senses, each weighted by the share of senses that use it."""
    return stem_weights(sense_stem_sets(definitions))


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


class Lexicon:
    """Headword → {stem: weight}; `segment()` finds headwords by longest match.

    `entries` are given weights (tests, glossary terms); `senses` are stored per-sense stems
    (`"s1 s2|s3"`, the `stems` view) whose weights are worked out on first use.
    """

    def __init__(
        self,
        entries: Mapping[str, dict[str, float]] | None = None,
        senses: Mapping[str, str] | None = None,
    ) -> None:
        self.entries: dict[str, dict[str, float]] = dict(entries or {})
        self._senses: Mapping[str, str] = senses or {}
        self.rebuild()

    def stems(self, word: str) -> dict[str, float]:
        """The stem weights of a headword ({} when unknown)."""
        found = self.entries.get(word)
        if found is None:
            encoded = self._senses.get(word, "")
            found = stem_weights([set(part.split()) for part in encoded.split("|") if part])
            self.entries[word] = found
        return found

    def add(self, zh: str, en: str, weight: float = 1.0) -> None:
        """Add (or strengthen) a term, e.g. from the glossary; call `rebuild()` after."""
        stems = dict.fromkeys(content_stems(en), weight)
        if stems:
            merged = dict(self.stems(zh))
            merged.update(stems)
            self.entries[zh] = merged

    def rebuild(self) -> None:
        """Make the segmenter's vocabulary again (after `add`)."""
        self._vocabulary = Vocabulary.of([*self._senses, *self.entries])

    def segment(self, text: str) -> list[str]:
        """Headwords found left to right by longest match (characters outside are skipped)."""
        return segment(text, self._vocabulary, unknown="skip")

    def bag(self, text: str, word_weight: Mapping[str, float] | None = None) -> dict[str, float]:
        """The English stem bag of a Chinese sentence (weights summed over its words).

        `word_weight` scales each headword (e.g. by its idf in the text, so that 的 and 了,
        whose many senses would otherwise add rare English words, count for little).
        """
        bag: dict[str, float] = defaultdict(float)
        for word in self.segment(text):
            scale = word_weight.get(word, 1.0) if word_weight else 1.0
            for s, w in self.stems(word).items():
                bag[s] += w * scale
        for num in zh_numbers(text):
            bag[num] += 1.0
        return bag


def build_senses(entries: list[dict]) -> dict[str, str]:
    """Headword (simplified and traditional) → its senses' stems, `"s1 s2|s3"` (sorted)."""
    senses: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        for form in {entry["simplified"], entry["traditional"]}:
            senses[form].extend(entry["definitions"])
    out = {}
    for word, defs in senses.items():
        sets = sense_stem_sets(defs)
        if sets:
            out[word] = "|".join(" ".join(sorted(stems)) for stems in sets)
    return out


cedict.register("stems", INDEX_VERSION, build_senses)


def glossary_terms() -> list[tuple[str, str]]:
    """(zh, en) pairs from the project glossary (none when the user's glossary is broken)."""
    try:
        glossary = default_glossary()
    except GlossaryError:  # a broken user glossary must not stop alignment
        return []
    pairs = []
    for entry in glossary.entries.values():
        pairs.append((entry.zh, entry.en))
        pairs.extend((v, entry.en) for v in entry.zh_variants)
    return pairs


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """CC-CEDICT plus the glossary (glossary terms get full weight for their stems)."""
    lexicon = Lexicon(senses=cedict.view("stems"))  # type: ignore[arg-type]
    for zh, en in glossary_terms():
        lexicon.add(zh, en)
    lexicon.rebuild()
    return lexicon
