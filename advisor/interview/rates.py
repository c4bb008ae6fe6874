"""Request rates read from their shape, whatever the noun: a quantity, up to a few words, a period
("800 contracts a day", "40 memos a week", "150 an hour", "2M descriptions a month"). The reader knows
what the words are *not* — tokens, money, energy, storage, time spans, people — not every noun a
workload can have. Then what multiplies a rate: people or units ("50 developers, 40 prompts each a
day", "15 clinics × 200 appointments per day") and the calls each one fans out to ("40 tasks a day,
25 calls per task"); and schedules ("every 15 minutes", "4 times an hour")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from advisor.interview.draft import MONTHLY_FIELDS, Draft, hours_said, per_day, per_month, window_hours
from advisor.interview.lazy import lazy
from advisor.interview.numbers import PERIOD, days_in, human, period_name, period_of, qty_range, quantity
from advisor.interview.vocab import alternation, vocab
from advisor.text.render import count
from advisor.tools.defaults import BUSINESS_DAYS_PER_WEEK

_Q = qty_range("q")
_M = qty_range("m")
_TOKEN_WORD = r"(?:tokens?|toks?|tkns?)"
# Who a rate can be "each" of: the people (and bots, sites, pipelines) words, every language (reading.toml).
_WHO = vocab().words(vocab().people)
PEOPLE = alternation(_WHO + [w[:-1] for w in _WHO if w.endswith("s") and len(w) > 4])  # "a 40-lawyer firm"
# Words that make "N … a <period>" something other than a count of requests, every language
# (reading.toml: [not_requests] and the token units' words).
_NOT_REQUEST_WORDS = vocab().words(vocab().not_requests) + [
    w for unit in vocab().token_units.values() for w in vocab().words(unit.words)
]
NOT_REQUESTS = rf"{_TOKEN_WORD}|{alternation(_NOT_REQUEST_WORDS)}"

_WORD = r"(?:[^\W\d_]|['-])+"
RATE = lazy(rf"{_Q}\s*(?:per\s+[a-z]+\s+|(?!(?:{NOT_REQUESTS})\b){_WORD},?(?:\s+|(?=/))){{0,4}}?\s*{PERIOD}")
# A bare count answering "how many requests a day?": "about 700 alerts".
BARE_COUNT = lazy(
    rf"^[\s~]*(?:(?:about|around|roughly|maybe|approx\.?|approximately|some|say)\s*)?{_Q}"
    rf"\s*(?:(?!(?:{NOT_REQUESTS})\b){_WORD}\s*){{0,3}}[.!]?\s*$"
)
RATE_ADJ = lazy(
    rf"{_Q}\s*(?P<padj>hourly|daily|weekly|monthly|nightly)\s+(?:(?!(?:{NOT_REQUESTS})\b)[a-z'-]+\s*){{1,3}}"
)
# Inside a clause, a period before its count is said with a word for "per" ("wir bekommen pro Woche
# 1.800 Briefe"), not an idiom that reads as one ("tout à l'heure : 5 médecins").
_PER_FIRST = lazy(
    r"\s*(?:per|pro|je|jede[nrms]?|par|por|each|every|chaque|cada|ogni|elke|iedere|weekly|daily|monthly"
    r"|wöchentlich|täglich|monatlich|hebdomadaire|mensuel|semanal|mensal|mensile|wekelijks|dagelijks)(?![\w-])"
)


def _period_first_said(d: Draft, start: int) -> bool:
    before = d.text[:start].rstrip()
    return not before or not before[-1].isalpha() or bool(_PER_FIRST.match(d.original.lower(), start))


# A verb's particle after the noun, closing the clause: "pro Woche kommen 1.800 Briefe rein".
_PARTICLES = "rein|herein|an|ein|binnen|erein"
# The period first, then the count, a clause of its own: "Wöchentlich 10.000 Chats, …", "weekly: 2,500 tickets".
PERIOD_FIRST = lazy(
    rf"(?:^|(?<=[.;:!?,(]\s)|(?<=[.;:!?,(])|(?<=[^\W\d_]\s))\s*{PERIOD}\s*[:,]?\s*(?:(?!(?:{NOT_REQUESTS})\b){_WORD}\s+){{0,2}}?"
    rf"(?:about|around|roughly|some|~)?\s*{_Q}\s*(?!(?:{NOT_REQUESTS})\b){_WORD}(?:\s+(?:{_PARTICLES}))?(?=\s*(?:[,;.:!?)]|$))"
)
RATE_LABEL = lazy(
    rf"\b(?:requests?|reqs?|calls?|queries|volume|traffic)\s*{PERIOD}\s*(?:[:=]|of|is|are|around|about|~|roughly|\s)*{_Q}"
)
EVERY = lazy(
    rf"every\s+(?:(?P<half>half\s+(?:an\s+)?hour)|(?:{_Q}\s*)?(?P<u>seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\b)"
)
TIMES = lazy(
    rf"(?:(?P<once>once|twice|thrice)|{_Q}\s*(?:times|x))\s*(?:a|an|per|each|every)\s+"
    rf"(?P<per>minute|min|hour|hr|day|week|month|year)\b"
)
# People or units that multiply a rate: "50 developers", "15 clinics", "(60 of them)".
UNITS = lazy(
    rf"(?:\(\s*{qty_range('u')}\s+of\s+them\s*\)|{qty_range('v')}\s*"
    rf"(?:(?P<adj>(?:[a-z-]+\s+){{0,2}}?)(?P<who>{PEOPLE})|(?:[a-z]+\s+)?(?!(?:{NOT_REQUESTS})\b)(?P<things>[^\W\d_]{{3,}}s))\b)"
    rf"(?!\s*(?:a|an|per|each|every)\s+(?:day|week|month|year|hour)\b)"
)
# Any noun counted right before "each" (English, German "je", French "chacun", Spanish "cada uno"):
# "40 Anwälte, je 25 Anfragen am Tag", "3 Standorte mit je 400 Anfragen".
UNITS_THEN_EACH = lazy(
    rf"{qty_range('v')}\s+(?:{_WORD}\s+){{0,2}}?(?!(?:{NOT_REQUESTS})\b){_WORD}\s*,?\s*(?:(?:with|mit|con|avec)\s+)?"
    r"(?:each|je)\s*$"
)
EACH_LINK = lazy(
    r"\beach\b|\bapiece\b|\b(?:per|par|por)\s+(?!(?:day|week|month|year|hour|minute|second|business|working|night)\b)[a-z]+"
    r"|\bevery\s+(?!(?:day|week|month|year|hour|minute|second|night)\b)[a-z]+|\bx\b|\*"
)
# The calls each counted thing fans out to: "25 calls per task", "3 substitutions each".
FAN_AFTER = lazy(
    rf"{_M}\s*(?P<gap>(?:(?!(?:{NOT_REQUESTS})\b)[a-z'-]+\s+){{0,3}}?)(?P<link>each|apiece|per\s+[a-z]+|a\s+piece)\b"
    rf"(?!\s+(?:in|out|input|output)\b)"
)
FAN_EACH = lazy(
    rf"\beach\s+(?:of\s+them\s+|one\s+|[a-z]+\s+)(?:fans?\s+out\s+(?:in)?to\s+|(?!(?:{NOT_REQUESTS})\b)[a-z'-]+\s+){{0,4}}?~?\s*{_M}"
    rf"\s*(?:[a-z-]+\s+){{0,2}}?(?P<noun>calls?|steps?|turns?|requests?|prompts?|messages?|queries|completions?"
    rf"|generations?|invocations?|passes|rounds?|llm\s+calls?|tool\s+calls?|drafts?)\b"
)
# A rate per shift: "1,000 per shift", "400 documents each shift", "each shift handles about 2k".
SHIFT_RATE = lazy(
    rf"{_Q}\s*(?:times\s+|(?!(?:{NOT_REQUESTS})\b){_WORD},?\s+){{0,4}}?(?:per|pro|por|par|a|an|each|every|in\s+a|in\s+each|/)\s*shift\b"
    rf"|\b(?:each|every|per|a)\s+shift\s+(?:(?!(?:{NOT_REQUESTS})\b)[a-z'-]+\s+){{0,2}}?"
    rf"(?:about|around|roughly|~|some|up\s+to)?\s*{_M}"
)
# A sentence about each one of the people or units before it: "Each makes …", "every agent sends …".
_EACH_ONE = lazy(r"\s*(?:each\b|every\s+(?!(?:day|week|month|year|hour|minute|night|morning|evening|weekday)\b)[a-z])")
_AFTER_MONEY = lazy(r"[$€£]\s*[\d,.]+\s*[kmb]?\s*(?:-|to)\s*$")  # "$3,000-15,000/month"
_FOR_HOURS = lazy(rf"for\s+{_Q}\s*(?:hours?|hrs?|h)\b")


@dataclass
class _Rate:
    per_day: float
    start: int
    end: int
    how: str = ""
    schedule: bool = False  # "every 15 minutes": per agent by nature
    shifts: str = ""  # the words giving the shifts a day a rate per shift is multiplied by
    value: float = 0.0  # as stated, per ``period``
    period: str = "day"
    corrected: bool = False  # the message says this corrects an earlier figure
    said: float = 0.0  # the figure as typed, when a multiplier is folded into ``value`` (600 a shift × 2 shifts)
    spread: float = 0.0  # the shifts ``value`` was multiplied by when the people are spread across them
    per_what: str = ""  # "per unit": the thing the rate is per, when no count of it was found
    # people or units counted beside the rate with nothing saying it is each one's ("4,000 students …
    # 3 sessions a week"): their count, its words and span — the rate may be the total or each one's
    maybe_units: tuple[float, str, tuple[int, int]] | None = None
    no_units: bool = False  # a figure set right in a later message: nothing in this one multiplies it
    each_before: bool = False  # sets right a figure said before per person or unit: times their count then
    runs: bool = False  # "once a month", "twice a year": how often a job runs, each run maybe many requests
    per_shift: bool = False  # a rate per shift with no count of shifts a day in the text
    units: float = 0.0  # the count of people or units the rate was multiplied by
    days_span: tuple[int, int] | None = None  # the words giving the days a week it runs on
    worked: str = ""  # how the requests a day were multiplied out ("8,000 × 5 a day"), for the read line
    steps: list[str] = field(default_factory=list)  # how the figure was derived (catalog/derivation.toml)
    # "per store 40 a day … 14 stores": the count of what the rate is per, its words and span — the
    # product is offered first, the figure alone second
    per_units: tuple[float, str, tuple[int, int]] | None = None

    def basis(self, **more: Any) -> dict[str, Any]:
        """What a reading of it was worked from: the figure as stated, its period, and ``more``."""
        return {"raw": self.value, "period": self.period, **more}


def _took(rate: _Rate, step: str) -> None:
    if step not in rate.steps:
        rate.steps.append(step)


def _monthly_steps(rate: _Rate) -> list[str]:
    """A rate read as a month's tokens: as said per month, else turned by the calendar."""
    if days_in(rate.period) < 1:  # spread over the hours a day it runs, then the days of a month
        return [s for s in rate.steps if s != "direct"]
    ranged = ["range_middle"] if "range_middle" in rate.steps else []
    return [*ranged, "direct" if rate.period == "month" else "period_stated"]


def _period_steps(d: Draft, period: str, ranged: bool = False) -> list[str]:
    """The derivation steps of a figure said per ``period``: as said (a day), by the calendar (a
    week, a business day), or spread over the hours a day it runs — given, or assumed."""
    steps = ["range_middle"] if ranged else []
    if period == "day":
        return [*steps, "direct"]
    if days_in(period) >= 1:
        return [*steps, "period_stated"]
    return [*steps, "hours_stated" if hours_said(d) else "hours_assumed"]


_PERIOD_UNITS = (
    r"days?|weeks?|months?|quarters?|years?|hours?|minutes?|seconds?|nights?|shifts?|business|working|weekdays?"
    r"|d|wk|mo|qtr|yr|h"
)


def _period_words(tag: str) -> str:
    return (
        rf"(?:(?:a|an|per|each|every|in\s+a)\s+|/\s*)(?P<{tag}>business\s+day|working\s+day|weekday|day|d|week|wk"
        rf"|month|mo|quarter|qtr|year|yr|hour|hr|h|shift)(?![a-z])"
    )


_NOT = r"(?:not|nicht|pas|no|non|niet|não|nao)"
_BUT = r"(?:but|mais|sondern|pero|ma|maar|mas)"
# "die 900 sind pro Woche, nicht pro Tag", "4000 is per week not per day", "ce n'est pas 2 500 par
# semaine mais par mois" (the foreign periods are English by now): the number in the period it is in.
PERIOD_CORRECTED = lazy(
    rf"{qty_range('q')}\s*(?:[\w']+\s+){{0,3}}?{_period_words('right')}\s*,?\s*{_NOT}\s+(?:(?:per|a|an)\s+)?"
    rf"(?:day|week|month|quarter|qtr|year|hour|shift|d|wk|mo|yr|h)\b"
    rf"|{_NOT}\s+{qty_range('r')}\s*(?:[\w']+\s+){{0,2}}?{_period_words('wrong')}\s*,?\s*{_BUT}\s+"
    rf"(?:(?:per|a|an)\s+|/\s*)?(?P<right2>day|week|month|quarter|qtr|year|hour|shift|d|wk|mo|yr|h)(?![a-z])"
)


def _period_corrections(d: Draft) -> list[_Rate]:
    found = []
    for m in PERIOD_CORRECTED.finditer(d.text):
        tag = "q" if m["qan"] else "r"
        q = quantity(m, tag)
        unit = (m["right"] or m["right2"] or "").lower()
        period = "business day" if unit in ("business day", "working day", "weekday") else period_name(unit)
        if unit == "shift" or q.negative or q.value <= 0:
            continue
        daily, how = per_day(q.value, period, d)
        rate = _Rate(daily, m.start(), m.end(), how, value=q.value, period=period)
        rate.steps = _period_steps(d, period, q.is_range)
        rate.corrected = True
        found.append(rate)
        d.consume(m.start(), m.end())
    return found


def _rates(d: Draft) -> list[_Rate]:
    rates: list[_Rate] = _period_corrections(d)
    for m in EVERY.finditer(d.text):
        if m["half"]:
            minutes = 30.0
        else:
            count = quantity(m, "q").value if m["qan"] or m["qaw"] else 1.0
            unit = "minute" if m["u"] == "m" else period_name(m["u"])
            minutes = count * {"second": 1 / 60, "minute": 1.0, "hour": 60.0}.get(unit, 0.0)
        if minutes <= 0:
            continue
        hours, how = _schedule_window(d, m.start())
        rate = _Rate(hours * 60 / minutes, m.start(), m.end(), how, schedule=True)
        rate.steps = ["hours_assumed" if how == window_hours(d)[1] and not hours_said(d) else "hours_stated"]
        rates.append(rate)
        d.consume(m.start(), m.end())
    for m in TIMES.finditer(d.text):
        count = {"once": 1.0, "twice": 2.0, "thrice": 3.0}.get(m["once"] or "") or quantity(m, "q").value
        daily, how = per_day(count, period_name(m["per"]), d)
        rate = _Rate(daily, m.start(), m.end(), how, schedule=True)
        rate.steps = _period_steps(d, period_name(m["per"]))
        rate.runs = days_in(period_name(m["per"])) >= 7  # "runs once a month": a job's runs, not its requests
        rates.append(rate)
        d.consume(m.start(), m.end())
    if "shift" in d.text:
        rates += _shift_rates(d)
    for rx in (RATE_LABEL, RATE_ADJ, RATE, PERIOD_FIRST):
        for m in rx.finditer(d.text):
            if _AFTER_MONEY.search(d.text[max(0, m.start() - 16) : m.start()]):
                continue
            if rx is PERIOD_FIRST and not _period_first_said(d, m.start()):
                continue
            q = quantity(m, "q")
            if q.negative:
                d.reject(f"ignored '{d.quote(m.start(), m.end())}': a count cannot be negative", (m.start(), m.end()))
                continue
            period = period_of(m)
            daily, how = per_day(q.value, period, d)
            if period == "business day":
                how += f" ({BUSINESS_DAYS_PER_WEEK} business days in a 7-day week)"
            if q.is_range:
                how += " (the middle of the range)"
            rate = _Rate(daily, m.start(), m.end(), how, value=q.value, period=period)
            rate.steps = _period_steps(d, period, q.is_range)
            rates.append(rate)
            d.consume(m.start(), m.end())
    return sorted(rates, key=lambda r: r.start)


def _shift_rates(d: Draft) -> list[_Rate]:
    """Rates per shift, as a day's worth: times the shifts a day the text states, else one shift."""
    found = []
    for m in SHIFT_RATE.finditer(d.text):
        q = quantity(m)
        if q.negative or q.value <= 0 or _STAFFING.match(d.text, m.start(), m.end()):
            continue
        count, said = d.shifts or (1.0, "")
        how = "" if said else " (one shift a day — say how many shifts if more)"
        rate = _Rate(q.value * count, m.start(), m.end(), how, value=q.value * count, shifts=said, said=q.value)
        rate.per_shift = not said
        rate.steps = ["multiplied_by_stated_shifts" if said else "shift_assumed"]
        at = d.original.lower().find(said.lower()) if said else -1
        rate.spread = count if at > 0 and _SPREAD.search(d.original.lower(), 0, at) else 0.0
        found.append(rate)
        d.consume(m.start(), m.end())
    return found


# People on a shift, not requests: "30 agents per shift".
_STAFFING = lazy(
    rf"{qty_range('p')}\s+(?:[^\W\d_]+\s+){{0,2}}?(?:{PEOPLE})\s+(?:on\s+)?(?:per|a|an|each|every|in\s+a|/)\s*shift\b"
)
# People spread across the shifts ("45 agents across 3 shifts", "140 agents over 3 shifts"): each
# works one of them, so a rate per shift of each is that person's day.
_SPREAD = lazy(
    rf"{qty_range('p')}\s+(?:[^\W\d_]+\s+){{0,2}}?(?:{PEOPLE})\s+(?:across|over|in|between|split\s+(?:across|over|into)"
    rf"|spread\s+(?:across|over)|covering)\s*$"
)


def _schedule_window(d: Draft, pos: int) -> tuple[float, str]:
    s0, s1 = d.sentence_of(pos)
    m = _FOR_HOURS.search(d.text, s0, s1)
    if m:
        hours = quantity(m, "q").value
        if 0 < hours <= 24:
            d.consume(m.start(), m.end())
            return hours, f", over {human(hours)} hours"
    return window_hours(d)


def _multiplier(d: Draft, rate: _Rate) -> tuple[float, str, tuple[int, int]] | None:
    """People or units before the rate in its sentence that it is "each" of ("50 developers, 40
    prompts each a day"; "15 clinics × 200 appointments"); a schedule multiplies by its agents."""
    s0, _ = d.sentence_of(rate.start)
    low = d.original.lower()
    total = _cue_pattern("total")
    if total.search(low, rate.end, rate.end + 16) or total.search(low, max(s0, rate.start - 16), rate.start):
        _consistent_parts(d, rate, s0)  # "40 people x 20 each, so ~800/day total": 800, and 40 × 20 agrees
        return None
    if _EACH_ONE.match(d.text, s0, rate.start) and s0 > 1:  # "Our 120 engineers … Each makes 150 …"
        s0 = d.sentence_of(s0 - 2)[0]
    linked = rate.schedule or bool(
        EACH_LINK.search(d.canonical, rate.start, _link_end(d, rate))
    )  # "par personne" → "each"
    linked = linked or bool(_each_closing().match(d.canonical, rate.end))  # "50 perguntas por dia cada"
    before = d.text[max(0, rate.start - 60) : rate.start]
    linked = linked or bool(re.search(r"(?:\beach\b|\bje\b|\bx\b|\*|\bevery\b)[^.;]*$", before))
    units = [m for m in UNITS.finditer(d.text, s0, rate.start) if quantity(m).value >= 1]
    if not units and (m := UNITS_THEN_EACH.search(d.text, s0, rate.start)):  # "40 Anwälte, je 25 …"
        units, linked = [m], True
    if not units and rate.schedule:  # "every 5 minutes; 31 agents"
        stop = d.text.find(". ", rate.end)
        stop = len(d.text) if stop < 0 else stop
        units = [m for m in UNITS.finditer(d.text, rate.end, stop) if m["who"] and quantity(m).value >= 1][:1]
    if not units and linked:  # "5,000 employees; 1 question per employee a week": the headcount said before
        units = [m for m in UNITS.finditer(d.text, 0, s0) if m["who"] and quantity(m).value >= 1][-1:]
    if not units and (per := _per_noun(d, rate, s0)):  # "6–7 a day per unit" … "38 med/surg units"
        noun, found, asked = per
        if found is None:
            rate.per_what = noun
            return None
        if asked:  # "per store about 40 a day … 14 stores": the product is offered, not multiplied in silence
            d.consume(found.start(), found.end())
            rate.per_units = (quantity(found, "w").value, d.quote(found.start(), found.end()), found.span())
            return None
        units, linked = [found], True
    if not units:
        after = next(
            (m for m in UNITS.finditer(d.text, rate.end, min(len(d.text), rate.end + 40)) if m["who"] or m["things"]),
            None,
        )
        if after and re.search(r"(?:for\s+)?each\s+of\s*$", d.text[max(0, after.start() - 14) : after.start()]):
            units = [after]
            linked = True
    prior = d.prior_bases.get("requests_per_day") or {}
    if not units and (linked or rate.each_before) and prior.get("units"):  # "c'est 20 par semaine chacun"
        n = float(prior["units"])
        _took(rate, "multiplied_by_prior_count")
        return n, f"{human(n)} (said before)", (rate.start, rate.end)
    if not units:
        return None
    m = units[-1]
    count = quantity(m).value
    if not linked:
        d.consume(m.start(), m.end())
        if m["who"] and rate.per_day * 7 < count:  # "4,000 students use it, maybe 3 sessions a week": as the
            # total, each would ask less than once a week — the total, or each one's? Asked
            rate.maybe_units = (count, d.quote(m.start(), m.end()), (m.start(), m.end()))
            return None
        d.notes.append(
            f"took '{d.quote(rate.start, rate.end)}' as the total for all {human(count)} — say 'each' if it is per one"
        )
        return None
    d.consume(m.start(), m.end())
    _took(rate, "multiplied_by_tied_count")
    return count, d.quote(m.start(), m.end()), (m.start(), m.end())


def _link_end(d: Draft, rate: _Rate) -> int:
    """Where the words tying a rate to each one may end: 12 characters on, or to the end of "et par
    abonné" / "and per seat" right after it ("3 questions par jour ouvré et par abonné")."""
    m = _AND_PER.match(d.canonical, rate.end)
    return m.end() if m else rate.end + 12


_AND_PER = lazy(r"\s*(?:and|et|y|e|und|en)\s+(?:per|par|por|pro)\s+[^\W\d_]+")


def _each_closing() -> Any:
    return _CUE_RE.setdefault(
        "each_closing", lazy(rf"\s*(?:{alternation(vocab().cue('each_closing'))})\s*(?:[,.;:!?)]|$)")
    )


# What a rate is per, said with it: "per unit", "per negozio", "cada oficina", "each store".
_PER_NOUN = lazy(
    r"(?<![\w-])(?:per|pro|par|por|each|every|jede[rsn]?|chaque|cada|ogni|elke|iedere)\s+"
    r"(?:(?:one\s+)?of\s+(?:our|the|these|those|my|your|their)\s+)?(?P<noun>[^\W\d_]{3,})"
)
_PER_WORDS = ("per", "pro", "par", "por")
_AFTER_FIGURE = lazy(r"^\S*\d[\d.,]*(?:\s*(?:-|–|to)\s*\d[\d.,]*)?\S*")  # the rate's own figure
_NOT_A_UNIT = lazy(
    rf"(?:{NOT_REQUESTS}|{_PERIOD_UNITS}|per|pro|par|por|one|uno|una|une|um|uma|een|requests?|calls?|quer(?:y|ies)|prompts?"
    r"|messages?|persons?|heads?|users?|seats?|agents?|of|the|a|an|other|single)$"
)


def _per_noun(d: Draft, rate: _Rate, s0: int) -> tuple[str, Any, bool] | None:
    """The thing a rate is said to be per — right after it ("6–7 a day per unit"), as "each …"
    before it in its clause ("cada oficina sube 30 …") or as "per …" just before its figure ("pro
    Praxis ca. 35 …") — the count of it said in the message ("38 … units"), or None for the count
    when none is said, and whether the product is to be asked rather than taken: when the count comes
    after the rate or the "per …" before it. A price per thing before the rate ("0,85 € pro Meldung,
    bei 25.000 Meldungen") is not what the rate is per."""
    c0 = max(s0, d.clause(rate.start)[0])
    before = [
        m
        for m in _PER_NOUN.finditer(d.text, c0, rate.start)
        if m.group(0).split()[0] not in _PER_WORDS or _JUST_BEFORE.match(d.text[m.end() : rate.start])
    ]
    after = [  # right after the rate, with no figure between ("40 tasks a day, ~25 calls per task" is a fan-out)
        m
        for m in _PER_NOUN.finditer(d.canonical, rate.start, min(len(d.text), rate.end + 20))
        if m.group(0).split()[0] in _PER_WORDS
        and not re.search(r"\d", _AFTER_FIGURE.sub("", d.original[rate.start : m.start()], 1))
    ]  # "90 visits a day, each note ~1,500 tokens": "each" after a rate describes one of them
    for m in before + after:
        noun = m["noun"]
        own = d.original.lower()[rate.start : rate.end if m.start() < rate.start else min(rate.end, m.start())]
        if noun[:4] in own:  # "every review: 40k reviews a month", "orders a day … per order": the rate's own thing
            continue
        if _NOT_A_UNIT.match(noun) or d.original.lower()[m.start() : m.end()] != m.group(0):
            continue  # a period, a unit of something else, or a phrase the canonical text wrote over
        stem = noun[: max(4, len(noun) - 2)]  # "praxis" → "prax": "9 Praxen"; "store" → "stor": "14 stores"
        counts = lazy(rf"{qty_range('w')}\s+(?:[^\s\d]+\s+){{0,4}}?{re.escape(stem)}[^\W\d_]*")
        found = [c for c in counts.finditer(d.text, 0, rate.start) if quantity(c, "w").value >= 1]
        # "unos 200 por empresa": a figure per the thing, not a count of it
        later = [
            c
            for c in counts.finditer(d.text, rate.end)
            if quantity(c, "w").value >= 1 and not _PER_IN.search(c.group(0))
        ]
        per_first = m.start() < rate.start and m.group(0).split()[0] in _PER_WORDS
        if found:
            return noun, found[-1], per_first
        return noun, (later[0] if later else None), bool(later)
    return None


_PER_IN = lazy(r"(?<![\w-])(?:per|pro|par|por|each|every|je|chaque|cada|ogni|elke)\s")
_JUST_BEFORE = lazy(r"[\s~]*(?:[^\W\d_]{1,7}\.?)?[\s~]*$")  # "pro Praxis ca. 35": only "about" between


_NUMBER_IN = lazy(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w.,]*\d)")


def _consistent_parts(d: Draft, rate: _Rate, s0: int) -> None:
    """A total stated beside the figures it is made of ("40 people x 20 each … ~800 total"): when two
    numbers before it multiply to it, they are the total's working, not numbers left unread."""
    found = [(m, float(m.group(0).replace(",", ""))) for m in _NUMBER_IN.finditer(d.text, s0, rate.start)]
    for i, (a, x) in enumerate(found):
        for b, y in found[i + 1 :]:
            if x * y and abs(x * y - rate.per_day) <= 0.02 * rate.per_day:
                d.consume(a.start(), a.end())
                d.consume(b.start(), b.end())
                return


def _fan_out(d: Draft, rate: _Rate) -> tuple[float, str, tuple[int, int]] | None:
    """The calls each counted thing makes, in the rate's sentence or the next: "40 tasks a day,
    ~25 calls per task"; "300 orders a day. Each order triggers 2 LLM calls"."""
    end = d.text.find(". ", rate.end)
    end = d.text.find(". ", end + 2) if end >= 0 else -1
    end = len(d.text) if end < 0 else end
    for rx in (FAN_AFTER, FAN_EACH):
        for m in rx.finditer(d.text, rate.end, end):
            tail = d.text[m.end() : m.end() + 30]
            if re.match(rf"\s*(?:{_TOKEN_WORD}|in\b|out\b|input|output)", tail):
                continue
            if rx is FAN_AFTER and re.match(r"per\s+(?:request|call|query|prompt|message)", m["link"]):
                continue
            q = quantity(m, "m")
            if q.value < 1 or q.negative:
                continue
            d.consume(m.start(), m.end())
            return q.value, d.quote(m.start(), m.end()), (m.start(), m.end())
    return None


# ---- which rate is the volume ----------------------------------------------------------------
_ROLE_CUES = ("peak", "planned", "seasonal", "average", "now")
_CLAUSE_EDGE = lazy(r"[.;!?,:(\n]|\s-\s|\s—\s|\bbut\b|\baber\b|\bmais\b|\bpero\b|\bma\b|\bmaar\b|\bmas\b")


def _cue_pattern(name: str) -> Any:
    return _CUE_RE.setdefault(name, lazy(rf"(?<![\w-])(?:{alternation(vocab().cue(name))})(?![\w-])"))


_CUE_RE: dict[str, Any] = {}


# A sentence opening on the busy time, then a comma: "At peak, …", "No pico, …", "In der Spitze, …"
# (the peak words are catalog/reading.toml [cues.peak]).
_AT = r"(?:at|in|during|no|na|em|en|à|au|aux|bei|nel|nei|durante|op|tijdens)\s+(?:the|de|het|la|le|il|der)?\s*"


def _at_peak_first(d: Draft, rate: _Rate) -> bool:
    s0 = d.sentence_of(rate.start)[0]
    rx = _CUE_RE.setdefault("at_peak_first", lazy(rf"\s*(?:{_AT})?(?:{alternation(vocab().cue('peak'))})\s*,"))
    opening = d.text[s0 : rate.start].split(",")[0]
    return bool(rx.match(d.original.lower(), s0)) and not re.search(r"\d", opening)


def _role(d: Draft, rate: _Rate) -> str:
    """What a rate is, by the cue words in its clause: a "peak", a "planned" volume, a "seasonal" one,
    an "average" (or today's: "now"), or "plain"."""
    low = d.original.lower()
    edges = [m.end() for m in _CLAUSE_EDGE.finditer(low, max(0, rate.start - 70), rate.start)]
    start = edges[-1] if edges else max(0, rate.start - 70)
    after = _CLAUSE_EDGE.search(low, rate.end)
    stop = min(after.start() if after else len(low), rate.end + 40)
    window = low[start : rate.start] + " " + low[rate.end : stop]
    for name in _ROLE_CUES:
        if _cue_pattern(name).search(window):
            return "average" if name == "now" else name
    if _at_peak_first(d, rate):
        return "peak"  # "No pico, que é de noite entre 20h e 23h, entram 40 mil por hora"
    return "plain"


_FOLLOWER = r"\s+(?:(?:to|at|à|a|auf|para|pra|naar|like|about|around|anche|hasta|até|bis|jusqu'à|up\s+to|zu)\s+)*~?\s*"


def _followers(d: Draft, rates: list[_Rate]) -> list[tuple[_Rate, str]]:
    """A number right after a peak, plan or season cue with no period of its own ("5,000 a day now,
    growing to 20,000"; "spikes to like 20k"): a rate in the period of the one before it."""
    found: list[tuple[_Rate, str]] = []
    for role in ("planned", "peak", "seasonal"):
        rx = _FOLLOWER_RE.setdefault(
            role, lazy(rf"(?<![\w-])(?:{alternation(vocab().cue(role))}){_FOLLOWER}{qty_range('f')}")
        )
        for m in rx.finditer(d.text):
            before = [r for r in rates if r.end <= m.start() and r.value and not r.schedule]
            if not before or d.sentence_of(before[-1].start) != d.sentence_of(m.start()):
                continue
            q = quantity(m, "f")
            if q.negative or q.value <= 0:
                continue
            base = before[-1]
            daily, how = per_day(q.value, base.period, d)
            start = m.start()
            rate = _Rate(daily, start, m.end(), how, value=q.value, period=base.period)
            rate.steps = _period_steps(d, base.period, q.is_range)
            found.append((rate, role))
            d.consume(start, m.end())
    average = _FOLLOWER_RE.setdefault(
        "average-after", lazy(rf"{qty_range('f')}\s+(?:{alternation(vocab().cue('average'))})(?![\w-])")
    )
    for m in average.finditer(d.text):  # "40 a second at peak, 15 on average"
        before = [r for r in rates if r.end <= m.start() and r.value and not r.schedule]
        q = quantity(m, "f")
        if not before or d.sentence_of(before[-1].start) != d.sentence_of(m.start()) or q.negative or q.value <= 0:
            continue
        daily, how = per_day(q.value, before[-1].period, d)
        rate = _Rate(daily, m.start(), m.end(), how, value=q.value, period=before[-1].period)
        rate.steps = _period_steps(d, before[-1].period, q.is_range)
        found.append((rate, "average"))
        d.consume(m.start(), m.end())
    return found


_FOLLOWER_RE: dict[str, Any] = {}


def _volume(d: Draft, rate: _Rate) -> tuple[float, list[tuple[int, int]], str, str]:
    """A rate's requests a day with what multiplies it (people × rate, fan-out), its spans, and its
    note and detail."""
    quote = d.quote(rate.start, rate.end)
    value, detail = rate.per_day, rate.how
    parts = [f"'{quote}'"] + ([f"'{rate.shifts}'"] if rate.shifts else [])
    spans = [(rate.start, rate.end)]
    if not rate.no_units and (mult := _multiplier(d, rate)):
        each = rate.per_day / rate.spread if rate.spread else rate.per_day  # one shift a day each
        value = each * mult[0]
        parts.append(f"'{mult[1]}'")
        spans.append(mult[2])
        detail = f" ({count(each)} a day each{rate.how}{', one shift each' if rate.spread else ''})"
        rate.worked = f"{count(mult[0])} × {count(each)} a day"
        rate.units = mult[0]

    if fan := _fan_out(d, rate):
        value *= fan[0]
        _took(rate, "multiplied_by_tied_count")
        parts.append(f"'{fan[1]}'")
        spans.append(fan[2])
    return value, spans, " × ".join(parts), detail


_MONEY_SIGN = lazy(r"(?:[$€£₹¥]|r\$|us\$|usd|eur|gbp|inr|aud|cad)\s*~?$")


def _is_money(d: Draft, rate: _Rate) -> bool:
    """'₹9.5 lakh per month', 'paying $1,800/mo for ChatGPT': money a period, not requests."""
    low = d.original.lower()
    if _MONEY_SIGN.search(low, max(0, rate.start - 6), rate.start):
        return True
    c0, _ = d.clause(rate.start)
    return bool(_cue_pattern("spend").search(low, max(c0, rate.start - 30), rate.start))


def read_rates(d: Draft) -> None:
    _same_total_on_weekdays(d)
    rates = [r for r in _rates(d) if not _is_money(d, r)]
    if not rates and d.asked == "requests_per_day" and (m := BARE_COUNT.match(d.text)):
        q = quantity(m, "q")
        if not q.negative and q.value > 0:
            d.set(
                "requests_per_day",
                q.value,
                f"read '{d.quote(m.start(), m.end())}' as {human(q.value)} a day",
                (m.start(), m.end()),
                steps=[*(["range_middle"] if q.is_range else []), "period_from_question"],
            )
            return
    _days_a_week_alone(d, rates)
    rates = [r for r in rates if not _old_each_named(d, r)]
    rates = sorted(rates + _more_like(d, rates), key=lambda r: r.start)
    if not rates:
        if d.asked == "requests_per_day":
            units = next(iter(UNITS.finditer(d.text)), None)
            if units is not None:
                d.notes.append(f"'{d.quote(units.start(), units.end())}': how many requests does each make a day?")
        return
    roles = [(r, _role(d, r)) for r in rates if not _the_peak_again(d, r)]
    roles += _followers(d, rates)
    roles = _corrected_in_passing(d, roles)
    base = [r for r, role in roles if role in ("average", "plain")]
    lone = not base and len(roles) == 1 and roles[0][1] in ("peak", "seasonal") and days_in(roles[0][0].period) >= 1
    if lone:  # "1,000 exams a day at peak" alone: asked, not taken as the usual volume
        rate = roles[0][0]
        value, spans, said, detail = _volume(d, rate)
        claim = d.set("requests_per_day", value, spans=spans, label=f"{count(value)} requests a day", steps=rate.steps)
        claim.weaken("a busy time — maybe not the usual volume")
        return
    if d.asked in MONTHLY_FIELDS and base and not base[-1].schedule and base[-1].value:
        rate = base[-1]  # "300M a month" answers a token question
        monthly, name = per_month(rate.value, rate.period, d), d.asked
        direction = name.split("_")[1]
        note = f"read '{d.quote(rate.start, rate.end)}' as {human(monthly)} {direction} tokens a month"
        d.set(name, monthly, note, spans=[(rate.start, rate.end)], steps=_monthly_steps(rate))
        return
    averaged = any(role == "average" for _, role in roles)
    busy = [r for r, role in roles if role == "seasonal"]
    correcting = d.profile.requests_per_day is not None and (
        _cue_pattern("correction").search(d.original.lower()) or _old_figure_named(d)
    )
    for rate in base:
        typed = rate.said or rate.value
        _over_the_week(d, rate)
        rate.corrected = rate.corrected or _negated_after(d, rate) or _named_again(d, rate, typed)
        prior = d.prior_bases.get("requests_per_day") or {}
        _working_days_kept(d, rate, prior, bool(correcting))
        value, spans, said, detail = _volume(d, rate)
        spans += [rate.days_span] if rate.days_span else []
        if rate.corrected and prior.get("season") and prior.get("raw") == rate.value:  # its season still holds
            value *= prior["season"]
            detail += f" (with its season, × {prior['season']:.3g})"
        claim = d.set(
            "requests_per_day",
            value,
            f"read {said} as {count(value)} requests a day{detail}",
            spans=spans,
            label=f"{count(value)} requests a day",
            kind="correction" if rate.corrected or correcting else "read",
            basis=rate.basis(
                typed=typed,
                noun=_noun_of(d, rate),
                **({"words": rate.worked} if rate.worked else {}),
                **({"said": rate.said} if rate.said else {}),
                **({"units": rate.units} if rate.units else {}),
            ),
            steps=rate.steps,
        )
        if rate.per_units:  # "pro Praxis ca. 35 … 9 Praxen": 1) 315 a day (35 each for '9 Praxen') or 2) 35 in all
            n, words, span = rate.per_units
            claim.label = f"{count(value)} requests a day in all"
            _times_reading(d, claim, rate, n, span, f"{count(value)} each for '{words}'", units=True, first=True)
        if rate.per_what:  # "30 a day per store": a count of stores answers it
            claim.weaken(f"it is per {rate.per_what} — how many are there")
            claim.basis |= {"per": rate.per_what, "each": value}
        if several := _several_each(d, rate):
            claim.weaken(f"each with '{several}' — how many requests does each make?")
        if rate.runs and not rate.units:
            claim.weaken("how often it runs — how many requests does each run make?")
        if languages := _languages_count(d, rate):  # "traducir las fichas a 5 idiomas … 40 nuevas cada día"
            n, span = languages
            _times_reading(d, claim, rate, n, span, f"one for each of {d.quote(*span)}")
        if rate.maybe_units:  # the total, or each one's times their count: two readings, asked
            n, words, span = rate.maybe_units
            claim.label = f"{count(value)} requests a day in all"
            _times_reading(d, claim, rate, n, span, f"{count(value)} each for '{words}'", units=True)
        if rate.per_shift:  # "600 per shift": one shift a day is a guess; a count of shifts answers it
            claim.weaken("it is per shift — how many shifts a day")
            claim.basis |= {"per": "shift", "each": value}
        if share := _share_beside(d, rate):  # "10% of our loads are hazmat. we do ~450 loads a day"
            part, said, span = share
            d.set(
                "requests_per_day",
                value * part,
                spans=[*spans, span],
                label=f"{count(value * part)} requests a day ('{said}' of them)",
                steps=[*rate.steps, "share_applied"],
            )
            claim.weaken("")
        if not busy and not averaged and not _season_beside(d, rate) and (season := _season_average(d, rate)):
            share, words, season_spans = season
            yearly = value * share
            for s, e in season_spans:
                d.consume(s, e)
            d.claims.remove(claim)  # the usual figure or the year's average: people mean either — asked
            usual = d.set(
                "requests_per_day",
                value,
                spans=spans,
                label=f"{count(value)} requests a day, the usual",
                steps=rate.steps,
            )
            usual.weaken("")
            d.set(
                "requests_per_day",
                yearly,
                f"read {said} with its season as {count(yearly)} requests a day over the year ({words})",
                spans=[*spans, *season_spans],
                label=f"{count(yearly)} requests a day over the year",
                strength="weak",
                basis=rate.basis(words=f"{count(value)} a day × ({words})", season=share),
                steps=[*rate.steps, "season_averaged"],
            )
            continue
        if busy and not averaged:
            claim.weaken(f"with '{d.quote(busy[0].start, busy[0].end)}' in a busy season beside it")
        elif not averaged and (season := _season_beside(d, rate)):
            claim.weaken(f"with '{season}' beside it — is it the usual volume, or that season's")
        elif not averaged and (season := _season_unplaced(d, rate)):
            claim.weaken(f"with '{season}' beside it — is it the usual volume, or the year's average")
    for rate, role in roles:
        if role == "peak":
            _peak(d, rate)
        elif role == "planned" and base:
            value, spans, said, _ = _volume(d, rate)
            note = f"read {said} as a planned {count(value)} requests a day (a what-if, not today's volume)"
            d.set(
                "planned_requests_per_day",
                value,
                note,
                spans=spans,
                label=f"{count(value)} requests a day planned",
                steps=rate.steps,
            )
        elif role == "seasonal":
            d.notes.append(f"'{d.quote(rate.start, rate.end)}' is a busy-season figure: not taken as the usual volume")


_FIGURE = lazy(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w.,]*\d)")
_NOUN_AFTER = lazy(r"[\d\s.,~-]*(?:[kmb]\b)?\s*(?!(?:per|pro|par|por|each|every)\b)(?P<noun>[^\W\d_]{3,})")


def _noun_of(d: Draft, rate: _Rate) -> str:
    """The word a rate counts, as typed ("4.000 chiamate al giorno" → "chiamate"), or ''."""
    m = _NOUN_AFTER.match(d.original.lower(), rate.start, rate.end)
    return m["noun"] if m else ""


def _same_total_on_weekdays(d: Draft) -> None:
    """ "the 1,800 letters only come on weekdays" after "1,800 letters a week": the week's figure said
    again with the days it arrives on — the same total spread over fewer days, not a figure per
    weekday. The figure is consumed (nothing new is read) and a note says the average a day stands."""
    basis = d.prior_bases.get("requests_per_day") or {}
    raw, period = basis.get("raw"), basis.get("period")
    if not raw or period not in ("week", "month", "quarter", "year"):
        return
    low = d.original.lower()
    for m in _FIGURE.finditer(d.canonical):
        if float(m.group(0).replace(",", "")) != raw or m.start() >= len(d.text) or not d.text[m.start()].isdigit():
            continue
        c0, c1 = d.clause(m.start())
        days = _cue_pattern("weekdays").search(low, m.end(), c1) or re.search(
            r"\ba weekday\b", d.canonical[m.end() : c1]
        )
        if days is None or re.search(rf"{_NOT}\s+(?:(?:per|a|an)\s+)?(?:week|month)", d.canonical[c0:c1]):
            continue
        d.consume(m.start(), m.end())
        d.notes.append(
            f"'{d.quote(m.start(), m.end())}': the {human(raw)} a {period} arrive on weekdays — the same total,"
            f" still {count(raw / days_in(period))} requests a day on average"
        )


def _month_patterns() -> tuple[Any, Any]:
    """A month range ("sept-oct", "dic-abril", "de septiembre a junio") and a month named in full."""
    if "months" not in _CUE_RE:
        v = vocab()
        full = {n: [w for lang in v.months[n].values() for w in lang[:1]] for n in v.months}
        every = {n: [w for lang in v.months[n].values() for w in lang] for n in v.months}
        names = "|".join(f"(?P<m{n}>{alternation(sorted(set(ws), key=len, reverse=True))})" for n, ws in full.items())
        allm = alternation(sorted({w for ws in every.values() for w in ws}, key=len, reverse=True))
        long = alternation(sorted({w for ws in full.values() for w in ws}, key=len, reverse=True))
        rng = (
            rf"(?<![\w-])(?P<a>{allm})\.?\s*[-–/]\s*(?P<b>{allm})\.?(?![\w-])"
            rf"|(?<![\w-])(?P<c>{long})\s+(?:to|through|a|à|bis|al|tot|t/m|até)\s+(?P<e>{long})(?![\w-])"
        )
        _CUE_RE["months"] = (lazy(rng), lazy(rf"(?<![\w-])(?:{names})(?![\w-])|(?<![\w-])q(?P<q>[1-4])(?![\w-])"))
    return _CUE_RE["months"]


def _month_of(word: str) -> int:
    v = vocab()
    return next(int(n) for n in v.months if word.rstrip(".") in {w for lang in v.months[n].values() for w in lang})


def _season_months(low: str, start: int, end: int) -> tuple[int, list[tuple[int, int]]]:
    """How many months of the year a season between ``start`` and ``end`` names, and where."""
    ranges, names = _month_patterns()
    months: set[int] = set()
    spans = []
    for m in ranges.finditer(low, start, end):
        a, b = _month_of(m["a"] or m["c"]), _month_of(m["b"] or m["e"])
        months |= {(a - 1 + i) % 12 + 1 for i in range((b - a) % 12 + 1)}
        spans.append(m.span())
    for m in names.finditer(low, start, end):
        if any(s <= m.start() < e for s, e in spans):
            continue
        if m["q"]:
            q = int(m["q"])
            months |= {3 * q - 2, 3 * q - 1, 3 * q}
        else:
            months.add(next(int(k[1:]) for k, v in m.groupdict().items() if v and k.startswith("m")))
        spans.append(m.span())
    return len(months), spans


def _season_average(d: Draft, rate: _Rate) -> tuple[float, str, list[tuple[int, int]]] | None:
    """ "2.500 correos a la semana … en enero y septiembre … el doble": a usual figure and the months
    a season multiplies it (double, triple), said after it in its sentence or the next — the year's
    average, (12 − k + k × factor) / 12 of it, with its working in words and the spans it rests on."""
    low = d.original.lower()
    _, s1 = d.sentence_of(rate.start)
    n1 = d.sentence_of(min(len(low) - 1, s1 + 2))[1] if s1 < len(low) - 1 else s1
    stop = min(n1, rate.end + 200)
    found = [(f, _cue_pattern(name).search(low, rate.end, stop)) for f, name in ((2.0, "double"), (3.0, "triple"))]
    found = [(f, m) for f, m in found if m is not None]
    if not found:
        return None
    factor, cue = min(found, key=lambda x: x[1].start())
    if re.search(r"(?<![\w.,])(?<!q)\d", d.text[rate.end : cue.start()]):
        return None  # another figure between: not this rate's season
    k, spans = _season_months(low, rate.end, min(stop, cue.end() + 60))
    if not 1 <= k <= 11:
        return None
    share = (12 - k + k * factor) / 12
    words = f"{12 - k} months × 1 + {k} × {human(factor)}, over 12"
    return share, words, [*spans, cue.span()]


def _old_figure_named(d: Draft) -> bool:
    """ "Ach so, und die 400 waren nur CT – … eher 1.100 am Tag": the figure the volume was read from,
    named again with its article outside any rate — the message sets it right."""
    raw = (d.prior_bases.get("requests_per_day") or {}).get("raw")
    if not raw:
        return False
    rx = _CUE_RE.setdefault(
        "old_figure",
        lazy(rf"(?<![\w-])(?:{alternation(vocab().cue('definite'))})\s+(?P<n>\d[\d,]*(?:\.\d+)?)(?![\w.,]*\d)"),
    )
    return any(
        float(m["n"].replace(",", "")) == raw and d.text[m.start("n")].isdigit() for m in rx.finditer(d.canonical)
    )


def _named_again(d: Draft, rate: _Rate, typed: float) -> bool:
    """ "Die 80 am Tag sind übrigens nur Werktage": the volume's figure said before, with its article,
    restated with what it leaves out — it sets the volume right."""
    prior = d.prior_bases.get("requests_per_day") or {}
    if not typed or typed not in {prior.get("typed"), prior.get("raw")} or rate.period != prior.get("period"):
        return False
    before = d.original.lower()[max(0, rate.start - 12) : rate.start]
    return bool(re.search(rf"(?<![\w-])(?:{alternation(vocab().cue('definite'))})\s*$", before))


def _the_peak_again(d: Draft, rate: _Rate) -> bool:
    """ "tbh 2/sec was our all time record" after "2 posts per second at peak": the peak said before,
    named again to be set right — not a new average. Read as nothing; the peak stands unless the
    message gives another."""
    basis = d.prior_bases.get("peak_requests_per_hour") or {}
    if not basis.get("raw") or basis.get("period") != rate.period or rate.value != basis["raw"]:
        return False
    d.notes.append(f"'{d.quote(rate.start, rate.end)}' is the peak said before")
    return True


def _cue_without(name: str, *others: str) -> Any:
    """The cue words of ``name`` less those of ``others`` ("in January" as a season; not "up to")."""
    key = "/".join((name, *others))
    if key not in _CUE_RE:
        taken = {w for other in others for w in vocab().cue(other)}
        words = [w for w in vocab().cue(name) if w not in taken]
        _CUE_RE[key] = lazy(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])")
    return _CUE_RE[key]


_SHARE_NEAR = lazy(
    r"(?<![\w.,])(?:(?P<p>\d{1,2}(?:\.\d+)?)\s*(?:%|percent|per\s*cent|prozent|pour\s*cent|por\s*ciento|per\s*cento"
    r"|procent|por\s*cento)|1\s+(?:in|of|out\s+of|von|sur|de|su|op|em)\s+(?P<n>\d{1,3}))(?![\w.,]*\d)"
)


_GROWTH = lazy(
    r"grow|growth|increas|rising|rise|up\s+by|\bmom\b|\byoy\b|month[- ]over[- ]month|year[- ]over[- ]year|wachs|wächst"
    r"|steigt|croiss|augment|crec|aument|cresc|groei|stijg|wzrost|rośnie"
)


def _share_beside(d: Draft, rate: _Rate) -> tuple[float, str, tuple[int, int]] | None:
    """A share no reader used, in the sentence before a rate, its own or the next ("maybe 10% of our
    loads are hazmat. we do ~450 loads a day"; "60k visits a month? I'd guess 1 in 20 would chat"):
    the requests may be all of them or that share — the share, its words and span, or None."""
    s0, s1 = d.sentence_of(rate.start)
    before = d.sentence_of(max(0, s0 - 2))[0] if s0 > 1 else s0
    after = d.sentence_of(min(len(d.text) - 1, s1 + 2))[1] if s1 < len(d.text) - 1 else s1
    low = d.original.lower()
    for m in _SHARE_NEAR.finditer(d.text, before, after):
        if _GROWTH.search(low, max(0, m.start() - 24), min(len(low), m.end() + 24)):
            continue  # "growing ~20% MoM": a growth rate, not a part of the volume
        part = float(m["p"]) / 100 if m["p"] else 1 / float(m["n"]) if m["n"] and float(m["n"]) > 1 else 0.0
        if 0 < part < 1:
            d.consume(m.start(), m.end())
            return part, d.quote(m.start(), m.end()), (m.start(), m.end())
    return None


def _season_beside(d: Draft, rate: _Rate) -> str:
    """The words saying a rate is one season's, not the usual volume, or '': a season named before
    it in its sentence ("in high season about 4,500 a week", "peak is exam season, ~90k a day"), or
    the rest of the year set against it after it, in its sentence or at the start of the next ("300
    a month when the new vintages come, the rest of the year much less"). A season named after the
    figure ("4,000 a month, in January double") leaves the figure the usual one."""
    low = d.original.lower()
    s0, s1 = d.sentence_of(rate.start)
    before = _cue_without("seasonal", "exception", "peak", "off_season", "not_a_season").search(low, s0, rate.start)
    if before:
        return d.quote(before.start(), before.end())
    rest = _cue_pattern("off_season")
    m = rest.search(low, rate.end, s1)
    if m is None and s1 < len(low):
        n0, n1 = d.sentence_of(min(len(low) - 1, s1 + 2))
        m = rest.search(low, n0, min(n1, n0 + 40))
    return d.quote(m.start(), m.end()) if m else ""


def _times_reading(
    d: Draft,
    claim: Any,
    rate: _Rate,
    n: float,
    span: tuple[int, int],
    why: str,
    units: bool = False,
    first: bool = False,
) -> None:
    """A second reading of a volume claim, ``n`` times it (per language, per person counted beside
    it): both weak, so the arbiter asks between them — the product as the first choice with ``first``."""
    value = claim.value
    claim.weaken("")
    product = d.set(
        "requests_per_day",
        value * n,
        spans=[*claim.spans, span],
        label=f"{count(value * n)} requests a day ({why})",
        strength="weak",
        basis=rate.basis(words=f"{count(n)} × {count(value)}", **({"units": n} if units else {})),
        steps=[*claim.steps, "multiplied_by_untied_count"],
    )
    if first:
        d.claims.remove(product)
        d.claims.insert(d.claims.index(claim), product)


def _several_each(d: Draft, rate: _Rate) -> str:
    """ "9 mil atendimentos por mês, cada um com várias mensagens": each of the counted things makes
    a vague number of calls (cues.several) — its words, or ''."""
    rx = _CUE_RE.setdefault(
        "several_each",
        lazy(rf"[\s,;:-]*\beach\b(?:\s+[^\W\d_]+){{0,2}}?\s+(?:{alternation(vocab().cue('several'))})\s+[^\W\d_]+"),
    )
    m = rx.match(d.canonical, rate.end)
    return d.quote(m.start(), m.end()) if m else ""


def _old_each_named(d: Draft, rate: _Rate) -> bool:
    """ "I misspoke, 40 emails a day is the big buildings, the average is more like 15": in a
    correction, the figure said before per person or unit, named again with no count of them — the
    old figure, not a new volume. Consumed, with a note."""
    prior = d.prior_bases.get("requests_per_day") or {}
    if not prior.get("units") or rate.value != prior.get("raw") or rate.period != prior.get("period"):
        return False
    if not _cue_pattern("correction").search(d.original.lower()) or UNITS.search(d.text, 0, rate.start):
        return False
    d.consume(rate.start, rate.end)
    d.notes.append(f"'{d.quote(rate.start, rate.end)}' is the figure said before")
    return True


def _more_like(d: Draft, rates: list[_Rate]) -> list[_Rate]:
    """ "200k a month. wait no that's conversations, tickets alone is more like 140k": a figure after
    "more like" (cues.more_like) with no period or unit of its own, in the period of the rate just
    before it in the message — or, in a later message, of the volume said before (times the count it
    was per, when that figure was named again: "the average is more like 15")."""
    rx = _CUE_RE.setdefault(
        "more_like",
        lazy(
            rf"(?<![\w-])(?:{alternation(vocab().cue('more_like'))}){_FOLLOWER}{qty_range('f')}"
            rf"(?!\s*(?:%|[$€£]|(?:{NOT_REQUESTS}|{_PERIOD_UNITS}|per|a|an)\b))"
        ),
    )
    prior = d.prior_bases.get("requests_per_day") or {}
    found = []
    for m in rx.finditer(d.text):
        q = quantity(m, "f")
        if q.negative or q.value <= 0:
            continue
        before = [r for r in rates if r.end <= m.start() and r.value and not r.schedule and m.start() - r.end < 200]
        if before:  # its period: one said right before the cue ("Pro Arbeitstag also eher 180"), else the rate's
            said = list(_PERIOD_RE.finditer(d.canonical, max(before[-1].end, m.start() - 30), m.start()))
            period = period_of(said[-1]) if said else before[-1].period
            daily, how = per_day(q.value, period, d)
            if period == "business day":
                how += f" ({BUSINESS_DAYS_PER_WEEK} business days in a 7-day week)"
            rate = _Rate(daily, m.start(), m.end(), how, value=q.value, period=period)
            rate.steps = _period_steps(d, period, q.is_range)
            found.append(rate)
            d.consume(m.start(), m.end())
            continue
        if not prior.get("raw") or prior.get("period") not in ("day", "week", "month", "quarter", "year"):
            continue
        if d.profile.requests_per_day is None or not _old_figure_beside(d, prior, m.start()):
            continue  # "normal month is more like 13k" (a bill): nothing ties it to the volume
        scale = prior["raw"] / prior["typed"] if prior.get("typed") else 1.0  # its days a week, as before
        value = q.value * scale
        rate = _Rate(value / days_in(prior["period"]), m.start(), m.end(), value=value, period=prior["period"])
        rate.steps = _period_steps(d, prior["period"], q.is_range)
        rate.corrected = True
        rate.each_before = "is the figure said before" in " ".join(d.notes)
        rate.no_units = not rate.each_before
        found.append(rate)
        d.consume(m.start(), m.end())
    return found


_PERIOD_RE = lazy(PERIOD)
_FIGURE_ANY = lazy(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w.,]*\d)")


def _old_figure_beside(d: Draft, prior: dict[str, Any], pos: int) -> bool:
    """Whether the sentence at ``pos`` names the volume's old figure or the thing it counted."""
    s0, s1 = d.sentence_of(pos)
    old = {prior.get(k) for k in ("raw", "typed", "said")} - {None, 0}
    named = {float(m.group(0).replace(",", "")) for m in _FIGURE_ANY.finditer(d.canonical, s0, s1)}
    noun = prior.get("noun") or ""
    return bool(named & old) or bool(noun and noun[:5] in d.original.lower()[s0:s1])


def _languages_count(d: Draft, rate: _Rate) -> tuple[float, tuple[int, int]] | None:
    """A count of languages no reading used, in another sentence of the message ("traducir las fichas
    a 5 idiomas. … 40 nuevas cada día"): a request each, or one for all of them — its count and span
    (consumed), or None. One in the rate's own clause ("350 notes a day in 12 languages") is an unused
    number beside it, asked as such by the arbiter."""
    rx = _CUE_RE.setdefault(
        "languages", lazy(rf"(?<![\w.,])(?P<n>\d{{1,2}})\s+(?:{alternation(vocab().cue('languages'))})(?![\w-])")
    )
    own = d.clause(rate.start)
    for m in rx.finditer(d.text):
        n = float(m["n"])
        if n >= 2 and not own[0] <= m.start() <= own[1]:
            d.consume(m.start(), m.end())
            return n, m.span()
    return None


def _season_unplaced(d: Draft, rate: _Rate) -> str:
    """The words of a season beside a rate that no reading could average, or '': a month opening its
    sentence before it ("december is een gekkenhuis, dan 5.000 mails per dag"), a season with a
    figure of its own after it ("2.500 per werkdag, in december loopt dat op richting 4.000"), or a
    season's multiple whose months cannot be counted ("1.500 im Monat, nach dem Sommer doppelt so
    viele", "30-50 al día, pero en campaña se triplica")."""
    low = d.original.lower()
    s0, s1 = d.sentence_of(rate.start)
    month = _month_patterns()[1].search(low, s0, rate.start)
    if month and not month["q"]:
        return d.quote(*month.span())
    season = _cue_without("seasonal", "exception", "peak", "off_season", "not_a_season").search(low, rate.end, s1)
    if season and re.search(r"\d", low[season.end() : min(s1, season.end() + 40)]):
        return d.quote(season.start(), season.end())
    n1 = d.sentence_of(min(len(low) - 1, s1 + 2))[1] if s1 < len(low) - 1 else s1
    seasonal = _cue_without("seasonal", "exception", "peak", "off_season")  # "en campaña" before a multiple too
    for name in ("double", "triple"):
        m = _cue_pattern(name).search(low, rate.end, min(n1, rate.end + 200))
        if m is None or re.search(r"(?<![\w.,])(?<!q)\d", d.text[rate.end : m.start()]):
            continue
        if _GROWTH.search(low, max(rate.end, m.start() - 24), m.end() + 24):
            continue  # "growing 3x": a plan, not a season
        said = seasonal.search(low, max(rate.end, d.clause(m.start())[0]), m.start())
        if said:  # "pero en campaña se triplica": a season's multiple (not "doubles at month end")
            return d.quote(said.start(), m.end())
    return ""


def _corrected_in_passing(d: Draft, roles: list[tuple[_Rate, str]]) -> list[tuple[_Rate, str]]:
    """ "2M explanations a year? no, more like 200k a year": a rate the same message corrects after
    it ("no", "actually", "more like", …) drops out."""
    correcting = _cue_pattern("correction")
    negating = _cue_pattern("negation")
    kept = []
    ordered = sorted(roles, key=lambda x: x[0].start)
    for i, (rate, role) in enumerate(ordered):
        later = [
            r for r, later_role in ordered[i + 1 :] if d.sentence_of(r.start)[0] <= rate.end + 80 and later_role == role
        ]
        low, gap = d.original.lower(), (rate.end, later[0].start) if later else (0, 0)
        said_before = _cue_pattern("said_before").search(low, max(0, rate.start - 16), rate.start)
        if (said_before and any(r.start > rate.end for r, _ in ordered[i + 1 :])) or (
            later and (correcting.search(low, *gap) or negating.search(low, *gap))
        ):
            d.notes.append(f"'{d.quote(rate.start, rate.end)}' corrected later in the message: not used")
            continue
        kept.append((rate, role))
    return kept


_WEEKEND_FIGURE = lazy(r"[^.;!?\d]{0,16}?(?<![\w.,])(?P<n>\d[\d,]*(?:\.\d+)?)(?![\w.,]*\d)")


def _over_the_week(d: Draft, rate: _Rate) -> None:
    """'500 a day on weekdays and 100 on weekends': the calendar day's average, (500×5 + 100×2)/7;
    weekdays alone ('1,000 a day, weekdays only') count 5 days in 7 (the field sheet's convention)."""
    if rate.period != "day" or rate.schedule:
        return
    if days := _days_a_week(d, rate):  # "30 consultations par jour chacun, 4,5 jours par semaine"
        n, span = days
        rate.per_day *= n / 7
        rate.value = rate.per_day
        rate.how += f" ({human(n)} days a week: {human(n)} days in 7)"
        _took(rate, "days_stated")
        rate.worked = rate.worked or rate.how.strip(" ()")
        rate.days_span = span
        return
    low = d.original.lower()
    weekdays = _cue_pattern("weekdays").search(low, rate.end, rate.end + 30)
    six = _cue_pattern("six_days").search(low, rate.end, rate.end + 40)
    if six is not None and (
        weekdays is None or six.start() <= weekdays.start()
    ):  # "40 al giorno, dal lunedì al sabato"
        rate.end = six.end()
        rate.per_day *= 6 / 7
        rate.value = rate.per_day
        rate.how += " (six days a week: 6 days in 7)"
        _took(rate, "days_stated")
        rate.worked = rate.worked or rate.how.strip(" ()")
        return
    if weekdays is None:
        return
    weekend_rate = 0.0
    m = _WEEKEND_FIGURE.match(d.text, weekdays.end())
    if m and _cue_pattern("weekends").search(low, m.end(), m.end() + 20):
        weekend_rate = float(m["n"].replace(",", ""))
        d.consume(m.start("n"), m.end("n"))
    weekend = _cue_pattern("weekends").search(low, weekdays.end(), weekdays.end() + 40) if weekend_rate else None
    rate.end = weekend.end() if weekend else weekdays.end()  # the quote says what was averaged
    weekday_rate = rate.per_day
    _took(rate, "days_stated")
    rate.per_day = (weekday_rate * 5 + weekend_rate * 2) / 7
    rate.value = rate.per_day
    if weekend_rate:
        rate.how += f" ({count(weekday_rate)} × 5 weekdays + {count(weekend_rate)} × 2 weekend days, over 7)"
    else:
        rate.how += " (weekdays only: 5 days in 7)"
    rate.worked = rate.worked or rate.how.strip(" ()")


_NEGATED_FIGURE: dict[str, Any] = {}


def _days_a_week_pattern() -> Any:
    return _CUE_RE.setdefault(
        "days_a_week",
        lazy(
            rf"(?<![\w.,])(?P<n>[1-7](?:[.,]5)?)\s*(?:{alternation(vocab().cue('day_words'))})\s*"
            r"(?:a\s+week|/wk|(?:out\s+of|of|sur|su|von|de|op|em|z)\s+(?:7|sept|sieben|siete|sette|zeven|sete))(?![\w])"
        ),
    )


def _days_a_week(d: Draft, rate: _Rate) -> tuple[float, tuple[int, int]] | None:
    """The days a week said in a daily rate's sentence ("40 a day, 5 days a week"; "4,5 jours par
    semaine"): that many days' worth over a 7-day week. The words are consumed."""
    s0, s1 = d.sentence_of(rate.start)
    m = _days_a_week_pattern().search(d.text, s0, s1)
    if m is None:
        return None
    d.consume(m.start(), m.end())
    return float(m["n"].replace(",", ".")), (m.start(), m.end())


def _working_days_pattern() -> Any:
    """ "5 Werktage", "5 working days": a count of working days with no period of its own."""
    return _CUE_RE.setdefault(
        "working_days",
        lazy(
            rf"(?<![\w.,])(?P<n>[1-7](?:[.,]5)?)\s*(?:{alternation(vocab().cue('weekdays'))})(?![\w])"
            rf"|(?<![\w.,])(?P<m>[1-7])\s*(?:working\s+days|workdays|business\s+days|werktage|arbeitstage"
            r"|jours\s+ouvrés|días\s+laborables|días\s+hábiles|giorni\s+lavorativi|werkdagen|dias\s+úteis)(?![\w])"
        ),
    )


def _working_days_of_a_week(d: Draft, rates: list[_Rate]) -> None:
    """ "1.800 Briefe pro Woche, 5 Werktage": the working days a weekly (or longer) figure arrives on,
    in the same sentence — the same total spread over fewer days, so the average a day stands; the
    words are consumed and said in a note (they were an unused number that made the figure a question)."""
    for rate in rates:
        if rate.period not in ("week", "month", "quarter", "year") or rate.days_span:
            continue
        s0, s1 = d.sentence_of(rate.start)
        m = _working_days_pattern().search(d.text, s0, s1)
        if m is None:
            continue
        d.consume(m.start(), m.end())
        d.notes.append(
            f"'{d.quote(m.start(), m.end())}': the {human(rate.value)} a {rate.period} arrive on those days"
            f" — the same total, {count(rate.value / days_in(rate.period))} requests a day on average"
        )


def _days_a_week_alone(d: Draft, rates: list[_Rate]) -> None:
    """ "5 days a week" with no rate of its own: a daily figure given before is that many days in 7;
    one given per week or longer is the same total (nothing changes) — said either way."""
    _working_days_of_a_week(d, rates)
    m = _days_a_week_pattern().search(d.text)
    if m is None or any(r.period == "day" and not r.schedule for r in rates):
        return
    n = float(m["n"].replace(",", "."))
    d.consume(m.start(), m.end())
    basis = d.prior_bases.get("requests_per_day") or {}
    raw, period = basis.get("raw"), basis.get("period")
    quote = d.quote(m.start(), m.end())
    if rates or not raw or period != "day" or basis.get("days") or d.profile.requests_per_day is None:
        if raw and period in ("week", "month", "quarter", "year") and not any("the same total" in n for n in d.notes):
            d.notes.append(
                f"'{quote}': the {human(raw)} a {period} stay the total — {count(raw / days_in(period))} a day"
            )
        return
    value = d.profile.requests_per_day * n / 7
    d.set(
        "requests_per_day",
        value,
        f"read '{quote}' as {human(n)} days in 7: {count(value)} requests a day",
        spans=[(m.start(), m.end())],
        label=f"{count(value)} requests a day",
        basis={**basis, "days": n},
        steps=["days_stated"],
    )


WORKING_DAYS_KEPT = "per working day, as before"


def _working_days_kept(d: Draft, rate: _Rate, prior: dict[str, Any], correcting: bool) -> None:
    """'1.400 am Tag, nicht 1.200' after '1.200 Briefe pro Werktag': a correction that says only 'a
    day' sets the figure right, not its days — it stays per working day, and the read line says so."""
    if not (rate.corrected or correcting) or rate.period != "day" or prior.get("period") != "business day":
        return
    s0, s1 = d.sentence_of(rate.start)
    if rate.days_span or any(_cue_pattern(cue).search(d.canonical, s0, s1) for cue in ("every_day", "weekends")):
        return  # "1,500 a day, every day of the week": its days are said again
    rate.per_day, how = per_day(rate.value, "business day", d)
    rate.how = how + f" ({BUSINESS_DAYS_PER_WEEK} business days in a 7-day week)"
    rate.period = "business day"
    rate.worked = rate.worked or WORKING_DAYS_KEPT
    rate.steps = [*(s for s in rate.steps if s != "direct"), "period_said_before"]


def _negated_after(d: Draft, rate: _Rate) -> bool:
    """'800 a day TOTAL, not 32000', '350, non 200': the figure denied after the rate is the value it
    replaces — it is read as that correction's old value (consumed), and the rate as the correction."""
    rx = _NEGATED_FIGURE.setdefault(
        "rx",
        lazy(
            rf"[^.;!?\d]{{0,24}}?(?<![\w-])(?:{alternation(vocab().cue('negation'))})\s+(?:the\s+)?~?"
            rf"(?P<n>\d[\d,.\s]*\d|\d)(?:\s*[kmb])?(?![\w])"
        ),
    )
    m = rx.match(d.text, rate.end)
    if m is None:
        return False
    d.consume(m.start("n"), m.end())
    return True


def _peak(d: Draft, rate: _Rate) -> None:
    """A peak given per hour, minute or second is the busiest hour's requests; a busier day is not."""
    if days_in(rate.period) >= 1 or not rate.value:
        d.notes.append(f"'{d.quote(rate.start, rate.end)}' is a peak day: capacity is sized by the busiest hour")
        return
    per_hour = rate.value / days_in(rate.period) / 24
    note = f"read '{d.quote(rate.start, rate.end)}' as {count(per_hour)} requests in the busiest hour"
    label = f"{count(per_hour)} an hour at peak"
    basis = rate.basis()
    steps = ["direct" if rate.period == "hour" else "period_stated"]
    d.set(
        "peak_requests_per_hour", per_hour, note, spans=[(rate.start, rate.end)], label=label, basis=basis, steps=steps
    )
