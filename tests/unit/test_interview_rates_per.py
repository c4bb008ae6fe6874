"""Volume read as people say it on wording the rules were not written for: a figure per store, per
clinician or per shift with no count of them is asked, and the count given in answer multiplies it;
a period said before its count inside a clause ("wir bekommen pro Woche 1.800 Briefe"); a week's
figure said again with the days it arrives on stays the week's total; a rate per working day, or on
six days a week, in any language, is its calendar-day average."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

CATALOG = load_catalog()


def _read(text: str, profile: WorkloadProfile | None = None, **kw):
    return read_answer(text, profile or WorkloadProfile(), CATALOG, **kw)


@pytest.mark.parametrize(
    ("text", "answer", "per_day"),
    [
        ("Each of our clinicians writes about 12 notes a day.", "40 clinicians", 480),
        ("About 30 summaries a day per store.", "14 stores", 420),
        ("About 30 summaries a day per store.", "we have 14", 420),
        ("Etwa 25 Anfragen am Tag pro Filiale.", "12 Filialen", 300),
    ],
)
def test_a_figure_per_thing_is_asked_and_the_count_answered_multiplies_it(text, answer, per_day):
    first = _read(text)
    assert "requests_per_day" not in first.changes
    assert any("how many" in q for q in first.ambiguous)
    after = _read(answer, open_choices=first.open_choices, asked="requests_per_day")
    assert after.changes["requests_per_day"] == pytest.approx(per_day)


def test_a_small_bare_number_still_picks_the_numbered_choice():
    first = _read("About 30 summaries a day per store.")
    assert _read("1", open_choices=first.open_choices).changes == {"requests_per_day": 30}
    assert "requests_per_day" not in _read("2", open_choices=first.open_choices).changes


def test_a_long_message_naming_a_count_is_not_taken_as_the_count():
    first = _read("About 30 summaries a day per store.")
    text = "Sorry, I said 14 stores before but we have 14 stores and 3 warehouses, ignore the warehouses please."
    assert "requests_per_day" not in _read(text, open_choices=first.open_choices).changes


def test_a_bare_one_after_a_reading_question_picks_it_rather_than_answering_a_token_question():
    first = _read("About 30 summaries a day per store.")
    after = _read("1", open_choices=first.open_choices, asked="input_tokens_per_request")
    assert after.changes == {"requests_per_day": 30}


@pytest.mark.parametrize(
    "text",
    [
        "Wir bekommen pro Woche etwa 1.800 Briefe.",
        "Pro Woche kommen etwa 1.800 Briefe rein.",
        "every week we get 1,800 letters",
    ],
)
def test_a_period_before_its_count_inside_a_clause(text):
    assert _read(text).changes["requests_per_day"] == pytest.approx(1800 / 7)


def test_an_idiom_that_reads_as_a_period_is_not_one():
    """'tout à l'heure' (earlier) holds 'à l'heure' (an hour): '5 médecins' after it is no rate."""
    reading = _read("je me suis trompé tout à l'heure : 5 médecins, pas 6")
    assert "requests_per_day" not in reading.changes


def test_the_weeks_figure_said_again_with_its_days_stays_the_weeks_total():
    profile = WorkloadProfile(requests_per_day=1800 / 7)
    bases = {"requests_per_day": {"raw": 1800, "period": "week"}}
    for text in ("die 1.800 Briefe kommen nur an Werktagen", "the 1,800 letters only come in on weekdays"):
        reading = _read(text, profile, bases=bases)
        assert "requests_per_day" not in reading.changes
        assert not reading.ambiguous


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("cerca de 1 200 emails por dia útil", 1200 * 5 / 7),
        ("environ 1 200 mails par jour ouvré", 1200 * 5 / 7),
        ("ca. 1.800 Befunde pro Werktag", 1800 * 5 / 7),
        ("facciamo circa 40 servizi al giorno, solo dal lunedì al sabato", 40 * 6 / 7),
        ("about 400 a day, Mon-Sat", 400 * 6 / 7),
        ("unos 45 pacientes al día, de lunes a sábado", 45 * 6 / 7),
    ],
)
def test_a_rate_on_working_days_is_its_calendar_day_average(text, per_day):
    assert _read(text).changes["requests_per_day"] == pytest.approx(per_day)


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("6 médecins, environ 30 consultations par jour chacun, 4,5 jours par semaine.", 6 * 30 * 4.5 / 7),
        ("about 200 chats a day, 5 days a week", 200 * 5 / 7),
        ("ca. 80 Anfragen am Tag, 6 Tage die Woche", 80 * 6 / 7),
    ],
)
def test_the_days_a_week_said_with_a_daily_rate_average_it_over_the_week(text, per_day):
    assert _read(text).changes["requests_per_day"] == pytest.approx(per_day)


def test_days_a_week_said_after_a_daily_figure_average_it_and_leave_a_weekly_one_alone():
    daily = _read(
        "5 days a week",
        WorkloadProfile(requests_per_day=500),
        bases={"requests_per_day": {"raw": 500, "period": "day"}},
    )
    assert daily.changes["requests_per_day"] == pytest.approx(500 * 5 / 7)
    weekly = _read(
        "also 5 Tage die Woche",
        WorkloadProfile(requests_per_day=1800 / 7),
        bases={"requests_per_day": {"raw": 1800, "period": "week"}},
    )
    assert "requests_per_day" not in weekly.changes
    assert not weekly.ambiguous


def test_a_correction_of_the_count_a_rate_was_multiplied_by_takes_the_value_back():
    """'5 médecins, pas 6' after '6 médecins, 30 consultations chacun': 180 is no longer the volume;
    it is asked again rather than kept."""
    first = _read("6 médecins, environ 30 consultations par jour chacun.")
    assert first.changes["requests_per_day"] == pytest.approx(180)
    profile = WorkloadProfile(requests_per_day=180)
    after = _read("Ah, je me suis trompé : 5 médecins, pas 6.", profile, bases=first.bases)
    assert after.changes.get("requests_per_day", "unset") is None


@pytest.mark.parametrize("text", ["we run one server for this", "About 500 requests a day on 2 servers"])
def test_a_box_with_no_chip_named_is_not_asked_as_a_volume(text):
    reading = _read(text)
    assert not any("does it change the volume" in q for q in reading.ambiguous)


def test_calls_each_request_fans_out_into_multiply_it():
    text = (
        "40 devs, each maybe 150-200 prompts a day. It's agentic so each prompt fans out into like 10-15 model calls."
    )
    assert _read(text).changes["requests_per_day"] == pytest.approx(40 * 175 * 12.5)


def test_a_count_of_boxes_beside_named_cards_still_asks_the_cards_owned():
    """'dos servidores con 2x L40S cada uno': 2 or 4 cards — the servers' count is not dropped."""
    reading = _read("Tenemos dos servidores con 2x L40S cada uno.")
    assert "owned_units" not in reading.changes
