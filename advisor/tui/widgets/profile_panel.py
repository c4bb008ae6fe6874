"""The profile: each field with its value and where the value comes from — given by the user,
assumed (a stated default), derived (from other fields) or still missing. Enter (or a click) on a
row puts `/set FIELD ` in the prompt. The defaults in use are the widget's tooltip."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from advisor.text.profile_table import assumed_fields, field_rows
from advisor.text.words import N_

SOURCE_STYLE = {
    "given": "bold green",
    "measured": "bold cyan",
    "set": "green",
    "assumed": "yellow",
    "derived": "cyan",
    "missing": "dim red",
    "": "",
}


# Each show() sets the columns' widths itself: Textual's DataTable (8.2) measures auto-width columns
# when idle and keeps the rows it drew before then at the old widths, out of line with the header.
COLUMNS = ("field", "value", "source")


class ProfilePanel(DataTable):
    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        for key in COLUMNS:
            self.add_column(key, key=key)
        self.border_title = N_("Profile")
        self.border_subtitle = N_("Enter on a row: /set it")

    def show(
        self,
        profile: Any,
        given: list[str],
        resolved: Any | None,
        changed: set[str] | frozenset = frozenset(),
        state: Any | None = None,
        w: Any | None = None,
    ) -> None:
        """``state``: the session's state; fields holding a usage import's values show as measured,
        and the import's window in the subtitle. ``w``: the session's words (advisor.text.words):
        the reader's language and currency."""
        from advisor.text.words import ENGLISH  # lazily: pydantic is not needed for the first paint

        w = w or ENGLISH
        cursor = self.cursor_row
        measured_fields = state.measured_fields() if state is not None else []
        rows = field_rows(profile, given, resolved, measured_fields, assumed_fields(state) if state is not None else ())
        cells = [
            (
                Text(w.field_name(field), style="bold reverse" if field in changed else ""),
                Text("—" if value is None else w.format_value(field, value), style="bold" if source == "given" else ""),
                Text(w._(source), style=SOURCE_STYLE[source]),
                field,
            )
            for field, value, source in rows
        ]
        self.clear(columns=True)
        for i, key in enumerate(COLUMNS):  # as wide as their widest cell, known before a row is drawn
            label = w._(key)  # field, value, source
            self.add_column(label, key=key, width=max([len(label), *(c[i].cell_len for c in cells)]))
        for name, shown, source, field in cells:
            self.add_row(name, shown, source, key=field)
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1), animate=False)
        assumptions = getattr(resolved, "assumptions", None) or []
        self.tooltip = (
            (w._("Assuming") + ":\n" + "\n".join(f"• {w.phrase(a)}" for a in assumptions)) if assumptions else None
        )
        sources = ("measured", "given", "assumed", "missing")
        count = {source: sum(1 for row in rows if row[2] == source) for source in sources}
        measured_part = ""
        if count["measured"]:
            window = state.measured.window
            measured_part = w._("{n} measured {window}, ", n=count["measured"], window=window.short())
        hover = w._(" (hover: the defaults)") if assumptions else ""
        names = state.workload_names() if state is not None else []
        whose = f" of {state.workload}" if len(names) > 1 else ""
        counts = w._(
            "{given} given, {assumed} assumed, {missing} missing",
            given=count["given"],
            assumed=count["assumed"],
            missing=count["missing"],
        )
        self.border_title = w._("Profile") + f"{whose} — {measured_part}{counts}{hover}"
        self.border_subtitle = w._("Enter on a row: /set it")

    async def _on_idle(self, event) -> None:
        """DataTable sizes its columns to new rows when idle (Textual 8), without dropping the lines it
        drew before at the old widths: a row drawn in between stayed misaligned. Count it as an
        update, so every line is drawn again at the new widths."""
        resizing = self._require_update_dimensions
        await super()._on_idle(event)
        if resizing:
            self._update_count += 1
            self.refresh()

    def cell_text(self, field: str) -> list[str]:
        """The row's cells as plain text (for tests and copying)."""
        return [str(cell) for cell in self.get_row(field)]
