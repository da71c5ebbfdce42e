"""`chunks.run_chunks`: chunks sized by measured throughput, run a few at once, stopped between
chunks; `StopRequest`: what a Ctrl-C does during a run and outside one."""

from __future__ import annotations

import threading

import pytest

from bilingual import chunks
from bilingual.chunks import FIRST_CHUNK, MAX_GROWTH, Rate, StopRequest, run_chunks


class Clock:
    """A fake `time.perf_counter`: work advances it by its size × `cost` seconds."""

    def __init__(self, cost: float) -> None:
        self.now = 0.0
        self.cost = cost
        self.lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def work(self, items: list[int]) -> list[int]:
        with self.lock:
            self.now += self.cost * sum(items)
        return [i * 10 for i in items]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock(cost=0.001)  # 1,000 size units per second
    monkeypatch.setattr(chunks.time, "perf_counter", fake)
    return fake


def test_first_chunk_is_small_then_chunks_hold_a_target_of_work(clock: Clock) -> None:
    items = [10] * 1000  # 10,000 units: 10 s of work
    seen = list(run_chunks(items, clock.work, size=lambda i: i, target=1.0))
    sizes = [len(c.items) for c in seen]
    assert sizes[0] == FIRST_CHUNK
    # growth is capped: 4 items (40 units) → at most 160 units, then the 1-s target (1,000)
    assert sizes[1] == 40 * MAX_GROWTH / 10
    assert all(99 <= n <= 100 for n in sizes[3:-1])  # 1,000 units: 1 s at the measured rate
    assert [r for c in seen for r in c.results] == [100] * 1000  # every item once, in order
    assert all(c.seconds == pytest.approx(c.size * 0.001) for c in seen)


def test_an_item_larger_than_the_target_is_a_chunk_of_its_own(clock: Clock) -> None:
    items = [1] * 8 + [5000, 1, 1]
    seen = list(run_chunks(items, clock.work, size=lambda i: i, target=0.01))
    assert [c.items for c in seen][-2:] == [[5000], [1, 1]]


def test_stop_hands_back_chunks_finishing_within_the_grace(clock: Clock) -> None:
    stop = StopRequest()
    calls: list[list[int]] = []

    def work(items: list[int]) -> list[int]:
        calls.append(items)
        return clock.work(items)

    items = [10] * 100
    seen = []
    for chunk in run_chunks(items, work, size=lambda i: i, workers=2, stop=stop):
        seen.append(chunk)
        stop.request()  # after the first chunk: those in flight, finishing at once, come back
    # in flight at the stop: the other first chunk and the one started in the first's place
    assert len(seen) == len(calls) == 3
    assert sorted(len(c.items) for c in seen) == [FIRST_CHUNK, FIRST_CHUNK, 16]


def test_stop_abandons_a_chunk_still_running_after_the_grace(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stop does not wait for a long chunk: the run returns after STOP_GRACE with what had
    finished, and the chunk still running is left to its (daemon) thread, its results unheard."""
    monkeypatch.setattr(chunks, "STOP_GRACE", 0.2)
    stop = StopRequest()
    release = threading.Event()
    lock = threading.Lock()
    started: list[list[int]] = []

    def work(items: list[int]) -> list[int]:
        with lock:
            started.append(items)
            first = len(started) == 1
        if not first:  # every later chunk hangs until the test lets it go
            assert release.wait(timeout=30)
        return items

    seen = []
    try:
        for chunk in run_chunks([1] * 20, work, size=lambda i: i, workers=2, stop=stop):
            seen.append(chunk)
            stop.request()
    finally:
        release.set()
    assert len(seen) == 1 and seen[0].items is started[0]  # the hanging chunk never came back
    assert len(started) <= 3  # the first two, and the one started in the first's place
    assert all(t.daemon for t in threading.enumerate() if t.name == "chunk")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # fast work: 4 items, then growth-capped 16 and 64, then whole batches of 32 (3.3 s
        # of work is 330 items → 320); the last chunk takes what is left
        (3.3, [4, 16, 64, 256, 320, 320, 20]),
        # slow work (0.055 s: 5 items): chunks smaller than a batch stay as the rate cuts them
        (0.055, [4, 5, 5, 5, 1]),
    ],
)
def test_chunks_hold_whole_granules_once_they_reach_one(
    clock: Clock, target: float, expected: list[int]
) -> None:
    total = sum(expected)
    seen = list(run_chunks([10] * total, clock.work, size=lambda i: i, target=target, granule=32))
    assert [len(c.items) for c in seen] == expected
    assert [r for c in seen for r in c.results] == [100] * total


def test_last_chunks_share_what_is_left_among_the_workers() -> None:
    """Towards the end a chunk is a worker's share of what was left when the end came in
    sight, so the workers finish together in one round instead of one decoding a whole last
    chunk alone, or of ever smaller chunks one after another."""
    items = [10] * 100  # 1,000 units; at 1,000 a second, a 10-s target would take them all
    rate = Rate(per_second=1000.0, total=1000)
    cutter = chunks._Cutter(items, lambda i: i, rate, target=10.0, workers=2)
    sizes = []
    while cutter.left:
        sizes.append(len(cutter.cut()))
    assert sizes == [50, 50]  # half of 1,000 units each, not 50, 25, 13, 6…
    # the tail is not rounded to whole batches: 42 + 42, not 32 + 32 and a third round of 20
    cutter = chunks._Cutter([10] * 84, lambda i: i, Rate(1000.0, total=840), 10.0, 32, 2)
    assert [len(cutter.cut()) for _ in range(2)] == [42, 42] and not cutter.left
    # nor is a remainder of a few items (item sizes need not divide the share) left alone
    cutter = chunks._Cutter([10] * 85, lambda i: i, Rate(1000.0, total=850), 10.0, 32, 2)
    assert [len(cutter.cut()) for _ in range(2)] == [42, 43] and not cutter.left


def test_an_error_in_a_chunk_reaches_the_caller(clock: Clock) -> None:
    def work(items: list[int]) -> list[int]:
        raise ValueError("model broke")

    with pytest.raises(ValueError, match="model broke"):
        list(run_chunks([1, 2, 3], work, size=lambda i: i))


def test_rate_gives_an_eta(clock: Clock) -> None:
    rate = Rate()
    etas = []
    for _chunk in run_chunks([10] * 50, clock.work, size=lambda i: i, rate=rate):
        etas.append(rate.eta())
    assert rate.done == rate.total == 500
    assert etas[-1] == 0.0 and all(e is not None and e >= 0 for e in etas)
    assert Rate().eta() is None  # nothing finished: no estimate


def test_a_ctrl_c_outside_a_run_interrupts_at_once_and_inside_only_asks() -> None:
    stop = StopRequest()
    with pytest.raises(KeyboardInterrupt):
        stop.interrupt()
    assert not stop.asked
    with stop.running():
        stop.interrupt()  # first Ctrl-C during a run: a request, no exception
        assert stop.asked
        with pytest.raises(KeyboardInterrupt):
            stop.interrupt()  # the second one: at once


def test_least_makes_every_chunk_hold_that_many_items(clock: Clock) -> None:
    """A slow engine (one item's work is past the target) still gets `least` items a chunk: a
    request's worth of sentences for the llm engine."""
    items = [2000] * 20  # 2 s each: the 1-s target alone would make chunks of one
    sizes = [len(c.items) for c in run_chunks(items, clock.work, size=lambda i: i, least=6)]
    assert sizes == [6, 6, 6, 2]


def test_an_abandoned_chunk_is_dropped_and_no_other_starts(clock: Clock) -> None:
    """`work` giving its chunk up on a stop request (`Abandoned`): the chunks before it are
    handed back, that chunk is not, and its items are left to do."""
    stop = StopRequest()

    def work(items: list[int]) -> list[int]:
        if clock.now >= 0.1:  # from the third chunk on: Ctrl-C came while it ran
            stop.request()
            raise chunks.Abandoned
        return clock.work(items)

    seen = list(run_chunks([10] * 100, work, size=lambda i: i, stop=stop))
    assert [len(c.items) for c in seen] == [FIRST_CHUNK, FIRST_CHUNK * int(MAX_GROWTH)]
