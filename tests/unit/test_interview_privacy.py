"""Privacy read from what people write, never lower than a word in the message supports: a class
word that describes something else (an open-source model, the public as people, regulated product
categories, a library card) is no class; "without" before a leaving denies the leaving, not the data;
"public" hedged ("mostly", "but …") is asked; keeping the data in says where it goes, and whether it
is regulated is asked. The sentences are written for these tests, in the languages the reader reads."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

EMPTY = WorkloadProfile()


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _privacy(catalog, text, asked=None):
    reading = read_answer(text, EMPTY, catalog, asked=asked)
    return reading.changes.get("privacy"), reading.ambiguous


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a person's name or details typed in is personal data
        ("Visitors are anonymous, though some will type their name into the form.", "sensitive"),
        ("Bij elke melding staat vaak naam en adres van de bewoner.", "sensitive"),
        ("On garde les noms des clients dans chaque dossier.", "sensitive"),
        ("Les questions sont sensibles, ce sont nos projets futurs.", "sensitive"),
        ("Données perso, évidemment.", "sensitive"),
        ("Gli utenti a volte scrivono il loro nome e cognome.", "sensitive"),
        ("Algunos clientes escriben sus nombres en el chat.", "sensitive"),
        ("Die Kunden geben manchmal ihren Namen an.", "sensitive"),
        # regulated by what the data is
        ("The notes come from an ongoing clinical trial.", "regulated"),
        ("Het gaat om bijzondere persoonsgegevens van cliënten.", "regulated"),
        ("Some tickets contain CUI from the defense program.", "regulated"),
        ("Appels d'écoute très confidentiels (santé, situation familiale).", "regulated"),
        # "without" denies the leaving: the patient data is there
        ("Comment faire sans que les dossiers patients sortent de la clinique ?", "regulated"),
        ("How do we do this without patient files leaving the practice?", "regulated"),
        # a denial in Spanish, Portuguese or German is a denial
        ("Son datos de proveedores, confidenciales, pero nada regulado.", "sensitive"),
        ("Dados comerciais confidenciais, nada regulado.", "sensitive"),
    ],
)
def test_a_class_word_is_read(catalog, text, level):
    assert _privacy(catalog, text)[0] == level


@pytest.mark.parametrize(
    "text",
    [
        "We'd run an open-source model such as Llama on our servers.",
        "On veut un modèle open source, pas une API.",
        "A bot that answers emails from the public about opening hours.",
        "Une IA qui répond aux questions du public sur les horaires.",
        "Only the regulated categories (supplements, cosmetics) need a human check.",
        "The rewrite covers every module; the santé modules are longer.",
        "Queremos un asistente interno para los técnicos de la oficina.",
        "Wat kost dat en interne of via een API?",
    ],
)
def test_a_class_word_about_something_else_is_no_class(catalog, text):
    assert _privacy(catalog, text)[0] is None


def test_a_library_card_number_is_not_card_data(catalog):
    assert _privacy(catalog, "Members sometimes type their name and library card number.")[0] == "sensitive"


def test_a_health_word_alone_answers_the_privacy_question(catalog):
    assert _privacy(catalog, "santé", asked="privacy")[0] == "regulated"


@pytest.mark.parametrize(
    "text",
    [
        "The site is public mostly, a few forms ask for an email.",
        "Los artículos son públicos pero las preguntas van ligadas a la suscripción.",
    ],
)
def test_public_hedged_is_asked_not_written(catalog, text):
    level, questions = _privacy(catalog, text)
    assert level is None
    assert any("public data" in q and "sensitive" in q for q in questions), questions


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("Nothing may leave the plant, that is the customer's rule.", "3) internal"),
        ("Personal data of our members; it must stay in the EU.", "2) sensitive"),
        ("Les données ne doivent pas quitter nos serveurs, ce sont des données clients.", "2) sensitive"),
    ],
)
def test_kept_in_asks_whether_the_data_is_regulated(catalog, text, offered):
    level, questions = _privacy(catalog, text)
    assert level is None
    assert any("1) regulated" in q and offered in q for q in questions), questions


def test_kept_in_with_regulated_data_is_regulated(catalog):
    assert _privacy(catalog, "Patient records, and nothing may leave the hospital.")[0] == "regulated"


def test_cloud_is_fine_says_nothing_of_offline(catalog):
    reading = read_answer("It's all public, so cloud is fine.", EMPTY, catalog)
    assert "offline_required" not in reading.changes
    assert read_answer("internet access is fine", EMPTY, catalog).changes.get("offline_required") is False


def test_an_answer_that_only_keeps_the_data_in_picks_the_questions_regulated_option(catalog):
    # the privacy question offers "regulated (… data that may not leave your premises)"
    assert _privacy(catalog, "on-prem only", asked="privacy")[0] == "regulated"
    level, questions = _privacy(catalog, "Personal data, and it must stay in the EU.", asked="privacy")
    assert level is None and any("1) regulated" in q and "2) sensitive" in q for q in questions)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Our customer contract rates are in every invoice.", "sensitive"),
        ("The tariff went down since the new contract with the utility.", None),
        ("We do have contracts with Clio and Microsoft.", None),
        ("Una saga con nombres de personajes y fechas.", None),
    ],
)
def test_a_contract_is_data_only_as_its_contents(catalog, text, level):
    assert _privacy(catalog, text)[0] == level


@pytest.mark.parametrize(
    ("text", "higher", "lower"),
    [
        # identity numbers and money records: personal for sure; a law may make them regulated
        ("The files hold bank statements and tax returns.", "regulated", "sensitive"),
        ("Sometimes they paste their IBAN or their passport.", "regulated", "sensitive"),
        ("Elke aangifte bevat het BSN van de klant.", "regulated", "sensitive"),
        # the company's own work before it is out: internal, or confidential business data
        ("It is unreleased game content.", "sensitive", "internal"),
        ("Our editors send drafts that are under embargo until Friday.", "sensitive", "internal"),
    ],
)
def test_words_of_two_readings_ask_and_never_write_the_lower_class(catalog, text, higher, lower):
    level, questions = _privacy(catalog, text)
    assert level is None
    assert any(f"1) {higher}" in q and f"2) {lower}" in q for q in questions), questions


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a firmer word beside them decides
        ("Bank statements, and the lab results of each patient.", "regulated"),
        ("Unpublished drafts with our authors' home addresses.", "sensitive"),
        # a negated sending is no denial of the data: the data is there
        ("IT says we may not send customer data to any US company.", "sensitive"),
        ("On ne peut pas envoyer de données clients chez un américain.", "sensitive"),
        # health as the data's kind after a data word, and medical documents in other languages
        ("Tratamos dados pessoais e às vezes de saúde.", "regulated"),
        ("Datos personales y también de salud.", "regulated"),
        ("Ab und zu ein Arztbrief im Anhang.", "regulated"),
        ("Wir wollen die Befunde zusammenfassen lassen.", "regulated"),
        # a role's names are personal data
        ("Shift logs, with the operator names on each.", "sensitive"),
    ],
)
def test_more_classes_read(catalog, text, level):
    assert _privacy(catalog, text)[0] == level


@pytest.mark.parametrize(
    "text",
    [
        "We are a public transport company with 300 buses.",
        "Siamo un ente pubblico, ragioniamo a budget annuale.",
        "Somos un organismo público de la región.",
        "La salud de la empresa es buena este año.",
        "We sell into the health sector.",
    ],
)
def test_an_organisation_or_a_topic_is_no_class(catalog, text):
    assert _privacy(catalog, text)[0] is None


def test_not_yet_published_is_not_public(catalog):
    assert _privacy(catalog, "Accepted manuscripts, not yet published.")[0] != "public"


def test_a_contrast_opening_the_next_sentence_holds_public_back(catalog):
    level, questions = _privacy(
        catalog, "Public timetables and fares. But for refunds they give their subscription number."
    )
    assert level is None and any("public" in q and "sensitive" in q for q in questions), questions


@pytest.mark.parametrize(
    "text",
    [
        "C'est interne. Les fiches sont publiques, mais parfois ils parlent des parcelles des adhérents.",
        "Only our protocols, which are internal. Although... sometimes staff might type a name.",
    ],
)
def test_internal_with_a_but_sometimes_asks_sensitive_beside_it(catalog, text):
    level, questions = _privacy(catalog, text)
    assert level is None
    assert any("1) sensitive" in q and "2) internal" in q for q in questions), questions


def test_synthetic_disarms_no_public(catalog):
    assert _privacy(catalog, "Data is all synthetic/public, nothing sensitive.")[0] == "public"


@pytest.mark.parametrize(
    "text", ["A chatbot for the internal IT service desk.", "Serían unos 150 usuarios internos en la redacción."]
)
def test_internal_naming_the_users_is_no_class(catalog, text):
    assert _privacy(catalog, text)[0] is None


def test_a_no_taken_as_a_pick_still_denies_its_class(catalog):
    """ "No HIPAA" answers no pending choice's "no": the class word stays denied."""
    first = read_answer("input ~2,200 tokens avg, output JSON ~800", EMPTY, catalog)
    assert first.open_choices
    reading = read_answer(
        "PII. No HIPAA. Some EU customers.", EMPTY, catalog, asked="privacy", open_choices=first.open_choices
    )
    assert reading.changes.get("privacy") == "sensitive"


def test_denying_the_class_by_name_corrects_it(catalog):
    """ "personal data, not regulated" replaces regulated; a lower word alone, or a denied law, does not."""
    regulated = WorkloadProfile(privacy="regulated")
    fixed = read_answer("sorry, it's personal data, not regulated.", regulated, catalog)
    assert fixed.changes.get("privacy") == "sensitive"
    assert read_answer("internal docs only", regulated, catalog).changes.get("privacy") is None
    assert read_answer("No HIPAA, just PII", regulated, catalog).changes.get("privacy") is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Im Formular stehen Name und Telefonnummer.", "sensitive"),
        ("De mails bevatten klantnamen en adressen van afnemers.", "sensitive"),
        ("We laten de zorgplannen van onze bewoners samenvatten.", "regulated"),
        ("Fields from faxed prior auth requests.", "regulated"),
        # a negator before the data and a leaving after it in one clause: the leaving is denied
        ("The board wants that nothing of the applicants' data ends up in a US cloud.", "sensitive"),
        ("No patient data leaves the building.", "regulated"),
    ],
)
def test_more_vocabulary_and_a_denied_leaving(catalog, text, level):
    assert _privacy(catalog, text)[0] == level


def test_a_denial_and_a_leaving_in_two_clauses_still_denies(catalog):
    assert _privacy(catalog, "We have no PII, and nothing leaves the office anyway.")[0] != "sensitive"


@pytest.mark.parametrize(
    "text",
    [
        "Nada privado, son datos de la propiedad que de todos modos se publican.",
        "Les fiches sont publiées sur le site.",
    ],
)
def test_published_said_as_a_verb_is_public(catalog, text):
    assert _privacy(catalog, text)[0] == "public"
