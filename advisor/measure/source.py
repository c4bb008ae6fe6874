"""Which kind of records a path holds, and one call that reads them into a Measured."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TextIO

from advisor.measure.aggregate import Aggregator
from advisor.measure.claude_code import is_sidechain_file, read_claude_code
from advisor.measure.claude_code import session_files as claude_files
from advisor.measure.codex import is_codex_file, read_codex
from advisor.measure.codex import session_files as codex_files
from advisor.measure.csv_usage import read_csv
from advisor.measure.gemini_cli import is_gemini_file, read_gemini_cli
from advisor.measure.gemini_cli import session_files as gemini_files
from advisor.measure.llm_logs import SQLITE_MAGIC, read_llm_logs, row_counts
from advisor.measure.measured import Measured, measure, threshold_lookup
from advisor.measure.progress import Progress
from advisor.measure.records import ReadCounts
from advisor.measure.usage_reports import KINDS as REPORTS
from advisor.measure.usage_reports import Billed, read_report, report_kind
from advisor.measure.zone import LocalClock, zone
from advisor.tools.catalog import Catalog
from advisor.tools.userfile import UserFileError, open_regular

HEAD_BYTES = 64 * 1024  # read to tell a file's kind: its magic number or its first line


class NotUsageRecords(ValueError):
    """A path that holds no records this can read: one line naming it and what was expected."""


def detect(path: Path) -> str:
    """claude-code, codex, gemini-cli, llm-logs, a provider's report (anthropic-usage, openai-usage,
    anthropic-cost, openai-cost) or csv, told from the path and its first bytes; a NotUsageRecords
    naming the path otherwise."""
    if not path.exists():
        raise NotUsageRecords(f"path: {str(path)!r} does not exist")
    if path.is_dir():
        return _folder_kind(path)
    head = _head(path)
    first = head.split(b"\n", 1)[0]
    if head.startswith(SQLITE_MAGIC):
        return "llm-logs"
    if is_codex_file(path) or (path.suffix == ".jsonl" and b'"session_meta"' in first):
        return "codex"
    if is_gemini_file(path) or (b'"projectHash"' in head[:4096] and b'"sessionId"' in head[:4096]):
        return "gemini-cli"  # a chat recording moved out of its folder: its first record says so
    if path.suffix.lower() in (".json", ".jsonl") and (kind := report_kind(head)):
        return kind
    if path.suffix == ".jsonl":
        return "claude-code"
    if path.suffix.lower() in (".csv", ".tsv", ".txt") or _looks_like_csv(head):
        return "csv"
    raise NotUsageRecords(
        f"path: {str(path)!r} is not usage records the advisor reads: a Claude Code, Codex CLI or Gemini CLI"
        " folder or log, an llm logs.db, an Anthropic or OpenAI usage or cost report (JSON) or a CSV"
    )


def _folder_kind(path: Path) -> str:
    """A folder's kind from its name (``.codex``, ``.gemini``, ``.claude``) or the first log found in it."""
    named = {".codex": "codex", ".gemini": "gemini-cli", ".claude": "claude-code"}.get(path.name)
    if named:
        return named
    for folder, dirs, files in os.walk(path):
        dirs.sort()
        for name in sorted(files):
            found = Path(folder) / name
            if is_codex_file(found):
                return "codex"
            if is_gemini_file(found):
                return "gemini-cli"
            if name.endswith(".jsonl"):
                return "claude-code"
    return "claude-code"


READERS = {
    "claude-code": "Claude Code session files (*.jsonl)",
    "codex": "Codex CLI sessions (rollout-*.jsonl)",
    "gemini-cli": "Gemini CLI chats (chats/session-*.json[l])",
}


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
    billed = Billed()
    if kind in READERS:
        files = {"claude-code": claude_files, "codex": codex_files, "gemini-cli": gemini_files}[kind](path)
        if not files:
            raise NotUsageRecords(f"path: {str(path)!r} holds no {READERS[kind]}")
        progress = Progress(sum(_size(f) for f in files), "bytes", counts, progress_stream, quiet)
        if kind == "claude-code":
            sidechains = sum(1 for f in files if is_sidechain_file(f))
            notes.append(f"{len(files) - sidechains} session files and {sidechains} sub-agent files read")
            records = read_claude_code(files, counts, progress.advance)
        elif kind == "codex":
            notes.append(f"{len(files)} Codex CLI session files read")
            records = read_codex(files, counts, progress.advance)
        else:
            notes.append(f"{len(files)} Gemini CLI chat files read")
            records = read_gemini_cli(files, counts, progress.advance)
    elif kind == "llm-logs":
        rows = row_counts(path)
        if "turns" in rows:
            notes.append(
                f"read {rows['turns']:,} rows from `turns` (llm 0.32 and later) and"
                f" {rows.get('responses', 0):,} from the legacy `responses` table"
            )
        progress = Progress(sum(rows.values()), "rows", counts, progress_stream, quiet)
        records = read_llm_logs(path, counts, progress.advance)
    elif kind in REPORTS:
        progress = Progress(_size(path), "bytes", counts, progress_stream, quiet, items="rows")
        records = read_report(path, kind, counts, billed, progress.advance)
    else:
        progress = Progress(_size(path), "bytes", counts, progress_stream, quiet)
        records = read_csv(path, counts, columns, progress.advance)
    tally = aggregator.add_all(records)
    if not counts.lines and not counts.problems:
        raise NotUsageRecords(f"path: {str(path)!r} holds no records: {_empty(kind, counts.files)}")
    if counts.problems and not tally.rows and not tally.outside_window:
        raise NotUsageRecords(f"path: no usable record; {counts.problems[0]}")
    if kind.endswith("-cost"):
        raise NotUsageRecords(_cost_only(path, billed))
    progress.finish(tally.records, tally.unknown_requests)
    measured = measure(
        tally, counts, catalog, source=kind, path=str(path), since=since, until=until, clock=clock, by=by
    )
    measured.notes[:0] = notes
    if kind in REPORTS and "unknown" in measured.unpriced_models:
        measured.notes.append(
            "rows without a model cannot be priced: export the report grouped by model (group_by[]=model)"
        )
    measured.notes += [f"skipped: {problem}" for problem in counts.problems]
    return measured


def _cost_only(path: Path, billed: Billed) -> str:
    """A cost report alone: what it says was billed, and what to import instead."""
    days = sorted(billed.by_day)
    when = f" from {days[0]} to {days[-1]} (UTC)" if days else ""
    currency = "/".join(sorted(billed.currencies)) or "USD"
    return (
        f"path: {str(path)!r} is a cost report: {billed.usd:,.2f} {currency} billed{when}, but no tokens;"
        " import the usage report of the same days (Anthropic usage_report/messages, OpenAI"
        " usage/completions) to measure the workload"
    )


def _empty(kind: str, files: int) -> str:
    if kind == "llm-logs":
        return "no response is logged in it"
    return "the file is empty" if files == 1 else f"its {files:,} files are empty"


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
