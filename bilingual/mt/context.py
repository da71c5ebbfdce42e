"""Sentences with their article around them, for engines that translate in context
(`mt.InContext`, the llm engine): built from the edition's pairs in document order.

A sentence's context is its article's title and up to NEIGHBOURS sentences on each side in
the same article; a sentence the edition holds twice gets the context of its first place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..document import Pair
from ..terms.analysis import Analysis
from . import SentenceInContext

NEIGHBOURS = 2


class _Unit(Protocol):
    """What the caller translates: an analysed sentence and the pairs that receive it."""

    analysis: Analysis
    sids: list[str]


def in_context(units: Sequence[_Unit], pairs: Sequence[Pair]) -> list[SentenceInContext]:
    """Each unit with its article's title and neighbouring sentences (see the module doc)."""
    place = {p.sid: i for i, p in enumerate(pairs)}
    titles: dict[int, str] = {}
    for pair in pairs:
        if pair.kind == "title":
            titles[pair.article] = titles.get(pair.article, "") + pair.zh
    out = []
    for unit in units:
        at = min((place[s] for s in unit.sids if s in place), default=None)
        if at is None:
            out.append(SentenceInContext(unit.analysis, 0, ""))
            continue
        article = pairs[at].article
        before = [p.zh for p in pairs[max(0, at - NEIGHBOURS) : at] if p.article == article]
        after = [p.zh for p in pairs[at + 1 : at + 1 + NEIGHBOURS] if p.article == article]
        title = titles.get(article, "")
        if pairs[at].kind == "title":  # a title is its own context
            title = ""
        out.append(SentenceInContext(unit.analysis, article, title, tuple(before), tuple(after)))
    return out
