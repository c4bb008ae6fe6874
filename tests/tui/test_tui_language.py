"""The TUI's own words follow the session's language: in a German session the prompt's title and
placeholder, the status bar, the panels' titles (before the first figures too), the charts' tabs and
the inline tool line are German (a FakeSession, as tests/tui/test_tui_fake.py drives it)."""

from __future__ import annotations

from textual.widgets import TabbedContent

from advisor.tui.app import AdvisorApp
from advisor.tui.widgets.chat import ToolCallView
from advisor.tui.widgets.options_table import OptionsPanel
from advisor.tui.widgets.profile_panel import ProfilePanel
from advisor.tui.widgets.prompt import PromptInput
from advisor.tui.widgets.status import StatusBar
from tests.tui.test_tui_fake import FakeSession, factory, profile_turn, ready, say, settle


def _tabs(app: AdvisorApp) -> list[str]:
    tabs = app.query_one(TabbedContent)
    return [str(tabs.get_tab(pane).label) for pane in ("tab-time", "tab-volume")]


async def test_a_german_session_speaks_german_in_the_tuis_own_words():
    session = FakeSession([profile_turn(changes={}), profile_turn()])
    session.state.lang = "de"
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "Hallo, wir möchten Kosten vergleichen")  # no volume yet: no figures
        await settle(pilot)
        assert app.query_one(OptionsPanel).border_title == "Optionen"
        assert _tabs(app) == ["Kosten über die Zeit", "Kosten nach Volumen"]
        prompt = app.query_one(PromptInput)
        assert str(prompt.border_title).startswith("Nachricht — Enter sendet")
        assert str(prompt.placeholder).startswith("Beschreiben Sie Ihre Arbeitslast")
        await say(pilot, "5.000 Tickets am Tag, 2K rein, 300 raus, öffentliche Daten")
        await settle(pilot)
        assert str(app.query_one(OptionsPanel).border_title).startswith("Optionen — ")
        assert app.query_one(ProfilePanel).border_subtitle == "Enter auf einer Zeile: mit /set ändern"
        status = str(app.query_one(StatusBar).render())
        assert "lokal: " in status and "Runden 2 lokal" in status and "lokale Token" in status, status
        assert "durch das Interview" in str(app.query(ToolCallView).last().title)
