"""Privacy classes a blind half showed the reader missing or reading too low, fixed as classes: what
the work is sensitive to ("cost-sensitive") is no class; intellectual property is confidential;
government classification, pseudonymised health data, certified health-data hosting, disability and
occupational-health records are regulated; "public, except …" is asked; and a class read in passing
that a later message puts in question with stricter readings only is taken back while the question
waits. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

EMPTY = WorkloadProfile()


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _read(catalog, text, profile=EMPTY, asked=None, sources=None):
    return read_answer(text, profile, catalog, asked=asked, sources=sources)


@pytest.mark.parametrize(
    "text",
    [
        "The nightly job is not time sensitive, any hour works.",
        "We're quite cost-sensitive, so the cheapest that works.",
        "Our users are latency sensitive; answers must come fast.",
        "Please allowlist our IP range for the API.",
        "Tickets get classified as urgent or normal by the bot.",
    ],
)
def test_words_about_the_work_or_the_network_state_no_class(catalog, text):
    assert "privacy" not in _read(catalog, text).changes


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Parts of the drawings are classified, defence work.", "regulated"),
        ("Une partie des plans est classifiée secret défense.", "regulated"),
        ("We'd feed it pseudonymised discharge letters of patients.", "regulated"),
        ("Il faut un hébergeur certifié HDS pour ces comptes rendus.", "regulated"),
        ("Some files hold occupational health findings about staff.", "regulated"),
        ("W aktach są orzeczenia o niepełnosprawności pracowników.", "regulated"),
        ("Die Akten enthalten Befunde vom Betriebsarzt.", "regulated"),
    ],
)
def test_unseen_class_words(catalog, text, level):
    assert _read(catalog, text).changes.get("privacy") == level


def test_anonymised_patient_data_is_still_disarmed(catalog):
    assert _read(catalog, "We only get anonymised patient letters.").changes.get("privacy") != "regulated"


@pytest.mark.parametrize(
    "text",
    [
        "Public records. Well, except the older filings, which still carry names.",
        "Alles öffentlich, außer den Anhängen mit Adressen.",
        "C'est public. Enfin, sauf les annexes des particuliers.",
    ],
)
def test_public_with_an_exception_is_asked_not_written(catalog, text):
    reading = _read(catalog, text, asked="privacy")
    assert reading.changes.get("privacy") != "public"
    assert any("public" in q for q in reading.ambiguous)


def test_a_lower_class_read_in_passing_is_taken_back_when_a_stricter_one_is_asked(catalog):
    """'internal docs' read in passing, then 'confidential … must stay on our servers': regulated or
    sensitive is asked, and internal does not stand below both while the question waits."""
    internal = WorkloadProfile(privacy="internal")
    text = "Confidential research notes. They must stay on our servers."
    reading = _read(catalog, text, internal, asked="privacy", sources={"privacy": "read"})
    assert "privacy" in reading.changes and reading.changes["privacy"] is None
    assert any("regulated" in q and "sensitive" in q for q in reading.ambiguous)
    kept = _read(catalog, text, internal, asked="privacy", sources={"privacy": "set"})
    assert "privacy" not in kept.changes  # a class the user set stays until they pick


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Bookings for ECGs and blood tests come through the chat.", "regulated"),
        ("Es sind Personendaten unserer Mitglieder.", "sensitive"),
        ("Das sind besonders schützenswerte Personendaten.", "regulated"),
    ],
)
def test_medical_test_bookings_and_swiss_personal_data(catalog, text, level):
    assert _read(catalog, text).changes.get("privacy") == level


def test_an_answer_giving_only_examples_of_a_lower_class_asks_and_keeps_the_stricter(catalog):
    """Health data read before ("blood test bookings"), then the privacy question answered with a
    person's contact details only: regulated or sensitive is asked, regulated kept meanwhile; an answer
    that names the class ("just personal data") still lowers it."""
    regulated = WorkloadProfile(privacy="regulated")
    examples = _read(catalog, "They type their phone number and email address.", regulated, asked="privacy")
    assert "privacy" not in examples.changes
    assert any("regulated" in q and "sensitive" in q for q in examples.ambiguous)
    named = _read(catalog, "It's just personal data, nothing medical.", regulated, asked="privacy")
    assert named.changes.get("privacy") == "sensitive"


def test_reports_to_a_regulator_ask_sensitive_or_regulated(catalog):
    reading = _read(catalog, "It drafts our anti-money laundering case write-ups.")
    assert "privacy" not in reading.changes
    assert any("regulated" in q and "sensitive" in q for q in reading.ambiguous)


def test_an_internal_q_and_a_bot_over_public_sources_is_public(catalog):
    text = "An internal Q&A bot for staff; its sources are published standards only."
    assert _read(catalog, text).changes.get("privacy") == "public"


@pytest.mark.parametrize(
    "text", ["Now and then a customer name shows up in the text.", "Parents sometimes type their kid's name."]
)
def test_one_persons_name_is_personal_data(catalog, text):
    assert _read(catalog, text).changes.get("privacy") == "sensitive"
