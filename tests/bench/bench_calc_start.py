"""Benchmark (a script, not a test): `advisor calc` cold start against `python -c "import pydantic"`,
and a 10,000-scenario sweep of compare. Run: python tests/bench/bench_calc_start.py"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

PYDANTIC_MODEL = "from pydantic import BaseModel\nclass M(BaseModel):\n    x: int\nM(x=1)"


def cold(cmd: list[str], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sweep_ms() -> float:
    from advisor.tools.catalog import load_catalog
    from advisor.tools.compare import CompareInput, sweep

    catalog = load_catalog()
    inp = CompareInput(
        requests_per_day=5000,
        input_tokens_per_request=2000,
        output_tokens_per_request=300,
        privacy="public",
    )
    scales = [0.01 * 1.001**i for i in range(10_000)]
    sweep(inp, catalog, scales[:10])  # warm the catalog and the imports
    start = time.perf_counter()
    points = sweep(inp, catalog, scales)
    assert len(points) == 10_000
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    base = cold([sys.executable, "-c", "import pydantic"])
    # `import pydantic` is lazy: it loads almost nothing until a model is defined. The second
    # baseline defines and validates one model, the least any pydantic program pays.
    model = cold([sys.executable, "-c", PYDANTIC_MODEL])
    calc = cold(
        [
            sys.executable,
            "-m",
            "advisor.cli",
            "calc",
            "payback",
            "--hardware-cost-usd",
            "3200",
            "--monthly-cloud-usd",
            "500",
            "--running-usd",
            "1",
            "--json",
        ]
    )
    print(f"python -c 'import pydantic': {base * 1000:.0f} ms (median of 7)")
    print(f"one pydantic model defined and validated: {model * 1000:.0f} ms")
    print(
        f"advisor calc payback: {calc * 1000:.0f} ms (median of 7), {calc / base:.2f}x import pydantic,"
        f" {calc / model:.2f}x the one-model baseline"
    )
    print(f"compare sweep of 10,000 volumes: {sweep_ms():.1f} ms")
