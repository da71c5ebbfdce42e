"""Bead scores in a band of the (zh, en) grid: weighted cosine of summed sentence vectors
times a length agreement (Bertalign's scheme).

A bead's vectors are sums of sentence vectors, so its dot product is a sum of sentence-pair
products (prefix sums over a banded matrix of them) and its norms come from a few
neighbour products per side: every n:m bead of the band is scored without building a vector.
"""

from __future__ import annotations

import numpy as np

from .signals import Space
from .sparse import band_dot, block_norms2, neighbour_dots


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

    def pair_cosines(self, s: int) -> np.ndarray:
        """cos(zh[r], en[clo[r] + k]) in the s-th space, for the band's rows r and columns k."""
        x = np.diff(self.prefix[s], axis=1)
        n_en = len(self.en_cum) - 1
        cols = np.minimum(self.clo[:, None] + np.arange(x.shape[1])[None, :], max(n_en - 1, 0))
        norm = np.sqrt(self.zh_norms[s][1][: x.shape[0], None] * self.en_norms[s][1][cols])
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(norm > 0, x / norm, 0.0)

    def similarity(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Weighted cosine of the bead zh[i-a:i] × en[j-b:j] (i, j arrays of one shape)."""
        n_zh = len(self.zh_cum) - 1
        n_en = len(self.en_cum) - 1
        if a > n_zh or b > n_en:  # a bead larger than the text: nowhere valid (and no rows)
            return np.zeros(np.shape(i))
        valid = (i >= a) & (j >= b) & (i <= n_zh) & (j <= n_en)
        i = np.where(valid, i, a)
        j = np.where(valid, j, b)
        # where the bead's rows start and end in the banded prefix sums: the same cells in
        # every space (one band), so worked out once
        width = self.prefix[0].shape[1] - 1
        cells = []
        for p in range(1, a + 1):
            r = i - p
            base = r * (width + 1)
            c = j - self.clo[r]
            cells.append(
                (
                    base + np.minimum(np.maximum(c, 0), width),
                    base + np.minimum(np.maximum(c - b, 0), width),
                )
            )
        total = np.zeros(i.shape)
        for prefix, zn, en, w in zip(
            self.prefix, self.zh_norms, self.en_norms, self.weights, strict=True
        ):
            flat = prefix.reshape(-1)
            num = np.zeros(i.shape)
            for hi, lo in cells:
                num += flat[hi] - flat[lo]
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
