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
    assert rate_for("Pounds") == rates()["GBP"]


def test_the_rates_are_the_ecbs_as_published():
    """The shipped rates are the ECB's reference rates of one day, units per euro, not a rounded guess."""
    from advisor.tools.catalog import load_catalog, per_usd

    catalog = load_catalog()
    assert catalog.currencies["USD"].per_eur == 1.1172 and catalog.currencies["GBP"].per_eur == 0.8338
    assert all(c.as_of.isoformat() == "2026-10-30" and "ECB" in c.source for c in catalog.currencies.values())
    assert per_usd(catalog, "EUR") == 1 / 1.1172
    assert rates()["EUR"].usd_per_unit == 1.1172
