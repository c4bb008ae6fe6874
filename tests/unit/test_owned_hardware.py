"""Hardware the team already owns (cost-model.md): no purchase price, no payback, only electricity,
upkeep and the cloud it replaces; units beyond the owned ones bought at catalog price."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor.tools.compare import CompareInput, compare
from advisor.tools.hybrid import HybridInput, hybrid
from advisor.tools.local_cost import LocalCostInput, local_cost
from advisor.tools.payback import PaybackInput, payback
from advisor.tools.registry import TOOLS, ToolInputError

SEED_001 = dict(watts=150, hours_per_day=8, electricity_usd_per_kwh=6 / 36, setup_hours=8, hourly_rate_usd=75)
TRIAGE = dict(requests_per_day=5000, input_tokens_per_request=2000, output_tokens_per_request=300)


def test_owned_mac_studio_first_year_is_setup_and_running_only(catalog):
    # Seed 001 bought: $4,000 + 8 h × $75 + 12 × $6 = $4,672. Owned: the $4,000 is sunk → $672.
    bought = local_cost(LocalCostInput(hardware_cost_usd=4000, **SEED_001), catalog)
    owned = local_cost(LocalCostInput(hardware_cost_usd=4000, owned_units=1, **SEED_001), catalog)
    assert bought.first_year_usd == pytest.approx(4672.0)
    assert owned.first_year_usd == pytest.approx(672.0)
    assert owned.amortization_usd == 0 and owned.hardware_usd == 0
    assert owned.electricity_usd == pytest.approx(6.0)
    assert any("already owned" in a for a in owned.assumptions)


def test_extra_units_beyond_the_owned_ones_are_bought_at_catalog_price(catalog):
    # Seed 001's used 3090 at $600 a card: own two, need three → one bought.
    result = local_cost(LocalCostInput(hardware="rtx-3090-24gb-used", units=3, owned_units=2), catalog)
    assert result.bought_units == 1
    assert result.hardware_usd == pytest.approx(600.0)
    assert result.amortization_usd == pytest.approx(600.0 / 36)
    assert result.electricity_usd == pytest.approx(3 * 350 * 24 * 30 / 1000 * 0.16)  # all three run


def test_owning_more_than_the_units_is_a_clear_error(catalog):
    with pytest.raises(ToolInputError, match="owned-units: 2 is more than units"):
        TOOLS["local-cost"].run({"hardware": "rtx-3090-24gb-used", "units": 1, "owned_units": 2}, catalog)


@pytest.mark.parametrize("cloud", [50, 200, 500, 2000])
def test_owned_hardware_has_no_payback_only_the_saving(cloud):
    # Seed 000's $3,200 box against its cloud bills, already bought: nothing to pay back.
    result = payback(PaybackInput(hardware_cost_usd=3200, monthly_cloud_usd=cloud, running_usd=1, already_owned=True))
    assert result.payback_months is None
    assert result.verdict.startswith("already owned")
    assert result.monthly_savings_usd == pytest.approx(cloud - 1)


def test_compare_prices_two_owned_3090s_without_a_purchase(catalog):
    plain = compare(CompareInput(**TRIAGE, hardware="rtx-3090-24gb-used"), catalog)
    owned = compare(
        CompareInput(**TRIAGE, hardware="rtx-3090-24gb-used", owned_hardware="rtx-3090-24gb-used", owned_units=2),
        catalog,
    )
    for before, after in zip(plain.options, owned.options, strict=True):
        if before.hardware is None:
            assert after.upfront_usd == before.upfront_usd
            continue
        assert after.owned_units == min(after.units, 2)
        bought = after.units - after.owned_units
        assert after.upfront_usd == pytest.approx(bought * 600.0)
        if bought == 0:
            assert after.payback_months is None
            assert "already owned: no purchase to pay back" in after.notes
        assert after.running_usd == pytest.approx(before.running_usd)
        assert after.monthly_usd == pytest.approx(before.monthly_usd - after.owned_units * 600 / 36)


def test_two_owned_cards_count_as_one_owned_dual_box(catalog):
    result = compare(
        CompareInput(**TRIAGE, hardware="dual-rtx-3090-48gb-used", owned_hardware="rtx-3090-24gb-used", owned_units=2),
        catalog,
    )
    local = [o for o in result.options if o.hardware == "dual-rtx-3090-48gb-used"]
    assert local and all(o.owned_units == 1 for o in local)


def test_owned_units_without_an_id_are_units_of_the_profile_hardware(catalog):
    result = hybrid(HybridInput(**TRIAGE, hardware="mac-studio-m4-ultra-128gb", owned_units=1), catalog)
    bought = hybrid(HybridInput(**TRIAGE, hardware="mac-studio-m4-ultra-128gb"), catalog)
    assert result.monthly_usd == pytest.approx(bought.monthly_usd - 4000 / 36 * min(bought.units, 1))


@given(units=st.integers(1, 8), owned=st.integers(0, 8), price=st.floats(0, 50_000), watts=st.floats(0, 2000))
def test_owning_never_costs_more_and_running_is_unchanged(units, owned, price, watts):
    owned = min(owned, units)
    base = dict(hardware_cost_usd=price, watts=watts, units=units)
    bought = local_cost(LocalCostInput(**base), None)  # type: ignore[arg-type]
    mine = local_cost(LocalCostInput(**base, owned_units=owned), None)  # type: ignore[arg-type]
    assert mine.running_usd == pytest.approx(bought.running_usd)
    assert mine.upfront_usd == pytest.approx(bought.upfront_usd - owned * price)
    assert mine.monthly_usd <= bought.monthly_usd + 1e-9
