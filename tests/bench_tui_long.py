"""Benchmark (a script, not a test): a 50-turn TUI session keeps its pace. The real app and the
real Session (`--local none`, offline, a fresh data dir) driven headless by Textual's Pilot; each
turn is timed from Enter to the reply being done, and the process's resident memory (VmRSS) read
after it. Prints the first and last five turns and the growth between them.

Run: python tests/bench_tui_long.py [TURNS]"""

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


async def run(turns: int) -> list[tuple[float, float, int]]:
    from advisor.config import Config
    from advisor.session import Session
    from advisor.tui.app import AdvisorApp
    from advisor.tui.widgets.prompt import PromptInput

    def open_session(progress):
        return Session.open(Config(local="none", offline=True), new=True, on_progress=progress)

    app = AdvisorApp(open_session)
    out: list[tuple[float, float, int]] = []
    async with app.run_test(size=(160, 48)) as pilot:
        while app.session is None:
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        for i in range(turns):
            text = FIRST if i == 0 else TEXTS[(i - 1) % len(TEXTS)]
            prompt = app.query_one(PromptInput)
            started = time.perf_counter()
            prompt.text = text
            await pilot.press("enter")
            await pilot.pause()
            while app.busy or app.worker_alive:
                await pilot.pause(0.005)
            await pilot.pause()
            seconds = time.perf_counter() - started
            gc.collect()
            out.append((seconds, rss_mb(), len(app.chat.children)))
    return out


def main() -> None:
    turns = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(ADVISOR_DATA_DIR=tmp, ADVISOR_CONFIG_DIR=tmp, ADVISOR_CACHE_DIR=tmp)
        rows = asyncio.run(run(turns))
    for i, (seconds, rss, widgets) in enumerate(rows, 1):
        if i <= 5 or i > turns - 5 or i % 5 == 0:
            print(f"turn {i:3d}: {seconds * 1000:7.0f} ms   RSS {rss:7.1f} MB   chat widgets {widgets}")
    first = statistics.median(s for s, _, _ in rows[1:6])
    last = statistics.median(s for s, _, _ in rows[-5:])
    grow = (rows[-1][1] - rows[5][1]) / max(1, turns - 6)
    print(f"median turn 2-6: {first * 1000:.0f} ms; last 5: {last * 1000:.0f} ms ({last / first:.2f}x)")
    print(f"RSS after turn 6: {rows[5][1]:.1f} MB; after turn {turns}: {rows[-1][1]:.1f} MB ({grow:+.2f} MB a turn)")


if __name__ == "__main__":
    main()
