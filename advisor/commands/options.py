"""The options `advisor chat` and `advisor ask` share, and the config they make. (The parser whose
errors are one line is advisor.slash.line, shared with the chat's commands.)"""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.config import LANGUAGES
from advisor.errors import UsageError


def add_session_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--offline",
        action="store_true",
        default=None,
        help="local model only: nothing leaves the machine",
    )
    parser.add_argument(
        "--local",
        metavar="SPEC",
        default=None,
        help="ollama:MODEL | embedded[:PATH.gguf] | none (default: auto — Ollama, else embedded, else none)",
    )
    parser.add_argument("--claude-model", metavar="ID", default=None, help="Claude model id")
    parser.add_argument("--budget-usd", metavar="X", default=None, help="cap on Claude spend a session (0.25)")
    parser.add_argument("--session", metavar="NAME", default=None, help="session to resume or start")
    parser.add_argument("--new", action="store_true", help="start a new session")
    parser.add_argument("--data-dir", metavar="DIR", type=Path, default=None, help="where sessions live")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="answer in this language (default: the one you write in)",
    )
    parser.add_argument(
        "--currency",
        metavar="CODE",
        default=None,
        help="show figures in EUR, GBP … (default: the one you write amounts in)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")


def config_from_args(args: argparse.Namespace):  # -> advisor.config.Config
    from advisor.config import load_config
    from advisor.models.select import check_spec
    from advisor.tools.quantity import parse_quantity

    try:
        check_spec(args.local)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    budget = None
    if args.budget_usd is not None:
        try:
            budget = parse_quantity(args.budget_usd)
        except ValueError as exc:
            raise UsageError(f"budget-usd: {args.budget_usd!r} {exc}") from None
        if budget < 0:
            raise UsageError(f"budget-usd: {args.budget_usd!r} must not be negative")
    return load_config(
        offline=args.offline,
        local=args.local,
        claude_model=args.claude_model,
        budget_usd=budget,
        data_dir=args.data_dir,
        lang=args.lang,
        currency=args.currency.upper() if args.currency else None,
    )
