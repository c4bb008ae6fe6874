"""`advisor` / `advisor chat`: the Textual TUI."""

from __future__ import annotations

import argparse

from advisor.commands.options import add_session_options, config_from_args


def add_parser(subparsers: argparse._SubParsersAction, argv: list[str] | None = None) -> None:
    chat = subparsers.add_parser("chat", help="the chat (default)", description="The TUI chat.")
    add_session_options(chat)


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    from advisor.tui.app import run_app

    return run_app(config, session_name=args.session, new=args.new)
