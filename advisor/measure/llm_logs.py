"""Simon Willison's `llm` keeps every prompt in ``logs.db``. Since llm 0.32 each model call is a row
of the ``turns`` table; older versions wrote the ``responses`` table, which newer ones keep, read
and no longer write. Both have ``model`` (and, in newer versions, ``resolved_model``),
``datetime_utc``, ``input_tokens``, ``output_tokens`` and ``token_details`` (the plugin's usage
details as JSON, see llm_token_details). Both tables are read, a legacy row whose id is also a
turn's once — as llm's own ``llm logs`` does (``llm/logs.py``, ``LEGACY_LOG_ROWS_SQL``).

The database is opened read-only (SQLite URI ``mode=ro``, ``query_only``, its schema untrusted) and
only those columns (and the ids) are selected: the prompts and responses are never read. It must be
what it claims: ``turns`` and ``responses`` are read only when they are tables (a view could run any
query), no value may be longer than ``MAX_VALUE_BYTES``, and the whole read stops after
``MAX_SECONDS`` (a progress handler), with one line saying so."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from advisor.measure.llm_token_details import parse_details, with_details
from advisor.measure.records import (
    MAX_TOKENS_PER_REQUEST,
    ReadCounts,
    Record,
    RecordError,
    model_name,
    parse_utc,
    token_count,
)
from advisor.tools.userfile import MIB

MAX_SECONDS = 300.0  # the whole read: a million rows take seconds, so this is a query that does not end
MAX_VALUE_BYTES = 16 * MIB  # a string or blob in any row read (token_details is a few hundred bytes)
_CHECK_EVERY = 10_000  # SQLite virtual-machine steps between looks at the clock

SQLITE_MAGIC = b"SQLite format 3\x00"
TABLES = ("turns", "responses")  # llm 0.32 and later, then the legacy table
_NEEDED = {"model", "datetime_utc", "input_tokens", "output_tokens"}


class NotLlmLogs(ValueError):
    pass


class TooSlow(ValueError):
    """The read passed MAX_SECONDS and was stopped."""


def open_read_only(path: Path, seconds: float | None = None) -> sqlite3.Connection:
    """A read-only connection that trusts nothing in the file's schema and gives up after
    ``seconds`` (default MAX_SECONDS, counted from now)."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    db.execute("PRAGMA query_only = ON")
    db.execute("PRAGMA trusted_schema = OFF")
    db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    deadline = time.monotonic() + (MAX_SECONDS if seconds is None else seconds)
    db.set_progress_handler(lambda: int(time.monotonic() > deadline), _CHECK_EVERY)
    return db


def _interrupted(path: Path, exc: sqlite3.OperationalError) -> Exception:
    if "interrupted" in str(exc):
        return TooSlow(
            f"path: reading {str(path)!r} took longer than {MAX_SECONDS:g} s (a view or a query"
            " that does not end?); nothing was imported"
        )
    return exc


def row_counts(path: Path) -> dict[str, int]:
    """The rows each usage table holds that will be read: {"turns": n, "responses": m}."""
    try:
        with _connect(path) as (db, queries):
            return {table: db.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0] for table, sql in queries.items()}
    except sqlite3.OperationalError as exc:
        raise _interrupted(path, exc) from None


class _connect:
    """The read-only connection and one SELECT for each usage table llm's schema has here."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> tuple[sqlite3.Connection, dict[str, str]]:
        self.db = open_read_only(self.path)
        try:
            return self._queries()
        except BaseException:
            self.db.close()
            raise

    def _queries(self) -> tuple[sqlite3.Connection, dict[str, str]]:
        kinds = dict(self.db.execute("SELECT name, type FROM sqlite_master WHERE name IN (?, ?)", TABLES).fetchall())
        views = [name for name, kind in kinds.items() if kind != "table"]
        if views:
            raise NotLlmLogs(
                f"path: {str(self.path)!r}: `{views[0]}` is a {kinds[views[0]]}, not a table —"
                " not an llm logs.db as llm writes it; nothing was read"
            )
        columns = {t: {row[1] for row in self.db.execute(f"PRAGMA table_info({t})")} for t in TABLES}
        usable = [t for t in TABLES if columns[t] >= _NEEDED]
        if not usable:
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
    try:
        yield from _rows(path, counts, on_rows)
    except sqlite3.OperationalError as exc:
        raise _interrupted(path, exc) from None


def _rows(path: Path, counts: ReadCounts, on_rows: Callable[[int], None]) -> Iterator[Record]:
    with _connect(path) as (db, queries):
        for table, sql in queries.items():
            for at, name, tin, tout, details in db.execute(sql):
                counts.lines += 1
                on_rows(1)
                if tin is None and tout is None:
                    counts.skipped += 1  # logged before llm recorded token counts, or by a plugin that gives none
                    continue
                try:
                    tin, tout = token_count(tin, "input_tokens"), token_count(tout, "output_tokens")
                    counted = with_details(tin, tout, parse_details(details))
                    if max(counted) > MAX_TOKENS_PER_REQUEST:
                        raise RecordError(f"token_details: {max(counted):,} tokens is more than one request holds")
                    record = Record(parse_utc(at), model_name(name), *counted)
                except RecordError as exc:
                    counts.skipped += 1
                    counts.problem(f"{path}: {table} row {counts.lines:,}: {exc}")
                    continue
                except (ValueError, TypeError, AttributeError):
                    counts.skipped += 1
                    continue
                yield record
