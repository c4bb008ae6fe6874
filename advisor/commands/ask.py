"""`advisor ask TEXT`: one turn with no UI. The answer streams to stdout (or one JSON document at
the end, shaped as interfaces.md says); notices go to stderr."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

from advisor.commands.options import add_session_options, config_from_args

if TYPE_CHECKING:
    from advisor.config import Config
    from advisor.session import Session


def add_parser(subparsers: argparse._SubParsersAction, argv: list[str] | None = None) -> None:
    ask = subparsers.add_parser("ask", help="one turn, no UI", description="Ask one question.")
    add_session_options(ask)
    ask.add_argument("--json", action="store_true", help="print the JSON of interfaces.md")
    # A slash command takes the rest of the line whole: `advisor ask /calc cloud-cost --model gpt-5`
    rest = argparse.REMAINDER if _slash_command_follows(argv or []) else "+"
    ask.add_argument("text", nargs=rest, help="what to ask, or a slash command (/help lists them)")


TAKES_VALUE = frozenset({"--local", "--claude-model", "--budget-usd", "--session", "--data-dir"})


def _slash_command_follows(argv: list[str]) -> bool:
    """Whether the first word of `ask`'s text starts with '/'."""
    words = iter(argv[argv.index("ask") + 1 :] if "ask" in argv else [])
    for word in words:
        if word == "--":
            return next(words, "").startswith("/")
        if word in TAKES_VALUE:
            next(words, None)
        elif not word.startswith("-"):
            return word.startswith("/")
    return False


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    words = args.text[1:] if args.text[:1] == ["--"] else args.text  # the rest of the line keeps its `--`
    return ask(config, " ".join(words), session_name=args.session, new=args.new, as_json=args.json)


def _err(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def ask(config: Config, text: str, *, session_name: str | None, new: bool, as_json: bool) -> int:
    """One turn. Without --session each ask is a fresh session; with it, the conversation goes on.
    A slash command ("/set …") runs as the chat runs it (advisor.commands.ask_slash)."""
    from advisor.commands.ask_slash import is_command, run_slash
    from advisor.session import Session

    if is_command(text):
        return run_slash(config, text.strip(), session_name=session_name, new=new, as_json=as_json)
    session = Session.open(config, session_name=session_name, new=new or session_name is None, on_progress=_err)
    for line in session.startup_notices:
        _err(f"advisor: {line}")
    outcome = ask_turn(session, text, as_json=as_json)
    if as_json:
        document = ask_document(session, outcome.answer)
        if outcome.scenario is not None:
            document["scenario"] = outcome.scenario
        print(json.dumps(finite(document), indent=2, default=str, allow_nan=False))
    return 1 if outcome.failed else 0


class TurnOutcome(NamedTuple):
    answer: str
    scenario: dict | None
    failed: bool


def ask_turn(session: Session, text: str, *, escalate: bool = False, as_json: bool = False) -> TurnOutcome:
    """One turn: the answer streams to stdout (unless JSON is wanted), notices to stderr."""
    from advisor.events import (
        Escalated,
        Notice,
        ScenarioComputed,
        TextChunk,
        ToolAnswered,
        TurnFailed,
        TurnFinished,
    )

    answer, failed = "", False
    scenario: dict | None = None
    for event in session.turn(text, escalate=escalate):
        if isinstance(event, TextChunk) and not as_json:
            print(event.text, end="", flush=True)
        elif isinstance(event, Notice):
            _err(f"advisor: {event.text}")
        elif isinstance(event, Escalated):
            _err(f"advisor: asking {event.model} — {event.reason}")
        elif isinstance(event, ToolAnswered) and event.error:
            _err(f"advisor: tool {event.name}: {event.error}")
        elif isinstance(event, TurnFailed):
            _err(f"advisor: turn failed: {event.message}")
            failed = True
        elif isinstance(event, ScenarioComputed):
            scenario = event.model_dump(exclude={"type"})
        elif isinstance(event, TurnFinished):
            answer = event.answer
    if not as_json:
        print()
    return TurnOutcome(answer, scenario, failed)


def ask_document(session: Session, answer: str) -> dict:
    from advisor.measure.render import measured_document

    resolved = session.resolved_profile()
    result = session.comparison()
    spend = session.spend()
    profile = (
        resolved.model_dump(exclude={"assumptions"})
        if resolved
        else session.state.profile.model_dump(exclude_none=True)
    )
    return {
        "answer": answer,
        "profile": profile,
        "given": session.state.given,
        "measured": measured_document(session.state),
        "recommendation": result.recommendation.model_dump(mode="json") if result else None,
        "options": [o.model_dump(mode="json") for o in result.options] if result else [],
        "assumptions": result.assumptions if result else (resolved.assumptions if resolved else []),
        "turns": {"local": spend.local_turns, "claude": spend.claude_turns},
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
    }


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
