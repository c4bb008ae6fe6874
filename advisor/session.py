"""A session: the chosen backends, the state, the store. Every turn's events are stored as they
happen (the user's text before anything else), so a crash loses at most the unfinished reply."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import ValidationError

from advisor.agent import TurnContext, run_turn
from advisor.config import Config
from advisor.errors import UsageError
from advisor.events import (
    AgentEvent,
    ProfileChanged,
    TextChunk,
    TurnFailed,
    TurnFinished,
    UsageRecorded,
)
from advisor.paths import cache_dir, data_dir, db_path
from advisor.pricing import claude_usd
from advisor.state import SessionState
from advisor.store import SpendSummary, Store
from advisor.tools.compare import CompareResult
from advisor.tools.profile import MissingVolume, ResolvedProfile, WorkloadProfile, resolve
from advisor.tools.registry import TOOLS, ToolInputError


class Session:
    def __init__(self, config: Config, store: Store, session_id: int, name: str, state: SessionState):
        self.config = config
        self.catalog = config.catalog()
        self.store = store
        self.session_id = session_id
        self.name = name
        self.state = state
        self.offline = config.offline
        self.local = None
        self.local_label = "none"
        self.mode = "none"
        self.claude = None
        self.claude_label = "offline" if config.offline else "off"
        self.startup_notices: list[str] = []
        self.on_notice: Callable[[str], None] | None = None  # the UI's way to hear of Claude retries
        self._ctx: TurnContext | None = None

    # ---- opening -------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        config: Config,
        session_name: str | None = None,
        new: bool = False,
        on_progress: Callable[[str], None] | None = None,
    ) -> Session:
        progress = on_progress or (lambda _line: None)
        store = Store(db_path(data_dir(config.data_dir)))
        record = None if new else (store.get_session(session_name) if session_name else store.latest_session())
        if record is None:
            record = store.create_session(session_name)
        state = SessionState()
        loaded = store.load_profile(record.id)
        if loaded is not None:
            profile, given = loaded
            try:
                declined = store.settings(record.id).get("declined", [])
                state = SessionState(
                    profile=WorkloadProfile.model_validate(profile), given=given, declined=declined
                )
            except ValidationError:
                progress("the stored profile no longer validates; starting it afresh")
        session = cls(config, store, record.id, record.name, state)
        session._connect(progress)
        return session

    def _connect(self, progress: Callable[[str], None]) -> None:
        self._connect_claude()
        if self.config.local == "none":
            self.startup_notices.insert(0, "no local model (--local none): the interview and the tools answer")
            return
        from advisor.models.select import select_local

        progress("looking for a local model…")
        try:
            selection = select_local(
                self.config.local,
                ollama_host=self.config.ollama_host,
                ollama_model=self.config.ollama_model,
                offline=self.offline,
            )
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        self.local, self.local_label = selection.model, selection.label
        self.startup_notices.insert(0, selection.reason)
        if self.local is not None:
            self.mode = self._probe(progress)

    def _probe(self, progress: Callable[[str], None]) -> str:
        if self.local_label.startswith("embedded"):
            progress("loading the embedded model…")
            load = getattr(self.local, "load", None)
            if load is not None:
                load()
                seconds = getattr(self.local, "load_seconds", None)
                if seconds is not None:
                    progress(f"embedded model loaded in {seconds:.1f} s")
            return "guided"
        from advisor.agent import tool_specs
        from advisor.models.probe import probe

        progress(f"checking whether {self.local_label} can call tools…")
        try:
            result = probe(self.local, tool_specs(), cache_dir())
        except Exception as exc:  # a probe failure must not stop the session
            self.startup_notices.append(f"tool probe failed ({exc}); guided mode")
            return "guided"
        return result.mode

    def _connect_claude(self) -> None:
        if self.offline:
            self.claude, self.claude_label = None, "offline"
            return
        if not os.environ.get("ANTHROPIC_API_KEY"):
            self.claude, self.claude_label = None, "off (no key)"
            self.startup_notices.append(
                "Claude is off: set ANTHROPIC_API_KEY to let the advisor escalate the final memo"
            )
            return
        from advisor.models.claude_model import ClaudeModel

        self.claude = ClaudeModel(self.config.claude_model, on_retry=self._claude_retry)
        self.claude_label = self.config.claude_model

    def _claude_retry(self, attempt: int, wait: float, reason: str) -> None:
        if self.on_notice is not None:
            self.on_notice(f"Claude: {reason}, retrying in {wait:.1f} s (attempt {attempt + 1})")

    # ---- turns ---------------------------------------------------------------------------
    def _context(self) -> TurnContext:
        if self._ctx is None:
            self._ctx = TurnContext(catalog=self.catalog, state=self.state)
        ctx = self._ctx
        ctx.local, ctx.mode = self.local, self.mode
        ctx.claude = None if self.offline else self.claude
        ctx.offline = self.offline
        ctx.budget_usd = self.config.budget_usd
        ctx.allow_sensitive = self.config.allow_sensitive_escalation
        ctx.claude_spent = lambda: self.store.claude_spent(self.session_id)
        ctx.price_claude = self._price_claude
        return ctx

    def _price_claude(self, input_tokens: int, output_tokens: int) -> float:
        return claude_usd(self.catalog, self.config.claude_model, input_tokens, output_tokens)

    def turn(self, text: str, cancel: threading.Event | None = None, escalate: bool = False) -> Iterator[AgentEvent]:
        cancel = cancel or threading.Event()
        turn_id = self.store.begin_turn(self.session_id, text)
        answer, status = "", "ok"
        try:
            for event in run_turn(self._context(), text, cancel, escalate):
                if isinstance(event, TextChunk):
                    answer += event.text
                elif isinstance(event, TurnFinished):
                    answer = event.answer
                else:
                    self._record(turn_id, event)
                yield event
                if cancel.is_set():
                    status = "cancelled"
                    break
        except Exception as exc:
            status = "failed"
            failure = TurnFailed(kind=type(exc).__name__, message=str(exc))
            self.store.add_event(turn_id, failure)
            yield failure
        finally:
            if cancel.is_set() and status == "ok":
                status = "cancelled"
            self.store.save_profile(self.session_id, self.state.profile.model_dump(), self.state.given)
            self.store.set_setting(self.session_id, "declined", self.state.declined)
            self.store.finish_turn(turn_id, answer, status)

    def _record(self, turn_id: int, event: AgentEvent) -> None:
        self.store.add_event(turn_id, event)
        if isinstance(event, ProfileChanged):  # kept at once: a crash loses only the reply
            self.store.save_profile(self.session_id, self.state.profile.model_dump(), self.state.given)
        if isinstance(event, UsageRecorded):
            self.store.record_usage(
                turn_id, event.side, event.model, event.input_tokens, event.output_tokens, event.seconds, event.usd
            )

    # ---- views ---------------------------------------------------------------------------
    def resolved_profile(self) -> ResolvedProfile | None:
        try:
            return resolve(self.state.profile)
        except MissingVolume:
            return None

    def comparison(self) -> CompareResult | None:
        if not self.state.has_volume():
            return None
        try:
            return TOOLS["compare"].run(self.state.profile.model_dump(exclude_none=True), self.catalog)  # type: ignore[return-value]
        except ToolInputError:
            return None

    def set_field(self, field: str, value: str) -> dict:
        """`/set FIELD VALUE`: validated by the profile model; a one-line UsageError otherwise."""
        from advisor.interview import resolve_id_field

        name = field.replace("-", "_")
        if name not in WorkloadProfile.model_fields:
            fields = ", ".join(WorkloadProfile.model_fields)
            raise UsageError(f"{field}: unknown field; fields are {fields}")
        parsed: object = None if value.lower() in ("none", "unset", "") else value
        if parsed is not None:
            parsed = resolve_id_field(name, value, self.catalog)
        try:
            diff = self.state.apply({name: parsed})
        except ValidationError as exc:
            err = exc.errors()[0]
            raise UsageError(f"{field}: {value!r} {err['msg'].removeprefix('Value error, ')}") from None
        self.store.save_profile(self.session_id, self.state.profile.model_dump(), self.state.given)
        return diff

    def spend(self) -> SpendSummary:
        spend = self.store.spend(self.session_id)
        spend.all_claude_usd = self._price_claude(
            spend.local_input_tokens + spend.claude_input_tokens,
            spend.local_output_tokens + spend.claude_output_tokens,
        )
        return spend

    def set_offline(self, offline: bool) -> str | None:
        """Switch offline on or off; a line to show when the local model had to change."""
        self.offline = offline
        if not offline:
            self._connect_claude()
            return None
        self.claude, self.claude_label = None, "offline"
        return self._keep_local_on_this_machine()

    def _keep_local_on_this_machine(self) -> str | None:
        """Offline: an Ollama model elsewhere is dropped; one here gets a client that ignores proxies."""
        host = getattr(self.local, "host", None)
        if host is None:  # no model, or the embedded one: nothing to connect to
            return None
        from advisor.models.offline import OFFLINE_CLIENT, loopback_url, refusal
        from advisor.models.ollama_model import OllamaModel

        url = loopback_url(host)
        if url is None:
            self.local, self.local_label, self.mode = None, "none", "none"
            return refusal(host)
        self.local = OllamaModel(self.local.model, host=url, client_kwargs=OFFLINE_CLIENT)  # type: ignore[union-attr]
        return None

    def reset(self) -> None:
        record = self.store.create_session(None)
        self.session_id, self.name, self.state = record.id, record.name, SessionState()
        self._ctx = None

    def list_sessions(self) -> list:
        return self.store.list_sessions()

    def switch(self, name: str) -> None:
        record = self.store.get_session(name)
        if record is None:
            names = ", ".join(s.name for s in self.store.list_sessions()[:5])
            raise UsageError(f"session: unknown {name!r}; recent: {names}")
        loaded = self.store.load_profile(record.id)
        state = SessionState()
        if loaded is not None:
            state = SessionState(profile=WorkloadProfile.model_validate(loaded[0]), given=loaded[1])
        self.session_id, self.name, self.state, self._ctx = record.id, record.name, state, None

    def history(self) -> list:
        return self.store.turns(self.session_id)

    def export(self, path: Path | None = None) -> Path:
        from advisor.report import render_markdown

        result = self.comparison()
        if result is None:
            raise UsageError("export: no volume yet — tell me how many requests or tokens first")
        path = path or Path.cwd() / f"advisor-report-{self.name}.md"
        text = render_markdown(
            self.state,
            result,
            self.catalog,
            spend=self.spend(),
            memo=self.state.memo,
            session_name=self.name,
        )
        path.write_text(text, encoding="utf-8")
        return path
