"""`advisor model`: the embedded models it can pull (`list`) and the download itself (`pull`)."""

from __future__ import annotations

import argparse
import sys

from advisor.errors import UsageError


def add_parser(subparsers: argparse._SubParsersAction, argv: list[str] | None = None) -> None:
    model = subparsers.add_parser(
        "model",
        help="pull a capable embedded model from Hugging Face, or list the choices",
        description="Download a small instruct GGUF for the embedded path (HF_ENDPOINT is honoured).",
    )
    actions = model.add_subparsers(dest="action", metavar="ACTION", required=True)
    pull = actions.add_parser("pull", help="download NAME (default: the pick for this machine's memory)")
    pull.add_argument("name", nargs="?", default=None, help="a choice from `advisor model list`, or REPO:FILE.gguf")
    actions.add_parser("list", help="the choices, the pick for this machine, and what is pulled")


def run(args: argparse.Namespace) -> int:
    from advisor.models.pull import PullError, choices, memory_gb, pull, pulled_model, recommended, resolve_choice

    if args.action == "list":
        memory = memory_gb()
        pick = recommended(memory)
        have = pulled_model()
        print(f"this machine: {memory:.0f} GB of memory" if memory else "this machine: memory unknown")
        for c in choices():
            mark = "★" if c.id == pick.id else " "
            size = f"{c.size_gb:g} GB" if c.size_gb else "?"
            print(f"{mark} {c.id:<24} {size:>8}  needs {c.min_memory_gb:g} GB  {c.repo}/{c.file}")
        print(f"pulled: {have.path}" if have else "pulled: nothing yet (the shipped SmolLM2 answers, quietly)")
        return 0
    try:
        choice = resolve_choice(args.name)
        pulled = pull(choice, say=lambda line: print(f"advisor: {line}", file=sys.stderr, flush=True))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except PullError as exc:
        print(f"advisor: error: {exc}", file=sys.stderr)
        return 1
    print(f"pulled {choice.name} → {pulled.path} (sha256 {pulled.sha256[:12]}…); the next start uses it")
    return 0
