"""Today's date: the one place the advisor reads the calendar for a result (which prices are stale,
which models are retired, which price is in force).

``ADVISOR_TODAY=YYYY-MM-DD`` fixes it — the tests pin it, so no result depends on the day they run,
and a user can ask what the advice was on a given day. A bench's ``measured_on`` and the date in a
new session's name follow it too; stored timestamps and the time of day keep the real clock.
"""

from __future__ import annotations

import os
from datetime import date

from advisor.tools.base import ToolError

ENV = "ADVISOR_TODAY"


def today() -> date:
    """``ADVISOR_TODAY`` when set, else the system's date."""
    fixed = os.environ.get(ENV, "").strip()
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        error = ToolError(ENV, fixed, "is not a date")
        error.args = (f"{ENV}: {fixed!r} is not a date — write YYYY-MM-DD, or unset it for today's",)
        raise error from None
