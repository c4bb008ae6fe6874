"""Peaks and seasons as people state them: a peak said again to be set right is not a new average;
a sentence that opens on the busy time ("No pico, …") makes its rate a peak; a part of the day said
with the peak ("overdag pieken naar 6k/uur") is the peak's time, not the traffic window; a usual
figure with the months a season multiplies it ("2.500 a la semana, en enero y septiembre el doble")
is asked as the usual figure or the year's average; "the new one in soft launch" holds no count."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

CATALOG = load_catalog()


def _read(text: str, profile: WorkloadProfile | None = None, **kw):
    return read_answer(text, profile or WorkloadProfile(), CATALOG, **kw)


def test_the_peak_said_again_is_not_a_new_average():
    first = _read("like 3 posts per second at peak, way less otherwise")
    assert first.changes == {"peak_requests_per_hour": pytest.approx(10800)}
    profile = WorkloadProfile(peak_requests_per_hour=10800)
    after = _read("tbh 3/sec was our all time record, normal peak is more like 50/min", profile, bases=first.bases)
    assert "requests_per_day" not in after.changes
    assert after.changes["peak_requests_per_hour"] == pytest.approx(3000)


def test_one_as_a_pronoun_is_no_count():
    """After the output question, 'one in' of 'the new one in soft launch' was read as 1 input token."""
    reading = _read("the new one in soft launch is slower", asked="output_tokens_per_request")
    assert "input_tokens_per_request" not in reading.changes


def test_a_sentence_opening_on_the_busy_time_makes_its_rate_a_peak():
    reading = _read("No pico, que é de noite, entram uns 40 mil anúncios por hora.")
    assert "requests_per_day" not in reading.changes
    assert reading.changes["peak_requests_per_hour"] == pytest.approx(40000)


def test_a_part_of_the_day_said_with_the_peak_is_not_the_traffic_window():
    reading = _read("Gemiddeld zo'n 2.500 artikelen per uur, overdag pieken naar 6k/uur.")
    assert "traffic_hours" not in reading.changes
    assert reading.changes["requests_per_day"] == pytest.approx(60000)
    assert reading.changes["peak_requests_per_hour"] == pytest.approx(6000)


@pytest.mark.parametrize(
    ("text", "usual", "yearly"),
    [
        ("Entran unos 2.500 correos a la semana. En enero y septiembre quizá el doble.", 2500 / 7, 2500 / 7 * 14 / 12),
        ("Ongeveer 3.000 factuurregels per week, piek in Q4 (bijna het dubbele).", 3000 / 7, 3000 / 7 * 15 / 12),
        ("about 300 claims a day, sept-oct it's double", 300, 300 * 14 / 12),
        (
            "ca. 25.000 Meldungen im Monat. In der Hagelsaison (Mai bis Juli) eher das Doppelte.",
            25000 / 30,
            25000 / 30 * 15 / 12,
        ),
        ("1.400 relatórios por semana. Na safra (out-mar) isso quase triplica.", 200, 200 * 24 / 12),
    ],
)
def test_a_season_multiplying_the_usual_figure_asks_it_or_the_years_average(text, usual, yearly):
    reading = _read(text)
    assert "requests_per_day" not in reading.changes
    (choice,) = [c for c in reading.open_choices if c.fields == ["requests_per_day"]]
    assert [o.changes["requests_per_day"] for o in choice.options] == [pytest.approx(usual), pytest.approx(yearly)]
    picked = _read("2", open_choices=reading.open_choices, asked="requests_per_day")
    assert picked.changes["requests_per_day"] == pytest.approx(yearly)


def test_a_season_with_no_factor_or_no_months_is_not_averaged():
    assert _read("about 300 claims a day, more in winter").changes["requests_per_day"] == 300
    assert _read("about 300 claims a day; our team doubled last year").changes["requests_per_day"] == 300


def test_the_old_figure_named_again_with_a_new_one_corrects_it():
    """'die 400 waren nur CT – … eher 1.100 am Tag' after 400 a day was answered: 1,100 replaces it
    (it was asked whether to keep 400 as given)."""
    profile = WorkloadProfile(requests_per_day=400)
    bases = {"requests_per_day": {"raw": 400, "period": "day"}}
    text = "Ach so, und die 400 waren nur CT – mit MRT und Röntgen sind es eher 1.100 am Tag."
    reading = _read(text, profile, bases=bases, sources={"requests_per_day": "answered"})
    assert reading.changes["requests_per_day"] == pytest.approx(1100)
