"""The Textual app: the chat on the left; the profile, the options and the charts on the right;
the hybrid meter in the status bar. Opening the session and every turn run in thread workers, so
the UI never waits on a model: the user types and scrolls during a reply, and Esc stops it.

The engine (advisor.session and everything pydantic) is imported in the opening worker, after the
first paint; `AdvisorApp` takes a session factory so tests can give it a scripted one."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Header
from textual.worker import get_current_worker

from advisor.slash.commands import COMMANDS, Command, complete, split
from advisor.text.profile_table import CORE_FIELDS
from advisor.text.words import ENGLISH
from advisor.tui.pump import pump
from advisor.tui.slash import SlashRunner
from advisor.tui.styles_cache_fix import release_styles_caches
from advisor.tui.widgets.chart import ChartsPanel
from advisor.tui.widgets.chat import (
    LIVE_TURNS,
    ChatLog,
    NoticeLine,
    ReplyMessage,
    TurnView,
    UserMessage,
    turn_widgets,
)
from advisor.tui.widgets.consent import ConsentScreen
from advisor.tui.widgets.footer import KeysFooter
from advisor.tui.widgets.options_table import OptionsPanel
from advisor.tui.widgets.profile_panel import ProfilePanel
from advisor.tui.widgets.prompt import PromptInput
from advisor.tui.widgets.status import ActivityLine, StatusBar
from advisor.tui.widgets.workloads_panel import WorkloadsPanel

SessionFactory = Callable[[Callable[[str], None]], Any]  # (on_progress) -> Session
MAX_QUEUED = 5  # messages sent while a reply runs wait, each its own turn; more are refused
NARROW = 110  # below this width the side panel is off until F8


def N_(text: str) -> str:  # the gettext marker: the greeting's translations are in advisor/text/locale
    return text


GREETING = N_(
    "**Let's find out whether your LLM workload belongs on your own hardware, on cloud APIs, or both.**\n\n"
    "Tell me about it in your own words: how many requests a day (or tokens a month), roughly how many tokens go"
    " in and come out of each, and whether the data is public, internal, personal or regulated. For example:\n\n"
    "> We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data\n\n"
    "The profile, the options and the charts on the right follow the conversation. `/help` lists the commands."
)


class AdvisorApp(App):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "advisor"
    SUB_TITLE = "local, cloud or both — with real numbers"
    BINDINGS = [  # a key that runs a command runs it as typed: action_command
        Binding("escape", "stop", N_("Stop reply"), id="advisor.stop"),
        Binding("f1", "command('/help')", N_("Help"), id="advisor.help"),
        Binding("f2", "command('/export')", N_("Export"), id="advisor.export"),
        Binding("f3", "copy_reply", N_("Copy reply"), id="advisor.copy_reply"),
        Binding("f4", "command('/offline')", N_("Offline"), id="advisor.offline"),
        Binding("f5", "command('/reset')", N_("New session"), id="advisor.new_session"),
        # priority: the prompt's own F6 (select the line) gives way to this one
        Binding("f6", "with_my_words", N_("Claude, my words"), id="advisor.with_my_words", show=False, priority=True),
        Binding("f8", "toggle_panel", N_("Panel"), id="advisor.panel"),
        Binding("ctrl+q", "quit", N_("Quit"), id="advisor.quit", priority=True),
    ]
    busy: reactive[bool] = reactive(False, bindings=True)  # a reply is on screen and running
    pending_catalog_update: tuple | None = None  # shown by /catalog update, written by /catalog write

    def __init__(self, open_session: SessionFactory, keymap_file: Path | None = None) -> None:
        release_styles_caches()  # textual#6665: removed widgets' drawn lines are otherwise kept
        super().__init__()
        self.open_session = open_session
        self.keymap_file = keymap_file
        self.session: Any = None
        self.open_failed = False
        self.turn_id = 0
        self.cancel = threading.Event()
        self.view: TurnView | None = None
        self.worker_alive = False  # a turn's thread is still running (it may outlive an Esc)
        self.queued: deque[str] = deque()  # sent in turn when the session is ready or the reply ends
        self.last_answer = ""
        self.panel_toggled = False
        self.was_narrow: bool | None = None  # the width class the toggle belongs to
        self.pulling: str | None = None  # the Ollama model a /pull is fetching (one at a time)

    # ---- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield ChatLog(id="chat")
                yield ActivityLine(id="activity")
                yield PromptInput(self.completions, id="prompt")
            with Vertical(id="side"):
                yield WorkloadsPanel(id="workloads")
                yield ProfilePanel(id="profile")
                yield OptionsPanel(id="options")
                yield ChartsPanel(id="charts")
        yield StatusBar(id="status")
        yield KeysFooter()

    @property
    def chat(self) -> ChatLog:
        return self.query_one(ChatLog)

    @property
    def prompt(self) -> PromptInput:
        return self.query_one(PromptInput)

    @property
    def activity(self) -> ActivityLine:
        return self.query_one(ActivityLine)

    def on_mount(self) -> None:
        self.prompt.focus()
        self.prompt.speak(ENGLISH)
        self.load_keymap()
        self.query_one(StatusBar).show(None, "starting…")
        self.activity.start("starting: opening the session and looking for a local model…")
        self.apply_layout()
        self.call_after_refresh(self.start_session)  # the first paint does not wait for the engine

    def on_resize(self, event: events.Resize) -> None:
        # The event's size: this handler runs before Textual's own stores it in `self.size`, so the
        # layout followed one resize behind (narrowed, then widened, it showed the narrow layout).
        self.apply_layout(event.size.width)

    def apply_layout(self, width: int | None = None) -> None:
        narrow = (self.size.width if width is None else width) < NARROW
        if narrow != self.was_narrow:  # F8 flips the layout it was pressed in, not the next one
            self.was_narrow, self.panel_toggled = narrow, False
        panel = (not narrow) != self.panel_toggled
        side, left = self.query_one("#side"), self.query_one("#left")
        side.display, left.display = panel, not (narrow and panel)
        side.set_class(narrow, "-full")
        if self.session is not None:  # the table is beside the chat: answers leave it out
            self.session.brief = panel and not narrow
        if not left.display:
            self.query_one(ProfilePanel).focus()
        elif self.focused is None or not self.focused.display or not side.display:
            self.prompt.focus()

    def load_keymap(self) -> None:
        """`keymap.toml` in the config dir: binding id = key, e.g. "advisor.export" = "f9"."""
        if self.keymap_file is None or not self.keymap_file.exists():
            return
        from advisor.tools.tomlfile import TomlFileError, read_toml

        try:
            keymap = read_toml(self.keymap_file)
            self.set_keymap({str(k): str(v) for k, v in keymap.items()})
        except TomlFileError as exc:
            self.notify(f"keymap: {exc}", severity="warning")

    # ---- opening -----------------------------------------------------------------------------
    @work(thread=True, group="session", exit_on_error=False)  # errors are shown, not fatal
    def start_session(self) -> None:
        def progress(line: str) -> None:
            self._post(self.activity.say, line)

        def produce() -> Iterator[Any]:
            session = self.open_session(progress)
            import textual_plotext  # noqa: F401  (the charts' import, done here rather than on the UI thread)

            yield session

        worker = get_current_worker()
        try:
            for session in pump(produce, lambda: worker.is_cancelled):
                self._post(self.session_ready, session)
        except Exception as exc:  # a worker exception would close the app
            self._post(self.session_failed, exc)

    async def session_failed(self, exc: Exception) -> None:
        self.open_failed = True
        self.activity.stop()
        self.query_one(StatusBar).show(None, "no session")
        await self.chat.add_notice(f"could not open the session: {exc}", "error")

    async def session_ready(self, session: Any) -> None:
        self.session = session
        self.apply_layout()
        if hasattr(session, "on_notice"):  # Claude retries, heard from inside a turn
            session.on_notice = lambda text: self._post(self.retry_notice, text)
        self.activity.stop()
        try:
            await self.show_history()
        except Exception as exc:  # a damaged store must not keep the user out of the session
            await self.chat.add_notice(f"could not show the stored turns: {type(exc).__name__}: {exc}", "error")
        await self.chat.add(*(NoticeLine(line, "warning") for line in session.startup_notices))
        await self.refresh_panels()
        await self.send_next_queued()

    async def send_next_queued(self) -> None:
        if self.queued and not self.busy and not self.worker_alive:
            await self.dispatch(self.queued.popleft())

    async def show_history(self) -> None:
        session = self.session
        self.sub_title = f"session {session.name}"
        await self.chat.remove_children()
        turns = session.history(limit=LIVE_TURNS)  # read only what is shown
        widgets: list[Any] = []
        self.chat.hidden_turns = max(0, session.turn_count() - len(turns)) if turns else 0
        for turn in turns:
            widgets += turn_widgets(self.chat, turn)
        if turns:
            widgets.append(NoticeLine(f"resumed session {session.name} — /reset starts a new one, /sessions lists"))
            self.last_answer = turns[-1].answer or ""
        else:
            words = session.words() if hasattr(session, "words") else None
            widgets.append(ReplyMessage(words._(GREETING) if words is not None else GREETING))
        await self.chat.add(*widgets)
        if self.chat.hidden_turns:
            await self.chat.say_earlier()
        self.chat.follow()

    def retry_notice(self, text: str) -> None:
        self.activity.say(text)
        self.notify(text, severity="warning", timeout=4)

    # ---- the prompt --------------------------------------------------------------------------
    def completions(self, text: str) -> list[str]:
        sessions = [s.name for s in self.session.list_sessions()[:50]] if self.session and "/sessions " in text else []
        from advisor.interview.fields import field_choices

        fields = type(self.session.state.profile).model_fields if self.session else CORE_FIELDS
        workloads = self.session.state.workload_names() if self.session else []
        values = field_choices(fields) if isinstance(fields, dict) else {}  # the profile's closed sets
        return complete(text, fields, sessions, values, workloads)

    async def on_prompt_input_submitted(self, message: PromptInput.Submitted) -> None:
        await self.submit(message.text)

    async def submit(self, text: str) -> None:
        """Run what the user sent, or queue it behind the running reply (the prompt is already empty)."""
        command = COMMANDS.get(split(text)[0]) if text.startswith("/") else None
        changes = command.changes_session if command else not text.startswith("/")
        if changes and (self.busy or self.worker_alive or (self.session is None and not self.open_failed)):
            await self.queue(text)
            return
        await self.dispatch(text)

    async def queue(self, text: str) -> None:
        """A message sent while a reply runs waits its turn, as its own message — a burst of
        pastes is never glued into one prompt; past MAX_QUEUED it is refused, and Up recalls it."""
        quoted = f"“{text[:60]}{'…' if len(text) > 60 else ''}”"
        if len(self.queued) >= MAX_QUEUED:
            await self.chat.add_notice(
                f"not sent: {quoted} — {MAX_QUEUED} messages are already waiting (Up recalls it)", "warning"
            )
            return
        self.queued.append(text)
        waiting = "the session opens" if self.session is None else "the reply before it ends"
        await self.chat.add_notice(f"queued ({len(self.queued)} waiting): {quoted} goes when {waiting}")

    async def dispatch(self, text: str) -> None:
        if text.startswith("/"):
            await self.run_command(text)
        else:
            await self.send(text)

    # ---- turns -------------------------------------------------------------------------------
    async def submit_turn(self, text: str, escalate: bool = False, consent: Any = None) -> None:
        """A turn a command or a screen asks for: now, or after the running reply (as typed text waits)."""
        if self.busy or self.worker_alive:
            await self.chat.add_notice("a reply is running: send it again when it ends", "warning")
            return
        await self.send(text, escalate=escalate, consent=consent)

    async def send(self, text: str, escalate: bool = False, consent: Any = None) -> None:
        if self.session is None:
            await self.chat.add_notice("no session: the advisor could not start (see above)", "error")
            return
        self.chat.follow()
        await self.chat.add(UserMessage(text))
        await self.chat.prune()
        self.turn_id += 1
        self.cancel = threading.Event()
        session = self.session
        self.view = TurnView(self.chat, words=session.words if hasattr(session, "words") else None)
        self.busy = self.worker_alive = True
        local = self.session.local_label
        self.activity.start(
            "reading it and costing the options…" if local == "none" else f"waiting for {local}'s first token…"
        )
        self.run_turn(self.turn_id, text, escalate, self.cancel, consent)

    @work(thread=True, group="turn", exit_on_error=False)
    def run_turn(self, turn_id: int, text: str, escalate: bool, cancel: threading.Event, consent: Any = None) -> None:
        """The turn's events to the UI, one at a time. After Esc the events are dropped but the turn
        runs to its end (the session stops it at its next event); on quit the worker lets go at once."""
        worker = get_current_worker()
        try:
            turn = lambda: self.session.turn(text, cancel, escalate, consent=consent)  # noqa: E731
            for event in pump(turn, lambda: worker.is_cancelled):
                if not cancel.is_set() and not self._post(self.on_turn_event, turn_id, event):
                    return
        except Exception as exc:  # a worker exception would close the app: show it instead
            from advisor.events import TurnFailed

            self._post(self.on_turn_event, turn_id, TurnFailed(kind=type(exc).__name__, message=str(exc)))
        self._post(self.turn_done, turn_id)

    def _post(self, callback: Callable[..., Any], *args: Any) -> bool:
        """Run `callback` on the UI thread from a worker; False once the app has closed."""
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:  # the app has closed
            self.cancel.set()
            return False
        return True

    async def on_turn_event(self, turn_id: int, event: Any) -> None:
        if turn_id != self.turn_id or self.cancel.is_set() or self.view is None:
            return  # a stopped turn's late events
        try:
            await self.show_event(event)
        except Exception as exc:  # a rendering bug costs one line, not the reply
            await self.chat.add_notice(f"could not show a {event.type} event: {type(exc).__name__}: {exc}", "error")

    async def show_event(self, event: Any) -> None:
        assert self.view is not None
        kind = event.type
        if kind == "text" and not self.view.reply.message:
            self.activity.say("writing… (Esc stops)")
        elif kind == "escalation":
            self.activity.say(f"asking {event.model}: {event.reason}…")
        elif kind == "notice" and event.level != "info":
            self.activity.say(event.text)
        elif kind == "done":
            self.last_answer = event.answer
        await self.view.show(event)
        if kind == "profile":
            await self.refresh_panels(changed=set(event.changes))
        elif kind == "usage":
            self.query_one(StatusBar).show(self.session)

    async def turn_done(self, turn_id: int) -> None:
        self.worker_alive = False
        if turn_id == self.turn_id and self.busy:
            await self.finish_reply()
        await self.refresh_panels()
        await self.send_next_queued()

    async def finish_reply(self) -> None:
        if self.view is not None:
            await self.view.close()
        self.busy = False
        self.activity.stop()

    async def action_stop(self) -> None:
        """Esc: the reply stops at once and the prompt is yours; the thread winds down behind."""
        if not self.busy:
            return
        self.cancel.set()
        await self.finish_reply()
        await self.chat.add_notice("stopped — the prompt is yours", "warning")
        self.prompt.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop":
            return self.busy
        return True

    # ---- panels ------------------------------------------------------------------------------
    async def refresh_panels(self, changed: set[str] | None = None) -> None:
        session = self.session
        if session is None:
            return
        try:
            result = session.comparison()
            resolved = session.resolved_profile()
            words = session.words() if hasattr(session, "words") else None
            self.query_one(ProfilePanel).show(
                session.state.profile, session.state.given, resolved, changed or set(), state=session.state, w=words
            )
            if len(session.state.workload_names()) > 1 or self.query_one(WorkloadsPanel).display:
                self.query_one(WorkloadsPanel).show(session.state, session.plan(), words)
            self.query_one(OptionsPanel).show(result, words)
            self.prompt.speak(words or ENGLISH)
            await self.query_one(ChartsPanel).show(
                result, self.volume_series(result), resolved.monthly_tokens if resolved else None, words
            )
            self.query_one(StatusBar).show(session)
        except Exception as exc:  # a drawing bug must not end the session
            await self.chat.add_notice(f"could not draw the panels: {type(exc).__name__}: {exc}", "error")

    def volume_series(self, result: Any | None) -> list[Any]:
        catalog = getattr(self.session, "catalog", None)
        if result is None or catalog is None:
            return []
        from advisor.text.chart import volume_series
        from advisor.tools.compare import CompareInput

        inp = CompareInput.model_validate(self.session.state.profile.model_dump(exclude_none=True))
        return volume_series(inp, catalog, result=result)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on a profile row puts `/set FIELD ` in the prompt."""
        if isinstance(event.data_table, ProfilePanel) and event.row_key.value:
            self.fill_prompt(f"/set {event.row_key.value} ")
        elif isinstance(event.data_table, WorkloadsPanel) and event.row_key.value:
            self.fill_prompt(f"/workload use {event.row_key.value}")

    def fill_prompt(self, text: str) -> None:
        self.prompt.text = text
        self.prompt.move_cursor(self.prompt.document.end)
        self.prompt.focus()

    # ---- commands: one path for the prompt, the keys and the palette ----------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette (Ctrl+P): Textual's own commands, then every slash command."""
        yield from super().get_system_commands(screen)
        for command in COMMANDS.values():
            yield SystemCommand(command.usage, command.help, partial(self.palette_command, command))

    def palette_command(self, command: Command) -> None:
        """A command chosen in the palette: run it, or put it in the prompt to finish."""
        if command.takes_argument:
            self.fill_prompt(f"{command.name} ")
        else:
            self.call_later(self.action_command, command.name)

    async def action_command(self, text: str) -> None:
        """A key or the palette runs a command exactly as if it were typed (busy rules included)."""
        await self.submit(text)

    async def run_command(self, text: str) -> None:
        await SlashRunner(self).run(text)

    # ---- actions that are not commands -------------------------------------------------------
    async def action_with_my_words(self) -> None:
        """F6: what is typed in the prompt goes to Claude as it is, with the profile and the figures
        — once the consent screen has shown exactly what would be sent, and the user said send."""
        if isinstance(self.screen, ConsentScreen):
            return  # one consent at a time
        text = self.prompt.text.strip()
        if not text:
            await self.chat.add_notice("F6 sends what you typed to Claude, after showing it: type your question first")
            return
        self.prompt.text = ""
        await self.submit(f"/escalate --with-my-words -- {text}")

    def action_copy_reply(self) -> None:
        if self.last_answer:
            self.copy_to_clipboard(self.last_answer)
            self.notify("last reply copied to the clipboard", timeout=2)

    def action_toggle_panel(self) -> None:
        self.panel_toggled = not self.panel_toggled
        self.apply_layout()

    async def action_quit(self) -> None:
        self.cancel.set()  # a running turn stops at its next event; its worker lets go at once
        self.exit()


def run_app(config: Any, session_name: str | None = None, new: bool = False) -> int:
    """`advisor` / `advisor chat`: the TUI, until the user quits."""

    def open_session(progress: Callable[[str], None]) -> Any:
        from advisor.session import Session  # in the worker: the first paint does not wait for it

        return Session.open(config, session_name=session_name, new=new, on_progress=progress)

    from advisor.paths import config_dir

    app = AdvisorApp(open_session, keymap_file=config_dir() / "keymap.toml")
    app.run()
    return app.return_code or 0
