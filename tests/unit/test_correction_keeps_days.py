"""A correction of the volume that says only 'a day' sets the figure right, not its days: after a
figure per working day it stays per working day ('1.400 am Tag, nicht 1.200' after '1.200 Briefe pro
Werktag' is 1,400 × 5/7 a day), and the read line says so in the session's language. A correction
that says its days again ('every day of the week') is taken as it says."""

from __future__ import annotations

import pytest

from advisor.agent import run_turn
from advisor.events import TurnFinished
from advisor.tools.defaults import BUSINESS_DAYS_PER_WEEK
from tests.unit.test_asked import _session

PER_WORKDAY = BUSINESS_DAYS_PER_WEEK / 7


def _read_lines(ctx, text: str) -> list[str]:
    """The answer's lines, as the chat shows them (in the session's language)."""
    return next(e.answer for e in run_turn(ctx, text) if isinstance(e, TurnFinished)).splitlines()


def test_a_german_correction_keeps_the_working_days(catalog):
    ctx = _session(catalog, "Wir schreiben 2.100 Gutachten pro Arbeitstag, je 4.000 Token rein und 600 raus.")
    lines = _read_lines(ctx, "2.800 am Tag, nicht 2.100")
    assert ctx.state.profile.requests_per_day == pytest.approx(2800 * PER_WORKDAY)
    assert any("pro Werktag, wie zuvor" in line for line in lines)


def test_an_english_correction_keeps_the_working_days(catalog):
    ctx = _session(catalog, "We answer 700 claims per business day, 3k in and 500 out.")
    lines = _read_lines(ctx, "sorry, it's 910 a day, not 700")
    assert ctx.state.profile.requests_per_day == pytest.approx(910 * PER_WORKDAY)
    assert any("per working day, as before" in line for line in lines)


def test_a_correction_that_gives_every_day_is_per_calendar_day(catalog):
    ctx = _session(catalog, "We answer 700 claims per business day, 3k in and 500 out.")
    _read_lines(ctx, "sorry, it's 910 a day, every day of the week, not 700")
    assert ctx.state.profile.requests_per_day == 910


def test_a_first_figure_a_day_is_per_calendar_day(catalog):
    ctx = _session(catalog, "We answer 700 claims a day, 3k in and 500 out.")
    _read_lines(ctx, "sorry, it's 910 a day, not 700")
    assert ctx.state.profile.requests_per_day == 910
