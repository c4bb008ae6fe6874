"""Where the data may go, on wording a blind half showed the reader getting wrong, fixed as classes:
a leaving barred until a time (an embargo) or unless a condition holds is no on-site boundary; a
region's name in a time zone is no region; an agreement asked about is no boundary yet; a contract
and a region set against each other ("a DPA with X, but it must stay in the EU") ask which bounds
the data; the agreement's name in Polish, Italian and Portuguese, a party after a bracket or said
with "and with", and a name with a Polish ending are read. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

EMPTY = WorkloadProfile()


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _changes(catalog, text):
    return read_answer(text, EMPTY, catalog).changes


@pytest.mark.parametrize(
    "text",
    [
        "The press releases can't leave the building before the embargo lifts.",
        "Los comunicados no pueden salir antes de la hora fijada.",
        "Nichts darf raus ohne einen zertifizierten Hoster.",
    ],
)
def test_a_leaving_barred_until_a_time_or_unless_a_condition_is_not_on_site(catalog, text):
    assert _changes(catalog, text).get("data_boundary") != "on_site"


@pytest.mark.parametrize(
    "text",
    [
        "The borrowed node is only free at night (US eastern) and it may be taken back.",
        "It only runs in the morning, UK time, when the data is fresh.",
    ],
)
def test_a_time_zone_is_no_region(catalog, text):
    changes = _changes(catalog, text)
    assert "region" not in changes and "data_boundary" not in changes


@pytest.mark.parametrize(
    "text",
    [
        "Could we use a European provider with a DPA?",
        "We signed a DPA with Mistral, is that enough or do we need our own servers?",
    ],
)
def test_an_agreement_asked_about_sets_no_boundary(catalog, text):
    assert "data_boundary" not in _changes(catalog, text)


def test_a_region_weighed_against_self_hosting_is_asked_not_written(catalog):
    changes = _changes(catalog, "What would hosting it on Azure in France Central cost versus running it ourselves?")
    assert "region" not in changes and "data_boundary" not in changes


def test_a_contract_set_against_a_region_asks_which_bounds_the_data(catalog):
    reading = read_answer(
        "We have a DPA with Anthropic, but the works council insists the data stays in the EU.", EMPTY, catalog
    )
    assert "data_boundary" not in reading.changes
    assert any("agreement" in q and "region" in q for q in reading.ambiguous)
    plain = _changes(catalog, "We have a DPA with Anthropic and the data stays in the EU.")
    assert plain.get("data_boundary") == "contract"


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Mamy podpisaną umowę powierzenia z Microsoftem.", ["microsoft"]),
        ("Abbiamo un accordo sul trattamento dei dati con Mistral.", ["mistral"]),
        ("Wir haben einen DPA (AVV) mit Google.", ["google"]),
        ("A DPA with Anthropic and with AWS, both signed last year.", ["anthropic", "aws"]),
    ],
)
def test_agreements_and_parties_in_more_wordings(catalog, text, parties):
    changes = _changes(catalog, text)
    assert changes.get("contract") == parties and changes.get("data_boundary") == "contract"
