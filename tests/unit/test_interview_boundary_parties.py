"""Who a contract is with, and where the data must stay, read no further than the words say: an
agreement made for another product of the company ("through our Workspace contract", "AVV für
Microsoft 365") is asked about, not taken as a contract for its AI platform; a party added in the
next sentence ("… and Azure too") joins the agreement; "X, not Y" replaces the party it denies; a
place said inside a question with an alternative is asked back; "only" is a region's cue only when
the data is spoken of; "Europe" beside "the EU" is the EU. Sentences written for these tests."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

EMPTY = WorkloadProfile()


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _read(catalog, text):
    return read_answer(text, EMPTY, catalog)


@pytest.mark.parametrize(
    "text",
    [
        "Our district has a DPA with Google for Google Workspace.",
        "Es gibt einen AVV mit Microsoft für Office 365.",
        "We signed a DPA with Microsoft as part of our E5 licensing.",
    ],
)
def test_an_agreement_for_another_product_is_asked_not_a_contract(catalog, text):
    reading = _read(catalog, text)
    assert "contract" not in reading.changes
    assert any("whether it covers an AI platform is not said" in n for n in reading.notes), reading.notes
    assert not reading.ambiguous  # "365" names the product: no count to ask about


def test_an_agreement_that_covers_the_platform_is_a_contract(catalog):
    assert _read(catalog, "We have a DPA with Microsoft that covers Azure OpenAI.").changes["contract"] == ["microsoft"]


def test_a_party_added_in_the_next_sentence_joins_the_agreement(catalog):
    reading = _read(catalog, "We have a BAA with Anthropic. Since March, AWS as well.")
    assert reading.changes["contract"] == ["anthropic", "aws"]
    assert reading.changes["agreement"] == "baa"


def test_a_party_denied_by_name_is_replaced(catalog):
    text = "We have a DPA with OpenAI. Sorry, correction: it is with Microsoft for Azure OpenAI, not OpenAI itself."
    assert _read(catalog, text).changes["contract"] == ["microsoft"]


@pytest.mark.parametrize(
    "text",
    [
        "Would an EU region be enough, or do we have to host it ourselves?",
        "Genügt die Region Germany West Central, oder müssen wir on-prem gehen?",
    ],
)
def test_a_place_asked_about_is_not_a_boundary(catalog, text):
    reading = _read(catalog, text)
    assert "region" not in reading.changes and "data_boundary" not in reading.changes


def test_only_names_a_region_only_with_the_data(catalog):
    assert "region" not in _read(catalog, "Our clinics are US only.").changes
    assert _read(catalog, "The data: EU only.").changes.get("region") == "eu"


def test_europe_beside_the_eu_is_the_eu(catalog):
    text = "Cloud is possible if it is hosted in the EU; nothing outside Europe."
    assert _read(catalog, text).changes.get("region") == "eu"


def test_a_preference_in_portuguese_is_a_wish(catalog):
    assert "region" not in _read(catalog, "Preferíamos EU region only.").changes
