"""A volume is written only when what multiplies it is tied to it in the text (issue 20): people
counted beside a rate with nothing saying it is each one's, where the total would give each less than
one a week, are asked (the total, or each one's times the count); "par lit et par jour", "par jour
ouvré et par abonné" and a closing "cada" tie the rate to each one; "nur Werktage", "Mo-Fr", "lun-sab"
count the days; a dollar amount in French is Québec's (Canadian dollars, which the catalog has no
rate for), never read as US dollars; a correction whose new figure no reader placed takes the volume
back instead of keeping it."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

CATALOG = load_catalog()


def _read(text: str, profile: WorkloadProfile | None = None, **kw):
    return read_answer(text, profile or WorkloadProfile(), CATALOG, **kw)


def _asked(reading, name: str) -> bool:
    return any(name in choice.fields for choice in reading.open_choices)


@pytest.mark.parametrize(
    "text",
    [
        "About 2,500 pupils have access, maybe 4 chats a week.",
        "Ungefähr 900 Mitarbeiter nutzen es, vielleicht 2 Fragen pro Woche.",
    ],
)
def test_people_beside_a_rate_too_small_for_their_total_are_asked(text):
    reading = _read(text)
    assert "requests_per_day" not in reading.changes
    assert _asked(reading, "requests_per_day")


def test_people_beside_a_rate_that_can_be_their_total_stay_the_total():
    reading = _read("We are 9 users, about 30 summaries a day.")
    assert reading.changes["requests_per_day"] == pytest.approx(30)


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("Clinique de 300 lits, environ 3 demandes par lit et par jour.", 900),
        ("2 000 clients, on compte 2 questions par jour et par client.", 4000),
        ("cerca de 30 analistas, talvez 20 consultas por dia cada", 600),
    ],
)
def test_a_rate_tied_to_each_one_in_other_words_is_multiplied(text, per_day):
    reading = _read(text)
    assert reading.changes["requests_per_day"] == pytest.approx(per_day)


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("Etwa 700 Meldungen pro Tag (nur Werktage).", 500),
        ("Ca. 140 Anfragen am Tag, Mo-Fr.", 100),
        ("circa 700 ticket al giorno, lun-sab", 600),
    ],
)
def test_the_days_a_week_said_in_short_count(text, per_day):
    reading = _read(text)
    assert reading.changes["requests_per_day"] == pytest.approx(per_day)


@pytest.mark.parametrize("text", ["Notre budget est d'environ 250$ par mois.", "Budget : 1 200 $/mois maximum."])
def test_a_dollar_amount_in_french_is_not_read_as_us_dollars(text):
    reading = _read(text)
    assert "budget_usd_per_month" not in reading.changes
    assert any("CAD" in note for note in reading.notes)


def test_a_dollar_amount_in_english_is_still_us_dollars():
    reading = _read("Our budget is about $250 a month.")
    assert reading.changes["budget_usd_per_month"] == pytest.approx(250)


@pytest.mark.parametrize(
    "text",
    [
        "Small correction: 900 is only the north site, add about 300 for the south one.",
        "Je corrige : 900 dossiers, mais ça fait plutôt 600 demandes.",
    ],
)
def test_a_correction_whose_figure_is_not_placed_takes_the_volume_back(text):
    profile = WorkloadProfile(requests_per_day=900)
    bases = {"requests_per_day": {"raw": 900.0, "period": "day", "typed": 900.0, "noun": "dossiers"}}
    reading = _read(text, profile, sources={"requests_per_day": "answered"}, bases=bases)
    assert reading.changes.get("requests_per_day", "kept") is None


def test_a_correction_of_something_else_leaves_the_volume():
    profile = WorkloadProfile(requests_per_day=900)
    bases = {"requests_per_day": {"raw": 900.0, "period": "day", "typed": 900.0, "noun": "letters"}}
    text = "Sorry, correction: the server has 2 cards, not 4."
    reading = _read(text, profile, sources={"requests_per_day": "answered"}, bases=bases)
    assert "requests_per_day" not in reading.changes
