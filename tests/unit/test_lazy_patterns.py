"""Patterns with cues (advisor/interview/lazy.py) find exactly what the plain pattern finds: a text
that holds no cue is not searched, and nothing a search would have found is lost by that. Checked
on the reader's own cue-gated patterns (the boundary's phrases, the foreign words written over in
English, a what-if's price change) against re.compile of the same pattern, with hypothesis."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.interview.boundary import _patterns
from advisor.interview.forms import _foreign_table
from advisor.interview.lazy import lazy, of_phrases
from advisor.interview.whatif_terms import PRICE_CHANGE


def gated() -> list:
    return [*(p for p in _patterns().values() if p.cues is not None), _foreign_table()[0], PRICE_CHANGE]


PIECES = sorted({cue for p in gated() for cue in p.cues})
NOISE = ["", " ", "-", "  ", "\n", "we send ", "800 a day", "20 %", "prices drop 20%", "das ", "Token ", "x"]
texts = st.lists(st.sampled_from(PIECES) | st.sampled_from(NOISE) | st.text(max_size=6), max_size=8).map(
    lambda parts: "".join(parts)
)


@settings(max_examples=300, deadline=None)
@given(texts, st.booleans())
def test_a_gated_pattern_finds_what_the_plain_one_finds(text, upper):
    text = text.upper() if upper else text
    for pattern in gated():
        plain = re.compile(pattern.pattern, pattern.flags)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], pattern.pattern[
            :80
        ]
        assert (pattern.search(text) is None) == (plain.search(text) is None)


def test_a_text_without_a_cue_is_not_searched():
    pattern = of_phrases(r"(?<![\w])(?:pro[\s-]*tag)(?![\w])", ["pro tag"])
    assert pattern.search("800 a day") is None
    assert pattern._compiled is None and pattern._last is None  # never compiled, whole or cut
    assert pattern.search("800 pro-tag").group(0) == "pro-tag"
    assert pattern._last is not None and pattern._last[1] is not None  # compiled (cut) for that text


def test_cues_of_a_case_blind_pattern_are_case_blind():
    pattern = lazy(r"price\s+drop", re.IGNORECASE, cues=("Price",))
    assert pattern.sub("x", "no cue here") == "no cue here" and pattern._compiled is None
    assert pattern.search("PRICE DROP") is not None
