"""/import in the chat, with the real Session and no language model (`--local none`, offline):
the records are read in a thread, the panel shows the volume as measured with the window, and a
bad path is one error line with the session going on."""

from __future__ import annotations

from pathlib import Path

from advisor.tui.app import AdvisorApp
from advisor.tui.widgets.profile_panel import ProfilePanel
from tests.cli.test_import_claude_code import HAND_INPUT, build_tree
from tests.tui.test_tui import factory
from tests.tui.test_tui_fake import notices, ready, replies, say, settle, until


async def test_import_makes_the_volume_measured(tmp_path: Path) -> None:
    build_tree(tmp_path)
    app = AdvisorApp(factory("tui-import"))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, f"/import {tmp_path / '.claude'}")
        await until(lambda: any(text.startswith("**Measured from") for text in replies(app)), "the import's summary")
        await settle(pilot)
        assert app.session.state.measured is not None
        summary = next(text for text in replies(app) if text.startswith("**Measured from"))
        assert "Per day (UTC, requests, cost at catalog prices):" in summary
        assert "10-01 " in summary and "10-10 " in summary  # every day of the window, the empty ones too
        assert "Requests by hour of the day (UTC):" in summary
        panel = app.query_one(ProfilePanel)
        assert panel.cell_text("monthly_input_tokens")[2] == "measured"
        assert app.session.state.profile.monthly_input_tokens == HAND_INPUT * 3
        measured = app.session.state.measured_fields()
        assert {"requests_per_day", "monthly_input_tokens", "cached_input_share", "cloud_model"} <= set(measured)
        assert f"Profile — {len(measured)} measured 2025-10-01…10-10 UTC, 0 given" in str(panel.border_title)
        await say(pilot, "/import /nonexistent/records")
        await until(lambda: notices(app, "error"), "the error line")
        assert any("does not exist" in n for n in notices(app, "error"))
        await say(pilot, "/import")
        await until(lambda: len(notices(app, "error")) == 2, "the second error line")
        assert any("usage /import PATH" in n for n in notices(app, "error"))
        await say(pilot, "what would this cost locally?")
        await settle(pilot)
        assert "Volume measured, not asked" in replies(app)[-1]
