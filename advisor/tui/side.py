"""The side panel: the profile (given / assumed / missing), the options table and the charts.
Everything shown is formatted from the session's comparison; nothing is computed here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import DataTable
from textual_plotext import PlotextPlot

from advisor.render import format_value, money, months

if TYPE_CHECKING:
    from advisor.chart import Series
    from tools.compare import CompareResult
    from tools.profile import ResolvedProfile, WorkloadProfile

PROFILE_FIELDS = (
    "requests_per_day",
    "input_tokens_per_request",
    "output_tokens_per_request",
    "monthly_input_tokens",
    "monthly_output_tokens",
    "privacy",
    "frontier_share",
    "hardware",
    "local_model",
    "cloud_model",
    "electricity_usd_per_kwh",
    "hours_per_day",
    "amortization_months",
    "budget_usd_per_month",
)


class ProfilePanel(DataTable):
    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns("field", "value", "")

    def show(self, profile: WorkloadProfile, given: list[str], resolved: ResolvedProfile | None) -> None:
        self.clear()
        for field in PROFILE_FIELDS:
            value = getattr(profile, field)
            status = "given" if field in given else ""
            if value is None and resolved is not None and getattr(resolved, field, None) is not None:
                value, status = getattr(resolved, field), "derived" if field.startswith("monthly") else "assumed"
            shown = "—" if value is None else format_value(field, value)
            self.add_row(field.replace("_", " "), shown, status or ("missing" if value is None else ""), key=field)


class OptionsTable(DataTable):
    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns("", "monthly", "36 months", "payback", "option", "first year", "capacity")
        self.text = ""

    def show(self, result: CompareResult | None) -> None:
        self.clear()
        if result is None:
            return
        self.columns[list(self.columns)[2]].label = f"{result.horizon_months:g} months"  # type: ignore[index]
        for o in result.options:
            payback = "—" if o.deployment == "cloud" else months(o.payback_months)
            parts = [o.hardware if o.units <= 1 else f"{o.units}× {o.hardware}", o.local_model, *o.cloud_models]
            self.add_row(
                "✓" if o.passes else "✗",
                money(o.monthly_usd),
                money(o.horizon_usd),
                payback,
                f"{o.deployment}: " + " + ".join(p for p in parts if p),
                money(o.first_year_usd),
                o.capacity_verdict or "—",
                key=o.id,
            )

    def on_click(self) -> None:
        from advisor.summary import options_markdown

        result = getattr(self.app, "last_result", None)
        if result is not None:
            self.app.copy_to_clipboard(options_markdown(result, limit=len(result.options)))
            self.notify("options table copied as Markdown")


class CostChart(PlotextPlot):
    def draw(self, series: list[Series], title: str, marker_x: float | None = None, xlabel: str = "") -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        plt.xlabel(xlabel)
        for s in series:
            plt.plot(s.x, s.y, label=s.label[:28])
        if marker_x is not None:
            plt.vertical_line(marker_x)
        self.refresh()
