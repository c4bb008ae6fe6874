"""The chat with several workloads (the real Session, no language model): the Workloads panel
appears once a second workload is added, shows each one's placement and part (they add up to its
title's figure), marks the one in use, and Enter on a row puts `/workload use NAME` in the prompt;
the profile panel names the workload it shows; one workload keeps the panel hidden."""

from __future__ import annotations

import re

from advisor.tui.app import AdvisorApp
from advisor.tui.widgets.profile_panel import ProfilePanel
from advisor.tui.widgets.workloads_panel import WorkloadsPanel
from tests.tui.test_tui import factory
from tests.tui.test_tui_fake import ready, replies, say, settle

BOT = "8,000 requests a day, 1500 tokens in and 400 out, sensitive data"
GRADING = "2857 essays a day, 5000 tokens in and 600 out, sensitive data"


def cells(panel: WorkloadsPanel, key: str) -> list[str]:
    return [str(cell) for cell in panel.get_row(key)]


async def test_the_workloads_panel_follows_the_session():
    app = AdvisorApp(factory("tui-workloads"))
    async with app.run_test(size=(180, 50)) as pilot:
        await ready(pilot, app)
        await say(pilot, BOT)
        await settle(pilot)
        panel = app.query_one(WorkloadsPanel)
        assert not panel.display  # one workload: the chat looks as it always did
        await say(pilot, "/workload rename tutoring bot")
        await say(pilot, "/workload add essay grading")
        await settle(pilot)
        assert panel.display
        assert cells(panel, "essay grading")[0] == "▶" and cells(panel, "essay grading")[2] == "no volume yet"
        assert "of essay grading" in str(app.query_one(ProfilePanel).border_title)
        await say(pilot, GRADING)
        await settle(pilot)
        await say(pilot, "/set traffic_window 01-06")
        await settle(pilot)
        assert cells(panel, "essay grading")[3] == "01:00–06:00"
        parts = [float(cells(panel, n)[4].strip("$").replace(",", "")) for n in ("tutoring bot", "essay grading")]
        total = float(re.search(r"\$([\d,.]+) a month together", str(panel.border_title))[1].replace(",", ""))
        assert sum(parts) == total
        assert any("Plan for 2 workloads" in reply for reply in replies(app))
        panel.focus()
        panel.move_cursor(row=0)
        await pilot.press("enter")
        assert app.prompt.text == "/workload use tutoring bot"


async def test_tab_completes_a_fields_value_and_a_workloads_name_and_never_leaves_a_typed_prompt():
    """'/set data_boundary ' + Tab offers the four boundaries; '/workload use ' + Tab the workloads; a
    Tab with nothing to complete keeps the text and the focus, so the next command typed is not
    glued onto a workload's name by the panel's Enter (t6a: "no workload 'descripciones/set …'")."""
    app = AdvisorApp(factory("tui-workloads-tab"))
    async with app.run_test(size=(180, 50)) as pilot:
        await ready(pilot, app)
        await say(pilot, BOT)
        await say(pilot, "/workload rename tutoring bot")
        await say(pilot, "/workload add essay grading")
        await settle(pilot)
        prompt = app.prompt
        prompt.focus()
        await pilot.press(*"/set data_boundary ")
        assert prompt.border_subtitle.split() == ["on_site", "contract", "region", "any"]
        await pilot.press(*"re", "tab")
        assert prompt.text == "/set data_boundary region"
        prompt.text = ""
        await pilot.press(*"/workload use tu", "tab")
        assert prompt.text == "/workload use tutoring bot"
        await pilot.press("tab")  # complete already: nothing to add
        assert app.focused is prompt and prompt.text == "/workload use tutoring bot"
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.state.workload == "tutoring bot"


async def test_the_workloads_panel_speaks_the_sessions_language_and_currency_and_its_total_follows():
    """A Spanish session that talks euros: the panel's title, columns and figures are in Spanish and €,
    and its total moves after a /set on one workload (t6a: English, $, and a total that stayed)."""
    app = AdvisorApp(factory("tui-workloads-es"))
    async with app.run_test(size=(180, 50)) as pilot:
        await ready(pilot, app)
        await say(
            pilot, "Generamos 2.000 descripciones al día, 1.500 tokens de entrada y 400 de salida, datos públicos."
        )
        await say(
            pilot, "Además un chatbot de soporte: 3.000 conversaciones al día, 2.000 tokens de entrada y 300 de salida."
        )
        await say(pilot, "Pagamos la luz a 0,25 €/kWh.")
        await settle(pilot)
        panel = app.query_one(WorkloadsPanel)
        title = str(panel.border_title)
        assert title.startswith("Cargas de trabajo — 2, ") and "€ al mes en total" in title and "$" not in title
        assert [str(c.label) for c in panel.ordered_columns][1:] == [
            "carga de trabajo",
            "ubicación",
            "franja",
            "al mes",
        ]
        await say(pilot, "/workload use workload 1")
        await say(pilot, "/set requests_per_day 8000")
        await settle(pilot)
        assert str(panel.border_title) != title and "€ al mes en total" in str(panel.border_title)
