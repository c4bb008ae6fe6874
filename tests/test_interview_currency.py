"""Other currencies are converted at the dated rate in catalog/currency.toml, and say so."""

from advisor.interview.currency import rate_for, rates, to_usd


def test_rates_are_dated_and_sourced():
    for rate in rates().values():
        assert rate.source and rate.as_of.year >= 2025
    assert set(rates()) >= {"EUR", "GBP"}


def test_euro_amount_converts_at_the_catalog_rate_and_names_it():
    usd, how = to_usd(2000, "€")
    assert usd == 2000 * rates()["EUR"].usd_per_unit
    assert "EUR" in how and rates()["EUR"].as_of.isoformat() in how


def test_dollars_pass_through_unchanged():
    assert to_usd(150, "$") == (150, "")
    assert rate_for("usd") is None
    assert rate_for("Pounds") is rates()["GBP"]
