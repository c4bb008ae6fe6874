"""The profile panel as drawn: every row's value and source start in the same screen column as the
header's, the rows beyond the core ones (cached input share, a measured import, a long field name)
included. Read from the lines the table draws, with the real Session and no language model."""

from __future__ import annotations

import re
from pathlib import Path

from advisor.tui.app import AdvisorApp
from advisor.tui.widgets.profile_panel import ProfilePanel
from tests.cli.test_import_claude_code import build_tree
from tests.tui.test_tui import factory
from tests.tui.test_tui_fake import ready, say, settle, until

CELL = re.compile(r"\S+(?: \S+)*")  # a cell: words one space apart; cells are two or more apart


def drawn_rows(panel: ProfilePanel) -> list[str]:
    """The header and every row as drawn, scrolled through (the panel is shorter than the table)."""
    lines = [panel.render_line(0).text]
    for row in range(panel.row_count):
        panel.scroll_to(y=row, animate=False, immediate=True)
        lines.append(panel.render_line(1 + row - round(panel.scroll_y)).text)
    return lines


def assert_in_line(panel: ProfilePanel) -> None:
    """Each drawn row has three cells, starting where the header's do."""
    rows = drawn_rows(panel)
    starts = [tuple(cell.start() for cell in CELL.finditer(line)) for line in rows]
    assert all(len(s) == 3 for s in starts) and len(set(starts)) == 1, "\n".join(rows)
    panel.scroll_to(y=0, animate=False, immediate=True)


async def test_every_row_lines_up_with_the_header(tmp_path: Path) -> None:
    build_tree(tmp_path)
    app = AdvisorApp(factory("panel-lines"))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        panel = app.query_one(ProfilePanel)
        await say(pilot, "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data, 60% is cached")
        await settle(pilot)
        assert panel.cell_text("cached_input_share")[1:] == ["60%", "given"]
        assert_in_line(panel)
        await say(pilot, "/set maintenance_hours_per_month 4")  # longer than any core field's name
        await settle(pilot)
        assert_in_line(panel)
        await say(pilot, f"/import {tmp_path / '.claude'}")
        await until(lambda: app.session.state.measured is not None, "the import's measurement")
        await settle(pilot)
        assert panel.cell_text("cached_input_share")[2] == "measured"
        assert_in_line(panel)
