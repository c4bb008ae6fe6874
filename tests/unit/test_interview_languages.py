"""Spanish and French token words, German "je" and weeks, "no hardware yet" inside a longer answer,
a ratio that splits a total, and a derived daily count shown as a person writes it. The messages are
the tuned share of tests/corpus/languages.jsonl and followups.jsonl (the held-out share is scored by
tests/bench/bench_reading.py)."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.text.render import count, format_value
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

EMPTY = WorkloadProfile()
IN, OUT, RPD = "input_tokens_per_request", "output_tokens_per_request", "requests_per_day"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _read(catalog, text, asked=None):
    return read_answer(text, EMPTY, catalog, asked=asked)


@pytest.mark.parametrize(
    ("text", "asked", "want"),
    [
        ("8.000 tokens de entrada y 1.500 de salida", IN, {IN: 8000, OUT: 1500}),
        (
            "Entrada: 2.000 tokens, salida: 500 tokens, unas 10.000 peticiones al mes.",
            None,
            {IN: 2000, OUT: 500, RPD: 10000 / 30},
        ),
        (
            "Contexto de 4.000 tokens y respuestas de 300 tokens, 800 preguntas por día.",
            None,
            {IN: 4000, OUT: 300, RPD: 800},
        ),
        ("unos 2.000 tokens de prompt y 600 de respuesta", IN, {IN: 2000, OUT: 600}),
        (
            "20 agentes, cada uno con 50 consultas al día; 1.000 tokens de entrada y 200 de salida.",
            None,
            {RPD: 1000, IN: 1000, OUT: 200},
        ),
        ("2 000 jetons en entrée et 300 en sortie", IN, {IN: 2000, OUT: 300}),
        ("Entrée : 1 500 jetons, sortie : 250 jetons ; 200 requêtes par jour.", None, {IN: 1500, OUT: 250, RPD: 200}),
        (
            "Environ 12 000 messages par mois, 900 jetons d'entrée et 200 jetons de sortie.",
            None,
            {IN: 900, OUT: 200, RPD: 400},
        ),
        (
            "15 juristes, chacun 30 requêtes par jour, 2 000 jetons en entrée et 300 en sortie.",
            None,
            {RPD: 450, IN: 2000, OUT: 300},
        ),
        ("Prompt de 2 500 tokens, réponse de 350 tokens, 600 appels par jour.", None, {IN: 2500, OUT: 350, RPD: 600}),
        # Dutch 'erin' / 'eruit' (the Dutch tokens question's own example: '2.000 in, 300 uit')
        (
            "We verwerken ongeveer 3.000 tickets per dag, 2.000 tokens erin en 300 eruit.",
            None,
            {RPD: 3000, IN: 2000, OUT: 300},
        ),
        ("2.000 in, 300 uit", IN, {IN: 2000, OUT: 300}),
    ],
)
def test_spanish_french_and_dutch_token_words(catalog, text, asked, want):
    changes = _read(catalog, text, asked).changes
    assert {k: changes.get(k) for k in want} == pytest.approx(want)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "ca. 1.200 Schriftsätze die Woche, je rund 8.000 Token rein und 1.500 raus",
            {RPD: 1200 / 7, IN: 8000, OUT: 1500},
        ),
        ("wöchentlich rund 2.500 Tickets, je ca. 1.000 Token rein, 250 raus", {RPD: 2500 / 7, IN: 1000, OUT: 250}),
        ("12 Teams, je 150 Anfragen pro Woche, je 1.500 Token rein und 300 raus.", {RPD: 12 * 150 / 7, IN: 1500}),
        ("8 Analysten mit je 60 Abfragen pro Tag, je 3.000 Token rein und 400 raus.", {RPD: 480, OUT: 400}),
        ("Wöchentlich 10.000 Chats, Eingabe ca. 800 Token, Ausgabe ca. 200 Token.", {RPD: 10000 / 7, IN: 800}),
    ],
)
def test_german_je_multiplies_and_a_week_is_a_rate(catalog, text, want):
    changes = _read(catalog, text).changes
    assert {k: changes.get(k) for k in want} == pytest.approx(want)


def test_a_weekly_count_reads_as_a_person_would_write_it(catalog):
    reading = _read(catalog, "ca. 1.200 Schriftsätze die Woche, je rund 8.000 Token rein und 1.500 raus")
    assert reading.changes[RPD] == pytest.approx(171.428571)  # exact in the profile (and the JSON)
    assert "as ~171 requests a day" in " ".join(reading.notes)
    assert format_value(RPD, reading.changes[RPD]) == "~171"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1200.0, "1,200"), (171.428571, "~171"), (1714.2857, "~1,714"), (7.142857, "~7.1"), (0.5, "~0.5")],
)
def test_count(value, shown):
    assert count(value) == shown


@pytest.mark.parametrize(
    "text",
    [
        "we can't use the cloud, nothing yet",
        "We can't use the cloud and we have no hardware yet.",
        "nothing yet, and the cloud is off the table",
        "none yet, we can't send data to the cloud",
        "can't use cloud APIs, no GPUs yet",
        "nothing bought yet; it all has to stay off the cloud",
    ],
)
def test_no_hardware_yet_beside_a_cloud_refusal(catalog, text):
    reading = _read(catalog, text, "hardware")
    assert reading.declined == ["hardware"] and reading.changes.get("privacy") is None
    assert any("1) regulated" in q for q in reading.ambiguous)  # kept in: is it regulated? asked


def test_hardware_named_as_owned_is_not_declined(catalog):
    reading = _read(catalog, "we can't use the cloud, we have a 4090", "hardware")
    assert reading.declined == [] and reading.changes["owned_hardware"] == "rtx-4090-24gb"


def test_nothing_yet_declines_hardware_only_as_the_answer_to_that_question(catalog):
    assert _read(catalog, "we can't use the cloud, nothing yet", "privacy").declined == []


@pytest.mark.parametrize(
    ("text", "asked", "want"),
    [
        ("3:1 in to out, about 4k total", IN, (3000, 1000)),
        ("about 4k tokens total, 3:1 in to out", IN, (3000, 1000)),
        ("ratio 3:1 in to out, 8k total", IN, (6000, 2000)),
        ("3 to 1 in to out, about 4k total", IN, (3000, 1000)),
        ("prompt to completion 3:1, 4k tokens total per call, 200 calls a day", None, (3000, 1000)),
        ("4k total, mostly input — 3:1", IN, (3000, 1000)),
        ("2:1 in:out, 6,000 tokens altogether", IN, (4000, 2000)),
        ("3:1 in to out, about 3k in", IN, (3000, 1000)),
        # no ratio, no comma between: "2k in 300 out" is the pair
        ("About 3k in 400 out per question, 2,000 questions a day.", None, (3000, 400)),
        ("Ticket summaries: 4k in 250 out, 1,200 tickets a day.", None, (4000, 250)),
        ("8k in 2k out", IN, (8000, 2000)),
        ("about 10k in 800 out per step", IN, (10000, 800)),
    ],
)
def test_a_ratio_splits_a_total_and_a_pair_needs_no_comma(catalog, text, asked, want):
    changes = _read(catalog, text, asked).changes
    assert (changes.get(IN), changes.get(OUT)) == want


def test_a_time_of_day_is_not_a_ratio(catalog):
    assert _read(catalog, "we start at 10:30, about 4k total", IN).changes.get(OUT) is None


@pytest.mark.parametrize(
    "text",
    [
        "Mandantenakten, nichts darf das Haus verlassen.",
        "Die Daten dürfen unser Netzwerk nicht verlassen.",
        "Keine Cloud erlaubt.",
        "Les données ne doivent pas quitter nos serveurs.",
        "Pas de cloud : tout reste chez nous.",
        "Los datos no pueden salir de nuestra red.",
        "No podemos usar la nube.",
    ],
)
def test_may_not_leave_in_german_french_and_spanish_is_on_site_and_asks_if_regulated(catalog, text):
    reading = _read(catalog, text)
    assert reading.changes.get("data_boundary") == "on_site"
    if "Mandantenakten" in text:  # a law firm's client files: privileged
        assert reading.changes.get("privacy") == "regulated"
    else:
        assert reading.changes.get("privacy") is None and any("1) regulated" in q for q in reading.ambiguous)


@pytest.mark.parametrize("text", ["Wir nutzen die Cloud.", "Nous utilisons le cloud.", "Usamos la nube sin problema."])
def test_the_cloud_named_without_a_refusal_says_nothing_of_privacy(catalog, text):
    assert _read(catalog, text).changes.get("privacy") is None
