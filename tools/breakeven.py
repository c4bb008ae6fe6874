"""Monthly volume at which owned hardware costs the same as a cloud model (seeds 003, 004)."""

from __future__ import annotations

from pydantic import Field, model_validator

from advisor.tools import defaults as d
from advisor.tools.base import ToolError, ToolInput, ToolResult
from advisor.tools.catalog import Catalog, CloudModel
from advisor.tools.cloud_cost import blended_rate
from advisor.tools.local_cost import LocalCostInput, local_cost
from advisor.tools.quantity import Months, Quantity, Usd


class BreakevenInput(ToolInput):
    local_monthly_usd: Usd | None = Field(default=None, description="owned hardware $ a month")
    blended_usd_per_million: Usd | None = Field(default=None, description="cloud $ per M tokens")
    hardware: str | None = Field(default=None, description="hardware id (instead of the $)")
    model: str | None = Field(default=None, description="cloud model id (instead of the rate)")
    input_output_ratio: Quantity = Field(
        default=2.0, gt=0, le=1_000_000, description="input tokens per output token (2 = 2:1)"
    )
    electricity_usd_per_kwh: Usd | None = Field(default=None, description="$/kWh (0.16)")
    amortization_months: Months | None = Field(default=None, description="months (36)")
    hours_per_day: Usd | None = Field(default=None, le=24, description="hours a day powered (24)")
    local_model: str | None = Field(
        default=None, description="open-weight model id: says whether one unit can carry the break-even volume"
    )

    @model_validator(mode="after")
    def _sides_given(self) -> BreakevenInput:
        if self.local_monthly_usd is None and self.hardware is None:
            raise ValueError("give local-monthly-usd or hardware")
        if self.blended_usd_per_million is None and self.model is None:
            raise ValueError("give blended-usd-per-million or model")
        return self


class BreakevenResult(ToolResult):
    breakeven_tokens_per_month: float | None
    local_monthly_usd: float
    blended_usd_per_million: float
    reach_tokens_per_month: float | None = None  # what one unit carries at the input:output ratio
    beyond_reach: bool = False  # the break-even volume is more than one unit can carry


def breakeven_tokens(local_monthly_usd: float, blended_usd_per_million: float) -> float | None:
    if blended_usd_per_million <= 0:
        return None
    return local_monthly_usd / blended_usd_per_million * 1e6


def breakeven(inp: BreakevenInput, catalog: Catalog) -> BreakevenResult:
    assumptions: list[str] = []
    local = inp.local_monthly_usd
    if local is None:
        cost = local_cost(
            LocalCostInput(
                hardware=inp.hardware,
                electricity_usd_per_kwh=inp.electricity_usd_per_kwh,
                amortization_months=inp.amortization_months,
                hours_per_day=inp.hours_per_day,
            ),
            catalog,
        )
        local = cost.monthly_usd
        assumptions += cost.assumptions
    rate = inp.blended_usd_per_million
    if rate is None:
        model: CloudModel = catalog.get("cloud", inp.model, "model")  # type: ignore[arg-type,assignment]
        rate = blended_rate(model.price.input, model.price.output, inp.input_output_ratio)
        assumptions.append(f"{model.id} blended at {inp.input_output_ratio:g}:1 input:output = ${rate:.2f}/M")
    if rate <= 0:
        raise ToolError("blended_usd_per_million", rate, "must be above 0")
    volume = breakeven_tokens(local, rate)
    reach = None
    if inp.hardware and inp.local_model:
        reach = unit_reach(inp, catalog, assumptions)
        if volume is not None and reach is not None and volume > reach:
            assumptions.append(
                f"the break-even volume is beyond what one {inp.hardware} carries ({reach / 1e6:,.0f}M tokens a"
                " month): below it one unit costs more than the cloud, above it more units are needed"
            )
    return BreakevenResult(
        breakeven_tokens_per_month=volume,
        local_monthly_usd=local,
        blended_usd_per_million=rate,
        reach_tokens_per_month=reach,
        beyond_reach=volume is not None and reach is not None and volume > reach,
        assumptions=assumptions,
    )


def unit_reach(inp: BreakevenInput, catalog: Catalog, assumptions: list[str]) -> float | None:
    """Tokens a month one unit carries at the input:output ratio, on the capacity roofline with the
    serving engine's parallel streams."""
    from advisor.tools.capacity import CapacityInput, capacity

    cap = capacity(
        CapacityInput(
            hardware=inp.hardware, local_model=inp.local_model, hours_per_day=inp.hours_per_day, engine_streams=True
        ),
        catalog,
    )
    if not cap.prefill_tokens_per_second or not cap.tokens_per_second:
        return None
    r = inp.input_output_ratio
    seconds_per_output = r / cap.prefill_tokens_per_second + 1 / cap.tokens_per_second
    hours = inp.hours_per_day if inp.hours_per_day is not None else d.HOURS_PER_DAY
    assumptions.append(f"one unit's reach: {cap.streams} parallel streams, {cap.speed_basis} speed")
    return (1 + r) * 3600 * hours * d.DAYS_PER_MONTH / seconds_per_output
