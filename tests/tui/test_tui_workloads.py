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
