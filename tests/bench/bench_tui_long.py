"""Benchmark (a script, not a test): a 50-turn TUI session keeps its pace. The real app and the
real Session (`--local none`, offline, a fresh data dir) driven headless by Textual's Pilot; each
turn is timed from Enter to the reply being done, and the process's resident memory (VmRSS) read
after it. Prints the memory at turns 10, 25 and 50, the growth a turn over the second half (least
squares; "flat" is within ±0.05 MB a turn), the growth once the screen holds its LIVE_TURNS turns
(runs longer than that), what a turn on screen costs, and the median time of turns 2-6 against
the last five, in wall time and in the process's CPU time (all its threads; steadier than wall time
on a loaded machine).

Run: python tests/bench/bench_tui_long.py [TURNS] [--live N]   (50 turns by default; 120 shows the steady
state; --live N measures another on-screen limit than LIVE_TURNS)"""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time

TEXTS = [
    "what if volume doubles?",
    "what if electricity costs $0.30 per kWh?",
    "what if we use claude-opus-4-5?",
    "what if half of it can wait for the batch API?",
    "what if volume halves?",
    "which option should we pick?",
]
FIRST = "We triage 5,000 tickets a day, 2k tokens in and 300 out each, internal data, 36 months"


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def run(turns: int) -> list[tuple[float, float, int, float, int]]:
    from advisor.config import Config
    from advisor.session import Session
    from advisor.tui.app import AdvisorApp
    from advisor.tui.widgets.prompt import PromptInput

    def open_session(progress):
        return Session.open(Config(local="none", offline=True), new=True, on_progress=progress)

    app = AdvisorApp(open_session)
    out: list[tuple[float, float, int, float, int]] = []
    async with app.run_test(size=(160, 48)) as pilot:
        while app.session is None:
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        for i in range(turns):
            text = FIRST if i == 0 else TEXTS[(i - 1) % len(TEXTS)]
            prompt = app.query_one(PromptInput)
            started, started_cpu = time.perf_counter(), time.process_time()
            prompt.text = text
            await pilot.press("enter")
            await pilot.pause()
            while app.busy or app.worker_alive:
                await pilot.pause(0.005)
            await pilot.pause()
            seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
            gc.collect()
            out.append((seconds, rss_mb(), len(app.chat.children), cpu, sys.getallocatedblocks()))
    return out


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares MB a turn through (turn, RSS) points."""
    if len(points) < 2:
        return 0.0
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    var = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / var if var else 0.0


def main() -> None:
    from advisor.tui import app as app_module
    from advisor.tui.widgets import chat as chat_module

    args = sys.argv[1:]
    if "--live" in args:  # what another screen limit would do: --live N keeps N turns on screen
        at = args.index("--live")
        chat_module.LIVE_TURNS = app_module.LIVE_TURNS = int(args[at + 1])
        del args[at : at + 2]
    LIVE_TURNS = chat_module.LIVE_TURNS
    turns = int(args[0]) if args else 50
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(ADVISOR_DATA_DIR=tmp, ADVISOR_CONFIG_DIR=tmp, ADVISOR_CACHE_DIR=tmp)
        rows = asyncio.run(run(turns))
    for i, (seconds, rss, widgets, cpu, _) in enumerate(rows, 1):
        if i <= 5 or i > turns - 5 or i % 5 == 0:
            timing = f"{seconds * 1000:7.0f} ms ({cpu * 1000:4.0f} ms CPU)"
            print(f"turn {i:3d}: {timing}   RSS {rss:7.1f} MB   chat widgets {widgets}")
    rss = [(i, r[1]) for i, r in enumerate(rows, 1)]
    marks = sorted({n for n in (10, 25, 50, turns) if n <= turns})
    print("RSS at turn " + ", ".join(f"{n}: {rows[n - 1][1]:.1f} MB" for n in marks))
    half = slope(rss[turns // 2 :])
    print(f"growth over the second half (turns {turns // 2 + 1}-{turns}): {half:+.3f} MB a turn")
    blocks = [(i, r[4]) for i, r in enumerate(rows, 1)][turns // 2 :]
    heap = slope(blocks)
    print(
        f"Python objects (allocated blocks) over the second half: {blocks[0][1]:,} to {blocks[-1][1]:,},"
        f" {heap:+,.0f} a turn ({heap / blocks[-1][1]:+.3%})"
    )
    if turns > LIVE_TURNS + 10:  # the screen holds LIVE_TURNS turns; past them, only what leaks grows
        steady = slope([(i, r) for i, r in rss if i > LIVE_TURNS + 5])
        print(f"growth once the screen is full (turns {LIVE_TURNS + 6}-{turns}): {steady:+.3f} MB a turn")
    filling = slope([(i, r) for i, r in rss if 5 < i <= min(turns, LIVE_TURNS)])
    print(f"cost of a turn on screen (turns 6-{min(turns, LIVE_TURNS)}): {filling:+.3f} MB a turn")
    first = statistics.median(r[0] for r in rows[1:6])
    last = statistics.median(r[0] for r in rows[-5:])
    print(f"median turn 2-6: {first * 1000:.0f} ms; last 5: {last * 1000:.0f} ms ({last / first:.2f}x)")
    first_cpu = statistics.median(r[3] for r in rows[1:6])
    last_cpu = statistics.median(r[3] for r in rows[-5:])
    cpu_ratio = last_cpu / first_cpu
    print(f"CPU, median turn 2-6: {first_cpu * 1000:.0f} ms; last 5: {last_cpu * 1000:.0f} ms ({cpu_ratio:.2f}x)")
    flat = abs(half) < FLAT_MB
    print(
        f"verdict: memory {'flat' if flat else 'grows'} over the second half ({half:+.3f} MB a turn,"
        f" flat is within ±{FLAT_MB} MB); last turns {last / first:.2f}x the first ({cpu_ratio:.2f}x in CPU)"
    )


FLAT_MB = 0.05  # MB a turn: RSS noise over a few dozen turns


if __name__ == "__main__":
    main()
