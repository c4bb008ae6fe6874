"""Work said to be able to wait, in the words people use ('no rush, it can run overnight', 'über
Nacht reicht', 'sin prisa', 'pas besoin de temps réel') may go through the providers' batch APIs;
work that must not wait is not. A budget said again after a correction word ('budget 50 € al mese.
Anzi, mio marito dice 30') is asked between the two, in the first one's currency."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile


def read(text: str):
    return read_answer(text, WorkloadProfile(), load_catalog())


@pytest.mark.parametrize(
    "text",
    [
        "About 300 reports a week, no rush, nobody is waiting for it.",
        "Etwa 200 Dokumente am Tag, Antwortzeit egal, über Nacht reicht.",
        "Unos 900 expedientes al mes, sin prisa.",
        "Environ 400 dossiers par semaine, pas besoin de temps réel.",
        "Cerca de 500 pedidos por dia, pode rodar de madrugada.",
    ],
)
def test_work_said_to_wait_may_go_through_the_batch_apis(text):
    assert read(text).changes.get("batch_share") == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "About 300 chats a day, answers under 2 seconds.",
        "It can't wait, agents are on the phone.",
        "No need for realtime, but within 30 minutes is fine.",  # a deadline someone waits for
    ],
)
def test_work_that_must_not_wait_is_not_batch(text):
    assert read(text).changes.get("batch_share") in (None, 0.0)


def test_a_budget_said_again_after_a_correction_word_is_asked_between_the_two():
    reading = read("Il budget è di 80 € al mese. Anzi, il mio socio dice 60.")
    assert "budget_usd_per_month" not in reading.changes
    (question,) = [q for q in reading.ambiguous if "budget" in q]
    assert "80" in question or "$" in question
    assert "60" in question


def test_an_electricity_rate_said_again_is_still_asked():
    reading = read("Power is around 0,30 €/kWh. Actually our office says it's 0,24.")
    assert "electricity_usd_per_kwh" not in reading.changes


def test_a_figure_of_something_else_after_a_correction_is_not_a_second_budget():
    reading = read("Our budget is $15k/mo. Oh, correction on volume, 60k is peak, the average is 45k/day.")
    assert reading.changes.get("budget_usd_per_month") == 15000
