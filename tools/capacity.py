"""How many tokens a month a box can generate with a model (cost-model.md, "Capacity").

Decode is bound by memory bandwidth: every generated token reads the active weights and the KV
cache once. A measured figure in the catalog wins over this estimate, and the result says which.
"""

from __future__ import annotations

import math

from pydantic import Field, model_validator

from advisor.tools import defaults as d
from advisor.tools.base import ToolError, ToolInput, ToolResult
from advisor.tools.catalog import Catalog, Hardware, LocalModel
from advisor.tools.quantity import Hours, Tokens


class CapacityInput(ToolInput):
    tokens_per_second: Tokens | None = Field(default=None, description="known decode speed")
    hardware: str | None = Field(default=None, description="hardware id, e.g. rtx-4090-24gb")
    local_model: str | None = Field(default=None, description="open-weight model id")
    quant: str | None = Field(default=None, description="quantisation, e.g. Q4_K_M (default)")
    context_tokens: Tokens | None = Field(default=None, description="context per stream (8192)")
    streams: int = Field(default=1, ge=1, le=256, description="concurrent streams (batch)")
    hours_per_day: Hours | None = Field(default=None, description="hours a day serving (24)")
    monthly_tokens: Tokens | None = Field(
        default=None, description="the workload's decode tokens a month, to size units against"
    )

    @model_validator(mode="after")
    def _speed_source(self) -> CapacityInput:
        if self.tokens_per_second is None and (self.hardware is None or self.local_model is None):
            raise ValueError("give tokens-per-second, or hardware and local-model")
        return self


class CapacityResult(ToolResult):
    tokens_per_month: float
    tokens_per_second: float
    tokens_per_second_low: float
    tokens_per_second_high: float
    speed_basis: str  # "measured", "estimate" or "given"
    fits: bool | None
    memory_needed_gb: float | None
    memory_available_gb: float | None
    weights_gb: float | None
    kv_cache_gb: float | None
    share_served: float | None = None  # of monthly_tokens, capped at 1
    units_needed: int | None = None


def kv_bytes_per_token(model: LocalModel) -> float | None:
    if model.kv_bytes_per_token is not None:
        return model.kv_bytes_per_token
    if model.layers and model.kv_heads and model.head_dim:
        return 2 * model.layers * model.kv_heads * model.head_dim * d.KV_CACHE_BYTES
    return None


def weights_gb(model: LocalModel, quant: str, *, active: bool = False) -> float:
    if quant not in model.quants:
        raise ToolError("quant", quant, f"is not listed for {model.id}; try one of {', '.join(model.quants)}")
    params = model.active_params_b if active and model.active_params_b else model.params_b
    if quant in model.gguf_gb:
        return model.gguf_gb[quant] * params / model.params_b
    return params * model.quants[quant] / 8


def months_tokens(tokens_per_second: float, hours_per_day: float) -> float:
    return tokens_per_second * 3600 * hours_per_day * d.DAYS_PER_MONTH


def capacity(inp: CapacityInput, catalog: Catalog) -> CapacityResult:
    assumptions: list[str] = []
    hours = inp.hours_per_day
    if hours is None:
        hours = d.HOURS_PER_DAY
        assumptions.append("serving 24 h a day")

    fits = memory_needed = memory_available = weights = kv_gb = None
    if inp.tokens_per_second is not None:
        point = low = high = inp.tokens_per_second
        basis = "given"
    else:
        box: Hardware = catalog.get("hardware", inp.hardware, "hardware")  # type: ignore[arg-type,assignment]
        model: LocalModel = catalog.get("local-models", inp.local_model, "local_model")  # type: ignore[arg-type,assignment]
        quant = inp.quant or d.DEFAULT_QUANT
        if inp.quant is None:
            assumptions.append(f"{quant} quantisation")
        context = inp.context_tokens
        if context is None:
            context = d.DEFAULT_CONTEXT_TOKENS
            assumptions.append(f"{context:,} tokens of context per stream")
        weights = weights_gb(model, quant)
        active = weights_gb(model, quant, active=True)
        per_token = kv_bytes_per_token(model)
        if per_token is None:
            kv_gb = 0.0
            assumptions.append(f"{model.id}: no attention shape in the catalog, KV cache not counted")
        else:
            kv_gb = per_token * context * inp.streams / 1e9
        memory_needed = weights + kv_gb + d.MEMORY_OVERHEAD_GB
        memory_available = box.memory_gb
        fits = memory_needed <= memory_available

        measured = next(
            (m for m in box.measured if m.local_model == model.id and (m.quant in (None, quant))),
            None,
        )
        if measured is not None:
            low, high = measured.tokens_per_second_low, measured.tokens_per_second_high
            point = (low + high) / 2
            basis = "measured"
            assumptions.append(f"speed measured: {low:g}–{high:g} tokens/s ({measured.source})")
        elif box.bandwidth_gb_s is None:
            raise ToolError("hardware", box.id, "has no memory bandwidth in the catalog; give tokens-per-second")
        else:
            step_gb = active + kv_gb
            lo_eff, hi_eff = d.BANDWIDTH_EFFICIENCY_RANGE
            point, low, high = (
                eff * box.bandwidth_gb_s / step_gb * inp.streams for eff in (d.BANDWIDTH_EFFICIENCY, lo_eff, hi_eff)
            )
            basis = "estimate"
            assumptions.append(
                f"speed estimated from {box.bandwidth_gb_s:g} GB/s memory bandwidth at"
                f" {d.BANDWIDTH_EFFICIENCY:.0%} efficiency ({lo_eff:.0%}–{hi_eff:.0%})"
            )
        if inp.streams > 1:
            assumptions.append(f"{inp.streams} concurrent streams share each weight read")

    per_month = months_tokens(point, hours)
    share = units = None
    if inp.monthly_tokens:
        share = min(1.0, per_month / inp.monthly_tokens)
        units = math.ceil(inp.monthly_tokens / per_month) if per_month > 0 else None
    return CapacityResult(
        tokens_per_month=per_month,
        tokens_per_second=point,
        tokens_per_second_low=low,
        tokens_per_second_high=high,
        speed_basis=basis,
        fits=fits,
        memory_needed_gb=memory_needed,
        memory_available_gb=memory_available,
        weights_gb=weights,
        kv_cache_gb=kv_gb,
        share_served=share,
        units_needed=units,
        assumptions=assumptions,
    )
