"""The charts: cumulative cost of each option over the horizon with the crossover marked, and
monthly cost against volume (log-log) with the break-even volume and today's volume marked.

The series come from advisor.text.chart (which re-reads tools.compare's own figures); this module only
draws them. textual-plotext is imported when the first chart is drawn, not for the first paint."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TabbedContent, TabPane

from advisor.text.words import N_

COLORS = (10, 14, 13, 11, 12, 9)  # ANSI colours: plotext takes the number, Rich `color(n)`
MARK_COLORS = (11, 7)  # the crossover or break-even line, then today's volume
EMPTY = N_("The charts appear once the volume is known: requests a day and tokens each, or tokens a month.")
TABS = {"tab-time": N_("Cost over time"), "tab-volume": N_("Cost against volume")}


def short_money(value: float) -> str:
    if value >= 1e6:
        return f"${value / 1e6:g}M"
    if value >= 1e3:
        return f"${value / 1e3:g}K"
    return f"${value:g}"


@dataclass
class Drawing:
    """What one chart shows: the series, the vertical marks (x, legend text), the axes."""

    series: list[Any] = field(default_factory=list)
    title: str = ""
    xlabel: str = ""
    log: bool = False
    marks: list[tuple[float, str]] = field(default_factory=list)
    best: str | None = None  # the recommended option's id: ★ in the legend
    labels: dict[str, str] = field(default_factory=dict)  # option id → legend text
    money: Any = None  # writes a y tick (a value already in the reader's currency); None: short_money


class ChartView(Vertical):
    """One chart and its legend (the legend is text under the plot: plotext's own covers lines)."""

    def compose(self) -> ComposeResult:
        yield Static(EMPTY, classes="chart-empty")
        yield Static("", classes="chart-legend")

    async def plot(self) -> Any:
        """The PlotextPlot, mounted on first use."""
        from textual_plotext import PlotextPlot

        plots = self.query(PlotextPlot)
        if plots:
            return plots.first()
        plot = PlotextPlot(classes="chart-plot")
        await self.mount(plot, before=0)
        return plot

    async def draw(self, d: Drawing) -> None:
        from advisor.text.chart import linear_ticks, log_ticks  # the report's axis maths too

        self.query_one(".chart-empty").display = not d.series
        plot = await self.plot()
        plot.display = bool(d.series)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(d.title)
        plt.xlabel(d.xlabel)
        axis = math.log10 if d.log else float
        xs = [x for s in d.series for x in s.x if x > 0 or not d.log]
        ys = [y for s in d.series for y in s.y if y > 0 or not d.log]
        for i, s in reversed(list(enumerate(d.series))):  # the first (best) drawn last, on top
            points = [(x, y) for x, y in zip(s.x, s.y, strict=True) if not d.log or (x > 0 and y > 0)]
            plt.plot(
                [axis(x) for x, _ in points],
                [axis(y) for _, y in points],
                color=COLORS[i % len(COLORS)],
                marker="braille",
            )
        if ys:
            yticks = log_ticks(min(ys), max(ys)) if d.log else linear_ticks(max(ys))
            plt.yticks([axis(v) for v in yticks], [(d.money or short_money)(v) for v in yticks])
            if not d.log:
                plt.ylim(0, yticks[-1] or 1)
        if d.log and xs:
            from advisor.text.render import tokens

            xticks = log_ticks(min(xs), max(xs), dense_below=3)
            plt.xticks([axis(v) for v in xticks], [tokens(v) for v in xticks])
        for i, (x, _label) in enumerate(d.marks):
            if xs and min(xs) <= x <= max(xs):
                plt.vertical_line(axis(x), color=MARK_COLORS[i % 2])
        plot.refresh()
        self.query_one(".chart-legend", Static).update(self.legend(d))

    @staticmethod
    def legend(d: Drawing) -> Text:
        lines: list[Text] = []
        for i, s in enumerate(d.series):
            best = s.option_id == d.best
            line = Text("━━ ", style=f"color({COLORS[i % len(COLORS)]})")
            line.append(("★ " if best else "") + d.labels.get(s.option_id or "", s.label), style="bold" if best else "")
            lines.append(line)
        if d.marks:
            marks = Text("  ").join(
                Text(f"│ {label}", style=f"color({MARK_COLORS[i % 2]})") for i, (_x, label) in enumerate(d.marks)
            )
            lines.append(marks)
        text = Text("\n").join(lines)
        text.no_wrap, text.overflow = True, "ellipsis"
        return text


class ChartsPanel(Vertical):
    """Two tabs: cost over time, cost against volume."""

    def compose(self) -> ComposeResult:
        with TabbedContent():
            with TabPane(TABS["tab-time"], id="tab-time"):
                yield ChartView(id="chart-time")
            with TabPane(TABS["tab-volume"], id="tab-volume"):
                yield ChartView(id="chart-volume")

    async def show(
        self, result: Any | None, volume: list[Any], monthly_tokens: float | None, w: Any | None = None
    ) -> None:
        """`volume`: advisor.text.chart.volume_series for the same profile; `monthly_tokens`: today's
        volume; `w`: the session's words — titles in the reader's language, money in their currency."""
        from advisor.text.words import ENGLISH

        w = w or ENGLISH
        tabs = self.query_one(TabbedContent)
        for pane, title in TABS.items():
            tabs.get_tab(pane).label = w._(title)
        for empty in self.query(".chart-empty").results(Static):
            empty.update(w._(EMPTY))
        time_view = self.query_one("#chart-time", ChartView)
        volume_view = self.query_one("#chart-volume", ChartView)
        if result is None:
            await time_view.draw(Drawing())
            await volume_view.draw(Drawing())
            return
        from advisor.text import chart
        from advisor.text.render import short_label

        tick = None if w.rate.is_dollar and w.lang == "en" else w.tick

        def in_currency(series: list[Any]) -> list[Any]:
            return (
                series if w.rate.is_dollar else [s.model_copy(update={"y": [w.amount(y) for y in s.y]}) for s in series]
            )

        best = result.recommendation.option_id
        labels = {o.id: ("" if o.passes else "✗ ") + short_label(o, w) for o in result.options}
        crossing = chart.crossover(result)
        marks = [(crossing[0], w._("crossover after {months}", months=w.months(crossing[0])))] if crossing else []
        await time_view.draw(
            Drawing(
                in_currency(chart.cumulative_series(result)),
                w._("cumulative cost"),
                w._("months"),
                marks=marks,
                best=best,
                labels=labels,
                money=tick,
            )
        )
        breakeven = chart.breakeven(result)
        volume_marks = (
            [(breakeven, w._("break-even at {tokens} tokens a month", tokens=w.tokens(breakeven)))] if breakeven else []
        )
        if monthly_tokens:
            volume_marks.append(
                (monthly_tokens, w._("today: {tokens} tokens a month", tokens=w.tokens(monthly_tokens)))
            )
        await volume_view.draw(
            Drawing(
                in_currency(volume),
                w._("monthly cost against volume"),
                w._("tokens a month (log)"),
                True,
                volume_marks,
                best,
                labels,
                money=tick,
            )
        )
