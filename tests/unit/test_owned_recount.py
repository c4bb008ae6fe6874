"""Hardware the team has, as people say it: the count said again corrects the count and names no
other box; a count in brackets, in a word the number reader leaves alone (Polish), or beside one box
holding the cards; a card the catalog lacks is not swapped for one it has; renting said before the
name is not owning; a card that is 'not an option' is asked about."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

CATALOG = load_catalog()


def _read(text: str, profile: WorkloadProfile | None = None, asked: str | None = None):
    return read_answer(text, profile or WorkloadProfile(), CATALOG, asked=asked)


def _owned(box: str, units: int) -> WorkloadProfile:
    return WorkloadProfile(owned_hardware=box, owned_units=units)


@pytest.mark.parametrize(
    ("text", "units"),
    [("Three cards", 3), ("4 GPUs", 4), ("three, not one", 3), ("Actually it's 2 GPUs in there", 2)],
)
def test_the_count_said_again_corrects_the_count_and_names_no_box(text, units):
    reading = _read(text, _owned("a100-80gb", 1), asked="requests_per_day")
    assert reading.changes == {"owned_units": units}
    assert [(e.field, e.kind) for e in reading.read] == [("owned_units", "corrected")]


def test_a_figure_not_replacing_the_count_is_no_recount():
    reading = _read("five, not six", _owned("rtx-4090-24gb", 1), asked="requests_per_day")
    assert "owned_units" not in reading.changes


def test_cards_alone_name_no_hardware():
    reading = _read("we want summaries of the index cards")
    assert "hardware" not in reading.changes and "owned_hardware" not in reading.changes


@pytest.mark.parametrize(
    ("text", "box", "units"),
    [
        ("Could our lab box (4x RTX 4090) carry it overnight?", "rtx-4090-24gb", 4),
        ("Mamy w biurze trzy karty RTX 4090.", "rtx-4090-24gb", 3),
        ("We have two cards RTX 3090 in the office.", "rtx-3090-24gb-used", 2),
        ("We already have 6 A100 80GB in a single server.", "a100-80gb", 6),
    ],
)
def test_the_count_of_cards_owned_as_people_write_it(text, box, units):
    reading = _read(text)
    assert reading.changes.get("owned_hardware") == box
    assert reading.changes.get("owned_units") == units
    assert not reading.ambiguous


def test_a_card_the_catalog_lacks_is_not_read_as_one_it_has():
    reading = _read("We keep a dual RTX 6000 Ada workstation running for annotation.")
    assert "hardware" not in reading.changes and "owned_hardware" not in reading.changes


def test_renting_said_before_the_name_is_not_owning():
    reading = _read("Nothing in house. We'd rent — A100s on some GPU cloud.", asked="hardware")
    assert "owned_hardware" not in reading.changes


@pytest.mark.parametrize(
    "text",
    [
        "We have a 4090 in the design studio, but it's not really an option.",
        "Jest Mac Studio M2 Max 32 GB u grafika, ale to raczej nie wchodzi w grę.",
    ],
)
def test_hardware_said_to_be_no_option_is_asked_about(text):
    reading = _read(text, asked="hardware")
    assert "owned_hardware" not in reading.changes
    assert any("leave it out" in q for q in reading.ambiguous)


def test_a_polish_correction_of_the_card_is_asked_not_written():
    reading = _read(
        "mamy serwer z jedną kartą RTX 4090... nie, przepraszam, sprawdziłem – to RTX 4080.", asked="hardware"
    )
    assert "owned_hardware" not in reading.changes
