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
        raw = basis.get("raw")
        for m in _NUMBER.finditer(d.canonical):
            if raw and _value(m.group(0)) == raw:
                quote = d.quote(*d.widen(m.start(), m.end()))
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


def _value(text: str) -> float:
    scale = {"k": 1e3, "m": 1e6, "b": 1e9}
    text = text.replace(" ", "")
    if text[-1:] in scale:
        return float(text[:-1]) * scale[text[-1]]
    return float(text)
