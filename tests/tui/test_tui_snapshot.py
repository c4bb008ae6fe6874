"""Snapshots of the main screen (pytest-textual-snapshot): empty at start, after a turn (profile,
options, the cumulative-cost chart), the volume chart tab, and a narrow terminal.
Update with `pytest tests/tui/test_tui_snapshot.py --snapshot-update` and look at the SVGs."""

from __future__ import annotations

import datetime

import pytest

from advisor.events import Escalated, TextChunk, TurnFinished, UsageRecorded
from advisor.state import Shown
from advisor.text.answer import recommendation_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.compare import compare_profile
from advisor.tools.profile import WorkloadProfile
from advisor.tui.app import AdvisorApp
from advisor.tui.widgets.prompt import PromptInput
from tests.tui.test_tui_fake import TRIAGE, FakeSession, factory, profile_turn, ready, say, settle

SIZE = (160, 48)
QUESTION = "Do you already have hardware for it ('a 4090', 'a Mac Studio'), or a monthly budget?"


def answer(brief: bool) -> str:
    """The interview's own wording for the fake turn's profile, as a first answer: the point with
    its figures and why; beside the panel the assumptions are the panel's, without it they are
    listed (once)."""
    changes = {**TRIAGE, "privacy": "public"}
    result = compare_profile(WorkloadProfile(**changes), load_catalog())
    return recommendation_answer(result, Shown(), panel=brief)[0] + "\n\n" + QUESTION


MEMO = [
    Escalated(reason="you asked for the final memo", model="claude-sonnet-4-6"),
    TextChunk(text="**Memo.** Start with the hybrid box; revisit at twice the volume.", side="claude"),
    UsageRecorded(side="claude", model="claude-sonnet-4-6", input_tokens=3000, output_tokens=400, usd=0.015),
    TurnFinished(answer="memo"),
]


class _Today(datetime.date):
    """The snapshot's day: stale-price warnings and retired models depend on the date."""

    @classmethod
    def today(cls):
        return cls(2026, 11, 24)


@pytest.fixture(autouse=True)
def _frozen_day(monkeypatch):
    for module in ("advisor.tools.compare", "advisor.tools.options", "advisor.tools.catalog", "advisor.tools.hybrid"):
        monkeypatch.setattr(f"{module}.date", _Today)


async def steady(pilot) -> None:
    """Let tables resize and plots redraw before the picture is taken (each round until every
    message of the app has been handled, its animations done); no blinking cursor."""
    pilot.app.query_one(PromptInput).cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()


def app(script=None) -> AdvisorApp:
    notices = ("no local model (--local none): the interview and the tools answer",)
    return AdvisorApp(factory(FakeSession(script, name="snapshot", notices=notices)))


def test_start_screen(snap_compare):
    async def run_before(pilot):
        await ready(pilot, pilot.app)
        await steady(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run_before)


def test_after_a_turn_and_a_memo(snap_compare):
    async def run_before(pilot):
        await ready(pilot, pilot.app)
        await say(pilot, "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data")
        await settle(pilot)
        await say(pilot, "/escalate")
        await settle(pilot)
        await steady(pilot)

    assert snap_compare(app([profile_turn(answer=answer(brief=True)), MEMO]), terminal_size=SIZE, run_before=run_before)


def test_volume_chart_tab(snap_compare):
    async def run_before(pilot):
        await ready(pilot, pilot.app)
        await say(pilot, "We triage 5,000 tickets a day")
        await settle(pilot)
        await pilot.click("Tab#--content-tab-tab-volume")
        await steady(pilot)

    assert snap_compare(app([profile_turn(answer=answer(brief=True))]), terminal_size=SIZE, run_before=run_before)


def test_narrow_terminal_hides_the_panel(snap_compare):
    async def run_before(pilot):
        await ready(pilot, pilot.app)
        await say(pilot, "We triage 5,000 tickets a day")
        await settle(pilot)
        await steady(pilot)

    assert snap_compare(app([profile_turn(answer=answer(brief=False))]), terminal_size=(90, 30), run_before=run_before)
