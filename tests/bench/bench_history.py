"""Benchmark (a script, not a test): reading a long session's history. A resume (the TUI's last
turns, `advisor ask --session`'s last exchanges for the model) reads only the turns it shows, in one
query; the whole history (`/export`-style) for comparison. Also `advisor ask --session` cold on a
500-turn session against a fresh one. Run: python tests/bench/bench_history.py"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from advisor.events import Notice, ToolAnswered, ToolCalled
from advisor.paths import db_path
from advisor.store import Store

TURNS, EVENTS = 500, 8


def fill(store: Store) -> int:
    session = store.create_session("long")
    result = {"monthly_usd": 900.0, "options": [{"id": f"o{i}", "monthly_usd": i * 10.0} for i in range(12)]}
    for i in range(TURNS):
        turn = store.begin_turn(session.id, f"question {i}: 5,000 tickets a day")
        for _ in range(EVENTS // 2):
            store.add_event(turn, ToolCalled(name="compare", arguments={"requests_per_day": 5000}))
            store.add_event(turn, ToolAnswered(name="compare", result=result))
        store.add_event(turn, Notice(text="read it"))
        store.finish_turn(turn, "**Recommendation** — " + "words " * 80)
    return session.id


def best_ms(fn, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def cold(cmd: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as data:
        store = Store(db_path(Path(data)))
        sid = fill(store)
        print(f"{TURNS} turns × {EVENTS + 1} events:")
        print(f"  every turn with its events: {best_ms(lambda: store.turns(sid)):.1f} ms")
        print(f"  the last 40 with events (the TUI's resume): {best_ms(lambda: store.turns(sid, limit=40)):.1f} ms")
        last = best_ms(lambda: store.turns(sid, limit=4, events=False))
        print(f"  the last 4, text only (the model's history): {last:.2f} ms")
        store.close()
        cli = [sys.executable, "-m", "advisor.cli", "ask", "--offline", "--local", "none", "--data-dir", data]
        long = cold([*cli, "--session", "long", "what if volume doubles?"])
        fresh = cold([*cli, "what if volume doubles?"])
        print(f"advisor ask --session on the {TURNS}-turn session: {long:.0f} ms; on a new session: {fresh:.0f} ms")
