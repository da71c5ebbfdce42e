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
# The characters of the padded words as digits of base len(_ALPHABET), in byte order (so a
# code's order is its n-gram's); n-grams of every size up to this get codes in one range
# small enough to rank by a table instead of a sort
_ALPHABET = " 0123456789abcdefghijklmnopqrstuvwxyz"
_DIGIT = np.zeros(256, dtype=np.uint8)
_DIGIT[np.frombuffer(_ALPHABET.encode("ascii"), dtype=np.uint8)] = np.arange(len(_ALPHABET))
TABLE_SIZE = 4


def ngram_codes(
    texts: list[str], sizes: tuple[int, ...] = (3, 4), where: bool = True
) -> tuple[np.ndarray, ...]:
    """(sentence, code, offset, end) of every character n-gram of the texts' words, chrF-like.

    Words are lower-cased ASCII letters and digits joined by single spaces with a space at
    each end (function words kept: they help). Each n-gram's bytes, with its size on top,
    make one integer code, so the whole text is cut up by a few numpy operations: its
    characters as digits in base 37, after the codes of all shorter n-grams (so codes sort
    by size, then by text). Offset and end say where the n-gram lies in its sentence's
    padded words (see `_word_span`); without `where` they are left out (empty arrays),
    which spares a long text's largest temporaries.
    """
    padded = [" " + " ".join(_WORD.findall(t.lower())) + " " for t in texts]
    # digits stay uint8 (added into the codes in place), sentence numbers int32: fewer and
    # smaller temporaries on a long text
    data = _DIGIT[np.frombuffer("".join(padded).encode("ascii"), dtype=np.uint8)]
    lengths = np.array([len(p) for p in padded], dtype=np.int64)
    sentence = np.repeat(np.arange(len(texts), dtype=np.int32), lengths)
    first = np.cumsum(lengths) - lengths
    rows, codes, offsets, ends = [], [], [], []
    for size in sizes:
        count = max(len(data) - size + 1, 0)  # n-grams start at 0 … count - 1 (slices, no gathers)
        code = np.zeros(count, dtype=np.int64)
        for k in range(size):
            code *= len(_ALPHABET)
            code += data[k : k + count]
        code += _code_base(size)
        same = sentence[:count] == sentence[size - 1 : size - 1 + count]
        rows.append(sentence[:count][same])
        codes.append(code[same])
        offsets.append(np.flatnonzero(same) - first[rows[-1]] if where else np.zeros(0, np.int64))
        ends.append(offsets[-1] + size)
    if len(sizes) == 1:  # (concatenating one array would only copy it)
        return rows[0], codes[0], offsets[0], ends[0]
    return tuple(np.concatenate(x) for x in (rows, codes, offsets, ends))


def _code_base(size: int) -> int:
    """The first code of the n-grams of `size` characters (after all shorter ones)."""
    return sum(len(_ALPHABET) ** k for k in range(1, size))


def feature_ids(codes: np.ndarray, sizes: tuple[int, ...]) -> tuple[np.ndarray, int]:
    """Each code's rank among the distinct codes (as np.unique's inverse), and their number:
    by a table over all codes when n-grams are short (no sort), else by np.unique."""
    if max(sizes) > TABLE_SIZE:
        vocab, ids = np.unique(codes, return_inverse=True)
        return ids, len(vocab)
    present = np.zeros(_code_base(max(sizes) + 1), dtype=bool)
    present[codes] = True
    rank = np.cumsum(present, dtype=np.int32) - 1
    return rank[codes], int(rank[-1]) + 1


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
    zr, zc, z_start, z_end = ngram_codes(mt, sizes, where=clauses)
    er, ec, *_ = ngram_codes(en, sizes, where=False)
    ids, nf = feature_ids(np.concatenate([zc, ec]), sizes)
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
