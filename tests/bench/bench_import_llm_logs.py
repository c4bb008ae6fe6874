"""Benchmark (a script, not a test): `advisor import` of a large llm logs.db made with llm's own
migrations — half the rows in `turns` (llm 0.32 and later), half in the legacy `responses` table,
every one with token_details shaped as llm's OpenAI models, llm-anthropic and llm-gemini store them.
Prints rows a second and peak memory. Run: python tests/bench/bench_import_llm_logs.py [--rows 400000]"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: `tests` importable
from tests.bench.bench_import import measure  # one child-process import, shared with bench_import

DETAILS = [  # (model, input, output, token_details)
    (
        "gpt-5-mini",
        3000,
        200,
        {"prompt_tokens_details": {"cached_tokens": 2048}, "completion_tokens_details": {"reasoning_tokens": 64}},
    ),
    (
        "claude-sonnet-4-5",
        40,
        300,
        {
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 20000,
            "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
            "server_tool_use": None,
            "service_tier": "standard",
        },
    ),
    (
        "gemini-2.5-flash",
        5000,
        400,
        {
            "candidatesTokenCount": 100,
            "thoughtsTokenCount": 300,
            "cachedContentTokenCount": 4000,
            "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 5000}],
        },
    ),
]


def generate(path: Path, rows: int) -> None:
    import sqlite_utils
    from llm.migrations import migrate

    db = sqlite_utils.Database(path)
    migrate(db)
    for table in ("turns", "responses"):
        # a generator, not a list: this process stays small, and the import's child (forked from it)
        # inherits its peak RSS on Linux
        batch = (
            (
                f"{table[0]}{i:025d}",
                model,
                f"2026-10-{1 + i % 28:02d}T{i % 24:02d}:00:00+00:00",
                tin,
                tout,
                json.dumps(d),
            )
            for i in range(rows // 2)
            for model, tin, tout, d in [DETAILS[i % len(DETAILS)]]
        )
        db.conn.executemany(
            f"INSERT INTO {table} (id, model, datetime_utc, input_tokens, output_tokens, token_details)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            batch,
        )
    db.conn.commit()
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=400_000)
    args = parser.parse_args()
    for rows in (args.rows // 10, args.rows):
        with tempfile.TemporaryDirectory(prefix="bench-llm-logs-") as tmp:
            path = Path(tmp) / "logs.db"
            generate(path, rows)
            r = measure(path)
            print(
                f"{rows:>9,} rows  {path.stat().st_size / 1e6:6,.0f} MB  {r['records']:>9,} requests"
                f"  {r['records'] / r['seconds']:>9,.0f} rows/s  cached {r['cached']:.0%}"
                f"  peak RSS {r['peak_rss_mb']:5,.0f} MB"
            )


if __name__ == "__main__":
    main()
