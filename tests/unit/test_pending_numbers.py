"""An answer that is only an option's number ("2", "die zweite", "the last") answers a choice the
advisor asked with numbered options — never the question asked beside it: it is not 2 output tokens
nor 2 requests a day. With two choices it could answer, it asks which one (and the one not meant is
asked again once); a bare word for none closes the one open choice when the question beside it
offers no "none". Found by three new users in the TUI (last session's notes)."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.text.words import Words
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

VOLUME = "Wir sind ein Steueramt, etwa 350 Bescheide am Tag in 3 Abteilungen, personenbezogene Daten."
SIDE = "We are looking at llama 4 scout for 500 requests a day, 2k in, 300 out."
SIDE_AND_BUDGET = SIDE + " Our budget is $2,000."


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _first(catalog, text: str):
    reading = read_answer(text, WorkloadProfile(), catalog)
    profile = WorkloadProfile.model_validate({**WorkloadProfile().model_dump(), **reading.changes})
    return reading, profile


def _answer(catalog, before: str, text: str, asked: str | None):
    first, profile = _first(catalog, before)
    assert first.open_choices, first
    return read_answer(text, profile, catalog, asked=asked, open_choices=first.open_choices)


@pytest.mark.parametrize("asked", ["output_tokens_per_request", "input_tokens_per_request", "requests_per_day"])
def test_a_lone_two_picks_the_open_choice_not_the_size_asked_beside_it(catalog, asked):
    reading = _answer(catalog, VOLUME, "2", asked)
    assert reading.changes == {}  # "another figure": no size, no volume written
    assert any("as the choice: another figure" in n for n in reading.notes)
    assert reading.open_choices == []


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("die zweite", "local_model"),
        ("la première", "cloud_model"),
        ("el segundo", "local_model"),
        ("Nummer 2", "local_model"),
        ("the last one", "local_model"),
        ("2.", "local_model"),
    ],
)
def test_an_option_named_by_its_place_in_any_language(catalog, text, field):
    reading = _answer(catalog, SIDE, text, "output_tokens_per_request")
    assert reading.changes == {field: "llama-4-scout"}


def test_two_choices_open_a_lone_number_asks_which_and_the_other_is_asked_again(catalog):
    first, profile = _first(catalog, SIDE_AND_BUDGET)
    assert len(first.open_choices) == 2
    which = read_answer("2", profile, catalog, asked="privacy", open_choices=first.open_choices)
    assert which.changes == {}
    assert len(which.open_choices) == 1 and which.ambiguous[0].startswith("which question does '2' answer?")
    picked = read_answer("1", profile, catalog, asked="privacy", open_choices=which.open_choices)
    assert picked.changes == {"local_model": "llama-4-scout"}
    (budget,) = picked.open_choices  # the budget's question, asked again once
    assert budget.fields == ["budget_usd_per_month"] and any("still open" in a for a in picked.ambiguous)
    settled = read_answer("monthly", profile, catalog, asked="privacy", open_choices=picked.open_choices)
    assert settled.changes == {"budget_usd_per_month": 2000} and settled.open_choices == []


@pytest.mark.parametrize("word", ["keine", "none", "aucune"])
def test_a_bare_none_closes_the_choice_when_the_question_beside_it_offers_no_none(catalog, word):
    reading = _answer(catalog, VOLUME, word, "requests_per_day")
    assert reading.open_choices == [] and reading.changes == {} and reading.declined == []


def test_the_none_note_names_the_options_as_asked_and_reads_in_german(catalog):
    (note,) = _answer(catalog, VOLUME, "keine", "requests_per_day").notes
    assert note == "read 'keine': none of 1) 350 requests a day or 2) another figure"
    assert Words(lang="de").phrase(note) == "'keine' gelesen: keine von 1) 350 Anfragen am Tag oder 2) eine andere Zahl"


def test_a_bare_none_still_answers_the_hardware_question_it_was_offered_for(catalog):
    reading = _answer(catalog, VOLUME, "keine", "hardware")
    assert "hardware" in reading.declined and len(reading.open_choices) == 1


def test_a_choice_left_open_is_asked_again_once_not_forever(catalog):
    first, profile = _first(catalog, VOLUME)
    second = read_answer(
        "wir zahlen 0,28 € pro kWh", profile, catalog, asked="hardware", open_choices=first.open_choices
    )
    assert len(second.open_choices) == 1 and any("still open" in a for a in second.ambiguous)
    third = read_answer("keine Ahnung", profile, catalog, asked="hardware", open_choices=second.open_choices)
    assert third.open_choices == [] and not any("still open" in a for a in third.ambiguous)


@pytest.mark.parametrize("asked", ["input_tokens_per_request", "output_tokens_per_request", "monthly_input_tokens"])
@pytest.mark.parametrize("text", ["1", "2", "3"])
def test_a_lone_option_number_is_never_a_token_size_even_with_no_choice_open(catalog, asked, text):
    """The choices had gone (asked, reminded, dropped) and the size question's second wording lists its
    options: a lone '1' is asked back, not written as 1 token (a tester's German session last stop)."""
    reading = read_answer(text, WorkloadProfile(), catalog, asked=asked)
    assert reading.changes == {} and reading.ambiguous and "token count that small" in reading.ambiguous[0]


def test_a_size_with_its_unit_or_a_real_figure_is_still_read(catalog):
    assert read_answer("300", WorkloadProfile(), catalog, asked="input_tokens_per_request").changes == {
        "input_tokens_per_request": 300
    }
    assert read_answer("2 tokens", WorkloadProfile(), catalog, asked="output_tokens_per_request").changes == {
        "output_tokens_per_request": 2
    }
