"""Months as a person writes them: a payback or crossover within ten years in months, beyond it in
years ('about 196 years', not '2,346.2 months'), none at all as 'never'."""

from __future__ import annotations

from advisor.text.render import months, payback_words


def test_months_read_as_a_person_writes_them():
    assert months(4.62) == "4.6 months"
    assert months(119.9) == "119.9 months"
    assert months(120) == "about 10 years"
    assert months(2346.2) == "about 196 years"
    assert months(None) == "never"


def test_a_payback_beyond_ten_years_reads_in_years():
    option = {"deployment": "local", "units": 1, "owned_units": 0, "payback_months": 2346.2}
    assert payback_words(option) == "about 196 years"
