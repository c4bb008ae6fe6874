"""Shifts: a rate per shift times the shifts a day ("1,000 per shift, three shifts a day" → 3,000),
and shift lengths as the hours a day the requests arrive in ("two 8-hour shifts" → 16)."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

CATALOG = load_catalog()


def _read(text: str, profile: WorkloadProfile | None = None):
    return read_answer(text, profile or WorkloadProfile(), CATALOG)


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("1,000 per shift, three shifts a day", 3000),
        ("Two shifts a day; each shift sends about 400 summaries.", 800),
        ("about 250 calls per shift, 3 shifts", 750),
        ("We have 2 shifts of 15 agents; every agent handles 40 chats per shift.", 1200),
    ],
)
def test_a_rate_per_shift_is_times_the_shifts(text, per_day):
    reading = _read(text)
    assert reading.changes["requests_per_day"] == pytest.approx(per_day)
    assert reading.unread == []


def test_a_rate_per_shift_without_a_count_is_asked_and_a_count_of_shifts_answers_it():
    """'600 per shift' with no shifts said: one shift a day is a guess, so it is asked, not written;
    '3 shifts' in answer makes it 1,800 a day (the figure per shift times the shifts)."""
    reading = _read("about 600 tickets per shift")
    assert "requests_per_day" not in reading.changes
    assert any("per shift" in q for q in reading.ambiguous)
    after = read_answer("3 shifts", WorkloadProfile(), CATALOG, open_choices=reading.open_choices)
    assert after.changes["requests_per_day"] == pytest.approx(1800)


@pytest.mark.parametrize(
    ("text", "hours", "per_day"),
    [
        ("Two 8-hour shifts, 200 requests an hour.", 16, 3200),
        ("3 shifts of 8 hours, 100 requests an hour", 24, 2400),
        ("one 10-hour shift a day, 50 requests an hour", 10, 500),
    ],
)
def test_shift_lengths_are_the_traffic_window(text, hours, per_day):
    reading = _read(text)
    assert reading.changes["traffic_hours"] == hours
    assert reading.changes["requests_per_day"] == pytest.approx(per_day)


def test_an_hourly_rate_uses_the_traffic_window_already_given():
    reading = _read("150 requests an hour", WorkloadProfile(traffic_hours=16))
    assert reading.changes["requests_per_day"] == pytest.approx(2400)


def test_shifts_are_not_requests():
    reading = _read("three shifts a day")
    assert "requests_per_day" not in reading.changes


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("Die Schichtführer schreiben etwa 25 Meldungen pro Schicht, 3 Schichten am Tag.", 75),
        ("Fazemos cerca de 3.500 chamadas por turno, 3 turnos.", 10500),
        ("Circa 200 verbali per turno, 2 turni al giorno.", 400),
        ("Zo'n 300 dossiers per ploeg, 2 ploegen.", 600),
    ],
)
def test_shifts_in_other_languages_are_shifts(text, per_day):
    assert _read(text).changes["requests_per_day"] == pytest.approx(per_day)


@pytest.mark.parametrize(
    "text",
    ["about 500 requests a day, 24/7", "Läuft also rund um die Uhr.", "On tourne 24h/24.", "Het draait de klok rond."],
)
def test_around_the_clock_is_traffic_at_every_hour(text):
    assert _read(text).changes["traffic_hours"] == 24
