"""Translate many editions at once: each distinct pending sentence of all of them once.

The pending units of every edition (`translate`'s own, under the run's one signature) are
gathered and deduplicated by cache key, against each other and the translation cache. The
misses are translated edition by edition (each edition's longest-similar together), chunk by
chunk, through `translate.run_units` (protect → engine → restore → check) on the
run's engine: the local one, or a pool of Ray actors (`cluster.py`) that only ever see
protected text. Each finished chunk goes into the cache at once (one transaction); when an
edition has all its sentences in the cache, `translate_edition` writes it from the cache,
so the stores are written by this process alone, by the same code as `translate`, and an
interrupted run resumes from the cache.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..chunks import Rate, StopRequest, run_chunks
from ..errors import BilingualError
from ..mt import Engine
from ..pending import pending
from ..pipeline import BuildOptions
from ..store import EditionStore, TranslationCache
from ..translate import TranslateReport, run_units, translate_edition

Written = Callable[[Path, TranslateReport | None, str], None]  # (edition, report, error)


@dataclass
class Tally:
    """Distinct sentences: translated so far, of how many, and reused from the cache; kept
    up to date as chunks finish, so an interrupted run still knows what it did."""

    translated: int = 0
    misses: int = 0
    cached: int = 0
    seconds: float = 0.0  # spent translating (from the first chunk to the last)
    stopped: bool = False  # a stop request ended the run early
    rate: Rate = field(default_factory=Rate)  # the measured pace, for the ETA


Tick = Callable[[Tally], None]


@dataclass
class Plan:
    """The run's distinct misses in order, and which editions wait on which keys."""

    misses: list = field(default_factory=list)
    waiting: dict[Path, set[str]] = field(default_factory=dict)
    editions_of: dict[str, list[Path]] = field(default_factory=dict)
    cached: int = 0
    failed: dict[Path, str] = field(default_factory=dict)


def plan(editions: Sequence[Path], glossary, engine_sig, signature, cache) -> Plan:
    """Gather, deduplicate and look up the pending units of `editions` (see the docstring)."""
    out = Plan()
    seen: dict[str, object] = {}
    for directory in editions:
        try:
            with EditionStore(directory) as store:
                units = pending(store, glossary, engine_sig, signature).units
        except BilingualError as exc:
            out.failed[directory] = exc.message
            continue
        out.waiting[directory] = {u.key for u in units}
        fresh = [u for u in units if u.key not in seen]
        for unit in units:
            out.editions_of.setdefault(unit.key, []).append(directory)
        seen.update((u.key, u) for u in fresh)
        out.misses += sorted(fresh, key=lambda u: len(u.zh))
    hits = set(cache.get_many(seen))
    out.cached = len(hits)
    out.misses = [u for u in out.misses if u.key not in hits]
    for keys in out.waiting.values():
        keys -= hits
    return out


def translate_editions(
    editions: Sequence[Path],
    setup: BuildOptions,
    glossary,
    engine: Engine,
    signatures: tuple,
    cache: TranslationCache,
    written: Written,
    tally: Tally,
    tick: Tick | None = None,
    stop: StopRequest | None = None,
) -> None:
    """Translate the editions' pending sentences, calling `written` as each edition is
    complete in its store and `tick` as each chunk is; `tally` counts as it goes.

    Once `stop` is asked, the chunks in flight are kept, the editions that have some of
    their sentences in the cache are written with those, and the run ends (`tally.stopped`).
    """
    engine_sig, signature = signatures
    todo = plan(editions, glossary, engine_sig, signature, cache)
    tally.misses, tally.cached = len(todo.misses), todo.cached
    for directory, error in todo.failed.items():
        written(directory, None, error)
    stop = stop or StopRequest()

    def write(directory: Path, interrupted: bool = False) -> None:
        """The edition's pairs from the cache (`translate`'s own writer); with `interrupted`
        only those cached so far: the stop already asked keeps it from translating."""
        try:
            with EditionStore(directory) as store:
                report = translate_edition(
                    store,
                    setup.engine,
                    setup.model,
                    setup.beam_size,
                    setup.max_decoding_length,
                    glossary=glossary,
                    cache=cache,
                    stop=stop if interrupted else None,
                )
        except BilingualError as exc:
            written(directory, None, exc.message)
            return
        written(directory, report, "")

    for directory in [d for d, keys in todo.waiting.items() if not keys]:
        write(directory)
    if tick:
        tick(tally)
    if not todo.misses:
        return
    engine.prepare(len(todo.misses))
    started = time.perf_counter()
    touched: set[Path] = set()
    chunks = run_chunks(
        todo.misses,
        lambda units: run_units(engine, units),
        size=lambda u: len(u.zh),
        workers=engine.workers,
        stop=stop,
        rate=tally.rate,
    )
    for chunk in chunks:
        with cache.transaction():
            cache.put_many(
                (u.key, u.zh, en, signature, flags)
                for u, (en, flags) in zip(chunk.items, chunk.results, strict=True)
            )
        tally.translated += len(chunk.items)
        tally.seconds = time.perf_counter() - started
        if tick:
            tick(tally)
        touched.update(d for u in chunk.items for d in todo.editions_of[u.key])
        for directory in _completed(todo, chunk.items):
            write(directory)
    tally.stopped = tally.translated < tally.misses
    if tally.stopped:  # the editions begun: what they have, in the run's order
        for directory in [d for d, keys in todo.waiting.items() if keys and d in touched]:
            write(directory, interrupted=True)


def _completed(todo: Plan, units: list) -> list[Path]:
    """The editions these units complete (their last missing sentences), in order."""
    complete: list[Path] = []
    for unit in units:
        for directory in todo.editions_of[unit.key]:
            keys = todo.waiting[directory]
            keys.discard(unit.key)
            if not keys and directory not in complete:
                complete.append(directory)
    return complete
