"""`advisor import PATH`: measure the workload from usage records (Claude Code logs, an llm
logs.db, a CSV export) and, with --session, make it the session's measured profile."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = """PATH is one of:
  a Claude Code folder (~/.claude, its projects/ folder, or one project) or one session .jsonl:
      every .jsonl below it, sub-agent sidechains included; each request counted once
  an llm logs.db (Simon Willison's llm), opened read-only
  a CSV with one row per request: timestamp, model, input and output tokens [, cached input,
      cache writes, extended (1 h / 12 h) cache writes] (columns found by name, or --columns
      timestamp=COL,model=COL,input=COL,output=COL,cached=COL,cache_write=COL,cache_write_1h=COL)
Timestamps are UTC; the window is the records' whole UTC days, or --since/--until (UTC).
Only aggregates are kept; no record leaves this machine."""


def add_parser(subparsers: argparse._SubParsersAction, argv: list[str] | None = None) -> None:
    p = subparsers.add_parser(
        "import",
        help="measure the workload from usage records (Claude Code, llm, CSV)",
        description="Measure the workload from the team's own usage records.",
        epilog=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_record_options(p)
    p.add_argument("--session", metavar="NAME", default=None, help="make this session's profile the measured one")
    p.add_argument("--json", action="store_true", help="print profile, records, skipped, window, models")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--data-dir", metavar="DIR", type=Path, default=None, help="where sessions live")


def add_record_options(p: argparse.ArgumentParser) -> None:
    """What to read and which days: shared by `advisor import` and the chat's /import."""
    p.add_argument("path", metavar="PATH", type=Path, help="records to read (see below)")
    p.add_argument("--since", metavar="DATE", default=None, help="first UTC day (or time) to count")
    p.add_argument("--until", metavar="DATE", default=None, help="last UTC day to count (inclusive)")
    p.add_argument("--columns", metavar="ROLE=COL,…", default=None, help="CSV columns by name")


def parse_slash(rest: str) -> argparse.Namespace:
    """`/import PATH [--since DATE] [--until DATE] [--columns …]` (quotes for paths with spaces)."""
    import shlex

    from advisor.errors import UsageError

    usage = "import: usage /import PATH [--since DATE] [--until DATE] [--columns ROLE=COL,…]"
    try:
        words = shlex.split(rest)
    except ValueError as exc:
        raise UsageError(f"import: {exc}") from None
    values: dict[str, str | None] = {"since": None, "until": None, "columns": None}
    paths: list[str] = []
    while words:
        word = words.pop(0)
        if not word.startswith("--"):
            paths.append(word)
            continue
        name, _, value = word[2:].partition("=")
        if name not in values:
            raise UsageError(f"import: --{name} is not an option; {usage[8:]}")
        if not value:
            if not words:
                raise UsageError(f"import: --{name} needs a value")
            value = words.pop(0)
        values[name] = value
    if len(paths) != 1:
        raise UsageError(usage)
    return argparse.Namespace(path=Path(paths[0]).expanduser(), **values)


def window(args: argparse.Namespace):  # -> tuple[datetime | None, datetime | None]
    """--since and --until in UTC; a one-line UsageError for a bad one — or for a bad --columns,
    checked here too so that a mistyped option is refused before any file is read."""
    from advisor.errors import UsageError
    from advisor.measure.csv_usage import CsvColumnsError, parse_columns
    from advisor.measure.dates import window_bound

    try:
        parse_columns(args.columns)
    except CsvColumnsError as exc:
        raise UsageError(str(exc)) from None
    try:
        since = window_bound(args.since, "since", end=False) if args.since is not None else None
        until = window_bound(args.until, "until", end=True) if args.until is not None else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if since and until and until <= since:
        raise UsageError(f"until: {args.until!r} is not after since {args.since!r}")
    return since, until


def run(args: argparse.Namespace) -> int:
    from advisor.errors import UsageError
    from advisor.measure.render import import_document, import_summary
    from advisor.measure.run import ImportFailed, run_import

    since, until = window(args)
    try:
        measured, saved = run_import(
            args.path, since=since, until=until, columns=args.columns, session=args.session,
            data_dir=args.data_dir, quiet=args.quiet,
        )
    except ImportFailed as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps(import_document(measured, saved), indent=2, default=str))
    else:
        print(import_summary(measured, saved))
    if not measured.records:
        print("advisor: no requests in the window", file=sys.stderr)
    return 0
