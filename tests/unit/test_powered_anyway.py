"""Owned hardware that stays on anyway (issue 21; cost-model.md, "Owned hardware that stays on
anyway"): "the server runs 24/7 anyway" is read into the profile (powered_anyway), the owned box then
costs only the draw above its idle — the idle draw is paid either way — and the verdict ranks on that.
Not stated, the answer says it assumes the box switched off. Hours said about a box are its powered
hours, not the traffic's, and "powered 24/7" is no electricity rate. Owned units the load does not
need are never charged, and the option says what they are assumed to do."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.interview import read_answer
from advisor.tools.compare import CompareInput, compare
from advisor.tools.profile import WorkloadProfile, resolve
from advisor.tools.verdict import all_owned
from tests.unit.test_near_tie import INSURER

# The 8 × H100 owner of the blind test: the node runs 24/7 for training anyway, 3,000 internal
# requests a day (2k in, 300 out).
NODE = dict(
    requests_per_day=3000,
    input_tokens_per_request=2000,
    output_tokens_per_request=300,
    privacy="internal",
    owned_hardware="h100-sxm-80gb",
    owned_units=8,
)


def _pick(result):
    return next(o for o in result.options if o.id == result.recommendation.option_id)


def test_the_h100_node_on_anyway_is_picked_at_its_draw_above_idle(catalog):
    """Switched off when unused, the node's idle draw outweighs a used 3090 to buy; on anyway, the node
    costs only what the work adds to its draw, which is what the 'left out' line offered."""
    off = compare(CompareInput(**NODE), catalog)
    assert not all_owned(_pick(off))  # the premise: its idle draw counted, the node is left out
    (left,) = [r for r in off.recommendation.why if r.kind == "owned_left_out"]
    on = compare(CompareInput(**NODE, powered_anyway=True), catalog)
    pick = _pick(on)
    assert pick.hardware == "hgx-h100-8gpu" and all_owned(pick) and pick.upfront_usd == 0
    assert pick.monthly_usd == pytest.approx(left.values["adds_usd"])
    assert pick.monthly_usd < _pick(off).monthly_usd
    kinds = [r.kind for r in on.recommendation.why]
    assert "electricity_above_idle" in kinds and "owned_left_out" not in kinds
    assert pick.electricity_idle_usd == 0  # none of its idle draw is this work's


def test_the_insurers_server_on_anyway_beats_the_cloud_mix(catalog):
    """Two owned L40S in the EU, the server running anyway: its own hardware, not a cloud mix it was
    told to prefer though running on the server adds only cents."""
    off = compare(CompareInput(**INSURER, owned_hardware="l40s-48gb", owned_units=2), catalog)
    on = compare(CompareInput(**INSURER, owned_hardware="l40s-48gb", owned_units=2, powered_anyway=True), catalog)
    pick = _pick(on)
    assert pick.hardware == "l40s-48gb" and all_owned(pick)
    assert pick.monthly_usd < _pick(off).monthly_usd
    spare = [r for r in on.recommendation.why if r.kind == "owned_spare_on"]
    assert spare and spare[0].values["spare"] == 1


@settings(max_examples=8, deadline=None)
@given(
    rate=st.floats(0.05, 0.6),
    volume=st.integers(100, 50_000),
    owned=st.integers(1, 8),
)
def test_on_anyway_costs_the_owned_options_exactly_their_idle_draw_less(rate, volume, owned, catalog):
    """For every owned option: on anyway it costs its idle draw less than switched off, never below zero;
    bought and cloud options do not move."""
    profile = dict(
        requests_per_day=volume,
        input_tokens_per_request=1500,
        output_tokens_per_request=300,
        privacy="internal",
        owned_hardware="a100-80gb",
        owned_units=owned,
        electricity_usd_per_kwh=rate,
        top=50,
    )
    off = {o.id: o for o in compare(CompareInput(**profile, powered_anyway=False), catalog).options}
    on = {o.id: o for o in compare(CompareInput(**profile, powered_anyway=True), catalog).options}
    assert off.keys() & on.keys()
    for key in off.keys() & on.keys():  # the same option in both: the same box, model and units
        before, after = off[key], on[key]
        if before.owned_units and before.electricity_idle_usd:  # what the owned units drew idle drops out
            dropped = before.electricity_idle_usd - (after.electricity_idle_usd or 0.0)
            assert dropped > 0 and after.electricity_usd >= -1e-9
            assert after.monthly_usd == pytest.approx(before.monthly_usd - dropped)
        else:
            assert after.monthly_usd == pytest.approx(before.monthly_usd)


def test_owned_units_the_load_does_not_need_are_not_charged_and_named(catalog):
    """Four owned A100s for a load one carries: priced as one, the other three named as switched off —
    or, on anyway, as on for other work."""
    profile = dict(
        requests_per_day=2000,
        input_tokens_per_request=1500,
        output_tokens_per_request=300,
        privacy="regulated",
        owned_hardware="a100-80gb",
        electricity_usd_per_kwh=0.12,
    )
    four = _pick(compare(CompareInput(**profile, owned_units=4), catalog))
    one = _pick(compare(CompareInput(**profile, owned_units=1), catalog))
    assert four.hardware == one.hardware == "a100-80gb" and four.units == one.units == 1
    assert four.monthly_usd == pytest.approx(one.monthly_usd)
    (spare,) = [r for r in four.why if r.kind.startswith("owned_spare")]
    assert spare.kind == "owned_spare_off" and spare.values == dict(needed=1, owned=4, hardware="a100-80gb", spare=3)
    options = compare(CompareInput(**profile, owned_units=4, powered_anyway=True, top=50), catalog).options
    on = next(o for o in options if o.id == four.id)
    assert [r.kind for r in on.why if r.kind.startswith("owned_spare")] == ["owned_spare_on"]
    assert not [r for r in one.why if r.kind.startswith("owned_spare")]


def test_the_assumption_is_said_only_when_there_is_owned_hardware_and_nothing_was_said():
    base = dict(requests_per_day=100, input_tokens_per_request=1000, output_tokens_per_request=100)
    said = "switched off when this work does not run on it"
    assert any(said in a for a in resolve(WorkloadProfile(**base, owned_hardware="a100-80gb")).assumptions)
    stated = resolve(WorkloadProfile(**base, owned_hardware="a100-80gb", powered_anyway=True))
    assert stated.powered_anyway and not any(said in a for a in stated.assumptions)
    assert not any(said in a for a in resolve(WorkloadProfile(**base)).assumptions)
    assert not resolve(WorkloadProfile(**base, powered_anyway=True)).powered_anyway  # nothing owned: no effect


@pytest.mark.parametrize(
    "text",
    [
        "We own four A100 80GB cards. The server runs 24/7 anyway.",
        "we own 8 x H100, the node runs 24/7 for training anyway",
        "Wir haben 2 L40S im eigenen Server, der Server läuft sowieso rund um die Uhr.",
        "We have 2 L40S; it's on for other work.",
        "On a 2 L40S, le serveur tourne de toute façon jour et nuit.",
        "Tenemos 2 L40S, el servidor funciona de todos modos las 24 horas.",
        "We have two L40S, powered 24/7 anyway.",
    ],
)
def test_a_box_on_anyway_is_read(text, catalog):
    changes = read_answer(text, WorkloadProfile(), catalog).changes
    assert changes.get("powered_anyway") is True
    assert "traffic_hours" not in changes  # the box's hours, not the requests'
    assert "electricity_usd_per_kwh" not in changes


@pytest.mark.parametrize(
    "text",
    ["the box is powered 24/7", "la machine est allumée jour et nuit", "the server runs 24/7 anyway"],
)
def test_hours_said_about_a_box_that_is_on_are_its_powered_hours(text, catalog):
    result = read_answer(text, WorkloadProfile(), catalog)
    assert result.changes.get("hours_per_day") == 24
    assert "traffic_hours" not in result.changes
    assert "electricity_usd_per_kwh" not in result.changes and not result.open_choices


def test_a_box_on_anyway_leaves_the_traffic_window_as_it_was(catalog):
    """Office-hours traffic said before, then 'the server runs 24/7 anyway': still office hours."""
    profile = WorkloadProfile(requests_per_day=500, traffic_hours=8, owned_hardware="l40s-48gb", owned_units=2)
    changes = read_answer("the server runs 24/7 anyway", profile, catalog).changes
    assert changes.get("powered_anyway") is True and "traffic_hours" not in changes


def test_a_box_doing_the_work_around_the_clock_is_the_works_hours(catalog):
    """'keep the workstation running 24/7 doing batch annotation': the work runs at every hour."""
    text = "If we keep the workstation running 24/7 doing batch annotation, where's the breakeven?"
    changes = read_answer(text, WorkloadProfile(), catalog).changes
    assert changes.get("traffic_hours") == 24 and "powered_anyway" not in changes


@pytest.mark.parametrize(
    "text",
    [
        "everything is public anyway, 500 requests a day",
        "the chatbot answers around the clock, 500 requests a day",
        "our support desk runs 24/7 anyway, 500 tickets a day",
        "2x 4090 in a workstation. Although one of them is used for training runs most days",
    ],
)
def test_anyway_and_around_the_clock_about_the_work_are_not_a_box(text, catalog):
    changes = read_answer(text, WorkloadProfile(), catalog).changes
    assert "powered_anyway" not in changes
    if "clock" in text or "24/7" in text:
        assert changes.get("traffic_hours") == 24


def test_calc_local_cost_on_anyway_counts_only_the_draw_above_idle(catalog):
    """cost-model.md's four owned A100s (400 W, 60 W idle by the rule) 25% busy at $0.12/kWh: $50.11 a
    month with their idle draw; on anyway, 4 × 340 W × 0.25 × 720 h × $0.12 = $29.38."""
    from advisor.tools.local_cost import LocalCostInput, local_cost

    given = dict(hardware="a100-80gb", units=4, owned_units=4, electricity_usd_per_kwh=0.12, busy_share=0.25)
    off = local_cost(LocalCostInput(**given), catalog)
    on = local_cost(LocalCostInput(**given, powered_anyway=True), catalog)
    assert off.electricity_usd == pytest.approx(50.112)
    assert on.electricity_usd == pytest.approx(4 * 340 * 0.25 * 720 * 0.12 / 1000)
    assert on.electricity_usd == pytest.approx(off.electricity_usd - off.electricity_idle_usd)
    bought = local_cost(LocalCostInput(**(given | dict(owned_units=0)), powered_anyway=True), catalog)
    assert bought.electricity_usd == pytest.approx(off.electricity_usd)  # only owned units are on anyway


def test_on_anyway_asked_as_a_what_if_is_a_scenario(catalog):
    """'what if the node stays on anyway?': the scenario of the owned box on anyway, named in words."""
    from advisor.interview.whatif import read_whatif

    whatif = read_whatif("what if the node stays on anyway for training?", WorkloadProfile(**NODE), catalog)
    assert whatif is not None and whatif.changes == {"powered_anyway": True}
    assert whatif.description == "the hardware you own stayed on anyway"
