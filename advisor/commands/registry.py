"""The CLI's subcommands, each registered by the module that runs it:

    def arguments(parser: argparse.ArgumentParser, argv: list[str]) -> None:
        parser.add_argument("--json", action="store_true", help="print JSON for scripts")

    @command("report", help="write the recommendation (Markdown or JSON)", arguments=arguments)
    def run(args: argparse.Namespace) -> int:
        from advisor.session import Session  # heavy imports inside the handler: start-up time
        ...

`advisor/commands/__init__.py` imports every command module (the order of `advisor --help`);
`advisor.cli` builds the parser from ``COMMANDS`` and calls the chosen handler."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from advisor.tools.register import Registry


def no_arguments(parser: argparse.ArgumentParser, argv: list[str]) -> None:
    """A subcommand that takes no arguments of its own."""


@dataclass(frozen=True)
class Subcommand:
    name: str  # as typed: advisor NAME
    handler: Callable[[argparse.Namespace], int]  # the exit status
    help: str  # its line in `advisor --help`
    arguments: Callable[[argparse.ArgumentParser, list[str]], None] = no_arguments  # with the whole argv
    description: str | None = None  # the top of `advisor NAME --help`
    epilog: str | None = None  # the bottom, as written (line breaks kept)

    def add_to(self, subparsers: argparse._SubParsersAction, argv: list[str]) -> None:
        parser = subparsers.add_parser(
            self.name,
            help=self.help,
            description=self.description,
            epilog=self.epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter if self.epilog else argparse.HelpFormatter,
        )
        self.arguments(parser, argv)


COMMANDS: Registry[Subcommand] = Registry(Subcommand)
command = COMMANDS.register
