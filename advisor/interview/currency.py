"""Amounts in euros or pounds → dollars, at the dated rate kept in ``catalog/currency.toml``."""

from __future__ import annotations

import tomllib
from datetime import date
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, Field

CURRENCY_FILE = "currency.toml"


class ExchangeRate(BaseModel):
    code: str
    symbols: list[str]
    usd_per_unit: float = Field(gt=0)
    source: str
    as_of: date


@lru_cache(maxsize=1)
def rates() -> dict[str, ExchangeRate]:
    """Code → rate, from the shipped catalog file."""
    text = (resources.files("advisor.catalog") / CURRENCY_FILE).read_text(encoding="utf-8")
    return {r["code"]: ExchangeRate.model_validate(r) for r in tomllib.loads(text)["rate"]}


def rate_for(symbol: str) -> ExchangeRate | None:
    """The rate for a sign or word ("€", "eur", "pounds"); None for dollars or an unknown one."""
    s = symbol.strip().lower()
    return next((r for r in rates().values() if s in r.symbols), None)


def to_usd(amount: float, symbol: str) -> tuple[float, str]:
    """``amount`` in the currency ``symbol`` names, in dollars, and how it was converted ("" for dollars)."""
    rate = rate_for(symbol)
    if rate is None:
        return amount, ""
    return amount * rate.usd_per_unit, (
        f"converted from {rate.code} at ${rate.usd_per_unit:g} per {rate.code} ({rate.source.split(',')[0]}, "
        f"as of {rate.as_of.isoformat()})"
    )
