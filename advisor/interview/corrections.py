"""A correction the reader cannot place: the user says an earlier figure was wrong ("correction on
volume: the 1,100 was the main campus only") and names it, but this message gives no new value the
reader can read. The earlier value is then taken back and asked again, rather than kept wrong."""

from __future__ import annotations

import re

from advisor.interview.draft import Draft
from advisor.interview.lazy import lazy
from advisor.interview.numbers import human
from advisor.interview.vocab import alternation, vocab

_NUMBER = lazy(r"(?<![\w.,])\d+(?:\.\d+)?(?:\s*[kmb])?(?![\w])")
_FIGURE = lazy(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?:\s*[kmb])?(?![\w])")  # "1,400" too
# The fields whose earlier value a correction may take back, and what to ask then.
CORRECTABLE = {"requests_per_day": "how many requests a day is it, then?"}


def read_unplaced(d: Draft) -> None:
    low = d.original.lower()
    if not re.search(rf"(?<![\w-])(?:{alternation(vocab().cue('correction'))})(?![\w-])", low):
        return
    for name, question in CORRECTABLE.items():
        basis = d.prior_bases.get(name)
        if basis is None or getattr(d.profile, name) is None or any(c.field == name for c in d.claims):
            continue
        raw, said, units = basis.get("raw"), basis.get("said"), basis.get("units")
        if _reperiod(d, basis):
            continue
        for m in _NUMBER.finditer(d.canonical):
            if said and _value(m.group(0)) == said:  # "600 a shift" named again: a day's total, unless it says
                quote = d.quote(*d.widen(m.start(), m.end()))
                if _total(d, said, {"period": "day"}, quote, (m.start(), m.end())):
                    break
            named = _value(m.group(0))  # the figure, or the count it was multiplied by ("5 médecins, pas 6")
            if (raw and named == raw) or (units and named == units and _negated(d, m.start())):
                quote = d.quote(*d.widen(m.start(), m.end()))
                if named == raw and _total(d, raw, basis, quote, (m.start(), m.end())):
                    break
                d.set(
                    name,
                    None,
                    f"took back {name.replace('_', ' ')} = {human(getattr(d.profile, name))}: you corrected"
                    f" '{quote}' — {question}",
                    spans=[(m.start(), m.end())],
                    kind="correction",
                )
                d.ambiguous.append(f"You corrected '{quote}': {question}")
                break
        else:
            _unused_beside_correction(d, name, question)


def _unused_beside_correction(d: Draft, name: str, question: str) -> None:
    """ "Quindi correggo: il sabato è mezza giornata, circa 1.500 chiamate", "add ~250 for the A330s":
    a correction whose new figure no reader placed (no period, a part to add) — the value it corrects
    is taken back and asked again, never kept as if nothing had been said."""
    from advisor.interview.unread import unused_numbers

    low = d.original.lower()
    cue = re.compile(rf"(?<![\w-])(?:{alternation(vocab().cue('correction'))})(?![\w-])")
    basis = d.prior_bases.get(name) or {}
    old = {basis.get(k) for k in ("raw", "said", "units", "typed")} - {None, 0}
    noun = basis.get("noun") or ""
    for start, end, kind in unused_numbers(d):
        if kind not in ("count", "bare"):
            continue
        s0, s1 = d.sentence_of(start)
        if not cue.search(low, s0, s1):
            continue
        named = {_value(n.group(0).replace(",", "")) for n in _FIGURE.finditer(d.canonical, s0, s1)}
        if not (named & old or (noun and re.search(rf"(?<![\w-]){re.escape(noun[:5])}", low[s0:s1]))):
            continue  # a correction of something else ("one 4090 is in the artist's machine")
        quote = d.quote(start, end)
        d.set(
            name,
            None,
            f"took back {name.replace('_', ' ')} = {human(getattr(d.profile, name))}: you corrected"
            f" '{quote}' — {question}",
            spans=[(start, end)],
            kind="correction",
        )
        d.ambiguous.append(f"You corrected '{quote}': {question}")
        return


_PERIOD = lazy(r"\b(?:a|an|per|the\s+whole|whole|each|every|all)\s+(?P<p>day|week|month|year)\b")
_DAYS = {"day": 1.0, "week": 7.0, "month": 30.0, "year": 360.0}


def _total(d: Draft, raw: float, basis: dict, quote: str, span: tuple[int, int]) -> bool:
    """'correction: I double counted — 600 is the whole day, both shifts together': the figure named is
    the total, nothing to multiply — in the period the correction says, else the one it was said in."""
    low = d.original.lower()
    if not re.search(rf"(?<![\w-])(?:{alternation(vocab().cue('total'))})(?![\w-])", low):
        return False
    said = _PERIOD.search(d.canonical)
    period = said["p"] if said else basis.get("period")
    if period not in _DAYS:
        return False
    value = raw / _DAYS[period]
    d.set(
        "requests_per_day",
        value,
        f"read '{quote}' as the total, corrected: {human(value)} requests a day",
        spans=[span],
        kind="correction",
        label=f"{human(value)} requests a day",
        basis={"raw": raw, "period": period},
    )
    d.consume(*span)
    return True


def _reperiod(d: Draft, basis: dict) -> bool:
    """'I meant per week' (a correction, a period, no figure): the last figure read, in that period.
    Only a figure read as typed — one multiplied out (people × rate) is asked again instead."""
    said = _PERIOD.search(d.canonical)
    if said is None or _NUMBER.search(d.canonical) or basis.get("words") or basis.get("said"):
        return False
    raw, old = basis.get("raw"), basis.get("period")
    if not raw or old not in _DAYS or old == said["p"]:
        return False
    value = raw / _DAYS[said["p"]]
    d.set(
        "requests_per_day",
        value,
        f"read '{d.quote(*said.span())}' as {human(raw)} a {said['p']}, corrected: {human(value)} requests a day",
        spans=[said.span()],
        kind="correction",
        label=f"{human(value)} requests a day",
        basis={"raw": raw, "period": said["p"]},
    )
    d.consume(*said.span())
    return True


def _negated(d: Draft, start: int) -> bool:
    """Whether the figure at ``start`` is the one denied ("5 médecins, pas 6")."""
    before = d.original.lower()[max(0, start - 16) : start]
    return bool(re.search(rf"(?<![\w-])(?:{alternation(vocab().cue('negation'))})\s*$", before))


def _value(text: str) -> float:
    scale = {"k": 1e3, "m": 1e6, "b": 1e9}
    text = text.replace(" ", "")
    if text[-1:] in scale:
        return float(text[:-1]) * scale[text[-1]]
    return float(text)
