"""Translate an edition: every pending sentence once, through the content-keyed cache, in chunks.

Pending means untranslated, or machine-translated under another signature (other model,
options or glossary). Pairs a person has `edited` or `approved` are never touched.

Person names credited in a byline, dateline or attribution are protected (and checked)
wherever the same article repeats them, not only in the block that names them: a paragraph's
"康志友强调" has no job title before the name, so the sentence alone would not reveal it.

The cache key is sha1(zh, engine signature, the sentence's glossary terms, its names): the
glossary hash is in each pair's signature, but only the terms a sentence holds are in its
key, so a glossary edit re-translates only the sentences holding a changed term. Misses are
translated longest-similar together in chunks of a few seconds of work (`chunks.py`); each
chunk is committed to the cache and then to the edition as it finishes, so a killed run loses
only the chunks in flight, and a stop request (`stop`, which the CLI's Ctrl-C makes) ends the
run within a second or so with every finished chunk kept (`report.interrupted`). `progress(done, total,
eta)` hears of each chunk: sentences (pairs) written so far, of how many, and the seconds
left at the pace so far (None before the first chunk).

A sentence longer than MAX_MT_CHARS (ingest never makes one; an aligned or merged pair may
be one) is given to the engines as pieces cut at clause marks (`pending.py`): each piece is
translated, cached and checked as a sentence of its own, the pair's English is the pieces'
English joined, and the pair carries a `too-long` flag with its length. Nothing is cut off,
and a run interrupted inside such a sentence keeps the pieces it finished.

QA is the caller's next step (`qa.run_qa`): the CLI's `translate` and `build` run it, so
every flag is in place for review.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from .chunks import Rate, StopRequest, run_chunks
from .document import Flag, Pair, Signature
from .errors import ReviewError
from .mt import (
    DEFAULT_BEAM_SIZE,
    DEFAULT_MAX_DECODING_LENGTH,
    Engine,
    EngineOptions,
    InContext,
    choose,
)
from .mt.context import in_context
from .mt.llm_settings import LLMSettings
from .pending import Long, Pending, Unit, cache_results, joined, pending, units_of, write_results
from .store import EditionStore, TranslationCache
from .terms.analysis import article_credits
from .terms.files import default_glossary
from .terms.glossary import Glossary
from .terms.protect import Slot, check, protect, restore

# Pairs analysed at a time while chunks decode: ~15 ms, so the caller's thread stays responsive.
FEED = 32
# progress(done, total, eta): pairs written so far, of how many, seconds left (None: unknown)
Progress = Callable[[int, int, float | None], None]


@dataclass
class TranslateReport:
    """What a run did. `translated` and `cached` count distinct source texts; `sentences`
    (pairs written), `pending` (pairs the run had to do) and `up_to_date` (pairs already
    translated under this signature, left alone) count pairs."""

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
    pending: int = 0
    up_to_date: int = 0
    interrupted: bool = False  # stopped between chunks; what was written is kept
    from_tm: int = 0  # pairs written from the translation memory (`tm=True`)
    unanswered: int = 0  # sentences the engine gave no English (an LLM's failures: flagged)

    @property
    def kept(self) -> int:
        """Pairs holding this signature's English now (earlier runs' and this run's)."""
        return self.up_to_date + self.sentences

    @property
    def wanted(self) -> int:
        """Pairs that should hold it once the run is complete."""
        return self.up_to_date + self.pending

    def to_json(self) -> dict:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        return data

    @classmethod
    def nothing_to_do(cls, last: dict) -> TranslateReport:
        """A run that found nothing to do after the run `last` (a `to_json()`) describes."""
        known = {k: v for k, v in last.items() if k in cls.__dataclass_fields__}
        return cls(
            **known
            | {"translated": 0, "cached": 0, "seconds": 0.0, "redone_for_glossary": 0}
            | {"sentences": 0, "pending": 0, "interrupted": False}
            | {"up_to_date": last["up_to_date"] + last["sentences"]}
        )


@dataclass
class OneResult:
    """A single re-translation (for review): the pair fields, not yet written to the edition."""

    sid: str
    en: str
    mt: str
    signature: Signature
    flags: tuple[Flag, ...] = ()


def engine_for(
    engine_name: str,
    model: str | None,
    beam_size: int,
    max_decoding_length: int,
    glossary: Glossary | None,
    llm: LLMSettings | None = None,
) -> tuple[Glossary, Engine, str, Signature, Signature]:
    """(glossary, engine, notice, the engine's signature, the full signature with the glossary),
    as every run sets them up (`bilingual.batch` too, for the sentences of many editions)."""
    glossary = default_glossary() if glossary is None else glossary
    options = EngineOptions(model, beam_size, max_decoding_length, glossary, llm)
    engine, notice = choose(engine_name, options)
    engine_sig = engine.signature()
    return glossary, engine, notice, engine_sig, engine_sig.with_glossary(glossary.hash)


def _flags(engine: Engine, unit: Unit, en: str, lost: list[Slot] | None = None) -> tuple[Flag, ...]:
    """Terminology/number check flags (every occurrence; `lost`: the slots whose marker MT
    did not give back), plus the engine's own label flag (the word gloss)."""
    flags = check(unit.analysis, en, lost or ())
    if engine.flag is not None:
        flags.append(engine.flag)
    return tuple(flags)


def run_units(
    engine: Engine,
    units: list[Unit],
    pairs: list[Pair] | None = None,
    stop: StopRequest | None = None,
) -> list[tuple[str, tuple[Flag, ...]]]:
    """Protect terms, translate one chunk, restore and check: (en, flags) per unit (a batch's
    engine may be a pool of remote workers that only see the protected text).

    An engine that translates in context (`mt.InContext`, the llm engine) gets the units with
    their articles (from `pairs`) and the glossary as instructions instead of markers; its own
    flags stay, and English it could not give ("") is not checked."""
    if isinstance(engine, InContext):
        answers = engine.translate_units(in_context(units, pairs or []), stop)
        return [
            (en, (*_flags(engine, u, en), *own) if en else own)
            for u, (en, own) in zip(units, answers, strict=True)
        ]
    protected = [protect(u.analysis, engine.placeholders) for u in units]
    raw = engine.translate([p.text for p in protected])
    out = []
    for unit, prot, mt in zip(units, protected, raw, strict=True):
        en, lost = restore(mt, prot, report=True)
        out.append((en, _flags(engine, unit, en, lost)))
    return out


def translate_edition(
    store: EditionStore,
    engine_name: str = "auto",
    model: str | None = None,
    beam_size: int = DEFAULT_BEAM_SIZE,
    max_decoding_length: int = DEFAULT_MAX_DECODING_LENGTH,
    progress: Progress | None = None,
    glossary: Glossary | None = None,
    cache: TranslationCache | None = None,
    stop: StopRequest | None = None,
    tm: bool = False,
    llm: LLMSettings | None = None,
) -> TranslateReport:
    """Translate every pending sentence of the edition; see the module docstring. With `tm`,
    exact translation-memory matches are taken first (origin `tm`), the rest go to MT."""
    started = time.perf_counter()
    glossary, engine, notice, engine_sig, signature = engine_for(
        engine_name, model, beam_size, max_decoding_length, glossary, llm
    )
    # Analysed as it translates (`_translate`), unless the engine wants whole articles or the
    # translation memory goes first: both need every unit before any is translated.
    streamed = not tm and not isinstance(engine, InContext)
    todo = pending(store, glossary, engine_sig, signature, analysed=not streamed)
    report = TranslateReport(
        translated=0,
        cached=0,
        engine=engine.name,
        seconds=0.0,
        kept_reviewed=todo.kept_reviewed,
        label=engine.label,
        signature=str(signature),
        notice=notice,
        pending=todo.pairs,
        up_to_date=todo.up_to_date,
    )
    if tm:
        report.from_tm = _from_memory(store, todo)
        report.sentences = report.from_tm
    own_cache = cache is None
    cache = cache or TranslationCache()
    try:
        _translate(store, engine, cache, todo, signature, report, progress, stop)
    finally:
        if own_cache:
            cache.close()
    report.seconds = time.perf_counter() - started
    return report


def _translate(
    store: EditionStore,
    engine: Engine,
    cache: TranslationCache,
    todo: Pending,
    signature: Signature,
    report: TranslateReport,
    progress: Progress | None,
    stop: StopRequest | None,
) -> None:
    """Cache hits written as they are found, misses translated chunk by chunk, each committed
    as it finishes.

    Pairs still `waiting` are analysed shortest first, a few at a time, while the chunks
    already cut decode (`run_chunks`' `feed`; CTranslate2 releases the GIL): the misses come
    in the order the eager path sorts them to, and the first chunk starts after a few
    sentences' analysis, not after the whole edition's."""
    results: dict[str, tuple[str, tuple[Flag, ...]]] = {}
    finished_long: set[str] = set()

    def commit(units: list[Unit], first: bool = False) -> None:
        """Write the pairs these units complete (whole sentences, and too-long pairs whose
        last piece is among them) in one transaction; progress hears of it (and of the
        `first`, even with nothing written)."""
        done = [
            x for x in todo.long if x.sid not in finished_long and all(k in results for k in x.keys)
        ]
        if not units and not done and not first:
            return
        finished_long.update(x.sid for x in done)
        report.sentences += write_results(store, units, done, results, signature)
        if progress:
            progress(report.sentences, report.pending, rate.eta())

    def look_up(units: list[Unit], also: list[Unit], first: bool = False) -> list[Unit]:
        """Take the cache's English for `units` and commit them with `also`; the misses."""
        hits = cache.get_many(u.key for u in units)
        found = [u for u in units if u.key in hits]
        results.update((u.key, (hits[u.key][0], _flags(engine, u, hits[u.key][0]))) for u in found)
        report.cached += len(found)
        commit(found + also, first)
        return [u for u in units if u.key not in hits]

    rate = Rate()
    # Stable: document order within a length, as the eager path's units are.
    waiting, todo.waiting = sorted(todo.waiting, key=lambda p: len(p.zh)), []
    misses = look_up(todo.units, [], first=True)  # in document order
    # In context (the llm engine): document order, so a chunk holds neighbouring sentences
    # of an article and at least the engine's `batch_sentences`. Otherwise similar lengths
    # together: CTranslate2 pads less, and chunks grow steadily.
    in_articles = isinstance(engine, InContext)
    pairs = store.pairs() if in_articles else None
    if not in_articles:
        misses.sort(key=lambda u: len(u.zh))
    # What the misses will come to, as the chunk cutter must know it from the start: every
    # distinct text still waiting is taken to be one (a cache hit takes its size off).
    seen: set[str] = set()
    unseen = sum(len(zh) for zh in {p.zh for p in waiting})
    missed = sum(len(u.zh) for u in misses)
    rate.total = missed + unseen
    position = 0

    def feed() -> bool:
        """Analyse the next few waiting pairs; their misses join the chunks' items."""
        nonlocal position, unseen, missed
        batch = waiting[position : position + FEED]
        position += len(batch)
        new: list[Unit] = []
        again: list[Unit] = []  # a repeat of a sentence whose English is in: written now
        for pair in batch:
            pieces, fresh = todo.analyse(pair)
            new += fresh
            if len(pieces) == 1 and not fresh and pieces[0].key in results:
                again.append(Unit(pieces[0].analysis, pieces[0].key, [pair.sid]))
        fed = look_up(new, again)
        misses.extend(fed)
        unseen -= sum(len(zh) for zh in {p.zh for p in batch} - seen)
        seen.update(p.zh for p in batch)
        missed += sum(len(u.zh) for u in fed)
        rate.total = missed + unseen
        return position < len(waiting)

    # Up to the first miss (an edition the cache holds whole loads no model), or to the end
    # when a stop was asked before the run (`batch`: it writes what the cache holds).
    while position < len(waiting) and (not misses or (stop and stop.asked)):
        feed()
    if not misses:
        return
    engine.prepare(len(misses) + len(waiting) - position)
    chunks = run_chunks(
        misses,
        lambda units: run_units(engine, units, pairs, stop),
        size=lambda u: len(u.zh),
        workers=engine.workers,
        stop=stop,
        rate=rate,
        granule=engine.batch,
        least=engine.batch_sentences if isinstance(engine, InContext) else 1,
        feed=feed if position < len(waiting) else None,
    )
    for chunk in chunks:
        results.update(zip((u.key for u in chunk.items), chunk.results, strict=True))
        cache_results(cache, chunk.items, results, signature)
        report.translated += len(chunk.items)
        report.unanswered += sum(1 for u in chunk.items if not results[u.key][0])
        commit(chunk.items)
    report.interrupted = report.translated < len(misses) or position < len(waiting)
    report.redone_for_glossary = sum(
        1
        for u in misses
        if u.key in todo.previous
        and Signature.parse(todo.previous[u.key]).identity == signature.identity
    )


def _from_memory(store: EditionStore, todo: Pending) -> int:
    """Write the sentences the translation memory holds exactly (checked like MT output,
    signed `tm`), take them out of `todo`, and return the number of pairs written. Pieces of
    too-long pairs are left to the engine."""
    from .tm import TM_SIGNATURE, TranslationMemory

    with TranslationMemory() as memory:
        hits = {u.key: memory.exact(u.zh) for u in todo.units if u.sids}
    found = [u for u in todo.units if hits.get(u.key) is not None]
    results = {u.key: (hits[u.key].en, tuple(check(u.analysis, hits[u.key].en))) for u in found}
    written = write_results(store, found, [], results, TM_SIGNATURE)
    pieces = {k for x in todo.long for k in x.keys}
    for unit in found:
        unit.sids = []
    todo.units = [u for u in todo.units if u.sids or u.key in pieces]
    return written


def translate_one(
    store: EditionStore,
    sid: str,
    engine_name: str = "auto",
    model: str | None = None,
    beam_size: int = DEFAULT_BEAM_SIZE,
    max_decoding_length: int = DEFAULT_MAX_DECODING_LENGTH,
    glossary: Glossary | None = None,
    llm: LLMSettings | None = None,
) -> OneResult:
    """Machine-translate one sentence (through the cache) for the reviewer's re-translate key.

    Returns the fields; the caller (`review.retranslate`) writes and logs the pair, whatever
    its status, because a person asked for it.
    """
    pair = store.pair(sid)
    if pair is None:
        raise ReviewError(f"No sentence {sid} in this edition", "See `bilingual show`.")
    glossary, engine, _notice, engine_sig, signature = engine_for(
        engine_name, model, beam_size, max_decoding_length, glossary, llm
    )
    article = [p for p in store.pairs() if p.article == pair.article]
    units = units_of(pair, glossary, article_credits(article, glossary), engine_sig)
    for unit in units:  # its place, for an engine that translates in context
        unit.sids.append(sid)
    with TranslationCache() as cache:
        hits = cache.get_many(u.key for u in units)
        results = {
            u.key: (hits[u.key][0], _flags(engine, u, hits[u.key][0]))
            for u in units
            if u.key in hits
        }
        misses = [u for u in units if u.key not in results]
        if misses:
            engine.prepare(len(misses))
            answers = run_units(engine, misses, article)
            results |= dict(zip((u.key for u in misses), answers, strict=True))
            cache_results(cache, misses, results, signature)
    if len(units) == 1:
        en, flags = results[units[0].key]
    else:
        en, flags = joined(Long(sid, len(pair.zh), [u.key for u in units]), results)
    return OneResult(sid=sid, en=en, mt=en, signature=signature, flags=flags)
