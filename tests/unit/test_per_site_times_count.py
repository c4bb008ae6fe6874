"""A rate per site with the count of sites said apart from it ('pro Filiale etwa 25 … 12 Filialen',
'per clinic around 30 a day, we run 8 clinics') is asked, with the product offered as the first
choice (25 × 12 = 300 a day) and the figure alone as the second: never multiplied in silence, never
taken as the figure alone. A count said before with 'per …' after the rate stays read as before."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.profile import WorkloadProfile


def _read(catalog, text: str):
    return read_answer(text, WorkloadProfile(), catalog)


@pytest.mark.parametrize(
    ("text", "each", "sites"),
    [
        ("pro Filiale etwa 25 Beratungen am Tag, wir haben 12 Filialen", 25, 12),
        ("Wir betreiben 12 Filialen, pro Filiale etwa 25 Beratungen am Tag", 25, 12),
        ("per clinic around 30 notes a day, we run 8 clinics", 30, 8),
        ("par agence environ 20 dossiers par jour … 6 agences", 20, 6),
    ],
)
def test_the_product_is_the_first_choice(catalog, text, each, sites):
    reading = _read(catalog, text)
    assert "requests_per_day" not in reading.changes  # asked, not written
    (choice,) = [c for c in reading.open_choices if "requests_per_day" in c.fields]
    first, second = choice.options[0], choice.options[1]
    assert first.changes["requests_per_day"] == each * sites
    assert second.changes["requests_per_day"] == each


def test_answering_one_takes_the_product(catalog):
    from advisor.agent import TurnContext, run_turn
    from advisor.state import SessionState

    ctx = TurnContext(catalog=catalog, state=SessionState())
    list(run_turn(ctx, "per clinic around 30 notes a day, we run 8 clinics, 1k in and 200 out"))
    assert ctx.state.profile.requests_per_day is None
    list(run_turn(ctx, "1"))
    assert ctx.state.profile.requests_per_day == 240


def test_a_count_before_and_per_after_is_still_read(catalog):
    reading = _read(catalog, "We have 14 stores, about 40 chats a day per store")
    assert reading.changes["requests_per_day"] == 560


def test_a_figure_per_site_after_the_rate_is_no_count_of_sites(catalog):
    """'… 60 invoices a month, plus bank lines, about 200 per company': '200 per company' is another
    figure per company, not a count of companies to multiply by."""
    reading = _read(catalog, "per company about 60 invoices a month, plus bank lines, about 200 per company")
    labels = [o.label for c in reading.open_choices for o in c.options]
    assert not any("each for" in label for label in labels), labels
