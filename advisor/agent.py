"""One turn: user text → interview (deterministic) → local model (+ validated tool calls) →
maybe escalation → reply. A UI-free generator of typed events; the CLI and the TUI render them."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from advisor.escalation import router
from advisor.escalation.bill import checked, flagged_line, held_reason, past_budget_line
from advisor.escalation.consent import Consent, refusal
from advisor.escalation.payload import ClaudeRequest, claude_request
from advisor.escalation.pricing import worst_case_input_tokens
from advisor.events import (
    AgentEvent,
    Escalated,
    FieldsRead,
    Notice,
    ProfileChanged,
    ScenarioComputed,
    TextChunk,
    ToolAnswered,
    ToolCalled,
    TurnFinished,
    UsageRecorded,
)
from advisor.gate import SentenceGate
from advisor.interview import Question, Reading, WhatIf, next_question, read_answer, read_whatif
from advisor.interview.arbiter import group_of
from advisor.interview.asking import Asked, asked_about
from advisor.interview.language import answer_language, currency_in
from advisor.interview.numbers import human
from advisor.interview.plan_whatif import PlanWhatIf, read_plan_whatif
from advisor.interview.questions import question_texts
from advisor.interview.quote import Quote
from advisor.interview.reader import ReadEntry
from advisor.interview.whatif_terms import cannot_model
from advisor.interview.work_nouns import FIELD as VOLUME_FIELD
from advisor.interview.work_nouns import whose_volume
from advisor.interview.workload_mentions import introductions
from advisor.interview.workload_split import Segment, Split, only_generic, split_message
from advisor.models.base import (
    ChatModel,
    Finished,
    Message,
    ModelError,
    TextDelta,
    ToolCallsReady,
    ToolSpec,
)
from advisor.models.extract import ask_model, can_extract, merge
from advisor.prompts import load as load_prompt
from advisor.state import FIRST_WORKLOAD, FigureFor, SessionState, Shown, profile_has_volume
from advisor.text.answer import enough_text, entry_line, question_text, read_line, recommendation_answer, whatif_answer
from advisor.text.asked import asked_text
from advisor.text.measured import volume_line
from advisor.text.plan import plan_answer, plan_whatif_markdown
from advisor.text.summary import MEMO_MARK, recommendation_markdown
from advisor.text.words import Words, words_for
from advisor.tools.base import ToolError
from advisor.tools.catalog import Catalog
from advisor.tools.compare import CompareResult, compare_profile
from advisor.tools.plan import PlanResult, plan_profiles
from advisor.tools.profile import WorkloadProfile
from advisor.tools.registry import TOOLS, ToolInputError, tool_by_function_name
from advisor.tools.workloads import workload_part
from advisor.voice import plain_sentence

MAX_TOOL_STEPS = 4
WORDS_REASON = "you asked for it with your own words (/escalate --with-my-words)"
# The fields a question about the answer names without stating them: not read from it.
QUESTION_FIELDS = {
    "cheapest": ("routine_tier", "hard_tier", "frontier_share"),
    "ruled_out": ("hardware", "local_model", "cloud_model", "owned_hardware", "owned_units"),
    "failover": ("hardware", "owned_hardware", "owned_units"),  # "a second identical server": not one they own
}
NOT_BILLED = ("auth", "bad_request", "rate_limit", "overloaded")  # the API refused before any work
HISTORY_MESSAGES = 8


@dataclass
class TurnContext:
    catalog: Catalog
    state: SessionState
    local: ChatModel | None = None
    mode: str = "none"  # agentic | guided | quiet | none
    claude: ChatModel | None = None
    offline: bool = False
    budget_usd: float = 0.25
    claude_spent: Callable[[], float] = lambda: 0.0
    price_claude: Callable[[int, int], float] = lambda i, o: 0.0
    # why the profile's data boundary keeps Claude's configured route from being called (None: it may be)
    claude_refusal: Callable[[WorkloadProfile], str | None] = lambda profile: None
    # (input tokens, max output tokens) → a reservation id, or why the call may not be made
    reserve_claude: Callable[[int, int], int | str] = lambda i, o: "no budget ledger in this context"
    release_claude: Callable[[int], None] = lambda reservation: None
    history: list[Message] = field(default_factory=list)
    local_failures: int = 0
    brief: bool = False  # a side panel shows the options and assumptions: the answer leaves them out
    lang: str | None = None  # the language asked for (--lang, config); None: the one the user writes in
    currency: str | None = None  # the currency asked for (--currency, config); None: the one they write in

    def words(self) -> Words:
        """How this turn's answer speaks: the language and currency asked for, else the user's."""
        return words_for(self.lang or self.state.lang, self.currency or self.state.currency, self.catalog)


def note_language(ctx: TurnContext, text: str) -> None:
    """The language and currency the user writes in, kept with the session: a message that says
    clearly sets the language; an amount in euros or pounds sets the currency."""
    if (lang := answer_language(text, ctx.state.lang)) is not None:
        ctx.state.lang = lang
    if (currency := currency_in(text, ctx.catalog)) not in (None, "USD"):
        ctx.state.currency = currency


def tool_specs() -> list[ToolSpec]:
    return [
        ToolSpec(name=t.function_name, description=t.description, parameters=t.parameters()) for t in TOOLS.values()
    ]


def _compare_events(catalog: Catalog, profile: WorkloadProfile) -> Iterator[AgentEvent | CompareResult]:
    arguments = profile.model_dump(exclude_none=True)
    yield ToolCalled(name="compare", arguments=arguments, by="interview")
    try:
        result = compare_profile(profile, catalog)
    except ToolError as exc:
        yield ToolAnswered(name="compare", error=str(exc))
        return
    yield ToolAnswered(name="compare", result=result.model_dump(mode="json"))
    yield result


def _plan_events(
    catalog: Catalog,
    state: SessionState,
    profiles: list[tuple[str, WorkloadProfile]] | None = None,
    pins: dict[str, str] | None = None,
) -> Iterator[AgentEvent | PlanResult]:
    """The plan tool across the workloads that have a volume (``profiles``: others, for a what-if)."""
    named = [(n, p) for n, p in (profiles or state.workload_profiles()) if profile_has_volume(p)]
    if not named:
        return
    arguments: dict[str, Any] = {"workloads": [n for n, _ in named], **({"pins": pins} if pins else {})}
    yield ToolCalled(name="plan", arguments=arguments, by="interview")
    try:
        result = plan_profiles(named, catalog, pins)  # type: ignore[arg-type]
    except (ToolError, ValidationError) as exc:
        yield ToolAnswered(name="plan", error=str(exc))
        return
    yield ToolAnswered(name="plan", result=result.model_dump(mode="json"))
    yield result


def _several_workloads(ctx: TurnContext, text: str) -> Iterator[AgentEvent]:
    """Before the reading, in a session of several workloads: a what-if across them is answered
    here (True); a message that clearly names one workload moves the conversation to it."""
    state = ctx.state
    profiles = state.workload_profiles()
    scenario = None
    if any(profile_has_volume(p) for _, p in profiles):
        scenario = read_plan_whatif(text, profiles, state.workload, ctx.catalog)
    if scenario is not None:
        if scenario.unsupported is not None:
            answer = cannot_model(scenario.unsupported or None)
            yield TextChunk(text=answer)
        else:
            answer = yield from _plan_whatif_turn(ctx, scenario)
        _remember(ctx, text, answer)
        yield TurnFinished(answer=answer)
        return True
    return False


def _split(state: SessionState, text: str) -> Split | None:
    fresh = not workload_part(state.profile) and state.measured is None
    return split_message(
        text, state.workload_names(), state.workload, fresh=fresh, unnamed=state.workload == FIRST_WORKLOAD
    )


def _whose_volume(ctx: TurnContext, text: str) -> tuple[Reading, Split | None]:
    """The message read into the workload in use, unless its volume is another job's (work_nouns): then
    a split that adds that workload; or, when it cannot tell, the volume left out and asked about."""
    state = ctx.state
    reading = read_answer(
        text,
        state.profile,
        ctx.catalog,
        asked=state.asked,
        open_choices=state.open_choices,
        sources=state.all_sources(),
        bases=state.bases,
    )
    field = VOLUME_FIELD
    entry = next((e for e in reading.read if e.field == field), None)
    asked = state.asked == field or any(field in choice.fields for choice in state.open_choices)
    if entry is None or entry.kind != "changed" or asked:  # a correction, or the answer to a question about it
        return reading, None
    old = state.profile.requests_per_day
    whose = whose_volume(text, old, reading.changes.get(field), state.bases, reading.bases)
    if whose.kind == "this":
        return reading, None
    named = [i.name for i in introductions(text) if not only_generic(i)]  # "a nightly review summary job"
    name = state.find_workload(whose.name) or (named[0] if whose.kind == "new" and named else whose.name)
    if whose.kind == "new":
        add = [] if name in state.workload_names() else [name]
        return reading, Split(segments=[Segment(workload=name, text=text)], add=add, first=name)
    state.figure_for = FigureFor(text=text, options=[state.workload, name], new=name)
    first = f"for {state.workload}, instead of {human(old)} requests a day"  # phrases.py has its form
    question = f"{str(entry.quote)!r}: 1) {first} or 2) a new workload '{name}'?"
    return Reading(ambiguous=[question], open_choices=state.open_choices), None  # nothing of it read until answered


def _figure_for_picked(state: SessionState, text: str) -> Split | None:
    """The answer to 'which workload is this volume for?': "1", "2" or a workload's name; the
    message it was asked about is read into that one (the new one added)."""
    pending, state.figure_for = state.figure_for, None
    if pending is None:
        return None
    said = " ".join(text.casefold().split()).strip(" .!)")
    names = [n.casefold() for n in pending.options]
    pick = int(said) - 1 if said.isdigit() else names.index(said) if said in names else None
    if pick is None or not 0 <= pick < len(pending.options):
        return None
    name = pending.options[pick]
    add = [name] if name == pending.new and state.find_workload(name) is None else []
    return Split(segments=[Segment(workload=name, text=pending.text)], add=add, first=name)


def _apply_reading(state: SessionState, reading: Reading) -> Iterator[AgentEvent]:
    """Apply a reading to the workload discussed; the [old, new] of each field it changed."""
    try:
        diff = state.apply(reading.changes, reading.sources)
        state.bases.update(reading.bases)
    except ValidationError as exc:
        diff = {}
        yield Notice(level="warning", text=f"could not use that: {exc.errors()[0]['msg']}")
    state.declined += [f for f in reading.declined if f not in state.declined]
    return diff


# Questions about an answer whose clause states nothing: what they name ("why an A100 over an L40S?",
# "wie lange dauert ein Brief?") is asked about. A "cheapest …?" or caching question may carry the workload.
ASKING_ONLY = ("why", "ruled_out", "request_time", "assumptions", "token")


def _stated(text: str, about: Asked | None, state: SessionState) -> str:
    """What of ``text`` states something: all of it, but the clause of a question about the answer
    given (before any answer, a question is how a first message may state the workload)."""
    if about is None or about.kind not in ASKING_ONLY or not state.has_volume():
        return text
    return about.without_clause(text)


def _count_choice_asks(state: SessionState, open_before: set[str]) -> None:
    """A choice the reader asks this turn about a field the interview asks too ('350 letters a day':
    1) 350 requests a day or 2) another figure?) is that field's asking: when it goes unanswered, the
    interview asks it once more (its second wording, with choices and a default), not twice more."""
    asks = question_texts()
    for choice in state.open_choices:
        if choice.question in open_before:
            continue
        for name in dict.fromkeys(f for f in choice.fields if f in asks):
            state.asked_count[name] = state.asked_count.get(name, 0) + 1


def _hours_are_its_own(reading: Reading) -> None:
    """In a session of several workloads, hours a day said of one ('the bot runs 10 hours a day',
    'during business hours') are its traffic window: the team's boxes, which serve the others' hours
    too, stay powered as they were (`/set hours_per_day` sets that)."""
    hours = reading.changes.pop("hours_per_day", None)
    if hours is not None:
        reading.changes.setdefault("traffic_hours", hours)


def _read_split(ctx: TurnContext, split: Split) -> Iterator[AgentEvent]:
    """Each workload's words read into it (new ones added first); what was read, each line naming
    its workload; the conversation then goes on with the first one named."""
    state, catalog = ctx.state, ctx.catalog
    before = state.workload
    if split.rename is not None:
        state.rename_workload(*split.rename)
        before = state.workload
    for name in split.add:
        state.add_workload(name)
    several = len(state.workload_names()) > 1
    combined, diff = Reading(), {}
    segments = list(split.segments)
    if split.shared:  # "All of them: …" is read into each workload the message names
        named = list(dict.fromkeys(segment.workload for segment in split.segments)) or state.workload_names()
        segments += [Segment(workload=name, text=split.shared) for name in named]
    for segment in segments:
        state.use_workload(segment.workload)
        mine = segment.workload == before
        reading = read_answer(
            segment.text,
            state.profile,
            catalog,
            asked=state.asked if mine else None,
            open_choices=state.open_choices if mine else [],
            sources=state.all_sources(),
            bases=state.bases,
        )
        if several:
            _hours_are_its_own(reading)
        state.open_choices = reading.open_choices
        changed = yield from _apply_reading(state, reading)
        diff.update(changed)
        shared = segment.text is split.shared
        who = "for all of them: " if shared else f"for {segment.workload}: " if several else ""
        read = [n[5:] for n in reading.notes if n.startswith("read ")]
        notes = [f"read {who}{', '.join(read)}"] if read else []
        notes += [f"{who}{n}" for n in reading.notes if not n.startswith("read ")]
        combined.notes += [n for n in notes if n not in combined.notes]  # "for all of them" once
        owner = "all of them" if shared and several else segment.workload if several else None
        entries = [e.model_copy(update={"workload": owner}) for e in reading.read]
        combined.read += [e for e in entries if (e.field in changed or shared) and e not in combined.read]
        combined.remarks += [f"{who}{n}" for n in reading.remarks if f"{who}{n}" not in combined.remarks]
        combined.ambiguous += [f"{who}{q}" for q in reading.ambiguous]
        combined.unread += reading.unread
    if split.unplaced:
        combined.ambiguous.append(
            f"which workload is '{split.unplaced}' about? Say it with the name, e.g. 'the {split.first}: …'"
        )
    state.use_workload(split.first)
    combined.open_choices = state.open_choices
    combined.remarks[:0] = [f"new workload '{name}'" for name in split.add]
    if split.rename is not None:
        combined.remarks.insert(0, f"workload '{split.rename[0]}' is now '{split.rename[1]}'")
    if split.add or (split.first != before and several):
        said = ctx.words()._(
            "workloads: {names} — what you say now goes to {name}",
            names=", ".join(state.workload_names()),
            name=split.first,
        )
        yield Notice(text=said)
    return combined, diff


def _plan_whatif_turn(ctx: TurnContext, scenario: PlanWhatIf) -> Iterator[AgentEvent]:
    """The plan now and the plan with the scenario's changes and moves; the answer's text."""
    now_profiles = ctx.state.workload_profiles()
    then_profiles: list[tuple[str, WorkloadProfile]] = []
    rows: list[dict[str, Any]] = []
    for name, profile in now_profiles:
        changes = scenario.changes.get(name, {})
        try:
            then = WorkloadProfile.model_validate(profile.model_copy(update=changes).model_dump())
        except ValidationError as exc:
            yield Notice(level="warning", text=f"what-if not possible: {exc.errors()[0]['msg']}")
            return ""
        then_profiles.append((name, then))
        rows += [{"workload": name, **row} for row in WhatIf(changes=changes).change_rows(profile)]
    plans: list[PlanResult] = []
    for profiles, pins in ((now_profiles, None), (then_profiles, scenario.pins)):
        for event in _plan_events(ctx.catalog, ctx.state, profiles, pins):
            if isinstance(event, PlanResult):
                plans.append(event)
            else:
                yield event
    if len(plans) != 2:
        return ""
    now, then = plans
    placed = {pl.workload: pl.deployment for pl in now.placements}
    for name, pin in scenario.pins.items():
        rows.append({"workload": name, "field": "placement", "from": placed.get(name), "to": pin})
    yield ScenarioComputed(
        title=scenario.title,
        changes=rows,
        options=[pl.model_dump(mode="json") for pl in then.placements],
        plan=then.model_dump(mode="json"),
    )
    answer = plan_whatif_markdown(scenario.title, now, then, scenario.targets, w=ctx.words(), season=scenario.season)
    yield TextChunk(text=answer)
    return answer


def run_turn(
    ctx: TurnContext,
    text: str,
    cancel: threading.Event | None = None,
    escalate: bool = False,
    consent: Consent | None = None,
) -> Iterator[AgentEvent]:
    """One turn. With ``consent`` the turn is the user's own words to Claude, as they saw them
    (words_turn); otherwise Claude, when the router calls it, gets typed values only."""
    cancel = cancel or threading.Event()
    if consent is not None:
        yield from words_turn(ctx, consent, cancel)
        return
    state, catalog = ctx.state, ctx.catalog
    sources: list[Any] = [text]
    note_language(ctx, text)
    open_before = {c.question for c in state.open_choices}

    if len(state.workload_names()) > 1 and not escalate:  # several workloads: one plan, what-ifs across it
        handled = yield from _several_workloads(ctx, text)
        if handled:
            return

    about = asked_about(text)
    whatif = read_whatif(text, state.profile, catalog)
    if about is not None and whatif is not None and whatif.unsupported is not None:
        whatif = None  # "what if we had no caching at all?": what caching saves answers it
    if whatif is not None and state.has_volume() and not escalate:
        if whatif.unsupported is not None:
            answer = cannot_model(whatif.unsupported or None)
            yield TextChunk(text=answer)
            _remember(ctx, text, answer)
            yield TurnFinished(answer=answer)
            return
        for event in _whatif_turn(ctx, whatif):
            if isinstance(event, TurnFinished):
                _remember(ctx, text, event.answer)
            yield event
        return

    split = None if escalate else (_figure_for_picked(state, text) or _split(state, text))
    reading = None
    if split is None and not escalate and about is None:
        reading, split = _whose_volume(ctx, text)
    if split is not None:  # the message is about another workload, or several
        reading, diff = yield from _read_split(ctx, split)
    else:
        reading = reading or read_answer(
            _stated(text, about, state),
            state.profile,
            catalog,
            asked=state.asked,
            open_choices=state.open_choices,
            sources=state.all_sources(),
            bases=state.bases,
        )
        if about is not None:  # "why was the 3090 ruled out?", "the cheapest acceptable?": asked, not stated
            for field in QUESTION_FIELDS.get(about.kind, ()):
                reading.changes.pop(field, None)
            if not reading.changes:  # a question only: what it names is not read, nor its numbers asked about
                reading.notes, reading.remarks, reading.ambiguous = [], [], []
            reading.ambiguous = [a for a in reading.ambiguous if not about.asks_with(a)]  # 'one request': asked
        if len(state.workload_names()) > 1:
            _hours_are_its_own(reading)
        if _extracts(ctx) and not cancel.is_set():
            yield from _model_reading(ctx, text, reading)
        state.open_choices = reading.open_choices  # before apply: a field the model's reading gave settles its choice
        diff = yield from _apply_reading(state, reading)
    if diff:
        yield ProfileChanged(changes=diff)
    read = [e.model_dump(mode="json", exclude={"workload"} if e.workload is None else None) for e in reading.read]
    read = [e for e in read if e["field"] in diff]
    questions = [{"question": c.question, "fields": c.fields} for c in reading.open_choices]
    asked = {q["question"] for q in questions}
    questions += [{"question": a, "fields": []} for a in reading.ambiguous if a not in asked]
    if read or questions:
        yield FieldsRead(entries=read, lines=[entry_line(e) for e in read], questions=questions)
    state.unread = reading.unread

    result: CompareResult | None = None
    if state.has_volume():
        for event in _compare_events(catalog, state.profile):
            if isinstance(event, CompareResult):
                result = event
                sources.append(event.model_dump(mode="json"))
            else:
                yield event
    plan: PlanResult | None = None
    if len(state.workload_names()) > 1:  # several workloads: one plan across those with a volume
        for event in _plan_events(catalog, state):
            if isinstance(event, PlanResult):
                plan = event
                sources.append(event.model_dump(mode="json"))
            else:
                yield event
    _count_choice_asks(state, open_before)
    # a field an open choice is about is asked there already: not a second question beside it
    choosing = [g for choice in state.open_choices for f in choice.fields for g in group_of(f)]
    question = next_question(state.profile, skip=[*state.declined, *choosing], asked=state.asked_count)
    state.asked = question.field if question else None
    if question is not None and any(question.field in c.fields for c in state.open_choices):
        question = None  # the reader asks about that field already, with its readings: one question, not two
    if question is not None and not (about is not None and not diff):  # a turn that only asked about the answer
        state.asked_count[question.field] = state.asked_count.get(question.field, 0) + 1  # gave no chance to answer
    sources.append(state.profile.model_dump())

    provisional = result is not None and state.profile.privacy is None
    deterministic, shown = _deterministic_answer(ctx, result, reading, question, provisional, about, bool(diff), read)
    if len(state.workload_names()) > 1:
        unpriced = [n for n, p in state.workload_profiles() if not profile_has_volume(p)]
        why = about is not None and about.kind == "why" and not diff
        deterministic = plan_answer(
            plan,
            state.workload,
            "" if why and plan is not None else deterministic,
            changed=bool(diff),
            unpriced=unpriced,
            panel=ctx.brief,
            w=ctx.words(),
            why=why,
        )
    measured_note = ""
    if result is not None and state.measured is not None and state.measured_fields():
        measured_note = f"_Volume measured, not asked: {volume_line(state.measured)}._"
    answer_parts: list[str] = []
    if ctx.local is not None and ctx.mode in ("agentic", "guided") and not cancel.is_set():
        local_text = yield from _local_reply(ctx, text, sources, cancel, result)
        if local_text is None:
            ctx.local_failures += 1
        else:
            ctx.local_failures = 0
            if local_text:
                answer_parts.append(local_text)
    if ctx.local is not None and ctx.mode in ("guided", "quiet") and not answer_parts and not cancel.is_set():
        stand_in = plain_sentence(_topic(result, question, bool(diff)), ctx.words().lang)
        yield TextChunk(text=stand_in)
        answer_parts.append(stand_in)
    if deterministic and (ctx.mode != "agentic" or diff or not answer_parts):
        deterministic = "\n\n".join(part for part in (measured_note, deterministic) if part)
        measured_note = ""
        chunk = ("\n\n" if answer_parts else "") + deterministic
        yield TextChunk(text=chunk)
        answer_parts.append(chunk)
        if shown is not None:
            state.shown = shown  # the next answer says only what changed since this one
    if measured_note:
        chunk = "\n\n" + measured_note
        yield TextChunk(text=chunk)
        answer_parts.append(chunk)

    decision = router.decide(
        text,
        explicit=escalate,
        close=bool(result and result.recommendation.close),
        conflicts=result.recommendation.conflicts if result else [],
        local_failures=ctx.local_failures,
        offline=ctx.offline,
        claude_available=ctx.claude is not None,
        spent_usd=ctx.claude_spent(),
        budget_usd=ctx.budget_usd,
        boundary=ctx.claude_refusal(state.profile) if ctx.claude is not None else None,
        held=held_reason(ctx.state.bill_hold),
    )
    if decision.blocked:
        yield Notice(
            level="warning",
            text=f"Claude not called ({decision.reason}): {decision.blocked}. The answer is local.",
        )
    memo = None
    if decision.escalate and not cancel.is_set():
        request = claude_request(
            kind=decision.kind, reason=decision.reason or "", profile=state.profile, result=result, catalog=catalog
        )
        memo = yield from _escalate(ctx, request, decision.reason or "")
        if memo:
            answer_parts.append(memo)
            state.memo = memo
    if decision.reason and not memo and result is not None and not diff:
        # The user asked for the synthesis and Claude could not give it: the full local answer.
        chunk = "\n\n" + recommendation_markdown(result, w=ctx.words())
        yield TextChunk(text=chunk)
        answer_parts.append(chunk)
    answer = "".join(answer_parts).strip()
    _remember(ctx, text, answer)
    yield TurnFinished(answer=answer)


def _remember(ctx: TurnContext, text: str, answer: str) -> None:
    """The exchange joins what the model is sent next turn — what-ifs too — as a resumed session
    reads its stored turns (Session._recent_messages: answered turns only). Only the last
    HISTORY_MESSAGES are kept: only they go to the model; the store keeps every turn."""
    if answer:
        ctx.history += [Message(role="user", content=text), Message(role="assistant", content=answer)]
        del ctx.history[:-HISTORY_MESSAGES]


def _extracts(ctx: TurnContext) -> bool:
    """A capable model helps read: agentic mode, or an embedded model that passed the probe."""
    if not can_extract(ctx.local):
        return False
    return ctx.mode == "agentic" or (ctx.mode == "guided" and ctx.local.label.startswith("embedded"))  # type: ignore[union-attr]


def _model_reading(ctx: TurnContext, text: str, reading: Reading) -> Iterator[AgentEvent]:
    """The model's structured reading, checked against the text and the reader (extract.merge)."""
    proposed = ask_model(ctx.local, text)  # type: ignore[arg-type]
    extra = merge(text, reading.changes, proposed, ctx.state.profile.model_dump())
    held = {f for choice in reading.open_choices for f in choice.fields}  # the reader asked: no guess over it
    taken = {f: v for f, v in extra.changes.items() if f not in held}
    reading.changes.update(taken)
    reading.read += [
        ReadEntry(field=f, value=v, quote=Quote.words(text), kind="new", how="the local model's reading")
        for f, v in taken.items()
    ]
    reading.notes += extra.notes
    reading.remarks += extra.notes
    reading.ambiguous += extra.questions
    if extra.refused:
        yield Notice(level="warning", text=f"not taken from the local model's reading: {'; '.join(extra.refused)}")


def _topic(result: CompareResult | None, question: Question | None, changed: bool) -> str:
    if result is not None and changed:
        return "compare"
    if question is not None:
        return "question"
    return "done" if result is not None else "question"


def _deterministic_answer(
    ctx: TurnContext,
    result: CompareResult | None,
    reading: Reading,
    question: Question | None,
    provisional: bool = False,
    about: Asked | None = None,
    changed: bool = True,
    read: list[dict[str, Any]] | None = None,
) -> tuple[str, Shown | None]:
    """The interview's own answer: what it read, the answer to a question about the answer (what a
    token is, what caching saves …), the recommendation worded against what the last answer showed
    (the whole of it the first time, then only what changed), then the next question; and what it
    has now shown (None: the recommendation is not part of it)."""
    w = ctx.words()
    parts: list[str] = []
    if line := read_line(read or [], reading.remarks, w):
        parts.append(line)
    profile = ctx.state.profile
    said = asked_text(about.kind, about.subject, profile, result, ctx.catalog, w, about.share) if about else ""
    if said:
        parts.append(said)
    if question is not None and (question.field == "data_boundary" or (provisional and question.field == "privacy")):
        lock = question_text(question.message or question.text, w, profile)
        parts.append(f"🔒 {lock}")  # constraints before costs: what may leave comes first
        question = None
    shown = None
    unchanged = result is not None and ctx.state.shown.option_id == result.recommendation.option_id and not changed
    if result is not None and not (said and unchanged):  # a question answered: the pick again only if it moved
        text, shown = recommendation_answer(result, ctx.state.shown, provisional=provisional, panel=ctx.brief, w=w)
        parts.append(text)
    parts += [f"❓ {w.phrase(a)}" for a in reading.ambiguous]
    if question is not None:
        parts.append(question_text(question.message, w, profile))
    if not parts:
        parts.append(enough_text(w))
    return "\n\n".join(parts), shown


def _whatif_turn(ctx: TurnContext, whatif: WhatIf) -> Iterator[AgentEvent]:
    profile = ctx.state.profile
    changed = profile.model_copy(update=whatif.changes)
    try:
        changed = WorkloadProfile.model_validate(changed.model_dump())
    except ValidationError as exc:
        yield Notice(level="warning", text=f"what-if not possible: {exc.errors()[0]['msg']}")
        yield TurnFinished(answer="")
        return
    results: list[CompareResult] = []
    for p in (profile, changed):
        for event in _compare_events(ctx.catalog, p):
            if isinstance(event, CompareResult):
                results.append(event)
            else:
                yield event
    if len(results) != 2:
        yield TurnFinished(answer="")
        return
    yield ScenarioComputed(
        title=whatif.description,
        changes=whatif.change_rows(profile),
        options=[o.model_dump(mode="json") for o in results[1].options],
        recommendation=results[1].recommendation.model_dump(mode="json"),
    )
    answer = whatif_answer(whatif.description, results[0], results[1], ctx.words())
    yield TextChunk(text=answer)
    yield TurnFinished(answer=answer)


def _local_reply(
    ctx: TurnContext, text: str, sources: list[Any], cancel: threading.Event, result: CompareResult | None
) -> Iterator[AgentEvent]:
    """The local model's words (gated), or None when it failed; tool calls only in agentic mode."""
    assert ctx.local is not None
    agentic = ctx.mode == "agentic"
    lang = ctx.words().lang
    if agentic:
        system = load_prompt("system_local.md").replace(
            "{profile}", json.dumps(ctx.state.profile.model_dump(exclude_none=True))
        )
        messages = [Message(role="system", content=system + _in_language(lang)), *ctx.history[-HISTORY_MESSAGES:]]
        messages.append(Message(role="user", content=text))
    else:
        prompt = load_prompt("phrase_guided_user.md").format(text=text[:500])
        messages = [
            Message(role="system", content=load_prompt("phrase_guided.md") + _in_language(lang)),
            Message(role="user", content=prompt),
        ]
    tools = tool_specs() if agentic else None
    gate = SentenceGate(sources, user_text=text, lang=lang)
    said: list[str] = []
    try:
        for _step in range(MAX_TOOL_STEPS):
            calls = []
            for event in ctx.local.chat(messages, tools):
                if cancel.is_set():
                    return "".join(said)
                if isinstance(event, TextDelta):
                    for sentence in gate.feed(event.text):
                        said.append(sentence)
                        yield TextChunk(text=sentence)
                    if not agentic and said:
                        break  # guided mode: one sentence of conversation, the figures follow
                elif isinstance(event, ToolCallsReady):
                    calls = event.calls
                elif isinstance(event, Finished):
                    yield _usage("local", ctx.local.label, event)
                    messages.append(event.message)
            for sentence in gate.flush():
                said.append(sentence)
                yield TextChunk(text=sentence)
            if not calls:
                break
            for call in calls:
                outcome = yield from _call_tool(ctx.catalog, call.name, call.arguments)
                if isinstance(outcome, dict):
                    sources.append(outcome)
                messages.append(
                    Message(
                        role="tool",
                        content=json.dumps(outcome, default=str),
                        tool_name=call.name,
                        tool_call_id=call.id,
                    )
                )
        else:
            yield Notice(level="warning", text=f"the model kept calling tools; stopped after {MAX_TOOL_STEPS} rounds")
    except ModelError as exc:
        yield Notice(level="warning", text=f"local model: {exc} — answering from the tools alone")
        return None
    if gate.withheld:
        yield Notice(
            level="warning",
            text=f"held back figures no tool computed: {', '.join(gate.withheld)}",
        )
    other = sorted({why for _, why in gate.dropped if not why.startswith("figures")})
    if other:
        yield Notice(text=f"the local model's words were not shown ({'; '.join(other)})")
    return "".join(said)


def _in_language(lang: str) -> str:
    """The instruction to answer in the user's language (prompts/answer_language.md); none for English."""
    from advisor.interview.language import language_named

    named = language_named(lang)
    if lang == "en" or named is None:
        return ""
    return "\n\n" + load_prompt("answer_language.md").format(english=named.english, name=named.name).strip()


def _call_tool(catalog: Catalog, name: str, arguments: dict[str, Any]) -> Iterator[AgentEvent]:
    """Run a model's tool call; an invalid call becomes a tool error the model can read."""
    yield ToolCalled(name=name, arguments=arguments, by="model")
    tool = tool_by_function_name(name)
    if tool is None:
        error = f"unknown tool {name!r}; tools: {', '.join(t.function_name for t in TOOLS.values())}"
        yield ToolAnswered(name=name, error=error)
        return {"error": error}
    try:
        result = tool.run(arguments, catalog).model_dump(mode="json")
    except ToolInputError as exc:
        yield ToolAnswered(name=name, error=str(exc))
        return {"error": str(exc)}
    yield ToolAnswered(name=name, result=result)
    return result


def _usage(side: str, model: str, event: Finished, usd: float = 0.0, reservation: int | None = None) -> UsageRecorded:
    return UsageRecorded(
        reservation=reservation,
        side=side,  # type: ignore[arg-type]
        model=model,
        input_tokens=event.usage.input_tokens,
        output_tokens=event.usage.output_tokens,
        seconds=event.usage.seconds,
        usd=usd,
    )


def words_request(ctx: TurnContext, words: str) -> tuple[ClaudeRequest | None, str | None]:
    """What `/escalate --with-my-words` would send now (the consent screen shows it), or why the
    words may not go."""
    off = (
        ctx.claude_refusal(ctx.state.profile)
        if ctx.claude is not None
        else "Claude is off (no ANTHROPIC_API_KEY, or no price for the model)"
    )
    why = refusal(words, offline=ctx.offline, privacy=ctx.state.profile.privacy, claude=off)
    if why is not None:
        return None, why
    result = None
    if ctx.state.has_volume():
        try:
            result = compare_profile(ctx.state.profile, ctx.catalog)
        except ToolError:
            result = None
    request = claude_request(
        kind="words", reason=WORDS_REASON, profile=ctx.state.profile, result=result, catalog=ctx.catalog, words=words
    )
    return request, None


def words_turn(ctx: TurnContext, consent: Consent, cancel: threading.Event) -> Iterator[AgentEvent]:
    """The user's own words to Claude, as they saw them: the request is built again from the state
    as it is now and goes only when it is the text the consent was given for."""
    request, why = words_request(ctx, consent.words)
    decision = router.decide(
        "",
        explicit=True,
        close=False,
        conflicts=[],
        local_failures=0,
        offline=ctx.offline,
        claude_available=ctx.claude is not None,
        spent_usd=ctx.claude_spent(),
        budget_usd=ctx.budget_usd,
        boundary=ctx.claude_refusal(ctx.state.profile) if ctx.claude is not None else None,
        held=held_reason(ctx.state.bill_hold),
    )
    if why is None and decision.blocked:
        why = decision.blocked
    if why is None and request is not None and request.digest() != consent.digest:
        why = (
            "what would be sent changed since you saw it (the profile or the figures moved), so nothing was sent"
            " — /escalate --with-my-words again shows what would go now"
        )
    if why is not None or request is None or cancel.is_set():
        answer = f"Not sent to Claude: {why}." if why else ""
        if answer:
            yield Notice(level="warning", text=answer)
        yield TurnFinished(answer=answer)
        return
    memo = yield from _escalate(ctx, request, WORDS_REASON)
    if memo:
        ctx.state.memo = memo
    answer = (memo or "").strip()
    _remember(ctx, consent.words, answer)
    yield TurnFinished(answer=answer)


def _check_bill(ctx: TurnContext, sent: list[str], max_tokens: int, event: Finished, usd: float) -> Iterator[Notice]:
    """After a Claude call is recorded as its response reported: a bill beyond what was sent holds
    the session's Claude calls until the user confirms it, and a ledger past the budget says so."""
    assert ctx.claude is not None
    hold = checked(
        model=ctx.claude.label,
        sent=sent,
        max_output_tokens=max_tokens,
        input_tokens=event.usage.input_tokens,
        output_tokens=event.usage.output_tokens,
        usd=usd,
    )
    if hold is not None:
        ctx.state.bill_hold = hold
        yield Notice(level="error", text=flagged_line(hold))
    if line := past_budget_line(ctx.claude_spent(), ctx.budget_usd):
        yield Notice(level="warning", text=line)


def _escalate(ctx: TurnContext, request: ClaudeRequest, reason: str) -> Iterator[AgentEvent]:
    """One Claude call carrying ``request`` (advisor.escalation.payload: typed values, and the
    user's words only with consent); None (and a notice) on failure.

    The call's worst case is reserved against the session's budget first (refused: a notice, and
    the local answer stands); its usage settles the reservation before its text is shown, so a
    turn stopped after that is billed at what it cost, and one stopped before keeps the worst case.
    """
    assert ctx.claude is not None
    messages = request.messages()
    if language := _in_language(ctx.words().lang):  # the memo in the session's language
        messages[0] = Message(role="system", content=messages[0].content + language)
    max_tokens = int(getattr(ctx.claude, "max_tokens", 2048))
    granted = ctx.reserve_claude(worst_case_input_tokens([m.content for m in messages]), max_tokens)
    if isinstance(granted, str):
        yield Notice(level="warning", text=f"Claude not called ({reason}): {granted}. The answer is local.")
        return None
    check = getattr(ctx.claude, "check_model", None)  # the configured model, asked of the API once
    verdict = check() if check is not None else None
    if verdict is not None and verdict.notice:
        answer = "" if verdict.usable else " The answer is local — nothing is lost."
        yield Notice(level="warning", text=f"{verdict.notice}.{answer}")
    if verdict is not None and not verdict.usable:
        ctx.release_claude(granted)
        return None
    yield Escalated(reason=reason, model=ctx.claude.label)
    parts: list[str] = []
    try:
        for event in ctx.claude.chat(messages, None):
            if isinstance(event, TextDelta):
                parts.append(event.text)
            elif isinstance(event, Finished):
                usd = ctx.price_claude(event.usage.input_tokens, event.usage.output_tokens)
                yield _usage("claude", ctx.claude.label, event, usd, reservation=granted)
                yield from _check_bill(ctx, [m.content for m in messages], max_tokens, event, usd)
    except ModelError as exc:
        if exc.kind in NOT_BILLED:
            ctx.release_claude(granted)
        yield Notice(
            level="warning",
            text=f"Claude failed ({exc}); the local answer above stands — nothing is lost.",
        )
        return None
    if not parts:
        return ""
    heading = f"\n\n{MEMO_MARK}\n\n"
    yield TextChunk(text=heading, side="claude")
    memo = "".join(parts)
    yield TextChunk(text=memo, side="claude")
    return heading + memo
