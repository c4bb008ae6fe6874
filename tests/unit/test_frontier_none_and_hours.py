"""'None of it needs the frontier model' and '0 %' beside the frontier words set no frontier share,
in every language and whatever question was asked last (a 10% left standing made every option fail
as conflicting); the word for none then answers nothing else (not 'no hardware'). 'N hours a day' in
any language is the traffic's hours, so the busy hour is sized on them."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.profile import WorkloadProfile

PROFILE = WorkloadProfile(requests_per_day=800, input_tokens_per_request=1500, output_tokens_per_request=250)


def _read(catalog, text: str, asked: str | None = None):
    return read_answer(text, PROFILE, catalog, asked=asked)


@pytest.mark.parametrize(
    "text",
    [
        "nothing here needs a frontier model",
        "Keine der Anfragen braucht ein Spitzenmodell.",
        "aucune ne demande un modèle de pointe, 0 %",
        "ninguna consulta necesita un modelo puntero",
        "0 % brauchen das Spitzenmodell",
        "nessuna richiede un modello di punta",
        "modelo puntero: ninguna",
        "Spitzenmodell: 0 %",
    ],
)
def test_none_needing_the_frontier_model_is_no_share_whatever_was_asked(catalog, text):
    reading = _read(catalog, text, asked="hardware")
    assert reading.changes.get("frontier_share") == 0.0
    assert "hardware" not in reading.changes and not reading.open_choices


def test_not_knowing_is_not_none(catalog):
    reading = _read(catalog, "keine Ahnung, ob wir ein Spitzenmodell brauchen", asked="hardware")
    assert "frontier_share" not in reading.changes


@pytest.mark.parametrize(
    "text",
    [
        "requests come in 10 hours a day",
        "10 heures par jour",
        "etwa 10 Stunden am Tag",
        "10 horas al día",
        "10 ore al giorno",
    ],
)
def test_hours_a_day_are_the_traffics_hours(catalog, text):
    reading = _read(catalog, text)
    assert reading.changes.get("traffic_hours") == 10


def test_a_server_powered_hours_a_day_is_not_the_traffic(catalog):
    reading = _read(catalog, "the server is powered 10 hours a day")
    assert "traffic_hours" not in reading.changes
