"""Reading hardware the team already owns: ownership words near a hardware name make it owned (a
sunk cost); plans to buy, budgets and negations do not."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.profile import WorkloadProfile

OWNED = [
    ("We already have two used 3090s sitting in a closet, price is zero.", "rtx-3090-24gb-used", 2),
    (
        "we own a Mac Studio M4 Ultra with 128 GB",
        "mac-studio-m4-ultra-128gb",
        1,
    ),  # no memory named: asked (test_owned_recount)
    ("We have three 4090s already", "rtx-4090-24gb", 3),
    ("we bought an RTX 4090 last year", "rtx-4090-24gb", 1),
    ("we have 2x RTX 3090 that we already paid for", "rtx-3090-24gb-used", 2),  # two cards, owned
    ("800 contracts a day. We already have a pair of 4090s.", "rtx-4090-24gb", 2),
    ("There's a spare H100 in our lab we can use", "h100-sxm-80gb", 1),
    ("we've got 4 RTX 4090 cards in the rack", "rtx-4090-24gb", 4),
    ("8 × H100 we own", "h100-sxm-80gb", 8),  # "8 × H100" is also the HGX node's name: the same mention
    ("Our 4 × A100 80GB cards sit in the rack", "a100-80gb", 4),
]
NOT_OWNED = [
    "we could buy a 4090",
    "We have a budget for a 4090",
    "We are thinking about buying a Mac Studio",
    "we plan to purchase two H100s next quarter",
    "If we bought a Mac Studio, how long would it pay back?",
    "We have a quote for 8 × H100",
]


@pytest.mark.parametrize(("text", "box", "units"), OWNED)
def test_owned_hardware_is_read_with_its_count(catalog, text, box, units):
    reading = read_answer(text, WorkloadProfile(), catalog)
    assert reading.changes.get("owned_hardware") == box
    assert reading.changes.get("owned_units") == units
    assert any("already owned" in n for n in reading.notes)


@pytest.mark.parametrize("text", NOT_OWNED)
def test_plans_and_budgets_are_not_ownership(catalog, text):
    reading = read_answer(text, WorkloadProfile(), catalog)
    assert "owned_hardware" not in reading.changes


def test_price_is_zero_makes_the_profile_hardware_owned(catalog):
    profile = WorkloadProfile(hardware="rtx-4090-24gb")
    reading = read_answer("the price is zero, we already have it", profile, catalog, asked="electricity_usd_per_kwh")
    assert reading.changes["owned_hardware"] == "rtx-4090-24gb"
    assert reading.changes["owned_units"] == 1
