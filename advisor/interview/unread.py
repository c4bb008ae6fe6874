"""Nothing dropped in silence: the numbers in the text that no reading used, named back, and the
vague counts that were taken, offered back to confirm."""

from __future__ import annotations

import re

from advisor.interview.draft import Draft
from advisor.interview.forms import offered
from advisor.interview.lazy import lazy
from advisor.interview.rates import PEOPLE

VOLUME_FIELDS = ("requests_per_day", "monthly_input_tokens", "monthly_output_tokens")
_NUMBER = lazy(r"(?<![\w./-])\d[\d.,]*(?:\s*[kmb]\b)?(?![\w/])|(?<![\w./])\d[\d.,]*-(?=[a-z])")
_NOT_A_QUANTITY = lazy(
    r"(?:art(?:icle|\.)?|section|§|iso|soc|tier|level|gdpr\s+art(?:icle|\.)?|version|v|q|step|phase)\s*$"
)
_YEAR = lazy(r"(?:19|20)\d\d$")
_TEAM = lazy(rf"^\d[\d.,]*(?:\s*[kmb])?[\s-]*(?:[a-z-]+\s+)?(?:{PEOPLE})\b")


def offers(d: Draft) -> list[str]:
    """Each vague count whose value a volume reading took: "a few thousand" → 3,000, to confirm."""
    taken = any(f in d.changes for f in VOLUME_FIELDS) or d.asked in VOLUME_FIELDS
    out = []
    for start, end, value in d.vague:
        if taken:
            text = offered(value, d.quote(start, end))
            out.append(text)
            d.ambiguous.append(text)
    return out


def unread(d: Draft) -> list[str]:
    """The parts of the text holding a number no reading used: the number with the words after it
    ("40-lawyer firm", "12 languages"). A headcount on its own is noted as the team's size."""
    found: list[str] = []
    for m in _NUMBER.finditer(d.text):
        before = d.text[max(0, m.start() - 12) : m.start()]
        if _NOT_A_QUANTITY.search(before) or (
            _YEAR.fullmatch(m.group(0)) and re.search(r"(?:in|since|by|of)\s+$", before)
        ):
            continue
        end = _phrase_end(d, d.widen(m.start(), m.end())[1])
        quote = d.quote(m.start(), end)
        if not quote:
            continue
        if team := _TEAM.match(d.text[m.start() : end].lower()):
            quote = d.quote(m.start(), m.start() + team.end())
            d.notes.append(f"noted '{quote}' as the team's size — the volume is what they send")
            continue
        found.append(quote)
        _drop_form_notes(d, m.start(), end)
    if found:
        shown = ", ".join(f"'{q}'" for q in found)
        d.ambiguous.append(f"I didn't use {shown} — what does it count, and does it change the volume?")
    return found


def _drop_form_notes(d: Draft, start: int, end: int) -> None:
    """A number no reading used is asked about; how its digits were read ("'3.000' as 3,000") is not
    also said, as if it had been used."""
    for s, e, note in d.form_notes:
        if start <= s and e <= end and note in d.notes:
            d.notes.remove(note)


def _phrase_end(d: Draft, pos: int) -> int:
    """The end of the number's phrase: up to two words after it, not past punctuation."""
    m = re.match(r"(?:[\s-]*[^\W\d_][\w'-]*){0,3}", d.original[pos:])
    end = pos + (m.end() if m else 0)
    while (t := re.search(r"\s+(?:a|an|per|the|of|to|and|in|for)$", d.original[pos:end], re.IGNORECASE)) is not None:
        end = pos + t.start()
    return end
