"""Sparse sentence vectors and their dot products inside a band, with numpy only.

Sentences become rows of a CSR-like matrix over a shared feature vocabulary. The aligner
never needs all N×M similarities, only those of sentence pairs near the alignment path,
so `band_dot` joins the two sides feature by feature (a sorted merge via searchsorted),
keeping only pairs whose columns fall in each row's window: time and memory grow with the
band, not with N×M.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

# Upper bound on feature-pair products materialised at once (memory ~ 40 bytes each): a
# quarter of a million are as fast as a million and keep the MT bridge's peak 35 MB lower.
CHUNK_PAIRS = 250_000


@dataclass
class Rows:
    """Sparse rows: entry k belongs to row `row[k]`, feature `feat[k]`, weight `val[k]`."""

    n: int
    row: np.ndarray
    feat: np.ndarray
    val: np.ndarray

    @cached_property
    def feature_order(self) -> np.ndarray:
        """Entry indices sorted by (feature, row): the order `band_dot` joins in."""
        return np.argsort(self.feat.astype(np.int64) * (self.n + 1) + self.row)

    def scaled(self, weights: np.ndarray) -> Rows:
        """Each entry multiplied by its feature's weight (e.g. an idf)."""
        return Rows(self.n, self.row, self.feat, self.val * weights[self.feat])

    def keep(self, mask: np.ndarray) -> Rows:
        """Only the entries whose feature is in `mask` (a boolean array over features)."""
        k = mask[self.feat]
        return Rows(self.n, self.row[k], self.feat[k], self.val[k])

    def blocks(self, size: int) -> Rows:
        """Rows summed in consecutive blocks of `size` (the last block may be shorter)."""
        if size == 1:
            return self
        n = -(-self.n // size)
        nf = np.int64(self.feat.max()) + 1 if len(self.feat) else np.int64(1)
        keys, inverse = np.unique((self.row // size) * nf + self.feat, return_inverse=True)
        val = np.bincount(inverse, weights=self.val, minlength=len(keys)).astype(np.float32)
        return Rows(n, (keys // nf).astype(np.int32), (keys % nf).astype(np.int32), val)

    def joined(self, other: Rows, offset: int) -> Rows:
        """These rows with `other`'s features appended (their ids shifted by `offset`)."""
        order = np.argsort(np.concatenate([self.row, other.row]), kind="stable")
        return Rows(
            self.n,
            np.concatenate([self.row, other.row])[order],
            np.concatenate([self.feat, other.feat + offset])[order].astype(np.int32),
            np.concatenate([self.val, other.val])[order],
        )

    def doc_freq(self, n_features: int) -> np.ndarray:
        return np.bincount(self.feat, minlength=n_features)

    def norms2(self) -> np.ndarray:
        """Squared norm of each row."""
        return np.bincount(self.row, weights=self.val * self.val, minlength=self.n)


def to_rows(bags: Iterable[Mapping[str, float]], vocab: dict[str, int]) -> Rows:
    """Rows from feature bags, growing `vocab` (shared by both sides) as needed.

    Raw counts are damped by a square root so that one repeated word does not drown the rest.
    """
    # compact typed arrays, filled bag by bag, so that bags may come from a generator and
    # never all sit in memory at once (a 10k-sentence text has millions of n-grams)
    feats = array("i")
    vals = array("f")
    sizes = array("i")
    for bag in bags:
        for key in bag:
            if key not in vocab:
                vocab[key] = len(vocab)
        feats.extend(map(vocab.__getitem__, bag))
        vals.extend(bag.values())
        sizes.append(len(bag))
    n = len(sizes)
    return Rows(
        n,
        np.repeat(np.arange(n, dtype=np.int32), np.frombuffer(sizes, dtype=np.int32)),
        np.frombuffer(feats, dtype=np.int32).copy(),
        np.sqrt(np.frombuffer(vals, dtype=np.float32)),
    )


_STRIDE = np.int64(1) << 32  # (row, feature) pairs packed in one integer key


def count_rows(features: Iterable[Iterable[str]], vocab: dict[str, int]) -> Rows:
    """Rows from each row's feature occurrences (repeats allowed), like `to_rows` on their
    counts: numpy counts them, which is cheaper than a Counter per row."""
    feats = array("i")
    sizes = array("i")
    for row in features:
        before = len(feats)
        feats.extend(vocab.setdefault(f, len(vocab)) for f in row)
        sizes.append(len(feats) - before)
    n = len(sizes)
    rows = np.repeat(np.arange(n, dtype=np.int64), np.frombuffer(sizes, dtype=np.int32))
    key, count = np.unique(
        rows * _STRIDE + np.frombuffer(feats, dtype=np.int32), return_counts=True
    )
    return Rows(
        n,
        (key // _STRIDE).astype(np.int32),
        (key % _STRIDE).astype(np.int32),
        np.sqrt(count).astype(np.float32),
    )


def band_dot(a: Rows, b: Rows, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Dot products of row r of `a` with rows lo[r] ≤ c < hi[r] of `b`.

    Returns X (float32) of shape (a.n, W) with X[r, c - lo[r]] = a_r · b_c, W = max(hi - lo).
    Both sides are taken in (feature, row) order, so with a band (lo, hi non-decreasing) the
    range queries arrive sorted; matches are summed in chunks of at most CHUNK_PAIRS.
    """
    width = int(max(1, (hi - lo).max())) if a.n else 1
    out = np.zeros((a.n, width), dtype=np.float32)
    if not len(a.feat) or not len(b.feat):
        return out
    stride = np.int64(b.n + 1)
    ob, oa = b.feature_order, a.feature_order
    keys = b.feat[ob].astype(np.int64) * stride + b.row[ob]
    bcol, bval = b.row[ob], b.val[ob]
    arow, aval = a.row[oa].astype(np.int64), a.val[oa]
    afeat = a.feat[oa].astype(np.int64) * stride
    start = np.searchsorted(keys, afeat + lo[arow])
    count = np.searchsorted(keys, afeat + hi[arow]) - start
    cum = np.cumsum(count)
    flat_out = out.reshape(-1)
    first = 0
    while first < len(count):
        base = cum[first - 1] if first else 0
        last = max(int(np.searchsorted(cum, base + CHUNK_PAIRS, side="right")), first + 1)
        cnt = count[first:last]
        total = int(cnt.sum())
        if total:
            rep = np.repeat(np.arange(first, last), cnt)
            pos = start[rep] + (np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt))
            r = arow[rep]
            flat = r * width + (bcol[pos] - lo[r])
            flat_out += np.bincount(flat, weights=aval[rep] * bval[pos], minlength=len(flat_out))
        first = last
    return out


def neighbour_dots(a: Rows, span: int) -> np.ndarray:
    """G[d, r] = a_r · a_{r+d} for d = 0 … span-1 (zero past the end).

    In (feature, row) order the entries of one feature that lie fewer than `span` rows
    apart are neighbours in the array, so the products are found by comparing the entries
    with the array shifted by 1, 2, … places (until no pair is close enough), without a
    general band join. Products are float32 and summed as `band_dot` sums them.
    """
    if span == 1:
        return a.norms2()[None, :]
    order = a.feature_order
    feat, row, val = a.feat[order], a.row[order].astype(np.int64), a.val[order]
    cells = span * a.n
    total = np.bincount(row, weights=val * val, minlength=cells)
    shift = 1
    while shift < len(row):
        gap = row[shift:] - row[:-shift]
        near = (feat[shift:] == feat[:-shift]) & (gap < span)
        if not near.any():
            break
        first = np.flatnonzero(near)
        weights = val[first] * val[first + shift]
        d = gap[first]
        # a repeated (row, feature) entry pairs with itself both ways round, as in band_dot
        twice = np.where(d == 0, 2.0, 1.0)
        total += np.bincount(d * a.n + row[first], weights=weights * twice, minlength=cells)
        shift += 1
    g = total.astype(np.float32).astype(np.float64).reshape(span, a.n)
    return g


def block_norms2(g: np.ndarray, size: int) -> np.ndarray:
    """N[k] = squared norm of the sum of rows k … k+size-1 (for k + size ≤ n), else inf."""
    n = g.shape[1]
    out = np.full(n + 1, np.inf)
    if size > n:
        return out
    total = np.zeros(n - size + 1)
    for p in range(size):
        total += g[0, p : p + n - size + 1]
        for d in range(1, size - p):
            total += 2 * g[d, p : p + n - size + 1]
    out[: n - size + 1] = total
    return out
