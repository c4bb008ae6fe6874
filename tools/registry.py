"""The one list of tools. From it come the LLM tool schemas (shaped per SDK by the adapters), the
`advisor calc` subcommands and the chat's /calc — never written twice."""

from __future__ import annotations

import importlib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ValidationError

from advisor.tools.base import ToolError, ToolResult, short

if TYPE_CHECKING:
    from advisor.tools.catalog import Catalog


@dataclass(frozen=True)
class Tool:
    """One calculator. Its module is imported on first use, so `advisor calc payback` loads the
    payback code alone (start-up time), while the chat and the schemas see every tool."""

    name: str  # as typed on the command line: cloud-cost
    module: str  # tools.payback
    input_name: str
    func_name: str
    description: str
    needs_catalog: bool = True

    @cached_property
    def input_model(self) -> type[BaseModel]:
        return getattr(importlib.import_module(self.module), self.input_name)

    @cached_property
    def func(self) -> Callable[[Any, Catalog | None], ToolResult]:
        return getattr(importlib.import_module(self.module), self.func_name)

    @property
    def function_name(self) -> str:
        """The name a model calls it by: cloud_cost."""
        return self.name.replace("-", "_")

    def run(self, arguments: dict[str, Any], catalog: Catalog | None) -> ToolResult:
        """Validate ``arguments`` and compute; bad input raises ToolInputError (one line)."""
        try:
            parsed = self.input_model.model_validate(arguments)
            return self.func(parsed, catalog)
        except ValidationError as exc:
            raise ToolInputError(describe_validation_error(exc)) from None
        except ToolError as exc:  # includes CatalogLookupError: an unknown id
            raise ToolInputError(str(exc)) from None

    def parameters(self) -> dict[str, Any]:
        """A flat JSON schema (no $ref, no anyOf): small local models and Ollama cope with it."""
        properties: dict[str, Any] = {}
        required: list[str] = []
        for name, field in self.input_model.model_fields.items():
            prop = _json_type(field.annotation)
            if field.description:
                prop["description"] = field.description
            properties[name] = prop
            if field.is_required():
                required.append(name)
        return {"type": "object", "properties": properties, "required": required}


class ToolInputError(ValueError):
    """A tool call whose arguments do not validate: the message names field, value and hint."""


def _json_type(annotation: Any) -> dict[str, Any]:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType) and args:
        return _json_type(args[0])
    if origin is typing.Annotated:
        return _json_type(args[0])
    if origin is Literal:
        return {"type": "string", "enum": list(typing.get_args(annotation))}
    if annotation is bool:
        return {"type": "boolean"}
    if annotation is int:
        return {"type": "integer"}
    if annotation is float:
        return {"type": "number"}
    return {"type": "string"}


def describe_validation_error(exc: ValidationError) -> str:
    """One line: the first problem, naming the field (as a flag name), the value and a hint."""
    err = exc.errors()[0]
    field = ".".join(str(p) for p in err["loc"]).replace("_", "-") or "input"
    message = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if err["type"] == "extra_forbidden":
        return f"{field}: unknown field; see `advisor calc TOOL --help`"
    if err["type"] == "missing":
        return f"{field}: missing; it is required"
    if not err["loc"]:
        return f"input: {message}"
    value = err.get("input")
    return f"{field}: {short(value)} {message[0].lower() + message[1:]}"


TOOLS: dict[str, Tool] = {
    t.name: t
    for t in (
        Tool(
            "cloud-cost",
            "advisor.tools.cloud_cost",
            "CloudCostInput",
            "cloud_cost",
            "Monthly cost of a token volume on a cloud model",
        ),
        Tool(
            "local-cost",
            "advisor.tools.local_cost",
            "LocalCostInput",
            "local_cost",
            "Monthly and first-year cost of owned or rented hardware",
        ),
        Tool(
            "payback",
            "advisor.tools.payback",
            "PaybackInput",
            "payback",
            "Months until hardware pays for itself against a cloud bill",
            needs_catalog=False,
        ),
        Tool(
            "breakeven",
            "advisor.tools.breakeven",
            "BreakevenInput",
            "breakeven",
            "Monthly token volume where local and cloud cost the same",
        ),
        Tool(
            "capacity",
            "advisor.tools.capacity",
            "CapacityInput",
            "capacity",
            "Tokens a month a box can generate with a model; whether it fits",
        ),
        Tool(
            "hybrid",
            "advisor.tools.hybrid",
            "HybridInput",
            "hybrid",
            "Cost of keeping a share local and sending the rest to a cloud model",
        ),
        Tool(
            "compare",
            "advisor.tools.compare",
            "CompareInput",
            "compare",
            "Rank cloud, local and hybrid options for a workload and recommend one",
        ),
    )
}


def tool_by_function_name(name: str) -> Tool | None:
    return TOOLS.get(name.replace("_", "-"))
