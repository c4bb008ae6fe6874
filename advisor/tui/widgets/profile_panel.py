"""The profile: each field with its value and where the value comes from — given by the user,
assumed (a stated default), derived (from other fields) or still missing. Enter (or a click) on a
row puts `/set FIELD ` in the prompt. The defaults in use are the widget's tooltip."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

# Always shown, in this order; any other field shows once it has a value.
CORE_FIELDS = (
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
DERIVED = {"monthly_input_tokens", "monthly_output_tokens"}
SOURCE_STYLE = {
    "given": "bold green",
    "measured": "bold cyan",
    "set": "green",
    "assumed": "yellow",
    "derived": "cyan",
    "missing": "dim red",
    "": "",
}


def field_rows(
    profile: Any, given: list[str], resolved: Any | None, measured: Collection[str] = ()
) -> list[tuple[str, Any, str]]:
    """(field, value, source) for every field worth a row: the core ones, then any other with a value.
    ``measured``: fields holding a usage import's measured value."""
    values = profile.model_dump()
    extra = [f for f, v in values.items() if f not in CORE_FIELDS and (v is not None or f in given)]
    rows = []
    for field in (*CORE_FIELDS, *extra):
        value = values.get(field)
        if field in given:
            source = "given"
        elif field in measured:
            source = "measured"
        elif value is not None:
            source = "derived" if field in DERIVED else "set"
        elif resolved is not None and getattr(resolved, field, None) is not None:
            value = getattr(resolved, field)
            source = "derived" if field in DERIVED else "assumed"
        else:
            source = "missing"
        rows.append((field, value, source))
    return rows


class ProfilePanel(DataTable):
    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_column("field", key="field")
        self.add_column("value", key="value")
        self.add_column("source", key="source")
        self.border_title = "Profile"
        self.border_subtitle = "Enter on a row: /set it"

    def show(
        self,
        profile: Any,
        given: list[str],
        resolved: Any | None,
        changed: set[str] | frozenset = frozenset(),
        state: Any | None = None,
    ) -> None:
        """``state``: the session's state; fields holding a usage import's values show as measured,
        and the import's window in the subtitle."""
        from advisor.text.render import format_value  # lazily: pydantic is not needed for the first paint

        cursor = self.cursor_row
        measured_fields = state.measured_fields() if state is not None else []
        rows = field_rows(profile, given, resolved, measured_fields)
        self.clear()
        for field, value, source in rows:
            shown = "—" if value is None else format_value(field, value)
            style = "bold reverse" if field in changed else ""
            self.add_row(
                Text(field.replace("_", " "), style=style),
                Text(shown, style="bold" if source == "given" else ""),
                Text(source, style=SOURCE_STYLE[source]),
                key=field,
            )
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1), animate=False)
        assumptions = getattr(resolved, "assumptions", None) or []
        self.tooltip = ("Assuming:\n" + "\n".join(f"• {a}" for a in assumptions)) if assumptions else None
        sources = ("measured", "given", "assumed", "missing")
        count = {source: sum(1 for row in rows if row[2] == source) for source in sources}
        measured_part = ""
        if count["measured"]:
            w = state.measured.window
            measured_part = f"{count['measured']} measured {w.start:%Y-%m-%d}…{w.last_day:%m-%d} UTC, "
        hover = " (hover: the defaults)" if assumptions else ""
        self.border_title = (
            f"Profile — {measured_part}{count['given']} given, {count['assumed']} assumed,"
            f" {count['missing']} missing{hover}"
        )

    def cell_text(self, field: str) -> list[str]:
        """The row's cells as plain text (for tests and copying)."""
        return [str(cell) for cell in self.get_row(field)]
