"""The TUI driven by Textual's Pilot: a conversation with the real session (no model), a slow
scripted model that must not freeze the input, Esc to stop a reply, bad /set input, resume."""

from __future__ import annotations

import datetime

from advisor.config import load_config
from advisor.session import Session
from advisor.tui.app import AdvisorApp
from advisor.tui.chat import Bubble
from advisor.tui.prompt import PromptInput
from advisor.tui.side import OptionsTable, ProfilePanel
from tests.scripted import ScriptedModel, Step

TRIAGE = "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data"


def factory(name="tui", model=None, mode="guided"):
    def open_session(progress):
        session = Session.open(load_config(local="none", offline=True), session_name=name)
        if model is not None:
            session.local, session.local_label, session.mode = model, model.label, mode
        return session

    return open_session


async def wait_ready(pilot, app):
    for _ in range(100):
        if app.session is not None:
            return
        await pilot.pause(0.05)
    raise AssertionError("session did not open")


async def type_and_send(pilot, text):
    prompt = pilot.app.query_one(PromptInput)
    prompt.text = text
    prompt.focus()
    await pilot.press("enter")


async def settle(pilot, app):
    for _ in range(200):
        await pilot.pause(0.05)
        if not app.busy:
            return
    raise AssertionError("reply did not finish")


async def test_conversation_fills_profile_and_options():
    app = AdvisorApp(factory())
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot, app)
        await type_and_send(pilot, TRIAGE)
        await settle(pilot, app)
        profile = app.query_one(ProfilePanel)
        assert profile.get_row("requests_per_day")[1] == "5,000"
        assert profile.get_row("privacy")[1:] == ["public", "given"]
        options = app.query_one(OptionsTable)
        assert options.row_count >= 2
        bubbles = [b.copy_text for b in app.query(Bubble)]
        assert any("Recommendation" in text for text in bubbles)


async def test_bad_set_input_is_one_line_and_the_session_goes_on():
    app = AdvisorApp(factory("tui-set"))
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot, app)
        await type_and_send(pilot, "/set requests_per_day -5")
        await pilot.pause(0.2)
        notices = [str(w.render()) for w in app.query(".notice.error")]
        assert any("must not be negative" in n for n in notices)
        await type_and_send(pilot, TRIAGE)
        await settle(pilot, app)
        assert app.session.state.profile.requests_per_day == 5000


async def test_input_stays_responsive_while_a_slow_model_streams_and_esc_stops_it():
    slow = ScriptedModel([Step(text=" ".join(["word"] * 200), delay=0.02)])
    app = AdvisorApp(factory("tui-slow", slow))
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot, app)
        await type_and_send(pilot, "hello there")
        await pilot.pause(0.3)
        assert app.busy
        prompt = app.query_one(PromptInput)
        await pilot.press("a", "b", "c")
        assert prompt.text == "abc"  # keys reach the input during the reply
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.session.history()[-1].status == "cancelled"


async def test_history_is_rendered_on_start():
    session = Session.open(load_config(local="none", offline=True), session_name="tui-resume")
    list(session.turn(TRIAGE))
    app = AdvisorApp(factory("tui-resume"))
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot, app)
        await pilot.pause(0.2)
        texts = [b.copy_text for b in app.query(Bubble)]
        assert TRIAGE in texts
        assert app.query_one(ProfilePanel).get_row("requests_per_day")[1] == "5,000"


async def test_help_and_unknown_commands():
    app = AdvisorApp(factory("tui-help"))
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot, app)
        await type_and_send(pilot, "/help")
        await pilot.pause(0.2)
        assert any("/whatif" in b.copy_text for b in app.query(Bubble))
        await type_and_send(pilot, "/frobnicate")
        await pilot.pause(0.2)
        assert any("unknown command" in str(w.render()) for w in app.query(".notice.error"))


class _FrozenDate(datetime.date):
    """The snapshot's day: stale-price warnings and retired models depend on the date."""

    @classmethod
    def today(cls):
        return cls(2026, 11, 24)


def test_main_screen_snapshot(snap_compare, tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(tmp_path / "snap"))
    monkeypatch.setattr("tools.compare.date", _FrozenDate)
    monkeypatch.setattr("tools.options.date", _FrozenDate)
    monkeypatch.setattr("tools.catalog.date", _FrozenDate)

    async def run_before(pilot):
        await wait_ready(pilot, pilot.app)
        await type_and_send(pilot, TRIAGE)
        await settle(pilot, pilot.app)
        await pilot.pause(0.3)

    assert snap_compare(AdvisorApp(factory("snap")), terminal_size=(160, 48), run_before=run_before)


async def test_selecting_a_profile_row_prefills_set():
    app = AdvisorApp(factory("tui-edit"))
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot, app)
        panel = app.query_one(ProfilePanel)
        panel.focus()
        panel.move_cursor(row=panel.get_row_index("privacy"))
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert app.query_one(PromptInput).text == "/set privacy "
