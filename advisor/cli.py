"""`advisor`: a thin command line over the library. Heavy modules (Textual, ollama, anthropic,
llama_cpp) are imported only by the subcommands that need them."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from advisor import __version__
from advisor.commands import COMMANDS
from advisor.errors import UsageError, one_line, output_failed
from advisor.slash.line import UsageParser, glue_negative_values
from advisor.tools.base import ToolError

# The young objects' collection runs after 10,000 allocations, not CPython's 700: a command builds
# its catalog, models and answer in a burst of short-lived objects, and at 700 the collector spent
# about a tenth of `advisor ask`'s time walking them (tests/bench/bench_ask_start.py).
GC_THRESHOLDS = (10_000, 20, 20)
# A command that does one piece of work and exits runs without the cycle collector at all: what it
# builds lives until the process ends anyway, and the collector's walks cost `advisor ask` about a
# tenth more CPU (tests/bench/bench_ask_start.py). The chat, a bench run, an import of a large
# usage log and a model download run long: they keep the collector.
WITHOUT_GC = frozenset({"ask", "calc", "catalog", "report"})


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


def _output_failed(exc: OSError) -> int:
    """Standard output cannot take the answer (`> /dev/full`, a full disk): one line, exit 1 — and
    nothing left in the buffer to fail again at exit."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    print(f"advisor: error: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # the `advisor` program, a process of its own (a test passes its argv)
        words = [a for a in sys.argv[1:] if not a.startswith("-")]
        if words[:1] and words[0] in WITHOUT_GC:
            gc.disable()
        else:
            gc.set_threshold(*GC_THRESHOLDS)
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
        if type(exc).__module__ == "sqlite3":  # the data dir is the user's to fix: named, exit 2
            from advisor.store import database_problem

            path = _database()
            print(f"advisor: error: {path}: {one_line(database_problem(exc, path))}", file=sys.stderr)
            return 2
        if output_failed(exc):
            return _output_failed(exc)  # type: ignore[arg-type]
        print(f"advisor: {type(exc).__name__}: {one_line(str(exc))} (run with --debug for details)", file=sys.stderr)
        return 1


def _database() -> Path:
    """Where the sessions database is (for a message; nothing is created)."""
    import platformdirs

    from advisor.paths import APP, db_path

    args = sys.argv[1:]
    if "--data-dir" in args[:-1]:
        return db_path(Path(args[args.index("--data-dir") + 1]))
    return db_path(Path(os.environ.get("ADVISOR_DATA_DIR") or platformdirs.user_data_dir(APP)))


if __name__ == "__main__":
    sys.exit(main())
