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
When anything was written, QA runs over the edition so every flag is in place for review.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from .document import source_flags
from .mt import DEFAULT_BEAM_SIZE, DEFAULT_MAX_DECODING_LENGTH, Engine, EngineOptions, choose
from .store import EditionStore, Pair, TranslationCache

REVIEWED = ("edited", "approved")
GLOSSARY_SEP = " | glossary="

# Sentences per committed batch: what a SIGKILL can lose, and how often progress moves.
# Large enough that CTranslate2 still fills its token batches (see bench/translate.py).
BATCH_SENTENCES = int(os.environ.get("BILINGUAL_MT_BATCH", "256"))

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
    signature: str
    flags: list[dict] = field(default_factory=list)


@dataclass
class _Unit:
    """One distinct (text, names) to translate, and the pairs that receive it."""

    zh: str
    names: tuple[tuple[str, str], ...]
    key: str
    sids: list[str] = field(default_factory=list)


# Block kinds whose names hold for the whole article (who wrote it, who is quoted).
CREDIT_KINDS = ("byline", "dateline", "attribution")


def _credited_names(pairs: list[Pair], glossary) -> dict[int, list[tuple[str, str]]]:
    """Article → the names found in its bylines, datelines and attributions (whole blocks)."""
    from .names import names_in

    blocks: dict[str, list[Pair]] = {}
    for pair in pairs:
        if pair.kind in CREDIT_KINDS:
            blocks.setdefault(pair.block, []).append(pair)
    credited: dict[int, list[tuple[str, str]]] = {}
    for block in blocks.values():
        text = "".join(p.zh for p in block)
        credited.setdefault(block[0].article, []).extend(names_in(text, block[0].kind, glossary))
    return credited


def _names(pair: Pair, glossary, credited: dict) -> tuple[tuple[str, str], ...]:
    """Names to protect like glossary terms in one sentence: those its own block kind reveals,
    then the article's credited names that occur in it (only those, so the cache key of a
    sentence without them stays shared with other editions)."""
    from .names import names_in

    found = list(names_in(pair.zh, pair.kind, glossary))
    seen = {zh for zh, _ in found}
    for zh, en in credited.get(pair.article, ()):
        if zh not in seen and zh in pair.zh:
            seen.add(zh)
            found.append((zh, en))
    return tuple(found)


def cache_key(zh: str, engine_signature: str, terms_key: str, names: tuple = ()) -> str:
    text = "\x1f".join([zh, engine_signature, terms_key, repr(names)])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _setup(engine_name, model, beam_size, max_decoding_length, glossary):
    if glossary is None:
        from .glossary import load_glossary

        glossary = load_glossary()
    options = EngineOptions(model, beam_size, max_decoding_length, glossary)
    engine, notice = choose(engine_name, options)
    engine_sig = engine.signature()
    return glossary, engine, notice, engine_sig, f"{engine_sig}{GLOSSARY_SEP}{glossary.hash}"


def _flags(engine: Engine, glossary, unit: _Unit, en: str) -> list[dict]:
    """Terminology/number check flags, plus the engine's own label flag (the word gloss)."""
    from .terminology import check

    flags = check(unit.zh, en, glossary, unit.names)
    if getattr(engine, "flag", None):
        flags.append(dict(engine.flag))
    return flags


def _run(engine: Engine, glossary, units: list[_Unit]) -> list[tuple[str, list[dict]]]:
    """Protect terms, translate one batch, restore and check: (en, flags) per unit."""
    from .terminology import protect, restore

    protected = [protect(u.zh, glossary, u.names) for u in units]
    raw = engine.translate([p.text for p in protected])
    out = []
    for unit, prot, mt in zip(units, protected, raw, strict=True):
        en = restore(mt, prot)
        out.append((en, _flags(engine, glossary, unit, en)))
    return out


def _is_mt(signature: str) -> bool:
    """Whether a machine pair came from one of our engines (not, say, an aligner's import)."""
    from .mt import engine_names

    return not signature or signature.split(" ", 1)[0] in engine_names()


def _pending(store: EditionStore, glossary, engine_sig: str, signature: str):
    """Distinct (text, names) units still to translate, their previous signatures, and the
    number of reviewed pairs left alone."""
    units: dict[tuple, _Unit] = {}
    previous: dict[str, str] = {}  # key → the signature its pairs had before
    kept = 0
    pairs = store.pairs()
    credited = _credited_names(pairs, glossary)
    for pair in pairs:
        if pair.status in REVIEWED:
            kept += 1
            continue
        if pair.status == "machine" and (pair.signature == signature or not _is_mt(pair.signature)):
            continue
        names = _names(pair, glossary, credited)
        unit = units.get((pair.zh, names))
        if unit is None:
            key = cache_key(pair.zh, engine_sig, glossary.terms_key(pair.zh), names)
            unit = units[(pair.zh, names)] = _Unit(pair.zh, names, key)
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
    glossary=None,
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
        results = {
            u.key: (hits[u.key][0], _flags(engine, glossary, u, hits[u.key][0])) for u in cached
        }
        written = _write(store, cached, results, signature)
        done = sum(len(u.sids) for u in cached)
        if progress:
            progress(done, total)
        # Similar lengths together: CTranslate2 pads less, and each batch commits whole.
        misses = sorted((u for u in units if u.key not in hits), key=lambda u: len(u.zh))
        redone = sum(
            1 for u in misses if previous.get(u.key, "").split(GLOSSARY_SEP)[0] == engine_sig
        )
        for start in range(0, len(misses), BATCH_SENTENCES):
            batch = misses[start : start + BATCH_SENTENCES]
            results = dict(zip((u.key for u in batch), _run(engine, glossary, batch), strict=True))
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
    if written:
        # the checks that need the whole edition (length-ratio band, Chinese left, odd
        # output) run now, so `review --filter flagged` sees every flag without a `qa` run
        from .qa import run_qa

        run_qa(store, glossary)
    return TranslateReport(
        translated=len(misses),
        cached=len(cached),
        engine=engine.name,
        seconds=time.perf_counter() - started,
        redone_for_glossary=redone,
        sentences=written,
        kept_reviewed=kept,
        label=engine.label,
        signature=signature,
        notice=notice,
    )


def _write(store: EditionStore, units: list[_Unit], results: dict, signature: str) -> int:
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
                    flags=flags + source_flags(row["flags"]),
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
    glossary=None,
) -> OneResult:
    """Machine-translate one sentence (through the cache) for the reviewer's re-translate key.

    Returns the fields; the caller (`review.retranslate`) writes and logs the pair, whatever
    its status, because a person asked for it.
    """
    from .errors import ReviewError

    pair = store.pair(sid)
    if pair is None:
        raise ReviewError(f"No sentence {sid} in this edition", "See `bilingual show`.")
    glossary, engine, _notice, engine_sig, signature = _setup(
        engine_name, model, beam_size, max_decoding_length, glossary
    )
    article = [p for p in store.pairs() if p.article == pair.article]
    names = _names(pair, glossary, _credited_names(article, glossary))
    unit = _Unit(pair.zh, names, cache_key(pair.zh, engine_sig, glossary.terms_key(pair.zh), names))
    with TranslationCache() as cache:
        hit = cache.get_many([unit.key]).get(unit.key)
        if hit is not None:
            en, flags = hit[0], _flags(engine, glossary, unit, hit[0])
        else:
            ((en, flags),) = _run(engine, glossary, [unit])
            with cache.transaction():
                cache.put_many([(unit.key, unit.zh, en, signature, flags)])
    return OneResult(sid=sid, en=en, mt=en, signature=signature, flags=flags)
