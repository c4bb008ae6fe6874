"""Months until owned hardware pays for itself against a cloud bill (seed 000's formula)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from advisor.tools.base import ToolInput, ToolResult
from advisor.tools.quantity import Usd

if TYPE_CHECKING:
    from advisor.tools.catalog import Catalog


class PaybackInput(ToolInput):
    hardware_cost_usd: Usd = Field(description="purchase price (plus setup, if you count it)")
    monthly_cloud_usd: Usd = Field(description="the cloud bill the hardware replaces, a month")
    running_usd: Usd = Field(default=0, description="electricity and upkeep a month")


class PaybackResult(ToolResult):
    payback_months: float | None
    monthly_savings_usd: float
    verdict: str


def payback_months(hardware_cost_usd: float, monthly_cloud_usd: float, running_usd: float) -> float | None:
    saving = monthly_cloud_usd - running_usd
    if saving <= 0:
        return None
    return hardware_cost_usd / saving


def payback(inp: PaybackInput, catalog: Catalog | None = None) -> PaybackResult:
    months = payback_months(inp.hardware_cost_usd, inp.monthly_cloud_usd, inp.running_usd)
    saving = inp.monthly_cloud_usd - inp.running_usd
    if months is None:
        verdict = "never: running the hardware costs as much as the cloud bill or more"
    else:
        verdict = f"pays back in {months:.1f} months"
    return PaybackResult(
        payback_months=months,
        monthly_savings_usd=saving,
        verdict=verdict,
        assumptions=[] if "running_usd" in inp.model_fields_set else ["no running cost given: $0"],
    )
