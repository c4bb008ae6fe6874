"""Hardware named only to say the team does not have it ("we don't have a 4090", "we don't own any
GPUs") is not the hardware to price, and clears an ownership said earlier."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

CATALOG = load_catalog()


def _read(text: str, asked: str | None = None, profile: WorkloadProfile | None = None):
    return read_answer(text, profile or WorkloadProfile(), CATALOG, asked=asked)


@pytest.mark.parametrize(
    "text",
    [
        "we don't have a 4090",
        "We do not have an RTX 4090.",
        "we never bought the 4090",
        "no 4090 here",
        "We haven't got a 4090 or a 3090",
        "we don't own any 4090s",
    ],
)
def test_a_negated_mention_sets_no_hardware(text):
    reading = _read(text)
    assert "hardware" not in reading.changes
    assert "owned_hardware" not in reading.changes


@pytest.mark.parametrize(
    ("text", "field", "hardware"),
    [
        ("We have a 4090.", "owned_hardware", "rtx-4090-24gb"),
        ("We don't have a 4090, we have a Mac Studio M4 Max 64GB", "owned_hardware", "mac-studio-m4-max-64gb"),
        ("Not a 4090 — a used 3090", "hardware", "rtx-3090-24gb-used"),
        ("we'd buy a 4090 if it pays off; not sure yet", "hardware", "rtx-4090-24gb"),
    ],
)
def test_the_hardware_not_negated_is_read(text, field, hardware):
    """Hardware the team has is owned (not one to buy); hardware it considers is the one to price."""
    changes = _read(text).changes
    assert changes.get(field) == hardware
    other = "hardware" if field == "owned_hardware" else "owned_hardware"
    assert other not in changes


@pytest.mark.parametrize("text", ["we don't have a 4090", "We don't own any GPUs.", "we do not have any hardware"])
def test_answering_the_hardware_question_with_a_negation_is_no_hardware(text):
    reading = _read(text, asked="hardware")
    assert "hardware" not in reading.changes
    assert "hardware" in reading.declined


def test_saying_it_is_not_owned_clears_the_owned_hardware():
    profile = WorkloadProfile(hardware="rtx-4090-24gb", owned_hardware="rtx-4090-24gb", owned_units=1)
    reading = _read("sorry, we don't actually have the 4090 — we'd have to buy it", profile=profile)
    assert reading.changes.get("owned_hardware", "unchanged") is None
    assert reading.changes.get("owned_units", "unchanged") is None
    assert any("4090" in note and "own" in note for note in reading.notes)


def test_a_negation_of_other_hardware_leaves_the_owned_box():
    profile = WorkloadProfile(hardware="rtx-4090-24gb", owned_hardware="rtx-4090-24gb", owned_units=1)
    reading = _read("we don't have an H100", profile=profile)
    assert "owned_hardware" not in reading.changes


def test_the_box_owned_is_read_beside_one_denied():
    reading = _read("We don't have a 4090, we have a Mac Studio M4 Max 64GB")
    assert "hardware" not in reading.changes  # owned: not one to buy
    assert reading.changes.get("owned_hardware") == "mac-studio-m4-max-64gb"


def test_a_budget_for_a_box_is_still_not_owning_it():
    assert "owned_hardware" not in _read("We have a budget for, say, a Mac Studio M4 Max 64GB").changes
