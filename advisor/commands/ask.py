"""`advisor ask TEXT`: one turn with no UI; the answer (or JSON) on stdout."""

from __future__ import annotations

import argparse

from advisor.commands.options import add_session_options, config_from_args


def add_parser(subparsers: argparse._SubParsersAction, argv: list[str] | None = None) -> None:
    ask = subparsers.add_parser("ask", help="one turn, no UI", description="Ask one question.")
    add_session_options(ask)
    ask.add_argument("--json", action="store_true", help="print the JSON of interfaces.md")
    ask.add_argument("text", nargs="+", help="what to ask")


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    from advisor.ask import ask

    return ask(config, " ".join(args.text), session_name=args.session, new=args.new, as_json=args.json)
