"""compare and hybrid: constraints before cost, reasons as data, and figures that agree with the
calculators they are built from."""

from __future__ import annotations

import pytest

from advisor.tools.compare import CompareInput, compare, sweep
from advisor.tools.hybrid import HybridInput, hybrid

TRIAGE = dict(requests_per_day=5000, input_tokens_per_request=2000, output_tokens_per_request=300)


def test_regulated_data_never_recommends_the_cloud(catalog):
    result = compare(CompareInput(**TRIAGE, privacy="regulated", frontier_share=0), catalog)
    assert result.recommendation.deployment == "local"
    assert "regulated data stays on your own hardware" in result.recommendation.reasons
    for option in result.options:
        if option.cloud_models:
            assert not option.passes and any("regulated" in f for f in option.failed)


def test_regulated_data_assumes_no_frontier_share_but_keeps_a_stated_one(catalog):
    assumed = compare(CompareInput(**TRIAGE, privacy="regulated"), catalog)
    assert assumed.recommendation.deployment == "local"
    assert any(o.passes for o in assumed.options if not o.cloud_models)
    assert any("no share of the traffic needs a frontier API model" in a for a in assumed.assumptions)
    stated = compare(CompareInput(**TRIAGE, privacy="regulated", frontier_share=0.1), catalog)
    assert not any("frontier API model (regulated" in a for a in stated.assumptions)
    local = [o for o in stated.options if not o.cloud_models]
    assert local and all(any("frontier-tier" in f for f in o.failed) for o in local)  # a stated need is a conflict


@pytest.mark.parametrize(
    "boundary",
    [dict(contract=["aws"], agreement="baa"), dict(region="US"), dict(data_boundary="on_site", contract=["aws"])],
)
def test_an_assumed_frontier_share_never_sends_regulated_data_to_a_cloud(catalog, boundary):
    """A BAA with AWS lets PHI go to Bedrock, but no assumed 10% may put part of it there: the hard share
    a user did not state is none (said aloud), so no option routes a part of the work to a cloud model
    on that assumption; a share the user states still makes the hybrid."""
    assumed = compare(CompareInput(**TRIAGE, privacy="regulated", **boundary), catalog)
    assert not any(o.deployment == "hybrid" for o in assumed.options)
    assert assumed.recommendation.deployment != "hybrid"
    assert any("no share of the" in a and "frontier API model" in a for a in assumed.assumptions)
    assert not any("10% of traffic needs a frontier model" in a for a in assumed.assumptions)
    if "region" in boundary or boundary.get("agreement") == "baa":
        stated = compare(CompareInput(**TRIAGE, privacy="regulated", frontier_share=0.1, **boundary), catalog)
        assert any(o.deployment == "hybrid" for o in stated.options)


def test_an_open_boundary_keeps_the_default_frontier_share(catalog):
    result = compare(CompareInput(**TRIAGE, privacy="regulated", data_boundary="any"), catalog)
    assert any("10% of traffic needs a frontier model" in a for a in result.assumptions)
    sensitive = compare(CompareInput(**TRIAGE, privacy="sensitive", contract=["aws"]), catalog)
    assert any("10% of traffic needs a frontier model" in a for a in sensitive.assumptions)


def test_offline_rules_out_cloud_and_rented_gpus(catalog):
    result = compare(CompareInput(**TRIAGE, privacy="public", offline_required=True), catalog)
    assert result.recommendation.deployment == "local"
    assert all(not o.passes for o in result.options if o.cloud_models)


def test_quality_is_a_constraint_not_an_afterthought(catalog):
    budget_ok = compare(CompareInput(**TRIAGE, privacy="public", routine_tier="budget", frontier_share=0), catalog)
    strong = compare(CompareInput(**TRIAGE, privacy="public", routine_tier="strong", frontier_share=0), catalog)
    cheapest_budget = min(o.monthly_usd for o in budget_ok.options if o.deployment == "cloud")
    cheapest_strong = min(o.monthly_usd for o in strong.options if o.deployment == "cloud")
    assert cheapest_budget < cheapest_strong
    for o in strong.options:
        for model_id in o.cloud_models:
            assert catalog.cloud[model_id].tier in {"strong", "frontier"}


def test_tiny_volume_stays_cloud_and_says_the_rule_of_thumb(catalog):
    result = compare(
        CompareInput(
            requests_per_day=20, input_tokens_per_request=1000, output_tokens_per_request=200, privacy="public"
        ),
        catalog,
    )
    assert result.recommendation.deployment == "cloud"
    assert any("$200/month" in c for c in result.recommendation.context)


def test_hybrid_savings_agree_with_compare(catalog):
    profile = dict(**TRIAGE, privacy="public", hardware="rtx-4090-24gb")
    result = hybrid(HybridInput(**profile), catalog)
    cloud = min(o.monthly_usd for o in compare(CompareInput(**profile), catalog).options if o.deployment == "cloud")
    assert result.savings_vs_cloud_usd == pytest.approx(cloud - result.monthly_usd)
    assert result.monthly_usd == pytest.approx(result.local_monthly_usd + result.cloud_monthly_usd)


def test_breakeven_volume_is_where_the_winner_changes(catalog):
    # A box whose one unit still carries the break-even volume (beyond a unit's reach a second
    # unit moves the crossover: hosted gpt-oss-120b at $0.15/$0.60 puts a 4090's beyond it).
    inp = CompareInput(**TRIAGE, privacy="public", hardware="rtx-3090-24gb-used", frontier_share=0)
    result = compare(inp, catalog)
    volume = result.recommendation.breakeven_tokens_per_month
    assert volume
    base = result.profile["monthly_input_tokens"] + result.profile["monthly_output_tokens"]
    below, above = sweep(inp, catalog, [volume / base * 0.8, volume / base * 1.2])
    assert below.winner.startswith("cloud") and not above.winner.startswith("cloud")


def test_missing_volume_is_a_clear_error(catalog):
    from advisor.tools.base import ToolError

    with pytest.raises(ToolError, match="volume"):
        compare(CompareInput(privacy="public"), catalog)


def test_a_cloud_model_whose_context_cannot_hold_a_request_is_not_picked(catalog):
    """250K-token requests: hosted gpt-oss (131K context) and the 200K models are out, whatever
    their price; a user who names one sees why."""
    long = dict(requests_per_day=1200, input_tokens_per_request=250_000, output_tokens_per_request=1000)
    result = compare(CompareInput(**long, privacy="public", frontier_share=0), catalog)
    for o in result.options:
        for model_id in o.cloud_models:
            assert catalog.cloud[model_id].context_tokens >= 251_000, (o.id, model_id)
    named = compare(CompareInput(**long, privacy="public", frontier_share=0, cloud_model="groq-gpt-oss-120b"), catalog)
    chosen = next(o for o in named.options if o.id == "cloud:groq-gpt-oss-120b")
    assert not chosen.passes and any("holds 131,072 tokens" in f for f in chosen.failed)


def test_a_cloud_pick_for_regulated_data_does_not_claim_the_data_stays_home(catalog):
    """When the named box cannot hold one stream, the pick is cloud and the conflict says so; the
    reasons must not also say that regulated data stays on the team's own hardware."""
    from advisor.tools.compare import compare_profile
    from advisor.tools.profile import WorkloadProfile

    profile = WorkloadProfile(
        requests_per_day=200,
        input_tokens_per_request=100_000,
        output_tokens_per_request=1_000,
        privacy="regulated",
        hardware="rtx-3090-24gb-used",
    )
    rec = compare_profile(profile, catalog).recommendation
    assert rec.deployment == "cloud" and any("regulated" in c for c in rec.conflicts)
    assert not any("own hardware" in r for r in rec.reasons)
    local = compare_profile(profile.model_copy(update={"hardware": None, "input_tokens_per_request": 6_000}), catalog)
    assert "regulated data stays on your own hardware" in local.recommendation.reasons


def test_the_same_comparison_asked_again_is_a_copy_of_the_first(catalog, monkeypatch):
    """A turn, its answer and its plan ask for the same comparison: it is worked out once a day
    and catalog; each caller gets its own copy, and another day or catalog works it out again."""
    import datetime

    import advisor.tools.compare as module

    worked = []
    build = module.build_plans
    monkeypatch.setattr(module, "build_plans", lambda *a: worked.append(a) or build(*a))
    inp = CompareInput(requests_per_day=4321, input_tokens_per_request=1234, output_tokens_per_request=321)
    first = compare(inp, catalog)
    first.options.clear()  # the caller's copy
    second = compare(inp, catalog)
    assert len(worked) == 1 and second.options and second == compare(inp, catalog)
    compare(inp, catalog, datetime.date(2027, 1, 4))
    compare(inp, catalog.model_copy())
    assert len(worked) == 3


def test_how_a_hardware_price_was_had_is_an_assumption_when_it_is_not_a_sources_own(catalog):
    """A named L4 is priced as the card alone, and no public price for its server exists: the
    comparison says so beside its figures; a box priced by its source adds no such line."""
    named = compare(CompareInput(**TRIAGE, privacy="internal", hardware="l4-24gb"), catalog)
    assert any(
        a.startswith("price of the l4-24gb: the card alone") and "no public price for an L4 server" in a
        for a in named.assumptions
    )
    plain = compare(CompareInput(**TRIAGE, privacy="internal", hardware="rtx-4090-24gb"), catalog)
    assert not any(a.startswith("price of the") for a in plain.assumptions)
    owned = compare(CompareInput(**TRIAGE, privacy="internal", owned_hardware="mac-studio-m1-ultra-128gb"), catalog)
    assert not any("mac-studio-m1-ultra-128gb:" in a for a in owned.assumptions)  # owned: no price paid
