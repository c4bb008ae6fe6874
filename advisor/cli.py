"""`advisor`: a thin command line over the library. Heavy modules (Textual, ollama, anthropic,
llama_cpp) are imported only by the subcommands that need them."""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import typing

from advisor import __version__
from advisor.errors import UsageError

COMMANDS = ("chat", "ask", "calc", "catalog", "report", "import")
MODULES = {"import": "import_usage"}  # `import` is a Python keyword


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> typing.NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="advisor",
        description="Run your LLM workloads locally, on cloud APIs, or both? Real numbers.",
    )
    parser.add_argument("--version", action="version", version=f"advisor {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"advisor.commands.{MODULES.get(name, name)}")
        module.add_parser(sub, argv)
    return parser


def glue_negative_values(argv: list[str]) -> list[str]:
    """`--input-tokens -5M` → `--input-tokens=-5M`, so the value reaches validation (and its
    one-line error naming the field) instead of argparse taking it for an option."""
    out: list[str] = []
    for token in argv:
        if out and out[-1].startswith("--") and "=" not in out[-1] and re.match(r"^-[\d.]", token):
            out[-1] = f"{out[-1]}={token}"
        else:
            out.append(token)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = glue_negative_values(list(sys.argv[1:] if argv is None else argv))
    debug = "--debug" in argv
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version", "--debug")):
        argv = ["chat", *argv]
    elif argv == ["--debug"]:
        argv = ["--debug", "chat"]
    try:
        args = build_parser(argv).parse_args(argv)
        if args.command is None:
            args = build_parser(argv).parse_args([*argv, "chat"])
        module = importlib.import_module(f"advisor.commands.{MODULES.get(args.command, args.command)}")
        return module.run(args)
    except UsageError as exc:
        print(f"advisor: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("advisor: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if debug:
            raise
        print(f"advisor: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
