"""`advisor`: a thin command line over the library. Heavy modules (Textual, ollama, anthropic,
llama_cpp) are imported only by the subcommands that need them."""

from __future__ import annotations

import argparse
import importlib
import sys

from advisor import __version__
from advisor.commands.options import UsageParser, glue_negative_values
from advisor.errors import UsageError

COMMANDS = ("chat", "ask", "calc", "catalog", "report", "import", "bench")
MODULES = {"import": "import_usage"}  # `import` is a Python keyword


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    parser = UsageParser(
        prog="advisor",
        description="Run your LLM workloads locally, on cloud APIs, or both? Real numbers.",
    )
    parser.add_argument("--version", action="version", version=f"advisor {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=UsageParser)
    for name in COMMANDS:
        module = importlib.import_module(f"advisor.commands.{MODULES.get(name, name)}")
        module.add_parser(sub, argv)
    return parser


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
