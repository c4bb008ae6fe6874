"""A box said to be powered, and one that stays on whatever this work does: 'the server runs 24/7
anyway', 'der Server läuft sowieso rund um die Uhr', "it's on for other work" (catalog/reading.toml
cues.box, box_on, powered, powered_anyway, other_work). Hours said about a box are its powered hours, not the
hours the requests arrive in; a box on anyway pays its idle draw either way (powered_anyway)."""

from __future__ import annotations

from typing import Any

from advisor.interview.draft import Draft
from advisor.interview.lazy import lazy
from advisor.interview.vocab import alternation, vocab

_PATTERNS: dict[str, Any] = {}


def _words(cue: str) -> Any:
    """Any of ``cue``'s phrases as a whole word, in every language."""
    if cue not in _PATTERNS:
        _PATTERNS[cue] = lazy(rf"(?<![\w-])(?:{alternation(vocab().cue(cue))})(?![\w-])")
    return _PATTERNS[cue]


def box_clauses(d: Draft) -> list[tuple[int, int, int, int]]:
    """The clauses that say a box is powered, each with its box word's span: a box word and an on-word in
    one clause ('the server runs 24/7')."""
    text = d.canonical or d.text
    found: list[tuple[int, int, int, int]] = []
    for m in _words("box").finditer(text):
        start, end = d.clause(m.start())
        if all(c[:2] != (start, end) for c in found) and _words("box_on").search(text[start:end]):
            found.append((start, end, m.start(), m.end()))
    for m in _words("powered").finditer(text):  # 'powered 24/7': a box meant, with no box word
        start, end = d.clause(m.start())
        if all(c[:2] != (start, end) for c in found):
            found.append((start, end, m.start(), m.end()))
    return found


def box_hours(d: Draft, pos: int) -> bool:
    """Hours at ``pos`` said of a box that is on, not of the work: 'powered 24/7', 'the server runs 24/7
    anyway' ('the workstation running 24/7 doing batch annotation' is the work's hours)."""
    start, end = d.clause(pos)
    if _words("powered").search(d.canonical or d.text, start, end):
        return True
    return any(start <= at < end for at, _ in on_anyway(d))


def on_anyway(d: Draft) -> list[tuple[int, int]]:
    """The words that say a box stays on whatever this work does: a word for 'anyway' in a clause that
    says a box is powered ('der Server läuft sowieso'), or 'for other work' after an on-word ("it's on
    for other work", 'the node runs 24/7 for training'; 'used for training runs' is no box on)."""
    text = d.canonical or d.text
    for start, end, box_start, box_end in box_clauses(d):
        m = _words("powered_anyway").search(text, start, end)
        if m is not None:
            return [(box_start, box_end), m.span()]
    for m in _words("other_work").finditer(text):
        start, _ = d.clause(m.start())
        on = _words("box_on").search(text, start, m.start())
        if on is not None:
            return [on.span(), m.span()]
    return []


def read_powered_anyway(d: Draft) -> None:
    """'the node runs 24/7 for training anyway': the owned box stays on whatever this work does."""
    spans = sorted(on_anyway(d))
    if spans:
        quote = d.quote(spans[0][0], spans[-1][1])
        note = f"read '{quote}' as: the hardware stays on anyway (its idle draw is paid either way)"
        d.set("powered_anyway", True, note, spans=spans)
