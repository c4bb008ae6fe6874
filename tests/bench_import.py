"""Benchmark (a script, not a test): `advisor import` on a large synthetic Claude Code tree —
lines a second, megabytes a second, and peak memory at two sizes (constant memory means the peak
barely moves when the tree grows). Run: python tests/bench_import.py [--lines 1000000]"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def generate(root: Path, lines: int) -> int:
    sys.path.insert(0, str(ROOT))
    from tests.usage_fixtures import synthetic_tree

    return synthetic_tree(root, lines)


def measure(root: Path) -> dict:
    """One import of ``root`` (a tree, a file or a logs.db) in a fresh interpreter, so its peak RSS
    is the import's own. Shared with bench_import_llm_logs.py."""
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=1_000_000)
    args = parser.parse_args()
    for lines in (args.lines // 10, args.lines):
        with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
            root = Path(tmp) / ".claude"
            t0 = time.perf_counter()
            written = generate(root, lines)
            size_mb = sum(p.stat().st_size for p in root.rglob("*.jsonl")) / 1e6
            gen = time.perf_counter() - t0
            r = measure(root)
            print(
                f"{written:>10,} lines  {size_mb:8,.0f} MB  {r['records']:>9,} requests"
                f"  {written / r['seconds']:>9,.0f} lines/s  {size_mb / r['seconds']:6,.1f} MB/s"
                f"  peak RSS {r['peak_rss_mb']:6,.0f} MB  (generated in {gen:.0f} s)"
            )


if __name__ == "__main__":
    main()
