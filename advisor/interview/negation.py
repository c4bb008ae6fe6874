"""Hardware named to say the team does not have it: "we don't have a 4090", "no 4090 here", "we
never bought the H100s". Such a mention is not the hardware to price, and it takes back an
ownership said earlier; answering the hardware question that way is "no hardware yet"."""

from __future__ import annotations

from typing import Any

from advisor.interview.draft import Draft
from advisor.interview.lazy import lazy
from advisor.interview.vocab import alternation, vocab

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


_IN_WORDS: dict[str, Any] = {}


def negated_in_words(d: Draft, start: int) -> int | None:
    """Where a word of another language denying the name at ``start`` begins ([cues.name_negators]:
    "pas une A100", "keine A100", "nicht die A100"), with only a hardware phrase's words
    ([cues.owned_phrase], [cues.owned]) between them; None when there is none."""
    if "rx" not in _IN_WORDS:
        negators = alternation(vocab().cue("name_negators"))
        between = alternation([*vocab().cue("owned_phrase"), *vocab().cue("owned")])
        _IN_WORDS["rx"] = lazy(rf"(?<![\w-])(?:{negators})\s+(?:(?:{between})\s+){{0,3}}$")
    clause = clause_of(d, start)[0]
    m = _IN_WORDS["rx"].search(d.original.lower(), clause, start)
    return m.start() if m is not None else None


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
