"""Derivation steps (advisor/interview/derivation.py, catalog/derivation.toml): a claim records how
its value was derived from the words, and the arbiter writes it only when its field allows every
step; a claim that took any other step is asked, with its reading as a choice."""

from __future__ import annotations

import re

import pytest

from advisor.interview.arbiter import arbitrate
from advisor.interview.derivation import DerivationError, derivations, parse
from advisor.interview.draft import Draft
from advisor.interview.reader import read_answer, read_draft
from advisor.tools.profile import WorkloadProfile

EMPTY = WorkloadProfile()


def test_a_claim_whose_steps_are_all_allowed_is_written(catalog):
    d = Draft("2,800 a week", EMPTY, catalog)
    d.set("requests_per_day", 400.0, span=(0, 12), steps=["period_stated"])
    arbitrate(d)
    assert d.changes == {"requests_per_day": 400.0}


def test_a_claim_that_took_a_step_its_field_does_not_allow_is_asked_not_written(catalog):
    d = Draft("300 stations every hour", EMPTY, catalog)
    claim = d.set("requests_per_day", 7200.0, span=(0, 23), label="7,200 requests a day")
    claim.step("multiplied_by_untied_count", "is it each station's, or all of them together?")
    arbitrate(d)
    assert d.changes == {} and d.held == {"requests_per_day"}
    (question,) = d.ambiguous
    assert "7,200 requests a day" in question and "each station's, or all of them together" in question


def test_the_same_step_is_allowed_for_one_field_and_not_another():
    table = derivations()
    assert table.allows("requests_per_day", "multiplied_by_tied_count")
    assert not table.allows("input_tokens_per_request", "multiplied_by_tied_count")
    assert not table.allows("requests_per_day", "share_applied")


def test_a_step_nobody_declared_is_an_error_not_a_pass():
    with pytest.raises(DerivationError, match="unknown derivation step 'guessed'"):
        derivations().allows("requests_per_day", "guessed")


def test_the_table_names_the_unknown_step_it_allows():
    text = '[steps]\ndirect = "as said"\n[allowed]\ndefault = ["direct"]\nrequests_per_day = ["direct", "guess"]\n'
    with pytest.raises(DerivationError, match=re.escape("allowed.requests_per_day: unknown step 'guess'")):
        parse(text)


def test_a_rate_times_the_people_tied_to_it_records_that_step_and_is_written(catalog):
    d = read_draft("50 developers, 40 prompts each a day", EMPTY, catalog)
    (claim,) = [c for c in d.claims if c.field == "requests_per_day"]
    assert claim.steps == ["direct", "multiplied_by_tied_count"]
    assert d.changes["requests_per_day"] == 2000


def test_a_weekly_rate_records_the_calendar_step(catalog):
    d = read_draft("about 2,800 tickets a week", EMPTY, catalog)
    (claim,) = [c for c in d.claims if c.field == "requests_per_day"]
    assert claim.steps == ["period_stated"] and d.changes["requests_per_day"] == 400


def test_the_times_count_reading_records_an_untied_count_and_both_readings_are_asked(catalog):
    reading = read_answer("4,000 students use it, maybe 3 sessions a week", EMPTY, catalog)
    assert "requests_per_day" not in reading.changes
    d = read_draft("4,000 students use it, maybe 3 sessions a week", EMPTY, catalog)
    steps = sorted(tuple(c.steps) for c in d.claims if c.field == "requests_per_day")
    assert steps == [("period_stated",), ("period_stated", "multiplied_by_untied_count")]


def test_a_pick_of_an_offered_choice_is_written_whatever_the_reading_took(catalog):
    asked = read_answer("4,000 students use it, maybe 3 sessions a week", EMPTY, catalog)
    picked = read_answer("2", EMPTY, catalog, open_choices=asked.open_choices)
    assert picked.changes["requests_per_day"] == pytest.approx(4000 * 3 / 7)
