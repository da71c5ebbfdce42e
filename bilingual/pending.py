"""What a translation run has to do: an edition's pending pairs as distinct analysed units.

A pair is pending when it is untranslated, or machine-translated under another signature by
one of our engines; reviewed pairs (edited, approved) and English from elsewhere (an aligned
translation) are left alone. Each pending pair becomes one unit (its analysed text and cache
key) shared by every pair with the same text and names, or, when longer than MAX_MT_CHARS,
one unit per piece cut at clause marks (`cap_length`), so that no engine sees more than a
sentence and a long text is cached, and resumed, piece by piece (`Long`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .document import REVIEWED, Flag, Pair, Signature
from .mt import engine_names
from .store import EditionStore
from .terms.analysis import Analysis, analyse, article_credits
from .terms.glossary import Glossary
from .textutil import MAX_SENTENCE

# The longest text an engine is given: ingest's own sentence cap, so that only sentences from
# elsewhere are ever cut.
MAX_MT_CHARS = MAX_SENTENCE


@dataclass
class Unit:
    """One distinct analysed text (a sentence, or a piece of a too-long one) to translate,
    and the pairs that receive it whole."""

    analysis: Analysis
    key: str
    sids: list[str] = field(default_factory=list)

    @property
    def zh(self) -> str:
        return self.analysis.text


@dataclass
class Long:
    """A too-long pair: the keys of its pieces, in order."""

    sid: str
    length: int
    keys: list[str]


def units_of(pair: Pair, glossary: Glossary, credits: dict, engine_sig: Signature) -> list[Unit]:
    """The analysed text of a pair, or of each of its pieces when it is too long: the names its
    own block kind reveals, then the article's credited names that occur in it (only those, so
    the cache key of a sentence without them stays shared with other editions)."""
    credited = credits.get(pair.article, ())
    texts = [pair.zh]
    if len(pair.zh) > MAX_MT_CHARS:  # rare: the ingest package is imported only then
        from .ingest.sentences import cap_length

        texts = cap_length(pair.zh, MAX_MT_CHARS)
    analyses = [analyse(text, pair.kind, glossary, credited) for text in texts]
    return [Unit(a, cache_key(a, engine_sig)) for a in analyses]


def cache_key(analysis: Analysis, engine_signature: Signature) -> str:
    """sha1 of the text, the engine's signature, the sentence's terms and its names."""
    names = tuple((n.zh, n.en) for n in analysis.named)
    text = "\x1f".join([analysis.text, str(engine_signature), analysis.terms_key, repr(names)])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def joined(long: Long, results: dict) -> tuple[str, tuple[Flag, ...]]:
    """A too-long pair's English (its pieces' joined) and flags (theirs, once each, and
    `too-long` with its length)."""
    parts = [results[k] for k in long.keys]
    flags = dict.fromkeys(f for _, piece_flags in parts for f in piece_flags)
    detail = f"{long.length:,} characters; translated in {len(parts)} pieces"
    return " ".join(en for en, _ in parts if en), (Flag("too-long", detail), *flags)


def is_mt(signature: str) -> bool:
    """Whether a machine pair came from one of our engines (not, say, an aligner's import)."""
    return not signature or Signature.parse(signature).engine in engine_names()


@dataclass
class Pending:
    """What a run has to do: distinct units, too-long pairs, previous signatures by key."""

    units: list[Unit] = field(default_factory=list)
    long: list[Long] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)
    kept_reviewed: int = 0
    up_to_date: int = 0

    @property
    def pairs(self) -> int:
        return sum(len(u.sids) for u in self.units) + len(self.long)


def pending(
    store: EditionStore, glossary: Glossary, engine_sig: Signature, signature: Signature
) -> Pending:
    """Distinct units still to translate (see `Pending`)."""
    units: dict[str, Unit] = {}
    todo = Pending()
    pairs = store.pairs()
    credits = article_credits(pairs, glossary)
    for pair in pairs:
        if pair.status in REVIEWED:
            todo.kept_reviewed += 1
            continue
        if pair.status == "machine" and (
            pair.signature == str(signature) or not is_mt(pair.signature)
        ):
            todo.up_to_date += pair.signature == str(signature)
            continue
        pieces = [units.setdefault(u.key, u) for u in units_of(pair, glossary, credits, engine_sig)]
        if len(pieces) == 1:
            pieces[0].sids.append(pair.sid)
        else:
            todo.long.append(Long(pair.sid, len(pair.zh), [u.key for u in pieces]))
        if pair.status == "machine":
            for unit in pieces:
                todo.previous[unit.key] = pair.signature
    todo.units = list(units.values())
    return todo
