"""The options: one row per costed option (✓ passes the constraints, ✗ not; ★ recommended),
with monthly, first-year and horizon cost, payback and the capacity verdict, and a line under the
table naming the highlighted option in full. A click copies the table as Markdown. Every figure
is the comparison's own, formatted by advisor.text.render."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from advisor.text.words import ENGLISH  # stdlib only: the first paint does not wait for it

OPTION_WIDTH = 28  # the highlighted option is named in full under the table


class OptionsTable(DataTable):
    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.tooltip = "click to copy the options as Markdown"
        for label, key, width in (
            ("", "mark", 2),
            ("option", "option", OPTION_WIDTH),
            ("monthly", "monthly", None),
            ("first year", "first_year", None),
            ("36 months", "horizon", None),
            ("payback", "payback", None),
            ("capacity", "capacity", None),
            ("time per request", "time", None),
        ):
            self.add_column(label, key=key, width=width)

    def show(self, result: Any | None, w: Any | None = None) -> None:
        from advisor.text.render import option_headers, payback_words, short_label  # lazily: not for the first paint
        from advisor.text.words import ENGLISH
        from advisor.tools.request_time import time_words

        w = w or ENGLISH
        self.clear()
        if result is None:
            return
        headers = option_headers(result.horizon_months, w)
        keys = ("mark", "option", "monthly", "first_year", "horizon", "payback", "capacity", "time")
        for key, label in zip(keys, headers, strict=True):
            self.columns[key].label = Text(label)  # type: ignore[index]
        best = result.recommendation.option_id
        for o in result.options:
            mark = ("★" if o.id == best else " ") + ("✓" if o.passes else "✗")
            style = "bold" if o.id == best else ("dim" if not o.passes else "")
            self.add_row(
                Text(mark, style="green" if o.passes else "red"),
                Text(short_label(o, w), style=style),
                Text(w.money(o.monthly_usd), style=style, justify="right"),
                Text(w.money(o.first_year_usd), justify="right"),
                Text(w.money(o.horizon_usd), style=style, justify="right"),
                Text(payback_words(o, w), justify="right"),
                w.phrase(o.capacity_verdict) if o.capacity_verdict else "—",
                w.phrase(time_words(o.ttft_s, o.request_s)),
                key=o.id,
            )


class OptionsPanel(Vertical):
    """The table and, under it, the highlighted option in full (label, capacity, why it fails)."""

    def compose(self) -> ComposeResult:
        yield OptionsTable(id="options-table")
        yield Static("", id="option-detail", markup=False)

    def on_mount(self) -> None:
        self.border_title = "Options"
        self.result: Any | None = None

    def show(self, result: Any | None, w: Any | None = None) -> None:
        self.result, self.words = result, w
        self.query_one(OptionsTable).show(result, w)
        words = self.words or ENGLISH
        if result is None:
            self.border_title = words._("Options")
            self.query_one("#option-detail", Static).update(words._("Options appear once the volume is known."))
            return
        self.border_title = words._(
            "Options — {n} costed, over {h} months", n=len(result.options), h=f"{result.horizon_months:g}"
        )
        self.describe(result.options[0].id if result.options else None)

    def describe(self, option_id: str | None) -> None:
        from advisor.tools.request_time import time_words

        option = next((o for o in (self.result.options if self.result else []) if o.id == option_id), None)
        detail = self.query_one("#option-detail", Static)
        if option is None:
            detail.update("")
            return
        phrase = self.words.phrase if getattr(self, "words", None) else (lambda text: text)
        timing = f"a request takes {time_words(option.ttft_s, option.request_s)}" if option.request_s else ""
        shown = (option.label, option.capacity_verdict, timing, *option.failed, *option.notes[:1])
        facts = [phrase(f) for f in shown if f]
        detail.update(Text(" · ".join(f for f in facts if f), style="" if option.passes else "red"))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.describe(event.row_key.value if event.row_key else None)

    def on_click(self) -> None:
        if self.result is None:
            return
        from advisor.text.summary import options_markdown

        words = {"w": self.words} if getattr(self, "words", None) else {}
        self.app.copy_to_clipboard(options_markdown(self.result, limit=len(self.result.options), **words))
        self.notify("options table copied as Markdown", timeout=2)
