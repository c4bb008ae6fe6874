"""Run the engine's blocking work (opening a session, a turn) in a daemon thread and hand what it
produces to a Textual thread worker one item at a time.

Why: a thread worker runs in asyncio's default executor, and quitting the app waits for it; a
model call that blocks (Ollama before its first token, an embedded model loading) would hold the
exit for as long as it takes. Here the worker stops waiting as soon as `stop()` is true (the app
cancels its workers on exit) and the daemon thread never holds up the process. Until then the
engine waits for each item to be handled (`ack`), so the UI reads the session state while the
engine is paused, as with a plain generator.

No wait here has a timeout: under faketime (CI's second pass, the clock a year ahead) a timed wait
on a lock, an Event or a Queue never ends. The engine waits on `ack`, which letting go also sets;
the worker checks `stop()` between short sleeps while nothing has come."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

STEP_SECONDS = 0.01  # how long the worker sleeps between looks while the engine has nothing
_DONE = object()


class _Failed:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def pump(produce: Callable[[], Iterable[Any]], stop: Callable[[], bool]) -> Iterator[Any]:
    """Yield what `produce()` yields, computed in a daemon thread; its exception is re-raised here.
    Returns early once `stop()` is true; the thread then runs `produce` to its end unpaced."""
    items: queue.Queue[Any] = queue.Queue()
    ack, abandoned = threading.Event(), threading.Event()

    def run() -> None:
        try:
            for item in produce():
                ack.clear()
                items.put(item)
                if not abandoned.is_set():  # set before `ack` on letting go, so this wait ends
                    ack.wait()
        except BaseException as exc:  # handed to the consumer, which decides
            items.put(_Failed(exc))
        finally:
            items.put(_DONE)

    threading.Thread(target=run, name="advisor-engine", daemon=True).start()
    try:
        while True:
            try:
                item = items.get_nowait()
            except queue.Empty:
                if stop():
                    return
                time.sleep(STEP_SECONDS)
                continue
            if item is _DONE:
                return
            if isinstance(item, _Failed):
                raise item.exc
            yield item
            ack.set()
    finally:
        abandoned.set()
        ack.set()
