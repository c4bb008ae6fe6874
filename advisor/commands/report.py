"""`advisor report`: the recommendation as Markdown or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.commands.registry import command
from advisor.errors import UsageError

if TYPE_CHECKING:
    from advisor.config import Config


def arguments(rep: argparse.ArgumentParser, argv: list[str]) -> None:
    rep.add_argument("--session", metavar="NAME", default=None, help="session (default: latest)")
    rep.add_argument("--format", choices=("md", "json"), default="md")
    rep.add_argument("--out", metavar="FILE", type=Path, default=None, help="file (default: stdout)")
    rep.add_argument("--conversation", action="store_true", help="append every turn's question and answer")
    rep.add_argument("--data-dir", metavar="DIR", type=Path, default=None)
    from advisor.config import LANGUAGES

    rep.add_argument("--lang", choices=LANGUAGES, default=None, help="(default: the session's)")
    rep.add_argument("--currency", metavar="CODE", default=None, help="EUR, GBP … (default: the session's)")


@command("report", help="write the recommendation (Markdown or JSON)", arguments=arguments)
def run(args: argparse.Namespace) -> int:
    from advisor.config import load_config

    config = load_config(data_dir=args.data_dir, lang=args.lang, currency=args.currency and args.currency.upper())
    return write_report(
        config, session_name=args.session, fmt=args.format, out=args.out, conversation=args.conversation
    )


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    from advisor.tools.userfile import UserFileError, write_text

    try:
        write_text(out, text)
    except UserFileError as exc:
        raise UsageError(f"out: {exc}") from None
    print(f"wrote {out}", file=sys.stderr)


def write_report(
    config: Config, session_name: str | None, fmt: str, out: Path | None, conversation: bool = False
) -> int:
    """`advisor report`: the named (or latest) session's recommendation, to ``out`` or stdout."""
    from advisor.session import Session
    from advisor.text.report import render_json, render_markdown

    if fmt not in ("md", "json"):
        raise UsageError(f"format: {fmt!r} is not md or json")
    session = Session.load(config, session_name, create=False)
    for line in session.startup_notices:
        print(f"advisor: {line}", file=sys.stderr)
    try:
        said = session.words()
        if not session.state.has_volume():
            raise UsageError(
                said._(
                    "session {name}: no volume yet — tell the advisor how many requests or tokens",
                    name=repr(session.name),
                )
            )
        result = session.comparison()
        if result is None:
            raise UsageError(
                said._("session {name}: the profile cannot be compared; check it with /set", name=repr(session.name))
            )
        spend = session.spend()
        turns = session.conversation() if conversation else None
        plan = session.plan() if len(session.state.workload_names()) > 1 else None
        words = session.words()
    finally:
        session.close()
    state, catalog = session.state, session.catalog
    if fmt == "json":
        document = render_json(
            state, result, catalog, spend, session_name=session.name, conversation=turns, plan=plan, w=words
        )
        text = json.dumps(document, indent=2) + "\n"
    else:
        text = render_markdown(
            state, result, catalog, spend, session_name=session.name, conversation=turns, plan=plan, w=words
        )
    _emit(text, out)
    return 0
