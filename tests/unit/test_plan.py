"""One plan across several workloads (tools/plan.py): exact against `compare` for one workload,
never cheaper for more work, parts that add up, boxes shared where the hours allow."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.tools.base import ToolError
from advisor.tools.catalog import load_catalog
from advisor.tools.compare import CompareInput, compare
from advisor.tools.defaults import MAX_UNITS
from advisor.tools.plan import plan
from advisor.tools.workloads import PlanInput

CATALOG = load_catalog()  # the shipped catalog (not the fixture: a failing example prints its arguments)

BOT = {
    "name": "tutoring bot",
    "requests_per_day": 8000,
    "input_tokens_per_request": 1500,
    "output_tokens_per_request": 400,
    "privacy": "sensitive",
    "traffic_window": "09-19",
}
GRADING = {
    "name": "essay grading",
    "requests_per_day": 2857,
    "input_tokens_per_request": 5000,
    "output_tokens_per_request": 600,
    "privacy": "sensitive",
    "frontier_share": 0,
    "traffic_window": "01-06",
}


def run(catalog, *workloads, team=None):
    return plan(PlanInput.model_validate({"team": team or {}, "workloads": list(workloads)}), catalog)


profiles = st.fixed_dictionaries(
    {
        "requests_per_day": st.sampled_from([50, 800, 5000, 40_000]),
        "input_tokens_per_request": st.sampled_from([300, 2000, 8000]),
        "output_tokens_per_request": st.sampled_from([100, 600]),
    },
    optional={
        "privacy": st.sampled_from(["public", "internal", "sensitive", "regulated"]),
        "traffic_hours": st.sampled_from([4.0, 10.0, 24.0]),
        "traffic_start_hour": st.sampled_from([1.0, 9.0, 20.0]),
        "frontier_share": st.sampled_from([0.0, 0.1, 0.3]),
        "batch_share": st.sampled_from([0.0, 1.0]),
        "cached_input_share": st.sampled_from([0.0, 0.5]),
        "routine_tier": st.sampled_from(["budget", "strong"]),
    },
)
teams = st.fixed_dictionaries(
    {},
    optional={
        "electricity_usd_per_kwh": st.sampled_from([0.08, 0.30]),
        "owned_hardware": st.sampled_from(["rtx-3090-24gb-used", "rtx-4090-24gb"]),
        "horizon_months": st.sampled_from([12, 36]),
        "maintenance_hours_per_month": st.sampled_from([0, 2]),
    },
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles, team=teams)
def test_one_workload_plan_is_exactly_compare(profile, team):
    catalog = CATALOG
    alone = compare(CompareInput.model_validate({**profile, **team}), catalog)
    result = run(catalog, {"name": "only", **profile}, team=team)
    rec = alone.recommendation
    chosen = next(o for o in alone.options if o.id == rec.option_id)
    (placement,) = result.placements
    assert placement.option == rec.option_id
    assert result.monthly_usd == chosen.monthly_usd
    assert result.horizon_usd == chosen.horizon_usd
    assert result.upfront_usd == chosen.upfront_usd
    assert placement.label == chosen.label
    assert result.workloads[0].recommendation == rec


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(existing=st.lists(profiles, min_size=1, max_size=3), extra=profiles, team=teams)
def test_adding_a_workload_never_lowers_the_total(existing, extra, team):
    catalog = CATALOG
    named = [{"name": f"w{i}", **p} for i, p in enumerate(existing)]
    before = run(catalog, *named, team=team)
    after = run(catalog, *named, {"name": "extra", **extra}, team=team)
    assert after.horizon_usd >= before.horizon_usd - 1e-6 * max(1.0, before.horizon_usd)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(existing=st.lists(profiles, min_size=2, max_size=3), team=teams)
def test_the_parts_add_up_and_sharing_never_costs_more_than_alone(existing, team):
    named = [{"name": f"w{i}", **p} for i, p in enumerate(existing)]
    result = run(CATALOG, *named, team=team)
    assert result.monthly_usd == sum(pl.monthly_usd for pl in result.placements)
    boxes = sum(b.monthly_usd for b in result.boxes)
    assert math.isclose(result.monthly_usd, boxes + sum(pl.cloud_usd for pl in result.placements), rel_tol=1e-9)
    # each workload on its own pick, boxes bought apart: the plan is never dearer over the horizon. (Not
    # with owned hardware: alone, each would use the owned box; together they share it.)
    if "owned_hardware" not in team and all(w.recommendation.conflicts == [] for w in result.workloads):
        separately = sum(
            next(o.horizon_usd for o in w.options if o.id == w.recommendation.option_id) for w in result.workloads
        )
        assert result.horizon_usd <= separately + 1e-6 * separately


def test_a_shared_box_may_have_as_many_units_as_its_workloads_would_buy_apart():
    """Hypothesis found it: alone, one workload took 1 Mac mini and the other 8 (the most one option
    may have); the plan refused the 9 they need together and put the first on a dearer box. Over a
    small grid of volumes (the catalog decides which pairs land there), every pair whose picks are
    the same kind of box with more than MAX_UNITS between them shares it, never dearer than apart."""
    small = {"requests_per_day": 40000, "input_tokens_per_request": 300, "output_tokens_per_request": 100}
    small |= {"frontier_share": 0.0, "routine_tier": "budget"}
    seen = 0
    for rpd, out in itertools.product((20000, 40000, 80000), (100, 300, 600, 1200)):
        big = {"requests_per_day": rpd, "input_tokens_per_request": 300, "output_tokens_per_request": out}
        big |= {"traffic_hours": 10.0, "routine_tier": "budget"}
        result = run(CATALOG, {"name": "small", **small}, {"name": "big", **big})
        picks = [next(o for o in w.options if o.id == w.recommendation.option_id) for w in result.workloads]
        boxes = {o.id.split(":")[1] if o.deployment != "cloud" else None for o in picks}
        if len(boxes) != 1 or None in boxes or sum(o.units for o in picks) <= MAX_UNITS:
            continue
        seen += 1
        assert result.horizon_usd <= sum(o.horizon_usd for o in picks) * (1 + 1e-9), (rpd, out)
        (box,) = result.boxes
        assert box.workloads == ["small", "big"] and MAX_UNITS < box.units <= sum(o.units for o in picks)
    assert seen, "no pair in the grid needs more than MAX_UNITS of one kind of box apart: widen the grid"


def test_a_fleet_of_servers_alone_is_its_compare_pick():
    """Hypothesis found it after servers could run as a fleet past 8 units: alone, 10 × a 4-GPU L40S
    server is `compare`'s pick; the plan held every kind to 8 units and chose a dearer box."""
    profile = {"requests_per_day": 40000, "input_tokens_per_request": 8000, "output_tokens_per_request": 600}
    profile |= {"privacy": "regulated", "traffic_hours": 4.0}
    alone = compare(CompareInput.model_validate(profile), CATALOG)
    chosen = next(o for o in alone.options if o.id == alone.recommendation.option_id)
    result = run(CATALOG, {"name": "only", **profile})
    assert result.placements[0].option == chosen.id and result.horizon_usd == chosen.horizon_usd


def test_the_university_day_bot_and_night_batch(catalog):
    result = run(catalog, BOT, GRADING)
    by_name = {pl.workload: pl for pl in result.placements}
    assert by_name["essay grading"].window == "01:00–06:00"
    assert by_name["tutoring bot"].window == "09:00–19:00"
    assert result.monthly_usd == sum(pl.monthly_usd for pl in result.placements)
    # the grading's five-hour window is what sizes its box: wherever it runs locally, its units
    # carry its load inside 01:00–06:00
    for box in result.boxes:
        assert all(busy <= box.units + 1e-9 for busy in box.busy_by_hour)
    assert result.all_cloud is not None and result.saves_vs_all_cloud_usd is not None
    assert result.saves_vs_all_cloud_usd >= 0  # the all-cloud plan was one the search could pick


def test_a_box_is_shared_where_the_hours_allow_and_not_where_they_meet(catalog):
    team = {"hardware": "rtx-4090-24gb"}
    day = {
        "requests_per_day": 6500,
        "input_tokens_per_request": 2000,
        "output_tokens_per_request": 300,
        "privacy": "regulated",
        "traffic_window": "09-17",
    }
    night = {**day, "requests_per_day": 4000, "traffic_window": "01-06"}
    apart = run(catalog, {"name": "day", **day}, {"name": "night", **night}, team=team)
    ((box),) = apart.boxes
    assert box.workloads == ["day", "night"] and box.units == 1
    assert all(0.5 < busy < 1 for busy in box.busy_by_hour if busy)  # more than half a unit each: they must not meet
    alone = run(catalog, {"name": "day", **day}, team=team)
    assert apart.upfront_usd == alone.upfront_usd  # bought once
    # the same two loads in the same hours add up: more units than either needs alone
    meet = run(catalog, {"name": "day", **day}, {"name": "also day", **day}, team=team)
    (shared,) = meet.boxes
    single = alone.boxes[0]
    assert max(shared.busy_by_hour) == pytest.approx(2 * max(single.busy_by_hour))
    assert shared.units == math.ceil(2 * max(single.busy_by_hour) - 1e-12)


def test_three_workloads_share_one_local_box_where_the_hours_allow(catalog):
    team = {"hardware": "rtx-4090-24gb"}
    base = {"input_tokens_per_request": 1500, "output_tokens_per_request": 300, "privacy": "regulated"}
    result = run(
        catalog,
        {"name": "support", "requests_per_day": 7000, "traffic_window": "08-16", **base},
        {"name": "evening search", "requests_per_day": 6000, "traffic_window": "16-23", **base},
        {"name": "night batch", "requests_per_day": 8000, "traffic_window": "23-08", **base},
        team=team,
    )
    assert len(result.boxes) == 1
    (box,) = result.boxes
    assert sorted(box.workloads) == ["evening search", "night batch", "support"]
    assert box.units == 1
    assert all(0.5 < busy < 1 for busy in box.busy_by_hour)  # each more than half the box: one at a time
    assert all(pl.shares_with for pl in result.placements)


def test_a_pinned_workload_goes_where_it_is_pinned_and_says_when_it_may_not(catalog):
    result = run(catalog, {**BOT, "placement": "cloud"}, GRADING)
    assert next(pl for pl in result.placements if pl.workload == "tutoring bot").deployment == "cloud"
    regulated = {**GRADING, "privacy": "regulated", "placement": "cloud"}
    pinned = run(catalog, regulated)
    (pl,) = pinned.placements
    assert pl.deployment == "cloud" and any("regulated" in f for f in pl.failed)
    assert pinned.conflicts


def test_the_budget_is_the_teams(catalog):
    result = run(catalog, BOT, GRADING, team={"budget_usd_per_month": 1})
    assert any("budget" in c for c in result.conflicts)


def test_workload_names_must_differ(catalog):
    with pytest.raises(ValueError, match="two workloads are named"):
        run(catalog, BOT, {**GRADING, "name": "Tutoring  Bot"})


def test_a_workload_without_volume_is_named(catalog):
    with pytest.raises(ToolError, match="essay grading"):
        run(catalog, BOT, {"name": "essay grading", "privacy": "public"})


def test_a_plan_after_its_workloads_comparison_builds_no_plan_again_and_changes_none(catalog, monkeypatch):
    """A turn compares the workload, then its answer plans across the workloads: the plans are built
    once (tools.options keeps the last few by profile, catalog and day), and neither the comparison
    nor the plan changes them, so the plan is what it is when everything is built afresh."""
    import copy

    import advisor.tools.options as options

    options._RECENT.clear()
    built = []
    build = options._build_plans
    monkeypatch.setattr(options, "_build_plans", lambda *a: built.append(a) or build(*a))
    grading = {k: v for k, v in GRADING.items() if k != "traffic_window"}  # as the comparison has it
    compare(CompareInput.model_validate({k: v for k, v in grading.items() if k != "name"}), catalog)
    kept = copy.deepcopy(next(iter(options._RECENT.values()))[1])
    shared = run(catalog, grading, BOT)
    assert len(built) == 2  # the grading's plans once, the bot's once
    assert next(iter(options._RECENT.values()))[1] == kept  # as built: nothing changed them
    options._RECENT.clear()
    assert run(catalog, grading, BOT) == shared and len(built) == 4
