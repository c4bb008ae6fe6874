"""Simon Willison's `llm` keeps every prompt in ``logs.db``. Since llm 0.32 each model call is a row
of the ``turns`` table; older versions wrote the ``responses`` table, which newer ones keep, read
and no longer write. Both have ``model`` (and, in newer versions, ``resolved_model``),
``datetime_utc``, ``input_tokens``, ``output_tokens`` and ``token_details`` (the plugin's usage
details as JSON, see llm_token_details). Both tables are read, a legacy row whose id is also a
turn's once — as llm's own ``llm logs`` does (``llm/logs.py``, ``LEGACY_LOG_ROWS_SQL``).

The database is opened read-only (SQLite URI ``mode=ro``) and only those columns (and the ids) are
selected: the prompts and responses are never read."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from advisor.measure.llm_token_details import parse_details, with_details
from advisor.measure.records import ReadCounts, Record, parse_utc

SQLITE_MAGIC = b"SQLite format 3\x00"
TABLES = ("turns", "responses")  # llm 0.32 and later, then the legacy table
_NEEDED = {"model", "datetime_utc", "input_tokens", "output_tokens"}


class NotLlmLogs(ValueError):
    pass


def is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def row_counts(path: Path) -> dict[str, int]:
    """The rows each usage table holds that will be read: {"turns": n, "responses": m}."""
    with _connect(path) as (db, queries):
        return {table: db.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0] for table, sql in queries.items()}


class _connect:
    """The read-only connection and one SELECT for each usage table llm's schema has here."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> tuple[sqlite3.Connection, dict[str, str]]:
        self.db = open_read_only(self.path)
        columns = {t: {row[1] for row in self.db.execute(f"PRAGMA table_info({t})")} for t in TABLES}
        usable = [t for t in TABLES if columns[t] >= _NEEDED]
        if not usable:
            self.db.close()
            missing = _NEEDED - columns["responses"]
            raise NotLlmLogs(
                f"path: {str(self.path)!r} has no `turns` or `responses` table with {', '.join(sorted(missing))}:"
                " not an llm logs.db (`llm logs path` prints where llm keeps it)"
            )
        queries = {}
        for table in usable:
            model = "coalesce(resolved_model, model)" if "resolved_model" in columns[table] else "model"
            details = "token_details" if "token_details" in columns[table] else "NULL"
            sql = f"SELECT datetime_utc, {model}, input_tokens, output_tokens, {details} FROM {table}"
            if table == "responses" and "turns" in usable and "id" in columns["responses"] & columns["turns"]:
                sql += " WHERE id NOT IN (SELECT id FROM turns)"
            queries[table] = sql
        return self.db, queries

    def __exit__(self, *exc: object) -> None:
        self.db.close()


def read_llm_logs(path: Path, counts: ReadCounts, on_rows: Callable[[int], None] = lambda _n: None) -> Iterator[Record]:
    counts.files += 1
    with _connect(path) as (db, queries):
        for sql in queries.values():
            for at, name, tin, tout, details in db.execute(sql):
                counts.lines += 1
                on_rows(1)
                if tin is None and tout is None:
                    counts.skipped += 1  # logged before llm recorded token counts, or by a plugin that gives none
                    continue
                try:
                    tin, tout = int(tin or 0), int(tout or 0)
                    if tin < 0 or tout < 0:
                        raise ValueError
                    counted = with_details(tin, tout, parse_details(details))
                    record = Record(parse_utc(at), str(name or "unknown"), *counted)
                except (ValueError, TypeError, AttributeError):
                    counts.skipped += 1
                    continue
                yield record
