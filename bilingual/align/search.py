"""Dynamic programming over alignment beads inside a band of the (zh, en) grid.

A node (i, j) means "the first i Chinese and j English sentences are aligned". Row i of
the band holds the nodes lo[i] ≤ j ≤ hi[i] (lo and hi never decrease), so memory is
(n + 1) × width and every row is filled with a handful of vectorised numpy operations,
one per bead type. Insertions (0:1) chain within a row; they are resolved with one
running maximum instead of a Python loop over columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

BeadScore = Callable[[int, int, np.ndarray, np.ndarray], np.ndarray]


def monotone_band(lo: np.ndarray, hi: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Widen a band so that lo and hi never decrease and both ends of the grid are inside."""
    lo = np.clip(lo, 0, m).astype(np.int64)
    hi = np.clip(hi, 0, m).astype(np.int64)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0] = 0
    hi[-1] = m
    hi = np.maximum(hi, lo)
    return lo, hi


def band_search(
    lo: np.ndarray,
    hi: np.ndarray,
    types: Sequence[tuple[int, int]],
    bead_score: BeadScore,
    skip: float,
) -> list[tuple[int, int]]:
    """The best path of beads from (0, 0) to (n, len) through the band.

    `types` lists (zh count, en count) bead shapes; 1:0 and 0:1 cost `skip` each, any
    other shape scores `bead_score(a, b, I, J)` for the bead ending at nodes I, J (arrays of
    the band's shape; invalid nodes may score anything, they are masked here). Returns the
    path as a list of (a, b) shapes from the start.
    """
    n = len(lo) - 1
    m = int(hi[n])
    width = int((hi - lo).max()) + 1
    ks = np.arange(width)
    rows = np.arange(n + 1)[:, None]
    big_j = lo[:, None] + ks[None, :]
    inside = big_j <= hi[:, None]
    scores: dict[int, np.ndarray] = {}
    for t, (a, b) in enumerate(types):
        if a and b:
            scores[t] = np.where(inside, bead_score(a, b, rows + 0 * ks, big_j), -np.inf)
    insert = next((t for t, ab in enumerate(types) if ab == (0, 1)), None)
    cost = np.full((n + 1, width), -np.inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    for i in range(n + 1):
        jj = big_j[i]
        best = np.full(width, -np.inf)
        arg = np.full(width, -1, dtype=np.int8)
        if i == 0:
            best[0] = 0.0  # lo[0] == 0: the origin
        for t, (a, b) in enumerate(types):
            if a == 0 or a > i:
                continue
            pj = jj - b
            pk = pj - lo[i - a]
            ok = inside[i] & (pk >= 0) & (pj <= hi[i - a])
            prev = cost[i - a, np.clip(pk, 0, width - 1)]
            gain = scores[t][i] if t in scores else skip
            cand = np.where(ok, prev + gain, -np.inf)
            better = cand > best
            best = np.where(better, cand, best)
            arg = np.where(better, t, arg)
        if insert is not None:
            # cost[k] = max(best[k], cost[k-1] + skip) = k·skip + max_{k'≤k}(best[k'] - k'·skip)
            shifted = np.where(inside[i], best - ks * skip, -np.inf)
            run = np.maximum.accumulate(shifted) + ks * skip
            # a margin so that rounding in the shift never turns a diagonal step into insertions
            from_left = (run > best + 1e-9) & inside[i] & (ks > 0)
            best = np.where(from_left, run, best)
            arg = np.where(from_left, insert, arg)
        cost[i] = best
        back[i] = arg
    path: list[tuple[int, int]] = []
    i, j = n, m
    while i or j:
        t = int(back[i, j - lo[i]])
        if t < 0:
            raise RuntimeError("alignment band has no path")  # a bug, not user error
        a, b = types[t]
        path.append((a, b))
        i, j = i - a, j - b
    return path[::-1]
