"""The TUI with the real Session and no language model (`--local none`, offline): a conversation
fills the panels, /set and /whatif work, bad input is one line, a scripted slow model does not
freeze the input and Esc stops it, and a resumed session shows its stored turns."""

from __future__ import annotations

from advisor.config import Config
from advisor.session import Session
from advisor.tui.app import AdvisorApp
from advisor.tui.widgets.chat import NoticeLine, ReplyMessage, ToolCallView, UserMessage
from advisor.tui.widgets.options_table import OptionsTable
from advisor.tui.widgets.profile_panel import ProfilePanel
from advisor.tui.widgets.prompt import PromptInput
from advisor.tui.widgets.status import StatusBar
from tests.scripted import ScriptedModel, Step
from tests.tui.test_tui_fake import notices, ready, replies, say, settle, type_in, until

TRIAGE = "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data"


def config() -> Config:
    return Config(local="none", offline=True)  # ADVISOR_DATA_DIR is a tmp dir (conftest)


def factory(name: str = "tui", model: ScriptedModel | None = None, mode: str = "guided"):
    def open_session(progress):
        session = Session.open(config(), session_name=name, on_progress=progress)
        if model is not None:
            session.local, session.local_label, session.mode = model, model.label, mode
        return session

    return open_session


async def test_a_conversation_fills_the_profile_options_and_charts():
    app = AdvisorApp(factory())
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        assert any("no local model" in n for n in notices(app, "warning"))
        await say(pilot, TRIAGE)
        await settle(pilot)
        profile = app.query_one(ProfilePanel)
        assert profile.cell_text("requests_per_day")[1:] == ["5,000", "given"]
        assert profile.cell_text("privacy")[1:] == ["public", "given"]
        assert profile.cell_text("monthly_input_tokens")[1:] == ["300M", "derived"]
        result = app.session.comparison()
        options = app.query_one(OptionsTable)
        assert options.row_count == len(result.options) >= 2
        assert str(options.get_row(result.recommendation.option_id)[0]).startswith("★")
        assert any("Recommendation" in text for text in replies(app))
        assert "compare" in str(app.query_one(ToolCallView).title)
        legend = str(app.query_one("#chart-time .chart-legend").render())
        assert "★" in legend
        assert "turns 1 local / 0 Claude" in str(app.query_one(StatusBar).render())


async def test_set_whatif_and_bad_input():
    app = AdvisorApp(factory("tui-set"))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "/set requests_per_day -5")
        await pilot.pause()
        errors = notices(app, "error")
        assert len(errors) == 1 and "must not be negative" in errors[0] and "\n" not in errors[0]
        await say(pilot, TRIAGE)
        await settle(pilot)
        assert app.session.state.profile.requests_per_day == 5000
        await say(pilot, "/set electricity_usd_per_kwh 0.35")
        await pilot.pause()
        assert app.query_one(ProfilePanel).cell_text("electricity_usd_per_kwh")[1:] == ["$0.35/kWh", "given"]
        await say(pilot, "/whatif volume doubles")
        await settle(pilot)
        assert replies(app)[-1].startswith("**If volume ×2:") and "A scenario" in replies(app)[-1]
        assert app.session.state.profile.requests_per_day == 5000  # a what-if leaves the profile


async def test_export_writes_the_report(tmp_path):
    app = AdvisorApp(factory("tui-export"))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, TRIAGE)
        await settle(pilot)
        await say(pilot, f"/export {tmp_path / 'report.md'}")
        await pilot.pause()
        assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("#")
        assert any("wrote the report" in n for n in notices(app))


async def test_a_slow_model_does_not_freeze_the_input_and_esc_stops_it():
    slow = ScriptedModel([Step(text=" ".join(["word"] * 3000), delay=0.02)])  # a minute unless stopped
    app = AdvisorApp(factory("tui-slow", slow, mode="agentic"))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "hello there")
        await until(lambda: slow.requests, "the model to be asked")
        assert app.busy
        await type_in(app, "abc")  # the prompt shows the keys while the model still writes
        assert app.busy and app.query_one(PromptInput).text == "abc"
        await pilot.press("escape")
        assert not app.busy
        await settle(pilot)
        assert app.session.history()[-1].status == "cancelled"
        assert "stopped — the prompt is yours" in notices(app, "warning")


async def test_stored_turns_are_rendered_on_start():
    session = Session.open(config(), session_name="tui-resume")
    list(session.turn(TRIAGE))
    session.store.close()
    app = AdvisorApp(factory("tui-resume"))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        assert [m.copy_text for m in app.query(UserMessage)] == [TRIAGE]
        assert any("Recommendation" in m.copy_text for m in app.query(ReplyMessage))
        assert app.query(ToolCallView)
        assert any("resumed session tui-resume" in n.text for n in app.query(NoticeLine))
        assert app.query_one(ProfilePanel).cell_text("requests_per_day")[1] == "5,000"
        assert app.query_one(OptionsTable).row_count >= 2


async def test_an_answer_says_the_point_and_then_only_what_changed():
    """The first answer names the recommendation with its figures, what it read and the question
    (the table and assumptions are the panel's); the next says only what changed — the pick's new
    cost — with no table and no assumption block, the panel hidden or not."""
    app = AdvisorApp(factory("tui-brief"))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, TRIAGE)
        await settle(pilot)
        short = replies(app)[-1]
        assert "Recommendation:" in short and "a month" in short and "Read:" in short and "5,000" in short
        assert "| option |" not in short and "Assuming" not in short and "side panel" in short
        await pilot.press("f8")
        await say(pilot, "actually 8,000 tickets a day")
        await settle(pilot)
        after = replies(app)[-1]
        assert "8,000" in after and ("(was " in after or "Still " in after)
        assert "| option |" not in after and "Assuming" not in after and "Recommendation:" not in after


async def test_a_long_session_resumes_with_its_last_turns_read_alone():
    session = Session.open(config(), session_name="tui-long")
    for i in range(45):
        turn = session.store.begin_turn(session.session_id, f"question {i}")
        session.store.finish_turn(turn, f"answer {i}")
    session.close()
    app = AdvisorApp(factory("tui-long"))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        assert any("25 earlier turns not shown" in n for n in notices(app))
        users = [str(w.render()) for w in app.query(UserMessage)]
        assert len(users) == 20 and "question 25" in users[0] and "question 44" in users[-1]
