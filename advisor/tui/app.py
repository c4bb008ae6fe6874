"""The Textual app: chat on the left, profile, options and charts on the right, the hybrid meter
in the status bar. Model and Claude calls run in thread workers; the UI never waits on them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, TabbedContent, TabPane

from advisor.errors import UsageError
from advisor.events import (
    Escalated,
    Notice,
    ProfileChanged,
    TextChunk,
    ToolAnswered,
    ToolCalled,
    TurnFailed,
    UsageRecorded,
)
from advisor.tui.chat import ChatLog, Reply
from advisor.tui.commands import COMMANDS, help_markdown, split
from advisor.tui.prompt import PromptInput
from advisor.tui.side import CostChart, OptionsTable, ProfilePanel
from advisor.tui.status import StatusBar

GREETING = (
    "**Hello — let's find out whether your LLM workload belongs on your own hardware, on cloud APIs, or both.**\n\n"
    "Tell me about it in your own words: how many requests a day (or tokens a month), roughly how many tokens go in"
    " and come out of each, and whether the data is public, internal, personal or regulated. For example: *We triage"
    " 5,000 tickets a day, 2k tokens in and 300 out each, public data.* `/help` lists the commands."
)
SessionFactory = Callable[[Callable[[str], None]], Any]


class AdvisorCommands(Provider):
    """The slash commands in the command palette (Ctrl+P)."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = self.app
        assert isinstance(app, AdvisorApp)
        for name, text in COMMANDS.items():
            score = matcher.match(f"{name} {text}")
            if score > 0:
                yield Hit(score, matcher.highlight(f"{name} — {text}"), lambda n=name: app.prefill(n), help=text)


class AdvisorApp(App):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "advisor"
    SUB_TITLE = "local, cloud or both — with real numbers"
    COMMANDS = App.COMMANDS | {AdvisorCommands}
    BINDINGS = [
        Binding("escape", "cancel", "Stop reply", id="advisor.cancel"),
        Binding("f2", "export", "Export", id="advisor.export"),
        Binding("f3", "copy_last", "Copy reply", id="advisor.copy"),
        Binding("f4", "toggle_offline", "Offline", id="advisor.offline"),
        Binding("f5", "new_session", "New session", id="advisor.new_session"),
        Binding("ctrl+q", "quit", "Quit", id="advisor.quit", priority=True),
    ]

    def __init__(self, open_session: SessionFactory) -> None:
        super().__init__()
        self.open_session = open_session
        self.session: Any = None
        self.cancel_event = threading.Event()
        self.busy = False
        self.reply: Reply | None = None
        self.last_result: Any = None
        self.last_answer = ""
        self._calls: dict[str, dict] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield ChatLog(id="chat")
                yield PromptInput(id="prompt")
            with Vertical(id="side"):
                yield ProfilePanel(id="profile")
                yield OptionsTable(id="options")
                with TabbedContent(id="charts"):
                    with TabPane("Cost over time", id="tab-time"):
                        yield CostChart(id="chart-time")
                    with TabPane("Cost against volume", id="tab-volume"):
                        yield CostChart(id="chart-volume")
        yield StatusBar(id="status")
        yield Footer()

    @property
    def chat(self) -> ChatLog:
        return self.query_one(ChatLog)

    def on_mount(self) -> None:
        self.query_one(PromptInput).focus()
        self.query_one(StatusBar).show(None, "starting: looking for a local model…")
        self.call_after_refresh(self.start_session)  # paint first, then the slow part

    # ---- opening -----------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="session")
    def start_session(self) -> None:
        try:
            session = self.open_session(lambda line: self.call_from_thread(self.progress, line))
        except Exception as exc:  # a worker exception would close the app
            self.call_from_thread(self.chat.add_notice, f"could not open the session: {exc}", "error")
            return
        self.call_from_thread(self.session_ready, session)

    def progress(self, line: str) -> None:
        self.query_one(StatusBar).show(None, line)

    async def session_ready(self, session: Any) -> None:
        self.session = session
        session.on_notice = lambda text: self.call_from_thread(self.notify, text, severity="warning")
        await self.render_history()
        for line in session.startup_notices:
            await self.chat.add_notice(line)
        self.refresh_panels()

    async def render_history(self) -> None:
        turns = self.session.history()
        for turn in turns:
            await self.chat.add_user(turn.user_text)
            if turn.answer:
                await self.chat.add_markdown(turn.answer)
            if turn.status == "interrupted":
                await self.chat.add_notice("(this reply was interrupted)", "warning")
        if turns:
            await self.chat.add_notice(f"resumed session {self.session.name} — /reset starts a new one")
        else:
            await self.chat.add_markdown(GREETING)

    # ---- turns -------------------------------------------------------------------------------
    async def on_prompt_input_submitted(self, message: PromptInput.Submitted) -> None:
        if message.text.startswith("/"):
            await self.run_command(message.text)
        else:
            await self.send(message.text)

    async def send(self, text: str, escalate: bool = False) -> None:
        if self.session is None:
            self.notify("still starting — one moment", severity="warning")
            return
        if self.busy:
            self.notify("a reply is running — Esc stops it", severity="warning")
            return
        await self.chat.add_user(text)
        self.busy = True
        self.cancel_event = threading.Event()
        self.reply = Reply(self.chat)
        self.last_answer = ""
        self.query_one(StatusBar).show(self.session, "⏳ thinking…")
        self.turn_worker(text, escalate)

    @work(thread=True, exclusive=True, group="turn")
    def turn_worker(self, text: str, escalate: bool) -> None:
        try:
            for event in self.session.turn(text, self.cancel_event, escalate):
                self.call_from_thread(self.on_agent_event, event)
                if self.cancel_event.is_set():
                    break
        except Exception as exc:  # never let a worker exception close the app
            self.call_from_thread(self.on_agent_event, TurnFailed(kind=type(exc).__name__, message=str(exc)))
        finally:
            self.call_from_thread(self.turn_done)

    async def on_agent_event(self, event: Any) -> None:
        chat = self.chat
        if isinstance(event, TextChunk):
            assert self.reply is not None
            self.last_answer += event.text
            await self.reply.write(event.text, event.side)
            return
        if self.reply is not None and not isinstance(event, UsageRecorded):
            await self.reply.stop()
            self.reply = Reply(chat)
        if isinstance(event, Notice):
            await chat.add_notice(event.text, event.level)
        elif isinstance(event, ToolCalled):
            self._calls[event.name] = event.arguments
        elif isinstance(event, ToolAnswered):
            arguments = self._calls.pop(event.name, {})
            shown = ", ".join(f"{k}={v}" for k, v in list(arguments.items())[:4])
            payload = {"arguments": arguments, "result": event.result}
            await chat.add_tool(f"⚙ {event.name}({shown})", payload, event.error)
        elif isinstance(event, ProfileChanged):
            self.refresh_panels()
        elif isinstance(event, Escalated):
            await chat.add_notice(f"→ asking {event.model}: {event.reason}", "claude")
            self.query_one(StatusBar).show(self.session, f"⏳ waiting for {event.model}…")
        elif isinstance(event, TurnFailed):
            await chat.add_notice(f"the turn failed ({event.kind}): {event.message}", "error")

    async def turn_done(self) -> None:
        if self.reply is not None:
            await self.reply.stop()
        if self.cancel_event.is_set():
            await self.chat.add_notice("stopped — the prompt is yours", "warning")
        self.busy = False
        self.refresh_panels()

    def refresh_panels(self) -> None:
        session = self.session
        if session is None:
            return
        result = session.comparison()
        self.last_result = result
        self.query_one(ProfilePanel).show(session.state.profile, session.state.given, session.resolved_profile())
        self.query_one(OptionsTable).show(result)
        self.query_one(StatusBar).show(session)
        if result is not None:
            from advisor.chart import cumulative_series, volume_series
            from tools.compare import CompareInput

            crossover = result.recommendation.crossover_month
            self.query_one("#chart-time", CostChart).draw(
                cumulative_series(result), "cumulative cost, $", crossover, "months"
            )
            inp = CompareInput.model_validate(session.state.profile.model_dump(exclude_none=True))
            breakeven = result.recommendation.breakeven_tokens_per_month
            self.query_one("#chart-volume", CostChart).draw(
                volume_series(inp, session.catalog), "monthly cost, $, against tokens a month", breakeven, "tokens"
            )

    # ---- commands ----------------------------------------------------------------------------
    def on_data_table_row_selected(self, event: ProfilePanel.RowSelected) -> None:
        """Enter (or a click) on a profile row puts `/set FIELD ` in the prompt: edit in place."""
        if isinstance(event.data_table, ProfilePanel) and event.row_key.value:
            self.prefill(f"/set {event.row_key.value}")

    def prefill(self, command: str) -> None:
        prompt = self.query_one(PromptInput)
        prompt.text = command + " "
        prompt.move_cursor(prompt.document.end)
        prompt.focus()

    async def run_command(self, text: str) -> None:
        name, rest = split(text)
        chat = self.chat
        try:
            if name == "/help":
                await chat.add_markdown(help_markdown())
            elif self.session is None:
                self.notify("still starting — one moment", severity="warning")
            elif name == "/profile":
                await chat.add_markdown(self.profile_markdown())
            elif name == "/set":
                field, _, value = rest.partition(" ")
                if not field or not value:
                    raise UsageError("set: usage /set FIELD VALUE, e.g. /set electricity_usd_per_kwh 0.30")
                diff = self.session.set_field(field, value.strip())
                changed = ", ".join(f"{k}: {old} → {new}" for k, (old, new) in diff.items()) or "no change"
                await chat.add_notice(f"set {changed}")
                self.refresh_panels()
            elif name == "/whatif":
                question = rest if rest.lower().startswith(("what", "and", "how")) else f"what if {rest}"
                await self.send(question)
            elif name == "/calc":
                from advisor.slash_calc import run_calc

                await chat.add_markdown(f"```\n{run_calc(rest, self.session.catalog)}\n```")
            elif name == "/escalate":
                await self.send(rest or "write the final recommendation memo", escalate=True)
            elif name == "/offline":
                await self.action_toggle_offline()
            elif name == "/export":
                await self.action_export(rest or None)
            elif name == "/sessions":
                await self.sessions(rest)
            elif name == "/model":
                s = self.session
                lines = [f"local model: {s.local_label} ({s.mode} mode)", f"Claude: {s.claude_label}"]
                await chat.add_notice(" · ".join(lines + s.startup_notices))
            elif name == "/reset":
                await self.action_new_session()
            else:
                raise UsageError(f"{name}: unknown command; /help lists them")
        except UsageError as exc:
            await chat.add_notice(str(exc), "error")

    def profile_markdown(self) -> str:
        session = self.session
        resolved = session.resolved_profile()
        rows = ["| field | value | |", "|---|---|---|"]
        from advisor.render import format_value

        for field, value in session.state.profile.model_dump().items():
            status = "given" if field in session.state.given else ""
            if value is None and resolved is not None:
                value, status = getattr(resolved, field, None), "assumed"
            if value is not None:
                rows.append(f"| {field} | {format_value(field, value)} | {status} |")
        if resolved is not None:
            rows.append("\nAssuming: " + "; ".join(resolved.assumptions))
        return "\n".join(rows)

    async def sessions(self, name: str) -> None:
        if name:
            self.session.switch(name)
            await self.chat.remove_children()
            await self.render_history()
            self.refresh_panels()
            return
        rows = [f"- `{s.name}` — {s.turns} turns, last active {s.active}" for s in self.session.list_sessions()[:20]]
        await self.chat.add_markdown("**Sessions** (`/sessions NAME` switches)\n\n" + "\n".join(rows))

    # ---- actions -----------------------------------------------------------------------------
    def action_cancel(self) -> None:
        if self.busy:
            self.cancel_event.set()
            self.notify("stopping the reply…")

    async def action_export(self, path: str | None = None) -> None:
        if self.session is None:
            return
        try:
            written = self.session.export(Path(path).expanduser() if path else None)
        except (UsageError, OSError) as exc:
            await self.chat.add_notice(f"export: {exc}", "error")
            return
        await self.chat.add_notice(f"wrote the report to {written}")

    def action_copy_last(self) -> None:
        if self.last_answer:
            self.copy_to_clipboard(self.last_answer)
            self.notify("last reply copied")

    async def action_toggle_offline(self) -> None:
        if self.session is None:
            return
        self.session.set_offline(not self.session.offline)
        state = (
            "on: nothing leaves this machine" if self.session.offline else f"off: Claude is {self.session.claude_label}"
        )
        await self.chat.add_notice(f"offline {state}")
        self.refresh_panels()

    async def action_new_session(self) -> None:
        if self.session is None or self.busy:
            return
        self.session.reset()
        await self.chat.remove_children()
        await self.render_history()
        self.refresh_panels()


def run_app(config: Any, session_name: str | None = None, new: bool = False) -> int:
    def open_session(progress: Callable[[str], None]) -> Any:
        from advisor.session import Session  # imported in the worker: the first paint does not wait for it

        return Session.open(config, session_name=session_name, new=new, on_progress=progress)

    app = AdvisorApp(open_session)
    app.run()
    return app.return_code or 0
