"""Run slow work over many items in chunks of a few seconds each, sized by measured throughput.

`translate_edition` hands its sentences (longest-similar together) to `run_chunks` with a
function that translates one chunk; each finished chunk comes back to the caller, which
commits it before asking for the next. What that buys:

- a killed run loses only the chunks in flight (each about `TARGET_SECONDS` of work);
- a stop request (Ctrl-C, see `StopRequest`) ends the run within `STOP_GRACE` seconds: no new
  chunk starts, chunks that finish within the grace are handed back, and the ones still
  running are abandoned (their threads are daemons: the process can end under them, and a
  library caller only loses their results), so a stop never waits for a whole chunk;
- progress moves every few seconds, and the throughput gives an ETA.

The first chunk is small (`FIRST_CHUNK` items) so the rate is measured early; later chunks
hold rate × `TARGET_SECONDS` worth of items (by `size`, e.g. characters), growing at most
`MAX_GROWTH`-fold from one chunk to the next, and towards the end a worker's share of what
was left when the end came in sight (so the workers finish together, in one round of chunks,
instead of one after another on ever smaller chunks, each a small batch that leaves the other
replica idle: measured on the tail of a 1,000-sentence edition, 1.6 s of 10 went there).
Outside that tail, `granule` (an engine's batch size) rounds a
chunk that holds at least that many items to whole multiples of it, so an engine that batches
(CTranslate2) gets full batches, not a ragged one per chunk; a chunk of fewer items (slow
work: long decodes, where small batches measured no slower per sentence) stays as the rate
cuts it, so that progress still moves and a kill still loses only seconds. With `workers` > 1
that many chunks run at once from threads (for engines that release the GIL, like
CTranslate2, so that its replicas never wait between chunks), the next one started before a
finished one is handed back; results come back in the order chunks finish. The caller's
thread only waits, a tenth of a second at a time, so signal handlers run promptly in it.

Two hooks serve engines whose chunks are slow requests (the llm engine): `least` makes every
chunk hold at least that many items (a request's worth of sentences, however slow the rate),
and `work` may give its chunk up on a stop request by raising `Abandoned` (ending its requests
in flight rather than waiting for them): that chunk is dropped, its items stay to do.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

TARGET_SECONDS = 4.0  # of work per chunk and worker: what a SIGKILL loses
FIRST_CHUNK = 4  # items in the first chunks, before any rate is known (before `granule`)
MAX_GROWTH = 4.0  # a chunk holds at most this many times the size of the one before
STOP_GRACE = 1.0  # seconds a stop waits for chunks in flight before abandoning them
POLL_SECONDS = 0.1


class Abandoned(Exception):
    """Raised by `run_chunks`'s `work` when a stop request made it give its chunk up."""


class StopRequest:
    """A request to stop chunked runs between chunks, made from a Ctrl-C handler.

    The CLI's SIGINT handler calls `interrupt()`. While a run is going (inside `running()`)
    the first Ctrl-C only asks it to stop (within `STOP_GRACE`, see the module docstring); a
    second one, or one while no run is going (reading input, rendering: stages that write all
    or nothing), raises KeyboardInterrupt at once, as Python's own handler would.
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
    rate × target worth of size, at most MAX_GROWTH times the chunk before, rounded to whole
    multiples of `granule` items once it holds at least one; once a worker's share of what is
    left is less than that, every chunk is that first share (the tail, left unrounded), the
    last one taking a remainder of up to a quarter share with it."""

    def __init__(
        self,
        items: Sequence[T],
        size: Callable[[T], int],
        rate: Rate,
        target: float,
        granule: int = 1,
        workers: int = 1,
        least: int = 1,
    ):
        self.items, self.size, self.rate, self.target = items, size, rate, target
        self.granule, self.workers = max(1, granule), max(1, workers)
        self.least = max(1, least)
        self.position = 0
        self.last = 0
        self.cut_size = 0  # of the items cut so far
        self.tail: float | None = None  # a worker's share of what was left when the end came

    @property
    def left(self) -> bool:
        return self.position < len(self.items)

    def cut(self) -> list[T]:
        start, items = self.position, self.items
        if not self.rate.per_second:
            count = max(FIRST_CHUNK, self.least)
        else:
            budget = self.rate.per_second * self.target
            if self.last:
                budget = min(budget, self.last * MAX_GROWTH)
            # Towards the end, a worker's share of what is left then: the workers finish
            # together instead of one decoding a whole last chunk while the others idle.
            share = (self.rate.total - self.cut_size) / self.workers
            if self.tail is None and share < budget:
                self.tail = share
            if self.tail is not None:
                budget = min(budget, self.tail)
            count, total = 0, 0
            while start + count < len(items):
                item_size = self.size(items[start + count])
                if count >= self.least and total + item_size > budget:
                    break
                count += 1
                total += item_size
            if self.tail is not None and self.rate.total - self.cut_size - total <= self.tail / 4:
                count = len(items) - start  # no last chunk of a few items on its own
        if count >= self.granule and self.tail is None:  # whole batches, once the rate allows one
            count = max(self.least, round(count / self.granule) * self.granule)
        chunk = list(items[start : start + count])
        self.position += len(chunk)
        self.last = max(1, sum(self.size(i) for i in chunk))
        self.cut_size += self.last
        return chunk


def run_chunks(
    items: Sequence[T],
    work: Callable[[list[T]], list[R]],
    size: Callable[[T], int],
    workers: int = 1,
    stop: StopRequest | None = None,
    rate: Rate | None = None,
    target: float = TARGET_SECONDS,
    granule: int = 1,
    least: int = 1,
) -> Iterator[Chunk[T, R]]:
    """Yield finished chunks of `items` processed by `work` (see the module docstring).

    Once `stop` is asked, hands back the chunks that finish within STOP_GRACE seconds and
    returns, leaving the rest running unheard. `rate` (when given) is kept up to date, so the
    caller can show an ETA."""
    rate = rate or Rate()
    rate.total = sum(size(i) for i in items)
    rate.started = time.perf_counter()
    workers = max(1, workers)
    cutter = _Cutter(items, size, rate, target, granule, workers, least)
    finished: queue.Queue[Chunk[T, R] | BaseException] = queue.Queue()

    def timed(chunk: list[T]) -> None:
        started = time.perf_counter()
        try:
            results = work(chunk)
        except BaseException as exc:  # handed to the caller's thread, raised there
            finished.put(exc)
            return
        seconds = time.perf_counter() - started
        finished.put(Chunk(chunk, results, seconds, sum(size(i) for i in chunk)))

    running = 0
    deadline: float | None = None  # set when a stop is asked: when to stop waiting

    def start_chunks() -> None:
        """Fill every idle worker, unless a stop was asked. Daemon threads: a stopped run,
        or the process, need not wait for them."""
        nonlocal running
        while cutter.left and running < workers and not (stop and stop.asked):
            threading.Thread(target=timed, args=(cutter.cut(),), name="chunk", daemon=True).start()
            running += 1

    with stop.running() if stop else nullcontext():
        start_chunks()
        while running:
            if stop and stop.asked and deadline is None:
                deadline = time.monotonic() + STOP_GRACE
            if deadline is not None and time.monotonic() >= deadline:
                return
            try:
                got = finished.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue
            running -= 1
            if isinstance(got, Abandoned):  # given up on a stop request: its items stay to do
                continue
            if isinstance(got, BaseException):
                raise got
            if got.seconds > 0:
                measured = got.size / got.seconds
                previous = rate.per_second
                rate.per_second = (previous + measured) / 2 if previous else measured
            rate.done += got.size
            start_chunks()  # before the caller commits this one, so no worker idles meanwhile
            yield got
