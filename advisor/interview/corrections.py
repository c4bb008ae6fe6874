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
