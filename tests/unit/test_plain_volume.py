"""The plain second reading of the volume (advisor/interview/plain_volume.py): a volume read in
passing is written only when a strict grammar — a number, a few words, a period, in one clause,
times a count only when a word ties it to each one — gives the same figure; otherwise it is asked,
the plain figure offered beside the full reader's."""

from __future__ import annotations

import pytest

from advisor.interview import plain_volume
from advisor.interview.reader import read_answer, read_draft
from advisor.tools.profile import WorkloadProfile

EMPTY = WorkloadProfile()


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("we see about 2,100 claims a week", 300),
        ("roughly 4k docs/day", 4000),
        ("Pro Jahr ca. 36.000 Anträge", 100),
        ("40 nurses, each writes 12 handovers a day", 480),
        ("9 depots. Cada depot envía unas 20 notas al día", 180),
        ("300 notes a day, weekdays only", 300 * 5 / 7),
        ("2 shifts a day; each shift logs about 150 incidents", 300),
    ],
)
def test_a_complete_figure_is_read_by_both_and_written(catalog, text, per_day):
    d = read_draft(text, EMPTY, catalog)
    assert plain_volume.readings(d) == [pytest.approx(per_day)]
    assert d.changes["requests_per_day"] == pytest.approx(per_day)


def test_a_tie_word_with_nothing_to_tie_to_gives_no_plain_reading(catalog):
    d = read_draft("about 25 lookups a day per depot", EMPTY, catalog)
    assert plain_volume.readings(d) == []
    assert "requests_per_day" not in d.changes


def test_each_with_a_size_after_a_rate_is_the_item_not_a_tie(catalog):
    """'…a month, each ~40 pages': 'each' describes one item; nothing multiplies the rate."""
    d = read_draft("Around 600 filings a month, each ~40 pages", EMPTY, catalog)
    assert plain_volume.readings(d) == [pytest.approx(20)]


def test_when_the_readers_disagree_both_are_offered_and_nothing_is_written(catalog):
    """The full reader multiplies by a count in another clause that no word ties to the rate; the
    plain reading does not: the user is asked which, with both figures as choices."""
    text = "a cron job wakes up every 10 minutes; 20 agents running"
    reading = read_answer(text, EMPTY, catalog)
    assert "requests_per_day" not in reading.changes
    (choice,) = [c for c in reading.open_choices if "requests_per_day" in c.fields]
    assert sorted(o.changes["requests_per_day"] for o in choice.options) == [144, 2880]
    picked = read_answer("1", EMPTY, catalog, open_choices=reading.open_choices)
    assert picked.changes["requests_per_day"] in (144, 2880)


def test_a_correction_is_not_second_guessed(catalog):
    """'X, not Y' is its own grammar: the plain reading of the old figure does not overrule it."""
    profile = WorkloadProfile(requests_per_day=1000 / 7)
    bases = {"requests_per_day": {"raw": 1000.0, "period": "week", "typed": 1000.0}}
    reading = read_answer("ce n'est pas 1 000 par semaine mais par mois", profile, catalog, bases=bases)
    assert reading.changes["requests_per_day"] == pytest.approx(1000 / 30)
