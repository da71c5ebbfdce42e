"""How much a block reads like a headline: rarity-weighted character bigrams, counted page
by page, for putting stacked bodies under their headlines and end-of-page leads back."""

from __future__ import annotations

import math
import operator
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from itertools import repeat
from typing import TYPE_CHECKING

from .normalize import HAN

if TYPE_CHECKING:
    from .structure import RawBlock

# Blocks in one "page" for the rarity weights: a file this long holds many pages, and
# a bigram's rarity is counted on its own page (within PAGE_BLOCKS blocks either side),
# which also keeps the repairs linear in the length of the file.
PAGE_BLOCKS = 500


class Weights:
    """Rarity-weighted character bigrams, for comparing blocks with headlines.

    Only a headline's bigrams matter (a score sums the weights of the headline bigrams a
    block contains), so document frequencies are counted for those alone, by substring
    tests, without building bigram sets of long body texts. A text of up to two pages'
    worth of blocks is one page; a longer one is cut into pages of PAGE_BLOCKS blocks, each
    weighted with its neighbours' halves: counting every headline's bigrams over the whole
    file made a file of a few hundred pages take minutes. Counts are kept per half page, so
    the pages' overlaps are counted once.

    A half page's bigrams are counted by testing all of its blocks until LAZY_TESTS blocks
    have been tested (LAZY_GRAMS bigrams in a full half page, more in a short page); after
    that from an index of the half page made in one pass with numpy: every (bigram, block)
    pair in it, sorted, so a bigram's count is the width of its range (two binary searches).
    Pages of repeated text ask about few bigrams, for which the plain tests are cheapest;
    pages each with words of their own ask about hundreds, so a half page after one that
    needed its index gets one at once. The index replaced lists of the blocks holding each
    character, whose making (a Python step per character of each block) was a third of the
    time to ingest such pages.
    """

    HALF = PAGE_BLOCKS // 2
    LAZY_GRAMS = 32  # plain tests of this many bigrams cost about as much as the index
    LAZY_TESTS = LAZY_GRAMS * HALF  # a short page's tests cost less: it asks more first

    _NON_WORD = re.compile(f"[^{HAN}0-9A-Za-z]+")

    def __init__(self, blocks: Sequence[RawBlock]) -> None:
        self.texts = [b.text for b in blocks]
        self.index = {id(b): i for i, b in enumerate(blocks)}
        self._grams: dict[str, frozenset[str]] = {}
        self._pages: dict[int, PageWeights] = {}
        self._counts: dict[tuple[str, int], int] = {}  # (bigram, half page) → blocks with it
        self._asked: Counter[int] = Counter()  # half page → bigrams tested in all blocks
        # half page → its (bigram, block) index (`_half_index`), for the few latest
        self._indexes: dict[int, list[int]] = {}

    def header_grams(self, header: str) -> frozenset[str]:
        found = self._grams.get(header)
        if found is None:
            found = frozenset(
                run[i : i + 2] for run in self._NON_WORD.split(header) for i in range(len(run) - 1)
            )
            self._grams[header] = found
        return found

    def page(self, block: RawBlock) -> PageWeights:
        """The weights of the page around `block` (one of the blocks given at the start)."""
        n = len(self.texts)
        number = 0 if n <= 2 * PAGE_BLOCKS else self.index[id(block)] // PAGE_BLOCKS
        page = self._pages.get(number)
        if page is None:
            start = 0 if number == 0 else number * PAGE_BLOCKS - PAGE_BLOCKS // 2
            end = n if n <= 2 * PAGE_BLOCKS else (number + 1) * PAGE_BLOCKS + PAGE_BLOCKS // 2
            page = self._pages[number] = PageWeights(self, start, min(n, end))
        return page

    def df(self, gram: str, start: int, end: int) -> int:
        """How many of the blocks start…end hold `gram` (start: a multiple of HALF)."""
        total = 0
        for half in range(start // self.HALF, -(-end // self.HALF)):
            count = self._counts.get((gram, half))
            if count is None:
                count = self._counts[gram, half] = self._count(gram, half)
            total += count
        return total

    def _count(self, gram: str, half: int) -> int:
        """How many blocks of half page `half` hold `gram`."""
        odd = len(gram) != 2 or "\0" in gram  # never a headline's bigram; not in the index
        index = None if odd else self._indexes.get(half)
        if index is None:
            texts = self.texts[half * self.HALF : (half + 1) * self.HALF]
            tested = self._asked[half] * len(texts)
            plain = tested < self.LAZY_TESTS and half - 1 not in self._indexes
            if plain or odd:
                self._asked[half] += 1
                return sum(map(operator.contains, texts, repeat(gram)))  # a loop in C
            index = self._indexes[half] = _half_index(texts)
            if len(self._indexes) > 4:  # a page's halves; pages are asked in order
                del self._indexes[next(iter(self._indexes))]
        code = (ord(gram[0]) << 21 | ord(gram[1])) << _BLOCK_BITS
        return bisect_left(index, code + (1 << _BLOCK_BITS)) - bisect_left(index, code)


_BLOCK_BITS = 8  # a block's number in its half page (HALF < 256) in an index key


def _half_index(texts: list[str]) -> list[int]:
    """The sorted distinct keys (first character, second character, block) of every pair of
    adjacent characters in `texts` (21 + 21 + 8 bits): the blocks holding a bigram are one
    run of keys. A list, for `bisect` (numpy's own search is slow on one value). The texts are joined with NULs, so pairs across two blocks hold a NUL (a
    bigram asked about never does: `_count` tests those itself)."""
    import numpy as np

    assert len(texts) < 1 << _BLOCK_BITS
    joined = "\0".join(texts).encode("utf-32-le", "surrogatepass")  # one code point each
    chars = np.frombuffer(joined, dtype=np.uint32).astype(np.uint64)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    blocks = np.repeat(np.arange(len(texts), dtype=np.uint64), lengths + 1)[: len(chars) - 1]
    keys = (chars[:-1] << np.uint64(21 + _BLOCK_BITS)) | (chars[1:] << np.uint64(_BLOCK_BITS))
    keys |= blocks
    keys.sort()
    if not len(keys):
        return []
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))].tolist()


class PageWeights:
    """The rarity weights of one page: document frequencies among its blocks."""

    def __init__(self, weights: Weights, start: int, end: int) -> None:
        self.weights = weights
        self.start = start
        self.end = end
        self.n = max(1, end - start)
        self._idf: dict[str, float] = {}

    def idf(self, gram: str) -> float:
        weight = self._idf.get(gram)
        if weight is None:
            df = self.weights.df(gram, self.start, self.end)
            weight = math.log(self.n / df) if df else 0.0
            self._idf[gram] = weight
        return weight

    def score(self, text: str, header: str) -> float:
        return sum(self.idf(g) for g in self.weights.header_grams(header) if g in text)

    def score_bigrams(self, bigrams: set[str], header: str) -> float:
        """`score` of a text given as its set of bigrams (cheaper for many headlines)."""
        return sum(self.idf(g) for g in self.weights.header_grams(header) if g in bigrams)
