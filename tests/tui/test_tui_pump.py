"""The TUI's pump (advisor/tui/pump.py): the engine's items reach the worker one at a time, the
engine pauses until each is handled, an error reaches the worker, and a worker told to stop lets go
while the engine is still busy. The last is what CI's faketime pass (the clock a year ahead) checks:
there a timed wait never ends, so a pump built on one would hold the worker here for ever. The test
waits in short sleeps, never on a timed wait, for the same reason."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from advisor.tui.pump import pump

STEP = 0.01


def wait_until(condition, what: str, steps: int = 6000) -> None:
    """Sleep in steps until `condition()` holds (at most a minute of steps, counted, not timed)."""
    for _ in range(steps):
        if condition():
            return
        time.sleep(STEP)
    raise AssertionError(f"gave up waiting for {what}")


def test_items_come_in_order_and_the_engine_waits_for_each_to_be_handled():
    produced: list[int] = []

    def produce() -> Iterator[int]:
        for i in range(3):
            produced.append(i)
            yield i

    seen = []
    for item in pump(produce, lambda: False):
        time.sleep(5 * STEP)  # the engine had time to run ahead, if it could
        assert produced == list(range(item + 1))  # it did not: it waits for this item to be handled
        seen.append(item)
    assert seen == [0, 1, 2]


def test_the_engines_error_reaches_the_worker():
    def produce() -> Iterator[int]:
        yield 1
        raise ValueError("engine fell over")

    with pytest.raises(ValueError, match="engine fell over"):
        list(pump(produce, lambda: False))


def test_a_stopped_worker_lets_go_while_the_engine_is_busy_and_the_engine_then_runs_to_its_end():
    release, stopped, finished = threading.Event(), threading.Event(), threading.Event()

    def produce() -> Iterator[str]:
        yield "first"
        release.wait()  # a model call that has not answered yet
        yield "second"
        yield "third"
        finished.set()

    seen: list[str] = []

    def worker() -> None:
        for item in pump(produce, stopped.is_set):
            seen.append(item)
            stopped.set()  # the app quits while the engine is busy

    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    wait_until(lambda: not thread.is_alive(), "the worker to let go of a busy engine")
    assert seen == ["first"]
    release.set()
    wait_until(finished.is_set, "the engine to run to its end unpaced once let go")
