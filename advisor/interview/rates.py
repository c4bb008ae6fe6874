"""Request rates in free text ("5,000 requests a day", "5k tickets/day", "requests per day: 5000"),
schedules ("every 15 minutes", "4 times an hour") and how many agents or people run them ("31 agents")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.interview.draft import MONTHLY_FIELDS, Draft, per_day, per_month, window_hours
from advisor.interview.numbers import PERIOD, human, period_name, qty_range, quantity

_Q = qty_range("q")
_TOKEN_WORD = r"(?:tokens?|toks?|tkns?)"
REQUEST_NOUNS = (
    r"requests?|reqs?|calls?|api\s+calls?|queries|query|tickets?|messages?|msgs?|e-?mails?|documents?|docs?|sessions?"
    r"|runs?|jobs?|tasks?|conversations?|chats?|prompts?|completions?|generations?|inferences?|interactions?|turns?"
    r"|questions?|invocations?|transactions?|items?|records?|articles?|pages?|files?|reviews?|summaries|classifications?"
    r"|lookups?|searches|loops?|iterations?|cycles?|wake-?ups?|executions?|pull\s+requests?|prs|reports?|claims?"
    r"|forms?|transcripts?|notes?|leads?|orders?|invoices?|chunks?|translations?|completions?"
)
WHO = (
    r"agents?|bots?|workers?|instances?|cron\s*jobs?|crons?|loops?|pipelines?|developers?|devs?|engineers?|users?|people"
    r"|seats?|employees?|analysts?|team\s+members?|customers?|clients?|staff|reps?|agents"
)
WHO_ONE = (
    r"agent|bot|worker|instance|cron|loop|pipeline|developer|dev|engineer|user|person|seat|employee|analyst|member|rep"
)

RATE = re.compile(
    rf"{_Q}\s*(?:(?!(?:{WHO})\b)[a-z'-]+\s+){{0,3}}?(?P<noun>{REQUEST_NOUNS})\b"
    rf"(?:\s+(?!{_TOKEN_WORD}\b)(?!(?:{WHO})\b)[a-z'-]+){{0,5}}?\s*{PERIOD}"
)
RATE_ADJ = re.compile(
    rf"{_Q}\s*(?P<padj>hourly|daily|weekly|monthly|nightly)\s+(?:[a-z'-]+\s+){{0,2}}?(?P<noun>{REQUEST_NOUNS})\b"
)
RATE_LABEL = re.compile(rf"\b(?P<noun>{REQUEST_NOUNS})\s*{PERIOD}\s*(?:[:=]|of|is|are|around|about|~|roughly|\s)*{_Q}")
RATE_BARE = re.compile(rf"{_Q}\s*{PERIOD}")
EVERY = re.compile(
    rf"every\s+(?:(?P<half>half\s+(?:an\s+)?hour)|(?:{_Q}\s*)?(?P<u>seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\b)"
)
TIMES = re.compile(
    rf"(?:(?P<once>once|twice|thrice)|{_Q}\s*(?:times|x))\s*(?:a|an|per|each|every)\s+"
    rf"(?P<per>minute|min|hour|hr|day|week|month)\b"
)
AGENTS = re.compile(rf"{_Q}\s*(?:(?:[a-z-]+)\s+){{0,2}}?(?P<who>{WHO})\b")
EACH_AGENT = re.compile(
    rf"(?:{WHO})\s+(?:\w+\s+)?each\b|\beach\s+(?:{WHO_ONE})\b|\bper\s+(?:{WHO_ONE})\b|\bapiece\b"
    rf"|\bevery\s+(?:one\s+of\s+(?:them|the\s+\w+)|{WHO_ONE})\b"
)
FOR_HOURS = re.compile(rf"for\s+{_Q}\s*(?:hours?|hrs?|h)\b")
_AFTER_MONEY = re.compile(r"[$€£]\s*[\d,.]+\s*[kmb]?\s*(?:-|to)\s*$")  # "$3,000-15,000/month"


@dataclass
class _Rate:
    per_day: float
    start: int
    end: int
    how: str = ""
    schedule: bool = False  # "every 15 minutes": per agent by nature


def _rates(d: Draft) -> list[_Rate]:
    rates: list[_Rate] = []
    for m in EVERY.finditer(d.text):
        if m["half"]:
            minutes = 30.0
        else:
            count = quantity(m, "q").value if m["qan"] or m["qaw"] else 1.0
            unit = period_name(m["u"])
            minutes = count * {"second": 1 / 60, "minute": 1.0, "hour": 60.0}[unit]
        if minutes <= 0:
            continue
        hours, how = _schedule_window(d, m.start())
        rates.append(_Rate(hours * 60 / minutes, m.start(), m.end(), how, schedule=True))
        d.consume(m.start(), m.end())
    for m in TIMES.finditer(d.text):
        count = {"once": 1.0, "twice": 2.0, "thrice": 3.0}.get(m["once"] or "") or quantity(m, "q").value
        daily, how = per_day(count, period_name(m["per"]), d)
        rates.append(_Rate(daily, m.start(), m.end(), how, schedule=True))
        d.consume(m.start(), m.end())
    for rx in (RATE, RATE_ADJ, RATE_LABEL):
        for m in rx.finditer(d.text):
            if _AFTER_MONEY.search(d.text[max(0, m.start() - 16) : m.start()]):
                continue
            q = quantity(m, "q")
            if q.negative:
                d.reject(f"ignored '{d.quote(m.start(), m.end())}': a count cannot be negative", (m.start(), m.end()))
                continue
            daily, how = per_day(q.value, period_name(m.groupdict().get("punit"), m.groupdict().get("padj")), d)
            rates.append(_Rate(daily, m.start(), m.end(), how))
            d.consume(m.start(), m.end())
    return rates


def _schedule_window(d: Draft, pos: int) -> tuple[float, str]:
    s0, s1 = d.sentence_of(pos)
    m = FOR_HOURS.search(d.text, s0, s1)
    if m:
        hours = quantity(m, "q").value
        if 0 < hours <= 24:
            d.consume(m.start(), m.end())
            return hours, f", over {human(hours)} hours"
    return window_hours(d)


def _agents(d: Draft) -> tuple[float, tuple[int, int]] | None:
    for m in AGENTS.finditer(d.text):
        q = quantity(m, "q")
        if q.value >= 1 and not q.negative:
            d.consume(m.start(), m.end())
            return q.value, (m.start(), m.end())
    return None


def read_rates(d: Draft) -> None:
    each_agent = bool(EACH_AGENT.search(d.text))
    rates = _rates(d)
    bare = (
        []
        if rates
        else [
            m for m in RATE_BARE.finditer(d.text) if not _AFTER_MONEY.search(d.text[max(0, m.start() - 16) : m.start()])
        ]
    )
    agents = _agents(d)
    if not rates and bare:
        m = bare[-1]
        q = quantity(m, "q")
        period = period_name(m["punit"], m["padj"])
        quote = d.quote(m.start(), m.end())
        if q.negative:
            d.reject(f"ignored '{quote}': a count cannot be negative", (m.start(), m.end()))
            return
        if d.asked in MONTHLY_FIELDS:
            monthly, name = per_month(q.value, period, d), d.asked
            d.set(
                name,
                monthly,
                f"read '{quote}' as {human(monthly)} {name.split('_')[1]} tokens a month",
                (m.start(), m.end()),
            )
            return
        daily, how = per_day(q.value, period, d)
        rates.append(_Rate(daily, m.start(), m.end(), how + " (read as requests)"))
        d.consume(m.start(), m.end())
    if not rates:
        if agents and d.asked == "requests_per_day":
            d.notes.append(f"{human(agents[0])} of them: how many requests does each make a day?")
        return
    rate = rates[-1]
    quote = d.quote(rate.start, rate.end)
    value = rate.per_day
    if agents and (rate.schedule or each_agent):
        count, span = agents
        value *= count
        quote = f"{quote}' × '{d.quote(*span)}"
        detail = f" ({human(rate.per_day)} a day each{rate.how})"
    else:
        detail = f"{rate.how}" if rate.how else ""
        if agents:
            detail += f"; took it as the total for all {human(agents[0])} — say 'each' if it is per one"
    d.set("requests_per_day", value, f"read '{quote}' as {human(value)} requests a day{detail}")
