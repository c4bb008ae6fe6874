"""The workloads of the session and where the plan puts each: one row a workload (▶ the one in use),
its placement and its part of the monthly figure, the combined figure in the title. Shown only when
the session holds more than one. Enter (or a click) on a row puts `/workload use NAME` in the prompt."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable


class WorkloadsPanel(DataTable):
    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_column("", key="mark", width=1)
        self.add_column("workload", key="workload", width=16)
        self.add_column("placement", key="placement", width=35)
        self.add_column("window", key="window", width=16)
        self.add_column("monthly", key="monthly")
        self.border_title = "Workloads"
        self.border_subtitle = "Enter on a row: /workload use it"
        self.display = False

    def show(self, state: Any, plan: Any | None, w: Any = None) -> None:
        """``state``: the session's state; ``plan``: the plan across its workloads (None before any
        has a volume); ``w``: the session's language and currency (advisor.text.words.Words)."""
        from advisor.text.plan import money_parts, short_placement  # lazily: pydantic after the first paint
        from advisor.text.words import ENGLISH

        w = w or ENGLISH
        names = state.workload_names()
        self.display = len(names) > 1
        if not self.display:
            return
        for key, label in (("workload", "workload"), ("placement", "placement"), ("window", "window")):
            self.columns[key].label = Text(w._(label))
        self.columns["monthly"].label = Text(w._("monthly"))
        self.border_subtitle = w._("Enter on a row: /workload use it")
        placed = {pl.workload: pl for pl in plan.placements} if plan is not None else {}
        parts, combined = money_parts([pl.monthly_usd for pl in placed.values()], w)
        figures = dict(zip(placed, parts, strict=True))
        cursor = self.cursor_row
        self.clear()
        for name in names:
            pl = placed.get(name)
            current = name == state.workload
            self.add_row(
                Text("▶" if current else " ", style="bold green"),
                Text(name, style="bold" if current else ""),
                Text(
                    short_placement(pl, shared=False).removeprefix("hybrid ") if pl else w._("no volume yet"),
                    style="" if pl else "dim",
                ),
                Text(w.phrase(pl.window) if pl else "—"),
                Text(figures.get(name, "—"), justify="right"),
                key=name,
            )
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1), animate=False)
        shared = sum(len(box.workloads) > 1 for box in plan.boxes) if plan is not None else 0
        self.border_title = (
            w._("Workloads")
            + f" — {len(names)}"
            + (w._(", {amount} a month together", amount=combined) if placed else "")
            + (w.n_(", {n} kind of box shared", ", {n} kinds of box shared", shared) if shared else "")
        )
