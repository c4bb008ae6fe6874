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
  a CSV with one row per request: timestamp, model, input and output tokens [, cached input]
      (columns found by name, or --columns timestamp=COL,model=COL,input=COL,output=COL,cached=COL)
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
    p.add_argument("path", metavar="PATH", type=Path, help="records to read (see below)")
    p.add_argument("--session", metavar="NAME", default=None, help="make this session's profile the measured one")
    p.add_argument("--since", metavar="DATE", default=None, help="first UTC day (or time) to count")
    p.add_argument("--until", metavar="DATE", default=None, help="last UTC day to count (inclusive)")
    p.add_argument("--columns", metavar="ROLE=COL,…", default=None, help="CSV columns by name")
    p.add_argument("--json", action="store_true", help="print profile, records, skipped, window, models")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--data-dir", metavar="DIR", type=Path, default=None, help="where sessions live")


def run(args: argparse.Namespace) -> int:
    from advisor.errors import UsageError
    from advisor.measure.dates import window_bound
    from advisor.measure.render import import_document, import_summary
    from advisor.measure.run import ImportFailed, run_import

    try:
        since = window_bound(args.since, "since", end=False) if args.since else None
        until = window_bound(args.until, "until", end=True) if args.until else None
        if since and until and until <= since:
            raise ValueError(f"until: {args.until!r} is not after since {args.since!r}")
        measured, saved = run_import(
            args.path, since=since, until=until, columns=args.columns, session=args.session,
            data_dir=args.data_dir, quiet=args.quiet,
        )
    except (ValueError, ImportFailed) as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps(import_document(measured, saved), indent=2, default=str))
    else:
        print(import_summary(measured, saved))
    if not measured.records:
        print("advisor: no requests in the window", file=sys.stderr)
    return 0
