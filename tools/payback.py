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
    already_owned: bool = Field(default=False, description="the hardware is already bought: nothing to pay back")


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
    saving = inp.monthly_cloud_usd - inp.running_usd
    if inp.already_owned:
        return PaybackResult(
            payback_months=None,
            monthly_savings_usd=saving,
            verdict=owned_verdict(saving),
            assumptions=["already owned: the purchase is a sunk cost, not paid back"],
        )
    months = payback_months(inp.hardware_cost_usd, inp.monthly_cloud_usd, inp.running_usd)
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


def owned_verdict(saving: float) -> str:
    """Payback in words for hardware already bought: none to wait for, only the monthly difference."""
    if saving > 0:
        return f"already owned: no purchase to pay back; it saves ${saving:,.0f} a month against the cloud"
    return f"already owned: no purchase to pay back, but running it costs ${-saving:,.0f} a month more than the cloud"
