"""Simon Willison's `llm` keeps every prompt in ``logs.db``; its ``responses`` table has ``model``
(and, in newer versions, ``resolved_model``), ``datetime_utc``, ``input_tokens`` and
``output_tokens``. The database is opened read-only (SQLite URI ``mode=ro``) and only those
columns are selected: the prompts and responses are never read."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from advisor.measure.records import ReadCounts, Record, parse_utc

SQLITE_MAGIC = b"SQLite format 3\x00"


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


def count_rows(path: Path) -> int:
    with _connect(path) as (db, _model):
        return db.execute("SELECT count(*) FROM responses").fetchone()[0]


class _connect:
    """The read-only connection and the model expression, checking the table is llm's."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> tuple[sqlite3.Connection, str]:
        self.db = open_read_only(self.path)
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(responses)")}
        missing = {"model", "datetime_utc", "input_tokens", "output_tokens"} - columns
        if missing:
            self.db.close()
            raise NotLlmLogs(f"no `responses` table with {', '.join(sorted(missing))}: not an llm logs.db")
        model = "coalesce(resolved_model, model)" if "resolved_model" in columns else "model"
        return self.db, model

    def __exit__(self, *exc: object) -> None:
        self.db.close()


def read_llm_logs(path: Path, counts: ReadCounts, on_rows: Callable[[int], None] = lambda _n: None) -> Iterator[Record]:
    counts.files += 1
    with _connect(path) as (db, model):
        cursor = db.execute(f"SELECT datetime_utc, {model}, input_tokens, output_tokens FROM responses")
        for at, name, tin, tout in cursor:
            counts.lines += 1
            on_rows(1)
            if tin is None and tout is None:
                counts.skipped += 1  # logged before llm recorded token counts, or by a plugin that gives none
                continue
            try:
                tin, tout = int(tin or 0), int(tout or 0)
                if tin < 0 or tout < 0:
                    raise ValueError
                record = Record(parse_utc(at), str(name or "unknown"), tin, tout)
            except (ValueError, TypeError, AttributeError):
                counts.skipped += 1
                continue
            yield record
