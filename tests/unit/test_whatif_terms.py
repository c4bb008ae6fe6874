"""What-ifs about prices, batch, cache and quality: each moves the field it names (a price what-if
never scales volume); one the advisor cannot model says so and lists what it can."""

from __future__ import annotations

import pytest

from advisor.config import load_config
from advisor.events import ScenarioComputed, ToolAnswered
from advisor.interview.whatif import read_whatif
from advisor.session import Session
from advisor.tools.compare import CompareInput, compare
from advisor.tools.profile import WorkloadProfile

PROFILE = WorkloadProfile(
    requests_per_day=3000, input_tokens_per_request=1500, output_tokens_per_request=300, privacy="internal"
)

WHATIFS = [
    ("what if cloud prices drop 20%?", {"cloud_price_factor": pytest.approx(0.8)}),
    ("what if prices drop 20%?", {"cloud_price_factor": pytest.approx(0.8)}),
    ("what if API prices halve?", {"cloud_price_factor": pytest.approx(0.5)}),
    ("cloud prices +15%", {"cloud_price_factor": pytest.approx(1.15)}),
    ("what if prices go up 5%?", {"cloud_price_factor": pytest.approx(1.05)}),
    ("what if tokens were 20% cheaper?", {"cloud_price_factor": pytest.approx(0.8)}),
    ("what if OpenAI raises prices 10%?", {"price_factors": {"openai": pytest.approx(1.1)}}),
    ("what if Anthropic cuts its prices by 50%?", {"price_factors": {"anthropic": pytest.approx(0.5)}}),
    ("what if gpt-5 gets 30% cheaper?", {"price_factors": {"gpt-5": pytest.approx(0.7)}}),
    ("what if electricity prices rise 20%?", {"electricity_usd_per_kwh": pytest.approx(0.192)}),
    ("what if 30% goes through the batch API?", {"batch_share": pytest.approx(0.3)}),
    ("what if we batch everything?", {"batch_share": 1.0}),
    ("what if 60% of input is cached?", {"cached_input_share": pytest.approx(0.6)}),
    ("what if the cheapest thing that's good enough will do?", {"routine_tier": "budget", "frontier_share": 0.0}),
    ("what if volume doubles?", {"requests_per_day": pytest.approx(6000)}),
    ("what if traffic drops 20%?", {"requests_per_day": pytest.approx(2400)}),
    ("what if we used Gemini 2.5 Flash instead?", {"cloud_model": "gemini-2.5-flash"}),
]
CANNOT = [
    "what if we batch the nightly summaries?",
    "what if we cache the system prompt?",
    "what if hardware prices drop 20%?",
    "what if the moon were made of cheese?",
]


@pytest.mark.parametrize(("text", "expected"), WHATIFS)
def test_whatif_moves_the_field_it_names(catalog, text, expected):
    whatif = read_whatif(text, PROFILE, catalog)
    assert whatif is not None and whatif.unsupported is None
    assert whatif.changes == expected


@pytest.mark.parametrize("text", CANNOT)
def test_whatif_it_cannot_model_is_said(catalog, text):
    whatif = read_whatif(text, PROFILE, catalog)
    assert whatif is not None and whatif.unsupported is not None and not whatif.changes


def test_price_factor_scales_cloud_and_leaves_local_alone(catalog):
    base = dict(PROFILE.model_dump(exclude_none=True), top=50)
    now = {o.id: o for o in compare(CompareInput(**base), catalog).options}
    then = {o.id: o for o in compare(CompareInput(**base, cloud_price_factor=0.8), catalog).options}
    for oid, option in now.items():
        if oid in then and option.deployment == "cloud":
            assert then[oid].monthly_usd == pytest.approx(option.monthly_usd * 0.8)
        if oid in then and option.deployment == "local":
            assert then[oid].monthly_usd == pytest.approx(option.monthly_usd)


def test_batch_share_halves_the_batched_part_on_models_with_a_discount(catalog):
    one = dict(PROFILE.model_dump(exclude_none=True), cloud_model="gpt-5", frontier_share=0)
    full = compare(CompareInput(**one), catalog)
    batched = compare(CompareInput(**one, batch_share=1.0), catalog)
    pick = next(o for o in full.options if o.id == "cloud:gpt-5")
    then = next(o for o in batched.options if o.id == "cloud:gpt-5")
    assert then.monthly_usd == pytest.approx(pick.monthly_usd * (1 - catalog.cloud["gpt-5"].batch_discount))


def test_scenario_in_a_session_changes_prices_not_volume():
    session = Session.open(load_config(local="none", offline=True), session_name="prices")
    list(session.turn("3,000 tickets a day, 1,500 tokens in and 300 out each. Internal data."))
    events = list(session.turn("what if cloud prices drop 20%?"))
    scenario = next(e for e in events if isinstance(e, ScenarioComputed))
    assert scenario.changes == [{"field": "cloud_price_factor", "from": 1.0, "to": pytest.approx(0.8)}]
    before, after = [e.result for e in events if isinstance(e, ToolAnswered) and e.name == "compare"]
    assert after["profile"]["monthly_input_tokens"] == before["profile"]["monthly_input_tokens"]
    assert session.state.profile.cloud_price_factor is None  # a scenario, not a change to the profile


def test_unmodellable_whatif_answers_with_what_can_be_modelled():
    session = Session.open(load_config(local="none", offline=True), session_name="batch")
    list(session.turn("3,000 tickets a day, 1,500 tokens in and 300 out each. Internal data."))
    answer = list(session.turn("what if we batch the nightly summaries?"))[-1].answer
    assert answer.startswith("I can't model that yet")
    assert "I can model:" in answer and "batch share" in answer
