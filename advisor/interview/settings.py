"""The cost settings in free text: electricity rate, hours a day, amortisation and horizon, budget,
setup and maintenance time, engineering rate, prompt-cache share."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from advisor.interview.currency import to_usd
from advisor.interview.draft import Draft
from advisor.interview.lazy import lazy
from advisor.interview.numbers import NUM, PERIOD, days_in, human, period_name, qty_range, quantity, to_float
from advisor.interview.pending import ask_options
from advisor.interview.powered import box_hours
from advisor.interview.vocab import alternation, vocab
from advisor.state import Option
from advisor.tools.catalog import currency_named

MAX_USD_PER_KWH = 2.0
_Q = qty_range("q")
_R = qty_range("r")
_S = qty_range("s")
_M = qty_range("m", money=True)

# ---- electricity ----------------------------------------------------------------------------
_KWH = r"(?:kwh|kw\s*h|kw-h|kilowatt[- ]?hours?|kilo-watt[- ]?hours?)"
_CENTS = r"cents?|c|¢|ct|p|pence"
_DOLLARS = r"\$|usd|dollars?|eur|euros?|€|£"
RATE_PER_KWH = lazy(
    rf"(?:(?P<cur>\$|€|£|usd)\s*)?(?P<v>{NUM})\s*(?P<unit>{_CENTS}|{_DOLLARS})?\s*"
    rf"(?:/|per|an?|for\s+(?:an?|each|every)|each|pro|je|par|le|por|el|il|al|o)\s*{_KWH}(?![a-z])",
)
RATE_AFTER_WORD = lazy(
    rf"(?<![a-z])(?:electricity|power|energy|utility|utilities|electric)(?![a-z])(?:\s+(?:rate|price|cost|tariff|bill))?"
    rf"[^.;?!\n\d$€£]{{0,24}}?(?P<cur>\$|€|£)?\s*(?P<v>{NUM})\s*(?P<unit>{_CENTS}|{_DOLLARS})?"
    rf"(?![\w%])(?!\s*(?:/\s*\d|x\s*\d|w|watts?|kw|kilowatts?|volts?|%|percent|hours?|h|hrs?|months?|years?|per\s+month|a\s+month"
    rf"|/\s*mo|/\s*month|{_KWH}))",
)


def usd_per_kwh(value: float) -> str:
    """``0.3`` → ``$0.30/kWh``; ``0.125`` → ``$0.125/kWh``."""
    text = f"{value:.4f}".rstrip("0")
    if len(text.split(".")[1]) < 2:
        text = f"{value:.2f}"
    return f"${text}/kWh"


def read_electricity(d: Draft) -> None:
    for rx in (RATE_PER_KWH, RATE_AFTER_WORD):
        for m in rx.finditer(d.text):
            value = to_float(m["v"])
            unit = (m["unit"] or "").strip()
            cents = bool(unit) and re.fullmatch(_CENTS, unit) is not None
            beside = _currency_beside(d, m.start("v"), m.end("v"))  # 'R$ 0,85', '1,1 zł': the catalog's
            if beside is None and (_unknown_sign_before(d, m.start("v"), m.end("v")) or foreign_money(d, m)):
                continue  # '₹9.5 per unit': a currency with no rate
            sign = beside or m["cur"] or ("£" if unit.lower() in ("p", "pence") else "" if cents else unit)
            dollars = bool(sign)
            note_unit = ""
            if cents:
                value /= 100
            elif not dollars and value >= MAX_USD_PER_KWH:
                value /= 100
                note_unit = " (a number that size is cents)"
            span = (m.start(), m.end())
            quote = d.quote(*span)
            if not 0 < value <= MAX_USD_PER_KWH:
                d.reject(
                    f"ignored electricity rate '{quote}': expected between $0 and ${MAX_USD_PER_KWH:.2f}/kWh", span
                )
                continue
            if sign:
                _rate_claim(d, value, sign, quote, span, note_unit, figure=to_float(m["v"]))
                continue
            # No currency at the figure: dollars, unless the message names another, is not in English,
            # or writes cents as 'ct' (the euro's abbreviation as much as any)
            other = _other_currency(d)
            unsure = d.lang != "en" or unit.lower() == "ct"
            _rate_claim(d, value, "$", quote, span, note_unit, weak=other is None and unsure, figure=to_float(m["v"]))
            if other is not None:
                _rate_claim(d, value, other, quote, span, note_unit, figure=to_float(m["v"]))
    _second_rate(d)


def _second_rate(d: Draft) -> None:
    """'around 0,30 €/kWh … Actually our admin office just told me it's 0,22': a rate said again after
    a correction word, in the same or the next sentence, is a second reading of the same currency —
    the two are asked as choices, not the first one taken."""
    said_again(
        d, "electricity_usd_per_kwh", _SECOND_RATE, MAX_USD_PER_KWH, lambda usd: f"electricity at {usd_per_kwh(usd)}"
    )


def said_again(d: Draft, field: str, figure: Any, most: float, words: Callable[[float], str]) -> None:
    """A figure of ``field`` said again after a correction word, in the same or the next sentence as
    the first reading ('0,30 €/kWh … actually it's 0,22'; '50 euro al mese. Anzi, mio marito dice 30'):
    a second reading in the first one's currency and period, up to ``most`` — asked between the two."""
    from advisor.interview.vocab import alternation, vocab

    claims = [c for c in d.claims if c.field == field and c.spans]
    if not claims:
        return
    first = claims[0]
    end = max(e for _, e in first.spans)
    _, stop = d.sentence_of(end)
    _, stop = d.sentence_of(min(len(d.text), stop + 2))
    cue = re.compile(rf"(?<![\w-])(?:{alternation(vocab().cue('correction'))})(?![\w-])")
    said = cue.search(d.text, end, stop)
    if said is None:
        return
    _, stop = d.sentence_of(said.start())
    again = figure.search(d.text, said.end(), stop)
    if again is None or re.search(r"\d", d.original[said.end() : again.start()]):
        return  # "I misspoke, 40 emails a day is …, more like 15": the correction is of the figure between
    value = to_float(again["v"]) * (1000 if again.groupdict().get("k") else 1)
    scale = first.value / (first.basis.get("figure") or first.value)  # the first reading's currency, cents, period
    if not 0 < value * scale <= most:
        return
    quote = d.quote(*again.span())
    usd = value * scale
    d.set(field, usd, f"read '{quote}' as {words(usd)}", again.span(), label=words(usd))


# A rate said again: a figure with a decimal point or comma, or a currency sign ('0,22', '$0.29').
_SECOND_RATE = lazy(r"(?:[$€£]\s*)?(?P<v>\d+[.,]\d+)(?!\s*(?:%|x\b|gb|hours?|h\b))")


def _rate_claim(
    d: Draft,
    value: float,
    sign: str,
    quote: str,
    span: tuple[int, int],
    note_unit: str,
    weak: bool = False,
    figure: float | None = None,
) -> None:
    usd, converted = to_usd(value, sign, d.catalog)
    how = f"{note_unit} ({converted})" if converted else note_unit
    d.set(
        "electricity_usd_per_kwh",
        usd,
        f"read '{quote}' as electricity at {usd_per_kwh(usd)}{how}",
        span,
        label=f"electricity at {usd_per_kwh(usd)}" + (f" ({value:g} {sign.upper()}/kWh)" if converted else ""),
        strength="weak" if weak else "strong",
        why_weak="in which currency? (e.g. '0.30 €/kWh')" if weak else "",
        basis={"figure": figure},
    )


def _currency_beside(d: Draft, start: int, end: int) -> str | None:
    """A catalog currency written against the figure at [start, end): 'R$ 0,85', '1,1 zł', '0,24 €'."""
    low = d.original.lower()
    before, after = low[max(0, start - 5) : start].rstrip(" ~"), low[end : end + 8].lstrip(" ")
    for currency in d.catalog.currencies.values():
        for alias in sorted(currency.aliases, key=len, reverse=True):
            if before.endswith(alias) and not before[: -len(alias)][-1:].isalpha():
                return alias
            if after.startswith(alias) and not after[len(alias) : len(alias) + 1].isalpha():
                return alias
    return None


def _unknown_sign_before(d: Draft, start: int, end: int) -> bool:
    """A sign of a currency the catalog has no rate for right before a figure ('₹9.5'): noted, not read."""
    from advisor.interview.vocab import vocab

    before = d.original.lower()[max(0, start - 4) : start].rstrip(" ~")
    sign = next((s for s in vocab().cue("unknown_currency") if not s.isalpha() and before.endswith(s)), None)
    if sign is None or currency_named(d.catalog, sign) is not None:
        return False
    span = (d.original.lower().rindex(sign, 0, start), end)
    quote = d.quote(*span)
    d.reject(
        f"'{quote}' is in {sign}, which the catalog has no exchange rate for — give it in US dollars, euros or pounds",
        span,
    )
    return True


def _other_currency(d: Draft) -> str | None:
    """The first currency other than the dollar the message names anywhere ('Budget max €50', 'in euros')."""
    low = d.original.lower()
    for currency in d.catalog.currencies.values():
        if currency.id == "USD":
            continue
        for alias in currency.aliases:
            if re.search(rf"(?<![^\W\d_]){re.escape(alias)}(?![^\W\d_])", low):
                return alias
    return None


# ---- hours a day ----------------------------------------------------------------------------
_HOURS = r"(?:hours?|hrs?|h)"
HOURS_A_WEEK = lazy(rf"{_Q}\s*{_HOURS}\s*(?:a|per|/|each|every)\s*(?:week|wk)\b")
AROUND_THE_CLOCK = lazy(
    r"24\s*/\s*7|24x7|24/365|(?:a)?round[- ]the[- ]clock|all\s+day\s+(?:and|&)\s+(?:all\s+)?night|non-?stop"
    r"|continuously|24\s+hours\s+a\s+day"
)
BUSINESS_HOURS = lazy(r"business\s+hours|office\s+hours|working\s+hours|work\s+hours|\b9\s*(?:to|-)\s*5\b")


def _around_the_clock() -> Any:
    """ "rund um die Uhr", "24h/24", "de klok rond": every language's words (reading.toml)."""
    return _AROUND.setdefault("rx", lazy(rf"(?<![\w-])(?:{alternation(vocab().cue('around_the_clock'))})(?![\w-])"))


_AROUND: dict[str, Any] = {}


def _range_beside_every_hour(d: Draft, m: re.Match[str]) -> None:
    """ "24x7 but ~60% between 8pm and 6am", "działa całą dobę, ale najwięcej rano, 7-15": requests
    at every hour, and a clock range that may be the window or only its busiest part — asked, the
    range's start going with it."""
    ranged = [c for c in d.claims if c.field in ("traffic_start_hour", "traffic_hours") and c.kind == "read"]
    if not ranged or any(c.value == 24.0 for c in ranged if c.field == "traffic_hours"):
        return
    for c in ranged:
        c.together = "clock range"
    d.set("hours_per_day", 24.0, f"read '{d.quote(m.start(), m.end())}' as 24 hours a day", (m.start(), m.end()))
    d.set("traffic_hours", 24.0, spans=[(m.start(), m.end())], label="every hour of the day")


def read_hours(d: Draft) -> None:
    for m in [*AROUND_THE_CLOCK.finditer(d.text), *_around_the_clock().finditer(d.text)]:
        if "traffic_hours" in d.changes:
            _range_beside_every_hour(d, m)
            break
        note = f"read '{d.quote(m.start(), m.end())}' as 24 hours a day"
        d.set("hours_per_day", 24.0, note, (m.start(), m.end()))
        if box_hours(d, m.start()):  # 'the server runs 24/7 anyway': the box's powered hours, not the traffic's
            continue
        d.set("traffic_hours", 24.0, spans=[(m.start(), m.end())])  # requests at every hour
        d.hours_window = 24.0
    for m in BUSINESS_HOURS.finditer(d.text):
        if "hours_per_day" not in d.changes:
            d.set("hours_per_day", 8.0, f"read '{d.quote(m.start(), m.end())}' as 8 hours a day", (m.start(), m.end()))
            d.hours_window = 8.0
    for rx, per in ((_hours_a_day(), 1.0), (HOURS_A_WEEK, 7.0)):
        for m in rx.finditer(d.text):
            q = quantity(m)
            span, quote = (m.start(), m.end()), d.quote(m.start(), m.end())
            hours = q.value / per
            if q.negative or not 0 < hours <= 24:
                d.reject(f"ignored '{quote}': hours a day must be between 0 and 24", span)
                continue
            extra = " a day" if per != 1 else ""
            d.set(
                "hours_per_day",
                hours,
                f"read '{quote}' as {human(hours)} hours{extra} a day".replace(" a day a day", " a day"),
                span,
            )
            d.hours_window = hours
            if per == 1.0 and not box_hours(d, m.start()) and not _clock_range_read(d) and not _running(d, m.start()):
                d.set("traffic_hours", hours, spans=[span])  # the requests come in those hours, not a box's


def _hours_a_day() -> Any:
    """ "9 hours a day", "9 heures par jour", "9 Stunden am Tag" (the day written over as "a day"):
    the hour words of every language (reading.toml [cues.hour_words])."""
    if "rx" not in _HOURS_A_DAY:
        words = alternation(vocab().cue("hour_words"))
        _HOURS_A_DAY["rx"] = lazy(rf"{_Q}\s*(?:{words})(?![\w-])\s*(?:(?:a|per|/|each|every)\s*(?:day|d)\b|daily\b)")
    return _HOURS_A_DAY["rx"]


_HOURS_A_DAY: dict[str, Any] = {}


def _running(d: Draft, pos: int) -> bool:
    """ "it runs 8 hours a day", "what if it ran 8 hours a day": hours something is on or running
    (cues.box_on, and 'ran'), which may be the box's powered hours rather than when requests come."""
    start, end = d.clause(pos)
    words = alternation([*vocab().cue("box_on"), "ran", "run"])
    return bool(re.search(rf"(?<![\w-])(?:{words})(?![\w-])", (d.canonical or d.text)[start:end]))


def _clock_range_read(d: Draft) -> bool:
    """Whether a clock range ("8:00–17:00") or "around the clock" gave the traffic's hours already."""
    return any(c.field == "traffic_hours" for c in d.claims)


# ---- setup, maintenance, engineering rate ---------------------------------------------------
SETUP = lazy(
    rf"(?:set\s*-?\s*up|setting\s+(?:it\s+)?up|install(?:ation|ing)?)[^.;\d]{{0,24}}?{_Q}\s*{_HOURS}\b"
    rf"|{_R}\s*{_HOURS}\s+(?:of\s+|to\s+)?(?:set\s*-?\s*up|set\s+(?:it|things|everything)\s+up|setting\s+up|install)"
)
MAINTENANCE = lazy(
    rf"(?:maintenance|maintain|upkeep|babysit\w*|admin|ops)[^.;\d]{{0,24}}?{_Q}\s*{_HOURS}\s*"
    rf"(?:a|per|/|each|every)\s*(?P<per>month|mo|week|wk)\b"
    rf"|{_R}\s*{_HOURS}\s*(?:a|per|/|each|every)\s*(?P<per2>month|mo|week|wk)\s+(?:of\s+|on\s+)?"
    rf"(?:maintenance|upkeep|babysitting|ops|admin)"
)
ENGINEER_RATE = lazy(
    rf"(?P<cue>hourly\s+rate|engineer\w*|developer|dev\s+time|our\s+time|my\s+time|labou?r|billable|salary)"
    rf"[^.;$]{{0,30}}?\$\s*(?P<v>{NUM})\s*(?:/|per|an?)\s*(?:hour|hr|h)\b"
    rf"|\$\s*(?P<v2>{NUM})\s*(?:/|per|an?)\s*(?:hour|hr|h)\s+(?:of\s+)?(?:engineer\w*|developer|dev|labou?r|(?:my|our)\s+time)"
)


def read_effort(d: Draft) -> None:
    for m in SETUP.finditer(d.text):
        q = quantity(m)
        if not q.negative:
            d.set(
                "setup_hours",
                q.value,
                f"read '{d.quote(m.start(), m.end())}' as {human(q.value)} setup hours",
                (m.start(), m.end()),
            )
    for m in MAINTENANCE.finditer(d.text):
        q = quantity(m)
        per = m["per"] or m["per2"] or "month"
        hours = q.value * (days_in("month") / 7 if per.startswith("w") else 1)
        if not q.negative:
            d.set(
                "maintenance_hours_per_month",
                hours,
                f"read '{d.quote(m.start(), m.end())}' as {human(hours)} maintenance hours a month",
                (m.start(), m.end()),
            )
    for m in ENGINEER_RATE.finditer(d.text):
        value = float((m["v"] or m["v2"]).replace(",", ""))
        d.set(
            "hourly_rate_usd",
            value,
            f"read '{d.quote(m.start(), m.end())}' as engineering time at ${value:,.0f}/h",
            (m.start(), m.end()),
        )


# ---- amortisation and horizon ---------------------------------------------------------------
def _span_unit(tag: str = "") -> str:
    return rf"(?P<u{tag}>years?|yrs?|y|months?|mos?)"


_SPAN_UNIT = _span_unit()
AMORTISE = lazy(
    rf"(?:amorti[sz]\w*|depreciat\w*|write\s+(?:it\s+)?off|written\s+off|spread\s+(?:it\s+|the\s+cost\s+)?"
    rf"|keep\s+(?:it|them|the\s+\w+|hardware)\s+(?:for\s+)?|lifetime|lifespan|useful\s+life|pay\s+(?:it\s+)?off)"
    rf"[^.;\d]{{0,20}}?(?:over|for|of|across|in)?\s*(?:about\s+|around\s+|~)?{_Q}\s*-?\s*{_SPAN_UNIT}\b"
    rf"|{_R}\s*-?\s*{_span_unit('2')}\s*-?\s*(?:amorti[sz]ation|depreciation|lifespan|lifetime|write-?off)"
)
HORIZON = lazy(
    rf"(?:horizon|time\s*frame|planning\s+period|compare\s+(?:\w+\s+){{0,2}}over|over\s+the\s+next|in\s+the\s+next"
    rf"|total\s+cost\s+over|tco\s+over)[^.;\d]{{0,15}}?{_Q}\s*-?\s*{_SPAN_UNIT}\b"
)
OVER = lazy(rf"\bover\s+(?:about\s+|around\s+)?{_Q}\s*-?\s*{_SPAN_UNIT}\b")
MAX_MONTHS = 240


def _months(d: Draft, m: re.Match[str], field: str, label: str) -> None:
    q = quantity(m)
    unit = m.groupdict().get("u") or m.groupdict()["u2"]
    months = q.value * (12 if unit.startswith("y") else 1)
    span, quote = (m.start(), m.end()), d.quote(m.start(), m.end())
    if q.negative or not 0 < months <= MAX_MONTHS:
        d.reject(f"ignored '{quote}': {label} must be between 1 and {MAX_MONTHS} months", span)
        return
    d.set(field, months, f"read '{quote}' as {human(months)}-month {label}", span)


def read_periods(d: Draft) -> None:
    for m in HORIZON.finditer(d.text):
        _months(d, m, "horizon_months", "horizon")
    for m in AMORTISE.finditer(d.text):
        _months(d, m, "amortization_months", "amortisation")
    for m in OVER.finditer(d.text):
        _months(d, m, "amortization_months", "amortisation")


# ---- budget ---------------------------------------------------------------------------------
_MONEY = (
    rf"(?P<cur>\$|usd\s*|€|£|eur\s|gbp\s)\s*{_M}(?:\s*(?:usd|dollars?|bucks))?"
    rf"|{_R}\s*(?P<cur2>usd|dollars?|bucks|\$|eur|euros?|€|gbp|pounds?|£)(?![a-z])"
)
MONEY = lazy(_MONEY)
_BUDGET_CUE = (
    r"budget\w*|afford|(?:can|willing\s+to|want\s+to|happy\s+to)\s+(?:spend|pay)|spending\s+(?:cap|limit)"
    r"|(?:spend|pay)\s+(?:at\s+most|up\s+to|no\s+more\s+than)|\bcap\b|ceiling"
)
BUDGET_BEFORE = lazy(rf"(?:{_BUDGET_CUE})[^.;\d$€£]{{0,30}}?(?:{_MONEY}|(?<=[\s:])(?P<bare>{_S}))\s*(?:{PERIOD})?")
BUDGET_AFTER = lazy(rf"(?:{_MONEY})\s*(?:{PERIOD})?\s*(?:\w+\s+){{0,2}}?(?:budget|cap|ceiling|limit)\b")
_HARDWARE_WORDS = lazy(r"hardware|machine|box|gpu|mac|server|purchase|buy|upfront|up-front|one-off|capex|workstation")


MONEY_PER_PERIOD = lazy(rf"(?:{_MONEY})\s*{PERIOD}")


def read_budget(d: Draft) -> None:
    patterns = [BUDGET_BEFORE, BUDGET_AFTER]
    if d.asked in ("hardware", "budget_usd_per_month"):  # "$500 a month" answers "hardware, or a budget?"
        patterns.append(MONEY_PER_PERIOD)
    for rx in patterns:
        for m in rx.finditer(d.text):
            q = quantity(m)
            span, quote = (m.start(), m.end()), d.quote(m.start(), m.end())
            if q.negative:
                d.reject(f"ignored '{quote}': a budget cannot be negative", span)
                continue
            if foreign_money(d, m):
                continue
            unit, adj = m.groupdict().get("punit"), m.groupdict().get("padj")
            sign = (m.groupdict().get("cur") or m.groupdict().get("cur2") or "").strip()
            amount, converted = to_usd(q.value, sign, d.catalog)
            how = f" ({converted})" if converted else ""
            if unit or adj:
                period = period_name(unit, adj)
                monthly = amount * days_in("month") / days_in(period)
                note = f"read '{quote}' as a budget of ${monthly:,.0f} a month{how}"
                _set_budget(d, monthly, sign, note, span, figure=q.value)
            elif d.asked == "budget_usd_per_month":
                note = f"read '{quote}' as a budget of ${amount:,.0f} a month{how}"
                _set_budget(d, amount, sign, note, span, figure=q.value)
            elif _HARDWARE_WORDS.search(d.text[max(0, m.start() - 40) : m.end() + 40]):
                d.reject(
                    f"read '{quote}' as a one-off hardware budget; the comparison takes a monthly budget"
                    " (say e.g. '$500 a month') and prices each machine itself",
                    span,
                )
            else:
                options = [
                    Option(
                        label=f"${amount:,.0f} a month",
                        changes={"budget_usd_per_month": amount},
                        names=["a month", "monthly", "per month", "month", "every month", "each month"],
                    ),
                    Option(
                        label="a one-off hardware budget (the comparison prices each machine itself)",
                        names=["one-off", "one off", "once", "hardware", "upfront", "up front", "one-time", "one time"],
                    ),
                ]
                question = f"'{quote}': is that a month, or a one-off budget for hardware?"
                ask_options(d, question, "budget_usd_per_month", options)
                d.consume(*span)
    said_again(d, "budget_usd_per_month", _SECOND_BUDGET, float("inf"), lambda usd: f"a budget of ${usd:,.0f} a month")


# A budget said again: a figure ending its clause, perhaps with a sign, a 'k' or a period ('Anzi, mio
# marito dice 30.', 'make that $2k a month') — never a figure of something else ('60k is peak').
_SECOND_BUDGET = lazy(
    rf"(?:[$€£]\s*)?(?P<v>{NUM})(?:\s*(?P<k>k|thousand))?(?![\w%]|[.,]\d)"
    r"\s*(?:(?:€|\$|£|euros?|dollars?|pounds?|usd|eur|gbp)\s*)?(?:(?:a|per)\s+month|/\s*mo(?:nth)?)?\s*(?=[.!?;)]|$)"
)


def _set_budget(d: Draft, usd: float, sign: str, note: str, span: tuple[int, int], figure: float) -> None:
    """A monthly budget claim. With no currency at the amount ('un budget de 5k par mois'): in
    dollars when the message is in English and names no other currency; else asked — in which
    currency, or between dollars and the currency the message names ('… stroom €0,25/kWh')."""
    if sign:
        d.set("budget_usd_per_month", usd, note, span, label=f"${usd:,.0f} a month", basis={"figure": figure})
        return
    other = _other_currency(d)
    unsure = other is None and d.lang != "en"
    d.set(
        "budget_usd_per_month",
        usd,
        note,
        span,
        label=f"${usd:,.0f} a month",
        basis={"figure": figure},
        strength="weak" if unsure else "strong",
        why_weak="in which currency? (e.g. '500 € a month')" if unsure else "",
    )
    if other is not None:
        value, converted = to_usd(usd, other, d.catalog)
        quote = d.quote(*span)
        d.set(
            "budget_usd_per_month",
            value,
            f"read '{quote}' as a budget of ${value:,.0f} a month ({converted})",
            span,
            label=f"{usd:,.0f} {other.upper()} a month",
        )


_CUE_RX: dict[str, object] = {}


def cue_at(d: Draft, name: str, start: int, end: int) -> object | None:
    """A ``cues.<name>`` phrase (catalog/reading.toml, every language) in the typed text over [start, end)."""
    from advisor.interview.vocab import alternation, vocab

    rx = _CUE_RX.setdefault(name, lazy(rf"(?<![\w-])(?:{alternation(vocab().cue(name))})(?![\w-])"))
    return rx.search(d.original.lower(), max(0, start), min(len(d.original), end))  # type: ignore[attr-defined]


def foreign_money(d: Draft, m: re.Match[str]) -> bool:
    """An amount in a currency the catalog has no rate for ('$1,100 a month aud', '₹9.5 lakh'): noted,
    not read as dollars."""
    other = cue_at(d, "unknown_currency", m.start() - 6, m.end() + 8)
    code = other.group(0) if other is not None else _local_dollar(d, m)  # type: ignore[attr-defined]
    if not code:
        return False
    quote = d.quote(m.start(), m.end())
    d.reject(
        f"'{quote}' is in {code.upper()}, which the catalog has no exchange rate for — "
        "give it in US dollars, euros or pounds",
        (m.start(), m.end()),
    )
    return True


def _local_dollar(d: Draft, m: re.Match[str]) -> str:
    """The currency a dollar amount is in when the message's language uses the dollar sign for
    another dollar (cues.local_dollar: French → Canadian dollars), else ''."""
    from advisor.interview.vocab import vocab

    sign = (m.groupdict().get("cur") or m.groupdict().get("cur2") or "").strip()
    if sign not in ("$", "dollar", "dollars"):
        return ""
    return next(iter(vocab().cues["local_dollar"].get(d.lang, [])), "")


# ---- what they pay today ---------------------------------------------------------------------
SPEND_AMOUNT = lazy(rf"(?:{_MONEY}|(?<![\w.$€£])(?P<bare>{_S}))\s*(?:{PERIOD})?")
_SPEND_CUE: dict[str, object] = {}


def read_spend(d: Draft) -> None:
    """'the 1200 a month we pay for ChatGPT Team', 'our OpenAI bill is $3k': what they pay today, a
    baseline the answer compares against — never a volume. An amount in the spend cue's clause, with
    a currency or a period (a bare number beside 'we pay' says nothing of money)."""
    from advisor.interview.vocab import alternation, vocab

    cue = _SPEND_CUE.setdefault("rx", lazy(rf"(?<![\w-])(?:{alternation(vocab().cue('spend'))})(?![\w-])"))
    low = d.original.lower()
    for c in cue.finditer(low):  # type: ignore[attr-defined]
        c0, c1 = d.clause(c.start())
        if cue_at(d, "llm_products", c0, c1) is None:
            continue  # an agency, a contractor, servers: not a bill for what the advisor compares
        found = [
            m
            for m in SPEND_AMOUNT.finditer(d.text, c0, c1)
            if (m.groupdict().get("cur") or m.groupdict().get("cur2") or m.group("punit") or m.group("padj"))
        ]
        if not found:
            continue
        m = min(found, key=lambda x: min(abs(x.start() - c.end()), abs(c.start() - x.end())))
        q = quantity(m)
        if q.negative or q.value <= 0 or foreign_money(d, m):
            return
        amount, converted = to_usd(q.value, (m.groupdict().get("cur") or m.groupdict().get("cur2") or "").strip())
        unit, adj = m.group("punit"), m.group("padj")
        monthly = amount * days_in("month") / days_in(period_name(unit, adj)) if unit or adj else amount
        how = f" ({converted})" if converted else ""
        span, quote = (m.start(), m.end()), d.quote(m.start(), m.end())
        claim = d.set(
            "current_spend_usd_per_month",
            monthly,
            f"read '{quote}' as what you pay today, ${monthly:,.0f} a month{how} — compared against, not a volume",
            span,
            label=f"${monthly:,.0f} a month paid today",
        )
        if not (unit or adj):
            claim.weaken("no period said")
        return


# ---- prompt caching -------------------------------------------------------------------------
CACHE = lazy(
    rf"(?P<p>{NUM})\s*(?:%|percent|per\s*cent)\s+(?:of\s+(?:the\s+)?(?:input|prompts?|tokens|context)\s+)?"
    rf"(?:is\s+|are\s+|gets?\s+|can\s+be\s+)?(?:cached|cache\s+hits?|from\s+(?:the\s+)?cache|prompt[- ]cached)"
    rf"|cache\s+hit\s+(?:rate|ratio)\s+(?:of\s+|is\s+|at\s+|around\s+|about\s+|~)*(?P<p2>{NUM})\s*(?:%|percent)"
)


def read_cache(d: Draft) -> None:
    for m in CACHE.finditer(d.text):
        share = to_float(m["p"] or m["p2"]) / 100
        span, quote = (m.start(), m.end()), d.quote(m.start(), m.end())
        if not 0 <= share <= 1:
            d.reject(f"ignored '{quote}': a share must be between 0% and 100%", span)
            continue
        d.set("cached_input_share", share, f"read '{quote}' as {share:.0%} of input tokens served from the cache", span)
