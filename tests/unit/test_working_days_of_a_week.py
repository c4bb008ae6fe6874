"""A weekly figure with the working days it arrives on ('ca. 1.800 Briefe pro Woche, 5 Werktage',
'1,800 letters a week, 5 working days') is the week's total: the average a day stands (~257), and the
days are said in a note — not an unused number that turns the figure into a question. The German
insurer's volume took eight turns last session, this question asked again each time it was restated."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.profile import WorkloadProfile


@pytest.mark.parametrize(
    "text",
    [
        "Ca. 1.800 Briefe pro Woche, 5 Werktage.",
        "about 1,800 letters a week, 5 working days",
        "1.800 pro Woche, an 5 Werktagen",
        "environ 1 800 lettres par semaine, 5 jours ouvrés",
    ],
)
def test_the_working_days_of_a_weekly_figure_keep_its_total(catalog, text):
    reading = read_answer(text, WorkloadProfile(), catalog)
    assert reading.changes == {"requests_per_day": pytest.approx(1800 / 7)}
    assert reading.open_choices == [] and reading.unread == []
    assert any("the same total" in n for n in reading.notes)


def test_working_days_beside_a_daily_figure_still_ask(catalog):
    reading = read_answer("40 a day, 5 working days", WorkloadProfile(), catalog)
    assert "requests_per_day" not in reading.changes and reading.open_choices
