"""Sparse sentence vectors and their dot products inside a band, with numpy only.

Sentences become rows of a CSR-like matrix over a shared feature vocabulary. The aligner
never needs all N×M similarities, only those of sentence pairs near the alignment path,
so `band_dot` joins the two sides feature by feature (a sorted merge via searchsorted),
keeping only pairs whose columns fall in each row's window: time and memory grow with the
band, not with N×M.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

# Upper bound on feature-pair products materialised at once (memory ~ 40 bytes each).
CHUNK_PAIRS = 4_000_000


@dataclass
class Rows:
    """Sparse rows: entry k belongs to row `row[k]`, feature `feat[k]`, weight `val[k]`."""

    n: int
    row: np.ndarray
    feat: np.ndarray
    val: np.ndarray

    def scaled(self, weights: np.ndarray) -> Rows:
        """Each entry multiplied by its feature's weight (e.g. an idf)."""
        return Rows(self.n, self.row, self.feat, self.val * weights[self.feat])

    def keep(self, mask: np.ndarray) -> Rows:
        """Only the entries whose feature is in `mask` (a boolean array over features)."""
        k = mask[self.feat]
        return Rows(self.n, self.row[k], self.feat[k], self.val[k])

    def doc_freq(self, n_features: int) -> np.ndarray:
        return np.bincount(self.feat, minlength=n_features)

    def norms2(self) -> np.ndarray:
        """Squared norm of each row."""
        return np.bincount(self.row, weights=self.val * self.val, minlength=self.n)


def to_rows(bags: Iterable[Mapping[str, float]], vocab: dict[str, int]) -> Rows:
    """Rows from feature bags, growing `vocab` (shared by both sides) as needed.

    Raw counts are damped by a square root so that one repeated word does not drown the rest.
    """
    rows: list[int] = []
    feats: list[int] = []
    vals: list[float] = []
    n = 0
    for n_row, bag in enumerate(bags):
        n = n_row + 1
        for key, value in bag.items():
            idx = vocab.get(key)
            if idx is None:
                idx = vocab[key] = len(vocab)
            rows.append(n_row)
            feats.append(idx)
            vals.append(value)
    return Rows(
        n,
        np.asarray(rows, dtype=np.int64),
        np.asarray(feats, dtype=np.int64),
        np.sqrt(np.asarray(vals, dtype=np.float64)),
    )


def band_dot(a: Rows, b: Rows, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Dot products of row r of `a` with rows lo[r] ≤ c < hi[r] of `b`.

    Returns X of shape (a.n, W) with X[r, c - lo[r]] = a_r · b_c, W = max(hi - lo).
    """
    width = int(max(1, (hi - lo).max())) if a.n else 1
    out = np.zeros(a.n * width, dtype=np.float64)
    if not len(a.feat) or not len(b.feat):
        return out.reshape(a.n, width).astype(np.float32)
    stride = np.int64(b.n + 1)
    order = np.lexsort((b.row, b.feat))
    keys = b.feat[order] * stride + b.row[order]
    bcol = b.row[order]
    bval = b.val[order]
    start = np.searchsorted(keys, a.feat * stride + lo[a.row])
    end = np.searchsorted(keys, a.feat * stride + hi[a.row])
    count = end - start
    cum = np.cumsum(count)
    first = 0
    while first < len(count):
        base = cum[first - 1] if first else 0
        last = int(np.searchsorted(cum, base + CHUNK_PAIRS, side="right"))
        last = max(last, first + 1)
        cnt = count[first:last]
        total = int(cnt.sum())
        if total:
            rep = np.repeat(np.arange(first, last), cnt)
            offsets = np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)
            pos = start[rep] + offsets
            r = a.row[rep]
            flat = r * width + (bcol[pos] - lo[r])
            out += np.bincount(flat, weights=a.val[rep] * bval[pos], minlength=len(out))
        first = last
    return out.reshape(a.n, width).astype(np.float32)


def neighbour_dots(a: Rows, span: int) -> np.ndarray:
    """G[d, r] = a_r · a_{r+d} for d = 0 … span-1 (zero past the end)."""
    lo = np.arange(a.n, dtype=np.int64)
    hi = np.minimum(lo + span, a.n)
    x = band_dot(a, a, lo, hi)
    g = np.zeros((span, a.n), dtype=np.float64)
    g[: x.shape[1]] = x.T[:span]
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
