"""The share of hard work as people revise it: a share said again after a correction word ('the
hardest 10%... actually more like 5%') is asked between the two, not the first one taken; a routine
cue said of 'the rest' is not the share's complement ('the complex ones, 15%? the rest are routine'
is not 85% hard); a correction word about something else leaves the share read."""

from __future__ import annotations

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile


def read(text: str):
    return read_answer(text, WorkloadProfile(), load_catalog(), asked="frontier_share")


def test_a_share_revised_after_a_correction_word_is_asked():
    reading = read("The hardest 10%... actually more like 5%, just the escalations.")
    assert "frontier_share" not in reading.changes
    assert any("10%" in q and "5%" in q for q in reading.ambiguous)


def test_a_routine_cue_about_the_rest_is_not_the_complement():
    assert read("so maybe the complex ones, 15%? the rest are routine follow ups").changes.get("frontier_share") != 0.85


def test_a_correction_about_something_else_keeps_the_share():
    reading = read("5% of turns are hard. Actually the volume is 30% higher on Mondays.")
    assert reading.changes["frontier_share"] == 0.05
    assert read("80% is routine").changes["frontier_share"] == 0.2
