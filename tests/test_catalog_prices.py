"""Cross-check of the shipped cloud prices against genai-prices (pydantic's maintained price data):
every price equals it or its catalog entry says why not. Unit prices are compared on a small
request: genai-prices applies per-request long-context tiers, so a monthly total must never be
fed to it."""

from __future__ import annotations

import pytest

genai_prices = pytest.importorskip("genai_prices")

PROVIDERS = {"anthropic": "anthropic", "openai": "openai", "google": "google", "deepseek": "deepseek"}


def unit_prices(model_id: str, provider: str) -> tuple[float, float] | None:
    try:
        i = genai_prices.calc_price(
            genai_prices.Usage(input_tokens=1000, output_tokens=0), model_ref=model_id, provider_id=provider
        )
        o = genai_prices.calc_price(
            genai_prices.Usage(input_tokens=0, output_tokens=1000), model_ref=model_id, provider_id=provider
        )
    except LookupError:
        return None
    return float(i.total_price) * 1000, float(o.total_price) * 1000


def test_every_checkable_price_matches_or_says_why(catalog):
    checked = 0
    for model in catalog.cloud.values():
        provider = PROVIDERS.get(model.provider)
        if provider is None:
            continue
        theirs = unit_prices(model.id, provider)
        if theirs is None:
            continue
        checked += 1
        ours = (model.price.input, model.price.output)
        if ours != pytest.approx(theirs, rel=1e-6):
            assert "genai-prices" in model.note or "genai-prices" in model.price.note, (
                f"{model.id}: {ours} in the catalog, {theirs} in genai-prices, and no note says why"
            )
    assert checked >= 10


def test_long_context_tier_is_per_request_in_both(catalog):
    big = genai_prices.calc_price(
        genai_prices.Usage(input_tokens=300_000, output_tokens=0),
        model_ref="claude-sonnet-4-5",
        provider_id="anthropic",
    )
    assert float(big.total_price) == pytest.approx(0.3 * catalog.cloud["claude-sonnet-4-5"].price.long_context_input)
