"""Nothing dropped in silence: the numbers in the text that no reading used, named back, and the
vague counts that were taken, offered back to confirm."""

from __future__ import annotations

import re

from advisor.interview.draft import Draft
from advisor.interview.forms import offered
from advisor.interview.lazy import lazy
from advisor.interview.rates import PEOPLE
from advisor.interview.vocab import vocab

VOLUME_FIELDS = ("requests_per_day", "monthly_input_tokens", "monthly_output_tokens")
_NUMBER = lazy(r"(?<![\w./:-])\d[\d.,]*(?:\s*[kmb]\b)?(?![\w/])|(?<![\w./:])\d[\d.,]*-(?=[a-z])")
_NOT_A_QUANTITY = lazy(
    r"(?:art(?:icle|\.)?|section|§|iso|soc|tier|level|gdpr\s+art(?:icle|\.)?|version|v|q|step|phase)\s*$"
)
_YEAR = lazy(r"(?:19|20)\d\d$")
# Numbers that are no quantity, from the words around them: a time of day ("9 am", "14h", "9 Uhr"),
# a list's numbering ("1) summaries 2) tickets"), a model's version ("4.1-mini")
_TIME_AFTER = lazy(r"(?::[0-5]\d|\s*(?:a\.?m\.?|p\.?m\.?|uhr|o'clock|h\d{2}|h\b(?!\s*(?:a|per|pro|par|por)\b)))")
_LIST_MARK = lazy(r"\)|\.\s+(?=[^\W\d_])")
_LIST_START = lazy(r"(?:^|[\n:;,(]|\)\s*[^\W\d_][^\n;:]{0,60})\s*$")
_VERSION_AFTER = lazy(
    r"-(?:mini|nano|micro|turbo|pro|flash|lite|instruct|preview|large|small|medium|max|plus|chat|coder|o\b)"
)
_TEAM = lazy(rf"^\d[\d.,]*(?:\s*[kmb])?[\s-]*(?:[a-z-]+\s+)?(?:{PEOPLE})\b")


def offers(d: Draft) -> list[str]:
    """Each vague count a reading rested on: "a few thousand" → 3,000, offered back to confirm (the
    arbiter asks it: a vague count is weak evidence, never written as it stands)."""
    used = [c for c in d.claims if c.numeric]
    out = []
    for start, end, value in d.vague:
        if any(s < end and start < e for c in used for s, e in c.spans) or d.asked in VOLUME_FIELDS:
            out.append(offered(value, d.quote(start, end)))
    return out


# What an unused number counts, from the words after it (or the sign before it).
_KIND_AFTER = {
    "tokens": lazy(
        r"^[\s-]*(?:k|m|b)?\s*(?:tokens?|toks?|words?|pages?|characters?|chars?|in\b|out\b|input|output|context"
        r"|prompts?|answers?|responses?|replies)"
    ),
    "share": lazy(r"^\s*(?:%|percent|per\s*cent)"),
    # a box with no chip named ("one server", "2 Rechner"): hardware, not a volume
    "hardware": lazy(
        r"^[\s-]*(?:[^\W\d_]+\s+)?(?:servers?|machines?|box(?:es)?|nodes?|gpus?|workstations?|rechner|serveurs?"
        r"|servidores?|macs?|pcs?|laptops?|racks?)\b"
    ),
    "time": lazy(r"^[\s-]*(?:seconds?|secs?|s\b|minutes?|mins?|hours?|hrs?|h\b|days?|weeks?|months?|years?|yrs?)"),
    "money": lazy(r"^\s*(?:k|m)?\s*(?:dollars?|usd|eur|euros?|gbp|pounds?|chf|aud|cad|€|£|\$|cents?|bucks)"),
}
_MONEY_BEFORE = lazy(r"[$€£]\s*$|\b(?:usd|eur|gbp|chf|aud|cad|r\$|us\$)\s*$")


def unused_numbers(d: Draft) -> list[tuple[int, int, str]]:
    """Each number in the text no reading used: its phrase (the number and up to two words after it)
    and what it counts — "clock" (a time of day), "team" (a headcount: "40-lawyer firm", "3,000
    employees"), "hardware" (a box with no chip named: "one server"), "tokens", "share", "time",
    "money", "count" (any other noun) or "bare" (no word after it)."""
    found: list[tuple[int, int, str]] = []
    low = d.original.lower()
    for m in _NUMBER.finditer(d.text):
        before = d.text[max(0, m.start() - 12) : m.start()]
        if _NOT_A_QUANTITY.search(before) or _no_quantity(d, m.start(), m.end()):
            continue
        if _time_of_day(d, m.start(), m.end()):  # "at 20:00", "7 am": a time, which may bear on the hours
            found.append((m.start(), m.end(), "clock"))
            continue
        end = _phrase_end(d, d.widen(m.start(), m.end())[1])
        if not d.quote(m.start(), end):
            continue
        if team := _TEAM.match(d.text[m.start() : end].lower()):
            found.append((m.start(), m.start() + team.end(), "team"))
            continue
        typed_end = d.widen(m.start(), m.end())[1]  # past a rewritten form ("8 000", "2,5k")
        after = low[typed_end : typed_end + 24]
        sized = re.match(r"b\b", after) or re.search(r"\db$", m.group(0))
        if sized and not re.match(r"b?\s*(?:tok|param|row|word|line|page)", after):
            continue  # "a 70B", "Qwen 32B": a model's size, not a quantity
        kind = "share" if re.match(r"\s*(?:in|out\s+of|of\s+every|su|sur|op|de\s+cada|em\s+cada)\s+\d", after) else None
        kind = kind or next((k for k, rx in _KIND_AFTER.items() if rx.match(after)), None)  # "1 in 5": a share
        if kind is None and _MONEY_BEFORE.search(low[max(0, m.start() - 5) : m.start()]):
            kind = "money"
        if kind is None:
            kind = "count" if re.match(r"\s*[^\W\d_]", after) else "bare"
        found.append((m.start(), end, kind))
    return found


def _cue_before(name: str) -> re.Pattern[str]:
    if name not in _CUES:
        words = "|".join(re.escape(w) for w in sorted(vocab().cue(name), key=len, reverse=True))
        _CUES[name] = re.compile(rf"(?<![\w-])(?:{words})[\s-]*$")
    return _CUES[name]


def _cue_after(name: str) -> re.Pattern[str]:
    key = name + ":after"
    if key not in _CUES:
        words = "|".join(re.escape(w) for w in sorted(vocab().cue(name), key=len, reverse=True))
        _CUES[key] = re.compile(rf"[\s,;:-]*(?:[^\W\d_]+\s+){{0,2}}?(?:{words})(?![\w-])")
    return _CUES[key]


_CUES: dict[str, re.Pattern[str]] = {}


def _time_of_day(d: Draft, start: int, end: int) -> bool:
    """Whether the number at ``start:end`` is a time of day ("20:00", "7 am", "18 Uhr")."""
    typed, after = d.original.lower()[start:end], d.original.lower()[end : end + 12]
    return bool(_TIME_AFTER.match(after)) and float(typed.replace(",", ".").rstrip(".") or 0) <= 24


def _no_quantity(d: Draft, start: int, end: int) -> bool:
    """Whether the number at ``start:end`` is no quantity at all: a year ("since 2023"), the minutes
    of a time, a list's numbering, a model's version ("4.1-mini", "Llama 3.1"), or a number the user
    says does not count ("2, ça ne compte pas")."""
    low = d.original.lower()
    typed = low[start:end]
    before, after = low[max(0, start - 24) : start], low[end : end + 40]
    if _YEAR.fullmatch(typed) and (_cue_before("year_before").search(before) or not re.match(r"\s*[^\W\d_]", after)):
        return True
    if re.search(r"\d:$", before):  # the minutes of "8:15"
        return True
    marked = _LIST_MARK.match(after) or (typed.endswith(".") and re.match(r"\s+[^\W\d_]", after))
    if marked and len(typed.rstrip(".")) <= 2 and _LIST_START.search(low[max(0, start - 80) : start]):
        return True
    if _VERSION_AFTER.match(after) or _cue_before("model_families").search(before):
        return True
    return bool(_cue_after("not_counted").match(after))


def unread(d: Draft) -> list[str]:
    """The parts of the text holding a number no reading used: the number with the words after it
    ("40-lawyer firm", "12 languages"). A headcount on its own is noted as the team's size."""
    found: list[str] = []
    unasked: list[str] = []
    for start, end, kind in unused_numbers(d):
        quote = d.quote(start, end)
        if kind == "team":
            d.notes.append(f"noted '{quote}' as the team's size — the volume is what they send")
            _drop_form_notes(d, start, end)
            continue
        if kind == "clock":  # a time of day: no volume or size (a reading it bears on asks with it)
            continue
        if kind == "hardware" and (start, end) in d.explained:  # asked with the hardware it counts
            _drop_form_notes(d, start, end)
            continue
        if kind == "hardware":  # "we run one server for this": no chip named, no volume either
            d.notes.append(f"noted '{quote}' — name its GPU or chip (e.g. 'an RTX 4090') to count it as hardware")
            _drop_form_notes(d, start, end)
            continue
        found.append(quote)
        if (start, end) not in d.explained:  # a question about a reading beside it names it already
            unasked.append(quote)
        _drop_form_notes(d, start, end)
    if unasked:
        shown = ", ".join(f"'{q}'" for q in unasked)
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
