"""What one `advisor ask` turn writes: the answer streaming to stdout with notices on stderr, and
the JSON document of interfaces.md. Shared by a question and by a slash command that runs a turn."""

from __future__ import annotations

import math
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from advisor.session import Session


def err(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def progress(line: str) -> None:
    """A passing progress line ("loading the embedded model…"): on a terminal it is drawn over and
    cleared when the turn writes; elsewhere it is left out (a turn writes at most one stderr line)."""
    if sys.stderr.isatty():
        print(f"\r\033[Kadvisor: {line}", end="", file=sys.stderr, flush=True)


def clear_progress() -> None:
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr, flush=True)


def notice_line(notices: list[str]) -> str | None:
    """A turn's notices as its one stderr line (each said once), or None when there are none."""
    unique = list(dict.fromkeys(n.strip().rstrip(".") for n in notices if n.strip()))
    return "advisor: " + "; ".join(unique) if unique else None


class TurnOutcome(NamedTuple):
    answer: str
    scenario: dict | None
    failed: bool
    notices: list[str] = []
    refused: bool = False  # the user's words, consented, were not sent (the text moved, the guard, …)
    read: list[dict] = []
    questions: list[dict] = []


def ask_turn(
    session: Session,
    text: str,
    *,
    escalate: bool = False,
    as_json: bool = False,
    notices: list[str] | None = None,
    consent: Any = None,
) -> TurnOutcome:
    """One turn: the answer streams to stdout (unless JSON is wanted); its notices — and
    ``notices`` from before it, such as the session's startup ones — make one stderr line at the
    end (none with JSON: they are the document's "notices")."""
    from advisor.events import (
        Escalated,
        FieldsRead,
        Notice,
        ScenarioComputed,
        TextChunk,
        ToolAnswered,
        TurnFailed,
        TurnFinished,
    )

    answer, failed, escalated = "", False, False
    scenario: dict | None = None
    said = list(notices or [])
    read: list[dict] = []
    questions: list[dict] = []
    for event in session.turn(text, escalate=escalate, consent=consent):
        if isinstance(event, FieldsRead):
            read, questions = event.entries, event.questions
        elif isinstance(event, TextChunk) and not as_json:
            clear_progress()
            print(event.text, end="", flush=True)
        elif isinstance(event, Notice):
            said.append(event.text)
        elif isinstance(event, Escalated):
            escalated = True
            progress(f"asking {event.model} — {event.reason}…")
        elif isinstance(event, ToolAnswered) and event.error:
            said.append(f"tool {event.name}: {event.error}")
        elif isinstance(event, TurnFailed):
            said.append(f"turn failed: {event.message}")
            failed = True
        elif isinstance(event, ScenarioComputed):
            scenario = event.model_dump(exclude={"type"} if event.plan is not None else {"type", "plan"})
        elif isinstance(event, TurnFinished):
            answer = event.answer
    clear_progress()
    if not as_json:
        print(flush=True)
        if line := notice_line(said):
            err(line)
    return TurnOutcome(
        answer, scenario, failed, said, refused=consent is not None and not escalated, read=read, questions=questions
    )


def given_profile(session: Session) -> dict:
    """Every profile field: its value where the user gave it (stated, answered, set or measured), and
    null where not — the defaults used instead are in ``assumptions``. Monthly tokens are worked out
    from the requests and tokens per request the user gave."""
    from advisor.tools.defaults import DAYS_PER_MONTH

    state = session.state
    sources = state.all_sources()
    values = state.profile.model_dump(mode="json")
    profile = {f: (v if sources.get(f) not in (None, "assumed") else None) for f, v in values.items()}
    per_day = profile.get("requests_per_day")
    for side in ("input", "output"):
        monthly, size = f"monthly_{side}_tokens", profile.get(f"{side}_tokens_per_request")
        if profile.get(monthly) is None and per_day is not None and size is not None:
            profile[monthly] = per_day * size * DAYS_PER_MONTH
    return profile


def ask_document(
    session: Session,
    answer: str,
    notices: list[str] | None = None,
    read: list | None = None,
    questions: list | None = None,
) -> dict:
    from advisor.text.measured import measured_document

    resolved = session.resolved_profile()
    result = session.comparison()
    spend = session.spend()
    return {
        "answer": answer,
        "profile": given_profile(session),
        "read": read or [],
        "questions": questions or [],
        "given": session.state.given,
        "measured": measured_document(session.state),
        "recommendation": result.recommendation.model_dump(mode="json") if result else None,
        "options": [o.model_dump(mode="json") for o in result.options] if result else [],
        "data_boundary": result.data_boundary.model_dump(mode="json") if result and result.data_boundary else None,
        "assumptions": result.assumptions if result else (resolved.assumptions if resolved else []),
        "turns": {"local": spend.local_turns, "claude": spend.claude_turns},
        # a Claude bill beyond what was sent, recorded as reported; Claude waits for /bill confirm
        "bill_hold": hold.model_dump() if (hold := session.state.bill_hold) else None,
        "spend": {
            "local_usd": 0.0,
            "claude_usd": spend.claude_usd,
            "claude_input_tokens": spend.claude_input_tokens,
            "claude_output_tokens": spend.claude_output_tokens,
            "local_input_tokens": spend.local_input_tokens,
            "local_output_tokens": spend.local_output_tokens,
            "all_claude_usd": spend.all_claude_usd,
            "all_claude_input_tokens": spend.all_claude_input_tokens,
            "all_claude_output_tokens": spend.all_claude_output_tokens,
            "all_claude_basis": spend.all_claude_basis,
            "claude_share": spend.claude_share,
        },
        "backend": {
            "local": session.local_label,
            "mode": session.mode,
            "why": session.mode_reason,
            "claude": session.claude_label,
        },
        "session": session.name,
        "unread": session.state.unread,
        "notices": list(dict.fromkeys(notices or [])),
        **session.words().document(),
        **workloads_document(session),
    }


def workloads_document(session: Session) -> dict[str, Any]:
    """`workloads` (each with its profile, options and placement; the one in use marked) and `plan`
    (one across those with a volume; null until one has)."""
    plan = session.plan()
    data = plan.model_dump(mode="json") if plan is not None else None
    priced = {w["name"]: w for w in data.pop("workloads")} if data else {}
    workloads = []
    for name, profile in session.state.workload_profiles():
        entry = priced.get(name)
        workloads.append(
            {
                "name": name,
                "current": name == session.state.workload,
                "profile": entry["profile"] if entry else profile.model_dump(exclude_none=True),
                "options": entry["options"] if entry else [],
                "recommendation": entry["recommendation"] if entry else None,
                "placement": entry["placement"] if entry else None,
            }
        )
    return {"workloads": workloads, "plan": data}


def finite(value: Any) -> Any:
    """``value`` with any NaN or infinity made null: JSON has no NaN, and a script reading it must
    not meet one (the catalog refuses non-finite prices; this is the last guard)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value
