"""The busy hour as a multiple of the average: 'the peak is 2× the average', 'peaks at twice the
average', 'Spitzenlast das Dreifache des Durchschnitts' → ``peak_factor`` (tools/busy_hour.py sizes
the local units for it). Strict: a peak word (catalog/reading.toml cues.peak), one multiplier
(a number with x/×/times, or a word of cues.twice or cues.thrice) followed by the plain average
(cues.average, with only articles or 'of' between: '3x the weekly avg' is not the window's average),
in one clause that asks nothing; anything else writes nothing."""

from __future__ import annotations

import re

from advisor.interview.contract_terms import asks, cue_words
from advisor.interview.draft import Draft
from advisor.interview.vocab import vocab

_WORDS = (("twice", 2.0), ("thrice", 3.0))
_TIMES = re.compile(r"(?<![\w.,])(\d{1,2}(?:[.,]\d+)?)\s?(?:x|times|mal|fois|veces|volte|keer|vezes|razy)(?![\w])")


def _of_the_average(d: Draft, after: int, end: int) -> bool:
    """The multiplier ending at ``after`` is of the plain average: only articles and 'of' before an
    average word, in the clause."""
    m = cue_words("average").search(d.text, after, end)
    if m is None:
        return False
    between = d.text[after : m.start()].replace("'", "' ").split()
    allowed = set(vocab().cue("of_the"))  # articles and 'of' ('3x the weekly avg' is a qualified average)
    return len(between) <= 3 and all(w in allowed for w in between)


def read_peak_factor(d: Draft) -> None:
    for m in cue_words("peak").finditer(d.text):
        start, end = d.clause(m.start())
        if asks(d, start, end) or not cue_words("average").search(d.text, start, end):
            continue
        figures = [(float(f.group(1).replace(",", ".")), f.span()) for f in _TIMES.finditer(d.text, start, end)]
        words = [(n, w.span()) for cue, n in _WORDS for w in cue_words(cue).finditer(d.text, start, end)]
        found = figures + words
        if len(found) != 1 or not 1 < found[0][0] <= 100 or not _of_the_average(d, found[0][1][1], end):
            continue
        factor, span = found[0]
        quote = d.quote(min(m.start(), span[0]), max(m.end(), span[1]))
        note = f"read '{quote}' as: the busiest hour {factor:g}× the average"
        d.set("peak_factor", factor, note, spans=sorted([m.span(), span]))
        d.consume(*span)
        return
