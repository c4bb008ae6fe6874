"""Quality needs in free text: the frontier share ("the hardest 10%", "5% of turns are hard", "80%
is routine") and the tier routine work needs ("budget quality is fine", "needs frontier quality")."""

from __future__ import annotations

import re

from advisor.interview.draft import Draft
from advisor.interview.lazy import lazy
from advisor.interview.numbers import NUM, percent, to_float
from advisor.interview.privacy import negated

_PCT = rf"(?P<p>{NUM})\s*%?\s*(?:(?:-|to)\s*(?P<p2>{NUM})\s*)?(?:%|\s*percent|\s*per\s*cent)"
_FRACTION_WORDS = {"half": 0.5, "a third": 1 / 3, "a quarter": 0.25, "a fifth": 0.2, "a tenth": 0.1}
_FRACTION = r"(?P<f>half|a\s+third|a\s+quarter|a\s+fifth|a\s+tenth)"
_ONE_IN = rf"(?P<one>{NUM}|one)\s+(?:in|out\s+of)\s+(?P<every>{NUM}|ten|five|twenty|a\s+hundred)"
_SHARE = rf"(?:{_PCT}|{_ONE_IN}|{_FRACTION})"

_HARD_CUE = (
    r"hard|harder|hardest|difficult|complex|tricky|frontier|opus|gpt-?5\.5|top[- ]tier|best\s+models?|smartest"
    r"|premium|escalat\w*|big\s+model|claude|cloud|reasoning[- ]heavy|novel"
)
_ROUTINE_CUE = r"routine|easy|simple|bulk|boilerplate|basic|trivial|repetitive|structured|local(?:ly)?|cheap"

HARDEST = lazy(rf"(?:the\s+)?(?:hardest|toughest|trickiest|most\s+(?:difficult|complex|demanding))\s+{_SHARE}")
SHARE_THEN_CUE = lazy(rf"{_SHARE}(?P<gap>[^.;,?!\d%]{{0,60}}?)\b(?:(?P<hard>{_HARD_CUE})|(?P<easy>{_ROUTINE_CUE}))\b")
# "the rest are routine" after a share: the cue is said of the others, not of the share
_OF_THE_REST = lazy(r"\b(?:the\s+rest|the\s+others?|everything\s+else|the\s+remainder)\b")
EXPLICIT = lazy(rf"frontier[_ ]share\s*(?:is|of|=|:|to|at)?\s*(?P<v>{NUM})\s*(?P<pc>%|percent)?")
NO_FRONTIER = lazy(
    r"(?:no|without\s+(?:a\s+|any\s+)?)\s*frontier(?:\s+models?)?\s+(?:needed|required|necessary)"
    r"|(?:doesn't|does\s+not|don't|do\s+not|never|won't)\s+need\s+(?:a\s+|any\s+)?frontier"
    r"|nothing\s+(?:needs|requires|is)\s+(?:a\s+)?(?:frontier|hard|difficult)|none\s+of\s+it\s+is\s+(?:hard|difficult)"
)
TIER_BUDGET = lazy(
    r"(?:budget|cheap|cheapest|small|smaller|basic|low[- ]end|entry[- ]level|mini)[- ](?:quality|models?|tier|llms?)"
    r"\s+(?:is|are|would\s+be|will\s+be|should\s+be)?\s*(?:fine|ok|okay|enough|good\s+enough|sufficient|acceptable|adequate)"
    r"|(?:doesn't|does\s+not|don't|do\s+not)\s+need\s+(?:to\s+be\s+)?(?:smart|clever|a\s+strong\s+model|much\s+intelligence)"
    r"|any\s+(?:cheap\s+)?model\s+(?:will\s+do|is\s+fine|works)|quality\s+(?:isn't|is\s+not|doesn't)\s+(?:critical|important|matter)"
)
GOOD_ENOUGH = lazy(  # "the cheapest thing that's good enough": budget tier, no frontier share
    r"\bcheapest(?:\s+\w+){0,2}?\s+(?:that'?s|that\s+is|which\s+is|that|which)?\s*"
    r"(?:good\s+enough|ok|okay|adequate|acceptable|will\s+do|works|does\s+the\s+job|gets\s+the\s+job\s+done)"
    r"|\bcheapest\s+(?:\w+\s+)?(?:is|are)\s+(?:fine|good\s+enough|ok|okay)"
    r"|\bgood\s+enough\s+is\s+(?:fine|enough|all\s+we\s+need)"
    r"|(?:doesn't|does\s+not|don't|do\s+not)\s+need\s+(?:to\s+be\s+)?(?:the\s+best|top[- ]tier|perfect|the\s+smartest)"
)
TIER_STRONG = lazy(
    r"(?:mid[- ]tier|mid[- ]range|strong|decent|good)[- ](?:quality|models?|tier)\s+(?:is|are|would\s+be)?\s*"
    r"(?:fine|ok|okay|enough|sufficient|good\s+enough)|(?:sonnet|gpt-?4(?:\.1)?)[- ]class"
)
TIER_FRONTIER = lazy(
    r"(?:^\s*|\b(?:it|everything|all\s+of\s+it|this|the\s+(?:workload|work|task|app|product)|we|our\s+\w+)\s+"
    r"(?:really\s+|absolutely\s+|definitely\s+)?)"
    r"(?:needs?|requires?|must\s+have|demands?)\s+(?:the\s+)?"
    r"(?:frontier|top|best|highest|state[- ]of[- ]the[- ]art|sota)"
    r"[- ]?(?:quality|tier|models?|level|intelligence|reasoning)?"
    r"|frontier[- ](?:quality|tier|level)\s+(?:is\s+)?(?:needed|required|a\s+must|throughout|for\s+everything)"
    r"|(?:everything|all\s+of\s+it|every\s+(?:request|turn|call))\s+(?:needs?|requires?)\s+(?:a\s+)?frontier"
)


def _share(m: re.Match[str]) -> float:
    g = m.groupdict()
    if g.get("p"):
        lo = to_float(g["p"])
        hi = to_float(g["p2"]) if g.get("p2") else lo
        return (lo + hi) / 200
    if g.get("one"):
        words = {"one": 1, "ten": 10, "five": 5, "twenty": 20}
        one = words.get(g["one"]) or to_float(g["one"])
        every = words.get(g["every"]) or (100 if "hundred" in g["every"] else to_float(g["every"]))
        return one / every if every else float("inf")  # "1 in 0" is no share: refused as out of range
    return _FRACTION_WORDS[re.sub(r"\s+", " ", g["f"])]


def _set_share(d: Draft, share: float, span: tuple[int, int], how: str = "") -> None:
    quote = d.quote(*span)
    if not 0 <= share <= 1:
        d.reject(f"ignored '{quote}': a share must be between 0% and 100%", span)
        return
    d.set(
        "frontier_share",
        share,
        f"read '{quote}' as {percent(share)} of traffic needing the frontier tier{how}",
        span,
        label=f"{percent(share)} needing the frontier tier",
    )
    _second_thought(d, span)


_BETWEEN = ("more like", "closer to", "nearer", "it's", "it is", "it was", "rather", "probably", "about", "around")
_BETWEEN += ("roughly", "maybe", "say", "like", "only", "just")


def _second_thought(d: Draft, span: tuple[int, int]) -> None:
    """'The hardest 10%... actually more like 5%': a share said again after a correction word, in the
    same or the next sentence, is a second reading — the two are asked as choices, not one taken."""
    from advisor.interview.vocab import alternation, vocab

    cue = alternation(vocab().cue("correction"))
    filler = alternation([*vocab().words(vocab().approx), *_BETWEEN])  # 'actually more like', 'eher so'
    _, end = d.sentence_of(span[1])
    _, end = d.sentence_of(min(len(d.text), end + 2))
    rx = re.compile(rf"(?<![\w-])(?:{cue})(?![\w-])[\s,]*(?:(?:{filler})[\s,]+){{0,3}}{_PCT}")
    m = rx.search(d.text, span[1], end)
    if m is None:
        return
    share = _share(m)
    if 0 <= share <= 1:
        quote = d.quote(m.start(), m.end())
        d.set(
            "frontier_share",
            share,
            f"read '{quote}' as {percent(share)}",
            (m.start(), m.end()),
            label=f"{percent(share)} needing the frontier tier",
        )


_PCT_RX = lazy(_PCT)
# An answer to the frontier question that opens by saying none needs it ("none really, it's
# summarization", "nenhum.", "Eigentlich keins"): no frontier share, unless it then gives a share.
_NONE_OPENING = lazy(r"^\W*(?:(?:eigentlich|honestly|really|actually)\s+)?(?P<w>[^\W\d_]+)")
_NONE_EN = ("none", "nothing", "zero", "no")
_NOT_KNOWN = lazy(r"no\s+(?:idea|clue|notion)\b")


def _taken_back_to_none(d: Draft, after: int) -> tuple[int, int] | None:
    """Where a correction after the share ends in a word for none ('actually no, … so none'), else None."""
    from advisor.interview.vocab import alternation, vocab

    fix = lazy(rf"(?<![\w-])(?:{alternation(vocab().cue('correction'))})(?![\w-])").search(d.text, after)
    if fix is None:
        return None
    words = alternation([w for w in (*_NONE_EN, *vocab().answers.none) if w != "no"])
    none = lazy(rf"(?<![\w-])(?:{words})\W*$").search(d.text, fix.end())
    return none.span() if none is not None else None


def read_frontier_answer(d: Draft) -> None:
    """An answer to "how much of the work needs a frontier model?": the one share it gives ("like
    10%. rest is item descriptions, easy", "deve ser uns 5%"), each of two given (asked between them),
    or none when it opens with a word for none and gives no share."""
    from advisor.interview.vocab import vocab

    if d.asked != "frontier_share" or "frontier_share" in d.changes:
        return
    shares = [(m, _share(m)) for m in _PCT_RX.finditer(d.text)]
    shares = [(m, share) for m, share in shares if 0 <= share <= 1]
    if shares and (none := _taken_back_to_none(d, shares[-1][0].end())) is not None:
        for m, _ in shares:  # "maybe 5% … actually no, those go to humans, so none": the share taken back
            d.consume(m.start(), m.end())
        d.set(
            "frontier_share",
            0.0,
            f"read '{d.quote(*none)}' as no traffic needing the frontier tier",
            none,
            kind="answer",
        )
        return
    for m, share in shares:
        quote = d.quote(m.start(), m.end())
        d.set(
            "frontier_share",
            share,
            f"read '{quote}' as {percent(share)} of traffic needing the frontier tier",
            (m.start(), m.end()),
            kind="answer",
            label=f"{percent(share)} needing the frontier tier",
        )
    opening = _NONE_OPENING.match(d.text)
    if shares or opening is None or opening["w"] not in (*_NONE_EN, *vocab().answers.none):
        return
    if _NOT_KNOWN.match(d.text, opening.start("w")) or any(
        d.text.startswith(u, opening.start("w")) for u in vocab().answers.unknown
    ):
        return  # "keine Ahnung", "no idea": not knowing, not none
    span = opening.span("w")
    d.set(
        "frontier_share",
        0.0,
        f"read '{d.quote(*span)}' as no traffic needing the frontier tier",
        span,
        kind="answer",
        label="none needing the frontier tier",
    )


def _frontier_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A share, then the frontier tier in its clause ("0 % brauchen das Spitzenmodell"); a word for
    none, then the frontier tier ("aucune ne nécessite le modèle de pointe") — in every language
    (reading.toml [cues.frontier_words], [cues.none_of_it])."""
    if "rx" not in _FRONTIER_RX:
        from advisor.interview.vocab import alternation, vocab

        frontier = alternation(vocab().cue("frontier_words"))
        none = alternation(vocab().cue("none_of_it"))
        share = re.compile(rf"{_PCT}(?P<gap>[^.;,?!\d%]{{0,60}}?)(?<![\w-])(?:{frontier})(?![\w-])")
        nothing = re.compile(
            rf"(?<![\w-])(?P<none>{none})(?![\w-])(?P<gap>[^.;,?!\d%]{{0,50}}?)(?<![\w-])(?:{frontier})(?![\w-])"
            rf"|(?<![\w-])(?:{frontier})\s*[:=-]\s*(?P<gap2>)(?:{none})(?![\w-])"  # "modelo puntero: ninguna"
        )
        labelled = re.compile(rf"(?<![\w-])(?:{frontier})\s*[:=-]\s*(?P<gap>){_PCT}")  # "Spitzenmodell: 0 %"
        _FRONTIER_RX["rx"] = (share, nothing, labelled)
    return _FRONTIER_RX["rx"]


_FRONTIER_RX: dict[str, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


def _read_frontier_none(d: Draft) -> None:
    """ "0 % need the frontier model", "keine davon braucht ein Spitzenmodell": no frontier share,
    whatever question was asked; the word for none is used up (it does not also answer another question)."""
    from advisor.interview.vocab import vocab

    share_rx, none_rx, labelled_rx = _frontier_words()
    for m in [*share_rx.finditer(d.text), *labelled_rx.finditer(d.text)]:
        if "frontier_share" in d.changes or negated(d.text, m.start("gap"), m.end()):
            continue
        _set_share(d, _share(m), (m.start(), m.end()))
        d.consume(m.start(), m.end())
    for m in none_rx.finditer(d.text):
        unknown = vocab().answers.unknown
        if "frontier_share" in d.changes or _NOT_KNOWN.match(d.text, m.start()):
            continue
        if any(d.text.startswith(u, m.start()) for u in unknown):  # "keine Ahnung, ob … ein Spitzenmodell"
            continue
        span = (m.start(), m.end())
        s0, s1 = d.sentence_of(m.start())
        zero = [z for z in _PCT_RX.finditer(d.text, s0, s1) if _share(z) == 0]  # "aucune …, 0 %": the same said twice
        spans = [span, *(z.span() for z in zero)]
        d.set("frontier_share", 0.0, f"read '{d.quote(*span)}' as no traffic needing the frontier tier", spans=spans)
        for start, end in spans:
            d.consume(start, end)


def read_quality(d: Draft) -> None:
    for m in EXPLICIT.finditer(d.text):
        value = to_float(m["v"])
        share = value / 100 if m["pc"] or value > 1 else value
        _set_share(d, share, (m.start(), m.end()))
    for m in HARDEST.finditer(d.text):
        _set_share(d, _share(m), (m.start(), m.end()))
    for m in SHARE_THEN_CUE.finditer(d.text):
        if re.search(r"\b(?:not|no|never|nothing)\b|n't", m["gap"]) or _OF_THE_REST.search(m["gap"]):
            continue
        share = _share(m)
        if m["easy"]:
            _set_share(d, round(1 - share, 9), (m.start(), m.end()), " (the rest)")
        else:
            _set_share(d, share, (m.start(), m.end()))
    for m in NO_FRONTIER.finditer(d.text):
        d.set(
            "frontier_share",
            0.0,
            f"read '{d.quote(m.start(), m.end())}' as no traffic needing the frontier tier",
            (m.start(), m.end()),
        )
    for m in TIER_BUDGET.finditer(d.text):
        d.set(
            "routine_tier",
            "budget",
            f"read '{d.quote(m.start(), m.end())}' as routine work on a budget-tier model",
            (m.start(), m.end()),
        )
    for m in GOOD_ENOUGH.finditer(d.text):
        quote = d.quote(m.start(), m.end())
        d.set(
            "routine_tier", "budget", f"read '{quote}' as the budget tier with no frontier share", (m.start(), m.end())
        )
        d.set("frontier_share", 0.0, spans=[(m.start(), m.end())])
    for m in TIER_STRONG.finditer(d.text):
        d.set(
            "routine_tier",
            "strong",
            f"read '{d.quote(m.start(), m.end())}' as routine work on a strong-tier model",
            (m.start(), m.end()),
        )
    for m in TIER_FRONTIER.finditer(d.text):
        if negated(d.text, m.start(), m.end()):
            continue
        d.set(
            "routine_tier",
            "frontier",
            f"read '{d.quote(m.start(), m.end())}' as all work needing a frontier-tier model",
            (m.start(), m.end()),
        )
    _read_frontier_none(d)
    read_frontier_answer(d)
