"""Electricity follows how busy the box is (issue 21; cost-model.md, "Owned and rented hardware"): a
powered box draws its idle watts the whole time and its load watts for the share of the hours it
works. Idle figures are catalog data with their sources (catalog/idle_power.toml); a kind without one
idles at the default rule, flagged as an estimate. Owned and bought boxes pay it; rent includes it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.tools.catalog import CatalogError, load_catalog
from advisor.tools.compare import CompareInput, compare
from advisor.tools.local_cost import LocalCostInput, local_cost
from advisor.tools.power import idle_draw

CATALOG = load_catalog()
OWNED_KINDS = sorted(h.id for h in CATALOG.hardware.values() if h.watts)


def test_every_kind_idles_at_or_below_its_load_with_a_source():
    for hw in CATALOG.hardware.values():
        if not hw.watts:
            continue
        draw = idle_draw(CATALOG, hw, hw.watts)
        assert 0 <= draw.watts <= hw.watts, hw.id
        assert draw.source.strip(), hw.id
    assert not idle_draw(CATALOG, CATALOG.hardware["mac-studio-m2-max-32gb"], 100).estimate  # Apple's 9 W
    assert CATALOG.idle_power["mac-studio-m2-max-32gb"].watts == 9
    rule = idle_draw(CATALOG, CATALOG.hardware["l40s-48gb"], 350)
    assert rule.estimate and rule.watts == pytest.approx(350 * CATALOG.idle_power["default"].share_of_load)


def test_a_box_of_cards_idles_at_its_cards_figure_a_server_by_the_rule():
    card = CATALOG.hardware["h200-sxm-141gb"]
    node = CATALOG.hardware["hgx-h200-8gpu"]
    assert node.card == card.id and node.server and "hgx-h200-8gpu" not in CATALOG.idle_power
    rule = CATALOG.idle_power["default"].share_of_load
    assert idle_draw(CATALOG, node, node.watts).watts == pytest.approx(node.watts * rule)  # its host draws too
    cards = node.model_copy(update={"id": "eight-h200-cards", "server": False, "host_included": False})
    assert idle_draw(CATALOG, cards, 8 * 700).watts == pytest.approx(8 * CATALOG.idle_power[card.id].watts)


@settings(max_examples=150, deadline=None)
@given(
    box=st.sampled_from(OWNED_KINDS),
    low=st.floats(0, 1),
    high=st.floats(0, 1),
    owned=st.booleans(),
    rate=st.floats(0.01, 1),
)
def test_more_busy_never_costs_less(box, low, high, owned, rate):
    low, high = sorted((low, high))
    at = {
        busy: local_cost(
            LocalCostInput(hardware=box, owned_units=int(owned), busy_share=busy, electricity_usd_per_kwh=rate),
            CATALOG,
        )
        for busy in (0.0, low, high, 1.0)
    }
    assert at[low].monthly_usd <= at[high].monthly_usd + 1e-9
    assert at[0.0].electricity_usd >= 0
    if CATALOG.hardware[box].kind == "owned" or owned:  # it pays its own power
        assert at[0.0].electricity_usd < at[1.0].electricity_usd  # idle costs less than full load
        assert at[1.0].electricity_usd == pytest.approx(at[1.0].electricity_load_usd)


def test_the_cost_models_worked_example_four_owned_a100s():
    """cost-model.md: four owned A100s (400 W, 60 W idle by the rule) at $0.12/kWh."""
    base = dict(hardware="a100-80gb", units=4, owned_units=4, electricity_usd_per_kwh=0.12)
    full = local_cost(LocalCostInput(**base), CATALOG)
    idle = local_cost(LocalCostInput(**base, busy_share=0), CATALOG)
    quarter = local_cost(LocalCostInput(**base, busy_share=0.25), CATALOG)
    assert full.monthly_usd == pytest.approx(138.24)
    assert idle.monthly_usd == pytest.approx(20.736)
    assert quarter.monthly_usd == pytest.approx(50.112)
    assert "at full load all the powered hours (busy_share: how busy it is)" in full.assumptions
    assert "idle 60 W a unit (an estimate), 400 W under load, 25% busy" in quarter.assumptions


def test_an_idle_figure_above_the_load_is_refused(tmp_path):
    user = tmp_path / "catalog.toml"
    user.write_text('[[idle_power]]\nid = "mac-mini-m4-16gb"\nwatts = 400\nsource = "x"\nas_of = 2026-01-01\n')
    with pytest.raises(CatalogError, match="idle_power mac-mini-m4-16gb: watts: 400 W idle is above its 40 W load"):
        load_catalog((user,))


def test_an_owned_boxs_electricity_follows_the_volume_it_carries():
    """The owned box is charged its idle draw and the load's extra for the hours it works — more volume,
    more electricity, but never the full load around the clock for a box that is mostly idle."""
    base = dict(
        input_tokens_per_request=2000, output_tokens_per_request=300, privacy="regulated", frontier_share=0, top=50
    )
    owned = dict(hardware="l40s-48gb", owned_hardware="l40s-48gb", owned_units=2, electricity_usd_per_kwh=0.30)
    quiet = compare(CompareInput(**base, **owned, requests_per_day=250), CATALOG)
    busy = compare(CompareInput(**base, **owned, requests_per_day=2500), CATALOG)
    (a,) = [o for o in quiet.options if o.hardware == "l40s-48gb" and o.deployment == "local"]
    (b,) = [o for o in busy.options if o.hardware == "l40s-48gb" and o.deployment == "local"]
    full_load = a.units * 350 * 24 * 30 / 1000 * 0.30
    assert a.electricity_usd < b.electricity_usd < full_load
    assert 0 < a.powered_busy < b.powered_busy < 1
    assert a.monthly_usd == pytest.approx(a.electricity_usd)  # owned: electricity only
    reason = next(r for r in a.why if r.kind.startswith("electricity"))
    assert reason.kind == "electricity_estimate"  # no public idle figure for the L40S: the rule
    assert reason.english().startswith(f"electricity ${a.electricity_usd:,.2f} a month: {a.units} × 52.5 W idle")
    assert "host_not_counted" in {r.kind for r in a.why}  # a card alone: its host draws too, and that is said
