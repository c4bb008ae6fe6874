"""--since / --until, read in the import's time zone (`--tz`, UTC by default)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo

from advisor.measure.records import EARLIEST, LATEST, parse_utc

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def window_bound(text: str, field: str, *, end: bool, tz: tzinfo = UTC) -> datetime:
    """A date (a whole day of ``tz``: ``--until`` includes it) or an ISO time (without an offset:
    ``tz``'s), as a UTC instant."""
    try:
        at = parse_utc(text)
    except ValueError:
        raise ValueError(
            f"{field}: {text!r} is not a date from {EARLIEST:%Y} to {LATEST.year - 1};"
            " use YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        ) from None
    if tz is not UTC and _naive(text):
        at = at.replace(tzinfo=None).replace(tzinfo=tz).astimezone(UTC)
    if end and _DATE_ONLY.match(text.strip()):
        at = _next_midnight(at, tz)
    return at


def _next_midnight(at: datetime, tz: tzinfo) -> datetime:
    local = at.astimezone(tz) + timedelta(days=1)
    return datetime(local.year, local.month, local.day, tzinfo=tz).astimezone(UTC)


def _naive(text: str) -> bool:
    try:
        return datetime.fromisoformat(text.strip()).tzinfo is None
    except ValueError:  # Unix seconds: an instant
        return False
