"""`/calc TOOL --field value …` inside the chat: the same registry as `advisor calc`."""

from __future__ import annotations

import shlex

from advisor.errors import UsageError
from advisor.render import render_result
from advisor.tools.catalog import Catalog
from advisor.tools.registry import TOOLS, ToolInputError


def parse_calc(line: str) -> tuple[str, dict[str, object]]:
    """``cloud-cost --model x --input-tokens 3M --batch`` → ("cloud-cost", {...})."""
    try:
        words = shlex.split(line)
    except ValueError as exc:
        raise UsageError(f"calc: {exc}") from None
    if not words or words[0] not in TOOLS:
        raise UsageError(f"calc: tool {words[0] if words else ''!r} unknown; tools: {', '.join(TOOLS)}")
    name, rest = words[0], words[1:]
    fields = TOOLS[name].input_model.model_fields
    arguments: dict[str, object] = {}
    i = 0
    while i < len(rest):
        flag = rest[i]
        field = flag.removeprefix("--").replace("-", "_")
        if not flag.startswith("--") or field not in fields:
            raise UsageError(
                f"calc {name}: unknown flag {flag!r}; flags: {', '.join('--' + f.replace('_', '-') for f in fields)}"
            )
        if fields[field].annotation in (bool, bool | None) and (i + 1 == len(rest) or rest[i + 1].startswith("--")):
            arguments[field] = True
            i += 1
            continue
        if i + 1 == len(rest):
            raise UsageError(f"calc {name}: {flag} needs a value")
        arguments[field] = rest[i + 1]
        i += 2
    return name, arguments


def run_calc(line: str, catalog: Catalog) -> str:
    name, arguments = parse_calc(line)
    try:
        return render_result(TOOLS[name].run(arguments, catalog))
    except ToolInputError as exc:
        raise UsageError(str(exc)) from None
