"""`advisor` / `advisor chat`: the Textual TUI."""

from __future__ import annotations

import argparse

from advisor.commands.options import add_session_options, config_from_args
from advisor.commands.registry import command


def arguments(chat: argparse.ArgumentParser, argv: list[str]) -> None:
    add_session_options(chat)


@command("chat", help="the chat (default)", description="The TUI chat.", arguments=arguments)
def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    from advisor.tui.app import run_app

    return run_app(config, session_name=args.session, new=args.new)
