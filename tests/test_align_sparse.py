"""The aligner's sparse products (banded dot products, neighbour products, block norms)
and the MT bridge's n-gram feature ids, against plain dense or sorted computations."""

from __future__ import annotations

import re

import numpy as np
import pytest

from bilingual.align.bridge import feature_ids, ngram_codes
from bilingual.align.sparse import Rows, band_dot, block_norms2, neighbour_dots


def _rows(dense: np.ndarray) -> Rows:
    r, f = np.nonzero(dense)
    return Rows(dense.shape[0], r.astype(np.int32), f.astype(np.int32), dense[r, f])


def test_band_dot_matches_dense() -> None:
    rng = np.random.default_rng(1)
    a = rng.random((30, 12)) * (rng.random((30, 12)) < 0.3)
    b = rng.random((40, 12)) * (rng.random((40, 12)) < 0.3)
    lo = np.clip(np.arange(30) - 3, 0, 40)
    hi = np.clip(np.arange(30) + 6, 0, 40)
    x = band_dot(_rows(a), _rows(b), lo, hi)
    full = a @ b.T
    for r in range(30):
        np.testing.assert_allclose(x[r, : hi[r] - lo[r]], full[r, lo[r] : hi[r]], rtol=1e-5)


def test_block_norms_are_norms_of_sums() -> None:
    rng = np.random.default_rng(2)
    a = rng.random((10, 5))
    g = neighbour_dots(_rows(a), 3)
    for size in (1, 2, 3):
        norms = block_norms2(g, size)
        for k in range(10 - size + 1):
            v = a[k : k + size].sum(axis=0)
            assert norms[k] == pytest.approx(v @ v)
        assert np.isinf(norms[10 - size + 1])


def test_neighbour_dots_match_dense_products() -> None:
    rng = np.random.default_rng(3)
    a = rng.random((25, 9)) * (rng.random((25, 9)) < 0.4)
    g = neighbour_dots(_rows(a), 4)
    for d in range(4):
        for r in range(25):
            want = a[r] @ a[r + d] if r + d < 25 else 0.0
            assert g[d, r] == pytest.approx(want, rel=1e-5, abs=1e-6)


@pytest.mark.parametrize("sizes", [(4,), (3, 4), (1, 2, 3, 4), (5,)])
def test_feature_ids_rank_codes_by_their_ngrams(sizes: tuple[int, ...]) -> None:
    texts = ["Reform and opening up, 1978.", "The economy grew", "zz 00 opening"]
    rows, codes, offsets, ends = ngram_codes(texts, sizes)
    ids, nf = feature_ids(codes, sizes)
    padded = [" " + " ".join(re.findall("[a-z0-9]+", t.lower())) + " " for t in texts]
    grams = [padded[r][o:e] for r, o, e in zip(rows, offsets, ends, strict=True)]
    # ranks in the order of (size, text), as np.unique would give them
    order = sorted(set(grams), key=lambda g: (len(g), g))
    assert nf == len(order)
    assert [order[k] for k in ids] == grams
