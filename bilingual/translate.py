"""Translate an edition: every pending sentence once, through the content-keyed cache, in batches.

Pending means untranslated, or machine-translated under another signature (other model,
options or glossary). Pairs a person has `edited` or `approved` are never touched.

Person names credited in a byline, dateline or attribution are protected (and checked)
wherever the same article repeats them, not only in the block that names them: a paragraph's
"康志友强调" has no job title before the name, so the sentence alone would not reveal it.

The cache key is sha1(zh, engine signature, the sentence's glossary terms, its names): the
glossary hash is in each pair's signature, but only the terms a sentence holds are in its
key, so a glossary edit re-translates only the sentences holding a changed term. Misses are
translated longest-similar-first in batches; each batch is committed to the cache and then
to the edition before the next starts, so a killed run loses at most the batch in flight.
QA is the caller's next step (`qa.run_qa`): the CLI's `translate` and `build` run it, so
every flag is in place for review.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from .document import REVIEWED, Flag, Pair, Signature, flags_from_json, source_flags
from .errors import ReviewError
from .mt import (
    DEFAULT_BEAM_SIZE,
    DEFAULT_MAX_DECODING_LENGTH,
    Engine,
    EngineOptions,
    choose,
    engine_names,
)
from .store import EditionStore, TranslationCache
from .terms.analysis import Analysis, analyse, article_credits
from .terms.files import default_glossary
from .terms.glossary import Glossary
from .terms.protect import check, protect, restore

# Sentences per committed batch: what a SIGKILL can lose, and how often progress moves.
# Large enough that CTranslate2 still fills its token batches (see bench/translate.py).
BATCH_SENTENCES = 256


def batch_sentences() -> int:
    """The batch size, or `BILINGUAL_MT_BATCH` (read per run, so benches can vary it)."""
    return int(os.environ.get("BILINGUAL_MT_BATCH") or BATCH_SENTENCES)


Progress = Callable[[int, int], None]


@dataclass
class TranslateReport:
    """What a run did. `translated` and `cached` count distinct source texts."""

    translated: int
    cached: int
    engine: str
    seconds: float
    redone_for_glossary: int = 0
    sentences: int = 0  # pairs written
    kept_reviewed: int = 0  # edited/approved pairs left alone
    label: str = ""
    signature: str = ""
    notice: str = ""

    def to_json(self) -> dict:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        return data


@dataclass
class OneResult:
    """A single re-translation (for review): the pair fields, not yet written to the edition."""

    sid: str
    en: str
    mt: str
    signature: Signature
    flags: tuple[Flag, ...] = ()


@dataclass
class _Unit:
    """One distinct analysed sentence (text and names) to translate, and the pairs that
    receive it."""

    analysis: Analysis
    key: str
    sids: list[str] = field(default_factory=list)

    @property
    def zh(self) -> str:
        return self.analysis.text


def _unit(pair: Pair, glossary: Glossary, credits: dict, engine_sig: Signature) -> _Unit:
    """The analysed sentence of a pair: the names its own block kind reveals, then the
    article's credited names that occur in it (only those, so the cache key of a sentence
    without them stays shared with other editions)."""
    analysis = analyse(pair.zh, pair.kind, glossary, credits.get(pair.article, ()))
    return _Unit(analysis, cache_key(analysis, engine_sig))


def cache_key(analysis: Analysis, engine_signature: Signature) -> str:
    """sha1 of the text, the engine's signature, the sentence's terms and its names."""
    names = tuple((n.zh, n.en) for n in analysis.named)
    text = "\x1f".join([analysis.text, str(engine_signature), analysis.terms_key, repr(names)])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _setup(
    engine_name: str,
    model: str | None,
    beam_size: int,
    max_decoding_length: int,
    glossary: Glossary | None,
) -> tuple[Glossary, Engine, str, Signature, Signature]:
    """(glossary, engine, notice, the engine's signature, the full signature with the glossary)."""
    glossary = default_glossary() if glossary is None else glossary
    options = EngineOptions(model, beam_size, max_decoding_length, glossary)
    engine, notice = choose(engine_name, options)
    engine_sig = engine.signature()
    return glossary, engine, notice, engine_sig, engine_sig.with_glossary(glossary.hash)


def _flags(engine: Engine, unit: _Unit, en: str) -> tuple[Flag, ...]:
    """Terminology/number check flags, plus the engine's own label flag (the word gloss)."""
    flags = check(unit.analysis, en)
    if engine.flag is not None:
        flags.append(engine.flag)
    return tuple(flags)


def _run(engine: Engine, units: list[_Unit]) -> list[tuple[str, tuple[Flag, ...]]]:
    """Protect terms, translate one batch, restore and check: (en, flags) per unit."""
    protected = [protect(u.analysis) for u in units]
    raw = engine.translate([p.text for p in protected])
    out = []
    for unit, prot, mt in zip(units, protected, raw, strict=True):
        en = restore(mt, prot)
        out.append((en, _flags(engine, unit, en)))
    return out


def _is_mt(signature: str) -> bool:
    """Whether a machine pair came from one of our engines (not, say, an aligner's import)."""
    return not signature or Signature.parse(signature).engine in engine_names()


def _pending(
    store: EditionStore, glossary: Glossary, engine_sig: Signature, signature: Signature
) -> tuple[list[_Unit], dict[str, str], int]:
    """Distinct (text, names) units still to translate, their previous signatures, and the
    number of reviewed pairs left alone."""
    units: dict[str, _Unit] = {}
    previous: dict[str, str] = {}  # key → the signature its pairs had before
    kept = 0
    pairs = store.pairs()
    credits = article_credits(pairs, glossary)
    for pair in pairs:
        if pair.status in REVIEWED:
            kept += 1
            continue
        if pair.status == "machine" and (
            pair.signature == str(signature) or not _is_mt(pair.signature)
        ):
            continue
        unit = _unit(pair, glossary, credits, engine_sig)
        unit = units.setdefault(unit.key, unit)
        unit.sids.append(pair.sid)
        if pair.status == "machine":
            previous[unit.key] = pair.signature
    return list(units.values()), previous, kept


def translate_edition(
    store: EditionStore,
    engine_name: str = "auto",
    model: str | None = None,
    beam_size: int = DEFAULT_BEAM_SIZE,
    max_decoding_length: int = DEFAULT_MAX_DECODING_LENGTH,
    progress: Progress | None = None,
    glossary: Glossary | None = None,
    cache: TranslationCache | None = None,
) -> TranslateReport:
    """Translate every pending sentence of the edition; see the module docstring."""
    started = time.perf_counter()
    glossary, engine, notice, engine_sig, signature = _setup(
        engine_name, model, beam_size, max_decoding_length, glossary
    )
    units, previous, kept = _pending(store, glossary, engine_sig, signature)
    total = sum(len(u.sids) for u in units)
    own_cache = cache is None
    cache = cache or TranslationCache()
    try:
        hits = cache.get_many(u.key for u in units)
        cached = [u for u in units if u.key in hits]
        results = {u.key: (hits[u.key][0], _flags(engine, u, hits[u.key][0])) for u in cached}
        written = _write(store, cached, results, signature)
        done = sum(len(u.sids) for u in cached)
        if progress:
            progress(done, total)
        # Similar lengths together: CTranslate2 pads less, and each batch commits whole.
        misses = sorted((u for u in units if u.key not in hits), key=lambda u: len(u.zh))
        redone = sum(
            1
            for u in misses
            if u.key in previous and Signature.parse(previous[u.key]).identity == engine_sig
        )
        size = batch_sentences()
        for start in range(0, len(misses), size):
            batch = misses[start : start + size]
            results = dict(zip((u.key for u in batch), _run(engine, batch), strict=True))
            with cache.transaction():
                cache.put_many(
                    (u.key, u.zh, results[u.key][0], signature, results[u.key][1]) for u in batch
                )
            written += _write(store, batch, results, signature)
            done += sum(len(u.sids) for u in batch)
            if progress:
                progress(done, total)
    finally:
        if own_cache:
            cache.close()
    return TranslateReport(
        translated=len(misses),
        cached=len(cached),
        engine=engine.name,
        seconds=time.perf_counter() - started,
        redone_for_glossary=redone,
        sentences=written,
        kept_reviewed=kept,
        label=engine.label,
        signature=str(signature),
        notice=notice,
    )


def _write(store: EditionStore, units: list[_Unit], results: dict, signature: Signature) -> int:
    """Store results on their pairs in one transaction, re-checking that none was reviewed
    meanwhile (a reviewer may be working on the edition while it translates)."""
    written = 0
    with store.transaction():
        for unit in units:
            en, flags = results[unit.key]
            for sid in unit.sids:
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


def translate_one(
    store: EditionStore,
    sid: str,
    engine_name: str = "auto",
    model: str | None = None,
    beam_size: int = DEFAULT_BEAM_SIZE,
    max_decoding_length: int = DEFAULT_MAX_DECODING_LENGTH,
    glossary: Glossary | None = None,
) -> OneResult:
    """Machine-translate one sentence (through the cache) for the reviewer's re-translate key.

    Returns the fields; the caller (`review.retranslate`) writes and logs the pair, whatever
    its status, because a person asked for it.
    """
    pair = store.pair(sid)
    if pair is None:
        raise ReviewError(f"No sentence {sid} in this edition", "See `bilingual show`.")
    glossary, engine, _notice, engine_sig, signature = _setup(
        engine_name, model, beam_size, max_decoding_length, glossary
    )
    article = [p for p in store.pairs() if p.article == pair.article]
    unit = _unit(pair, glossary, article_credits(article, glossary), engine_sig)
    with TranslationCache() as cache:
        hit = cache.get_many([unit.key]).get(unit.key)
        if hit is not None:
            en, flags = hit[0], _flags(engine, unit, hit[0])
        else:
            ((en, flags),) = _run(engine, [unit])
            with cache.transaction():
                cache.put_many([(unit.key, unit.zh, en, signature, flags)])
    return OneResult(sid=sid, en=en, mt=en, signature=signature, flags=flags)
