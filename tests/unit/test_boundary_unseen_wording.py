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


@pytest.mark.parametrize(
    "text",
    [
        "We signed a BAA with AWS, but our compliance lead prefers on-prem for these notes.",
        "Mamy DPA z Anthropic, ale zarząd wolałby, żeby dane zostały u nas.",
    ],
)
def test_an_agreement_against_a_preference_for_on_site_asks_which(catalog, text):
    """The blind tester's hospital: a BAA with AWS and 'prefers on-prem' — a preference is no
    boundary, nor does it cancel the agreement: which bounds the data is asked, neither written."""
    reading = read_answer(text, EMPTY, catalog)
    assert "data_boundary" not in reading.changes and reading.changes.get("contract")
    assert any("agreement" in q and "own hardware" in q for q in reading.ambiguous)


def test_a_preference_alone_sets_no_on_site_boundary(catalog):
    assert "data_boundary" not in _changes(catalog, "Our lawyers would prefer to keep it in-house.")


@pytest.mark.parametrize("text", ["The cloud is fine, but only in the EU.", "Chmura jest ok, ale tylko w UE."])
def test_only_after_a_contrast_limits_what_came_before_it(catalog, text):
    changes = _changes(catalog, text)
    assert changes.get("region") == "eu" and changes.get("data_boundary") == "region"


def test_not_knowing_after_a_contrast_doubts_the_agreement(catalog):
    changes = _changes(catalog, "We have a DPA with Mistral, but I'm not sure it covers their API.")
    assert "data_boundary" not in changes and "contract" not in changes


@pytest.mark.parametrize(
    "text",
    [
        "The records may not leave Austria, not even to a cloud with a Vienna region.",
        "Die Akten dürfen Österreich nicht verlassen, auch nicht in eine Cloud mit Region Wien.",
    ],
)
def test_not_even_a_cloud_in_the_region_is_on_site(catalog, text):
    assert _changes(catalog, text).get("data_boundary") == "on_site"


@pytest.mark.parametrize(("answer", "picked"), [("the region one", "region"), ("the agreement", "contract")])
def test_the_boundary_question_is_answered_by_name(catalog, answer, picked):
    """'a DPA with Anthropic, but it must stay in the EU' asks which bounds the data; naming a choice
    picks it (the region's label does not say 'any provider', which would read as no boundary)."""
    first = read_answer("We have a DPA with Anthropic, but the data must stay in the EU.", EMPTY, catalog)
    profile = EMPTY.model_copy(update=first.changes)
    reading = read_answer(answer, profile, catalog, open_choices=first.open_choices)
    assert reading.changes.get("data_boundary") == picked
