"""`advisor calc TOOL --field value … [--json]`: every registered tool, its flags generated from its
input model (advisor.slash.calc, the parser the chat's `/calc TOOL …` uses too)."""

from __future__ import annotations

import argparse
import json

from advisor.commands.registry import command
from advisor.slash.calc import add_tool_flags, calculate, render, tool_arguments


def arguments(calc: argparse.ArgumentParser, argv: list[str]) -> None:
    """Every tool is listed; only the one on the command line has its flags built (which imports
    its module alone: start-up time)."""
    from advisor.tools.registry import TOOLS

    tools = calc.add_subparsers(dest="tool", metavar="TOOL", required=True, parser_class=type(calc))
    selected = argv[argv.index("calc") + 1] if "calc" in argv[:-1] else None
    for tool in TOOLS.values():
        described = tool.description.replace("%", "%%")
        sub = tools.add_parser(tool.name, help=described, description=described)
        sub.add_argument("--json", action="store_true", help="print JSON for scripts")
        if tool.name == selected:
            add_tool_flags(sub, tool)


@command(
    "calc", help="run a cost calculator", description="Run one deterministic cost calculator.", arguments=arguments
)
def run(args: argparse.Namespace) -> int:
    from advisor.config import load_config
    from advisor.tools.registry import TOOLS

    tool = TOOLS[args.tool]
    catalog = load_config().catalog() if tool.needs_catalog else None
    result = calculate(tool.name, tool_arguments(tool, args), catalog)
    if args.json:
        from advisor.commands.ask_output import finite  # JSON has no Infinity: a script must never meet one

        print(json.dumps(finite(result.model_dump(mode="json")), indent=2, allow_nan=False))
    else:
        print(render(result))
    return 0
