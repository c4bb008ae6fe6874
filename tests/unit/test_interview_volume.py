"""Reading a volume without guessing (issue 20): a figure said to be one season's is asked, not taken
as the usual volume; money, hours of audio and minutes in another language are not requests, nor a
multiplier of them; a "yes" word in the middle of a later answer does not confirm a question."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.profile import WorkloadProfile

EMPTY = WorkloadProfile()


@pytest.mark.parametrize(
    "text",
    [
        "In high season we get about 4,500 messages a week across the hotels, in low season fewer.",
        "Na época alta recebemos cerca de 4.500 mensagens por semana.",
        "Peak is exam season, ~90k questions a day.",
        "About 300 product sheets a month when the new vintage arrives, the rest of the year much less.",
        "Circa 300 schede al mese quando arrivano le nuove annate, il resto dell'anno molto meno.",
        "We get 2,000 bookings a week. Off-season it drops to a few hundred.",
    ],
)
def test_a_figure_said_to_be_one_seasons_is_asked(catalog, text):
    reading = read_answer(text, EMPTY, catalog)
    assert "requests_per_day" not in reading.changes
    assert any("requests_per_day" in choice.fields for choice in reading.open_choices)


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("We process about 3,000 invoices a month, in January double that.", 100.0),
        ("Unas 3.000 facturas al mes, en enero el doble.", 100.0),
    ],
)
def test_a_season_named_after_the_figure_leaves_it_the_usual_volume(catalog, text, per_day):
    reading = read_answer(text, EMPTY, catalog)
    assert reading.changes["requests_per_day"] == pytest.approx(per_day)


@pytest.mark.parametrize(
    "text",
    [
        "Registriamo circa 25 ore di audio a settimana.",  # hours of audio, not 25 requests
        "Presupuesto unos 100 dolares al mes.",  # a budget, not 100 requests
        "Wir haben etwa 40 Stunden Aufnahmen pro Woche.",
        "Gastamos 9.000 pesos al mes en traducciones.",
    ],
)
def test_money_and_time_in_another_language_are_not_requests(catalog, text):
    reading = read_answer(text, EMPTY, catalog)
    assert "requests_per_day" not in reading.changes
    assert not any("requests_per_day" in choice.fields for choice in reading.open_choices)


def test_minutes_each_is_not_a_count_that_multiplies_a_rate(catalog):
    """'20 mins each' is how long a call is; the 300 a week are not 20 × 300."""
    reading = read_answer("Calls are about 20 mins each, roughly 300 candidates a week.", EMPTY, catalog)
    offered = [o.changes.get("requests_per_day") for c in reading.open_choices for o in c.options]
    values = [reading.changes.get("requests_per_day"), *offered]
    assert not any(v is not None and v > 300 for v in values)


def test_a_count_in_a_language_with_accents_multiplies_its_each(catalog):
    reading = read_answer("Somos 22 técnicos, calculo que cada uno hará 20 consultas al día.", EMPTY, catalog)
    assert reading.changes["requests_per_day"] == pytest.approx(440.0)


def test_a_yes_word_inside_a_later_answer_does_not_confirm_a_question(catalog):
    asked = read_answer("Peak is exam season, ~90k questions a day.", EMPTY, catalog)
    assert asked.open_choices
    later = read_answer(
        "Students are ok waiting 10 seconds for an answer.", EMPTY, catalog, open_choices=asked.open_choices
    )
    assert "requests_per_day" not in later.changes
    yes = read_answer("ok, that's the usual", EMPTY, catalog, open_choices=asked.open_choices)
    assert yes.changes.get("requests_per_day") == pytest.approx(90000.0)
