"""Which records to read and which days: the path, --since, --until, --tz and --columns, read the
same way by `advisor import` and the chat's `/import`."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from advisor.errors import UsageError


def add_record_options(p: argparse.ArgumentParser) -> None:
    """What to read and which days: shared by `advisor import` and the chat's /import."""
    p.add_argument("path", metavar="PATH", type=Path, help="records to read (see below)")
    p.add_argument("--since", metavar="DATE", default=None, help="first day (or time) to count, in --tz")
    p.add_argument("--until", metavar="DATE", default=None, help="last day to count (inclusive), in --tz")
    p.add_argument(
        "--tz", metavar="ZONE", default=None, help="IANA time zone of the days and hours (Europe/Berlin; default UTC)"
    )
    p.add_argument("--columns", metavar="ROLE=COL,…", default=None, help="CSV columns by name")


def parse_import_line(rest: str) -> argparse.Namespace:
    """`/import PATH [--since DATE] [--until DATE] [--tz ZONE] [--columns …]` (quotes for paths with
    spaces)."""
    usage = "import: usage /import PATH [--since DATE] [--until DATE] [--tz ZONE] [--columns ROLE=COL,…]"
    try:
        words = shlex.split(rest)
    except ValueError as exc:
        raise UsageError(f"import: {exc}") from None
    values: dict[str, str | None] = {"since": None, "until": None, "tz": None, "columns": None}
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
    """--since and --until as UTC instants (their days are --tz's); a one-line UsageError for a bad
    one — or for a bad --tz or --columns, checked here too so that a mistyped option is refused
    before any file is read."""
    from advisor.measure.csv_usage import CsvColumnsError, parse_columns
    from advisor.measure.dates import window_bound
    from advisor.measure.zone import UnknownZone, zone

    try:
        parse_columns(args.columns)
        tz = zone(getattr(args, "tz", None))
    except (CsvColumnsError, UnknownZone) as exc:
        raise UsageError(str(exc)) from None
    try:
        since = window_bound(args.since, "since", end=False, tz=tz) if args.since is not None else None
        until = window_bound(args.until, "until", end=True, tz=tz) if args.until is not None else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if since and until and until <= since:
        raise UsageError(f"until: {args.until!r} is not after since {args.since!r}")
    return since, until
