"""A session: the chosen backends, the state, the store. Every turn's events are stored as they
happen (the user's text before anything else), so a crash loses at most the unfinished reply."""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from advisor.agent import HISTORY_MESSAGES, TurnContext, run_turn, words_request
from advisor.config import Config
from advisor.errors import UsageError, one_line
from advisor.escalation.consent import Consent
from advisor.escalation.payload import ClaudeRequest
from advisor.escalation.pricing import claude_priced, claude_usd
from advisor.events import (
    AgentEvent,
    AllClaudeEstimated,
    ProfileChanged,
    TextChunk,
    ToolAnswered,
    TurnFailed,
    TurnFinished,
    UsageRecorded,
)
from advisor.measure.measured import Measured
from advisor.models.base import Message, ModelError
from advisor.paths import cache_dir, data_dir, db_path, file_name_part, write_new_file
from advisor.state import BillHold, SessionState, profile_has_volume
from advisor.store import SpendSummary, Store
from advisor.tools import clock
from advisor.tools.base import ToolError
from advisor.tools.compare import CompareResult, compare_profile
from advisor.tools.plan import PlanResult, plan_profiles
from advisor.tools.profile import MissingVolume, ResolvedProfile, WorkloadProfile, resolve
from advisor.tools.wording import N_  # Claude's states, as the status bar says them

if TYPE_CHECKING:
    from advisor.escalation.platform import ClaudeRoute
    from advisor.models.pull import PullProgress
    from advisor.text.report import Exchange
    from advisor.text.words import Words


class Session:
    def __init__(self, config: Config, store: Store, session_id: int, name: str, state: SessionState):
        self.config = config
        self.catalog = config.catalog()
        self.store = store
        self.session_id = session_id
        self.name = name
        self.state = state
        self.offline = config.offline
        self.brief = False  # set by a UI whose side panel shows the options: answers leave the table out
        self.local = None
        self.local_label = "none"
        self.mode = "none"
        self.mode_reason = "no local model"
        self.claude = None
        self.claude_label = "offline" if config.offline else N_("off")
        self.pullable: str | None = None  # the configured Ollama model, when its server lacks it
        self._claude_kept: Any = None  # the Claude adapter, kept while offline (its model check is cached)
        self.startup_notices: list[str] = []
        self.on_notice: Callable[[str], None] | None = None  # the UI's way to hear of Claude retries
        self._ctx: TurnContext | None = None
        self._turn_id: int | None = None
        self._base = state.model_dump(mode="json")  # the state as last read or saved

    # ---- opening -------------------------------------------------------------------------
    @classmethod
    def load(
        cls,
        config: Config,
        session_name: str | None = None,
        new: bool = False,
        create: bool = True,
        on_progress: Callable[[str], None] | None = None,
    ) -> Session:
        """The store and the saved state, no models: enough for a report or a list of sessions.
        ``create=False`` refuses a session that does not exist (a one-line UsageError), makes
        no database where there is none, and opens it read-only where it cannot be written."""
        path = db_path(data_dir(config.data_dir))
        missing = UsageError(
            f"session: {f'no session {session_name!r}' if session_name else 'none yet'}"
            " — start one with `advisor` or `advisor ask …`"
        )
        if not create and not path.exists():
            raise missing
        # A report only reads: where the data dir cannot be written it opens the database read-only
        writable = os.access(path.parent, os.W_OK) and os.access(path, os.W_OK)
        store = Store(path, read_only=not create and not writable)
        record = None if new else (store.get_session(session_name) if session_name else store.latest_session())
        if record is None:
            if not create:
                store.close()
                raise missing
            record = store.create_session(session_name, exist_ok=not new)  # another process's is ours too
        state, aside = _read_state(store, record.id, record.name)
        session = cls(config, store, record.id, record.name, state)
        session.startup_notices += [aside] if aside else []
        session.set_aside_removed_entries()
        return session

    @classmethod
    def open(
        cls,
        config: Config,
        session_name: str | None = None,
        new: bool = False,
        on_progress: Callable[[str], None] | None = None,
    ) -> Session:
        """``load`` then ``connect``: a session ready for turns."""
        session = cls.load(config, session_name, new=new, on_progress=on_progress)
        session.connect(on_progress)
        return session

    def set_aside_removed_entries(self) -> None:
        """A profile naming a catalog entry that is gone (a user catalog edited since) goes on
        without it, and says so — rather than failing every comparison."""
        from advisor.interview.fields import ID_SECTIONS

        for field, section in ID_SECTIONS.items():
            value = getattr(self.state.profile, field, None)
            if value is None or value in self.catalog.section(section):
                continue
            setattr(self.state.profile, field, None)
            if field in self.state.given:
                self.state.given.remove(field)
            self.startup_notices.append(
                f"the catalog no longer has the {field.replace('_', ' ')} {value!r} this session used "
                f"(removed from a catalog file?); going on without it — `/set {field} …` to pick another"
            )

    def connect(self, on_progress: Callable[[str], None] | None = None) -> None:
        """Find the local model (and probe it) and Claude."""
        self._connect(on_progress or (lambda _line: None))

    def close(self) -> None:
        self.store.close()

    def save(self) -> None:
        """Keep this session's changes in one transaction: read what is saved (another process may
        have answered meanwhile), apply what changed here since the last save, write it back."""
        ours, base = self.state.model_dump(mode="json"), self._base

        def apply_ours(saved: str | None) -> SessionState:
            theirs = _json_or(saved, base)
            try:
                if _same_workloads(base, ours, theirs):  # the same workload in use on every side: field by field
                    return SessionState.model_validate(_three_way(base, ours, theirs))
                # workload by workload, whichever each side had in use (SessionState.normalised)
                sides = [SessionState.model_validate(side).normalised() for side in (base, ours, theirs)]
                return SessionState.from_normalised(_three_way(*sides))
            except ValidationError:  # the two do not combine: this session's answer wins
                return SessionState.model_validate(ours)

        merged = self.store.update_state(self.session_id, apply_ours)
        for name in SessionState.model_fields:  # in place: the turn's context holds this object
            setattr(self.state, name, getattr(merged, name))
        self._base = merged.model_dump(mode="json")

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
        self.pullable = selection.pullable
        self.startup_notices.insert(0, selection.reason)
        if self.local is not None:
            self.mode = self._probe(progress)
        if (self.config.local or "auto") == "auto" and not self.local_label.startswith("ollama"):
            from advisor.models.pull import offer, pulled_model

            if pulled_model() is None:  # no Ollama and no capable model here: offer one
                self.startup_notices.append(offer())

    def pull_ollama(
        self,
        model: str | None,
        on_progress: Callable[[PullProgress], None],
        say: Callable[[str], None] | None = None,
    ) -> str:
        """Pull ``model`` (default: the configured one) into the Ollama server, then answer with it
        (probed as at startup, ``say`` hearing of the probe); the line to show. PullError (one line)
        leaves the local model as it was."""
        from advisor.models.ollama_pull import pull_client, pull_ollama
        from advisor.models.pull import PullError, offline_refusal
        from advisor.models.select import select_local

        model = model or self.pullable or self.config.ollama_model
        if self.offline:
            raise PullError(offline_refusal(model))
        pull_ollama(pull_client(self.config.ollama_host), model, on_progress)
        host = self.config.ollama_host
        selection = select_local(f"ollama:{model}", ollama_host=host, ollama_model=model, offline=False)
        return self._answer_with(selection, model, say)

    def pull_embedded(
        self,
        name: str | None,
        on_progress: Callable[[PullProgress], None],
        say: Callable[[str], None] | None = None,
    ) -> str:
        """Download a GGUF for the embedded path from Hugging Face (``name`` as `advisor model pull`
        takes it; default: the pick for this machine's memory), verified, then answer with it."""
        from advisor.models.pull import PullError, hub_endpoint, offline_refusal, pull, resolve_choice
        from advisor.models.select import select_local

        try:
            choice = resolve_choice(name)
        except ValueError as exc:
            raise PullError(str(exc)) from None
        if self.offline:
            raise PullError(offline_refusal(choice.file, hub_endpoint()))
        pulled = pull(choice, say=say or (lambda _line: None), on_progress=on_progress)
        selection = select_local(f"embedded:{pulled.path}", ollama_host=None, ollama_model="", offline=True)
        return self._answer_with(selection, choice.name, say)

    def pull_local(
        self,
        name: str | None,
        on_progress: Callable[[PullProgress], None],
        say: Callable[[str], None] | None = None,
    ) -> str:
        """`/pull [NAME]`: into Ollama when NAME is an Ollama name (``ollama:…`` or anything not an
        embedded choice) or, with no NAME, when Ollama answers without its model or is the local
        model; otherwise a GGUF for the embedded path (``embedded[:CHOICE]``, a choice, REPO:FILE.gguf)."""
        from advisor.models.pull import resolve_choice

        kind, _, rest = (name or "").strip().partition(":")
        if kind == "ollama":
            return self.pull_ollama(rest or None, on_progress, say)
        if kind == "embedded":
            return self.pull_embedded(rest or None, on_progress, say)
        if name and name.strip():
            try:
                resolve_choice(name.strip())
            except ValueError:
                return self.pull_ollama(name.strip(), on_progress, say)
            return self.pull_embedded(name.strip(), on_progress, say)
        if self.pullable or self.local_label.startswith("ollama"):
            return self.pull_ollama(None, on_progress, say)
        return self.pull_embedded(None, on_progress, say)

    def _answer_with(self, selection: Any, what: str, say: Callable[[str], None] | None) -> str:
        """A pulled model becomes the local model, probed as at startup; the line to show."""
        if selection.model is None:
            return f"pulled {what}, but it is not usable: {selection.reason}"
        self.local, self.local_label, self.pullable = selection.model, selection.label, None
        self.mode = self._probe(say or (lambda _line: None))
        return f"pulled {what}: the local model is now {self.local_label} ({self.mode} mode: {self.mode_reason})"

    def local_models_markdown(self) -> str:
        """`/model`'s table: the local models here, their size and what the probe made of each."""
        from advisor.models.select import local_models_markdown

        return local_models_markdown(self.config.ollama_host, self.offline, cache_dir())

    def _probe(self, progress: Callable[[str], None]) -> str:
        from advisor.agent import tool_specs
        from advisor.models.probe import probe

        embedded = self.local_label.startswith("embedded")
        if embedded:
            progress("loading the embedded model…")
            load = getattr(self.local, "load", None)
            if load is not None:
                try:
                    load()
                except ModelError as exc:  # a damaged file: the interview and the tools answer
                    self.startup_notices.append(f"embedded model not used: {exc}")
                    self.local, self.local_label = None, "none"
                    return "none"
                seconds = getattr(self.local, "load_seconds", None)
                if seconds is not None:
                    progress(f"embedded model loaded in {seconds:.1f} s")
        what = "phrase" if embedded else "phrase and call tools"
        progress(f"checking whether {self.local_label} can {what} (once per model)…")
        try:
            result = probe(self.local, None if embedded else tool_specs(), cache_dir())
        except Exception as exc:  # a probe failure must not stop the session
            self.mode_reason = f"the probe failed ({exc})"
            self.startup_notices.append(f"model probe failed ({exc}); quiet mode")
            return "quiet"
        self.mode_reason = result.why
        if result.mode == "quiet":
            self.startup_notices.append(
                f"{self.local_label} is quiet: it {result.why}, so the advisor's own sentences stand in"
            )
        return result.mode

    @property
    def claude_route(self) -> ClaudeRoute:
        """Where the advisor's own Claude calls go (the configured platform and region), as the
        catalog prices them and the data boundary judges them."""
        from advisor.escalation.platform import claude_route

        config = self.config
        return claude_route(self.catalog, config.claude_model, config.claude_platform, config.claude_region)

    def _connect_claude(self) -> None:
        if self.offline:
            self.claude, self.claude_label = None, "offline"
            return
        route = self.claude_route
        if route.platform == "api" and not os.environ.get("ANTHROPIC_API_KEY"):
            self.claude, self.claude_label = None, N_("off (no key)")
            self.startup_notices.append(
                "Claude is off: set ANTHROPIC_API_KEY to let the advisor escalate the final memo"
            )
            return
        if route.offering is None or not claude_priced(self.catalog, route.offering):
            self.claude, self.claude_label = None, N_("off (no price)")
            where = "" if route.platform == "api" else f" on {route.platform}"
            where += f" in {route.region}" if route.region and route.platform != "api" else ""
            self.startup_notices.append(
                f"Claude is off: the catalog has no price for {self.config.claude_model}{where}, so its cost "
                "could not be capped — pick a priced model with --claude-model (`advisor catalog list`)"
            )
            return
        from advisor.models.base import ModelError
        from advisor.models.claude_model import ClaudeModel

        kept = self._claude_kept  # back from offline: the same client, and what the API said of its model
        if kept is None or kept.model != self.config.claude_model or kept.api_model != route.api_model:
            try:
                kept = self._claude_kept = ClaudeModel(
                    self.config.claude_model,
                    on_retry=self._claude_retry,
                    priced=lambda model: claude_priced(self.catalog, model),
                    platform=route.platform,
                    region=route.region,
                    project=self.config.claude_project,
                    api_model=route.api_model,
                    label=route.label,
                    inference_geo=route.geo if route.platform == "api" and route.geo not in (None, "global") else None,
                )
            except ModelError as exc:
                self.claude, self.claude_label = None, N_("off (no credentials)")
                self.startup_notices.append(str(exc))
                return
        self.claude = kept
        self.claude_label = route.label
        self._label_claude_by_its_verdict()

    def _label_claude_by_its_verdict(self) -> None:
        """Once the API has said the configured model is retired or unknown, the status bar and
        `ask --json` say Claude is off, and why (the notice named the way out)."""
        verdict = getattr(self.claude, "verdict", None)
        if verdict is not None and not verdict.usable:
            why = "retired" if verdict.lifecycle == "retired" else "not served by the API"
            self.claude_label = f"off ({self.config.claude_model} {why})"

    def _claude_retry(self, attempt: int, wait: float, reason: str) -> None:
        if self.on_notice is not None:
            self.on_notice(f"Claude: {reason}, retrying in {wait:.1f} s (attempt {attempt + 1})")

    # ---- turns ---------------------------------------------------------------------------
    def _context(self) -> TurnContext:
        if self._ctx is None:  # a resumed conversation goes on with its last few exchanges
            self._ctx = TurnContext(catalog=self.catalog, state=self.state, history=self._recent_messages())
        ctx = self._ctx
        ctx.local, ctx.mode = self.local, self.mode
        ctx.brief = self.brief
        ctx.lang, ctx.currency = self.config.lang, self.config.currency
        ctx.claude = None if self.offline else self.claude
        ctx.offline = self.offline
        ctx.budget_usd = self.config.budget_usd
        ctx.claude_spent = lambda: self.store.claude_spent(self.session_id)
        ctx.price_claude = self._price_claude
        ctx.claude_refusal = self._claude_refusal
        ctx.reserve_claude = self._reserve_claude
        ctx.release_claude = self.store.release
        return ctx

    def _recent_messages(self) -> list[Message]:
        messages: list[Message] = []
        for turn in self.store.turns(self.session_id, limit=HISTORY_MESSAGES // 2, events=False):
            if turn.answer:
                messages.append(Message(role="user", content=turn.user_text))
                messages.append(Message(role="assistant", content=turn.answer))
        return messages

    def _claude_refusal(self, profile: WorkloadProfile) -> str | None:
        """Why the profile's data boundary keeps this session's Claude route from being called."""
        from advisor.escalation.platform import boundary_refusal

        return boundary_refusal(self.catalog, self.claude_route, profile)

    def _price_claude(self, input_tokens: int, output_tokens: int) -> float:
        route = self.claude_route  # the model as sold where it is called, with that region's premium
        usd = claude_usd(self.catalog, route.offering or self.config.claude_model, input_tokens, output_tokens)
        return usd * route.price_factor

    def _reserve_claude(self, input_tokens: int, max_output_tokens: int) -> int | str:
        """Reserve a call's worst case (input estimate + max_tokens at the model's price) against
        the session's budget: the reservation id, or why the call may not be made."""
        model = self.claude_route.offering or self.config.claude_model
        if not claude_priced(self.catalog, model):
            return f"no known price for {model} in the catalog, so its cost could not be capped"
        if self._turn_id is None:
            return "no turn to bill the call to"
        worst = self._price_claude(input_tokens, max_output_tokens)
        held = self.store.reserve(
            self.session_id, self._turn_id, model, input_tokens, max_output_tokens, worst, self.config.budget_usd
        )
        if held.id is None:
            return (
                f"this call could cost up to ${worst:.3f} and ${held.spent_usd:.3f} of this session's "
                f"${held.budget_usd:.2f} Claude budget is used (raise it with --budget-usd)"
            )
        return held.id

    def words_request(self, words: str) -> ClaudeRequest:
        """What `/escalate --with-my-words WORDS` would send to Claude now, for the user to see
        before it goes (advisor.escalation.consent); a one-line UsageError when the words may not go."""
        request, why = words_request(self._context(), words)
        if request is None:
            raise UsageError(f"escalate: {why}")
        return request

    def turn(
        self,
        text: str,
        cancel: threading.Event | None = None,
        escalate: bool = False,
        consent: Consent | None = None,
    ) -> Iterator[AgentEvent]:
        cancel = cancel or threading.Event()
        turn_id = self.store.begin_turn(self.session_id, text)
        self._turn_id = turn_id
        self.save()  # start from what is saved now: another process may have answered
        answer, status = "", "ok"
        tool_results: list[str] = []
        try:
            for event in run_turn(self._context(), text, cancel, escalate, consent):
                if isinstance(event, TextChunk):
                    answer += event.text
                elif isinstance(event, TurnFinished):
                    answer = event.answer
                    self._record(turn_id, self._all_claude(turn_id, text, tool_results, answer))
                else:
                    if isinstance(event, ToolAnswered):
                        tool_results.append(json.dumps(event.result if event.error is None else event.error))
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
            self._label_claude_by_its_verdict()
            self.save()
            self.store.finish_turn(turn_id, answer, status)

    def _all_claude(self, turn_id: int, text: str, tool_results: list[str], answer: str) -> AllClaudeEstimated:
        """What a Claude-only advisor would have spent on this turn (the meter's other half)."""
        from advisor.agent import tool_specs
        from advisor.meter import TurnTranscript, estimate

        earlier = [t for t in self.store.turns(self.session_id, events=False) if t.id != turn_id]
        transcript = TurnTranscript(
            profile=self.state.profile.model_dump(exclude_none=True),
            history=[part for t in earlier for part in (t.user_text, t.answer or "")],
            user_text=text,
            tool_results=tool_results,
            answer=answer,
        )
        schemas = json.dumps([s.model_dump() for s in tool_specs()])
        guess = estimate(transcript, schemas, self._price_claude)
        return AllClaudeEstimated(model=self.config.claude_model, **guess.model_dump())

    def _record(self, turn_id: int, event: AgentEvent) -> None:
        self.store.add_event(turn_id, event)
        if isinstance(event, ProfileChanged):  # kept at once: a crash loses only the reply
            self.save()
        if isinstance(event, UsageRecorded) and event.reservation is not None:
            self.store.settle(event.reservation, event.input_tokens, event.output_tokens, event.seconds, event.usd)
        elif isinstance(event, UsageRecorded):
            self.store.record_usage(
                turn_id, event.side, event.model, event.input_tokens, event.output_tokens, event.seconds, event.usd
            )

    # ---- views ---------------------------------------------------------------------------
    def words(self) -> Words:
        """How this session speaks: the language and currency asked for (--lang, --currency, config),
        else those the user writes in; a currency the catalog has no rate for is one line."""
        from advisor.text.words import words_for

        currency = self.config.currency or self.state.currency
        if currency and currency.upper() not in self.catalog.currencies:
            known = ", ".join(self.catalog.currencies)
            raise UsageError(f"currency: {currency!r} has no rate in the catalog; known: {known}")
        return words_for(self.config.lang or self.state.lang, currency, self.catalog)

    def resolved_profile(self) -> ResolvedProfile | None:
        try:
            return resolve(self.state.profile)
        except MissingVolume:
            return None

    def comparison(self) -> CompareResult | None:
        if not self.state.has_volume():
            return None
        try:
            return compare_profile(self.state.profile, self.catalog)
        except ToolError:
            return None

    def apply_measured(self, measured: Measured) -> dict:
        """A usage import's figures become the profile's measured values; saved at once. Figures
        beyond the profile's ranges are one UsageError naming the field; nothing changes then."""
        from advisor.tools.base import short

        try:
            WorkloadProfile.model_validate({**self.state.profile.model_dump(), **measured.profile_fields()})
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"])
            raise UsageError(
                f"import: the measured {field} {short(err.get('input'))} {err['msg'].lower()}; the session is unchanged"
            ) from None
        diff = self.state.apply_measured(measured)
        self.save()
        return diff

    def set_field(self, field: str, value: str) -> dict:
        """`/set FIELD VALUE`: validated by the profile model; a one-line UsageError otherwise."""
        from advisor.interview import resolve_id_field
        from advisor.interview.fields import value_of_another_field

        name = field.replace("-", "_")
        if name in ("lang", "currency"):
            return self._set_voice(name, value.strip())
        if name not in WorkloadProfile.model_fields and name != "traffic_window":
            fields = ", ".join(WorkloadProfile.model_fields)
            raise UsageError(f"{field}: unknown field; fields are {fields}")
        if name == "traffic_window":  # '01-06': where the window lies and how long it is, both
            return self._set_window(field, value)
        parsed: object = None if value.lower() in ("none", "unset", "") else value
        if parsed is not None:
            parsed = resolve_id_field(name, value, self.catalog)
        try:
            if name == "price_factors" and parsed is not None:
                parsed = self._known_factors(field, parsed)
            if name == "contract_discounts" and parsed is not None:
                parsed = self._known_sellers(field, parsed)
            diff = self.state.apply({name: parsed}, how="set")
        except ValidationError as exc:
            err = exc.errors()[0]
            hint = value_of_another_field(name, value, self.catalog)
            hint = f"; did you mean /set {hint} {value}?" if hint else ""
            raise UsageError(f"{field}: {value!r} {err['msg'].removeprefix('Value error, ')}{hint}") from None
        self.save()
        return diff

    def _known_factors(self, field: str, value: object) -> dict[str, float]:
        """``openai=0.8,claude-haiku-4-5=1.1``: each key a provider or a cloud model the catalog
        knows — a key is a name, and only names the catalog holds go into the profile (and so into
        anything Claude is sent)."""
        factors = WorkloadProfile.model_validate({"price_factors": value}).price_factors or {}
        providers = sorted({m.provider for m in self.catalog.cloud.values()})
        for key in factors:
            if key not in providers and key not in self.catalog.cloud:
                raise UsageError(
                    f"{field}: {one_line(key, 60)!r} is not a provider or a cloud model id in the catalog;"
                    f" providers: {', '.join(providers)}"
                )
        return factors

    def _known_sellers(self, field: str, value: object) -> dict[str, float]:
        """``azure=20%``: each key a company or platform the catalog knows, kept as its company id
        ('azure' → microsoft), so a name it does not know is refused here, not on every turn after."""
        from advisor.tools.boundary import company_of

        discounts = WorkloadProfile.model_validate({"contract_discounts": value}).contract_discounts or {}
        try:
            return {company_of(self.catalog, key): share for key, share in discounts.items()}
        except ToolError as exc:
            raise UsageError(f"{field}: {one_line(str(exc.value), 60)!r} {exc.hint}") from None

    def _set_voice(self, name: str, value: str) -> dict:
        """`/set lang de`, `/set currency EUR`: how the answers speak, from now on ('none' goes back
        to the one the user writes in)."""
        from advisor.text.words import LANGUAGES

        new: str | None = None if value.lower() in ("none", "unset", "") else value
        if name == "lang" and new is not None:
            new = new.lower()
            if new not in LANGUAGES:
                raise UsageError(f"lang: {value!r} is not one the answers speak; languages are {', '.join(LANGUAGES)}")
        if name == "currency" and new is not None:
            new = new.upper()
            if new not in self.catalog.currencies:
                known = ", ".join(self.catalog.currencies)
                raise UsageError(f"currency: {value!r} has no rate in the catalog; known: {known}")
        old = getattr(self.config, name) or getattr(self.state, name)  # what the session spoke until now
        setattr(self.state, name, new)
        if getattr(self.config, name):  # --lang, ADVISOR_LANG or config chose: /set decides from now on, this run
            self.config = self.config.model_copy(update={name: new})
        self.save()
        return {name: [old, new]} if old != new else {}

    # ---- workloads ---------------------------------------------------------------------------
    def add_workload(self, name: str) -> str:
        """A new workload (the team's settings, nothing else), now the one discussed; saved at once."""
        return self._change_workloads(lambda state: state.add_workload(name))

    def use_workload(self, name: str) -> str:
        return self._change_workloads(lambda state: state.use_workload(name))

    def select_workload(self, name: str) -> str:
        """`ask --workload NAME`: the workload this turn is about (new names are added)."""
        return self._change_workloads(lambda state: state.select_workload(name))

    def rename_workload(self, old: str, new: str) -> str:
        return self._change_workloads(lambda state: state.rename_workload(old, new))

    def drop_workload(self, name: str) -> str:
        return self._change_workloads(lambda state: state.drop_workload(name))

    def _change_workloads(self, change: Callable[[SessionState], str]) -> str:
        done = change(self.state)  # a WorkloadError is a UsageError: one line, the session goes on
        self.save()
        return done

    def plan(self, pins: dict[str, str] | None = None) -> PlanResult | None:
        """One plan across the workloads that have a volume; None until one has, or when it cannot be
        made (a workload the catalog cannot serve: its own comparison says why)."""
        named = [(n, p) for n, p in self.state.workload_profiles() if profile_has_volume(p)]
        if not named:
            return None
        try:
            return plan_profiles(named, self.catalog, pins)  # type: ignore[arg-type]
        except (ToolError, ValidationError):
            return None

    def _set_window(self, field: str, value: str) -> dict:
        from advisor.tools.workloads import parse_window

        if value.lower() in ("none", "unset", ""):
            diff = self.state.apply({"traffic_start_hour": None, "traffic_hours": None})
        else:
            try:
                start, hours = parse_window(value)
            except ValueError as exc:
                raise UsageError(f"{field}: {value!r} {exc}") from None
            diff = self.state.apply({"traffic_start_hour": start, "traffic_hours": hours})
        self.save()
        return diff

    def spend(self) -> SpendSummary:
        from advisor.meter import BASIS

        spend = self.store.spend(self.session_id)
        i, o, usd = self.store.all_claude(self.session_id)
        spend.all_claude_input_tokens, spend.all_claude_output_tokens, spend.all_claude_usd = i, o, usd
        spend.all_claude_basis = f"{self.config.claude_model}, {BASIS}"
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

    def confirm_bill(self) -> BillHold | None:
        """The user confirms the Claude bill that held this session's calls: they may go on
        (within the budget). The bill confirmed, or None when nothing was held."""
        self.save()  # the hold may have come from another process's call
        hold, self.state.bill_hold = self.state.bill_hold, None
        self.save()
        return hold

    def reset(self) -> None:
        record = self.store.create_session(None)
        self.session_id, self.name, self.state = record.id, record.name, SessionState()
        self._ctx, self._base = None, self.state.model_dump(mode="json")

    def list_sessions(self) -> list:
        return self.store.list_sessions()

    def switch(self, name: str) -> None:
        record = self.store.get_session(name)
        if record is None:
            names = ", ".join(s.name for s in self.store.list_sessions()[:5])
            raise UsageError(f"session: unknown {name!r}; recent: {names}")
        state, aside = _read_state(self.store, record.id, record.name)
        if aside and self.on_notice is not None:
            self.on_notice(aside)
        self.session_id, self.name, self.state, self._ctx = record.id, record.name, state, None
        self._base = state.model_dump(mode="json")

    def history(self, limit: int | None = None) -> list:
        """The last ``limit`` turns (all by default) with their events, oldest first."""
        return self.store.turns(self.session_id, limit=limit)

    def turn_count(self) -> int:
        return self.store.count_turns(self.session_id)

    def conversation(self) -> list[Exchange]:
        """Every turn's question and answer, oldest first, as the report's appendix keeps them."""
        from advisor.text.report import Exchange

        return [
            Exchange(started=t.started, user=t.user_text, answer=t.answer or "", status=t.status)
            for t in self.store.turns(self.session_id, events=False)
        ]

    def export(self, path: Path | None = None) -> Path:
        """The report with the whole conversation after it (the chat shows only the last turns),
        written to a new file: ``path``, or the data dir's `exports` folder named after the session
        and the day. An existing file is never overwritten."""
        from advisor.text.report import render_markdown

        result = self.comparison()
        if result is None:
            raise UsageError("export: no volume yet — tell me how many requests or tokens first")
        text = render_markdown(
            self.state,
            result,
            self.catalog,
            spend=self.spend(),
            memo=self.state.memo,
            session_name=self.name,
            conversation=self.conversation(),
            plan=self.plan() if len(self.state.workload_names()) > 1 else None,
            w=self.words(),
        )
        name, today = file_name_part(self.name), f"{clock.today():%Y-%m-%d}"
        dated = re.match(r"\d{4}-\d{2}-\d{2}", name)  # an auto-named session carries its date already
        stem = f"advisor-report-{name}" if dated else f"advisor-report-{name}-{today}"
        return write_new_file(text, path, data_dir(self.config.data_dir) / "exports", stem)


def _json_or(saved: str | None, fallback: Any) -> Any:
    """The saved JSON document, or ``fallback`` when there is none or it cannot be read."""
    if not saved:
        return fallback
    try:
        return json.loads(saved)
    except (ValueError, RecursionError):
        return fallback


def _same_workloads(*sides: Any) -> bool:
    """Every side has the same workload in use and the same workloads (always so with one)."""
    shapes = {
        json.dumps([side.get("workload"), side.get("names", [])]) if isinstance(side, dict) else None for side in sides
    }
    return len(shapes) == 1


def _three_way(base: Any, ours: Any, theirs: Any) -> Any:
    """``theirs`` with what changed from ``base`` to ``ours`` applied: fields one side changed are
    both kept, a key this side removed goes (a workload dropped or renamed); lists keep the other
    side's additions and this side's additions and removals."""
    if isinstance(ours, dict) and isinstance(base, dict) and isinstance(theirs, dict):
        out = dict(theirs)
        for key, value in ours.items():
            if key not in base or value != base[key]:
                out[key] = _three_way(base.get(key), value, theirs.get(key))
        for key in base:
            if key not in ours:
                out.pop(key, None)
        return out
    if isinstance(ours, list) and isinstance(base, list) and isinstance(theirs, list):
        if theirs == base:  # nobody else changed it: this side's list as it is, in its order
            return ours
        removed = [x for x in base if x not in ours]
        kept = [x for x in theirs if x not in removed]
        return kept + [x for x in ours if x not in kept and x not in base]
    return ours


def _read_state(store: Store, session_id: int, name: str) -> tuple[SessionState, str | None]:
    """The session's saved state; one that cannot be read (not JSON, a value out of range, written
    by something else) is set aside in the database, not overwritten, and the session goes on from
    an empty profile with its turns — the second item says so, naming what was wrong. Fields this
    advisor does not know (a newer advisor's) are left out and the rest kept, the second item naming
    them; the state as saved is kept aside too."""
    saved = store.load_state(session_id)
    if saved is None:
        return SessionState(), None
    try:
        return SessionState.model_validate_json(saved), None
    except ValidationError as exc:
        known = _without_unknown_fields(saved, exc)
        if known is not None:
            state, dropped = known
            store.set_state_aside(session_id, clear=False)
            return state, (
                f"session {name!r}: its saved profile has fields this advisor does not know ({', '.join(dropped)}),"
                " perhaps from a newer advisor — they are left out and the rest is kept (the state as saved is"
                " kept aside in the database: sessions.state_set_aside)"
            )
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        why = f"{where}: {err['msg']}" if where else err["msg"]
    store.set_state_aside(session_id)
    return SessionState(), (
        f"session {name!r}: its saved profile could not be read ({one_line(why, 160)}); it is kept aside in the"
        " database (sessions.state_set_aside) and the session goes on from an empty profile, its turns kept"
    )


def _without_unknown_fields(saved: str, exc: ValidationError) -> tuple[SessionState, list[str]] | None:
    """The state with every field it failed on for being unknown left out, and those fields' names;
    None when something else is wrong too (or it still does not read)."""
    errors = exc.errors()
    if not errors or any(e["type"] != "extra_forbidden" for e in errors):
        return None
    document = json.loads(saved)
    dropped: list[str] = []
    for err in errors:
        *path, key = err["loc"]
        holder = document
        for step in path:
            holder = holder[step]
        holder.pop(key, None)
        dropped.append(str(key))
    try:
        return SessionState.model_validate(document), sorted(set(dropped))
    except ValidationError:
        return None
