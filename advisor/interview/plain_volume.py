"""A second, deliberately plain reading of the volume, beside rates.py's: only a strict grammar, no
heuristics. A requests-a-day figure is *complete* when one clause holds

    rate   := NUMBER WORD{0,3} PERIOD | PERIOD NUMBER WORD        "800 contracts a day", "2.5k tickets/wk"
    every  := "every" [NUMBER] (minute | hour)                     "every 15 min"
    shift  := NUMBER WORD{0,3} per shift, with the shifts a day stated in the message
    tied   := COUNT NOUN … rate, with a word tying the rate to each one of them in the clause
              ("each", "je", "chacun" — cues.each — or "per"/"each" with the count's own noun)
    bare   := NUMBER WORD{0,3}    only as the whole answer to "how many requests a day?"

where a WORD is no unit of something else (tokens, money, time spans: rates.NOT_REQUESTS). The value
is the number over the period's days (a rate per hour or minute over the hours a day said, else 24),
times the tied count; a daily rate whose clause says weekdays only or six days a week counts that
many days in 7. A tie word with no count to tie to gives no plain reading at all.

The arbiter writes a volume read in passing only when this reading holds the same value: a reading
of rates.py it does not hold — a count nothing ties, a fan-out, a season, a figure picked in another
sentence — is asked, with the plain reading beside it when there is one. Disagreement between the
two readers is the signal of wording nobody tuned for (docs/architecture.md)."""

from __future__ import annotations

import re
from typing import Any

from advisor.interview.arbiter import same_value
from advisor.interview.draft import Draft, window_hours
from advisor.interview.lazy import lazy
from advisor.interview.numbers import PERIOD, days_in, period_name, period_of, qty_range, quantity
from advisor.interview.rates import NOT_REQUESTS, PEOPLE
from advisor.interview.vocab import alternation, vocab
from advisor.text.render import count

FIELD = "requests_per_day"
_WORD = rf"(?!(?:{NOT_REQUESTS}|per|each|every|a|an|in|shifts?)\b)[^\W\d_](?:[^\W\d_]|['-])*"
_WORDS = rf"(?:times\s+)?(?:{_WORD}(?:\s+|(?=/))){{0,3}}?"  # "tickets/day"
_ABOUT = r"(?:(?:about|around|roughly|maybe|approx\.?|approximately|some|say|like|~)\s*)?"
# Before the period, a word tying the rate to each one ("15 questions each per workday", "1.1
# tickets per employee per month"); the tie itself is checked in _tied.
_EACH_WORDS = alternation(vocab().cue("each"))
_TIE = (
    rf"(?:(?:{_EACH_WORDS}|(?:per|par|por|pro|each|every)\s+(?!(?:day|week|month|year|hour)\b)[^\W\d_]{{3,}})\s+"
    r"(?:(?:and|et|y|e|und|en)\s+)?)?"  # "3 demandes par lit et par jour"
)
_RATE = lazy(rf"(?<![$€£])(?<![$€£]\s){qty_range('r')}\s*{_WORDS}\s*{_TIE}{PERIOD}")
# The period first: "pro Jahr ca. 120.000 Anfragen", "pro Woche kommen etwa 1.800 Briefe", "requests per day: 12,500".
_FIRST = lazy(
    rf"(?:\b(?:requests?|calls?|queries)\s+{PERIOD}\s*[:=]\s*{_ABOUT}{qty_range('r')}"
    rf"|{PERIOD.replace('?P<p', '?P<f')}\s*[:,]?\s*(?:{_WORD}\s+){{0,2}}?{_ABOUT}{qty_range('s')}\s+{_WORD})"
)
_EVERY = lazy(
    r"\bevery\s+(?:(?P<n>\d+(?:\.\d+)?)\s*|(?P<half>half\s+(?:an\s+)?))?(?P<u>minutes?|mins?|hours?|hrs?|h)\b"
)
_SHIFT = lazy(
    rf"{qty_range('r')}\s*{_WORDS}\s*(?:a|per|pro|par|por|each|every|/)\s*shift\b"
    rf"|\b(?:each|every|per|a)\s+shift\s+(?:{_WORD}\s+){{0,2}}?{_ABOUT}{qty_range('s')}"  # "each shift sends about 400"
)
_COUNT = lazy(rf"(?<![$€£\w.,]){qty_range('u')}\s+(?:[^\W\d_]+\s+){{0,2}}?(?P<noun>{_WORD})")
_BARE = lazy(rf"^[\s~]*{_ABOUT}{qty_range('r')}\s*(?:{_WORD}\s*){{0,3}}[.!]?\s*$")
_CUES: dict[str, Any] = {}
_STAFF = lazy(rf"{qty_range('x')}\s+(?:[^\W\d_]+\s+){{0,2}}?(?:{PEOPLE})\b")
_WEEKEND = lazy(
    rf"\s*(?:on\s+)?(?:{alternation(vocab().cue('weekdays'))})\s+and\s+{qty_range('w')}\s+(?:on|at)\s+weekends?\b"
)


def _more_like() -> Any:
    if "more_like" not in _CUES:
        _CUES["more_like"] = lazy(
            rf"(?<![\w-])(?:{alternation(vocab().cue('more_like'))})\s*~?\s*{qty_range('m')}(?!\s*(?:%|[$€£]|{_WORD}\s*{PERIOD}))"
        )
    return _CUES["more_like"]


_DAYS_A_WEEK = lazy(
    rf"(?<![\w.,])(?P<n>[1-7](?:[.,]5)?)\s*(?:{alternation(vocab().cue('day_words'))})\s*"
    r"(?:a\s+week|/wk|(?:out\s+of|of|sur|su|von|de|op|em|z)\s+(?:7|sept|sieben|siete|sette|zeven|sete))(?![\w])"
)
# A count named as what the rate is for each of: "for each of 40 categories", "each of our 25 associates".
_EACH_OF = lazy(rf"\beach\s+of\s+(?:our|the|these|those|my|its|their\s+)?\s*{qty_range('u')}\s+(?P<noun>{_WORD})")


def _cue(name: str) -> Any:
    if name not in _CUES:
        words = vocab().cue(name) + (vocab().cue("each_closing") if name == "each" else [])
        _CUES[name] = lazy(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])")
    return _CUES[name]


def readings(d: Draft) -> list[float]:
    """The requests a day the plain grammar gives, each once, in the order said."""
    text = d.canonical
    found: list[tuple[int, float]] = []
    for m in [*_RATE.finditer(text), *_FIRST.finditer(text)]:
        q = quantity(m, "r" if m["ran"] else "s")
        if q.negative or not q.value or not _one_clause(d, m.start(), m.end()):
            continue
        period = _period(m)
        daily = _daily(d, q.value, period) * (_days(d, m.start()) if period == "day" else 1.0)
        if period == "day" and (
            weekend := _WEEKEND.match(text, m.end())
        ):  # "500 a day on weekdays and 100 on weekends"
            daily = (q.value * 5 + quantity(weekend, "w").value * 2) / 7
        if (value := _tied(d, m.start(), m.end(), daily)) is not None:
            found.append((m.start(), value * _fan_out(d, m)))
    for m in _EVERY.finditer(text):
        minutes = float(m["n"] or (0.5 if m["half"] else 1)) * (60.0 if m["u"].startswith("h") else 1.0)
        daily = window_hours(d)[0] * 60 / minutes
        c0, _ = d.clause(m.start())
        subject = list(_COUNT.finditer(text, c0, m.start()))  # "31 agents wake every 5 minutes"
        if subject and re.fullmatch(r"\s*(?:[^\W\d_]+\s+){0,2}", text[subject[-1].end() : m.start()]):
            found.append((m.start(), daily * quantity(subject[-1], "u").value))
        elif (value := _tied(d, m.end(), m.end(), daily)) is not None:
            found.append((m.start(), value))
    if d.shifts:
        for m in _SHIFT.finditer(text):
            daily = quantity(m, "r" if m["ran"] else "s").value * d.shifts[0]
            if m["ran"] and _STAFF.match(text, m.start(), m.end()):
                continue  # "30 agents per shift": people on a shift, not requests
            if m["ran"] and (value := _tied(d, m.start(), m.end(), daily)) is not None:  # "every agent … 40 per shift"
                found.append((m.start(), value))
            elif not m["ran"]:  # "each shift sends about 400"
                found.append((m.start(), daily))
    for m in _more_like().finditer(text):  # "90k a month. wait no, … email alone is more like 60k"
        before = [r for r in _RATE.finditer(text, 0, m.start()) if m.start() - r.end() < 200]
        if before:
            found.append((m.start(), _daily(d, quantity(m, "m").value, _period(before[-1]))))
    prior = d.prior_bases.get(FIELD) or {}
    if not found and prior.get("period") == "day" and d.profile.requests_per_day and (m := _DAYS_A_WEEK.search(text)):
        found.append((m.start(), d.profile.requests_per_day * float(m["n"].replace(",", ".")) / 7))  # "5 days a week"
    if not found and d.asked == FIELD and (m := _BARE.match(text)):
        found.append((0, quantity(m, "r").value))
    out: list[float] = []
    for _, value in sorted(found, key=lambda f: f[0]):
        if not any(same_value(value, v) for v in out):
            out.append(value)
    return out


def _fan_out(d: Draft, m: Any) -> float:
    """The calls each counted thing makes, said with the rate's own noun in its sentence or the next:
    "1,000 tickets a day. Each ticket gets 3 drafts", "each prompt fans out into 10-15 model calls"."""
    noun = _NOUN.match(d.canonical, m.start())
    if noun is None:
        return 1.0
    stem = noun["noun"][:4]
    _, s1 = d.sentence_of(m.end())
    stop = d.sentence_of(min(len(d.canonical) - 1, s1 + 2))[1] if s1 < len(d.canonical) - 1 else s1
    for fan in _FAN.finditer(d.canonical, m.end(), stop):
        if _same_noun(fan["thing"], stem):
            return quantity(fan, "c").value
    return 1.0


_NOUN = lazy(rf"[^\d]*\d[\d,.]*(?:\s*[kmb]\b)?\s*(?:-\s*\d[\d,.]*\s*[kmb]?\s*)?(?P<noun>{_WORD})")
_FAN = lazy(
    rf"\beach\s+(?P<thing>[^\W\d_]{{3,}})\s+(?:[^\W\d_]+\s+){{0,4}}?{_ABOUT}{qty_range('c')}\s+"
    r"(?:[^\W\d_]+\s+)?(?:calls?|drafts?|requests?|prompts?|completions?|steps?|turns?|generations?|passes|rounds?)\b"
)


def _period(m: Any) -> str:
    """The period of a _RATE or _FIRST match (the period-first one's groups are named f…)."""
    if m.groupdict().get("funit") or m.groupdict().get("fadj"):
        groups = {k.replace("f", "p", 1): v for k, v in m.groupdict().items() if k.startswith("f")}
        name = period_name(groups.get("punit"), groups.get("padj"))
        return "business day" if name == "day" and groups.get("pbiz") else name
    return period_of(m)


def _one_clause(d: Draft, start: int, end: int) -> bool:
    return d.clause(start) == d.clause(max(start, end - 1))


def _daily(d: Draft, value: float, period: str) -> float:
    if days_in(period) >= 1:
        return value / days_in(period)
    return value / days_in(period) * window_hours(d)[0] / 24


def _days(d: Draft, pos: int) -> float:
    """Days in 7 a daily rate runs on, said in its clause: weekdays only, six days a week, else 7."""
    c0, c1 = d.clause(pos)
    if m := _DAYS_A_WEEK.search(d.canonical, c0, c1):
        return float(m["n"].replace(",", ".")) / 7
    if _cue("six_days").search(d.canonical, c0, c1):
        return 6 / 7
    return 5 / 7 if _cue("weekdays").search(d.canonical, c0, c1) else 1.0


def _tied(d: Draft, start: int, end: int, daily: float) -> float | None:
    """``daily``, or times the count the words tie it to; None when a tie has nothing to tie to. A tie
    is a word of ``cues.each`` inside the rate, right after it or right before its number ("60
    queries/day each", "jeder 5 Fragen am Tag", "each generates like 5-10 listings"), or "per"/"each"
    with the counted thing's own noun there or opening the clause ("70 notes a day per unit", "Cada
    oficina sube unas 30 …"); the count is the last one before it in the clause (for a noun, in the
    message)."""
    text = d.canonical
    c0, _ = d.clause(start)
    after = text[end : end + 24]
    after = (
        "" if re.match(r"\s*,?\s*[^\W\d_]+\s+~?\d", after) else after.lstrip(" ")
    )  # "…, each ~50 pages": each item's size
    each = _cue("each")
    tie = bool(
        each.search(text[start:end])
        or each.match(after)
        or re.search(rf"(?:{each.pattern})\s+(?:[^\W\d_]+\s+){{0,4}}~?\s*$", text[c0:start])
    )
    after = re.sub(r"^(?:and|et|y|e|und|en)\s+", "", after)  # "2 questions par jour et par client"
    ties = [*_PER_NOUN.finditer(text[start:end]), *([m] if (m := _PER_NOUN.match(after)) else [])]
    nouns = {m.group(1)[:4] for m in ties if not _PERIOD_WORD.match(m.group(1))}
    opening = _PER_NOUN.match(text[c0:start].lstrip())
    nouns |= {m.group(1)[:4] for m in _EACH_NOUN.finditer(text, c0, start)} | (
        {opening.group(1)[:4]} if opening else set()
    )
    own = _NOUN.match(text, start)  # "every review: ~30k reviews a month": the rate's own thing, not a count's
    nouns = {n for n in nouns if not _PERIOD_WORD.match(n) and not (own and _same_noun(own["noun"], n))}
    c1 = d.clause(start)[1]
    if of := [
        m for m in _EACH_OF.finditer(text, c0, c1) if not start <= m.start() < end
    ]:  # "for each of 40 categories"
        return daily * quantity(of[0], "u").value
    counts = list(_COUNT.finditer(text, c0, start))
    if counts and re.fullmatch(r"\s*(?:x|×|\*)\s*", text[counts[-1].end() : start]):  # "10 engineers × 50 prompts"
        return daily * quantity(counts[-1], "u").value
    if not tie and not nouns:
        return daily
    for noun in nouns:  # the count of that very thing, said anywhere before
        same = [m for m in _COUNT.finditer(text, 0, start) if _counts(text, m, noun)]
        if same:
            return daily * quantity(same[-1], "u").value
    if tie and not counts and c0 > 1 and each.match(text, c0 + len(text[c0:start]) - len(text[c0:start].lstrip())):
        counts = list(_COUNT.finditer(text, d.clause(c0 - 2)[0], c0))  # "Our 120 engineers use it. Each makes …"
    if tie and not counts and len(before := list(_COUNT.finditer(text, 0, c0))) == 1:
        counts = before  # the one count the message holds before it: "(environ 120 personnes) … 20 par personne"
    if tie and counts:
        return daily * quantity(counts[-1], "u").value
    return None


def _counts(text: str, m: Any, noun: str) -> bool:
    """Whether the count ``m`` counts ``noun``: its noun, or a word of the few after it in its clause
    ("25 med/surg and step-down units")."""
    words = re.findall(r"[^\W\d_]+", text[m.start("noun") : m.start("noun") + 40].split(";")[0].split(".")[0])
    return any(_same_noun(w, noun) for w in [m["noun"], *words[:7]])


def _same_noun(a: str, b: str) -> bool:
    a, b = a[:4], b[:4]
    return len(a) >= 3 and len(b) >= 3 and (a.startswith(b) or b.startswith(a))


_EACH_NOUN = lazy(r"\b(?:each|every|cada|chaque|jede[rsn]?|ogni|elke)\s+([^\W\d_]{3,})")
_PER_NOUN = lazy(r"\b(?:per|par|por|pro|each|every|cada|chaque|jede[rsn]?|ogni|elke)\s+([^\W\d_]{3,})")
_PERIOD_WORD = lazy(
    r"(?:day|week|month|quarter|year|half|hour|minute|second|night|weekday|workday|shift|business|working)"
)


def check(d: Draft) -> None:
    """Every volume read in passing that the plain reading does not also give is weak; the plain
    reading is offered beside it (once) when it gives one figure."""
    claims = [c for c in d.claims if c.field == FIELD and c.kind == "read"]
    if not claims:
        return
    plain = readings(d)
    offered = False
    for claim in claims:
        if claim.strength == "weak" or any(same_value(claim.value, v) for v in plain):
            continue
        claim.weaken("")
        claim.basis["plain"] = plain
        if len(plain) == 1 and not offered and not any(same_value(c.value, plain[0]) for c in claims):
            offered = True
            d.set(FIELD, plain[0], spans=list(claim.spans), label=f"{count(plain[0])} requests a day", strength="weak")
