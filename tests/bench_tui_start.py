"""Benchmark (a script, not a test): time from process start to the TUI's first paint, against
`python -c "import textual"`. The app is run headless and exits on its first refresh.
Run: python tests/bench_tui_start.py"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

FIRST_PAINT = """
import time, os
t0 = float(os.environ["T0"])
from advisor.tui.app import AdvisorApp
from advisor.config import load_config

def open_session(progress):
    from advisor.session import Session  # as run_app does: in the worker, after the first paint
    return Session.open(load_config(local="none", offline=True), new=True)

class Timed(AdvisorApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.done)
    def done(self):
        print(f"PAINT {time.time() - t0:.4f}")
        self.exit()

Timed(open_session).run(headless=True)
"""


BARE_APP = """
import time, os
t0 = float(os.environ["T0"])
from textual.app import App
from textual.widgets import Footer, Header, Markdown, TextArea, DataTable

class Bare(App):
    def compose(self):
        yield Header(); yield Markdown("hello"); yield DataTable(); yield TextArea(); yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        print(f"PAINT {time.time() - t0:.4f}")
        self.exit()

Bare().run(headless=True)
"""


def run(code: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        import os

        env = dict(os.environ, T0=str(time.time()))
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        painted = [line for line in out.stdout.splitlines() if line.startswith("PAINT")]
        times.append(float(painted[0].split()[1]) if painted else time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    import os
    import tempfile

    os.environ.setdefault("ADVISOR_DATA_DIR", tempfile.mkdtemp())
    base = run("import textual")
    bare = run(BARE_APP)
    paint = run(FIRST_PAINT)
    print(f"a bare Textual app with the same widget kinds: {bare * 1000:.0f} ms")
    print(
        f"python -c 'import textual': {base * 1000:.0f} ms; advisor first paint: {paint * 1000:.0f} ms;"
        f" ratio {paint / base:.2f}x (median of 5)"
    )
