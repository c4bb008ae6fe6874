"""A calculator's flags, generated from its input model (never written per tool), read the same way
by `advisor calc TOOL …` and the chat's `/calc TOOL …`. A boolean field is a flag without a value
(`--batch`)."""

from __future__ import annotations

import argparse
import shlex
import typing
from typing import TYPE_CHECKING

from pydantic import AliasChoices
from pydantic.fields import FieldInfo

from advisor.errors import UsageError
from advisor.slash.line import UsageParser, glue_negative_values

if TYPE_CHECKING:
    from advisor.tools.base import ToolResult
    from advisor.tools.catalog import Catalog
    from advisor.tools.registry import Tool


WORKLOADS_HELP = (
    "a TOML or JSON file of several workloads ([team] and [[workload]] tables): one plan across them;"
    " other flags then set the team's shared settings"
)


def add_tool_flags(parser: argparse.ArgumentParser, tool: Tool) -> None:
    if tool.name == "compare":
        parser.add_argument("--workloads", metavar="FILE", default=None, help=WORKLOADS_HELP)
    for name, field in tool.input_model.model_fields.items():
        help_text = (field.description or "").replace("%", "%%")  # argparse formats help with %
        if field.annotation is bool or typing.get_args(field.annotation) == (bool, type(None)):
            parser.add_argument(*_flags(name, field), dest=name, action="store_true", default=None, help=help_text)
        else:
            parser.add_argument(*_flags(name, field), dest=name, metavar="VALUE", default=None, help=help_text)


def _flags(name: str, field: FieldInfo) -> list[str]:
    """``--serving-engine``, and a former name the field still accepts (``--engine``)."""
    aliases = field.validation_alias.choices if isinstance(field.validation_alias, AliasChoices) else []
    names = [name, *(a for a in aliases if isinstance(a, str) and a != name)]
    return ["--" + n.replace("_", "-") for n in names]


def tool_arguments(tool: Tool, args: argparse.Namespace) -> dict[str, object]:
    """The flags given on the line (None means not given: the tool's default applies)."""
    fields = [*tool.input_model.model_fields, "workloads"]
    return {name: getattr(args, name) for name in fields if getattr(args, name, None) is not None}


def plan_from_file(path: str, arguments: dict[str, object], catalog: Catalog):  # -> PlanResult
    """`compare --workloads FILE`: the plan across the file's workloads; the other flags given are
    the team's settings (a workload's own field on the command line is an error: it goes in the file)."""
    from pathlib import Path

    from advisor.tools.plan import plan
    from advisor.tools.workloads import TEAM_FIELDS, read_workloads

    top = arguments.pop("top", None)
    own = [name for name in arguments if name not in TEAM_FIELDS]
    if own:
        flag = "--" + own[0].replace("_", "-")
        raise UsageError(f"{flag}: is a workload's own field; with --workloads put it in each workload of the file")
    inp = read_workloads(Path(path).expanduser(), team=arguments)
    if top is not None:
        inp = inp.model_copy(update={"top": int(str(top))}) if str(top).isdigit() else inp
    return plan(inp, catalog)


def parse_calc(line: str) -> tuple[str, dict[str, object]]:
    """``cloud-cost --model x --input-tokens 3M --batch`` → ("cloud-cost", {...}), as `advisor calc`
    would read it."""
    from advisor.tools.registry import TOOLS

    try:
        words = shlex.split(line)
    except ValueError as exc:
        raise UsageError(f"calc: {exc}") from None
    if not words or words[0] not in TOOLS:
        raise UsageError(f"calc: tool {words[0] if words else ''!r} unknown; tools: {', '.join(TOOLS)}")
    tool = TOOLS[words[0]]
    parser = UsageParser(prog=f"/calc {tool.name}", add_help=False)
    add_tool_flags(parser, tool)
    args, unknown = parser.parse_known_args(glue_negative_values(words[1:]))
    if unknown:
        flags = ", ".join("--" + f.replace("_", "-") for f in tool.input_model.model_fields)
        raise UsageError(f"calc {tool.name}: unknown {unknown[0]!r}; flags: {flags}")
    return tool.name, tool_arguments(tool, args)


def calculate(name: str, arguments: dict[str, object], catalog: Catalog | None):  # -> ToolResult
    from advisor.tools.registry import TOOLS, ToolInputError

    workloads = arguments.pop("workloads", None)
    if workloads is not None and catalog is not None:
        return plan_from_file(str(workloads), arguments, catalog)
    try:
        return TOOLS[name].run(arguments, catalog)
    except ToolInputError as exc:
        raise UsageError(str(exc)) from None


def render(result: ToolResult) -> str:
    """A result as the command line prints it: a plan across workloads, or any one tool's."""
    if type(result).__module__ == "advisor.tools.plan":  # told without importing it: `calc payback` loads payback alone
        from advisor.text.plan import plan_text

        return plan_text(result)  # type: ignore[arg-type]
    from advisor.text.render import render_result

    return render_result(result)


def run_calc(line: str, catalog: Catalog) -> str:
    """The chat's `/calc`: the result as the command line prints it."""
    return render(calculate(*parse_calc(line), catalog))
