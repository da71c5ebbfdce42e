"""How much a block reads like a headline: rarity-weighted character bigrams, counted page
by page, for putting stacked bodies under their headlines and end-of-page leads back."""

from __future__ import annotations

import math
import operator
import re
from collections import Counter, defaultdict
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

    A half page's first LAZY_GRAMS bigrams are counted by testing all of its blocks; after
    that only the blocks holding the bigram's rarer character are tested, from a list of
    the blocks holding each character, made in one pass. Pages of repeated text ask about
    few bigrams, for which the plain tests are cheapest; pages each with words of their own
    ask about hundreds, and testing every block for each made them twice as slow to ingest
    per MB as repeated text.
    """

    HALF = PAGE_BLOCKS // 2
    LAZY_GRAMS = 64  # plain tests of this many bigrams cost about as much as the lists

    _NON_WORD = re.compile(f"[^{HAN}0-9A-Za-z]+")

    def __init__(self, blocks: Sequence[RawBlock]) -> None:
        self.texts = [b.text for b in blocks]
        self.index = {id(b): i for i, b in enumerate(blocks)}
        self._grams: dict[str, frozenset[str]] = {}
        self._pages: dict[int, PageWeights] = {}
        self._counts: dict[tuple[str, int], int] = {}  # (bigram, half page) → blocks with it
        self._asked: Counter[int] = Counter()  # half page → bigrams tested in all blocks
        # half page → the texts holding each character, for the few latest (they are large)
        self._holding: dict[int, dict[str, list[str]]] = {}

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
        texts = self.texts[half * self.HALF : (half + 1) * self.HALF]
        if self._asked[half] < self.LAZY_GRAMS:
            self._asked[half] += 1
        else:
            holding = self._holding.get(half)
            if holding is None:
                holding = self._holding[half] = defaultdict(list)
                for text in texts:
                    for char in set(text):
                        holding[char].append(text)
                if len(self._holding) > 4:  # a page's halves; pages are asked in order
                    del self._holding[next(iter(self._holding))]
            first, second = holding.get(gram[0], []), holding.get(gram[1], [])
            texts = first if len(first) <= len(second) else second
        return sum(map(operator.contains, texts, repeat(gram)))  # a loop in C


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
