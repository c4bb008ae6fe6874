"""Amounts in euros or pounds → dollars, at the dated euro reference rates of the catalog's
currencies (``catalog/currency.toml``, or the last `advisor catalog update`)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from advisor.tools.catalog import Catalog, currency_named, default_catalog, per_usd


class ExchangeRate(BaseModel):
    code: str
    symbols: list[str]
    usd_per_unit: float = Field(gt=0)
    source: str
    as_of: date


def _with_rates(catalog: Catalog | None) -> Catalog:
    """``catalog``, or the shipped one when it holds no rates (a catalog built for a test)."""
    return catalog if catalog is not None and catalog.currencies else default_catalog()


def rates(catalog: Catalog | None = None) -> dict[str, ExchangeRate]:
    """Code → its rate in dollars, for every currency but the dollar."""
    catalog = _with_rates(catalog)
    out = {}
    for code, currency in catalog.currencies.items():
        per = per_usd(catalog, code)
        if code != "USD" and per:
            out[code] = ExchangeRate(
                code=code, symbols=currency.aliases, usd_per_unit=1 / per, source=currency.source, as_of=currency.as_of
            )
    return out


def rate_for(symbol: str, catalog: Catalog | None = None) -> ExchangeRate | None:
    """The rate for a sign or word ("€", "eur", "pounds"); None for dollars or an unknown one."""
    catalog = _with_rates(catalog)
    currency = currency_named(catalog, symbol)
    return None if currency is None else rates(catalog).get(currency.id)


def to_usd(amount: float, symbol: str, catalog: Catalog | None = None) -> tuple[float, str]:
    """``amount`` in the currency ``symbol`` names, in dollars, and how it was converted ("" for dollars)."""
    rate = rate_for(symbol, catalog)
    if rate is None:
        return amount, ""
    return amount * rate.usd_per_unit, (
        f"converted from {rate.code} at ${rate.usd_per_unit:.4g} per {rate.code} ({rate.source.split(',')[0]}, "
        f"as of {rate.as_of.isoformat()})"
    )
