"""Benchmark (a script, not a test): `advisor ask --offline --local none` cold start against
`advisor calc compare` on the same workload. The interview must not cost more than half a calc
again at start-up. Run: python tests/bench_ask_start.py"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time


def cold(cmd: list[str], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    cli = [sys.executable, "-m", "advisor.cli"]
    volume = ["--requests-per-day", "800", "--input-tokens-per-request", "6000", "--output-tokens-per-request", "800"]
    calc = cold([*cli, "calc", "compare", *volume, "--privacy", "regulated", "--json"])
    with tempfile.TemporaryDirectory() as data:
        message = "We review 800 contracts a day, 6,000 tokens in and 800 out each. Nothing may leave our network."
        ask = cold([*cli, "ask", "--offline", "--local", "none", "--data-dir", data, "--json", message])
        imports = cold([sys.executable, "-c", "import advisor.interview.reader"])
    print(f"advisor calc compare: {calc * 1000:.0f} ms (median of 7)")
    print(f"advisor ask --offline --local none (first message): {ask * 1000:.0f} ms, {ask / calc:.2f}x calc")
    print(f"import advisor.interview.reader: {imports * 1000:.0f} ms")
