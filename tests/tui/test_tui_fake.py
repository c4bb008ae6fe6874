"""The TUI against a scripted FakeSession (the Session contract, with turns that yield scripted
events): panels follow the conversation, tool and Claude calls show inline, the input stays
responsive while a slow reply streams, Esc stops it, failures become one line, commands work."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import ValidationError
from textual import events
from textual.command import CommandInput, CommandList, CommandPalette

from advisor.errors import UsageError
from advisor.events import (
    Escalated,
    Notice,
    ProfileChanged,
    TextChunk,
    ToolAnswered,
    ToolCalled,
    TurnFailed,
    TurnFinished,
    UsageRecorded,
)
from advisor.state import SessionState
from advisor.store import SpendSummary
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import MissingVolume, WorkloadProfile, resolve
from advisor.tools.registry import TOOLS
from advisor.tui.app import AdvisorApp
from advisor.tui.widgets.chat import EscalationView, NoticeLine, ReplyMessage, ToolCallView, UserMessage
from advisor.tui.widgets.options_table import OptionsTable
from advisor.tui.widgets.profile_panel import ProfilePanel
from advisor.tui.widgets.prompt import PromptInput
from advisor.tui.widgets.status import ActivityLine, StatusBar

TRIAGE = {"requests_per_day": 5000.0, "input_tokens_per_request": 2000.0, "output_tokens_per_request": 300.0}
CATALOG = load_catalog()


def profile_turn(changes: dict[str, Any] | None = None, answer: str = "Here are the options.") -> list[Any]:
    changes = {**TRIAGE, "privacy": "public"} if changes is None else changes
    return [
        ProfileChanged(changes={k: [None, v] for k, v in changes.items()}),
        Notice(text="read '5,000 tickets a day' as 5,000 requests a day"),
        ToolCalled(name="compare", arguments=changes, by="interview"),
        ToolAnswered(name="compare", result={"recommendation": {"deployment": "hybrid"}}),
        *[TextChunk(text=line) for line in answer.splitlines(keepends=True)],
        UsageRecorded(side="local", model="scripted", input_tokens=1200, output_tokens=80),
        TurnFinished(answer=answer),
    ]


def slow_turn(words: int = 300) -> list[Any]:
    return [TextChunk(text=f"word{i} ") for i in range(words)] + [TurnFinished(answer="(long)")]


class FakeSession:
    """The Session contract with scripted turns; comparison() and resolved_profile() are the real
    tools over the real catalog, so the panels show real figures."""

    def __init__(
        self,
        script: list[list[Any]] | None = None,
        *,
        name: str = "fake",
        delay: float = 0.0,
        notices: tuple[str, ...] = (),
        history: list[Any] | None = None,
        local_label: str = "scripted:fake",
        raise_after: int | None = None,
    ) -> None:
        self.script = list(script or [])
        self.delay, self.raise_after = delay, raise_after
        self.state = SessionState()
        self.catalog = CATALOG
        self.name = name
        self.local_label, self.mode = local_label, "agentic"
        self.mode_reason = "tools 3/3, phrasing 2/2"
        self.claude_label, self.offline = "off (no key)", False
        self.startup_notices = list(notices)
        self._history = history or []
        self.sent: list[tuple[str, bool]] = []
        self.cancelled = threading.Event()
        self.finished = threading.Event()
        self.usage: list[UsageRecorded] = []
        self.sessions = [SimpleNamespace(name=name, created="2026-11-24T10:00", turns=0)]
        self.exported: Path | None = None
        self.on_notice: Callable[[str], None] | None = None  # as the real Session: Claude retries

    def turn(
        self, text: str, cancel: threading.Event | None = None, escalate: bool = False, consent: Any = None
    ) -> Iterator[Any]:
        self.sent.append((text, escalate))
        events = self.script.pop(0) if self.script else [TextChunk(text="ok"), TurnFinished(answer="ok")]
        try:
            for i, event in enumerate(events):
                if self.raise_after is not None and i == self.raise_after:
                    raise RuntimeError("the model fell over")
                if self.delay:
                    time.sleep(self.delay)
                if cancel is not None and cancel.is_set():
                    self.cancelled.set()
                    return
                if callable(event):  # something the engine does mid-turn, e.g. a Claude retry
                    event(self)
                    continue
                if isinstance(event, ProfileChanged):
                    self.state.apply({k: new for k, (_old, new) in event.changes.items()})
                if isinstance(event, UsageRecorded):
                    self.usage.append(event)
                yield event
        finally:
            self.finished.set()

    def comparison(self) -> Any:
        if not self.state.has_volume():
            return None
        return TOOLS["compare"].run(self.state.profile.model_dump(exclude_none=True), self.catalog)

    def resolved_profile(self) -> Any:
        try:
            return resolve(self.state.profile)
        except MissingVolume:
            return None

    def set_field(self, field: str, value: str) -> dict:
        if field not in WorkloadProfile.model_fields:
            raise UsageError(f"{field}: unknown field")
        try:
            return self.state.apply({field: value})
        except ValidationError as exc:
            raise UsageError(f"{field}: {value!r} {exc.errors()[0]['msg']}") from None

    def words(self) -> Any:
        from advisor.text.words import words_for

        return words_for(self.state.lang, self.state.currency, self.catalog)

    def spend(self) -> SpendSummary:
        local = [u for u in self.usage if u.side == "local"]
        claude = [u for u in self.usage if u.side == "claude"]
        claude_turns = len({id(u) for u in claude})
        return SpendSummary(
            local_turns=len(self.sent) - claude_turns,
            claude_turns=claude_turns,
            local_input_tokens=sum(u.input_tokens for u in local),
            local_output_tokens=sum(u.output_tokens for u in local),
            claude_usd=sum(u.usd for u in claude),
            all_claude_usd=0.5,
        )

    def set_offline(self, offline: bool) -> None:
        self.offline = offline

    def reset(self) -> None:
        self.state, self.name, self._history = SessionState(), "fresh", []

    def list_sessions(self) -> list:
        return self.sessions

    def switch(self, name: str) -> None:
        if name not in {s.name for s in self.sessions}:
            raise UsageError(f"session: unknown {name!r}")
        self.name = name

    def history(self, limit: int | None = None) -> list:
        return self._history[-limit:] if limit else self._history

    def turn_count(self) -> int:
        return len(self._history)

    def export(self, path: Path | None = None) -> Path:
        if self.comparison() is None:
            raise UsageError("export: no volume yet")
        self.exported = path or Path("report.md")
        self.exported.write_text("# report\n", encoding="utf-8")
        return self.exported


def factory(session: Any, progress_lines: tuple[str, ...] = (), opened: threading.Event | None = None) -> Callable:
    """The app's session opener: says each progress line, then (given `opened`) waits for the test
    to set it before the session is there."""

    def open_session(progress: Callable[[str], None]) -> Any:
        for line in progress_lines:
            progress(line)
        if opened is not None:
            wait_for(opened, "the test to let the session open")
        return session

    return open_session


def streaming(stop: threading.Event, limit: int = 100_000) -> Iterator[Any]:
    """A reply that streams a word at a time until the test sets `stop` (or the session is told to
    cancel): the test decides when it ends, not a clock."""
    for i in range(limit):
        if stop.is_set():
            break
        yield TextChunk(text=f"word{i} ")
    yield TurnFinished(answer="(long)")


GATHER = CommandPalette._GATHER_COMMANDS_GROUP  # the worker group of the palette's search
LONG = 60.0  # seconds: a bound on waiting for something the app must do, never a figure a test checks
STEP = 0.01


def wait_for(event: threading.Event, what: str) -> None:
    """Wait in short sleeps until `event` is set, at most LONG: under faketime (CI's second pass, the
    clock a year ahead) a timed `event.wait(LONG)` would never end, so a test that failed would hang."""
    for _ in range(round(LONG / STEP)):
        if event.is_set():
            return
        time.sleep(STEP)
    raise TimeoutError(f"waited {LONG:.0f} s for {what}")


async def until(condition: Callable[[], Any], what: str) -> None:
    """Wait, yielding to the app, until `condition()` holds: the app's own state, not a pause of a
    length that is enough on an idle machine only."""
    deadline = time.monotonic() + LONG
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {LONG:.0f} s for {what}")
        await asyncio.sleep(0.01)


async def ready(pilot, app: AdvisorApp) -> None:
    await until(lambda: app.session is not None and not app.workers._workers, "the session to open")
    await pilot.pause()


async def say(pilot, text: str) -> None:
    prompt = pilot.app.query_one(PromptInput)
    prompt.focus()
    prompt.text = text
    await pilot.press("enter")


async def settle(pilot) -> None:
    """Until every turn has run, the queued ones too: a turn that ends starts the next queued one
    from inside its worker, after a wait for the workers of that moment has begun."""
    app = pilot.app
    while app.workers._workers or app.busy or app.worker_alive or app.queued:
        await app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause()
    await pilot.pause()


async def palette(pilot, text: str) -> None:
    """Run `text` from the command palette as a user does (Ctrl+P, type, Enter), each step once the
    palette has done the one before: its search for what was typed has ended with the hits listed."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await until(lambda: isinstance(app.screen, CommandPalette), "the command palette")
    shown = app.screen
    await pilot.press(*text)

    def searched() -> bool:
        searching = [w for w in app.workers if w.node is shown and w.group == GATHER and not w.is_finished]
        hits = shown.query_one(CommandList)
        return shown.query_one(CommandInput).value == text and not searching and hits.highlighted is not None

    await until(searched, f"the palette's hits for {text!r}")
    await pilot.press("enter")
    await until(lambda: app.screen is not shown, "the palette to close")
    await pilot.pause()


def notices(app: AdvisorApp, level: str | None = None) -> list[str]:
    return [n.text for n in app.query(NoticeLine) if level is None or n.level == level]


def replies(app: AdvisorApp) -> list[str]:
    return [m.copy_text for m in app.query(ReplyMessage)]


# ---- a conversation ------------------------------------------------------------------------
async def test_a_turn_fills_the_profile_options_chart_and_meter():
    session = FakeSession([profile_turn()])
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        assert app.query_one(OptionsTable).row_count == 0
        await say(pilot, "We triage 5,000 tickets a day, 2k in, 300 out, public data")
        await settle(pilot)
        assert [m.copy_text for m in app.query(UserMessage)] == [
            "We triage 5,000 tickets a day, 2k in, 300 out, public data"
        ]
        assert "Here are the options." in replies(app)[-1]
        profile = app.query_one(ProfilePanel)
        assert profile.cell_text("requests_per_day")[1:] == ["5,000", "given"]
        assert profile.cell_text("monthly_input_tokens")[2] == "derived"
        assert profile.cell_text("electricity_usd_per_kwh")[2] == "assumed"
        assert profile.cell_text("hardware")[1:] == ["—", "missing"]
        assert "Assuming" in str(profile.tooltip)
        options = app.query_one(OptionsTable)
        result = session.comparison()
        assert options.row_count == len(result.options)
        best = options.get_row(result.recommendation.option_id)
        assert str(best[0]).startswith("★")
        tool = app.query_one(ToolCallView)
        assert "compare" in str(tool.title) and "✓" in str(tool.title)
        status = str(app.query_one(StatusBar).render())
        assert "scripted:fake" in status and "1.28K local tok" in status and "of all-Claude $0.50" in status
        assert not app.query_one(ActivityLine).display
        assert app.last_answer == "Here are the options."


async def test_tool_calls_expand_to_arguments_and_result_and_copy_on_click():
    app = AdvisorApp(factory(FakeSession([profile_turn()])))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "go")
        await settle(pilot)
        tool = app.query_one(ToolCallView)
        assert tool.collapsed
        await pilot.click(tool.query_one("CollapsibleTitle"))
        await pilot.pause()
        assert not tool.collapsed
        body = tool.query_one(".inline-body")
        assert '"requests_per_day": 5000.0' in body.copy_text and '"deployment": "hybrid"' in body.copy_text
        message = app.query(ReplyMessage).last()
        message.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(message)
        assert app.clipboard == "Here are the options."


async def test_an_escalation_shows_inline_with_its_reason_and_cost():
    turn = [
        TextChunk(text="Local draft. "),
        Escalated(reason="you asked for the final memo", model="claude-sonnet-4-6"),
        TextChunk(text="**Memo.** Buy the 4090.", side="claude"),
        UsageRecorded(side="claude", model="claude-sonnet-4-6", input_tokens=3000, output_tokens=500, usd=0.0165),
        TurnFinished(answer="Local draft. **Memo.** Buy the 4090."),
    ]
    session = FakeSession([turn])
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "/escalate")
        await settle(pilot)
        assert session.sent == [("write the final recommendation memo", True)]
        view = app.query_one(EscalationView)
        assert "you asked for the final memo" in str(view.title)
        assert "$0.0165" in str(view.title) and "3K tokens in" in str(view.title)
        sides = [m.side for m in app.query(ReplyMessage)][-2:]
        assert sides == ["local", "claude"]
        assert "1 Claude" in str(app.query_one(StatusBar).render())


# ---- never frozen ----------------------------------------------------------------------------
def type_now(app: AdvisorApp, keys: str) -> None:
    """Post key events as a terminal would, without Pilot's wait for idle (which a streaming reply
    never is)."""
    for key in keys:
        app.post_message(events.Key("enter" if key == "\n" else key, None if key == "\n" else key))


async def type_in(app: AdvisorApp, keys: str) -> None:
    """Type `keys` (no Enter) as a terminal would and wait until the prompt shows them, however busy
    the app is; how long that takes is the benchmarks' to measure (tests/bench/bench_tui_long.py)."""
    prompt = app.query_one(PromptInput)
    expected = prompt.text + keys
    type_now(app, keys)
    await until(lambda: prompt.text == expected, f"{keys!r} in the prompt")


def streamed_words(app: AdvisorApp) -> int:
    reply = app.query(ReplyMessage)
    return len(reply.last().copy_text.split()) if reply else 0


async def test_the_input_takes_keys_while_a_slow_reply_streams():
    """Keys typed while a reply streams show in the prompt before the reply ends, and the reply
    goes on streaming meanwhile; the reply ends only when the test says so. (How fast the keys
    show is tests/bench/bench_tui_long.py's to measure, not an assertion here.)"""
    stop = threading.Event()
    session = FakeSession([streaming(stop)], delay=0.01)
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "tell me everything")
        await until(lambda: streamed_words(app) > 0, "the reply to start streaming")
        assert app.busy and app.query_one(ActivityLine).display
        prompt = app.query_one(PromptInput)
        await type_in(app, "next")
        before = streamed_words(app)
        await until(lambda: streamed_words(app) > before, "the reply to stream on")
        assert app.busy  # still streaming while we typed
        type_now(app, "\n")  # Enter while the reply runs: the message waits its turn
        await until(lambda: app.queued, "the message to be queued")
        assert prompt.text == "" and app.busy and list(app.queued) == ["next"]
        assert any("queued (1 waiting)" in n for n in notices(app))
        stop.set()
        await settle(pilot)
        assert not app.busy
        assert [m.copy_text for m in app.query(UserMessage)][-2:] == ["tell me everything", "next"]
        assert [text for text, _ in session.sent] == ["tell me everything", "next"]


async def test_esc_stops_the_reply_and_gives_the_prompt_back():
    never = threading.Event()  # the reply would stream on: only Esc ends it
    session = FakeSession([streaming(never), [TextChunk(text="second answer"), TurnFinished(answer="second answer")]])
    session.delay = 0.02
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "long one")
        await until(lambda: streamed_words(app) > 0, "the reply to start streaming")
        assert app.busy
        await pilot.press("escape")
        assert not app.busy
        assert "stopped — the prompt is yours" in notices(app, "warning")
        assert app.focused is app.query_one(PromptInput)
        await settle(pilot)
        assert session.cancelled.is_set()
        assert replies(app)[-1] != "(long)"
        session.delay = 0
        await say(pilot, "again")
        await settle(pilot)
        assert replies(app)[-1] == "second answer"


async def test_a_message_sent_during_opening_is_queued_and_progress_shows():
    session = FakeSession([profile_turn()])
    opened = threading.Event()
    lines = ("looking for a local model…", "loading the embedded model…")
    app = AdvisorApp(factory(session, lines, opened))
    async with app.run_test(size=(160, 48)) as pilot:
        activity = app.query_one(ActivityLine)
        await until(lambda: activity.what == lines[-1], "the opening's last progress line")
        assert app.session is None and activity.display
        await say(pilot, "5,000 tickets a day")  # typed before the model is there
        assert any("queued" in n and "the session opens" in n for n in notices(app))
        assert session.sent == []
        opened.set()
        await ready(pilot, app)
        await settle(pilot)
        assert session.sent == [("5,000 tickets a day", False)]
        assert app.query_one(OptionsTable).row_count > 0


async def test_a_failing_turn_is_one_error_line_and_the_session_goes_on():
    session = FakeSession([profile_turn(), [TextChunk(text="fine"), TurnFinished(answer="fine")]], raise_after=2)
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "boom")
        await settle(pilot)
        assert any("RuntimeError" in n and "fell over" in n for n in notices(app, "error"))
        assert not app.busy
        session.raise_after = None
        await say(pilot, "again")
        await settle(pilot)
        assert replies(app)[-1] == "fine"


async def test_claude_retries_show_while_the_turn_waits():
    retried, waited = threading.Event(), threading.Event()

    def retry(session: FakeSession) -> None:
        assert session.on_notice is not None
        session.on_notice("Claude: overloaded, retrying in 2.0 s (attempt 2)")  # shown before it returns
        retried.set()
        wait_for(waited, "the test to look")  # the retry's wait, until the test has looked

    turn = [Escalated(reason="the options are close", model="claude-sonnet-4-6"), retry, *slow_turn(3)]
    app = AdvisorApp(factory(FakeSession([turn])))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "which one?")
        await until(retried.is_set, "the retry's notice")
        assert "retrying in 2.0 s" in app.query_one(ActivityLine).what
        waited.set()
        await settle(pilot)
        assert "asked claude-sonnet-4-6" in str(app.query_one(EscalationView).title)


async def test_turn_failed_events_show_as_errors():
    session = FakeSession([[TurnFailed(kind="timeout", message="ollama did not answer in 60 s")]])
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "hello")
        await settle(pilot)
        assert notices(app, "error") == ["the turn failed (timeout): ollama did not answer in 60 s"]


async def test_a_session_that_cannot_open_leaves_a_working_app():
    def broken(progress):
        raise OSError("database is locked")

    app = AdvisorApp(broken)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert any("could not open the session: database is locked" in n for n in notices(app, "error"))
        await say(pilot, "hello")
        await pilot.pause()
        assert any("no session" in n for n in notices(app, "error"))
        await say(pilot, "/help")
        await pilot.pause()
        assert "/whatif" in replies(app)[-1]


async def test_startup_notices_show_one_line_each():
    lines = ("no Ollama server at 127.0.0.1:11434: start `ollama serve`", "Claude is off: set ANTHROPIC_API_KEY")
    app = AdvisorApp(factory(FakeSession(notices=lines, local_label="none")))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        shown = notices(app, "warning")
        assert shown == list(lines)
        assert all("\n" not in line for line in shown)
        assert "Let's find out" in replies(app)[0]  # the greeting on a fresh session


async def test_stored_turns_are_rendered_on_start():
    turns = [
        SimpleNamespace(
            user_text="5,000 tickets a day",
            answer="**Recommendation** — hybrid",
            status="ok",
            events=profile_turn()[:4],
        ),
        SimpleNamespace(user_text="what if it doubles?", answer="", status="interrupted", events=[]),
    ]
    session = FakeSession(history=turns)
    session.state.apply({**TRIAGE, "privacy": "public"})
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        assert [m.copy_text for m in app.query(UserMessage)] == ["5,000 tickets a day", "what if it doubles?"]
        assert replies(app) == ["**Recommendation** — hybrid"]
        assert len(app.query(ToolCallView)) == 1
        assert "this reply was interrupted" in notices(app, "warning")
        assert any("resumed session fake" in n for n in notices(app))
        assert app.query_one(ProfilePanel).cell_text("requests_per_day")[1] == "5,000"
        assert app.sub_title == "session fake"


# ---- commands ---------------------------------------------------------------------------------
async def test_bad_set_is_one_line_and_good_set_updates_the_panel():
    session = FakeSession([profile_turn()])
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "go")
        await settle(pilot)
        await say(pilot, "/set requests_per_day -5")
        await pilot.pause()
        errors = notices(app, "error")
        assert len(errors) == 1 and errors[0].startswith("requests_per_day: '-5'")
        await say(pilot, "/set nonsense 3")
        await say(pilot, "/set electricity_usd_per_kwh")
        await pilot.pause()
        assert notices(app, "error")[1:] == ["nonsense: unknown field", notices(app, "error")[2]]
        assert "usage /set FIELD VALUE" in notices(app, "error")[2]
        await say(pilot, "/set electricity_usd_per_kwh 0.30")
        await pilot.pause()
        assert "set electricity usd per kwh: — → $0.30/kWh" in notices(app)
        assert app.query_one(ProfilePanel).cell_text("electricity_usd_per_kwh")[1:] == ["$0.30/kWh", "given"]


async def test_commands_help_profile_model_sessions_offline_export_reset(tmp_path):
    session = FakeSession([profile_turn()])
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "/export")
        await pilot.pause()
        assert "export: no volume yet" in notices(app, "error")
        await say(pilot, "go")
        await settle(pilot)
        for command in ("/help", "/profile", "/sessions"):
            await say(pilot, command)
            await pilot.pause()
        texts = replies(app)
        assert "/whatif TEXT" in texts[-3] and "Esc stops a reply" in texts[-3]
        assert "| requests_per_day | 5,000 | given |" in texts[-2] and "Assuming:" in texts[-2]
        assert "`fake` ◀ this one" in texts[-1]
        await say(pilot, "/calc payback --hardware-cost-usd 3200 --monthly-cloud-usd 500 --running-usd 20")
        await pilot.pause()
        assert replies(app)[-1].startswith("```") and "payback months" in replies(app)[-1]
        await say(pilot, "/calc frobnicate")
        await pilot.pause()
        assert notices(app, "error")[-1].startswith("calc: tool 'frobnicate' unknown")
        await say(pilot, "/model")
        await pilot.pause()
        assert "local model: scripted:fake (agentic mode: tools 3/3, phrasing 2/2)" in notices(app)
        await say(pilot, "/offline")
        await pilot.pause()
        assert session.offline and "Claude: offline" in str(app.query_one(StatusBar).render())
        await say(pilot, f"/export {tmp_path / 'r.md'}")
        await pilot.pause()
        assert session.exported == tmp_path / "r.md" and app.clipboard == str(tmp_path / "r.md")
        session.sessions.append(SimpleNamespace(name="other", created="2026-11-20T09:00", turns=3))
        await say(pilot, "/sessions other")
        await pilot.pause()
        assert session.name == "other" and app.sub_title == "session other"
        await say(pilot, "/sessions nowhere")
        await pilot.pause()
        assert "session: unknown 'nowhere'" in notices(app, "error")
        await say(pilot, "/frobnicate")
        await pilot.pause()
        assert "/frobnicate: unknown command; /help lists them" in notices(app, "error")
        await say(pilot, "/reset")
        await pilot.pause()
        assert session.name == "fresh" and app.sub_title == "session fresh"
        assert not app.query(UserMessage) and app.query_one(OptionsTable).row_count == 0


async def test_whatif_and_escalate_send_turns():
    session = FakeSession()
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "/whatif volume doubles")
        await settle(pilot)
        await say(pilot, "/escalate is the 4090 worth it?")
        await settle(pilot)
        await say(pilot, "/whatif")
        await pilot.pause()
        assert session.sent == [("what if volume doubles", False), ("is the 4090 worth it?", True)]
        assert "whatif: usage /whatif TEXT, e.g. /whatif volume doubles" in notices(app, "error")


# ---- the prompt -------------------------------------------------------------------------------
async def test_tab_completes_commands_fields_and_sessions():
    app = AdvisorApp(factory(FakeSession()))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        prompt = app.query_one(PromptInput)
        prompt.focus()
        await pilot.press("/", "s", "e")
        assert prompt.suggestion == ""  # /set and /sessions share "/se": both listed under the prompt
        assert "set" in prompt.border_subtitle and "sessions" in prompt.border_subtitle
        await pilot.press("t", "tab")
        assert prompt.text == "/set "
        await pilot.press(*"requests_p", "tab")
        assert prompt.text == "/set requests_per_day "
        prompt.text = ""
        await pilot.press("/", "h", "tab")
        assert prompt.text == "/help "


async def test_history_newlines_and_enter():
    session = FakeSession()
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        prompt = app.query_one(PromptInput)
        prompt.focus()
        await pilot.press(*"first", "ctrl+j", *"line", "enter")
        await settle(pilot)
        await pilot.press(*"second", "enter")
        await settle(pilot)
        assert [s for s, _ in session.sent] == ["first\nline", "second"]
        assert prompt.text == ""
        await pilot.press("up")
        assert prompt.text == "second"
        await pilot.press("up")
        assert prompt.text == "first\nline"
        await pilot.press("up")  # the cursor was on the last line: first to the first line
        assert prompt.text == "first\nline" and prompt.cursor_location[0] == 0
        await pilot.press("down", "down")  # to the last line, then the next entry
        assert prompt.text == "second"
        await pilot.press("down")
        assert prompt.text == ""


async def test_the_palette_lists_the_slash_commands():
    session = FakeSession()
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await palette(pilot, "/model")
        line = "local model: scripted:fake (agentic mode: tools 3/3, phrasing 2/2)"
        await until(lambda: line in notices(app), "/model's line")
        await palette(pilot, "/set")
        await until(lambda: app.query_one(PromptInput).text == "/set ", "/set in the prompt")


async def test_a_profile_row_puts_set_in_the_prompt():
    session = FakeSession([profile_turn()])
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        panel = app.query_one(ProfilePanel)
        panel.focus()
        panel.move_cursor(row=panel.get_row_index("privacy"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(PromptInput).text == "/set privacy "
        assert app.focused is app.query_one(PromptInput)


async def test_clicking_the_options_table_copies_it_as_markdown():
    app = AdvisorApp(factory(FakeSession([profile_turn()])))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "go")
        await settle(pilot)
        await pilot.click(OptionsTable)
        assert app.clipboard.startswith("| | option | monthly |")


# ---- keys and layout --------------------------------------------------------------------------
def test_every_binding_has_an_id():
    assert all(b.id and b.id.startswith("advisor.") for b in AdvisorApp.BINDINGS)


async def test_a_keymap_file_remaps_a_binding(tmp_path):
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('"advisor.help" = "f9"\n', encoding="utf-8")
    app = AdvisorApp(factory(FakeSession()), keymap_file=keymap)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await pilot.press("f9")
        await pilot.pause()
        assert "/whatif TEXT" in replies(app)[-1]


@pytest.mark.parametrize("width", [100, 160])
async def test_the_side_panel_toggles(width):
    app = AdvisorApp(factory(FakeSession()))
    async with app.run_test(size=(width, 40)) as pilot:
        await ready(pilot, app)
        side, left = app.query_one("#side"), app.query_one("#left")
        assert side.display is (width >= 110) and left.display
        await pilot.press("f8")
        assert side.display is (width < 110)
        assert left.display is (width >= 110)


async def test_f8_on_a_narrow_terminal_does_not_hide_the_panel_once_it_is_wide_again():
    """F8 on a narrow terminal shows the panel full width; widened past 110 columns the layout is the
    wide one again, panel beside the chat. The toggle used to carry over, inverted: the panel stayed
    hidden until F8 was pressed twice. Narrowed again, the chat is back alone."""
    app = AdvisorApp(factory(FakeSession()))
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot, app)
        side, left = app.query_one("#side"), app.query_one("#left")
        await pilot.press("f8")
        assert side.display and not left.display
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        assert app.size.width == 160, app.size
        assert side.display and left.display
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        assert left.display and not side.display


async def test_a_key_a_typed_command_and_the_palette_take_one_path():
    """F4, `/offline` and the palette's /offline all run the one command (and so does F5 = /reset,
    refused alike while a reply runs)."""
    stop = threading.Event()
    session = FakeSession([streaming(stop)])
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        start = session.offline
        await pilot.press("f4")
        await pilot.pause()
        assert session.offline is not start
        await say(pilot, "/offline")
        await pilot.pause()
        assert session.offline is start
        await palette(pilot, "/offline")
        await until(lambda: session.offline is not start, "the palette's /offline")
        assert sum("offline" in n for n in notices(app)) == 3
        await say(pilot, "a long question")
        await until(lambda: streamed_words(app) > 0, "the reply to start streaming")
        await pilot.press("f5")
        await pilot.pause()
        assert app.busy and session.name != "fresh"  # refused while the reply runs, as a typed /reset would be
        stop.set()
        await settle(pilot)
