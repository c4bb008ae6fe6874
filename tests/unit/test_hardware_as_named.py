"""A box read as the words name it: the memory named picks the catalog's box of that memory; a chip
with no memory, or a node with no count of its cards, is asked rather than guessed; two chips named
('M1/M2 Ultra') are both offered, by name; the machine someone works on is theirs."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

CATALOG = load_catalog()


def _read(text: str, asked: str | None = None):
    return read_answer(text, WorkloadProfile(), CATALOG, asked=asked)


@pytest.mark.parametrize(
    "text",
    [
        "We already have a Mac Studio M2 Ultra 192GB doing nothing.",
        "Bei uns steht noch ein Mac Studio M2 Ultra mit 192 GB rum, den niemand nutzt.",
    ],
)
def test_the_memory_named_picks_that_box(text):
    reading = _read(text)
    assert reading.changes.get("owned_hardware") == "mac-studio-m2-ultra-192gb"
    assert reading.changes.get("owned_units") == 1


def test_a_chip_with_no_memory_is_asked_not_the_smallest_box_silently():
    reading = _read("We already have a Mac Studio M2 Ultra in the office.")
    assert "owned_hardware" not in reading.changes
    assert any("which memory" in q and "192 GB" in q and "64 GB" in q for q in reading.ambiguous)


def test_either_of_two_chips_offers_both_by_name():
    reading = _read("we have an M1/M2 Ultra Mac Studio, not sure which")
    question = next(q for q in reading.ambiguous if "could be" in q)
    assert "M1 Ultra" in question and "M2 Ultra" in question
    assert "mac-studio-" not in question  # the catalog's names, not its ids


@pytest.mark.parametrize("text", ["Have the H100 node, mostly idle.", "we have an H100 server"])
def test_a_node_with_no_count_of_its_cards_is_asked(text):
    reading = _read(text)
    assert "owned_units" not in reading.changes
    assert any("names no count of its cards" in q for q in reading.ambiguous)


@pytest.mark.parametrize(("text", "units"), [("We own an 8xH100 node.", 8), ("We own an HGX H100 server.", 8)])
def test_a_node_with_its_count_or_its_name_is_read(text, units):
    reading = _read(text)
    assert reading.changes.get("owned_hardware") == "h100-sxm-80gb"
    assert reading.changes.get("owned_units") == units


@pytest.mark.parametrize(
    ("text", "box", "units"),
    [
        ("I'm a solo developer on a 64 GB M3 Max", "macbook-pro-m3-max-64gb", 1),
        ("we're a small team on two 4090s, is that enough?", "rtx-4090-24gb", 2),
    ],
)
def test_the_machine_someone_works_on_is_theirs(text, box, units):
    reading = _read(text)
    assert reading.changes.get("owned_hardware") == box
    assert reading.changes.get("owned_units") == units
    assert "hardware" not in reading.changes


def test_working_on_a_budget_names_no_machine():
    reading = _read("I'm on a budget, would a 4090 do?")
    assert "owned_hardware" not in reading.changes


def test_the_profile_shows_hardware_they_have_not_hardware_missing():
    from advisor.state import SessionState
    from advisor.text.profile_table import field_rows

    state = SessionState()
    reading = read_answer("We already have two RTX 4090s.", state.profile, CATALOG)
    state.apply(reading.changes, reading.sources)
    rows = {f: (value, source) for f, value, source in field_rows(state.profile, state.given, None)}
    assert rows["owned_hardware"] == ("rtx-4090-24gb", "given")
    assert "hardware" not in rows
    empty = {f: source for f, _, source in field_rows(SessionState().profile, [], None)}
    assert empty["hardware"] == "missing"  # nothing said: still asked for
