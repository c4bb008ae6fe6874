"""Reading a standby and a contract's price (issue 21), each only when its evidence is complete in
one clause: a standby cue in a clause that asks nothing; one percentage, a discount word and a
company the catalog knows. My own wording, in several languages."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.profile import WorkloadProfile


def _read(text, catalog, profile=None):
    return read_answer(text, profile or WorkloadProfile(), catalog)


@pytest.mark.parametrize(
    "text",
    [
        "Our ops team insists on N+1 for anything customer-facing.",
        "There must be no single point of failure.",
        "We'd want a hot standby in the rack.",
        "Die Anlage muss redundant ausgelegt sein.",
        "Il nous faut un serveur de secours.",
        "Necesitamos redundancia en el centro de datos.",
    ],
)
def test_a_standby_stated_is_one_more_unit(text, catalog):
    assert _read(text, catalog).changes.get("standby_units") == 1


@pytest.mark.parametrize("text", ["What about failover and N+1?", "would a standby help?", "Do we need redundancy?"])
def test_a_question_about_a_standby_writes_nothing(text, catalog):
    assert "standby_units" not in _read(text, catalog).changes


def test_no_standby_said_is_none(catalog):
    reading = _read("It's an internal tool, no redundancy needed.", catalog, WorkloadProfile(standby_units=1))
    assert reading.changes.get("standby_units") == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Procurement got us 20% off list on Azure.", {"microsoft": 0.2}),
        ("we pay 12.5% below list with AWS and Anthropic", {"aws": 0.125, "anthropic": 0.125}),
        ("Wir haben 15 % Rabatt bei Google Cloud.", {"google": 0.15}),
        ("Nous avons une remise de 10 % chez OpenAI.", {"openai": 0.1}),
    ],
)
def test_a_contract_discount_is_read_with_its_seller(text, expected, catalog):
    reading = _read(text, catalog)
    assert reading.changes.get("contract_discounts") == expected
    assert "frontier_share" not in reading.changes and "cached_input_share" not in reading.changes


@pytest.mark.parametrize(
    "text",
    [
        "20% off would be nice",  # no company
        "Azure gives 10% or 20% off depending on volume",  # two figures: which?
        "could we get 20% off on AWS?",  # a question
        "20% of requests go to Anthropic",  # no discount word
        "or use the batch API (50% off) from OpenAI/Anthropic",  # the provider's offer, not a contract
        "Anthropic gives 30% off to startups",  # nothing makes it the team's price
    ],
)
def test_a_discount_short_of_its_evidence_writes_nothing(text, catalog):
    assert "contract_discounts" not in _read(text, catalog).changes


@pytest.mark.parametrize(
    ("text", "factor"),
    [
        ("Traffic peaks at about 3x the average around lunch.", 3.0),
        ("the busiest hour is double the average one", 2.0),
        ("en pointe, le double de la moyenne", 2.0),
    ],
)
def test_a_peak_as_a_multiple_of_the_average_is_the_peak_factor(text, factor, catalog):
    reading = _read(text, catalog)
    assert reading.changes.get("peak_factor") == factor
    assert "requests_per_day" not in reading.changes


@pytest.mark.parametrize(
    "text",
    [
        "is the peak 2x the average?",
        "peaks of 2x or 3x the average",
        "3x the average",
        "Peak is Monday mornings, about 3x the weekly avg.",  # a qualified average: not the window's
        "normally 300 an hour, but in December it is 3x as much",
    ],
)
def test_a_peak_factor_short_of_its_evidence_writes_nothing(text, catalog):
    assert "peak_factor" not in _read(text, catalog).changes
