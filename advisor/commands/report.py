"""`advisor report`: the recommendation as Markdown or JSON."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction, argv: list[str] | None = None) -> None:
    rep = subparsers.add_parser("report", help="write the recommendation (Markdown or JSON)")
    rep.add_argument("--session", metavar="NAME", default=None, help="session (default: latest)")
    rep.add_argument("--format", choices=("md", "json"), default="md")
    rep.add_argument("--out", metavar="FILE", type=Path, default=None, help="file (default: stdout)")
    rep.add_argument("--data-dir", metavar="DIR", type=Path, default=None)


def run(args: argparse.Namespace) -> int:
    from advisor.config import load_config
    from advisor.report import write_report

    config = load_config(data_dir=args.data_dir)
    return write_report(config, session_name=args.session, fmt=args.format, out=args.out)
