"""`advisor`: a thin command line over the library. Heavy modules (Textual, ollama, anthropic,
llama_cpp) are imported only by the subcommands that need them."""

from __future__ import annotations

import argparse
import os
import sys

from advisor import __version__
from advisor.commands import COMMANDS
from advisor.errors import UsageError, one_line
from advisor.slash.line import UsageParser, glue_negative_values
from advisor.tools.base import ToolError


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    parser = UsageParser(
        prog="advisor",
        description="Run your LLM workloads locally, on cloud APIs, or both? Real numbers.",
    )
    parser.add_argument("--version", action="version", version=f"advisor {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=UsageParser)
    for command in COMMANDS.values():
        command.add_to(sub, argv or [])
    return parser


def _switches(parser: argparse.ArgumentParser) -> frozenset[str]:
    """Every option, in the parser and its subcommands, that takes no value."""
    found: set[str] = set()
    for action in parser._actions:
        if action.nargs == 0:
            found.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _switches(sub)
    return frozenset(found)


def _quietly_end_a_closed_pipe() -> int:
    """`advisor catalog list | head -1`: the reader left; end without a word (Python's advice)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version", "--debug")):
        argv = ["chat", *argv]
    elif argv == ["--debug"]:
        argv = ["--debug", "chat"]
    try:
        parser = build_parser(argv)
        argv = glue_negative_values(argv, _switches(parser))
        args = parser.parse_args(argv)
        if args.command is None:
            args = build_parser(argv).parse_args([*argv, "chat"])
        status = COMMANDS[args.command].handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return status
    except BrokenPipeError:
        return _quietly_end_a_closed_pipe()
    except (UsageError, ToolError) as exc:
        print(f"advisor: error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("advisor: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if debug:
            raise
        if type(exc).__module__ == "sqlite3":
            from advisor.store import database_problem

            print(f"advisor: error: {_database()}: {one_line(database_problem(exc))}", file=sys.stderr)
            return 1
        print(f"advisor: {type(exc).__name__}: {one_line(str(exc))} (run with --debug for details)", file=sys.stderr)
        return 1


def _database() -> str:
    """Where the sessions database is (for a message; nothing is created)."""
    args = sys.argv[1:]
    if "--data-dir" in args[:-1]:
        return f"{args[args.index('--data-dir') + 1]}/advisor.sqlite3"
    return f"{os.environ.get('ADVISOR_DATA_DIR') or 'the data dir'}/advisor.sqlite3"


if __name__ == "__main__":
    sys.exit(main())
