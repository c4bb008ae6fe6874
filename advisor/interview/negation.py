"""Hardware named to say the team does not have it: "we don't have a 4090", "no 4090 here", "we
never bought the H100s". Such a mention is not the hardware to price, and it takes back an
ownership said earlier; answering the hardware question that way is "no hardware yet"."""

from __future__ import annotations

from advisor.interview.draft import Draft
from advisor.interview.lazy import lazy

# A negator, then only the words that may stand between it and a hardware name, up to the name.
_NEGATED = lazy(
    r"(?:\b(?:no|not|never|without|nor|neither|lack(?:s|ing)?)|n't|\b(?:do|does|did|have|has)\s+not)\s+"
    r"(?:(?:have|has|own|owns|got|get|buy|bought|had|owned|use|using|run|running|a|an|any|the|single|one|our|own"
    r"|even|yet|really|actually|currently|rtx|nvidia|geforce|apple|amd|used|or|more|of|those|these)\s+)*$"
)
_CLAUSE_BREAK = lazy(r"[.;!?:,()]|\s-\s|\bbut\b|\bhowever\b|\binstead\b")


def clause_of(d: Draft, pos: int) -> tuple[int, int]:
    """The span of the clause around ``pos`` in the working text (between commas, "but", dashes, …)."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(d.text, 0, pos)]
    after = _CLAUSE_BREAK.search(d.text, pos)
    return (breaks[-1] if breaks else 0), (after.start() if after else len(d.text))


def negated_at(d: Draft, start: int) -> int | None:
    """Where the negation of the name starting at ``start`` begins, or None when it is not negated."""
    clause = clause_of(d, start)[0]
    m = _NEGATED.search(d.text, clause, start)
    if m is None:
        return None
    at = m.start()
    while at > clause and (d.text[at - 1].isalnum() or d.text[at - 1] == "'"):  # "don't", not "n't"
        at -= 1
    return at


def not_had(d: Draft, ids: list[str], quote: str) -> None:
    """A hardware mention the text denies: a note, and an earlier ownership of it taken back."""
    shown = ids[0] if len(ids) == 1 else " or ".join(ids[:3])
    owned = d.profile.owned_hardware
    if owned is not None and owned in ids:
        note = f"read '{quote}' as: you don't own the {owned} — priced as a purchase now"
        d.set("owned_hardware", None, note, together="not owned")
        d.set("owned_units", None, together="not owned")
        return
    d.notes.append(f"read '{quote}' as: no {shown} on hand (not taken as your hardware)")
