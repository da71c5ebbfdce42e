"""Dynamic programming over alignment beads inside a band of the (zh, en) grid.

A node (i, j) means "the first i Chinese and j English sentences are aligned". Row i of
the band holds the nodes lo[i] ≤ j ≤ hi[i] (lo and hi never decrease), so memory is
(n + 1) × width bytes of back pointers (bead scores, and which node each step comes from,
are computed a block of rows at a time; costs kept for the last few rows only) and every
row is filled with a few vectorised numpy operations over all bead types at once: one
gather of the costs, one max. Insertions (0:1) chain within a row; they are resolved with
one running maximum instead of a Python loop over columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

SCORE_CELLS = 200_000  # band cells scored per block (bounds temporary memory)

BeadScore = Callable[[int, int, np.ndarray, np.ndarray], np.ndarray]
NodeGain = Callable[[np.ndarray, np.ndarray], np.ndarray]


def monotone_band(lo: np.ndarray, hi: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Widen a band so that lo and hi never decrease, both ends of the grid are inside and
    every row overlaps the next (lo[i+1] ≤ hi[i]), so a 1:0 step always leads on."""
    lo = np.clip(lo, 0, m).astype(np.int64)
    hi = np.clip(hi, 0, m).astype(np.int64)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0] = 0
    hi[-1] = m
    hi = np.maximum(hi, lo)
    lo[1:] = np.minimum(lo[1:], hi[:-1])
    return lo, hi


def band_search(
    lo: np.ndarray,
    hi: np.ndarray,
    types: Sequence[tuple[int, int]],
    bead_score: BeadScore,
    skip: float,
    node_gain: NodeGain | None = None,
    on_rows: Callable[[int], None] | None = None,
) -> list[tuple[int, int]]:
    """The best path of beads from (0, 0) to (n, len) through the band.

    `types` lists (zh count, en count) bead shapes; 1:0 and 0:1 cost `skip` each, any
    other shape scores `bead_score(a, b, I, J)` for the bead ending at nodes I, J (arrays of
    the band's shape; invalid nodes may score anything, they are masked here). Returns the
    path as a list of (a, b) shapes from the start. `node_gain(I, J)`, when given, is added
    for every node (i, j) the path passes through (a boundary between beads); like the
    bead scores it is asked for a block of rows at a time (I, J of one shape). `on_rows(k)`
    is told, a block of rows at a time, that the first k of the n + 1 rows are done.
    """
    n = len(lo) - 1
    m = int(hi[n])
    width = int((hi - lo).max()) + 1
    ks = np.arange(width)
    # every shape that consumes Chinese, stacked: one gather and one max per row
    steps = [t for t, (a, _) in enumerate(types) if a]
    step_a = np.array([types[t][0] for t in steps])
    step_b = np.array([types[t][1] for t in steps], dtype=np.int32)
    # (int32 for the per-step index arrays of a block: half the temporaries of int64)
    lo32, hi32 = lo.astype(np.int32), hi.astype(np.int32)
    block = max(1, SCORE_CELLS // width)  # rows scored at once: bounds the temporaries
    # only the last `ring` rows of costs are ever read; the back pointers keep the path
    ring = int(step_a.max()) + 1

    def score_rows(r0: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """For the band rows r0 … r0 + block - 1: each step shape's gain where it may be taken
        (-inf elsewhere), where in the ring of costs it comes from (a flat index), whether
        each node is inside the band, the nodes' gains and their running sums (for the
        insertions)."""
        r1 = min(n + 1, r0 + block)
        rows = np.arange(r0, r1)
        gains = np.full((r1 - r0, len(steps), width), skip, dtype=np.float32)
        big_i = np.repeat(rows[:, None], width, axis=1)
        big_j = lo[r0:r1, None] + ks[None, :]
        for s, t in enumerate(steps):
            a, b = types[t]
            if b:
                gains[:, s] = bead_score(a, b, big_i, big_j)
        inside = big_j <= hi[r0:r1, None]
        nodes = np.zeros((r1 - r0, width))
        if node_gain is not None:
            nodes = np.where(inside, node_gain(big_i, np.minimum(big_j, m)), 0.0)
        # the node each step comes from: row i - a, column j - b (k in that row's band)
        prev_i = rows[:, None] - step_a[None, :]
        usable = prev_i >= 0
        prev_i = np.maximum(prev_i, 0)
        pj = big_j.astype(np.int32)[:, None, :] - step_b[None, :, None]
        pk = pj - lo32[prev_i][:, :, None]
        ok = inside[:, None, :] & usable[:, :, None] & (pk >= 0)
        ok &= pj <= hi32[prev_i][:, :, None]
        gains[~ok] = -np.inf
        # (np.minimum/maximum: np.clip costs several times more)
        ring_row = (prev_i % ring).astype(np.int32)[:, :, None]
        source = ring_row * width + np.minimum(np.maximum(pk, 0), width - 1)
        offsets = np.cumsum(nodes, axis=1) + ks * skip
        return gains, source, inside, nodes, offsets

    insert = next((t for t, ab in enumerate(types) if ab == (0, 1)), None)
    step_types = np.array(steps, dtype=np.int8)
    cost = np.full((ring, width), -np.inf)
    flat_cost = cost.reshape(-1)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    for i in range(n + 1):
        if i % block == 0:
            if on_rows and i:
                on_rows(i)
            gains, sources, insides, node_gains, offsets = score_rows(i)
        r = i % block
        inside = insides[r]
        cand = flat_cost[sources[r]] + gains[r]
        pick = cand.argmax(axis=0)
        best = cand[pick, ks]
        arg = np.where(np.isfinite(best), step_types[pick], -1).astype(np.int8)
        if i == 0:
            best[0] = 0.0  # lo[0] == 0: the origin
        best = best + node_gains[r]
        if insert is not None:
            # cost[k] = max(best[k], cost[k-1] + skip + gain[k]); with G the running sum of
            # gain, cost[k] - G[k] - k·skip is a running maximum of best[k'] - G[k'] - k'·skip
            offset = offsets[r]
            shifted = np.where(inside, best - offset, -np.inf)
            run = np.maximum.accumulate(shifted) + offset
            # a margin so that rounding in the shift never turns a diagonal step into insertions
            from_left = (run > best + 1e-9) & inside & (ks > 0)
            best = np.where(from_left, run, best)
            arg = np.where(from_left, insert, arg)
        cost[i % ring] = best
        back[i] = arg
    if on_rows:
        on_rows(n + 1)
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
