"""`advisor calc TOOL --field value … [--json]`: every registered tool, flags generated from its
input model (never written per tool)."""

from __future__ import annotations

import argparse
import json
import typing

from advisor.errors import UsageError


def add_parser(subparsers: argparse._SubParsersAction, argv: list[str] | None = None) -> None:
    """Every tool is listed; only the one on the command line has its flags built (which imports
    its module alone: start-up time)."""
    from advisor.tools.registry import TOOLS

    calc = subparsers.add_parser(
        "calc", help="run a cost calculator", description="Run one deterministic cost calculator."
    )
    tools = calc.add_subparsers(dest="tool", metavar="TOOL", required=True, parser_class=type(calc))
    argv = argv or []
    selected = argv[argv.index("calc") + 1] if "calc" in argv[:-1] else None
    for tool in TOOLS.values():
        sub = tools.add_parser(tool.name, help=tool.description, description=tool.description)
        sub.add_argument("--json", action="store_true", help="print JSON for scripts")
        if tool.name != selected:
            continue
        for name, field in tool.input_model.model_fields.items():
            flag = "--" + name.replace("_", "-")
            help_text = field.description or ""
            if field.annotation is bool or typing.get_args(field.annotation) == (bool, type(None)):
                sub.add_argument(flag, dest=name, action="store_true", default=None, help=help_text)
            else:
                sub.add_argument(flag, dest=name, metavar="VALUE", default=None, help=help_text)


def run(args: argparse.Namespace) -> int:
    from advisor.config import load_config
    from advisor.render import render_result
    from advisor.tools.registry import TOOLS, ToolInputError

    tool = TOOLS[args.tool]
    arguments = {
        name: getattr(args, name) for name in tool.input_model.model_fields if getattr(args, name, None) is not None
    }
    catalog = load_config().catalog() if tool.needs_catalog else None
    try:
        result = tool.run(arguments, catalog)
    except ToolInputError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps(result.model_dump(mode="json"), indent=2))
    else:
        print(render_result(result))
    return 0
