"""Benchmark (a script, not a test): `advisor import` beside ccusage on the same synthetic Claude
Code trees — wall time of the whole command as a user runs it (interpreter start included), its CPU
time (user + system: steadier than wall time on a busy machine), peak memory, and the daily totals
of both side by side.

The trees (tests/usage_fixtures.synthetic_tree) have streamed messages, sub-agent files, side
questions (`/btw`) that re-log their parents' responses under their own request id, and resumed
sessions that copy earlier ones. ccusage is installed from the npm registry into the cache dir, only
when `npm` is on the PATH; without it the advisor is measured alone. ccusage 18.0.11 is pinned: the
last release in JavaScript that runs on Node 20 (19 needs Node 22; 20 ships a native binary per
platform). Days are UTC for both (`--timezone UTC`).

The advisor runs with its modules' bytecode cached, as an installed copy does (pip compiles it at
install; a checkout writes __pycache__ at its first run): in a temporary PYTHONPYCACHEPREFIX, filled
by one run before the timed ones. An environment with PYTHONDONTWRITEBYTECODE set would otherwise
compile its sixty modules at every start (about 0.05 s of CPU here).

Run: python tests/bench/bench_import.py [--sizes 1,10,100] [--runs 3] [--no-ccusage]"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CCUSAGE_VERSION = "18.0.11"
LINES_PER_MB = 565  # synthetic_tree's lines a megabyte (tool results of 0.2–4 KB)
DAYS = 30  # the trees' span, as a month of use


def generate(root: Path, lines: int, replays: bool = False, streamed: bool = True) -> int:
    """About ``lines`` lines over DAYS days (a request is about four lines)."""
    sys.path.insert(0, str(ROOT))
    from tests.usage_fixtures import synthetic_tree

    step = DAYS * 86400 / max(lines / 4, 1)
    return synthetic_tree(root, lines, replays=replays, streamed=streamed, step_seconds=step)


def measure(root: Path) -> dict:
    """One import of ``root`` (a tree, a file or a logs.db) in a fresh interpreter, so its peak RSS
    is the import's own: the reading alone, without the interpreter's start. Shared with
    bench_import_llm_logs.py."""
    code = (
        "import json, resource, sys, time\n"
        "from pathlib import Path\n"
        "from advisor.measure.source import import_usage\n"
        "from advisor.tools.catalog import default_catalog\n"
        "catalog = default_catalog()\n"
        "start = time.perf_counter()\n"
        "m = import_usage(Path(sys.argv[1]), catalog, quiet=True)\n"
        "seconds = time.perf_counter() - start\n"
        "print(json.dumps({'seconds': seconds, 'records': m.records, 'duplicates': m.duplicates,"
        " 'cached': m.cached_input_share,"
        " 'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(root)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def timed(argv: list[str], env: dict | None = None) -> tuple[float, float, str, float]:
    """(wall seconds, peak RSS in MB, stdout, CPU seconds) of one command, its own RSS and CPU
    time (user + system, its threads included) from wait4."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode()
    if child.returncode != 0:
        raise SystemExit(f"{argv[0]} exited {child.returncode}")
    return seconds, usage.ru_maxrss / 1024, text, usage.ru_utime + usage.ru_stime


def best_of(runs: int, argv: list[str], env: dict | None = None) -> tuple[float, float, str, float]:
    """The fastest wall time, the largest peak, the last output and the least CPU time of ``runs``,
    after one run that is not counted (caches warm: the OS's file cache, the bytecode cache)."""
    timed(argv, env)
    results = [timed(argv, env) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results), results[-1][2], min(r[3] for r in results)


def ccusage_bin() -> Path | None:
    """ccusage from the npm registry, installed once into the cache dir; None without npm."""
    npm = shutil.which("npm")
    if npm is None:
        return None
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    home = cache / "advisor-bench" / f"ccusage-{CCUSAGE_VERSION}"
    binary = home / "node_modules" / ".bin" / "ccusage"
    if not binary.exists():
        home.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(home), f"ccusage@{CCUSAGE_VERSION}"],
            check=True,
            capture_output=True,
        )
    return binary


def advisor_days(doc: dict) -> dict[str, tuple[int, int, float]]:
    """Day → (all input tokens, output tokens, dollars) from `advisor import --by day --json`."""
    return {r["key"]: (r["input_tokens"], r["output_tokens"], r["usd"] or 0.0) for r in doc["rows"]}


def ccusage_days(doc: dict) -> dict[str, tuple[int, int, float]]:
    """The same from `ccusage daily --json` (its input excludes cache reads and writes)."""
    return {
        d["date"]: (
            d["inputTokens"] + d["cacheCreationTokens"] + d["cacheReadTokens"],
            d["outputTokens"],
            d["totalCost"],
        )
        for d in doc["daily"]
    }


def agreement(advisor: list[str], ccusage: Path, runs: int) -> str:
    """Both on a tree ccusage reads right (no side questions, each response on one line): the days
    whose input, output and cost (within 0.1%) agree."""
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        root = Path(tmp) / ".claude"
        generate(root, 10 * LINES_PER_MB, replays=False, streamed=False)
        mine = advisor_days(json.loads(timed([*advisor, "import", str(root), "--by", "day", "--json", "--quiet"])[2]))
        env = {**os.environ, "CLAUDE_CONFIG_DIR": str(root), "NO_COLOR": "1"}
        theirs = ccusage_days(
            json.loads(timed([str(ccusage), "daily", "--json", "--offline", "--timezone", "UTC"], env)[2])
        )
    days = sorted(set(mine) | set(theirs))
    same = [
        d
        for d in days
        if d in mine
        and d in theirs
        and mine[d][:2] == theirs[d][:2]
        and abs(mine[d][2] - theirs[d][2]) <= 1e-3 * max(mine[d][2], 1e-9)
    ]
    return f"where ccusage reads right (no side questions, a line a response): {len(same)}/{len(days)} days agree"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10,100", help="tree sizes in MB, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command; the fastest counts")
    parser.add_argument("--no-ccusage", action="store_true", help="measure the advisor alone")
    args = parser.parse_args()
    ccusage = None if args.no_ccusage else ccusage_bin()
    advisor = [str(Path(sys.executable).parent / "advisor")]  # the console script beside this interpreter
    bytecode = tempfile.TemporaryDirectory(prefix="bench-import-pyc-")
    installed = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "PYTHONPYCACHEPREFIX": bytecode.name,
    }  # bytecode cached, as an installed copy's is
    print(
        f"advisor {advisor[0]}; ccusage {CCUSAGE_VERSION if ccusage else '(npm not found: not measured)'};"
        f" best of {args.runs}, wall (and CPU) time of the whole command"
    )
    header = f"{'tree':>8} {'requests':>9}  {'advisor':>8} {'cpu':>6} {'peak':>7}"
    if ccusage:
        header += f"  {'ccusage':>8} {'cpu':>6} {'peak':>7}  {'ratio':>5} {'cpu':>5}  days: input equal / output equal"
    print(header)
    for size in (float(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
            root = Path(tmp) / ".claude"
            generate(root, int(size * LINES_PER_MB), replays=True)
            megabytes = sum(p.stat().st_size for p in root.rglob("*.jsonl")) / 1e6
            command = [*advisor, "import", str(root), "--by", "day", "--json", "--quiet"]
            seconds, peak, out, cpu = best_of(args.runs, command, installed)
            ours = json.loads(out)
            line = f"{megabytes:6.0f} MB {ours['records']:>9,}  {seconds:7.2f}s {cpu:5.2f}s {peak:5.0f}MB"
            if ccusage:
                env = {**os.environ, "CLAUDE_CONFIG_DIR": str(root), "NO_COLOR": "1"}
                c_seconds, c_peak, c_out, c_cpu = best_of(
                    args.runs, [str(ccusage), "daily", "--json", "--offline", "--timezone", "UTC"], env
                )
                theirs = ccusage_days(json.loads(c_out))
                mine = advisor_days(ours)
                days = sorted(set(mine) | set(theirs))
                same_in = sum(1 for d in days if mine.get(d, (0, 0))[0] == theirs.get(d, (0, 0))[0])
                same_out = sum(1 for d in days if mine.get(d, (0, 0))[1] == theirs.get(d, (0, 0))[1])
                line += (
                    f"  {c_seconds:7.2f}s {c_cpu:5.2f}s {c_peak:5.0f}MB  {seconds / c_seconds:5.2f}"
                    f" {cpu / c_cpu:5.2f}"
                    f"  {same_in}/{len(days)} / {same_out}/{len(days)}"
                )
                more_in, more_out = (
                    sum(v[i] for v in theirs.values()) / sum(v[i] for v in mine.values()) - 1 for i in (0, 1)
                )
                line += f"  (ccusage's totals: input {more_in:+.1%}, output {more_out:+.1%})"
            print(line, flush=True)
    if ccusage:
        print(agreement(advisor, ccusage, args.runs))


if __name__ == "__main__":
    main()
