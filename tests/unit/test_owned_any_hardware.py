"""Owned means owned, whatever the hardware (issue 21, cost-model.md "Hardware the team already
owns"): a datacenter card, or a kind the catalog lists as rented, costs its electricity and upkeep
once the team owns it — never rent, never a purchase — and when the load needs more units than it
owns, the option says how many more and what they cost, bought or rented."""

from __future__ import annotations

import pytest

from advisor.tools.compare import CompareInput, compare
from advisor.tools.local_cost import LocalCostInput, local_cost

# The team: four A100 80GB cards in their rack, $0.12/kWh, 45M tokens in and 5M out a day.
RACK = dict(
    monthly_input_tokens=45e6 * 30,
    monthly_output_tokens=5e6 * 30,
    electricity_usd_per_kwh=0.12,
    frontier_share=0,
    privacy="internal",
)
A100_MONTH_KWH = 400 * 24 * 30 / 1000  # one A100 SXM at its 400 W TDP, around the clock


def _a100_idle_watts(catalog) -> float:
    """No public idle figure for the A100: the catalog's default rule, a share of its 400 W load."""
    assert "a100-80gb" not in catalog.idle_power
    return 400 * catalog.idle_power["default"].share_of_load


def _local(result, box=None):
    return [o for o in result.options if o.deployment == "local" and (box is None or o.hardware == box)]


@pytest.mark.parametrize("box", ["a100-80gb", "a100-80gb-rental"])
def test_four_owned_a100s_cost_electricity_only(catalog, box):
    result = compare(CompareInput(**RACK, hardware=box, owned_hardware=box, owned_units=4), catalog)
    (local,) = _local(result, box)
    assert local.units <= 4 and local.owned_units == local.units
    assert local.upfront_usd == 0
    # electricity follows how busy the cards are: idle whenever powered, the load's extra while they work
    idle, busy = _a100_idle_watts(catalog), local.powered_busy
    assert 0 < busy < 1
    assert local.monthly_usd == pytest.approx(local.units * (idle + (400 - idle) * busy) * 24 * 30 / 1000 * 0.12)
    assert local.monthly_usd < local.units * A100_MONTH_KWH * 0.12  # never full load around the clock
    assert result.recommendation.deployment == "local"  # electricity beats the cloud bill: the verdict follows
    assert any("already owned" in r for r in result.recommendation.reasons)


def test_an_owned_rented_kind_pays_no_rent_in_local_cost(catalog):
    rented = local_cost(LocalCostInput(hardware="a100-80gb-rental", units=3), catalog)
    owned = local_cost(LocalCostInput(hardware="a100-80gb-rental", units=3, owned_units=2), catalog)
    assert rented.rental_usd == pytest.approx(3 * 2.0 * 24 * 30) and rented.electricity_usd == 0
    assert owned.rental_usd == pytest.approx(1 * 2.0 * 24 * 30)
    assert owned.electricity_usd == pytest.approx(2 * A100_MONTH_KWH * 0.16)


def test_owned_units_alone_are_units_of_the_profile_hardware_even_a_rented_kind(catalog):
    # `/set owned_units 4` with hardware already read as the rented A100: it now takes effect.
    plain = compare(CompareInput(**RACK, hardware="a100-80gb-rental"), catalog)
    mine = compare(CompareInput(**RACK, hardware="a100-80gb-rental", owned_units=4), catalog)
    assert _local(plain)[0].monthly_usd == pytest.approx(_local(plain)[0].units * 2.0 * 720)
    assert _local(mine)[0].monthly_usd < _local(plain)[0].monthly_usd / 10


def test_more_than_owned_says_how_many_more_and_their_cost(catalog):
    more_volume = dict(RACK, monthly_input_tokens=RACK["monthly_input_tokens"] * 30)
    more_volume["monthly_output_tokens"] = RACK["monthly_output_tokens"] * 30
    result = compare(CompareInput(**more_volume, hardware="a100-80gb", owned_units=4, top=50), catalog)
    (local,) = _local(result, "a100-80gb")
    more = local.units - 4
    assert more >= 1 and local.owned_units == 4 and local.more_units == more
    assert local.more_units_usd == pytest.approx(more * 11500)
    assert local.more_units_rent_hardware == "a100-80gb-rental"
    assert local.more_units_rent_usd == pytest.approx(more * 2.0 * 720)
    words = local.notes[0]
    assert words.startswith(f"the load needs {local.units}; you own 4 — buy {more} more (")
    assert f"${more * 11500:,.0f}" in words and f"${more * 1440:,.0f} a month" in words
    if result.recommendation.option_id == local.id:
        assert words in result.recommendation.reasons


def test_each_unit_is_said_to_be_busy_never_a_share_of_the_load(catalog):
    result = compare(
        CompareInput(requests_per_day=60_000, input_tokens_per_request=2000, output_tokens_per_request=300, top=50),
        catalog,
    )
    many = [o for o in result.options if o.units > 1]
    assert many
    for o in many:
        assert "of the load" not in o.capacity_verdict
        assert f"{o.units} × {o.hardware}, each " in o.capacity_verdict and "% busy" in o.capacity_verdict


@pytest.mark.parametrize(
    ("text", "box"), [("A100 80GB", "a100-80gb"), ("a100s", "a100-80gb"), ("H100", "h100-sxm-80gb")]
)
def test_datacenter_cards_are_named_as_people_write_them(catalog, text, box):
    assert catalog.resolve("hardware", text) == [box]


def test_a_cards_price_says_it_is_the_card_alone(catalog):
    for box in ("a100-80gb", "h100-sxm-80gb"):
        entry = catalog.hardware[box]
        assert "card alone" in entry.name and "not in the price" in entry.note


def test_a_what_if_beyond_the_owned_units_says_how_many_more_to_buy(catalog):
    """'what if volume ×30?' on four owned A100s: the what-if's answer says how many more the load
    then needs and what they cost, not only a unit count in the label."""
    from advisor.text.answer import whatif_answer

    owned = dict(RACK, hardware="a100-80gb", owned_hardware="a100-80gb", owned_units=4, frontier_share=0)
    before = compare(CompareInput(**owned), catalog)
    more = dict(owned, monthly_input_tokens=RACK["monthly_input_tokens"] * 30)
    more["monthly_output_tokens"] = RACK["monthly_output_tokens"] * 30
    after = compare(CompareInput(**more), catalog)
    then = next(o for o in after.options if o.id == after.recommendation.option_id)
    assert then.more_units >= 1, then.label  # the pick then needs more than the four owned
    text = whatif_answer("volume ×30", before, after)
    assert f"the load needs {then.units}; you own {then.owned_units} — buy {then.more_units} more (" in text


def test_boxes_beyond_the_owned_one_can_be_rented_as_the_cards_they_hold(catalog):
    """The owned four A100s are one box of four; when the load needs more boxes, renting them is
    renting their cards one by one (the catalog rents single A100s): four a box, at the card's rate."""
    owned = dict(RACK, hardware="quad-a100-80gb", owned_hardware="a100-80gb", owned_units=4)
    owned["monthly_input_tokens"] = RACK["monthly_input_tokens"] * 30
    owned["monthly_output_tokens"] = RACK["monthly_output_tokens"] * 30
    (box,) = _local(compare(CompareInput(**owned), catalog), "quad-a100-80gb")
    assert box.owned_units == 1 and box.more_units >= 1
    assert box.more_units_rent_hardware == "a100-80gb-rental"
    assert box.more_units_rent_count == 4 * box.more_units
    assert box.more_units_rent_usd == pytest.approx(4 * box.more_units * 2.0 * 720)
    assert f"or rent {4 * box.more_units} (" in box.notes[0]


def test_owned_cards_are_not_a_cloud_providers_rental_of_the_same_card(catalog):
    """Four A100s in the team's rack make no rented A100 'owned': the rental is still rent."""
    result = compare(CompareInput(**RACK, owned_hardware="a100-80gb", owned_units=4, top=50), catalog)
    rentals = [o for o in result.options if o.hardware and catalog.hardware[o.hardware].kind == "rented"]
    assert all(o.owned_units == 0 and "(owned)" not in o.label for o in rentals), [o.label for o in rentals]
    assert any(o.hardware == "a100-80gb" and o.owned_units for o in result.options)
