"""The import as the CLI and the chat run it: read and measure, every way the path can be wrong
one ImportFailed line. Keeping the result in a session is the caller's (`advisor import
--session`, the chat's /import)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from advisor.measure.csv_usage import CsvColumnsError
from advisor.measure.llm_logs import NotLlmLogs, TooSlow
from advisor.measure.measured import Measured
from advisor.measure.source import NotUsageRecords, import_usage
from advisor.measure.zone import UnknownZone


class ImportFailed(ValueError):
    pass


def measure_path(path: Path, catalog, **options) -> Measured:  # catalog: advisor.tools.catalog.Catalog
    """``import_usage`` with every way the path can be wrong as one ImportFailed line."""
    try:
        return import_usage(path, catalog, **options)
    except (NotUsageRecords, NotLlmLogs, TooSlow, CsvColumnsError, UnknownZone) as exc:
        raise ImportFailed(str(exc)) from None
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"path: {str(path)!r} is not UTF-8 text ({exc.reason}); export the CSV as UTF-8") from None
    except sqlite3.DatabaseError as exc:
        raise ImportFailed(f"path: {str(path)!r} cannot be read as SQLite ({exc})") from None
