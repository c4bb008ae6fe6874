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
        assert "Claude: aus (kein Schlüssel)" in status and "off" not in status, status  # no API key set
        assert "agentisch (Werkzeuge 3/3, Formulierung 2/2)" in status, status  # the probe's mode and why
        keys = [key.description for key in app.query("FooterKey")]  # Textual's key bar
        assert {"Hilfe", "Exportieren", "Seitenleiste", "Beenden"} <= set(keys) and "Help" not in keys, keys
        assert "durch das Interview" in str(app.query(ToolCallView).last().title)


def test_the_meter_says_what_claude_alone_would_have_cost_in_words():
    """'= 4 % des 0,50 $US qu’aurait coûté Claude seul', not '= 4 % du tout-Claude 0,50 $US': the
    all-Claude figure said as a sentence in each language."""
    from types import SimpleNamespace

    from advisor.text.words import Words
    from advisor.tui.widgets.status import meter

    spend = SimpleNamespace(
        local_turns=2,
        claude_turns=1,
        local_input_tokens=1000,
        local_output_tokens=200,
        claude_usd=0.02,
        all_claude_usd=0.5,
    )
    french = str(meter(spend, Words(lang="fr"))).replace("\xa0", " ")
    assert "= 4 % des 0,50 $US qu’aurait coûté Claude seul" in french and "tout-Claude" not in french, french
    german = str(meter(spend, Words(lang="de"))).replace("\xa0", " ")
    assert "= 4 % der 0,50 $, die nur Claude gekostet hätte" in german, german
