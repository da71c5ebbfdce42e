"""The MT bridge: a machine translation of the Chinese against the English, as a `Space`.

MT(zh) and the English are both English, so they are compared on the surface: character
n-grams of their words (chrF-like, function words kept) plus the punctuation marks that
survive translation, weighted by idf over both sides.
"""

from __future__ import annotations

import re

import numpy as np

from .signals import Clauses, Space, end_clauses, punctuation
from .sparse import Rows, count_rows

_WORD = re.compile(r"[a-z0-9]+")


def ngram_codes(texts: list[str], sizes: tuple[int, ...] = (3, 4)) -> tuple[np.ndarray, ...]:
    """(sentence, code, offset, end) of every character n-gram of the texts' words, chrF-like.

    Words are lower-cased ASCII letters and digits joined by single spaces with a space at
    each end (function words kept: they help). Each n-gram's bytes, with its size on top,
    make one integer code, so the whole text is cut up by a few numpy operations. Offset
    and end say where the n-gram lies in its sentence's padded words (see `_word_span`).
    """
    padded = [" " + " ".join(_WORD.findall(t.lower())) + " " for t in texts]
    # bytes stay uint8 (OR-ed into the codes in place), sentence numbers int32: fewer and
    # smaller temporaries on a long text
    data = np.frombuffer("".join(padded).encode("ascii"), dtype=np.uint8)
    lengths = np.array([len(p) for p in padded], dtype=np.int64)
    sentence = np.repeat(np.arange(len(texts), dtype=np.int32), lengths)
    first = np.cumsum(lengths) - lengths
    rows, codes, offsets, ends = [], [], [], []
    for size in sizes:
        count = max(len(data) - size + 1, 0)  # n-grams start at 0 … count - 1 (slices, no gathers)
        code = np.full(count, size, dtype=np.int64)
        for k in range(size):
            code <<= 8
            code |= data[k : k + count]
        same = sentence[:count] == sentence[size - 1 : size - 1 + count]
        rows.append(sentence[:count][same])
        codes.append(code[same])
        offsets.append(np.flatnonzero(same) - first[rows[-1]])
        ends.append(offsets[-1] + size)
    if len(sizes) == 1:  # (concatenating one array would only copy it)
        return rows[0], codes[0], offsets[0], ends[0]
    return tuple(np.concatenate(x) for x in (rows, codes, offsets, ends))


def _word_span(text: str) -> int:
    """Characters `ngram_codes` gives a text's words, with the space before them."""
    return 1 + len(" ".join(_WORD.findall(text.lower())))


def mt_space(
    mt: list[str], en: list[str], sizes: tuple[int, ...] = (4,), clauses: bool = False
) -> Space:
    """MT(zh) against the English: character n-grams (see `ngram_codes`) plus punctuation.

    With `clauses`, the first and the last clause of each MT sentence get rows too, from
    the n-grams that lie inside them.
    """
    (zr, zc, z_start, z_end), (er, ec, *_) = ngram_codes(mt, sizes), ngram_codes(en, sizes)
    vocab, ids = np.unique(np.concatenate([zc, ec]), return_inverse=True)
    nf = len(vocab)
    marks: dict[str, int] = {}

    def grams(n: int, row: np.ndarray, fid: np.ndarray, texts: list[str]) -> Rows:
        pair, count = np.unique(row.astype(np.int64) * nf + fid, return_counts=True)
        rows = Rows(
            n,
            (pair // nf).astype(np.int32),
            (pair % nf).astype(np.int32),
            np.sqrt(count).astype(np.float32),
        )
        return rows.joined(count_rows((punctuation(t) for t in texts), marks), nf)

    zh_ids, en_ids = ids[: len(zc)], ids[len(zc) :]
    zh_rows = grams(len(mt), zr, zh_ids, mt)
    en_rows = grams(len(en), er, en_ids, en)
    clause_rows = None
    if clauses:
        ends = [end_clauses(t) for t in mt]
        whole = np.array([h == t for t, (h, _) in zip(mt, ends, strict=True)], dtype=bool)
        # an n-gram is in the first clause if it ends by the clause's last word (or the
        # space after it), in the last clause if it starts at its first word (or before)
        head_end = np.array([_word_span(h) + 1 for h, _ in ends], dtype=np.int64)
        tail_start = np.array(
            [_word_span(t) - _word_span(c) for t, (_, c) in zip(mt, ends, strict=True)],
            dtype=np.int64,
        )
        in_head = (z_end <= head_end[zr]) & ~whole[zr]
        in_tail = (z_start >= tail_start[zr]) & ~whole[zr]
        heads = ["" if w else h for (h, _), w in zip(ends, whole, strict=True)]
        tails = ["" if w else t for (_, t), w in zip(ends, whole, strict=True)]
        clause_rows = Clauses(
            grams(len(mt), zr[in_head], zh_ids[in_head], heads),
            grams(len(mt), zr[in_tail], zh_ids[in_tail], tails),
            whole,
        )
    return Space.from_rows(zh_rows, en_rows, nf + len(marks), idf_both=True, clauses=clause_rows)
