"""Benchmark (a script, not a test): time from process start to the TUI's first paint, against
`python -c "import textual"` (and a bare Textual app with the same kinds of widgets), and to the
session being ready (engine imported, session open, panels drawn). The app runs headless,
`--local none`, offline, in a fresh data dir.

Run: python tests/bench/bench_tui_start.py [RUNS]"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

APP = """
import os, sys, time
t0 = float(os.environ["T0"])
from advisor.config import Config
from advisor.tui.app import AdvisorApp

def open_session(progress):
    from advisor.session import Session  # as run_app does: in the worker, after the first paint
    return Session.open(Config(local="none", offline=True), new=True, on_progress=progress)

class Timed(AdvisorApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(lambda: print(f"PAINT {time.time() - t0:.4f}", flush=True))

    async def session_ready(self, session):
        await super().session_ready(session)
        self.call_after_refresh(self.done)

    def done(self):
        print(f"READY {time.time() - t0:.4f}", flush=True)
        self.exit()

Timed(open_session).run(headless=True, size=(160, 48))
"""

BARE = """
import os, time
t0 = float(os.environ["T0"])
from textual.app import App
from textual.widgets import DataTable, Footer, Header, Markdown, TabbedContent, TextArea

class Bare(App):
    def compose(self):
        yield Header(); yield Markdown("hi"); yield DataTable(); yield TabbedContent(); yield TextArea(); yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.done)

    def done(self):
        print(f"PAINT {time.time() - t0:.4f}", flush=True)
        self.exit()

Bare().run(headless=True, size=(160, 48))
"""


def timed(code: str) -> dict[str, float]:
    env = dict(os.environ, T0=str(time.time()))
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    marks = {"EXIT": time.perf_counter() - start}
    for line in out.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name in ("PAINT", "READY"):
            marks[name] = float(value)
    return marks


def median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main(runs: int = 7) -> None:
    os.environ.setdefault("ADVISOR_DATA_DIR", tempfile.mkdtemp())
    textual = [timed("import textual") for _ in range(runs)]
    bare = [timed(BARE) for _ in range(runs)]
    app = [timed(APP) for _ in range(runs)]
    base, paint, ready = median(textual, "EXIT"), median(app, "PAINT"), median(app, "READY")
    print(f"median of {runs} runs")
    print(f"  python -c 'import textual'        {base * 1000:6.0f} ms")
    print(f"  a bare Textual app, same widgets  {median(bare, 'PAINT') * 1000:6.0f} ms   (first paint)")
    print(f"  advisor: first paint              {paint * 1000:6.0f} ms   ({paint / base:.2f}x import textual)")
    print(f"  advisor: session open, panels on  {ready * 1000:6.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
