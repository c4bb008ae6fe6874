"""Hardware and money read no further than the words go: hardware the team has that is taken for
something else is asked (use it, or leave it out); machines 'with no GPU' are hardware without a GPU,
not no hardware; a count before hardware to buy names the catalog's box of that many cards; a budget
with no currency in a message that is not in English, or that names another currency, is asked; an
electricity word in one sentence does not take a number from the next."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile


def read(text: str, asked: str | None = None):
    return read_answer(text, WorkloadProfile(), load_catalog(), asked=asked)


@pytest.mark.parametrize(
    "text",
    [
        "We have an RTX 4090 in the lab, but the vision team uses it every day.",
        "Wir haben eine A100 im Rechenzentrum, die ist aber für die Forschung reserviert.",
        "Nous avons une RTX 4090 au studio, mais le monteur s'en sert tous les jours.",
    ],
)
def test_hardware_taken_for_something_else_is_asked_not_owned(text):
    reading = read(text)
    assert not {"owned_hardware", "owned_units", "hardware"} & set(reading.changes)
    assert any("leave it out" in q for q in reading.ambiguous)


@pytest.mark.parametrize(
    "text",
    [
        "We have two A100 80GB cards, but they are shared with another team.",
        "We have two A100 80GB cards, but they are partly used by the speech team.",
        "Wir haben zwei A100 80GB, die aber tagsüber für Simulationen genutzt werden.",
    ],
)
def test_hardware_that_is_only_partly_busy_is_still_owned(text):
    assert read(text).changes.get("owned_hardware") == "a100-80gb"


@pytest.mark.parametrize(
    "text",
    [
        "We run two older HP servers in the basement without GPU.",
        "There is a spare Dell R740 with no GPUs in our rack.",
    ],
)
def test_machines_with_no_gpu_are_not_no_hardware(text):
    assert "hardware" not in read(text).declined


def test_no_hardware_at_all_is_still_declined():
    assert "hardware" in read("No GPUs, no servers, nothing yet.").declined


@pytest.mark.parametrize(
    ("text", "box"),
    [
        ("Wir haben 4 GPU L40S bestellt, noch nicht geliefert.", "l40s-4gpu-server"),
        ("We're thinking about buying a couple H100s for this.", "dual-h100-sxm-160gb"),
    ],
)
def test_a_count_before_hardware_to_buy_names_the_box_of_that_many(text, box):
    reading = read(text)
    assert reading.changes.get("hardware") == box
    assert not reading.unread


def test_a_budget_with_no_currency_outside_english_is_asked():
    reading = read("Wij hebben een budget van 3k per maand.")
    assert "budget_usd_per_month" not in reading.changes
    assert any("currency" in q for q in reading.ambiguous)


def test_a_budget_with_no_currency_beside_another_currency_is_asked_between_them():
    reading = read("Budget is 4k a month; power costs €0.28/kWh here.")
    assert "budget_usd_per_month" not in reading.changes
    assert any("$4,000 a month" in q and "4,000 €" in q for q in reading.ambiguous)


def test_a_budget_in_dollars_is_read():
    assert read("Our budget is $4k a month.").changes["budget_usd_per_month"] == 4000
    assert read("Budget is 4k a month.").changes["budget_usd_per_month"] == 4000  # English, no other currency


def test_an_electricity_word_does_not_take_a_number_from_the_next_sentence():
    assert "electricity_usd_per_kwh" not in read("power? And is 70 the right volume").changes
