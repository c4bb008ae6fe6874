"""next_question: the missing field that matters most comes first; None when enough is known."""

from __future__ import annotations

import tomllib

import pytest

from advisor.interview import next_question, read_answer
from advisor.interview.questions import missing_fields, question_texts
from advisor.prompts import load
from advisor.tools.catalog import Catalog
from advisor.tools.profile import WorkloadProfile
from tests.unit.test_interview_support import build_small_catalog


@pytest.fixture(scope="module")
def small_catalog() -> Catalog:
    return build_small_catalog()


COMPLETE = WorkloadProfile(
    requests_per_day=5000,
    input_tokens_per_request=2000,
    output_tokens_per_request=300,
    privacy="internal",
    hardware="rtx-4090-24gb",
    electricity_usd_per_kwh=0.3,
    frontier_share=0.1,
)


def _asked(profile: WorkloadProfile) -> str | None:
    q = next_question(profile)
    return q.field if q else None


def test_order_on_the_per_request_path():
    steps = [
        ({}, "requests_per_day"),
        ({"requests_per_day": 5000}, "input_tokens_per_request"),
        ({"input_tokens_per_request": 2000}, "privacy"),  # a recommendation can be shown: constraints first
        ({"privacy": "sensitive"}, "output_tokens_per_request"),
        ({"output_tokens_per_request": 300}, "hardware"),
        ({"hardware": "rtx-4090-24gb"}, "electricity_usd_per_kwh"),
        ({"electricity_usd_per_kwh": 0.3}, "frontier_share"),
        ({"frontier_share": 0.1}, None),
    ]
    profile = WorkloadProfile()
    for update, expected in steps:
        profile = profile.model_copy(update=update)
        assert _asked(profile) == expected, update


def test_monthly_volume_asks_for_the_output_share_not_per_request_tokens():
    profile = WorkloadProfile(monthly_input_tokens=300e6, privacy="internal")
    assert _asked(profile) == "monthly_output_tokens"
    assert _asked(profile.model_copy(update={"monthly_output_tokens": 0})) == "hardware"
    assert _asked(profile.model_copy(update={"privacy": None})) == "privacy"  # constraints before costs


def test_none_when_complete():
    assert next_question(COMPLETE) is None
    assert missing_fields(COMPLETE) == []


@pytest.mark.parametrize(
    ("update", "skipped"),
    [
        ({"hardware": None, "budget_usd_per_month": 500}, "hardware"),  # a budget answers the hardware question
        ({"hardware": None, "local_model": "llama-3.3-70b"}, "hardware"),
        ({"frontier_share": None, "routine_tier": "frontier"}, "frontier_share"),  # all of it is frontier anyway
    ],
)
def test_questions_another_answer_makes_moot(update, skipped):
    assert skipped not in missing_fields(COMPLETE.model_copy(update=update))


def test_volume_comes_before_privacy_even_when_privacy_is_known():
    assert _asked(WorkloadProfile(privacy="regulated")) == "requests_per_day"


def test_declined_fields_are_skipped():
    profile = COMPLETE.model_copy(update={"hardware": None, "electricity_usd_per_kwh": None})
    assert _asked(profile) == "hardware"
    assert next_question(profile, skip={"hardware"}).field == "electricity_usd_per_kwh"
    assert next_question(profile, skip={"hardware", "electricity_usd_per_kwh"}) is None


def test_every_question_has_text_from_the_prompts_file():
    tables = tomllib.loads(load("questions.toml"))
    texts = question_texts()
    every_field = set(missing_fields(WorkloadProfile())) | {"output_tokens_per_request", "monthly_output_tokens"}
    assert every_field <= set(tables)
    for field in every_field:
        assert texts[field].strip() and "{" not in texts[field], field
    assert "$0.16" in texts["electricity_usd_per_kwh"]  # filled from the stated default


def test_question_fields_are_profile_fields():
    assert set(question_texts()) <= set(WorkloadProfile.model_fields)


def test_a_scripted_interview_reaches_the_end(small_catalog):
    """Answer each question the way a person would; the interview must finish, in order."""
    answers = {
        "requests_per_day": "about 5k a day",
        "input_tokens_per_request": "2k in, 300 out",
        "privacy": "customer PII",
        "hardware": "two used 3090s",
        "electricity_usd_per_kwh": "30 cents",
        "frontier_share": "the hardest 10%",
    }
    profile, asked, seen = WorkloadProfile(), [], 0
    while (q := next_question(profile)) is not None:
        seen += 1
        assert seen <= len(answers), f"asked {q.field} again"
        asked.append(q.field)
        reading = read_answer(answers[q.field], profile, small_catalog, asked=q.field)
        profile = profile.model_copy(update=reading.changes)
    assert asked == list(answers)
    assert profile.model_dump(exclude_none=True) == {
        "requests_per_day": 5000.0,
        "input_tokens_per_request": 2000.0,
        "output_tokens_per_request": 300.0,
        "privacy": "sensitive",
        "owned_hardware": "dual-rtx-3090-48gb-used",  # the question asks what they already have
        "owned_units": 1,
        "electricity_usd_per_kwh": pytest.approx(0.30),
        "frontier_share": pytest.approx(0.10),
    }


def test_a_question_is_asked_twice_at_most_and_the_second_time_offers_choices():
    first = next_question(WorkloadProfile())
    assert first is not None and first.field == "requests_per_day" and not first.again
    second = next_question(WorkloadProfile(), asked={"requests_per_day": 1})
    assert second is not None and second.field == "requests_per_day" and second.again
    assert "Pick one" in second.text and "1,000" in second.text
    third = next_question(WorkloadProfile(), asked={"requests_per_day": 2})
    assert third is not None and third.field != "requests_per_day"


def test_regulated_data_a_contract_lets_out_is_asked_its_frontier_share_before_the_box(small_catalog):
    """PHI under a BAA with AWS may go to Bedrock, but only a share the user states goes there: the
    question comes before the hardware one, says that "don't know" means none, and "don't know" is
    read as none (not the 10% other data assumes)."""
    volume = dict(requests_per_day=5000, input_tokens_per_request=2000, output_tokens_per_request=300)
    phi = WorkloadProfile(**volume, privacy="regulated", contract=["aws"], agreement="baa")
    q = next_question(phi)
    assert q.field == "frontier_share" and "'Don't know' uses 0%" in q.text
    reading = read_answer("don't know", phi, small_catalog, asked="frontier_share")
    assert reading.changes["frontier_share"] == 0.0
    internal = phi.model_copy(update={"privacy": "internal"})
    assert _asked(internal) == "hardware"
    assert (
        "'Don't know' uses 10%"
        in next_question(internal.model_copy(update={"hardware": "rtx-4090-24gb", "electricity_usd_per_kwh": 0.3})).text
    )
    assert read_answer("don't know", internal, small_catalog, asked="frontier_share").changes["frontier_share"] == 0.1
    at_home = phi.model_copy(update={"contract": None, "agreement": None})  # on site until told: asked last
    assert _asked(at_home) == "data_boundary"
