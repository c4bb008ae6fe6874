"""The arbiter: one answer's claims (claims.py) → the values written, and one short question for each
field it cannot settle.

Per field: a correction wins, then a pick of an offered choice, then an answer to the question asked,
then what was read in passing. Among the claims of that rank, one value held by a strong claim is
written; two values, or only weak evidence, become a question with the readings as choices. A claim
resting on a number is weak when its clause holds another number no reading used, and a claim is weak
when it took a derivation step its field does not allow (catalog/derivation.toml: a guessed period,
a count nothing ties to the figure, a choice among figures). A value the user
set (`/set`, an answer, a pick, a measurement) is not replaced by a reading in passing: that too is
asked."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from advisor.interview import unread
from advisor.interview.claims import Claim, how_of
from advisor.interview.derivation import derivations
from advisor.interview.draft import Draft
from advisor.interview.numbers import human
from advisor.interview.pending import Option, ask_options
from advisor.interview.vocab import vocab

RANK = {"correction": 3, "pick": 2, "answer": 1, "read": 0}
PROTECTED = ("set", "answered", "measured")
# The fields one question may be about: an answer about one of a group answers the group.
GROUPS = (
    ("requests_per_day", "monthly_input_tokens", "monthly_output_tokens"),
    ("input_tokens_per_request", "output_tokens_per_request"),
    ("hardware", "owned_hardware", "owned_units"),
)


def group_of(name: str | None) -> tuple[str, ...]:
    return next((g for g in GROUPS if name in g), (name,) if name else ())


def same_value(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool) or not isinstance(a, int | float) or not isinstance(b, int | float):
        return a == b
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


def arbitrate(d: Draft, sources: Mapping[str, str] | None = None) -> None:
    """Decide every field the claims are about: ``d.changes`` ends as the values written,
    ``d.sources`` as how each was given, ``d.held`` the fields asked about instead."""
    sources = sources or {}
    _whole_message_is_a_statement(d)
    weaken_by_vague_counts(d)
    weaken_by_unused_numbers(d)
    weaken_by_derivation(d)
    by_field: dict[str, list[Claim]] = {}
    for claim in d.claims:
        by_field.setdefault(claim.field, []).append(claim)
    accepted: dict[str, Claim] = {}
    for name, claims in by_field.items():
        top = max(RANK[c.kind] for c in claims)
        ranked = [c for c in claims if RANK[c.kind] == top]
        values = _distinct(ranked)
        current = getattr(d.profile, name, None)
        if len(values) > 1:
            _ask(d, name, [_best(v) for v in values.values()])
            continue
        (claims_of_value,) = values.values()
        claim = _best(claims_of_value)
        if claim.strength == "weak":
            _ask(d, name, [claim])
            continue
        if (
            (claim.kind == "read" or (claim.basis.get("statement") and sources.get(name) in ("set", "measured")))
            and name not in group_of(d.asked)
            and sources.get(name) in PROTECTED
            and current is not None
            and not same_value(current, claim.value)
            and not claim.basis.get("overrides")
        ):
            _ask_to_replace(d, name, claim, current, sources[name])
            continue
        accepted[name] = claim
    _hold_together(d, accepted)
    d.changes = {name: c.value for name, c in accepted.items()}
    d.sources = {name: _how(d, c) for name, c in accepted.items()}
    d.accepted = accepted
    d.notes[:0] = [c.note for c in accepted.values() if c.note and c.note not in d.notes]


def _whole_message_is_a_statement(d: Draft) -> None:
    """A message that says one field's value and nothing else ("1001 requests a day") is the user
    telling it, as much as an answer to its question: its claims count as answers (not over a value
    set with /set). With a correction word ("no wait, 900 a day") it is a correction."""
    groups = {group_of(c.field) for c in d.claims}
    if len(groups) != 1 or not all(c.kind == "read" and c.strength == "strong" for c in d.claims):
        return
    filler = set(vocab().words(vocab().filler))
    correcting = {w for w in vocab().cue("correction") if " " not in w}
    words = re.findall(r"[^\W_]+(?:'[^\W_]+)?", d.text)
    if all(w in filler or w in correcting for w in words):
        corrected = any(w in correcting for w in words)
        for c in d.claims:
            c.kind = "correction" if corrected else "answer"
            c.basis["statement"] = True


def _how(d: Draft, claim: Claim) -> str:
    if claim.basis.get("how"):  # a default taken on the user's word ('overnight'), even in an answer
        return claim.basis["how"]
    if claim.kind == "read" and claim.field in group_of(d.asked):
        return "answered"
    return how_of(claim.kind)


def _distinct(claims: list[Claim]) -> dict[int, list[Claim]]:
    """The claims grouped by value (numbers within a hair of each other are one value)."""
    out: dict[int, list[Claim]] = {}
    keys: list[Any] = []
    for c in claims:
        for i, v in enumerate(keys):
            if same_value(v, c.value):
                out[i].append(c)
                break
        else:
            keys.append(c.value)
            out[len(keys) - 1] = [c]
    return out


def _best(claims: list[Claim]) -> Claim:
    """The strong one if any (the last, as the user's last words on it), else the last."""
    strong = [c for c in claims if c.strength == "strong"]
    return (strong or claims)[-1]


def _label(claim: Claim) -> str:
    if claim.label:
        return claim.label
    value = claim.value
    shown = human(value) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)
    return f"{claim.field.replace('_', ' ')} {shown}"


def _quote(d: Draft, claim: Claim) -> str:
    if not claim.spans:
        return ""
    return d.quote(min(s for s, _ in claim.spans), max(e for _, e in claim.spans))


def _why(d: Draft, claim: Claim) -> str:
    """What makes a reading weak, in a few words: its own reason, and the numbers beside it unused."""
    unused = list(dict.fromkeys(d.quote(*span) for span in claim.basis.get("unused", [])))
    parts = [claim.why_weak] if claim.why_weak else []
    if unused:
        parts.append("I didn't use " + ", ".join(f"'{q}'" for q in unused))
    return "; ".join(parts)


ANOTHER = "another figure"  # the choice beside a single reading: the user gives the figure instead


def _ask(d: Draft, name: str, readings: list[Claim]) -> None:
    """One question, the readings as numbered choices. A single reading is offered beside another
    figure ("yes" or "1" takes it; "2", "no" or a figure does not), with what makes it weak after."""
    d.held.add(name)
    d.explained |= {tuple(span) for c in readings for span in c.basis.get("unused", [])}
    quotes = list(dict.fromkeys(q for q in (_quote(d, c) for c in readings) if q))
    said = " … ".join(f"'{q}'" for q in quotes[:2])
    if len(readings) == 1:
        claim = readings[0]
        options = [
            Option(label=_label(claim), changes=_changes(d, claim), names=list(vocab().affirmations)),
            Option(label=ANOTHER, names=list(vocab().answers.no)),
        ]
    else:
        options = [Option(label=_label(c), changes=_changes(d, c), names=c.basis.get("names", [])) for c in readings]
    shown = " or ".join(f"{i}) {o.label}" for i, o in enumerate(options, 1))
    question = f"{said}: {shown}?" if said else f"{shown}?"
    if len(readings) == 1 and (why := _why(d, readings[0])):
        question += f" ({why})"
    per = readings[0].basis.get("per", "") if len(readings) == 1 else ""
    ask_options(d, question, name, options, per=per, each=readings[0].basis.get("each") if per else None)


def _ask_to_replace(d: Draft, name: str, claim: Claim, current: Any, how: str) -> None:
    """A reading in passing of a value the user set or gave: numbered, the new value first."""
    d.held.add(name)
    quote = _quote(d, claim)
    value = human(current) if isinstance(current, int | float) and not isinstance(current, bool) else current
    keep = Option(label=f"keep {value}", names=["keep", *vocab().answers.no])
    new = Option(label=_label(claim), changes=_changes(d, claim), names=list(vocab().affirmations))
    said = f"'{quote}'" if quote else name.replace("_", " ")
    kept = "as you set it" if how == "set" else "as you gave it"
    question = f"{said}: 1) {new.label} instead, or 2) {keep.label} {kept}?"
    ask_options(d, question, name, [new, keep])


def _changes(d: Draft, claim: Claim) -> dict[str, Any]:
    """The fields picking ``claim`` sets: its own, and those of the claims that go with it."""
    out = {claim.field: claim.value}
    if claim.together:
        for other in d.claims:
            if other.together == claim.together and other.field != claim.field:
                out.setdefault(other.field, other.value)
    return out


def _hold_together(d: Draft, accepted: dict[str, Claim]) -> None:
    """A claim whose partner was asked about waits for the answer with it."""
    held_keys = {c.together for c in d.claims if c.together and c.field in d.held}
    for name in [n for n, c in accepted.items() if c.together in held_keys]:
        del accepted[name]


# Which unused numbers bear on which fields, by what they count (unread.unused_numbers): a headcount
# says nothing of tokens per request, a price nothing of a volume.
_COUNTS = ("count", "bare", "time")  # a headcount alone is the team size (noted), not a multiplier
BEARS_ON: dict[str, tuple[str, ...]] = {
    "requests_per_day": (*_COUNTS, "share"),  # "1.2m a day, ~2% get flagged": which is the volume?
    "peak_requests_per_hour": _COUNTS,
    "planned_requests_per_day": _COUNTS,
    "monthly_input_tokens": (*_COUNTS, "tokens", "share"),
    "monthly_output_tokens": (*_COUNTS, "tokens", "share"),
    "input_tokens_per_request": ("tokens", "bare", "share"),
    "output_tokens_per_request": ("tokens", "bare", "share"),
    "budget_usd_per_month": ("money", "bare"),
    "current_spend_usd_per_month": ("money", "bare"),
    "electricity_usd_per_kwh": ("money", "bare"),
    "hourly_rate_usd": ("money", "bare"),
    "owned_units": ("count", "bare", "hardware"),  # "dos servidores con 2x L40S cada uno": 2 or 4 cards?
}
_SHARES = ("share", "bare")
_TIMES = ("time", "bare")


def bears_on(name: str) -> tuple[str, ...]:
    if name in BEARS_ON:
        return BEARS_ON[name]
    return _SHARES if name.endswith("_share") else _TIMES


def weaken_by_unused_numbers(d: Draft) -> None:
    """A claim resting on a number is weak when its clause holds a number no reading used that could
    bear on it ("350 notes a day in 12 languages": 350 or 4,200 translations?)."""
    loose = unread.unused_numbers(d)
    if not loose:
        return
    for claim in d.claims:
        if not claim.numeric or claim.kind != "read" or not claim.spans:
            continue
        clauses = {d.clause(s) for s, _ in claim.spans}
        kinds = bears_on(claim.field)
        for start, end, found in loose:
            # "start at 20:00": a time of day bears on the hours and shares as a bare number, not on a volume or size
            kind = "bare" if found == "clock" and claim.field not in BEARS_ON else found
            if kind in kinds and any(c0 <= start and end <= c1 + 1 for c0, c1 in clauses):  # "… 1 in 5."
                claim.weaken("")
                claim.basis.setdefault("unused", []).append((start, end))


def weaken_by_vague_counts(d: Draft) -> None:
    """A reading resting on a vague count ("a few thousand") is weak: the value taken is offered back."""
    for start, end, value in d.vague:
        for claim in d.claims:
            if claim.numeric and any(s < end and start < e for s, e in claim.spans):
                claim.weaken(f"I took '{d.quote(start, end)}' as {human(value)}")


def weaken_by_derivation(d: Draft) -> None:
    """A claim that took a step its field's value may not rest on (catalog/derivation.toml) is weak,
    said with that step's reason: the value is offered back, never written. A pick of an offered
    choice is the user's own word and took no step."""
    table = derivations()
    for claim in d.claims:
        if claim.kind == "pick":
            continue
        for step in claim.steps or ["direct"]:
            if not table.allows(claim.field, step):
                claim.weaken(claim.step_why.get(step, ""))
