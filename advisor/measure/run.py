"""The import as the CLI and the chat run it: read, measure, and (with a session) keep the
aggregates as the session's measured profile."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from advisor.measure.csv_usage import CsvColumnsError
from advisor.measure.llm_logs import NotLlmLogs, TooSlow
from advisor.measure.measured import Measured
from advisor.measure.source import NotUsageRecords, import_usage


class ImportFailed(ValueError):
    pass


def run_import(
    path: Path,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    columns: str | None = None,
    session: str | None = None,
    data_dir: Path | None = None,
    quiet: bool = False,
) -> tuple[Measured, str | None]:
    """The measurement, and the name of the session it was saved to (None without one)."""
    from advisor.config import load_config

    config = load_config(data_dir=data_dir)
    measured = measure_path(path, config.catalog(), since=since, until=until, columns=columns, quiet=quiet)
    if session is None:
        return measured, None
    return measured, save_to_session(config, session, measured)


def measure_path(path: Path, catalog, **options) -> Measured:  # catalog: advisor.tools.catalog.Catalog
    """``import_usage`` with every way the path can be wrong as one ImportFailed line."""
    try:
        return import_usage(path, catalog, **options)
    except (NotUsageRecords, NotLlmLogs, TooSlow, CsvColumnsError) as exc:
        raise ImportFailed(str(exc)) from None
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"path: {str(path)!r} is not UTF-8 text ({exc.reason}); export the CSV as UTF-8") from None
    except sqlite3.DatabaseError as exc:
        raise ImportFailed(f"path: {str(path)!r} cannot be read as SQLite ({exc})") from None


def save_to_session(config, session_name: str, measured: Measured) -> str:  # config: advisor.config.Config
    """Keep the aggregates (nothing else) as the session's measured profile; the session is
    created when it does not exist."""
    from advisor.session import Session

    if not measured.records:
        raise ImportFailed("session: no requests in the window, so nothing to measure; the session is unchanged")
    session = Session.load(config, session_name)
    try:
        session.apply_measured(measured)
        return session.name
    finally:
        session.close()
