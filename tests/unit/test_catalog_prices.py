"""Cross-check of the shipped cloud prices against genai-prices (pydantic's maintained price data):
input, output, cache read and write, the long-context tier and the batch discount each equal it, or
the catalog entry says why not. Prices are compared per request at noon UTC on the price's own
``as_of`` date (off-peak for DeepSeek; its peak prices at 02:00): genai-prices applies per-request
long-context tiers, so a monthly total must never be fed to it."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from advisor.tools.price_feed import feed_config

genai_prices = pytest.importorskip("genai_prices")

BATCH_TABLE = datetime(2026, 10, 14, 12, tzinfo=UTC)


def find(ref: tuple[str, str]):
    """genai-prices' provider and model for a (provider id, model id) pair — by id, as the update maps."""
    from genai_prices.data_snapshot import get_snapshot

    for provider in get_snapshot().providers:
        if provider.id == ref[0]:
            for info in provider.models:
                if info.id == ref[1]:
                    return provider, info
    return None, None


def per_million(ref: tuple[str, str], when: datetime, context: dict | None = None, **usage: int) -> float | None:
    """Dollars per million of the usage's priced token count, or None when the model is not there."""
    provider, info = find(ref)
    if info is None:
        return None
    calc = info.calc_price(genai_prices.Usage(**usage), provider, genai_request_timestamp=when, price_context=context)
    count = usage.get("cache_read_tokens") or usage.get("cache_write_tokens") or usage.get("input_tokens")
    if usage.get("output_tokens"):
        count = usage["output_tokens"]
    return float(calc.total_price) * 1e6 / count


def has_batch(ref: tuple[str, str]) -> bool:
    """Whether genai-prices lists a batch price for the model (its batch table covers active models)."""
    _, info = find(ref)
    return info is not None and any(v.when.get("processing") == "batch" for v in info.price_variants or ())


def theirs_and_ours(model) -> list[tuple[str, float | None, float | None]]:
    ref = feed_config().ref(model.id, model.provider)
    p = model.price
    when = datetime.combine(p.as_of, time(12), tzinfo=UTC)
    small = 1_000
    rows = [
        ("input", per_million(ref, when, input_tokens=small), p.input),
        ("output", per_million(ref, when, output_tokens=small), p.output),
    ]
    # A cache read or write is billed at its own price in place of the input price.
    read = per_million(ref, when, input_tokens=small, cache_read_tokens=small)
    rows.append(("cache_read", read, p.cache_read if p.cache_read is not None else p.input))
    if p.cache_write_5m is not None:
        write = per_million(ref, when, input_tokens=small, cache_write_tokens=small)
        rows.append(("cache_write_5m", write, p.cache_write_5m))
    if p.peak_hours_per_day:  # DeepSeek's daily peak: 02:00 UTC is inside it
        at_peak = datetime.combine(p.as_of, time(2), tzinfo=UTC)
        rows.append(("peak_input", per_million(ref, at_peak, input_tokens=small), p.peak_input))
        rows.append(("peak_output", per_million(ref, at_peak, output_tokens=small), p.peak_output))
    big = (p.long_context_threshold or 272_000) + 10_000
    rows.append(("long_context_input", per_million(ref, when, input_tokens=big), p.long_context_input or p.input))
    # genai-prices dates its batch table from 2026-10-14: read batch against the list price then.
    later = max(when, BATCH_TABLE)
    batch = per_million(ref, later, {"processing": "batch"}, input_tokens=small) if has_batch(ref) else None
    listed = per_million(ref, later, input_tokens=small)
    if batch is not None and listed:
        rows.append(("batch_discount", round(1 - batch / listed, 6), model.batch_discount or 0.0))
    return rows


def test_every_checkable_price_matches_or_says_why(catalog):
    checked = 0
    unexplained: list[str] = []
    for model in catalog.cloud.values():
        if feed_config().ref(model.id, model.provider) is None:
            continue
        rows = theirs_and_ours(model)
        if rows[0][1] is None:
            continue
        checked += 1
        for field, theirs, ours in rows:
            if theirs is None or ours == pytest.approx(theirs, rel=1e-6, abs=1e-9):
                continue
            if "genai-prices" not in model.note + model.price.note:
                unexplained.append(f"{model.id}.{field}: {ours} in the catalog, {theirs} in genai-prices")
    assert not unexplained, "no note says why:\n" + "\n".join(unexplained)
    assert checked >= 15


def test_sonnet_4_6_surcharge_gone_from_2026_03_13_in_both(catalog):
    ref = ("anthropic", "claude-sonnet-4-6")
    before = per_million(ref, datetime(2026, 3, 12, 12, tzinfo=UTC), input_tokens=250_000)
    after = per_million(ref, datetime(2026, 3, 13, 12, tzinfo=UTC), input_tokens=250_000)
    assert (before, after) == (6.0, 3.0)
    model = catalog.cloud["claude-sonnet-4-6"]
    assert model.price.long_context_threshold is None
    old = [h for h in model.history if h.as_of < datetime(2026, 3, 13).date()]
    assert old and old[-1].long_context_input == 6.0


def test_long_context_tier_is_per_request_in_both(catalog):
    big = genai_prices.calc_price(
        genai_prices.Usage(input_tokens=300_000, output_tokens=0),
        model_ref="claude-sonnet-4-5",
        provider_id="anthropic",
    )
    assert float(big.total_price) == pytest.approx(0.3 * catalog.cloud["claude-sonnet-4-5"].price.long_context_input)


def test_sonnet_4_6_long_requests_cost_the_flat_price(catalog):
    """300M input and 10M output a month in 250K-token requests: $1,050 since the surcharge went
    (it was $2,025 at $6/$22.50), and the old tier still answers for a date before 2026-03-13."""
    from datetime import date

    from advisor.tools.cloud_cost import CloudCostInput, cloud_cost

    inp = dict(model="claude-sonnet-4-6", input_tokens=300e6, output_tokens=10e6, tokens_per_request=250_000)
    now = cloud_cost(CloudCostInput(**inp), catalog)
    assert (now.monthly_usd, now.long_context) == (pytest.approx(1050), False)
    before = cloud_cost(CloudCostInput(**inp, price_as_of=date(2026, 3, 12)), catalog)
    assert (before.monthly_usd, before.long_context) == (pytest.approx(2025), True)


def test_no_cache_discount_known_is_said(catalog):
    from advisor.tools.cloud_cost import CloudCostInput, cloud_cost

    scout = cloud_cost(CloudCostInput(model="llama-4-scout", input_tokens=100e6, cached_input_share=0.8), catalog)
    assert not scout.cache_discount_known
    assert any("no cache discount known" in a for a in scout.assumptions)
    pro = cloud_cost(CloudCostInput(model="deepseek-v4-pro", input_tokens=100e6, cached_input_share=0.8), catalog)
    assert pro.cache_discount_known and pro.input_usd < 0.25 * 100 * pro.price.input


def test_deepseek_peak_hours_are_billed_for_traffic_spread_over_the_day(catalog):
    """7 peak hours a day at 2x: evenly spread traffic pays 7/24 of it at the peak price."""
    from advisor.tools.cloud_cost import CloudCostInput, cloud_cost

    inp = dict(model="deepseek-v4-pro", input_tokens=100e6, output_tokens=10e6)
    spread = cloud_cost(CloudCostInput(**inp), catalog)
    off_peak = cloud_cost(CloudCostInput(**inp, peak_share=0), catalog)
    assert off_peak.monthly_usd == pytest.approx(100 * 0.66 + 10 * 1.98)
    assert spread.monthly_usd == pytest.approx(off_peak.monthly_usd * (1 + 7 / 24))
    assert any("7 peak hours" in a for a in spread.assumptions)
