"""Cloud API cost of a monthly volume on one catalog model (cost-model.md, "Cloud API cost")."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from advisor.tools.base import ToolError, ToolInput, ToolResult
from advisor.tools.catalog import Catalog, CloudModel, PricePoint
from advisor.tools.quantity import Share, Tokens


class CloudCostInput(ToolInput):
    model: str = Field(description="cloud model id, e.g. claude-sonnet-4-5")
    input_tokens: Tokens = Field(description="input tokens a month, e.g. 300M")
    output_tokens: Tokens = Field(default=0, description="output tokens a month")
    cached_input_share: Share = Field(default=0, description="share of input read from cache")
    cache_write_tokens: Tokens = Field(default=0, description="input tokens written to cache")
    cache_ttl: Literal["5m", "1h"] = Field(default="5m", description="cache lifetime billed")
    cache_write_1h_tokens: Tokens = Field(
        default=0, description="input tokens written to the extended cache (Anthropic 1 h, OpenAI 12 h)"
    )
    batch: bool = Field(default=False, description="use the provider's batch discount")
    tokens_per_request: Tokens | None = Field(
        default=None, description="input tokens per request (long-context tiers are per request)"
    )
    peak_share: Share | None = Field(
        default=None, description="share of traffic in the provider's daily peak hours (default: spread evenly)"
    )
    price_as_of: date | None = Field(default=None, description="use the price in force on this date (YYYY-MM-DD)")


class PriceUsed(ToolResult):
    input: float
    output: float
    cache_read: float
    source: str
    as_of: date


class CloudCostResult(ToolResult):
    model: str
    monthly_usd: float
    input_usd: float
    output_usd: float
    cache_write_usd: float
    blended_usd_per_million: float | None
    long_context: bool
    batch_discount: float
    cache_discount_known: bool
    price: PriceUsed


def price_point(model: CloudModel, as_of: date | None) -> PricePoint:
    """The current list price, or the newest dated price on or before ``as_of``."""
    if as_of is None:
        return model.price
    points = [p for p in (model.price, *model.history) if p.as_of <= as_of]
    if not points:
        raise ToolError("price_as_of", str(as_of), f"is before the oldest price of {model.id}")
    return max(points, key=lambda p: p.as_of)


def _with_peak(point: PricePoint, share: float | None) -> tuple[float, float, float | None, str]:
    """Prices blended over the day: ``share`` of the traffic (default: the peak hours' share of
    24, traffic spread evenly) at the peak prices, the rest at the list (off-peak) prices."""
    hours = point.peak_hours_per_day or 0.0
    s = hours / 24 if share is None else share

    def blend(off: float, on: float | None) -> float:
        return off * (1 - s) + (off if on is None else on) * s

    cache = None if point.cache_read is None else blend(point.cache_read, point.peak_cache_read)
    basis = "traffic spread evenly over the day" if share is None else "the peak share given"
    note = (
        f"{s:.0%} of traffic in the {hours:g} peak hours a day at ${point.peak_input}/${point.peak_output} per M"
        f" ({basis}), the rest at ${point.input}/${point.output}"
    )
    return blend(point.input, point.peak_input), blend(point.output, point.peak_output), cache, note


def cloud_cost(inp: CloudCostInput, catalog: Catalog) -> CloudCostResult:
    model: CloudModel = catalog.get("cloud", inp.model, "model")  # type: ignore[assignment]
    point = price_point(model, inp.price_as_of)
    assumptions: list[str] = []

    p_in, p_out = point.input, point.output
    long_context = bool(
        point.long_context_threshold
        and inp.tokens_per_request is not None
        and inp.tokens_per_request > point.long_context_threshold
    )
    scale = 1.0
    if long_context:
        scale = point.long_context_input / p_in if p_in else 1.0  # type: ignore[operator]
        p_in, p_out = point.long_context_input, point.long_context_output  # type: ignore[assignment]
        assumptions.append(
            f"requests over {point.long_context_threshold:,} input tokens billed at the"
            f" long-context rate ${p_in}/${p_out} per M"
        )
    if point.peak_hours_per_day and not long_context:
        p_in, p_out, p_cache_read, peak_note = _with_peak(point, inp.peak_share)
        assumptions.append(peak_note)
    else:
        p_cache_read = point.cache_read
    if p_cache_read is None:
        p_cache = p_in
        if inp.cached_input_share:
            assumptions.append(
                f"no cache discount known for {model.id}: its {inp.cached_input_share:.0%} cached input"
                " is billed at the full input price"
            )
    else:
        p_cache = p_cache_read * scale

    c = inp.cached_input_share
    input_usd = inp.input_tokens / 1e6 * (p_in * (1 - c) + p_cache * c)
    output_usd = inp.output_tokens / 1e6 * p_out
    cache_write_usd = 0.0
    for tokens, ttl in ((inp.cache_write_tokens, inp.cache_ttl), (inp.cache_write_1h_tokens, "1h")):
        if tokens:
            cache_write_usd += cache_write_premium_usd(tokens, point, ttl, p_in, scale, model.id, assumptions)

    discount = 0.0
    if inp.batch:
        if model.batch_discount is None:
            raise ToolError("batch", True, f"{model.id} has no batch discount in the catalog")
        discount = model.batch_discount
        assumptions.append(f"batch discount {discount:.0%} applied")
    factor = 1 - discount
    input_usd, output_usd, cache_write_usd = (
        input_usd * factor,
        output_usd * factor,
        cache_write_usd * factor,
    )
    monthly = input_usd + output_usd + cache_write_usd
    total_tokens = inp.input_tokens + inp.output_tokens
    if not c:
        assumptions.append("no prompt caching")
    assumptions.append(f"{model.id} at ${point.input}/${point.output} per M ({point.as_of})")
    return CloudCostResult(
        model=model.id,
        monthly_usd=monthly,
        input_usd=input_usd,
        output_usd=output_usd,
        cache_write_usd=cache_write_usd,
        blended_usd_per_million=monthly * 1e6 / total_tokens if total_tokens else None,
        long_context=long_context,
        batch_discount=discount,
        cache_discount_known=point.cache_read is not None,
        price=PriceUsed(input=p_in, output=p_out, cache_read=p_cache, source=point.source, as_of=point.as_of),
        assumptions=assumptions,
    )


def cache_write_premium_usd(
    tokens: float, point: PricePoint, ttl: str, p_in: float, scale: float, model_id: str, assumptions: list[str]
) -> float:
    """What writing ``tokens`` to the prompt cache adds to billing them as plain input
    (cost-model.md, "Cloud API cost": ``I_written/1e6 × (p_cache_write − p_in)``).

    ``ttl`` "5m" is the provider's standard write (Anthropic's 5-minute cache at 1.25× input,
    OpenAI's 30-minute one, which the catalog keeps in the same slot), "1h" its extended one
    (Anthropic's 1-hour cache at 2×; OpenAI's 12-hour one). A model with no extended write price
    but a standard one is billed the standard price, said in ``assumptions``; a model with no write
    price bills no writes (OpenAI's older models, DeepSeek): the premium is 0. ``scale`` is the
    long-context multiplier of the input price (the write price scales with it)."""
    price = point.cache_write_5m if ttl == "5m" else point.cache_write_1h
    if price is None and ttl == "1h" and point.cache_write_5m is not None:
        price = point.cache_write_5m
        _note(
            assumptions,
            f"{model_id} lists no extended (1-hour or 12-hour) cache-write price: those writes"
            f" at its standard write price ${point.cache_write_5m}/M",
        )
    if price is None:
        _note(assumptions, f"{model_id} bills no cache writes")
        return 0.0
    return tokens / 1e6 * (price * scale - p_in)


def _note(assumptions: list[str], line: str) -> None:
    if line not in assumptions:
        assumptions.append(line)


def blended_rate(input_price: float, output_price: float, ratio: float) -> float:
    """Dollars per M tokens for an input:output ratio of ``ratio``:1 (seed 003: 2:1 on $3/$15 → $7)."""
    return (ratio * input_price + output_price) / (ratio + 1)
