"""`advisor ask TEXT`: one turn with no UI. The answer streams to stdout (or one JSON document at
the end, shaped as interfaces.md says); notices go to stderr."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from advisor.commands.options import add_session_options, config_from_args
from advisor.commands.registry import command

if TYPE_CHECKING:
    from advisor.config import Config


def arguments(ask: argparse.ArgumentParser, argv: list[str]) -> None:
    add_session_options(ask)
    ask.add_argument("--json", action="store_true", help="print the JSON of interfaces.md")
    ask.add_argument(
        "--workload", metavar="NAME", default=None, help="the workload this turn is about (a new name adds one)"
    )
    # A slash command takes the rest of the line whole: `advisor ask /calc cloud-cost --model gpt-5`
    rest = argparse.REMAINDER if _slash_command_follows(argv) else "+"
    ask.add_argument("text", nargs=rest, help="what to ask, or a slash command (/help lists them)")


TAKES_VALUE = frozenset({"--local", "--claude-model", "--budget-usd", "--session", "--data-dir", "--workload"})


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


@command("ask", help="one turn, no UI", description="Ask one question.", arguments=arguments)
def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    words = args.text[1:] if args.text[:1] == ["--"] else args.text  # the rest of the line keeps its `--`
    return ask(
        config, " ".join(words), session_name=args.session, new=args.new, as_json=args.json, workload=args.workload
    )


def ask(
    config: Config, text: str, *, session_name: str | None, new: bool, as_json: bool, workload: str | None = None
) -> int:
    """One turn. Without --session each ask is a fresh session; with it, the conversation goes on.
    A slash command ("/set …") runs as the chat runs it (advisor.commands.ask_slash)."""
    from advisor.commands.ask_output import ask_document, ask_turn, finite, progress
    from advisor.commands.ask_slash import is_command, run_slash, startup_notices
    from advisor.session import Session

    if is_command(text):
        return run_slash(config, text.strip(), session_name=session_name, new=new, as_json=as_json, workload=workload)
    session = Session.open(config, session_name=session_name, new=new or session_name is None, on_progress=progress)
    notices = startup_notices(session)
    if workload is not None:
        notices.append(session.select_workload(workload))
    outcome = ask_turn(session, text, as_json=as_json, notices=notices)
    if as_json:
        document = ask_document(session, outcome.answer, outcome.notices, outcome.read, outcome.questions)
        if outcome.scenario is not None:
            document["scenario"] = outcome.scenario
        print(json.dumps(finite(document), indent=2, default=str, allow_nan=False))
    return 1 if outcome.failed else 0
