"""Similarity signals between Chinese and English sentences, as sparse feature spaces.

Each `Space` pairs a Chinese-side and an English-side bag per sentence in one feature
vocabulary: the dictionary space (CC-CEDICT stems, numbers, pinyin of names) and, with an
MT bridge, the MT space (`bridge.mt_space`: character n-grams and marks of MT(zh) against
the English). A
bead's similarity is the cosine of the *summed* vectors of its sentences — sums stay sparse
and their dot products are sums of sentence dot products, so every n:m bead is scored from
a banded matrix of sentence-pair products and a few neighbour products per side
(`scoring.BeadScorer`).

A space may also hold the first and the last clause of each Chinese sentence (`clauses`),
in the same features: where a sentence's content begins and ends tells which side of a
bead boundary an English sentence belongs to (see `boundaries.ClauseEvidence`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..textutil import HAN
from .english import STOPWORDS, capitalised_words, content_stems
from .lexicon import Lexicon, zh_numbers
from .sparse import Rows, count_rows, to_rows

MIN_PRUNE_DF = 100  # never prune a feature found in fewer sentences than this

_CLAUSE_CUT = re.compile(r"[，；：、,;:]")


_PUNCTUATION = {
    "?": "?",
    "？": "?",
    "!": "!",
    "！": "!",
    "“": '"',
    "”": '"',
    '"': '"',
    "「": '"',
    "」": '"',
    "『": '"',
    "』": '"',
    ":": ":",
    "：": ":",
    ";": ";",
    "；": ";",
}


_MARKS = re.compile("[" + re.escape("".join(_PUNCTUATION)) + "]")


def punctuation(text: str) -> list[str]:
    """Question and exclamation marks, quotes, colons (they survive translation), as
    features, one per occurrence."""
    return ["p" + _PUNCTUATION[c] for c in _MARKS.findall(text)]


@lru_cache(maxsize=65536)
def char_pinyin(ch: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(ch, style=Style.NORMAL)[0]


class NameFinder:
    """Finds pinyin spellings of 1–3 character windows that occur as English capitalised
    words (`@name` features): 韦小宝 → "@weixiaobao" when "Wei Xiaobao"/"Weixiaobao" occurs.

    Each character's pinyin is looked up once per text, and a window grows only while its
    spelling still begins some name.
    """

    def __init__(self, names: set[str], longest: int = 3) -> None:
        self.names = names
        self.prefixes = {name[:k] for name in names for k in range(1, len(name) + 1)}
        self.longest = longest
        self.pinyin: dict[str, str | None] = {}

    def __call__(self, zh: str) -> list[str]:
        return [name for _, name in self.spans(zh)]

    def spans(self, zh: str) -> list[tuple[int, str]]:
        """(start, `@name` feature) of the names in a Chinese text."""
        if not self.names:
            return []
        for ch in zh:
            if ch not in self.pinyin:
                self.pinyin[ch] = char_pinyin(ch) if HAN.match(ch) else None
        out = []
        for k in range(len(zh)):
            spelling = ""
            for ch in zh[k : k + self.longest]:
                syllable = self.pinyin[ch]
                if syllable is None:
                    break
                spelling += syllable
                if spelling not in self.prefixes:
                    break
                if spelling in self.names:
                    out.append((k, "@" + spelling))
        return out


def english_bags(en: list[str]) -> tuple[list[list[str]], set[str]]:
    """The features of English sentences, one per occurrence: stems, marks and `@name`s;
    and the set of names."""
    bags = []
    names: set[str] = set()
    for sentence in en:
        bag = content_stems(sentence)
        bag += punctuation(sentence)
        for word in capitalised_words(sentence):
            if word not in STOPWORDS and len(word) > 1:
                bag.append("@" + word)
                names.add(word)
        bags.append(bag)
    return bags, names


def end_clauses(text: str) -> tuple[str, str]:
    """The first and the last clause of a sentence (cut at commas, semicolons, colons and
    enumeration commas); a sentence of one clause is both."""
    parts = [p for p in _CLAUSE_CUT.split(text) if p.strip()]
    if len(parts) < 2:
        return text, text
    return parts[0], parts[-1]


@dataclass
class Clauses:
    """The first and the last clause of the Chinese sentences of more than one clause, as
    rows in a space's features (empty rows for sentences of one clause: `whole`)."""

    head: Rows
    tail: Rows
    whole: np.ndarray  # per sentence: one clause only, its head and tail are the sentence

    def keep(self, mask: np.ndarray) -> Clauses:
        return Clauses(self.head.keep(mask), self.tail.keep(mask), self.whole)

    def scaled(self, weights: np.ndarray) -> Clauses:
        return Clauses(self.head.scaled(weights), self.tail.scaled(weights), self.whole)


@dataclass
class Space:
    """One feature space, weighted by idf and ready for banded products."""

    zh: Rows
    en: Rows
    df: np.ndarray  # document frequency of each feature over both sides
    clauses: Clauses | None = None  # first and last clauses of the Chinese sentences

    @classmethod
    def build(cls, zh_bags: Iterable, en_bags: Iterable, idf_both: bool = False) -> Space:
        """A space from feature bags (one vocabulary for both sides); see `from_rows`."""
        vocab: dict[str, int] = {}
        zh = to_rows(zh_bags, vocab)
        en = to_rows(en_bags, vocab)
        return cls.from_rows(zh, en, len(vocab), idf_both)

    @classmethod
    def from_rows(
        cls,
        zh: Rows,
        en: Rows,
        nf: int,
        idf_both: bool = False,
        clauses: Clauses | None = None,
    ) -> Space:
        """Weight features by idf: from the English side only (default: the Chinese side is
        dictionary output, not text), or from both sides when both are English (MT bridge).
        The clause rows, if any, get the same weights."""
        en_df = en.doc_freq(nf)
        df = en_df + zh.doc_freq(nf)
        if idf_both:
            idf = np.log((zh.n + en.n + 1) / (df + 1)) + 1.0
        else:
            idf = np.log((en.n + 1) / (en_df + 1)) + 1.0
        scaled = None if clauses is None else clauses.scaled(idf)
        return cls(zh.scaled(idf), en.scaled(idf), df, scaled)

    def pruned(self, max_df: float, floor: int = MIN_PRUNE_DF) -> Space:
        """Without the features found in more than `max_df` of the sentences (cheaper joins),
        or in more than `floor` sentences when that is more."""
        keep = self.df <= max(floor, max_df * (self.zh.n + self.en.n))
        clauses = None if self.clauses is None else self.clauses.keep(keep)
        return Space(self.zh.keep(keep), self.en.keep(keep), self.df, clauses)

    def blocks(self, size: int) -> Space:
        """Sentences summed in blocks of `size` on both sides (a coarse view of the text)."""
        zh, en = self.zh.blocks(size), self.en.blocks(size)
        nf = len(self.df)
        return Space(zh, en, zh.doc_freq(nf) + en.doc_freq(nf))


def dictionary_space(
    zh: list[str], en: list[str], lexicon: Lexicon, clauses: bool = False
) -> Space:
    """Chinese words looked up in the lexicon (weighted by their idf in this text) vs stems.

    A Chinese sentence's bag is the sum of its words' stem weights (`Lexicon.bag`), built
    for the whole text at once: each distinct word is looked up once, its occurrences are
    expanded and summed with numpy. With `clauses`, the first and the last clause of each
    sentence get bags too, from the same words.
    """
    en_bags, names = english_bags(en)
    vocab: dict[str, int] = {}
    en_rows = count_rows(en_bags, vocab)
    words = [lexicon.segment(s) for s in zh]
    ids: dict[str, int] = {}
    word_ids = [[ids.setdefault(w, len(ids)) for w in ws] for ws in words]
    occ_row = np.repeat(np.arange(len(zh)), [len(ws) for ws in words])
    occ_word = np.fromiter(itertools.chain.from_iterable(word_ids), dtype=np.int64)
    df = np.bincount(
        np.unique(occ_row * max(len(ids), 1) + occ_word) % max(len(ids), 1), minlength=len(ids)
    )
    sizes, feats, weights = [], [], []
    for w in ids:
        entry = lexicon.stems(w)
        sizes.append(len(entry))
        feats.extend(vocab.setdefault(stem, len(vocab)) for stem in entry)
        weights.extend(entry.values())
    bags = _ChineseBags(
        np.array(sizes, dtype=np.int64),
        np.array(feats, dtype=np.int64),
        np.array(weights),
        np.log((len(zh) + 1) / (df + 1)) + 1.0,
        vocab,
    )
    find_names = NameFinder(names)
    names_at = [find_names.spans(s) for s in zh]
    zh_rows = bags.rows(word_ids, zh, [[n for _, n in found] for found in names_at])
    clause_rows = None
    if clauses:
        heads, tails, head_ids, tail_ids, cuts = _clause_words(zh, words, word_ids)
        # names by where they start; a sentence of one clause has none (-1, -1)
        pairs = list(zip(names_at, cuts, strict=True))
        head_names = [[n for p, n in at if p < h] for at, (h, _) in pairs]
        tail_names = [[n for p, n in at if 0 <= t <= p] for at, (_, t) in pairs]
        clause_rows = Clauses(
            bags.rows(head_ids, heads, head_names),
            bags.rows(tail_ids, tails, tail_names),
            np.array([h < 0 for h, _ in cuts], dtype=bool),
        )
    return Space.from_rows(zh_rows, en_rows, len(vocab), clauses=clause_rows)


_STRIDE = np.int64(1) << 32  # (row, feature) pairs packed in one integer key


@dataclass
class _ChineseBags:
    """Stem weights of a text's distinct words, ready to expand into sentence rows."""

    size: np.ndarray  # number of stems of each word id
    feats: np.ndarray  # the stems' feature ids, word after word
    weights: np.ndarray  # the stems' weights, likewise
    idf: np.ndarray  # idf of each word id in the text
    vocab: dict[str, int]

    def rows(self, word_ids: list[list[int]], texts: list[str], names: list[list[str]]) -> Rows:
        """Rows for texts made of the given words, plus their numbers, marks and names."""
        occ_row = np.repeat(np.arange(len(texts)), [len(w) for w in word_ids])
        occ_word = np.fromiter(itertools.chain.from_iterable(word_ids), dtype=np.int64)
        start = np.cumsum(self.size) - self.size
        count = self.size[occ_word]
        pos = np.repeat(start[occ_word] - np.cumsum(count) + count, count) + np.arange(count.sum())
        rows = [np.repeat(occ_row, count)]
        cols = [self.feats[pos]]
        vals = [self.weights[pos] * np.repeat(self.idf[occ_word], count)]
        extra_row: list[int] = []
        extra_feat: list[int] = []
        vocab = self.vocab
        for k, (sentence, found) in enumerate(zip(texts, names, strict=True)):
            features = zh_numbers(sentence) + punctuation(sentence) + found
            extra_row += [k] * len(features)
            extra_feat += [vocab.setdefault(f, len(vocab)) for f in features]
        rows.append(np.array(extra_row, dtype=np.int64))
        cols.append(np.array(extra_feat, dtype=np.int64))
        vals.append(np.ones(len(extra_row)))  # repeats are summed below
        key, inverse = np.unique(
            np.concatenate(rows) * _STRIDE + np.concatenate(cols), return_inverse=True
        )
        total = np.bincount(inverse, weights=np.concatenate(vals), minlength=len(key))
        return Rows(
            len(texts),
            (key // _STRIDE).astype(np.int32),
            (key % _STRIDE).astype(np.int32),
            np.sqrt(total).astype(np.float32),
        )


def _clause_words(
    texts: list[str], words: list[list[str]], word_ids: list[list[int]]
) -> tuple[list[str], list[str], list[list[int]], list[list[int]], list[tuple[int, int]]]:
    """The first and last clause of each sentence, the ids of the words in them (the
    segmenter's words come in order, so one forward search places each), and where the
    first clause ends and the last begins ((-1, -1) for a sentence of one clause, whose
    clauses are left empty: see `Clauses`)."""
    heads, tails, head_ids, tail_ids, cuts = [], [], [], [], []
    for text, ws, wids in zip(texts, words, word_ids, strict=True):
        head, tail = end_clauses(text)
        if head == text:
            heads.append("")
            tails.append("")
            head_ids.append([])
            tail_ids.append([])
            cuts.append((-1, -1))
            continue
        heads.append(head)
        tails.append(tail)
        head_end = text.index(head) + len(head)
        tail_start = text.rindex(tail)
        cuts.append((head_end, tail_start))
        # place words from the start until the first clause ends, from the end back until
        # the last begins: the middle of a long sentence is never searched
        h, pos = 0, 0
        while h < len(ws):
            pos = text.find(ws[h], pos)
            if not 0 <= pos < head_end:
                break
            pos += len(ws[h])
            h += 1
        t, end = len(ws), len(text)
        while t > 0:
            end = text.rfind(ws[t - 1], 0, end)
            if end < tail_start:
                break
            t -= 1
        head_ids.append(wids[:h])
        tail_ids.append(wids[t:])
    return heads, tails, head_ids, tail_ids, cuts
