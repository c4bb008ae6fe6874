"""`advisor import PATH`: measure the workload from usage records (Claude Code, Codex CLI and
Gemini CLI logs, an llm logs.db, a provider's usage report, a CSV export) and, with --session, make
it the session's measured profile."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.commands.registry import command
from advisor.slash.records import add_record_options, window

BY = ("day", "week", "month", "session", "project", "model")  # advisor.measure.breakdown.BY, without importing it

if TYPE_CHECKING:
    from advisor.config import Config
    from advisor.measure.measured import Measured

HELP = """PATH is one of (its kind is told from the path and its first bytes):
  a Claude Code folder (~/.claude, its projects/ folder, or one project) or one session .jsonl:
      every .jsonl below it, sub-agent sidechains included; each response counted once
  a Codex CLI folder (~/.codex: sessions/ and archived_sessions/) or one rollout-*.jsonl
  a Gemini CLI folder (~/.gemini: tmp/<project>/chats/) or one chats/session-*.json[l]
  an llm logs.db (Simon Willison's llm), opened read-only
  an Anthropic or OpenAI usage report as their Admin APIs return it (JSON: usage_report/messages,
      usage/completions); a cost report (cost_report, costs) says what was billed
  a CSV with one row per request: timestamp, model, input and output tokens [, cached input,
      cache writes, extended (1 h / 12 h) cache writes, requests (a report's row)] (columns found
      by name, or --columns timestamp=COL,model=COL,input=COL,output=COL,cached=COL,cache_write=COL,
      cache_write_1h=COL,requests=COL)
Days and hours are --tz's (an IANA zone, UTC by default); the window is the records' whole days,
or --since/--until. --by day|week|month|session|project|model prints a table (cost by model).
Only aggregates are kept; no record leaves this machine."""


def arguments(p: argparse.ArgumentParser, argv: list[str]) -> None:
    add_record_options(p)
    p.add_argument(
        "--by",
        choices=BY,
        default=None,
        help="a table by day, week, month, session, project or model (--json: its rows)",
    )
    p.add_argument("--session", metavar="NAME", default=None, help="make this session's profile the measured one")
    p.add_argument("--json", action="store_true", help="print profile, records, skipped, window, models")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--data-dir", metavar="DIR", type=Path, default=None, help="where sessions live")


@command(
    "import",
    help="measure the workload from usage records (Claude Code, Codex, Gemini CLI, llm, reports, CSV)",
    description="Measure the workload from the team's own usage records.",
    epilog=HELP,
    arguments=arguments,
)
def run(args: argparse.Namespace) -> int:
    from advisor.config import load_config
    from advisor.errors import UsageError
    from advisor.measure.run import ImportFailed, measure_path
    from advisor.text.measured import breakdown_table, import_document, import_summary

    since, until = window(args)
    config = load_config(data_dir=args.data_dir)
    try:
        measured = measure_path(
            args.path,
            config.catalog(),
            since=since,
            until=until,
            columns=args.columns,
            quiet=args.quiet,
            tz=args.tz,
            by=args.by,
        )
        saved = save_to_session(config, args.session, measured) if args.session is not None else None
    except ImportFailed as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps(import_document(measured, saved), indent=2, default=str))
    elif args.by:
        print(breakdown_table(measured) + (f"\nSaved to session {saved!r} as its measured profile." if saved else ""))
    else:
        print(import_summary(measured, saved))
    if not measured.counted:
        print("advisor: no requests in the window", file=sys.stderr)
    return 0


def save_to_session(config: Config, session_name: str, measured: Measured) -> str:
    """Keep the aggregates (nothing else) as the session's measured profile; the session is
    created when it does not exist."""
    from advisor.measure.run import ImportFailed
    from advisor.session import Session

    if not measured.counted:
        raise ImportFailed("session: no requests in the window, so nothing to measure; the session is unchanged")
    session = Session.load(config, session_name)
    try:
        session.apply_measured(measured)
        return session.name
    finally:
        session.close()
