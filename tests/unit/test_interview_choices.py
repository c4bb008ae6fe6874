"""A choice the second asking offers, picked by its name ("document" to "Pick one — short chat
(500 in, 200 out), document (4,000 in, 500 out) or long context (…)"), reads as what it says."""

from __future__ import annotations

import pytest

from advisor.interview.choices import offered
from advisor.interview.questions import again_texts
from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

CATALOG = load_catalog()
ASKED = "input_tokens_per_request"


def _changes(text: str, asked: str | None = ASKED) -> dict:
    return read_answer(text, WorkloadProfile(), CATALOG, asked=asked).changes


def test_the_choices_are_the_ones_the_question_shows():
    choices = offered(ASKED)
    assert len(choices) >= 2
    for name, spec in choices.items():
        assert f"{name} ({spec})" in again_texts()[ASKED].lower()


@pytest.mark.parametrize("name", sorted(offered(ASKED)))
def test_each_choice_by_name_reads_as_its_figures(name):
    spec = offered(ASKED)[name]
    expected = _changes(spec)
    assert expected  # the choice's own figures read
    assert _changes(name) == expected
    assert _changes(f"let's say {name.title()}, I guess") == expected


def test_the_last_word_of_a_name_picks_it():
    assert _changes("long context") == _changes("context")


def test_figures_given_beat_a_choice_named():
    changes = _changes("document, but more like 6k in and 500 out")
    assert changes["input_tokens_per_request"] == 6000


def test_a_choice_name_answers_only_its_question():
    assert _changes("document", asked="requests_per_day") == {}
    assert _changes("document", asked=None) == {}
