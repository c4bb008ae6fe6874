"""Money is shown to the cent (whole units from 100), in every language and currency: '$0.16', not
'$0.1578'; a sum under half a cent is '<$0.01', never '$0.00'. Only a unit price (per million tokens)
and what Claude calls cost — fractions of a cent — keep up to four decimals (render.price,
Words.price): the catalog's '$0.075 per M', the status bar's '$0.0165' for one call."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor.text.render import format_value, money, price
from advisor.text.words import Words, words_for
from advisor.tools.catalog import default_catalog


@pytest.mark.parametrize(
    ("usd", "shown"),
    [(0.1578, "$0.16"), (0.5576, "$0.56"), (0.004, "<$0.01"), (0.0, "$0.00"), (17.004, "$17.00"), (1234.5, "$1,234")],
)
def test_money_is_shown_to_the_cent(usd, shown):
    assert money(usd) == shown
    assert Words(lang="en").money(usd) == shown


@given(st.floats(min_value=0.005, max_value=99.99))
def test_money_under_a_hundred_has_two_decimals_and_rounds_to_the_cent(usd):
    shown = money(usd)
    assert shown.startswith("$") and len(shown.split(".")[1]) == 2
    assert abs(float(shown[1:].replace(",", "")) - usd) <= 0.005 + 1e-9


def test_in_euros_and_german_too():
    german = words_for("de", "EUR", default_catalog())
    shown = german.money(0.1578 / german.rate.per_usd)
    assert shown.replace("\u00a0", " ") == "0,16 €"
    assert german.money(0.001).replace("\u00a0", " ") == "<0,01 €"


def test_unit_prices_and_a_calls_cost_keep_the_fraction_of_a_cent():
    assert price(0.075) == "$0.075" and price(0.0165) == "$0.0165" and price(2.5) == "$2.50"
    assert format_value("input_usd_per_million", 0.075) == "$0.075"
    assert format_value("monthly_usd", 0.1578) == "$0.16"
    assert words_for("de", "EUR", default_catalog()).format_value("input_usd_per_million", 0.075).startswith("0,06")
