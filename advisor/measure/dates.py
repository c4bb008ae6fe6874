"""--since / --until, read in UTC."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from advisor.measure.records import EARLIEST, LATEST, parse_utc

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def window_bound(text: str, field: str, *, end: bool) -> datetime:
    """A date (a whole UTC day: ``--until`` includes it) or an ISO time (naive = UTC)."""
    try:
        at = parse_utc(text)
    except ValueError:
        raise ValueError(
            f"{field}: {text!r} is not a date from {EARLIEST:%Y} to {LATEST.year - 1};"
            " use YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)"
        ) from None
    if end and _DATE_ONLY.match(text.strip()):
        at += timedelta(days=1)
    return at
