"""One analysis per sentence: its glossary terms, names and numbers, as spans.

`analyse(zh, kind, glossary, credited)` is computed once per sentence and used by every
stage that needs to know what a sentence holds: protect/restore and the checks around MT,
QA, the word gloss, the reviewer's term list and the rendered page. Results are memoised per
glossary, so the stages of one process share them.

- terms: the glossary's terms as `terms.matcher.match` finds them (variants, word
  boundaries, composition).
- names: persons and places the block kind reveals (`names.find_names`), then the article's
  credited names (bylines, datelines, attributions) that occur in the sentence; every
  occurrence is a span, except where it would split a glossary term.
- numbers: Arabic-digit numbers, dates and magnitudes (`numbers.zh_numbers`).

`protected` picks, longest-leftmost, the spans that MT must not touch.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..document import Pair
from .glossary import Glossary, Match
from .matcher import GlossaryKey, match
from .names import Named, find_names
from .numbers import Number, zh_numbers

# Block kinds whose names hold for the whole article (who wrote it, who is quoted).
CREDIT_KINDS = ("byline", "dateline", "attribution")


@dataclass(frozen=True)
class NameSpan:
    """One occurrence of a name in the sentence."""

    start: int
    end: int
    name: Named


@dataclass(frozen=True)
class Span:
    """A protected span: what MT must leave alone, with its approved English."""

    start: int
    end: int
    kind: str  # "term", "name" or "number"
    en: str


@dataclass(frozen=True)
class Analysis:
    """What one sentence holds, each as spans into `text`."""

    text: str
    terms: tuple[Match, ...]
    names: tuple[NameSpan, ...]
    numbers: tuple[Number, ...]

    @property
    def named(self) -> tuple[Named, ...]:
        """Each distinct name once, in order of first occurrence."""
        return tuple(dict.fromkeys(span.name for span in self.names))

    @cached_property
    def protected(self) -> tuple[Span, ...]:
        """Terms, names and renderable numbers, longest first at each start (on equal spans a
        name beats a term beats a number), without overlaps. Worked out once: protect, check
        and QA all ask (a cached property writes the instance's dict, which a frozen
        dataclass allows)."""
        candidates = [Span(m.start, m.end, "term", m.entry.en) for m in self.terms]
        candidates += [Span(n.start, n.end, "name", n.name.en) for n in self.names]
        candidates += [Span(n.start, n.end, "number", n.english) for n in self.numbers if n.english]
        rank = {"name": 0, "term": 1, "number": 2}
        candidates.sort(key=lambda c: (c.start, -(c.end - c.start), rank[c.kind]))
        chosen: list[Span] = []
        taken = 0
        for span in candidates:
            if span.start >= taken:
                chosen.append(span)
                taken = span.end
        return tuple(chosen)

    @property
    def terms_key(self) -> str:
        """A hash of the (zh, en) of the sentence's terms ("" when none).

        Part of its translation cache key, so that a glossary edit re-does only the sentences
        holding a changed (or newly matching) term.
        """
        if not self.terms:
            return ""
        h = hashlib.sha1()
        for zh, en in sorted({(m.entry.zh, m.entry.en) for m in self.terms}):
            h.update(f"{zh}\t{en}\n".encode())
        return h.hexdigest()[:16]


def analyse(zh: str, kind: str, glossary: Glossary, credited: Sequence[Named] = ()) -> Analysis:
    """The analysis of sentence `zh` of a block of `kind` (see the module docstring)."""
    return _analyse(zh, kind, GlossaryKey(glossary), tuple(credited))


@lru_cache(maxsize=20_000)
def _analyse(zh: str, kind: str, key: GlossaryKey, credited: tuple[Named, ...]) -> Analysis:
    glossary = key.glossary
    terms = tuple(match(zh, glossary))
    found = find_names(zh, kind, glossary, terms)
    seen = {n.zh for n in found}
    found += [n for n in credited if n.zh and n.zh in zh and n.zh not in seen]
    spans: list[NameSpan] = []
    ends = [t.end for t in terms]
    for name in found:
        if not name.zh or not name.en:
            continue
        start = zh.find(name.zh)
        while start >= 0:
            end = start + len(name.zh)
            # A name never splits a term: 忻州市 is dropped in 忻州|市委组织部 (忻州 stays).
            if not _splits_a_term(terms, ends, start, end):
                spans.append(NameSpan(start, end, name))
            start = zh.find(name.zh, start + 1)
    return Analysis(zh, terms, tuple(spans), tuple(zh_numbers(zh)))


def _splits_a_term(terms: Sequence[Match], ends: list[int], start: int, end: int) -> bool:
    """Whether the span start:end cuts a term in two. `terms` are in text order and never
    overlap (`Glossary.find`), so only those from the first one ending after `start` to the
    last one starting before `end` can be cut: a bisection, not a scan of every term, keeps
    a long text with many names and terms linear (the word gloss of a 5 MB sentence)."""
    i = bisect_right(ends, start)
    while i < len(terms) and terms[i].start < end:
        t = terms[i]
        if (t.start < end < t.end and start < t.start) or t.start < start < t.end < end:
            return True
        i += 1
    return False


def credited_names(blocks: Iterable[tuple[str, str]], glossary: Glossary) -> tuple[Named, ...]:
    """The names of an article's bylines, datelines and attributions: (kind, text) blocks,
    each read whole (a name may be cut across two of its sentences)."""
    found: dict[str, Named] = {}
    for kind, text in blocks:
        if kind in CREDIT_KINDS:
            for name in find_names(text, kind, glossary):
                found.setdefault(name.zh, name)
    return tuple(found.values())


def article_credits(pairs: Iterable[Pair], glossary: Glossary) -> dict[int, tuple[Named, ...]]:
    """Article → the names credited in its bylines, datelines and attributions, from the
    pairs of an edition in document order (a block's sentences joined)."""
    blocks: dict[str, tuple[int, str, list[str]]] = {}
    for pair in pairs:
        blocks.setdefault(pair.block, (pair.article, pair.kind, []))[2].append(pair.zh)
    by_article: dict[int, list[tuple[str, str]]] = {}
    for article, kind, texts in blocks.values():
        by_article.setdefault(article, []).append((kind, "".join(texts)))
    return {a: credited_names(texts, glossary) for a, texts in by_article.items()}
