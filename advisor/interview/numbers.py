"""Quantities inside free text: ``5,000``, ``2K``, ``2.5B``, ``1.2 million``, ``thirty-one``, ranges
(``5-10k`` → 7,500) and the masking that stops one reader from re-reading another's numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.interview.lazy import lazy
from advisor.tools.defaults import BUSINESS_DAYS_PER_WEEK, DAYS_PER_MONTH

_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "trillion": 1e12,
}
_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SPECIAL = {"a dozen": 12, "dozen": 12, "a hundred": 100, "hundred": 100, "a couple of": 2, "a couple": 2}

_UNIT_ALT = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_ALT = "|".join(_TENS)
_SPECIAL_ALT = "|".join(sorted((k.replace(" ", r"\s+") for k in _SPECIAL), key=len, reverse=True))
_SCALE_WORD = r"thousand|million|billion|trillion"

NUM = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"  # never from inside a number
SCALE = r"thousand|million|billion|trillion|mm|mn|bn|k|m|b|t"
WORDNUM = (
    rf"(?:(?:{_TENS_ALT})(?:[-\s](?:{_UNIT_ALT}))?|{_SPECIAL_ALT}|{_UNIT_ALT}"
    rf"|half\s+an?(?=\s+(?:{_SCALE_WORD}))|an?(?=\s+(?:{_SCALE_WORD})))"
)


def qty(tag: str = "", money: bool = False) -> str:
    """A regex for one quantity; its groups are ``{tag}n`` (digits) and ``{tag}s`` (scale). Number
    words were turned into digits before any reader runs (``forms.canonical``), so the patterns stay
    small; the ``{tag}w`` groups never match and remain for callers that test them.
    Not after a currency sign unless ``money`` (then the pattern itself holds the sign)."""
    before = r"(?<![\w.,])" if money else r"(?<![\w.$€£,])"
    return (
        rf"(?:{before}(?P<{tag}n>{NUM})(?:\s*(?P<{tag}s>{SCALE})(?![a-z]))?\+?(?![\w])(?![.,]\d)"
        rf"|(?P<{tag}w>(?!))(?P<{tag}ws>(?!))?)"  # number words are digits by now (forms.canonical)
    )


def qty_range(tag: str = "", money: bool = False) -> str:
    """A quantity or a range of two (``5-10k``, ``4 to 8``), with an optional sign before it."""
    return (
        rf"(?P<{tag}neg>(?<![\w.])-(?=\d)|\bminus\s+)?{qty(tag + 'a', money)}"
        rf"(?:\s*(?:-|–|to)\s*\$?{qty(tag + 'b', True)})?"
    )


QTY_RE = lazy(qty_range("q"), re.IGNORECASE)


def word_value(words: str) -> float:
    w = re.sub(r"\s+", " ", words.lower().strip())
    if w in _SPECIAL:
        return float(_SPECIAL[w])
    if w.startswith("half"):
        return 0.5
    if w in ("a", "an"):
        return 1.0
    parts = re.split(r"[-\s]", w)
    total = 0
    for p in parts:
        total += _TENS.get(p, 0) + _UNITS.get(p, 0)
    return float(total)


def _one(m: re.Match[str], tag: str) -> tuple[float, bool] | None:
    """The value of one quantity group, and whether it carried its own scale."""
    digits, words = m.group(f"{tag}n"), m.group(f"{tag}w")
    if digits is not None:
        scale = (m.group(f"{tag}s") or "").lower()
        return float(digits.replace(",", "")) * _SCALES.get(scale, 1.0), bool(scale)
    if words is not None:
        scale = (m.group(f"{tag}ws") or "").lower()
        return word_value(words) * _SCALES.get(scale, 1.0), bool(scale)
    return None


@dataclass(frozen=True)
class Quantity:
    value: float
    negative: bool = False
    is_range: bool = False
    text: str = ""


def match_tag(m: re.Match[str]) -> str:
    """The tag of the ``qty_range`` that took part in ``m`` (patterns with alternatives hold several)."""
    for key, value in m.groupdict().items():
        if value is not None and (key.endswith("an") or key.endswith("aw")):
            return key[:-2]
    raise ValueError("no quantity in match")


def quantity(m: re.Match[str], tag: str | None = None) -> Quantity:
    """The quantity a ``qty_range(tag)`` match holds; a range is its midpoint (``5-10k`` → 7,500)."""
    tag = match_tag(m) if tag is None else tag
    first = _one(m, tag + "a")
    assert first is not None
    value, scaled = first
    second = _one(m, tag + "b") if m.group(f"{tag}bn") or m.group(f"{tag}bw") else None
    negative = bool(m.group(f"{tag}neg"))
    if second is None:
        return Quantity(value, negative, False, m.group(0).strip())
    hi, hi_scaled = second
    if hi_scaled and not scaled:
        suffix = (m.group(f"{tag}bs") or m.group(f"{tag}bws") or "").lower()
        value *= _SCALES.get(suffix, 1.0)
    return Quantity((value + hi) / 2, negative, True, m.group(0).strip())


def to_float(digits: str) -> float:
    """A ``NUM`` match as a float: ``"5,000"`` → 5000.0 (NUM admits thousands separators)."""
    return float(digits.replace(",", ""))


def parse_one(text: str) -> float | None:
    """The single quantity that is the whole of ``text`` (``"2k"``, ``"about 5,000"`` is not)."""
    m = QTY_RE.fullmatch(text.strip())
    return quantity(m).value if m else None


def find_quantities(text: str) -> list[tuple[re.Match[str], Quantity]]:
    return [(m, quantity(m)) for m in QTY_RE.finditer(text)]


# ---- periods --------------------------------------------------------------------------------
PERIOD_UNIT = (
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|h|weekdays?|workdays?|work\s+days?|days?|d|nights?|weeks?|wks?|w"
    r"|months?|mos?|quarters?|qtrs?|years?|yrs?|y|s"
)
PERIOD = (
    rf"(?:(?:(?:a|an|per|each|every|in\s+a|in\s+one)\s+|/\s*)(?:(?P<pbiz>business|working)\s+"
    rf"|(?:single|calendar|typical|given)\s+)?"
    rf"(?P<punit>{PERIOD_UNIT})(?![a-z])|(?P<padj>hourly|daily|weekly|monthly|quarterly|yearly|annually|nightly))"
)

_DAYS_PER_UNIT = {
    "second": 1 / 86400,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "business day": 7 / BUSINESS_DAYS_PER_WEEK,  # the calendar-day average of a weekday rate: × 5/7
    "week": 7.0,
    "month": float(DAYS_PER_MONTH),
    "quarter": 3.0 * DAYS_PER_MONTH,
    "year": 12.0 * DAYS_PER_MONTH,
}


def period_of(m: re.Match[str]) -> str:
    """The period a match of ``PERIOD`` names; "per business day" and "per weekday" are business days."""
    groups = m.groupdict()
    name = period_name(groups.get("punit"), groups.get("padj"))
    return "business day" if name == "day" and groups.get("pbiz") else name


def period_name(unit: str | None, adj: str | None = None) -> str:
    """``"hrs"`` → ``"hour"``, ``"daily"`` → ``"day"``, ``"/mo"`` → ``"month"``."""
    u = (unit or adj or "").lower()
    table = {
        "hourly": "hour",
        "daily": "day",
        "nightly": "day",
        "quarterly": "quarter",
        "weekly": "week",
        "monthly": "month",
        "yearly": "year",
        "annually": "year",
    }
    if u in table:
        return table[u]
    if u.startswith(("weekday", "workday", "work")):
        return "business day"
    if u.startswith("night"):
        return "day"
    if u.startswith(("quarter", "qtr")):
        return "quarter"
    if u.startswith(("sec",)) or u == "s":
        return "second"
    if u.startswith("min"):
        return "minute"
    if u.startswith(("hour", "hr")) or u == "h":
        return "hour"
    if u.startswith("d"):
        return "day"
    if u.startswith("w"):
        return "week"
    if u.startswith("mo"):
        return "month"
    return "year"


def days_in(period: str) -> float:
    """How many days one ``period`` spans (a month is DAYS_PER_MONTH days, a year 12 months)."""
    return _DAYS_PER_UNIT[period]


# ---- formatting -----------------------------------------------------------------------------
def human(value: float) -> str:
    """``2000`` → ``2,000``; ``3e8`` → ``300M``; ``3.333`` → ``3.3``."""
    if abs(value) >= 1e15:
        return f"{value:.3g}"
    if abs(value) >= 1e6:
        for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
            if abs(value) >= scale:
                return f"{value / scale:,.2f}".rstrip("0").rstrip(".") + suffix
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 10 else f"{value:,.1f}".rstrip("0").rstrip(".")


def percent(share: float) -> str:
    return f"{share * 100:g}%"


def mask(text: str, start: int, end: int) -> str:
    """``text`` with [start, end) blanked (same length, so every other span stays valid)."""
    return text[:start] + " " * (end - start) + text[end:]
