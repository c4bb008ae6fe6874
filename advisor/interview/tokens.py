"""Token counts in free text: per request ("2k tokens in and 300 out", "prompts of 1,500 tokens with
200-token answers") or per period ("300M tokens a month", "1.2 million tokens per day")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from advisor.interview.draft import MONTHLY_FIELDS, TOKEN_FIELDS, Draft, per_month, window_hours
from advisor.interview.lazy import lazy
from advisor.interview.numbers import PERIOD, human, period_name, qty_range, quantity, to_float
from advisor.interview.vocab import TokenUnit, alternation, vocab

_Q = qty_range("q")
_R = qty_range("r")
_SIDES = vocab().directions
_IN_WORDS = alternation(_SIDES["in_words"]["en"])
_OUT_WORDS = alternation(_SIDES["out_words"]["en"])
NOUN_IN = alternation(_SIDES["in_nouns"]["en"])
NOUN_OUT = alternation(_SIDES["out_nouns"]["en"])
REQ_UNITS = (
    r"request|req|call|api\s+call|query|ticket|message|session|turn|prompt|job|run|conversation|document|doc"
    r"|email|task|chat|question|item|record|file|page|article|interaction|invocation|loop|iteration|wake-?up|step"
)
OUT_UNITS = r"response|answer|reply|output|completion|generation"
# Tokens, or the units people give sizes in (words, pages, characters in every language the reader
# knows: catalog/reading.toml), each converted at its stated factor.
_UNIT_WORDS = alternation(vocab().unit_words())
_TOKEN_WORD = rf"(?:tokens?|toks?|tkns?|(?:{_UNIT_WORDS})(?![\w']))"
_UNIT_AFTER = lazy(rf"^\s*-?\s*(?:[a-z]+\s+){{0,1}}?(?P<u>{_UNIT_WORDS})(?![\w'])")

PAIR_AFTER = lazy(
    rf"(?:input|prompt|in)\s*/\s*(?:output|completion|out)(?:\s+{_TOKEN_WORD})?\s*(?:[:=]|of|is|are|at|around|about|~|\s)*"
    rf"{_Q}\s*/\s*{_R}"
)
PAIR_BEFORE = lazy(
    rf"{_Q}\s*/\s*{_R}\s*(?:{_TOKEN_WORD}\s*)?\(?\s*(?:input|in|prompt)\s*/\s*(?:output|out|completion)\s*\)?"
)
# "2k in 300 out" with no comma between: the pair read as one.
PAIR_IN_OUT = lazy(
    rf"{_Q}\s*(?:{_TOKEN_WORD}\s+)?(?:in|input)\s+(?:and\s+|&\s+)?{_R}\s*(?:{_TOKEN_WORD}\s+)?(?:out|output)\b"
)
NOUN_OF = lazy(
    rf"(?:(?P<nin>{NOUN_IN})|(?P<nout>{NOUN_OUT}))\s+(?:of|with|averaging|around|about|at|that\s+are|are|is|~|roughly"
    rf"|typically|usually|up\s+to|\s)*\s*{_Q}\s*-?\s*{_TOKEN_WORD}(?!\s+(?:{_IN_WORDS}|{_OUT_WORDS})\b)"
)
TOKENS = lazy(
    rf"{_Q}\s*-?\s*(?:(?P<d1>{_IN_WORDS}|{_OUT_WORDS})\s*-?\s*)?{_TOKEN_WORD}\b"
    rf"(?:\s+(?:of\s+)?(?P<d2>input|output|prompt|completion|context|in(?!\s+(?:the|a|an|each|every|total)\b|\s+\d)"
    rf"|out(?!\s+of\b)))?(?:\s+(?P<nin>{NOUN_IN})\b|\s+(?P<nout>{NOUN_OUT})\b)?"
)
DIRECTED = lazy(
    rf"{_Q}\s*(?:tokens?\s+(?:of\s+)?)?(?P<d>input|output|prompt|completion|context|summary|in|out)\b"
    rf"(?!\s+(?:the|a|an|of|total|my|our|this|that)\b|\s+\d|\s+(?:a|an|per|each|every)\s+(?:day|week|month|year)\b)"
)
LABEL_FIRST = lazy(
    rf"\b(?P<d>input|output|prompt|completion|context|answer|response|summary|summarie|feedback|draft|reply"
    rf"|impression|description)s?(?:\s+{_TOKEN_WORD})?"
    rf"(?:\s+(?:size|length|window))?"
    rf"\s*(?:[:=]|is|are|of|at|around|about|~|roughly|averag\w*|typically|usually|maybe|probably|like|just|only"
    rf"|approximately|approx\.?|would\s+be|will\s+be|under|an?|\s)+{_Q}"
    rf"(?!\s*(?:{_TOKEN_WORD}\s+)?(?:in|out|input|output)\b)"
    rf"(?=\s*(?:{_TOKEN_WORD})?\s*(?:[,.;)!?]|$|and\b|per\b|each\b|a\b|an\b|on\b|in\s+total|with\b))"
)
EACH = lazy(rf"{_Q}\s*(?=(?:each|apiece|per\s+(?:request|call|query|prompt|message))\b)")

REQ_QUAL = lazy(
    rf"^[\s,]*(?:{_TOKEN_WORD}\s+)?(?:(?:on\s+average|on\s+avg|average|typically)\s+)?"
    rf"(?:(?P<each>each|apiece|on\s+average)|(?:per|a|an|/|every|for\s+each|for\s+every|in\s+each|in\s+every|in\s+the"
    rf"|in\s+a)\s*(?:single\s+|typical\s+|average\s+)?(?:(?P<out>{OUT_UNITS})|(?P<unit>{REQ_UNITS})))"
)
PERIOD_QUAL = lazy(rf"^[\s,]*(?:{_TOKEN_WORD}\s+)?(?:(?:in\s+)?total\s+|combined\s+|overall\s+)?{PERIOD}")

LOOKS_LIKE_TOKENS = lazy(r"\btok(?:en)?s?\b|\b(?:input|output|prompt|completion)s?\b")
_NOT_A_COUNT = lazy(r"(?:\bper|[$€£][\d.,]+\s*/|\bevery|\d\s*:)\s*$")  # "$3 per 1M", "$7/1M", "2:1"


@dataclass
class _Mention:
    value: float
    start: int
    end: int
    direction: str | None  # "in", "out" or None
    scope: str | None = None  # "request", a period ("day", "month", …), or None
    negative: bool = False
    is_range: bool = False
    unit: TokenUnit | None = None  # given in words, pages or characters: the value is in tokens already
    guessed: bool = False  # per request or per period told by its size alone
    side_guessed: bool = False  # input or output told by its place alone


def _unit_after(d: Draft, pos: int) -> TokenUnit | None:
    """The unit word right after a number ("900 words", "20 Seiten", "4.500 battute"), if any."""
    m = _UNIT_AFTER.match(d.canonical[pos : pos + 40])
    return vocab().unit_of(m["u"]) if m else None


def _number_end(m: re.Match[str], tag: str) -> int:
    ends = [m.end(g) for g in (f"{tag}an", f"{tag}as", f"{tag}bn", f"{tag}bs") if m.group(g) is not None]
    return max(ends) if ends else m.end()


def _direction(word: str | None) -> str | None:
    if not word:
        return None
    if re.fullmatch(_IN_WORDS, word):
        return "in"
    if re.fullmatch(_OUT_WORDS, word):
        return "out"
    return None


_DEFINITION = lazy(
    rf"(?<![\w-])(?:a|one|each|every|1|eine|une|una|een|uma|um)\s+(?P<u1>{alternation(vocab().unit_words())})\s+"
    rf"(?:is|has|hat|ist|fait|tiene|es|ha|è|heeft|is|tem|é|=|contains|holds)\s+(?:[\w~]+\s+){{0,3}}?"
    rf"{qty_range('x')}\s*(?P<u2>{_UNIT_WORDS})"
)
# A unit as the subject of its sentence ("a page is full text", "eine Seite hat …"): not one page.
_UNIT_SUBJECT = lazy(
    rf"(?:^|(?<=[.;:!?]\s)|(?<=\n))\s*(?:a|one|1|eine|une|una|een|uma|um)\s+(?P<unit>{_UNIT_WORDS})\s+"
    r"(?:is|has|hat|ist|est|fait|tiene|es|ha|è|heeft|tem|é|contains|holds)\b"
)
_EXCEPTION: list[Any] = []


def _exception_before(d: Draft, start: int) -> bool:
    """Whether the words just before a size say it is the exception ("sometimes 30 pages", "some are
    40k+", "bis zu 20 Seiten"): the usual size is read, not this one."""
    if not _EXCEPTION:
        _EXCEPTION.append(lazy(rf"(?<![\w-])(?:{alternation(vocab().cue('exception'))})(?![\w-])"))
    low = d.original.lower()
    window = low[max(0, start - 40) : start]
    window = re.split(r"[.;,(]|\s-\s", window)[-1]
    return bool(_EXCEPTION[0].search(window))


def _mentions(d: Draft, ratio: bool = False) -> list[_Mention]:
    found: list[_Mention] = []
    token_context = bool(LOOKS_LIKE_TOKENS.search(d.text)) or d.asked in TOKEN_FIELDS + MONTHLY_FIELDS
    stated: dict[str, TokenUnit] = {}  # "a page is roughly 400 words": how this message counts a page
    for m in _DEFINITION.finditer(d.text):  # how a unit is counted, not a size
        of, by, q = vocab().unit_of(m["u1"]), vocab().unit_of(m["u2"]), quantity(m, "x")
        if of is not None and by is not None and of is not by and q.value > 0 and not q.negative:
            said = d.quote(m.start(), m.end())
            stated[of.basis] = of.model_copy(update={"factor": q.value * by.factor, "basis": f"'{said}'; {by.basis}"})
        d.consume(m.start(), m.end())
    for m in _UNIT_SUBJECT.finditer(d.text):  # "een pagina is vol tekst": what a page is like, not a size
        d.consume(m.start(), m.end("unit"))

    def add(m: re.Match[str], tag: str, direction: str | None, start: int | None = None, end: int | None = None):
        if _NOT_A_COUNT.search(d.text[max(0, m.start() - 12) : m.start()]):
            return  # "$3 per 1M tokens", "a 2:1 ratio": a price or a ratio, not a volume
        if _exception_before(d, m.start() if start is None else start) and start is None:
            d.notes.append(f"'{d.quote(m.start(), m.end())}' is the exception, not the usual size: not used")
            return
        q = quantity(m, tag)
        unit = _unit_after(d, _number_end(m, tag))
        unit = stated.get(unit.basis, unit) if unit is not None else None
        found.append(
            _Mention(
                q.value * (unit.factor if unit else 1.0),
                m.start() if start is None else start,
                m.end() if end is None else end,
                direction,
                negative=q.negative,
                is_range=q.is_range,
                unit=unit,
            )
        )

    for rx in (PAIR_AFTER, PAIR_BEFORE, PAIR_IN_OUT):
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
            counted = m["d"] not in ("in", "out", "input", "output") and not re.search(r"tok", m.group(0))
            if counted and quantity(m, "q").value < 10:  # "one summary per desk", "2 prompts": a count, not tokens
                continue
            add(m, "q", _direction(m["d"]))
            d.consume(m.start(), m.end())
    for m in LABEL_FIRST.finditer(d.text):
        add(m, "q", _direction(m["d"]))
        d.consume(m.start(), m.end())
    if ratio:  # "3:1 in to out, about 4k total": the total the ratio splits
        for m in TOTAL_COUNT.finditer(d.text):
            add(m, "q", None)
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
        elif m := _LAST_PERIOD.match(after):  # "4.1B input tokens last month": that month's total
            x.scope = period_name(m["unit"])
            x.end += m.end()
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
                x.guessed = x.value >= 1e6  # a total by its size alone: asked, not written


_LAST_PERIOD = lazy(
    rf"^[\s,]*(?:{_TOKEN_WORD}\s+)?(?:(?:of\s+)?(?:input|output|in|out)\s+)?(?:in\s+|over\s+|during\s+)?(?:the\s+)?"
    r"(?:last|this|past|previous)\s+(?P<unit>month|week|day|year)\b"
)
BOTH_WAYS = lazy(
    r"^[\s,]*(?:tokens?\s+)?(?:each\s+)?(?:(?:both\s+)?in\s*(?:and|&|/)\s*out|input\s+and\s+output|both\s+ways"
    r"|each\s+way|in\s+and\s+out\s+each)\b"
)
SAME_SIZE = lazy(
    r"(?:output|answers?|responses?|replies|translations?)\s+(?:is\s+|are\s+)?(?:about\s+|roughly\s+)?(?:the\s+)?"
    r"same\s+(?:length|size)|(?:with\s+)?(?:output|answers?)\s+(?:of\s+)?(?:the\s+)?same\s+(?:length|size)"
    r"|same\s+(?:length|size)\s+(?:out|output|back)"
)
_IN_TO_OUT = r"(?:in(?:put)?\s*(?:\s(?:to|vs\.?|versus)\s|[:/])\s*out(?:put)?|prompt\s+to\s+completion)"
RATIO = lazy(
    r"(?<![\d.])(?P<a>\d+(?:\.\d+)?)\s*(?::|\s(?:to)\s)\s*(?P<b>\d+(?:\.\d+)?)(?![\d:])"
    rf"(?=\s*(?:(?:ratio\b|{_IN_TO_OUT})))"
    rf"|(?:ratio|{_IN_TO_OUT})\s+(?:ratio\s+)?(?:is\s+|of\s+)?(?:about\s+|roughly\s+|around\s+|~)?"
    r"(?P<c>\d+(?:\.\d+)?)\s*:\s*(?P<e>\d+(?:\.\d+)?)(?![\d:])"
    r"(?P<flip>\s+out(?:put)?\s+to\s+in(?:put)?)?"
)
# A lone "3:1" answering the token question ("4k total, mostly input — 3:1"): input to output. One
# figure after the colon, so a time ("at 10:30") is not one.
BARE_RATIO = lazy(r"(?<![\d.:])(?P<a>\d{1,2}(?:\.\d+)?)\s*:\s*(?P<b>\d(?:\.\d+)?)(?![\d:]|\s*(?:am|pm|h)\b)")
# A count stated as the total of both sides ("about 4k total", "6,000 tokens altogether").
TOTAL_COUNT = lazy(rf"{_Q}\s*(?:{_TOKEN_WORD}\s+)?(?:(?:in\s+)?total|altogether|combined|overall|all\s+told)\b")
SHARE = lazy(r"(?<![\d.])(?P<p>\d+(?:\.\d+)?)\s*(?:%|percent)\s+(?:of\s+it\s+)?(?:is\s+)?(?P<d>input|output|in|out)\b")
TOTAL_WORD = lazy(r"\b(?:in\s+)?total|combined|overall|altogether\b")


def _ratio(d: Draft) -> tuple[float, str] | None:
    """The output share stated as a ratio ("3:1 in to out") or a percentage ("85% input")."""
    m = RATIO.search(d.text)
    if m is None and d.asked in TOKEN_FIELDS + MONTHLY_FIELDS:
        m = BARE_RATIO.search(d.text)
    if m is not None:
        a, b = (to_float(m["a"]), to_float(m["b"])) if m["a"] else (to_float(m["c"]), to_float(m["e"]))
        if m.groupdict().get("flip"):
            a, b = b, a
        if a + b > 0:
            d.consume(m.start(), m.end())
            return b / (a + b), d.quote(m.start(), m.end())
    if m := SHARE.search(d.text):
        share = to_float(m["p"]) / 100
        if 0 <= share <= 1:
            d.consume(m.start(), m.end())
            return (share if m["d"].startswith("o") else 1 - share), d.quote(m.start(), m.end())
    return None


def _directions(d: Draft, kept: list[_Mention], key: str) -> None:
    """Settle undirected counts: "in and out" applies to both; a lone undirected beside a directed one
    takes the other side; two undirected ones are input then output; an answer to the output
    question is output."""
    for x in list(kept):
        after = d.original.lower()[x.end : x.end + 40]
        if BOTH_WAYS.match(after) or (
            x.direction == "in" and re.match(r"\s*(?:and|&|/)\s*out\b(?![\s\d.,k]*\d)", after)
        ):
            x.direction = "in"
            kept.append(_Mention(x.value, x.start, x.end, "out", x.scope))
    named = [x for x in kept if x.direction is None and x.unit is not None]
    for x in named:  # "the report comes out at 2 pages, the input is a table, maybe 3 pages"
        x.direction = _side_named_just_after(d, x) or _side_named_before(d, x) or _other_side_named_after(d, x)
    sides = [x.direction for x in named if x.direction]
    if len(sides) != len(set(sides)):  # "each summary reads 15-25 pages and writes 1.5": one side twice
        for x in named:
            x.direction = None
    undirected = [x for x in kept if x.direction is None]
    directed = {x.direction for x in kept if x.direction}
    if not undirected:
        return
    asked_out = d.asked in ("output_tokens_per_request", "monthly_output_tokens")
    if asked_out and len(undirected) == 1 and not directed:
        undirected[0].direction = "out"
    elif len(undirected) == 1 and not directed and (side := _side_named_before(d, undirected[0])):
        undirected[0].direction = side  # "replies are short, like 150 tokens": the replies are output
    elif len(undirected) == 1 and len(directed) == 1:
        undirected[0].direction = "out" if directed == {"in"} else "in"
    elif len(undirected) == 2 and not directed and key == "request":
        undirected[0].direction, undirected[1].direction = "in", "out"
        d.notes.append("took the first token count as input and the second as output")
        for x in undirected:  # two sizes of a document, 25 pages and 200 pages: which is which is a guess
            x.side_guessed = x.unit is not None


_SIDE_NOUNS: dict[str, Any] = {}


def _side_nouns() -> None:
    if not _SIDE_NOUNS:
        v = vocab()
        for side, tables in (
            ("in", ("in", "in_words", "in_nouns")),
            ("out", ("out", "out_words", "out_nouns", "answer_nouns")),
        ):
            words = [w for t in tables for w in v.words(v.directions[t])]
            _SIDE_NOUNS[side] = lazy(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])")


_SIDE_WORD_ENDS = lazy(r"\s*(?:[,.;:/)]|$|(?:and|und|et|y|e|en|i|or|oder|ou|o|of|lub)(?![\w-]))")


def _side_named_just_after(d: Draft, x: _Mention) -> str | None:
    """'in' or 'out' when the word right after a size names its side and ends its phrase ("je 10
    Seiten rein und 300 Wörter raus", "12 pages in, 1 page out"): that word is the size's own, and
    it outweighs a side named before, which belongs to the size before ("rein" is not the words')."""
    _side_nouns()
    low = d.original.lower()
    at = x.end + len(low[x.end :]) - len(low[x.end :].lstrip())
    for side, rx in _SIDE_NOUNS.items():
        if (word := rx.match(low, at)) and _SIDE_WORD_ENDS.match(low, word.end()):
            return side
    return None


def _side_named_before(d: Draft, x: _Mention) -> str | None:
    """'in' or 'out' when the clause before an undirected count names one side only ("replies are
    short, like 150 tokens"; "the prompt is about 2,000 tokens")."""
    _side_nouns()
    c0, _ = d.clause(x.start)
    if x.unit is not None:  # "die Zusammenfassung soll max. eine halbe Seite": "max." ends no sentence
        c0 = max((m.end() for m in _SENTENCE_END.finditer(d.original, 0, x.start)), default=0)
    low = d.original.lower()
    said = {side for side, rx in _SIDE_NOUNS.items() if rx.search(low, max(c0, x.start - 50), x.start)}
    return next(iter(said)) if len(said) == 1 else None


_SENTENCE_END = lazy(r"[.;!?…]\s+(?=[A-ZÀ-ÖØ-Þ])|\n")


def _other_side_named_after(d: Draft, x: _Mention) -> str | None:
    """'in' when only the output is named after a size in words or pages, in its sentence ("Un CR
    fait 2 pages, la synthèse une dizaine de lignes"): the size is the input's."""
    _side_nouns()
    low = d.original.lower()
    end = _SENTENCE_END.search(d.original, x.end)
    stop = min(end.start() if end else len(low), x.end + 80)
    said = {side for side, rx in _SIDE_NOUNS.items() if rx.search(low, x.end, stop)}
    return "in" if said == {"out"} else None


def read_tokens(d: Draft) -> None:
    ratio = _ratio(d)
    mentions = _mentions(d, ratio is not None)
    same_size = bool(SAME_SIZE.search(d.text))
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
        _directions(d, kept, key)
        values: dict[str, float] = {}
        for x in kept:
            direction = x.direction or "in"
            if key == "request":
                values[direction] = x.value
            else:
                values[direction] = per_month(x.value, x.scope or "month", d)
        quote = d.quote(min(x.start for x in kept), max(x.end for x in kept))
        undirected = all(x.direction is None for x in kept) and "out" not in values
        extra = ""
        if "out" not in values and ratio is not None:
            share, said = ratio
            total = any(TOTAL_WORD.search(d.original.lower(), x.start, x.end + 30) for x in kept) or (
                undirected and key == "period"
            )
            if total:
                values["out"] = values["in"] * share
                values["in"] -= values["out"]  # 6,000 at 2:1 is 4,000 and 2,000, not 4,000.0000000000005
                extra = f", split by '{said}'"
            elif share < 1:
                values["out"] = values["in"] * share / (1 - share)
                extra = f", output from '{said}'"
            undirected = False
        elif "out" not in values and same_size and key == "request":
            values["out"] = values["in"]
            extra, undirected = ", output the same size", False
        if key == "request":
            names = {"in": "input_tokens_per_request", "out": "output_tokens_per_request"}
            tail = "tokens per request"
        else:
            names = {"in": "monthly_input_tokens", "out": "monthly_output_tokens"}
            tail = "tokens a month" + _how(kept, d)
        parts = [f"{human(values[x])} {'input' if x == 'in' else 'output'}" for x in ("in", "out") if x in values]
        units = "; ".join(dict.fromkeys(x.unit.basis for x in kept if x.unit is not None))
        extra += f" ({units})" if units else ""
        note = f"read '{quote}' as {' and '.join(parts)} {tail}{extra}"
        if undirected:
            note += " (counted as input; say how many are output if any)"
        for direction in ("in", "out"):
            if direction in values:
                spans = [(x.start, x.end) for x in kept if (x.direction or "in") == direction] or [
                    (x.start, x.end) for x in kept
                ]
                claim = d.set(
                    names[direction],
                    values[direction],
                    note,
                    spans=spans,
                    together=f"tokens per {key}",
                    label=f"{human(values[direction])} {'input' if direction == 'in' else 'output'} {tail}",
                    basis={"words": units} if units else None,
                )
                note = None
                if any(x.guessed for x in kept):
                    claim.weaken("per request or in total?")
                if direction == "in" and key == "request" and (more := _more_input(d, kept)):
                    claim.weaken(f"with '{more}' going in too — how much in all?")
                sized = any(x.unit is not None for x in kept)  # words or pages: the text's size, either side
                if undirected and key == "request" and (d.asked not in TOKEN_FIELDS or sized):
                    claim.weaken("what goes in, or what comes out?")  # "a description of about 150 words"
                elif any(x.side_guessed for x in kept):
                    claim.weaken("which is what goes in, and which what comes out?")


_MORE_INPUT: list[Any] = []


def _more_input(d: Draft, kept: list[_Mention]) -> str:
    """The words saying more goes in beside the last input size, after it in its sentence or opening
    the next ("under 150 words, but we'd pass in the problem list"; "… eine Seite. Dazu kämen noch
    Auszüge"), or ''."""
    if not _MORE_INPUT:
        _MORE_INPUT.append(lazy(rf"(?<![\w-])(?:{alternation(vocab().cue('more_input'))})(?![\w-])"))
    low = d.original.lower()
    inputs = [x for x in kept if (x.direction or "in") == "in"]
    for x in inputs[-1:]:  # "~3k tokens, plus chat history. So maybe 4k in": the later figure holds it all
        end = _SENTENCE_END.search(d.original, x.end)
        stop = end.start() if end else len(low)
        m = _MORE_INPUT[0].search(low, x.end, stop) or (
            _MORE_INPUT[0].search(low, end.end(), min(len(low), end.end() + 25)) if end else None
        )
        if m:
            return d.quote(m.start(), m.end())
    return ""


def _how(kept: list[_Mention], d: Draft) -> str:
    scopes = {x.scope for x in kept}
    if scopes & {"hour", "minute", "second"}:
        return window_hours(d)[1]
    return ""
