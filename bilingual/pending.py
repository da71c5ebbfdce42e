"""What a translation run has to do: an edition's pending pairs as distinct analysed units.

A pair is pending when it is untranslated, or machine-translated under another signature by
one of our engines; reviewed pairs (edited, approved) and English from elsewhere (an aligned
translation) are left alone. Each pending pair becomes one unit (its analysed text and cache
key) shared by every pair with the same text and names, or, when longer than MAX_MT_CHARS,
one unit per piece cut at clause marks (`cap_length`), so that no engine sees more than a
sentence and a long text is cached, and resumed, piece by piece (`Long`). A run's results go
to the cache and to the pairs through `cache_results` and `write_results`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .document import REVIEWED, Flag, Pair, Signature, flags_from_json, source_flags
from .mt import engine_names
from .store import EditionStore, TranslationCache
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
    """What a run has to do: distinct units, too-long pairs, previous signatures by key.

    `waiting` holds the pending pairs not analysed yet (`pending(..., analysed=False)`):
    `analyse(pair)` turns one into units, so a run can start translating the first while it
    analyses the rest (`translate._translate`)."""

    units: list[Unit] = field(default_factory=list)
    long: list[Long] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)
    kept_reviewed: int = 0
    up_to_date: int = 0
    waiting: list[Pair] = field(default_factory=list)
    glossary: Glossary | None = None
    engine_sig: Signature | None = None
    credits: dict = field(default_factory=dict)
    by_key: dict[str, Unit] = field(default_factory=dict, repr=False)

    @property
    def pairs(self) -> int:
        return sum(len(u.sids) for u in self.units) + len(self.long) + len(self.waiting)

    def analyse(self, pair: Pair) -> tuple[list[Unit], list[Unit]]:
        """Take in a waiting pair's units: (its pieces, sharing any unit already held with the
        same key; those among them that are new)."""
        assert self.glossary is not None and self.engine_sig is not None
        found = units_of(pair, self.glossary, self.credits, self.engine_sig)
        new = [self.by_key.setdefault(u.key, u) for u in found if u.key not in self.by_key]
        self.units += new
        pieces = [self.by_key[u.key] for u in found]
        if len(pieces) == 1:
            pieces[0].sids.append(pair.sid)
        else:
            self.long.append(Long(pair.sid, len(pair.zh), [u.key for u in pieces]))
        if pair.status == "machine":
            for unit in pieces:
                self.previous[unit.key] = pair.signature
        return pieces, new


def pending(
    store: EditionStore,
    glossary: Glossary,
    engine_sig: Signature,
    signature: Signature,
    analysed: bool = True,
) -> Pending:
    """Distinct units still to translate (see `Pending`); with `analysed=False` the pending
    pairs are left `waiting`, in document order."""
    pairs = store.pairs()
    todo = Pending(glossary=glossary, engine_sig=engine_sig)
    todo.credits = article_credits(pairs, glossary)
    for pair in pairs:
        if pair.status in REVIEWED:
            todo.kept_reviewed += 1
        elif pair.status == "machine" and (
            pair.signature == str(signature) or not is_mt(pair.signature)
        ):
            todo.up_to_date += pair.signature == str(signature)
        elif analysed:
            todo.analyse(pair)
        else:
            todo.waiting.append(pair)
    return todo


def cache_results(
    cache: TranslationCache, units: list[Unit], results: dict, signature: Signature
) -> None:
    """Put the units' results in the translation cache, in one transaction. No English is no
    result (an LLM that gave none): it is not cached, so the next run asks again."""
    with cache.transaction():
        cache.put_many(
            (u.key, u.zh, results[u.key][0], signature, results[u.key][1])
            for u in units
            if results[u.key][0]
        )


def write_results(
    store: EditionStore,
    units: list[Unit],
    long: list[Long],
    results: dict,
    signature: Signature,
) -> int:
    """Store results on their pairs in one transaction, re-checking that none was reviewed
    meanwhile (a reviewer may be working on the edition while it translates)."""
    written = 0
    targets = [(sid, results[u.key]) for u in units for sid in u.sids]
    targets += [(x.sid, joined(x, results)) for x in long]
    with store.transaction():
        for sid, (en, flags) in targets:
            row = store.raw_pair(sid)
            if row is None or row["status"] in REVIEWED:
                continue
            store.update_pair(
                sid,
                en=en,
                mt=en,
                status="machine" if en.strip() else "untranslated",
                signature=signature,
                flags=(*flags, *source_flags(flags_from_json(row["flags"]))),
            )
            written += 1
    return written
