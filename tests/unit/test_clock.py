"""The advisor's "today" is an input: ADVISOR_TODAY fixes it, a bad value is one line and exit 2,
and what depends on the calendar (a retired model, a stale price) follows it."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.cli import main
from advisor.interview.reader import read_answer
from advisor.tools import clock
from advisor.tools.profile import WorkloadProfile


def test_today_is_the_pinned_day_and_the_system_day_without_it(monkeypatch):
    monkeypatch.setenv("ADVISOR_TODAY", "2031-02-03")
    assert clock.today() == date(2031, 2, 3)
    monkeypatch.delenv("ADVISOR_TODAY")
    assert clock.today() == date.today()


@pytest.mark.parametrize(
    "argv",
    [
        ["calc", "compare", "--requests-per-day", "10", "--input-tokens-per-request", "1k"],
        ["ask", "--offline", "--local", "none", "500 requests a day"],
    ],
)
def test_a_bad_today_is_one_line_and_exit_2(monkeypatch, capsys, argv):
    monkeypatch.setenv("ADVISOR_TODAY", "next tuesday")
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    said = "ADVISOR_TODAY: 'next tuesday' is not a date — write YYYY-MM-DD, or unset it for today's"
    assert err[-1] == f"advisor: error: {said}"


@pytest.mark.parametrize(("today", "offered"), [("2026-11-29", True), ("2026-11-30", True), ("2026-12-01", False)])
def test_a_model_is_offered_until_the_day_after_it_retires(catalog, monkeypatch, today, offered):
    """claude-sonnet-4-5 retires on 2026-11-30 (the catalog's date): "sonnet" offers it through that
    day, not after — whatever day the suite runs on."""
    assert catalog.cloud["claude-sonnet-4-5"].retires == date(2026, 11, 30)
    monkeypatch.setenv("ADVISOR_TODAY", today)
    reading = read_answer("We run sonnet for 2,000 requests a day, 1k in, 200 out.", WorkloadProfile(), catalog)
    (choice,) = reading.open_choices
    assert ("claude-sonnet-4-5" in [o.label for o in choice.options]) is offered
