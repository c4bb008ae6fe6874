"""Dates are inputs: nothing that decides a result — and no test — reads the calendar directly.
advisor.tools.clock.today() is the one reader (ADVISOR_TODAY pins it; CI also runs the suite with the
system clock a year ahead), so a test built on `date.today()` would compare against a different day
than the code under test."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CALENDAR = re.compile(r"\b(?:date\.today|datetime\.(?:now|today|utcnow))\(")
ALLOWED = {
    "tools/clock.py",  # the one reader: ADVISOR_TODAY, else the system's date
    "tests/unit/test_clock.py",  # checks that fallback against the system's date
    "advisor/store.py",  # an export's file name: the advisor's day, the real time of day
    "advisor/measure/measured.py",  # when an import ran (a timestamp kept with it, deciding nothing)
    "advisor/upkeep/catalog_update.py",  # when the catalog file was written (its header comment)
    "tests/project/test_dates_are_inputs.py",
}


def test_only_the_clock_reads_the_calendar():
    files = [*ROOT.glob("advisor/**/*.py"), *ROOT.glob("tools/*.py"), *ROOT.glob("tests/**/*.py")]
    readers = sorted(
        str(path.relative_to(ROOT))
        for path in files
        if str(path.relative_to(ROOT)) not in ALLOWED and CALENDAR.search(path.read_text(encoding="utf-8"))
    )
    assert not readers, f"read the calendar directly (use advisor.tools.clock.today()): {readers}"
