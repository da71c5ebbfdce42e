"""Similarity signals between Chinese and English sentences, as sparse feature spaces.

Each `Space` pairs a Chinese-side and an English-side bag per sentence in one feature
vocabulary: the dictionary space (CC-CEDICT stems, numbers, pinyin of names) and, with an
MT bridge, the MT space (character n-grams and stems of MT(zh) against the English). A
bead's similarity is the cosine of the *summed* vectors of its sentences — sums stay sparse
and their dot products are sums of sentence dot products, so every n:m bead is scored from
a banded matrix of sentence-pair products and a few neighbour products per side.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .english import STOPWORDS, capitalised_words, content_stems
from .lexicon import Lexicon, zh_numbers
from .sparse import Rows, band_dot, block_norms2, neighbour_dots, to_rows

MIN_PRUNE_DF = 100  # never prune a feature found in fewer sentences than this

_WORD = re.compile(r"[a-z0-9]+")
_HAN = re.compile(r"[\u3400-\u9fff]")


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


def punctuation(text: str) -> Counter[str]:
    """Question and exclamation marks, quotes, colons: they survive translation."""
    return Counter("p" + _PUNCTUATION[c] for c in text if c in _PUNCTUATION)


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
        if not self.names:
            return []
        for ch in zh:
            if ch not in self.pinyin:
                self.pinyin[ch] = char_pinyin(ch) if _HAN.match(ch) else None
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
                    out.append("@" + spelling)
        return out


def english_bags(en: list[str]) -> tuple[list[Counter[str]], set[str]]:
    """Stem bags (with `@name` features) for English sentences, and the set of names."""
    bags = []
    names: set[str] = set()
    for sentence in en:
        bag = Counter(content_stems(sentence))
        bag.update(punctuation(sentence))
        for word in capitalised_words(sentence):
            if word not in STOPWORDS and len(word) > 1:
                bag["@" + word] += 1
                names.add(word)
        bags.append(bag)
    return bags, names


@dataclass
class Space:
    """One feature space, weighted by idf and ready for banded products."""

    zh: Rows
    en: Rows
    df: np.ndarray  # document frequency of each feature over both sides

    @classmethod
    def build(cls, zh_bags: Iterable, en_bags: Iterable, idf_both: bool = False) -> Space:
        """A space from feature bags (one vocabulary for both sides); see `from_rows`."""
        vocab: dict[str, int] = {}
        zh = to_rows(zh_bags, vocab)
        en = to_rows(en_bags, vocab)
        return cls.from_rows(zh, en, len(vocab), idf_both)

    @classmethod
    def from_rows(cls, zh: Rows, en: Rows, nf: int, idf_both: bool = False) -> Space:
        """Weight features by idf: from the English side only (default: the Chinese side is
        dictionary output, not text), or from both sides when both are English (MT bridge)."""
        en_df = en.doc_freq(nf)
        df = en_df + zh.doc_freq(nf)
        if idf_both:
            idf = np.log((zh.n + en.n + 1) / (df + 1)) + 1.0
        else:
            idf = np.log((en.n + 1) / (en_df + 1)) + 1.0
        return cls(zh.scaled(idf), en.scaled(idf), df)

    def pruned(self, max_df: float, floor: int = MIN_PRUNE_DF) -> Space:
        """Without the features found in more than `max_df` of the sentences (cheaper joins),
        or in more than `floor` sentences when that is more."""
        keep = self.df <= max(floor, max_df * (self.zh.n + self.en.n))
        return Space(self.zh.keep(keep), self.en.keep(keep), self.df)

    def blocks(self, size: int) -> Space:
        """Sentences summed in blocks of `size` on both sides (a coarse view of the text)."""
        zh, en = self.zh.blocks(size), self.en.blocks(size)
        nf = len(self.df)
        return Space(zh, en, zh.doc_freq(nf) + en.doc_freq(nf))


def dictionary_space(zh: list[str], en: list[str], lexicon: Lexicon) -> Space:
    """Chinese words looked up in the lexicon (weighted by their idf in this text) vs stems.

    A Chinese sentence's bag is the sum of its words' stem weights (`Lexicon.bag`), built
    for the whole text at once: each distinct word is looked up once, its occurrences are
    expanded and summed with numpy.
    """
    en_bags, names = english_bags(en)
    vocab: dict[str, int] = {}
    en_rows = to_rows(en_bags, vocab)
    words = [lexicon.segment(s) for s in zh]
    ids: dict[str, int] = {}
    occ_row = np.repeat(np.arange(len(zh)), [len(ws) for ws in words])
    occ_word = np.array([ids.setdefault(w, len(ids)) for ws in words for w in ws], dtype=np.int64)
    df = np.bincount(
        np.unique(occ_row * max(len(ids), 1) + occ_word) % max(len(ids), 1), minlength=len(ids)
    )
    idf = np.log((len(zh) + 1) / (df + 1)) + 1.0
    sizes, feats, weights = [], [], []
    for w in ids:
        entry = lexicon.entries[w]
        sizes.append(len(entry))
        feats.extend(vocab.setdefault(stem, len(vocab)) for stem in entry)
        weights.extend(entry.values())
    size = np.array(sizes, dtype=np.int64)
    start = np.cumsum(size) - size
    count = size[occ_word]
    pos = np.repeat(start[occ_word] - np.cumsum(count) + count, count) + np.arange(count.sum())
    rows = [np.repeat(occ_row, count)]
    cols = [np.array(feats, dtype=np.int64)[pos]]
    vals = [np.array(weights)[pos] * np.repeat(idf[occ_word], count)]
    find_names = NameFinder(names)
    extra_row, extra_feat, extra_val = [], [], []
    for k, sentence in enumerate(zh):
        features = Counter(zh_numbers(sentence))
        features.update(punctuation(sentence))
        features.update(find_names(sentence))
        for feature, c in features.items():
            extra_row.append(k)
            extra_feat.append(vocab.setdefault(feature, len(vocab)))
            extra_val.append(c)
    rows.append(np.array(extra_row, dtype=np.int64))
    cols.append(np.array(extra_feat, dtype=np.int64))
    vals.append(np.array(extra_val, dtype=np.float64))
    nf = len(vocab)
    key, inverse = np.unique(np.concatenate(rows) * nf + np.concatenate(cols), return_inverse=True)
    total = np.bincount(inverse, weights=np.concatenate(vals), minlength=len(key))
    zh_rows = Rows(
        len(zh),
        (key // nf).astype(np.int32),
        (key % nf).astype(np.int32),
        np.sqrt(total).astype(np.float32),
    )
    return Space.from_rows(zh_rows, en_rows, nf)


def ngram_codes(texts: list[str], sizes: tuple[int, ...] = (3, 4)) -> tuple[np.ndarray, ...]:
    """(sentence, code) of every character n-gram of the texts' words, chrF-like.

    Words are lower-cased ASCII letters and digits joined by single spaces with a space at
    each end (function words kept: they help). Each n-gram's bytes, with its size on top,
    make one integer code, so the whole text is cut up by a few numpy operations.
    """
    padded = [" " + " ".join(_WORD.findall(t.lower())) + " " for t in texts]
    data = np.frombuffer("".join(padded).encode("ascii"), dtype=np.uint8).astype(np.int64)
    sentence = np.repeat(np.arange(len(texts)), [len(p) for p in padded])
    rows, codes = [], []
    for size in sizes:
        starts = np.arange(max(len(data) - size + 1, 0))
        same = sentence[starts] == sentence[starts + size - 1]
        code = np.full(len(starts), size, dtype=np.int64)
        for k in range(size):
            code = (code << 8) | data[starts + k]
        rows.append(sentence[starts][same])
        codes.append(code[same])
    return np.concatenate(rows), np.concatenate(codes)


def mt_space(mt: list[str], en: list[str], sizes: tuple[int, ...] = (4,)) -> Space:
    """MT(zh) against the English: character n-grams (see `ngram_codes`) plus punctuation."""
    (zr, zc), (er, ec) = ngram_codes(mt, sizes), ngram_codes(en, sizes)
    vocab, ids = np.unique(np.concatenate([zc, ec]), return_inverse=True)
    nf = len(vocab)
    side_rows = []
    for n, row, fid, texts in (
        (len(mt), zr, ids[: len(zc)], mt),
        (len(en), er, ids[len(zc) :], en),
    ):
        pair, count = np.unique(row.astype(np.int64) * nf + fid, return_counts=True)
        grams = Rows(
            n,
            (pair // nf).astype(np.int32),
            (pair % nf).astype(np.int32),
            np.sqrt(count).astype(np.float32),
        )
        side_rows.append((grams, texts))
    marks: dict[str, int] = {}
    out = []
    for grams, texts in side_rows:
        punct = to_rows((punctuation(t) for t in texts), marks)
        out.append(grams.joined(punct, nf))
    return Space.from_rows(out[0], out[1], nf + len(marks), idf_both=True)


class BeadScorer:
    """Scores beads in a band from several spaces: weighted cosine × length agreement."""

    def __init__(
        self,
        spaces: list[tuple[Space, float]],
        zh_len: np.ndarray,
        en_len: np.ndarray,
        clo: np.ndarray,
        chi: np.ndarray,
        max_zh: int,
        max_en: int,
        length_weight: bool = True,
        margin: bool = False,
    ) -> None:
        self.clo = clo
        self.weights = [w for _, w in spaces]
        self.prefix = []
        self.zh_norms = []
        self.en_norms = []
        for space, _ in spaces:
            x = band_dot(space.zh, space.en, clo, chi)
            p = np.zeros((x.shape[0], x.shape[1] + 1))
            np.cumsum(x, axis=1, out=p[:, 1:])
            self.prefix.append(p)
            gz = neighbour_dots(space.zh, max_zh)
            ge = neighbour_dots(space.en, max_en)
            self.zh_norms.append({a: block_norms2(gz, a) for a in range(1, max_zh + 1)})
            self.en_norms.append({b: block_norms2(ge, b) for b in range(1, max_en + 1)})
        self.zh_cum = np.concatenate([[0.0], np.cumsum(zh_len)])
        self.en_cum = np.concatenate([[0.0], np.cumsum(en_len)])
        total_en = self.en_cum[-1] or 1.0
        self.ratio = (self.zh_cum[-1] or 1.0) / total_en
        self.length_weight = length_weight
        self.margin = margin

    def similarity(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Weighted cosine of the bead zh[i-a:i] × en[j-b:j] (i, j arrays of one shape)."""
        n_zh = len(self.zh_cum) - 1
        n_en = len(self.en_cum) - 1
        if a > n_zh or b > n_en:  # a bead larger than the text: nowhere valid (and no rows)
            return np.zeros(np.shape(i))
        valid = (i >= a) & (j >= b) & (i <= n_zh) & (j <= n_en)
        i = np.where(valid, i, a)
        j = np.where(valid, j, b)
        total = np.zeros(i.shape)
        for prefix, zn, en, w in zip(
            self.prefix, self.zh_norms, self.en_norms, self.weights, strict=True
        ):
            width = prefix.shape[1] - 1
            num = np.zeros(i.shape)
            for p in range(1, a + 1):
                r = i - p
                hi = np.clip(j - self.clo[r], 0, width)
                lo = np.clip(j - b - self.clo[r], 0, width)
                num += prefix[r, hi] - prefix[r, lo]
            norm = np.sqrt(zn[a][i - a] * en[b][j - b])
            with np.errstate(invalid="ignore", divide="ignore"):
                cos = np.where(norm > 0, num / norm, 0.0)
            total += w * np.nan_to_num(cos)
        total /= sum(self.weights)
        return np.where(valid, total, 0.0)

    def length_agreement(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """log2(1 + short/long) of the bead's character lengths, English scaled by the ratio."""
        n_zh = len(self.zh_cum) - 1
        n_en = len(self.en_cum) - 1
        if a > n_zh or b > n_en:
            return np.zeros(np.shape(i))
        i = np.clip(i, a, n_zh)
        j = np.clip(j, b, n_en)
        lz = self.zh_cum[i] - self.zh_cum[i - a]
        le = (self.en_cum[j] - self.en_cum[j - b]) * self.ratio
        short = np.minimum(lz, le)
        long = np.maximum(np.maximum(lz, le), 1e-9)
        return np.log2(1.0 + short / long)

    def neighbour_similarity(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Mean similarity of each side of the bead with the sentences just around the other."""
        n_zh = len(self.zh_cum) - 1
        n_en = len(self.en_cum) - 1

        def mean(x: np.ndarray, ok_x: np.ndarray, y: np.ndarray, ok_y: np.ndarray) -> np.ndarray:
            count = ok_x.astype(float) + ok_y
            return np.where(count > 0, (x * ok_x + y * ok_y) / np.maximum(count, 1), 0.0)

        en_after = self.similarity(a, 1, i, j + 1)
        en_before = self.similarity(a, 1, i, j - b)
        zh_after = self.similarity(1, b, i + 1, j)
        zh_before = self.similarity(1, b, i - a, j)
        en_side = mean(en_after, j + 1 <= n_en, en_before, j - b >= 1)
        zh_side = mean(zh_after, i + 1 <= n_zh, zh_before, i - a >= 1)
        return (en_side + zh_side) / 2

    def __call__(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        score = self.similarity(a, b, i, j)
        if self.margin:
            score = score - self.neighbour_similarity(a, b, i, j)
        if self.length_weight:
            score = score * self.length_agreement(a, b, i, j)
        return score
