"""Shifts: "three shifts a day", "two 8-hour shifts", "3 shifts of 8 hours" → how many shifts a day
and, when their length is said, the hours a day the requests arrive in (``traffic_hours``). A rate
per shift ("1,000 per shift") is read in rates.py as that many shifts' worth a day."""

from __future__ import annotations

from advisor.interview.draft import Draft
from advisor.interview.lazy import lazy
from advisor.interview.numbers import human, qty_range, quantity

MAX_SHIFTS = 6
_HOURS = r"\s*-?\s*(?:hours?|hrs?|h)\b"
SHIFTS = lazy(
    rf"{qty_range('q')}\s*(?:x\s*)?(?:(?P<len>\d+(?:\.\d+)?){_HOURS}\s*-?\s*)?shifts?\b"
    rf"(?:\s*(?:of|x|at|lasting)\s*(?P<len2>\d+(?:\.\d+)?){_HOURS}(?:\s+each)?)?"
    rf"(?:\s*(?:a|per|each|every|/)\s*day\b|\s+daily\b)?"
)


def read_shifts(d: Draft) -> None:
    """The shifts a day this text states; their hours, when given, are the traffic window."""
    for m in SHIFTS.finditer(d.text):
        q = quantity(m, "q")
        if q.negative or q.is_range or not 1 <= q.value <= MAX_SHIFTS or not q.value.is_integer():
            continue
        quote = d.quote(m.start(), m.end())
        d.shifts = (q.value, quote)
        d.consume(m.start(), m.end())
        length = m["len"] or m["len2"]
        if length and 0 < float(length) <= 24:
            hours = min(24.0, q.value * float(length))
            note = f"read '{quote}' as requests arriving over {human(hours)} hours a day"
            d.set("traffic_hours", hours, note, spans=[(m.start(), m.end())])
            d.hours_window = hours
        return
