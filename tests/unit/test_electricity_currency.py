"""An electricity rate is read in the currency written against it ('1,1 zł/kWh', 'R$ 0,85/kWh',
'0,20 € le kWh'); a currency with no rate ('₹9.5 per unit') is named, not read as dollars; and a
rate with no currency where another is in play (a euro budget beside it, a German message) is asked
in which, never silently taken as dollars."""

from __future__ import annotations

import pytest

from advisor.interview.currency import rates
from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile


def read(text: str):
    return read_answer(text, WorkloadProfile(), load_catalog())


@pytest.mark.parametrize(
    ("text", "code", "amount"),
    [
        ("Electricity here ~1,1 zł/kWh", "PLN", 1.1),
        ("a energia custa R$ 0,85/kWh aqui", "BRL", 0.85),
        ("je sais pas, 0,20 € le kWh ?", "EUR", 0.20),
    ],
)
def test_a_rate_in_the_currency_written_beside_it(text, code, amount):
    got = read(text).changes["electricity_usd_per_kwh"]
    assert got == pytest.approx(amount * rates()[code].usd_per_unit)


def test_a_currency_with_no_rate_is_said_not_read_as_dollars():
    reading = read("Electricity at our DC is ₹9.5 per unit.")
    assert "electricity_usd_per_kwh" not in reading.changes
    assert any("₹" in n and "no exchange rate" in n for n in reading.notes)


@pytest.mark.parametrize(
    "text",
    [
        "power is 0.19/kWh, and our budget is €500 a month",
        "Wir fahren drei Schichten und der Strom kostet uns 24 ct/kWh, das ist nicht wenig.",
    ],
)
def test_a_rate_with_no_currency_where_another_is_in_play_is_asked(text):
    reading = read(text)
    assert "electricity_usd_per_kwh" not in reading.changes
    assert any("electricity at" in q for q in reading.ambiguous)


def test_a_plain_dollar_rate_is_still_read():
    assert read("power is $0.19/kWh").changes["electricity_usd_per_kwh"] == pytest.approx(0.19)
    assert read("we pay 12 cents a kWh").changes["electricity_usd_per_kwh"] == pytest.approx(0.12)


@pytest.mark.parametrize(
    "text",
    [
        "around 0,30 €/kWh I think. Actually our admin office just told me it's 0,22 since the new contract",
        "$0.14/kWh, we're in a lab in RTP... no sorry, we moved to the Cambridge office, it's more like $0.29.",
    ],
)
def test_a_rate_said_again_after_a_correction_is_asked_between_the_two(text):
    reading = read(text)
    assert "electricity_usd_per_kwh" not in reading.changes
    assert any("1) electricity at" in q and "2) electricity at" in q for q in reading.ambiguous)


def test_cents_as_ct_are_asked_in_which_currency():
    reading = read("We pay 25 ct/kWh here")
    assert "electricity_usd_per_kwh" not in reading.changes


def test_a_figure_after_a_correction_word_that_is_no_rate_leaves_the_rate():
    assert read("Power is $0.19/kWh. Actually we run 2 shifts of 3.5 hours").changes["electricity_usd_per_kwh"] == 0.19
