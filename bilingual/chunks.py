"""Run slow work over many items in chunks of about a second each, sized by measured throughput.

`translate_edition` hands its sentences (longest-similar together) to `run_chunks` with a
function that translates one chunk; each finished chunk comes back to the caller, which
commits it before asking for the next. What that buys:

- a killed run loses only the chunks in flight (each about `TARGET_SECONDS` of work);
- a stop request (Ctrl-C, see `StopRequest`) is honoured between chunks: no new chunk starts,
  the ones in flight finish and are handed back, so the wait is about one chunk;
- progress moves every second or so, and the throughput gives an ETA.

The first chunk is small (`FIRST_CHUNK` items) so the rate is measured early; later chunks
hold rate × `TARGET_SECONDS` worth of items (by `size`, e.g. characters), growing at most
`MAX_GROWTH`-fold from one chunk to the next. With `workers` > 1 that many chunks run at once
from threads (for engines that release the GIL, like CTranslate2, so that its replicas never
wait between chunks); results are handed back in the order chunks finish. The caller's
thread only waits, a tenth of a second at a time, so signal handlers run promptly in it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

TARGET_SECONDS = 1.0  # of work per chunk: what Ctrl-C waits for and a SIGKILL loses
FIRST_CHUNK = 4  # items in the first chunks, before any rate is known
MAX_GROWTH = 4.0  # a chunk holds at most this many times the size of the one before
POLL_SECONDS = 0.1


class StopRequest:
    """A request to stop chunked runs between chunks, made from a Ctrl-C handler.

    The CLI's SIGINT handler calls `interrupt()`. While a run is going (inside `running()`)
    the first Ctrl-C only asks it to stop once the chunks in flight are handed back; a second
    one, or one while no run is going (reading input, rendering: stages that write all or
    nothing), raises KeyboardInterrupt at once, as Python's own handler would.
    """

    def __init__(self) -> None:
        self.asked = False
        self._runs = 0

    def request(self) -> None:
        """Ask running and later runs to stop (what a Ctrl-C during a run does)."""
        self.asked = True

    def interrupt(self) -> None:
        if self._runs and not self.asked:
            self.asked = True
            return
        raise KeyboardInterrupt

    @contextmanager
    def running(self) -> Iterator[None]:
        self._runs += 1
        try:
            yield
        finally:
            self._runs -= 1


@dataclass
class Chunk(Generic[T, R]):
    """A finished chunk: its items, their results in order, and how long it took."""

    items: list[T]
    results: list[R]
    seconds: float
    size: int  # the items' total size (as the caller's `size` measures it)


@dataclass
class Rate:
    """Measured throughput (size units per second of one worker) and the sizes so far."""

    per_second: float = 0.0
    done: int = 0
    total: int = 0
    started: float = 0.0

    def eta(self) -> float | None:
        """Seconds left at the pace so far (None before anything finished)."""
        if not self.done:
            return None
        elapsed = time.perf_counter() - self.started
        return max(0.0, elapsed * (self.total - self.done) / self.done)


class _Cutter(Generic[T]):
    """Cuts the next chunk off `items`: FIRST_CHUNK items until a rate is known, then about
    rate × target worth of size, at most MAX_GROWTH times the chunk before."""

    def __init__(self, items: Sequence[T], size: Callable[[T], int], rate: Rate, target: float):
        self.items, self.size, self.rate, self.target = items, size, rate, target
        self.position = 0
        self.last = 0

    @property
    def left(self) -> bool:
        return self.position < len(self.items)

    def cut(self) -> list[T]:
        start, items = self.position, self.items
        if not self.rate.per_second:
            chunk = list(items[start : start + FIRST_CHUNK])
        else:
            budget = self.rate.per_second * self.target
            if self.last:
                budget = min(budget, self.last * MAX_GROWTH)
            chunk, total = [], 0
            while start + len(chunk) < len(items):
                item = items[start + len(chunk)]
                if chunk and total + self.size(item) > budget:
                    break
                chunk.append(item)
                total += self.size(item)
        self.position += len(chunk)
        self.last = max(1, sum(self.size(i) for i in chunk))
        return chunk


def run_chunks(
    items: Sequence[T],
    work: Callable[[list[T]], list[R]],
    size: Callable[[T], int],
    workers: int = 1,
    stop: StopRequest | None = None,
    rate: Rate | None = None,
    target: float = TARGET_SECONDS,
) -> Iterator[Chunk[T, R]]:
    """Yield finished chunks of `items` processed by `work` (see the module docstring).

    Stops early, after handing back the chunks in flight, once `stop` is asked. `rate` (when
    given) is kept up to date, so the caller can show an ETA."""
    rate = rate or Rate()
    rate.total = sum(size(i) for i in items)
    rate.started = time.perf_counter()
    cutter = _Cutter(items, size, rate, target)
    workers = max(1, workers)

    def timed(chunk: list[T]) -> Chunk[T, R]:
        started = time.perf_counter()
        results = work(chunk)
        return Chunk(chunk, results, time.perf_counter() - started, sum(size(i) for i in chunk))

    pool = ThreadPoolExecutor(workers, thread_name_prefix="chunk")
    running: set[Future[Chunk[T, R]]] = set()
    try:
        with stop.running() if stop else nullcontext():
            while True:
                while cutter.left and len(running) < workers and not (stop and stop.asked):
                    running.add(pool.submit(timed, cutter.cut()))
                if not running:
                    return
                done, running = wait(running, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = future.result()
                    if chunk.seconds > 0:
                        measured = chunk.size / chunk.seconds
                        previous = rate.per_second
                        rate.per_second = (previous + measured) / 2 if previous else measured
                    rate.done += chunk.size
                    yield chunk
    finally:
        # On an exception (a second Ctrl-C) nothing new starts; what runs is left to finish.
        pool.shutdown(wait=False, cancel_futures=True)
