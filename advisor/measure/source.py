"""Which kind of records a path holds, and one call that reads them into a Measured."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TextIO

from advisor.measure.aggregate import Aggregator
from advisor.measure.claude_code import is_sidechain_file, read_claude_code, session_files
from advisor.measure.csv_usage import read_csv
from advisor.measure.llm_logs import SQLITE_MAGIC, read_llm_logs, row_counts
from advisor.measure.measured import Measured, measure, threshold_lookup
from advisor.measure.progress import Progress
from advisor.measure.records import ReadCounts
from advisor.measure.zone import LocalClock, zone
from advisor.tools.catalog import Catalog
from advisor.tools.userfile import UserFileError, open_regular

HEAD_BYTES = 64 * 1024  # read to tell a file's kind: its magic number or its first line


class NotUsageRecords(ValueError):
    """A path that holds no records this can read: one line naming it and what was expected."""


def detect(path: Path) -> str:
    """claude-code, llm-logs or csv; an NotUsageRecords naming the path otherwise."""
    if not path.exists():
        raise NotUsageRecords(f"path: {str(path)!r} does not exist")
    if path.is_dir():
        return "claude-code"
    head = _head(path)
    if head.startswith(SQLITE_MAGIC):
        return "llm-logs"
    if path.suffix == ".jsonl":
        return "claude-code"
    if path.suffix.lower() in (".csv", ".tsv", ".txt") or _looks_like_csv(head):
        return "csv"
    raise NotUsageRecords(
        f"path: {str(path)!r} is not a Claude Code folder or .jsonl, an llm logs.db or a CSV"
    )


def import_usage(
    path: Path,
    catalog: Catalog,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    columns: str | None = None,
    progress_stream: TextIO | None = None,
    quiet: bool = False,
    tz: str | None = None,
    by: str | None = None,
) -> Measured:
    """Read ``path``'s records once and measure them: days and hours in the IANA zone ``tz``
    (UTC by default), and with ``by`` the rows of that breakdown (day, week, month, session,
    project or model) as ``Measured.rows``."""
    path = path.expanduser()
    kind = detect(path)
    counts = ReadCounts()
    clock = LocalClock(zone(tz))
    aggregator = Aggregator(since, until, threshold_lookup(catalog), clock)
    notes: list[str] = []
    if kind == "claude-code":
        files = session_files(path)
        if not files:
            raise NotUsageRecords(f"path: {str(path)!r} holds no Claude Code session files (*.jsonl)")
        sidechains = sum(1 for f in files if is_sidechain_file(f))
        notes.append(f"{len(files) - sidechains} session files and {sidechains} sub-agent files read")
        progress = Progress(sum(_size(f) for f in files), "bytes", counts, progress_stream, quiet)
        records = read_claude_code(files, counts, progress.advance)
    elif kind == "llm-logs":
        rows = row_counts(path)
        if "turns" in rows:
            notes.append(f"read {rows['turns']:,} rows from `turns` (llm 0.32 and later) and"
                         f" {rows.get('responses', 0):,} from the legacy `responses` table")
        progress = Progress(sum(rows.values()), "rows", counts, progress_stream, quiet)
        records = read_llm_logs(path, counts, progress.advance)
    else:
        progress = Progress(_size(path), "bytes", counts, progress_stream, quiet)
        records = read_csv(path, counts, columns, progress.advance)
    tally = aggregator.add_all(records)
    if counts.problems and not tally.rows and not tally.outside_window:
        raise NotUsageRecords(f"path: no usable record; {counts.problems[0]}")
    progress.finish(tally.records)
    measured = measure(tally, counts, catalog, source=kind, path=str(path), since=since, until=until, clock=clock,
                       by=by)
    measured.notes[:0] = notes
    measured.notes += [f"skipped: {problem}" for problem in counts.problems]
    return measured


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _head(path: Path) -> bytes:
    """The file's first bytes, enough to tell its kind; a FIFO, a device or an unreadable file is
    one line (advisor.tools.userfile: nothing blocks)."""
    try:
        with open_regular(path) as handle:
            return handle.read(HEAD_BYTES)
    except UserFileError as exc:
        raise NotUsageRecords(f"path: {exc}") from None


def _looks_like_csv(head: bytes) -> bool:
    try:
        first = head.split(b"\n", 1)[0].decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return first.count(",") >= 3
