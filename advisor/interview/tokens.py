"""Token counts in free text: per request ("2k tokens in and 300 out", "prompts of 1,500 tokens with
200-token answers") or per period ("300M tokens a month", "1.2 million tokens per day")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.interview.draft import MONTHLY_FIELDS, TOKEN_FIELDS, Draft, per_month, window_hours
from advisor.interview.numbers import PERIOD, human, period_name, qty_range, quantity

_Q = qty_range("q")
_R = qty_range("r")
_IN_WORDS = r"input|in|prompt|prompts|context|inbound"
_OUT_WORDS = r"output|out|completion|completions|response|responses|reply|replies|answer|answers|generated"
NOUN_IN = r"prompts?|inputs?|requests?|queries|query|questions?|contexts?|documents?|docs?|tickets?|messages?|emails?"
NOUN_OUT = r"answers?|responses?|replies|reply|outputs?|completions?|summaries|summary|generations?"
REQ_UNITS = (
    r"request|req|call|api\s+call|query|ticket|message|session|turn|prompt|job|run|conversation|document|doc"
    r"|email|task|chat|question|item|record|file|page|article|interaction|invocation|loop|iteration|wake-?up|step"
)
OUT_UNITS = r"response|answer|reply|output|completion|generation"
_TOKEN_WORD = r"(?:tokens?|toks?|tkns?)"

PAIR_AFTER = re.compile(
    rf"(?:input|prompt|in)\s*/\s*(?:output|completion|out)(?:\s+{_TOKEN_WORD})?\s*(?:[:=]|of|is|are|at|around|about|~|\s)*"
    rf"{_Q}\s*/\s*{_R}"
)
PAIR_BEFORE = re.compile(
    rf"{_Q}\s*/\s*{_R}\s*(?:{_TOKEN_WORD}\s*)?\(?\s*(?:input|in|prompt)\s*/\s*(?:output|out|completion)\s*\)?"
)
NOUN_OF = re.compile(
    rf"(?:(?P<nin>{NOUN_IN})|(?P<nout>{NOUN_OUT}))\s+(?:of|with|averaging|around|about|at|that\s+are|are|is|~|roughly"
    rf"|typically|usually|up\s+to|\s)*\s*{_Q}\s*-?\s*{_TOKEN_WORD}(?!\s+(?:{_IN_WORDS}|{_OUT_WORDS})\b)"
)
TOKENS = re.compile(
    rf"{_Q}\s*-?\s*(?:(?P<d1>{_IN_WORDS}|{_OUT_WORDS})\s*-?\s*)?{_TOKEN_WORD}\b"
    rf"(?:\s+(?:of\s+)?(?P<d2>input|output|prompt|completion|context|in(?!\s+(?:the|a|an|each|every|total)\b|\s+\d)"
    rf"|out(?!\s+of\b)))?(?:\s+(?P<nin>{NOUN_IN})\b|\s+(?P<nout>{NOUN_OUT})\b)?"
)
DIRECTED = re.compile(
    rf"{_Q}\s*(?P<d>input|output|prompt|completion|in|out)\b(?!\s+(?:the|a|an|of|total|my|our|this|that)\b|\s+\d)"
)
LABEL_FIRST = re.compile(
    rf"\b(?P<d>input|output|prompt|completion)s?(?:\s+{_TOKEN_WORD})?(?:\s+(?:size|length))?"
    rf"\s*(?:[:=]|is|are|of|at|around|about|~|roughly|averag\w*|typically|usually|\s)+{_Q}"
    rf"(?!\s*(?:{_TOKEN_WORD}\s+)?(?:in|out|input|output)\b)"
)
EACH = re.compile(rf"{_Q}\s*(?=(?:each|apiece|per\s+(?:request|call|query|prompt|message))\b)")

REQ_QUAL = re.compile(
    rf"^[\s,]*(?:{_TOKEN_WORD}\s+)?(?:(?:on\s+average|on\s+avg|average|typically)\s+)?"
    rf"(?:(?P<each>each|apiece|on\s+average)|(?:per|a|an|/|every|for\s+each|for\s+every|in\s+each|in\s+every|in\s+the"
    rf"|in\s+a)\s*(?:single\s+|typical\s+|average\s+)?(?:(?P<out>{OUT_UNITS})|(?P<unit>{REQ_UNITS})))"
)
PERIOD_QUAL = re.compile(rf"^[\s,]*(?:{_TOKEN_WORD}\s+)?(?:(?:in\s+)?total\s+|combined\s+|overall\s+)?{PERIOD}")

LOOKS_LIKE_TOKENS = re.compile(r"\btok(?:en)?s?\b|\b(?:input|output|prompt|completion)s?\b")
_NOT_A_COUNT = re.compile(r"(?:\bper|[$€£][\d.,]+\s*/|\bevery|\d\s*:)\s*$")  # "$3 per 1M", "$7/1M", "2:1"


@dataclass
class _Mention:
    value: float
    start: int
    end: int
    direction: str | None  # "in", "out" or None
    scope: str | None = None  # "request", a period ("day", "month", …), or None
    negative: bool = False
    is_range: bool = False


def _direction(word: str | None) -> str | None:
    if not word:
        return None
    if re.fullmatch(_IN_WORDS, word):
        return "in"
    if re.fullmatch(_OUT_WORDS, word):
        return "out"
    return None


def _mentions(d: Draft) -> list[_Mention]:
    found: list[_Mention] = []
    token_context = bool(LOOKS_LIKE_TOKENS.search(d.text)) or d.asked in TOKEN_FIELDS + MONTHLY_FIELDS

    def add(m: re.Match[str], tag: str, direction: str | None, start: int | None = None, end: int | None = None):
        if _NOT_A_COUNT.search(d.text[max(0, m.start() - 12) : m.start()]):
            return  # "$3 per 1M tokens", "a 2:1 ratio": a price or a ratio, not a volume
        q = quantity(m, tag)
        found.append(
            _Mention(
                q.value,
                m.start() if start is None else start,
                m.end() if end is None else end,
                direction,
                negative=q.negative,
                is_range=q.is_range,
            )
        )

    for rx in (PAIR_AFTER, PAIR_BEFORE):
        for m in rx.finditer(d.text):
            add(m, "q", "in", m.start(), m.end())
            add(m, "r", "out", m.start(), m.end())
            d.consume(m.start(), m.end())
    for m in NOUN_OF.finditer(d.text):
        add(m, "q", "in" if m["nin"] else "out")
        d.consume(m.start(), m.end())
    for m in TOKENS.finditer(d.text):
        direction = _direction(m["d1"]) or _direction(m["d2"])
        if direction is None and (m["nin"] or m["nout"]):
            direction = "in" if m["nin"] else "out"
        add(m, "q", direction)
        d.consume(m.start(), m.end())
    directed = list(DIRECTED.finditer(d.text))
    strong = any(x["d"] not in ("in", "out") for x in directed)
    paired = {x["d"] for x in directed} >= {"in", "out"}
    if token_context or strong or paired:
        for m in directed:
            add(m, "q", _direction(m["d"]))
            d.consume(m.start(), m.end())
    for m in LABEL_FIRST.finditer(d.text):
        add(m, "q", _direction(m["d"]))
        d.consume(m.start(), m.end())
    if token_context:
        for m in EACH.finditer(d.text):
            add(m, "q", None)
            d.consume(m.start(), m.end())
    return sorted(found, key=lambda x: x.start)


def _qualify(d: Draft, mentions: list[_Mention]) -> None:
    """Each mention's scope (per request or per period), from the words after it, else from its
    neighbours in the same sentence, else from what was asked, else from its size."""
    for x in mentions:
        after = d.text[x.end : x.end + 48]
        if m := REQ_QUAL.match(after):
            x.scope = "request"
            if m["out"] and x.direction is None:
                x.direction = "out"
            x.end += m.end()
        elif m := PERIOD_QUAL.match(after):
            x.scope = period_name(m["punit"], m["padj"])
            x.end += m.end()
            if x.scope == "second":  # "80 tokens/sec" is a speed, not a volume
                x.scope = "speed"
        d.consume(x.start, x.end)
    for x in mentions:
        if x.scope is None:
            s0, s1 = d.sentence_of(x.start)
            near = [y for y in mentions if y.scope and s0 <= y.start <= s1]
            if near:
                x.scope = min(near, key=lambda y: abs(y.start - x.start)).scope
    for x in mentions:
        if x.scope is None:
            if d.asked in MONTHLY_FIELDS:
                x.scope = "month"
            elif d.asked in TOKEN_FIELDS:
                x.scope = "request"
            else:
                x.scope = "month" if x.value >= 1e6 else "request"


def read_tokens(d: Draft) -> None:
    mentions = _mentions(d)
    if not mentions:
        return
    _qualify(d, mentions)
    groups: dict[str, list[_Mention]] = {}
    for x in mentions:
        if x.scope == "speed":
            continue
        key = "request" if x.scope == "request" else "period"
        groups.setdefault(key, []).append(x)
    for key, group in groups.items():
        kept = []
        for x in group:
            if x.negative:
                d.reject(f"ignored '{d.quote(x.start, x.end)}': a token count cannot be negative")
            else:
                kept.append(x)
        if not kept:
            continue
        values: dict[str, float] = {}
        for x in kept:
            direction = x.direction or "in"
            if key == "request":
                values[direction] = x.value
            else:
                values[direction] = per_month(x.value, x.scope or "month", d)
        quote = d.quote(kept[0].start, max(x.end for x in kept))
        undirected = all(x.direction is None for x in kept) and "out" not in values
        if key == "request":
            names = {"in": "input_tokens_per_request", "out": "output_tokens_per_request"}
            tail = "tokens per request"
        else:
            names = {"in": "monthly_input_tokens", "out": "monthly_output_tokens"}
            tail = "tokens a month" + _how(kept, d)
        parts = []
        for direction in ("in", "out"):
            if direction in values:
                d.changes[names[direction]] = values[direction]
                parts.append(f"{human(values[direction])} {'input' if direction == 'in' else 'output'}")
        note = f"read '{quote}' as {' and '.join(parts)} {tail}"
        if undirected:
            note += " (counted as input; say how many are output if any)"
        d.notes.append(note)


def _how(kept: list[_Mention], d: Draft) -> str:
    scopes = {x.scope for x in kept}
    if scopes & {"hour", "minute", "second"}:
        return window_hours(d)[1]
    return ""
