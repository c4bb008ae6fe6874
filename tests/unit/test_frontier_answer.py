"""An answer to "how much of the work needs a frontier model?" is read as that: the one share it
gives, in any words around it ('the legal ones, like 8%. the rest is easy', 'talvez uns 4%'); two
shares are asked between; an answer that opens with a word for none and gives no share is none."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile


def answer(text: str):
    return read_answer(text, WorkloadProfile(), load_catalog(), asked="frontier_share")


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("the legal ones, those are tricky. like 8%. the rest is easy", 0.08),
        ("nenhum na maior parte, talvez uns 4% por causa da regulação", 0.04),
        ("Eigentlich keins, außer den Sonderfällen, vielleicht 12 %.", 0.12),
        ("none really, it's classification. also we grew to 9k a day", 0.0),
        ("Nada, son resúmenes sencillos.", 0.0),
    ],
)
def test_an_answer_to_the_frontier_question_is_its_share(text, share):
    assert answer(text).changes.get("frontier_share") == pytest.approx(share)


def test_two_shares_in_the_answer_are_asked_between():
    reading = answer("Mostly simple, maybe 5% are hard. When the markets are wild it's more like 12%.")
    assert "frontier_share" not in reading.changes
    assert any("5%" in q and "12%" in q for q in reading.ambiguous)


def test_a_share_said_in_passing_elsewhere_is_not_the_frontier_share():
    reading = read_answer("About 30% of traffic comes at night.", WorkloadProfile(), load_catalog())
    assert "frontier_share" not in reading.changes


@pytest.mark.parametrize("text", ["Keine Ahnung, was ein Frontier-Modell ist.", "no idea what that means"])
def test_not_knowing_is_not_none(text):
    reading = answer(text)
    assert reading.changes.get("frontier_share") != 0  # not none: at most the question's default, as an assumption
    assert reading.sources.get("frontier_share") in (None, "assumed")
