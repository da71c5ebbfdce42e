"""`bilingual batch`: many pages → many editions, ingested and rendered on all cores, the
translation of all of them deduplicated and run locally or on a Ray cluster.

`run_batch()` groups the pages (`groups.py`), ingests each group into `OUT/<name>` in a
local process pool (`work.py`), translates the pending sentences of all editions at once,
each distinct one once (`translation.py`; on Ray actors with `ray_address`, `cluster.py`),
runs QA and renders each edition in the pool as soon as its translation is written, and
writes `OUT/index.html` (`index.py`).

The edition stores and the translation cache are the whole state: a rerun skips the pages
whose store is newer than them, reuses every cached sentence and renders only what changed,
so Ctrl-C (or a kill) followed by the same command continues where it stopped. A page
that fails is reported with its one-line error; the others go on.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from ..chunks import StopRequest
from ..pipeline import BuildOptions
from ..render import check_options, make_out
from ..store import TranslationCache
from ..translate import TranslateReport, engine_for
from .groups import Group, expand, group
from .index import write_index
from .translation import Tally, translate_editions
from .work import Outcome, Stats, finish, ingest_pages


@dataclass(frozen=True)
class BatchOptions:
    """Everything `batch` can be told; the defaults are the CLI's."""

    group: str = "file"
    # engine, decoding, glossary files, formats, layout, pinyin, encoding: as `build`'s
    # (its EPUBCheck policy is not used: a batch writes the HTML by default)
    build: BuildOptions = field(default_factory=lambda: BuildOptions(formats=("html",)))
    workers: int = 0  # 0: the core count
    ray: bool = False
    ray_address: str | None = None
    ship: str = "bytes"


@dataclass
class EditionResult:
    """One edition of the run: where it is, what happened to it."""

    name: str
    directory: Path
    sources: tuple[Path, ...]
    state: str = "pending"  # done | failed | interrupted | pending
    error: str = ""
    ingested: bool = False
    translated: TranslateReport | None = None
    paths: list[Path] = field(default_factory=list)
    stats: Stats | None = None

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "edition": str(self.directory),
            "sources": [str(s) for s in self.sources],
            "state": self.state,
            "error": self.error,
            "ingested": self.ingested,
            "written": self.translated.sentences if self.translated else 0,
            "files": [str(p) for p in self.paths],
            "pairs": self.stats.to_json() if self.stats else None,
        }


@dataclass
class Status:
    """What the progress display shows: one line for the whole run."""

    stage: str
    pages_done: int = 0
    pages: int = 0
    sentences_done: int = 0
    sentences: int = 0
    per_second: float = 0.0
    eta: float | None = None


@dataclass
class BatchReport:
    """The run: every edition, the distinct sentences translated and reused, the index."""

    editions: list[EditionResult]
    index: Path
    translated: int = 0
    cached: int = 0
    seconds: float = 0.0
    translate_seconds: float = 0.0  # of `seconds`, the chunked translation's
    pending: int = 0  # distinct sentences left to translate (an interrupted run)
    engine: str = ""
    notice: str = ""
    interrupted: bool = False

    @property
    def failed(self) -> list[EditionResult]:
        return [e for e in self.editions if e.state == "failed"]

    def to_json(self) -> dict:
        pairs = [e.stats for e in self.editions if e.stats]
        return {
            "editions": [e.to_json() for e in self.editions],
            "totals": {
                "editions": len(self.editions),
                "done": sum(e.state == "done" for e in self.editions),
                "failed": len(self.failed),
                "pages": sum(len(e.sources) for e in self.editions),
                "pairs": sum(s.pairs for s in pairs),
                "translated_pairs": sum(s.translated for s in pairs),
                "translated": self.translated,
                "cached": self.cached,
                "sentences_per_second": round(self.translated / self.translate_seconds, 2)
                if self.translate_seconds
                else 0.0,
                "translate_seconds": round(self.translate_seconds, 3),
                "seconds": round(self.seconds, 3),
                "engine": self.engine,
                "interrupted": self.interrupted,
                "pending": self.pending,
                "index": str(self.index),
            },
        }


Progress = Callable[[Status], None]


def _pool(workers: int) -> ProcessPoolExecutor:
    """Spawned, not forked: the driver holds threads (CTranslate2, Ray) a fork would copy."""
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_follow_parent,
        initargs=(os.getpid(),),
    )


def _follow_parent(parent: int) -> None:
    """In a pool worker: exit when the driver is gone (killed), rather than linger idle."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def run_batch(
    sources: Sequence[str | Path],
    out: Path,
    options: BatchOptions | None = None,
    progress: Progress | None = None,
    stop: StopRequest | None = None,
) -> BatchReport:
    """Ingest, translate, QA and render every group of pages under `out`; see the docstring.

    `stop` (the CLI's Ctrl-C) ends the translation after the chunks in flight; what was
    translated is written and rendered, the report says `interrupted`."""
    options = options or BatchOptions()
    started = time.perf_counter()
    check_options(options.build.formats, options.build.layout, options.build.pinyin)
    out = Path(out)
    groups = group(expand(sources, skip=out), options.group)
    make_out(out, "Choose a writable --out directory.")
    results = [_result(g, out) for g in groups]
    report = BatchReport(results, out / "index.html")
    run = _Run(report, options, progress or (lambda status: None), stop)
    try:
        run.go()
    except KeyboardInterrupt:  # outside the translation, or a second Ctrl-C
        report.interrupted = True
    finally:
        report.interrupted = report.interrupted or run.tally.stopped
        for result in results:
            if result.state == "pending" and report.interrupted:
                result.state = "interrupted"
        tally = run.tally
        report.translated, report.cached, report.translate_seconds = (
            tally.translated,
            tally.cached,
            tally.seconds,
        )
        report.pending = tally.misses - tally.translated
        report.seconds = time.perf_counter() - started
        report.index = write_index(results, out, f"bilingual batch: {out.name}")
    return report


def _result(g: Group, out: Path) -> EditionResult:
    return EditionResult(g.name, out / g.name, g.sources)


class _Run:
    """The stages of one `run_batch`, sharing the pool, the results and the progress line."""

    def __init__(
        self,
        report: BatchReport,
        options: BatchOptions,
        progress: Progress,
        stop: StopRequest | None,
    ):
        self.report, self.options, self.progress, self.stop = report, options, progress, stop
        self.by_dir = {r.directory: r for r in report.editions}
        self.status = Status("Reading pages", pages=len(report.editions))
        self.finishing: dict[Future, EditionResult] = {}
        self.tally = Tally()

    def show(self, stage: str | None = None) -> None:
        if stage:
            self.status.stage = stage
        self.progress(self.status)

    def go(self) -> None:
        options = self.options
        workers = options.workers or os.cpu_count() or 1
        with ExitStack() as stack:
            pool = stack.enter_context(_pool(workers))
            stack.callback(pool.shutdown, wait=True, cancel_futures=True)
            self.ingest(pool)
            ready = [r.directory for r in self.report.editions if r.state == "pending"]
            self.translate(pool, ready, stack)
            for future, result in list(self.finishing.items()):
                self.finished(result, future.result())

    def ingest(self, pool: ProcessPoolExecutor) -> None:
        self.show()
        futures = {
            pool.submit(ingest_pages, r.directory, r.sources, self.options.build.encoding): r
            for r in self.report.editions
        }
        for future, result in futures.items():
            outcome: Outcome = future.result()
            result.ingested = not outcome.skipped and not outcome.error
            if outcome.error:
                result.state, result.error = "failed", outcome.error
                self.status.pages_done += 1
            self.show()

    def translate(self, pool: ProcessPoolExecutor, ready: list[Path], stack: ExitStack) -> None:
        setup = self.options.build
        glossary = None
        if setup.glossary_files:
            from ..terms.files import load_glossary

            glossary = load_glossary(extra=setup.glossary_files)
        glossary, engine, notice, engine_sig, signature = engine_for(
            setup.engine, setup.model, setup.beam_size, setup.max_decoding_length, glossary
        )
        self.report.engine, self.report.notice = engine.name, notice
        if self.options.ray:
            from ..mt import EngineOptions
            from .cluster import ray_engine

            engine_options = EngineOptions(setup.model, setup.beam_size, setup.max_decoding_length)
            engine = stack.enter_context(
                ray_engine(
                    engine,
                    engine_options,
                    self.options.ray_address,
                    self.options.workers,
                    self.options.ship,
                )
            )
        cache = stack.enter_context(TranslationCache())

        def written(directory: Path, translated: TranslateReport | None, error: str) -> None:
            result = self.by_dir[directory]
            if error:
                result.state, result.error = "failed", error
                self.status.pages_done += 1
                return
            result.translated = translated
            changed = result.ingested or bool(translated and translated.sentences)
            future = pool.submit(finish, directory, setup, changed)
            self.finishing[future] = result
            self.collect()

        def tick(tally: Tally) -> None:
            self.status.sentences_done, self.status.sentences = tally.translated, tally.misses
            seconds = tally.seconds
            self.status.per_second = tally.translated / seconds if seconds > 0 else 0.0
            self.status.eta = tally.rate.eta()
            self.collect()
            self.show("Translating")

        translate_editions(
            ready,
            setup,
            glossary,
            engine,
            (engine_sig, signature),
            cache,
            written,
            self.tally,
            tick,
            self.stop,
        )
        self.show("Rendering")

    def collect(self) -> None:
        """Take in the editions whose QA and rendering are done."""
        for future in [f for f in self.finishing if f.done()]:
            self.finished(self.finishing.pop(future), future.result())

    def finished(self, result: EditionResult, outcome: Outcome) -> None:
        result.paths, result.stats = outcome.paths, outcome.stats
        partial = result.translated is not None and result.translated.interrupted
        state = "interrupted" if partial else "done"
        result.state, result.error = ("failed", outcome.error) if outcome.error else (state, "")
        self.status.pages_done += 1
        self.show()
