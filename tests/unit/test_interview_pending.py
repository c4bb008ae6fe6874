"""A question with options the advisor asked ("on the API, or on your own hardware?") stays open in
the session, so the next answer can pick it by name or number; an answer about something else keeps
it for one more answer (asked again), a value given another way or "neither" drops it. The messages
here are the tuned share of tests/corpus/choices.jsonl and a few of their kind; the held-out share is
scored by tests/bench/bench_reading.py."""

from __future__ import annotations

import pytest

from advisor.config import load_config
from advisor.interview.reader import read_answer
from advisor.session import Session
from advisor.state import SessionState
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

SCOUT = "We are looking at llama 4 scout for 500 requests a day, 2k in, 300 out."
TWO_NAMED = "We use sonnet 4.5 and opus 4.5, about 1,000 requests a day, 3k in, 500 out."
SONNET = "We run sonnet for 2,000 requests a day, 1k in, 200 out."
BUDGET = "Around 1,000 requests a day, 2k in, 300 out. Our budget is $2,000."


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _after(catalog, before: str, text: str, asked: str | None = "privacy"):
    first = read_answer(before, WorkloadProfile(), catalog)
    assert first.open_choices, first
    profile = WorkloadProfile.model_validate({**WorkloadProfile().model_dump(), **first.changes})
    return read_answer(text, profile, catalog, asked=asked, open_choices=first.open_choices)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("own hardware", "local_model"),
        ("the API one", "cloud_model"),
        ("2", "local_model"),
        ("locally", "local_model"),
        ("we'd host it ourselves", "local_model"),
        ("the first one", "cloud_model"),
        ("hosted", "cloud_model"),
        ("option 1", "cloud_model"),
        ("on our own box", "local_model"),
        ("Self-hosted.", "local_model"),
        ("through an API provider", "cloud_model"),
        ("not the API — our own hardware", "local_model"),
        ("own GPUs", "local_model"),
        ("on-prem", "local_model"),
    ],
)
def test_the_api_or_own_hardware_is_answered_by_name_or_number(catalog, text, field):
    reading = _after(catalog, SCOUT, text)
    other = "cloud_model" if field == "local_model" else "local_model"
    assert reading.changes.get(field) == "llama-4-scout" and other not in reading.changes
    assert reading.open_choices == [] and reading.unread == []
    assert any("as the choice" in n for n in reading.notes)


def test_a_pick_and_a_new_fact_in_one_answer(catalog):
    reading = _after(catalog, SCOUT, "cloud, and it's all public data")
    assert reading.changes == {"cloud_model": "llama-4-scout", "privacy": "public"}


@pytest.mark.parametrize(
    ("before", "text", "want"),
    [
        (TWO_NAMED, "opus", "claude-opus-4-5"),
        (TWO_NAMED, "the sonnet one", "claude-sonnet-4-5"),
        (TWO_NAMED, "2nd", "claude-opus-4-5"),
        (SONNET, "4.6", "claude-sonnet-4-6"),
        (SONNET, "the 4.5 one", "claude-sonnet-4-5"),
        (SONNET, "sonnet 5", "claude-sonnet-5"),
    ],
)
def test_which_model_is_answered_by_the_words_that_tell_them_apart(catalog, before, text, want):
    reading = _after(catalog, before, text)
    assert reading.changes.get("cloud_model") == want and reading.unread == []


def test_a_budget_a_month_or_one_off(catalog):
    assert _after(catalog, BUDGET, "monthly").changes.get("budget_usd_per_month") == 2000
    one_off = _after(catalog, BUDGET, "one-off, for hardware")
    assert "budget_usd_per_month" not in one_off.changes and one_off.open_choices == []


def test_a_bare_number_no_option_has_answers_the_count_question_and_the_choice_stays(catalog):
    """After "how many requests a day?" a lone "5000" is that count and the choice stays open; a lone
    "2" is the choice's second option (never 2 requests a day: tests/unit/test_pending_numbers.py)."""
    reading = _after(catalog, SCOUT, "5000", asked="requests_per_day")
    assert reading.changes == {"requests_per_day": 5000} and len(reading.open_choices) == 1
    assert _after(catalog, SCOUT, "2", asked="requests_per_day").changes == {"local_model": "llama-4-scout"}


def test_an_answer_about_something_else_keeps_it_once_and_asks_again(catalog):
    first = read_answer(SCOUT, WorkloadProfile(), catalog)
    second = read_answer("it's internal data", WorkloadProfile(), catalog, "privacy", first.open_choices)
    assert second.changes == {"privacy": "internal"}
    assert len(second.open_choices) == 1 and any("still open" in a for a in second.ambiguous)
    third = read_answer("about 20 cents a kWh", WorkloadProfile(), catalog, None, second.open_choices)
    assert third.open_choices == []


def test_the_field_given_another_way_or_neither_drops_it(catalog):
    named = _after(catalog, SCOUT, "neither, actually we want sonnet 4.5")
    assert named.changes.get("cloud_model") == "claude-sonnet-4-5" and named.open_choices == []
    first = read_answer(SCOUT, WorkloadProfile(), catalog)
    other = read_answer("we want sonnet 4.5", WorkloadProfile(), catalog, "privacy", first.open_choices)
    assert other.changes.get("cloud_model") == "claude-sonnet-4-5" and other.open_choices == []


def test_the_session_keeps_the_choice_between_turns_and_set_settles_it():
    session = Session.open(load_config(local="none", offline=True))
    list(session.turn(SCOUT))
    assert len(session.state.open_choices) == 1
    saved = SessionState.model_validate_json(session.state.model_dump_json())
    assert saved.open_choices == session.state.open_choices  # stored whole, as JSON
    answer = list(session.turn("own hardware"))[-1].answer
    assert session.state.profile.local_model == "llama-4-scout" and session.state.open_choices == []
    assert "Llama 4 Scout" in answer
    list(session.turn("we use groq scout"))  # a name that is one thing only: no question
    assert session.state.open_choices == []

    again = Session.open(load_config(local="none", offline=True))
    list(again.turn(SCOUT))
    again.set_field("cloud_model", "claude-sonnet-4-5")
    assert again.state.open_choices == []


def test_a_session_saved_before_open_choices_existed_loads():
    state = SessionState.model_validate_json('{"profile": {"requests_per_day": 10}, "asked": "privacy"}')
    assert state.open_choices == [] and state.asked == "privacy"
