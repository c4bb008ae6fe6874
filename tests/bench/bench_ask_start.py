"""Benchmark (a script, not a test): `advisor ask --offline --local none` cold start against
`advisor calc compare` on the same workload. The interview must not cost more than half a calc
again at start-up (issue 12: ask within 1.5x calc).

Each process is a fresh interpreter. The two commands run interleaved (calc, ask, calc, ask …) so
a busy machine slows both alike, in two settings:
- "bytecode cached": .pyc files exist, as after `pip install` (which compiles them);
- "advisor from source": the advisor's own modules compiled on each start (a copy of the package and
  the tools/, catalog/ and prompts/ beside it, without __pycache__, PYTHONDONTWRITEBYTECODE), as a
  checkout run with bytecode writing off has it. Each run starts in the temp dir, so the current
  directory (python -m puts it first on the path) never stands in for the copy;
  the standard library and the dependencies keep their bytecode.
Nothing compiled is kept between runs (the interview's patterns are compiled in each process, on
first use): the first run in a fresh cache dir is reported on its own line.

Run: python tests/bench/bench_ask_start.py [RUNS]   (BENCH_CLOCK=cpu for CPU time instead of wall time)"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CLOCK = os.environ.get("BENCH_CLOCK", "wall")
CLI = [sys.executable, "-m", "advisor.cli"]
VOLUME = ["--requests-per-day", "800", "--input-tokens-per-request", "6000", "--output-tokens-per-request", "800"]
MESSAGE = "We review 800 contracts a day, 6,000 tokens in and 800 out each. Nothing may leave our network."


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Wall time of one run, or its CPU time (user + system) when BENCH_CLOCK=cpu: steadier on a
    machine busy with other work."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=tempfile.gettempdir())  # cwd shadows nothing
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu if CLOCK == "cpu" else wall


def compare(env: dict[str, str], data: str, runs: int) -> tuple[float, float]:
    calc_cmd = [*CLI, "calc", "compare", *VOLUME, "--privacy", "regulated", "--json"]
    ask_cmd = [*CLI, "ask", "--offline", "--local", "none", "--data-dir", data, "--json", MESSAGE]
    timed(calc_cmd, env), timed(ask_cmd, env)  # warm the OS file cache (and .pyc files if allowed)
    calc, ask = [], []
    for _ in range(runs):
        calc.append(timed(calc_cmd, env))
        ask.append(timed(ask_cmd, env))
    return statistics.median(calc), statistics.median(ask)


def line(label: str, calc: float, ask: float) -> str:
    return f"{label:<19} calc compare {calc * 1000:4.0f} ms   ask {ask * 1000:4.0f} ms   ask/calc {ask / calc:.2f}x"


if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    with tempfile.TemporaryDirectory() as tmp:
        base = {**os.environ, "ADVISOR_CACHE_DIR": f"{tmp}/cache", "ADVISOR_CONFIG_DIR": f"{tmp}/config"}
        base.pop("PYTHONDONTWRITEBYTECODE", None)
        first_ever = timed([*CLI, "ask", "--offline", "--local", "none", "--data-dir", f"{tmp}/d0", MESSAGE], base)
        cached = {**base, "PYTHONPYCACHEPREFIX": f"{tmp}/pyc"}
        import advisor

        package = os.path.dirname(advisor.__file__)
        for folder in ("advisor", "tools", "catalog", "prompts"):  # the package and its folders beside it
            source_folder = os.path.join(os.path.dirname(package), folder)
            shutil.copytree(source_folder, f"{tmp}/src/{folder}", ignore=shutil.ignore_patterns("__pycache__"))
        source = {**base, "PYTHONPATH": f"{tmp}/src", "PYTHONDONTWRITEBYTECODE": "1"}
        print(f"{CLOCK} time, median of {runs} interleaved runs each")
        print(line("bytecode cached", *compare(cached, f"{tmp}/d1", runs)))
        print(line("advisor from source", *compare(source, f"{tmp}/d2", runs)))
        print(f"first ask ever (fresh cache dir, bytecode as this checkout has it): {first_ever * 1000:.0f} ms")
