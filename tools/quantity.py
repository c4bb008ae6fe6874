"""Human quantities at the edges: ``300M``, ``2.5B``, ``50K``, ``2k``, ``1,200,000``, ``$0.16``, ``1e6``
(then held to the field's range like any other, so ``1e300`` is named as too large, not as no number)."""

from __future__ import annotations

import math
import re
from typing import Annotated

from pydantic import BeforeValidator, Field

MAX_TOKENS_PER_MONTH = 1e15

_SUFFIX = {"": 1.0, "%": 0.01, "k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12}
_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER = re.compile(
    r"^\s*\$?\s*(?P<num>(?:[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)(?:e[+-]?\d{1,4})?)\s*"
    r"(?P<suffix>%|k|mm|m|bn|b|t|thousand|million|billion|trillion)?\s*$",
    re.IGNORECASE,
)


def parse_quantity(value: object) -> float:
    """A number from a human quantity; raises ValueError with a hint when it is not one."""
    if isinstance(value, bool):
        raise ValueError("expected a number, not true/false")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace("_", "")
        match = _NUMBER.match(text)
        if not match:
            lowered = text.lower()
            if lowered in {"nan", "inf", "-inf", "+inf", "infinity", "-infinity"}:
                raise ValueError("must be a finite number")
            raise ValueError("not a number; write e.g. 300M, 2.5B, 50K or 1,200,000")
        suffix = (match["suffix"] or "").lower()
        number = float(match["num"].replace(",", "")) * _SUFFIX.get(suffix, _WORDS.get(suffix, 1))
    if math.isnan(number) or math.isinf(number):
        raise ValueError("must be a finite number")
    return number


def _non_negative(value: object) -> float:
    number = parse_quantity(value)
    if number < 0:
        raise ValueError("must not be negative")
    return number


Quantity = Annotated[float, BeforeValidator(parse_quantity)]
"""Any finite number written as a human quantity."""

Tokens = Annotated[float, BeforeValidator(_non_negative), Field(le=MAX_TOKENS_PER_MONTH)]
"""A non-negative token count, at most 1e15 (more is a typo, not a workload)."""

Usd = Annotated[float, BeforeValidator(_non_negative), Field(le=1e12)]
"""A non-negative dollar amount."""

Share = Annotated[float, BeforeValidator(_non_negative), Field(le=1)]
"""A fraction between 0 and 1."""

Hours = Annotated[float, BeforeValidator(_non_negative), Field(le=24)]
"""Hours in a day: 0 to 24."""

MAX_MONTHS = 240

Months = Annotated[float, BeforeValidator(parse_quantity), Field(gt=0, le=MAX_MONTHS)]
"""A span in months, more than 0 and at most 20 years (an amortisation, a horizon)."""

_SECONDS = re.compile(
    r"^\s*(?P<num>\d+(?:\.\d+)?|\.\d+)\s*(?P<unit>s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?)?\s*$",
    re.IGNORECASE,
)
_SECONDS_IN = {"s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "hr": 3600.0, "hour": 3600.0, "minute": 60.0}


def parse_seconds(value: object) -> float:
    """Seconds from ``5``, ``5s``, ``2 min``, ``1.5h`` (here ``m`` is minutes, not millions)."""
    if isinstance(value, bool):
        raise ValueError("expected a number of seconds, not true/false")
    if isinstance(value, int | float):
        number = float(value)
    else:
        match = _SECONDS.match(str(value))
        if not match:
            raise ValueError("not a duration; write e.g. 5, 5s, 2 min or 1.5h")
        unit = (match["unit"] or "s").lower().rstrip("s") or "s"
        number = float(match["num"]) * _SECONDS_IN.get(unit, _SECONDS_IN.get(unit[:3], 1.0))
    if math.isnan(number) or math.isinf(number) or number <= 0:
        raise ValueError("must be a positive, finite number of seconds")
    return number


Seconds = Annotated[float, BeforeValidator(parse_seconds), Field(le=7 * 24 * 3600)]
"""A positive duration in seconds (``5``, ``5s``, ``2 min``, ``1.5h``), at most a week."""


def duration_words(seconds: float | None) -> str:
    """'40 ms', '0.4 s', '12 s', '3.7 min', '2.1 h' — a request's time as a person reads it."""
    if seconds is None:
        return "—"
    if math.isinf(seconds):
        return "never (overloaded)"
    if 0 < seconds < 0.1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"
