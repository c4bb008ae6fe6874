"""Monthly and first-year cost of owned (or rented) hardware (cost-model.md, "Owned hardware").

Electricity follows how busy the box is: idle watts whenever it is powered, its load watts for the
share of those hours it works (``busy_share``; 1, full load throughout, unless given)."""

from __future__ import annotations

from pydantic import Field, model_validator

from advisor.tools import defaults as d
from advisor.tools.base import ToolError, ToolInput, ToolResult
from advisor.tools.catalog import Catalog, Hardware
from advisor.tools.power import idle_draw, watts_at
from advisor.tools.quantity import Hours, Months, Usd


class LocalCostInput(ToolInput):
    hardware: str | None = Field(default=None, description="hardware id, e.g. rtx-4090-24gb")
    hardware_cost_usd: Usd | None = Field(default=None, description="purchase price, if no id")
    watts: Usd | None = Field(default=None, description="power draw under load, if no id")
    idle_watts: Usd | None = Field(
        default=None, description="power draw powered and idle (the catalog's, else 15% of load)"
    )
    busy_share: float | None = Field(
        default=None, ge=0, le=1, description="share of the powered hours the box works (1: full load throughout)"
    )
    units: int = Field(default=1, ge=1, le=1000, description="how many of the box")
    owned_units: int = Field(
        default=0, ge=0, le=1000, description="how many of those the team already owns (no purchase)"
    )
    powered_anyway: bool = Field(
        default=False, description="the owned units stay on for other work: their idle draw is not counted"
    )
    hours_per_day: Hours | None = Field(default=None, description="hours a day powered (24)")
    electricity_usd_per_kwh: Usd | None = Field(default=None, description="$/kWh (0.16)")
    amortization_months: Months | None = Field(default=None, description="months (36)")
    setup_hours: Usd | None = Field(default=None, description="one-off setup hours (0)")
    hourly_rate_usd: Usd | None = Field(default=None, description="engineering $/h (75)")
    maintenance_hours_per_month: Usd | None = Field(default=None, description="hours a month (0)")

    @model_validator(mode="after")
    def _hardware_given(self) -> LocalCostInput:
        if self.hardware is None and self.hardware_cost_usd is None:
            raise ValueError("give hardware (a catalog id) or hardware-cost-usd and watts")
        if self.amortization_months is not None and self.amortization_months <= 0:
            raise ToolError("amortization_months", self.amortization_months, "must be above 0")
        if self.idle_watts is not None and self.watts is not None and self.idle_watts > self.watts:
            raise ToolError("idle_watts", self.idle_watts, f"is above the load watts ({self.watts:g}); idle draws less")
        if self.owned_units > self.units:
            raise ToolError("owned_units", self.owned_units, f"is more than units ({self.units}); raise units too")
        return self


class LocalCostResult(ToolResult):
    hardware: str | None
    kind: str
    units: int
    owned_units: int
    bought_units: int
    monthly_usd: float
    amortization_usd: float
    electricity_usd: float  # at ``busy_share``
    electricity_idle_usd: float  # the same units powered and idle the whole time
    electricity_load_usd: float  # and at full load the whole time
    idle_watts: float  # one unit's
    load_watts: float
    busy_share: float
    idle_estimate: bool  # the idle figure is not measured on this kind (a share of its load)
    maintenance_usd: float
    rental_usd: float
    running_usd: float
    first_year_usd: float
    upfront_usd: float
    hardware_usd: float
    setup_usd: float
    energy_kwh: float


def _default(value: float | None, default: float, words: str, assumptions: list[str]) -> float:
    if value is None:
        assumptions.append(words)
        return default
    return value


def local_cost(inp: LocalCostInput, catalog: Catalog) -> LocalCostResult:
    assumptions: list[str] = []
    box: Hardware | None = None
    if inp.hardware is not None:
        box = catalog.get("hardware", inp.hardware, "hardware")  # type: ignore[assignment]
    kind = box.kind if box else "owned"
    price = inp.hardware_cost_usd if inp.hardware_cost_usd is not None else (box.price_usd if box else None)
    watts = inp.watts if inp.watts is not None else (box.watts if box else None)
    if kind == "owned" and watts is None:
        watts = 0.0
        assumptions.append("no power draw known: electricity not counted")

    hours = _default(inp.hours_per_day, d.HOURS_PER_DAY, "powered 24 h a day", assumptions)
    rate = _default(
        inp.electricity_usd_per_kwh,
        d.ELECTRICITY_USD_PER_KWH,
        f"electricity at ${d.ELECTRICITY_USD_PER_KWH:.2f}/kWh",
        assumptions,
    )
    months = _default(
        inp.amortization_months,
        d.AMORTIZATION_MONTHS,
        f"{d.AMORTIZATION_MONTHS}-month amortisation",
        assumptions,
    )
    setup = _default(inp.setup_hours, d.SETUP_HOURS, "0 setup hours", assumptions)
    hourly = _default(
        inp.hourly_rate_usd,
        d.HOURLY_RATE_USD,
        f"${d.HOURLY_RATE_USD:.0f}/h of engineering time",
        assumptions,
    )
    upkeep = _default(
        inp.maintenance_hours_per_month,
        d.MAINTENANCE_HOURS_PER_MONTH,
        "0 h/month maintenance",
        assumptions,
    )

    units = inp.units
    owned = inp.owned_units
    bought = units - owned
    maintenance = upkeep * hourly
    if owned:
        sunk = "rent" if kind == "rented" else "purchase price"
        assumptions.append(
            f"{owned} unit{'s' if owned > 1 else ''} already owned: no {sunk} (a sunk cost),"
            " only electricity and upkeep"
        )
    if kind == "rented":  # rent includes power; units the team owns outright pay their own electricity
        rental = box.hourly_usd * hours * d.DAYS_PER_MONTH * bought  # type: ignore[union-attr,operator]
        amortization = 0.0
        powered = owned
        upfront = setup * hourly
        if bought:
            assumptions.append(f"rented at ${box.hourly_usd}/h, power included")  # type: ignore[union-attr]
        if owned and not watts:
            assumptions.append(f"no power draw known for {box.id}: owned units' electricity not counted")  # type: ignore[union-attr]
    else:
        rental = 0.0
        amortization = (price or 0.0) * bought / months
        powered = units
        upfront = (price or 0.0) * bought + setup * hourly
    load = watts or 0.0
    draw = idle_draw(catalog, box, load)
    idle = inp.idle_watts if inp.idle_watts is not None else draw.watts
    if idle > load:
        raise ToolError("idle_watts", idle, f"is above the load watts ({load:g}); idle draws less")
    busy = inp.busy_share if inp.busy_share is not None else 1.0
    if inp.busy_share is None and powered and load:
        assumptions.append("at full load all the powered hours (busy_share: how busy it is)")
    elif powered and load:
        basis = " (an estimate)" if inp.idle_watts is None and draw.estimate else ""
        assumptions.append(f"idle {idle:,.4g} W a unit{basis}, {load:,.4g} W under load, {busy:.0%} busy")
    kwh_per_watt = powered * hours * d.DAYS_PER_MONTH / 1000  # kWh a month per watt drawn
    energy = watts_at(idle, load, busy) * kwh_per_watt
    if inp.powered_anyway and owned and load:  # on for other work anyway: their idle draw is paid either way
        energy -= idle * owned * hours * d.DAYS_PER_MONTH / 1000
        assumptions.append("the owned units stay on for other work anyway: their idle draw is not counted")
    electricity = energy * rate
    running = electricity + maintenance + rental
    return LocalCostResult(
        hardware=box.id if box else None,
        kind=kind,
        units=units,
        owned_units=owned,
        bought_units=bought,
        monthly_usd=amortization + running,
        amortization_usd=amortization,
        electricity_usd=electricity,
        electricity_idle_usd=idle * kwh_per_watt * rate,
        electricity_load_usd=load * kwh_per_watt * rate,
        idle_watts=idle,
        load_watts=load,
        busy_share=busy,
        idle_estimate=inp.idle_watts is None and draw.estimate,
        maintenance_usd=maintenance,
        rental_usd=rental,
        running_usd=running,
        first_year_usd=upfront + 12 * running,
        upfront_usd=upfront,
        hardware_usd=upfront - setup * hourly,
        setup_usd=setup * hourly,
        energy_kwh=energy,
        assumptions=assumptions,
    )


def electricity_at(cost: LocalCostResult, busy: float) -> float:
    """``cost``'s units' electricity a month when they work ``busy`` of their powered hours (0–1):
    idle the whole time, plus the load's extra for the hours they work."""
    return watts_at(cost.electricity_idle_usd, cost.electricity_load_usd, busy)  # linear in the draw
