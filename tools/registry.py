"""The one list of tools. From it come the LLM tool schemas (shaped per SDK by the adapters), the
`advisor calc` subcommands and the chat's /calc — never written twice.

To add a calculator: write its module (an input model and a function of it and the catalog), then
register it at the end of this file with ``@tool(name, description)`` above a function that imports
the module and returns the two (docs/architecture.md, "Adding a command")."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ValidationError

from advisor.tools.base import ToolError, ToolResult, short
from advisor.tools.register import Registry

if TYPE_CHECKING:
    from advisor.tools.catalog import Catalog


Calculator = tuple[type[BaseModel], Callable[[Any, "Catalog | None"], ToolResult]]


@dataclass(frozen=True)
class Tool:
    """One calculator. ``handler`` imports its module and returns its input model and function, on
    first use: `advisor calc payback` loads the payback code alone (start-up time), while the chat
    and the schemas see every tool."""

    name: str  # as typed on the command line: cloud-cost
    handler: Callable[[], Calculator]
    description: str
    needs_catalog: bool = True

    @cached_property
    def input_model(self) -> type[BaseModel]:
        return self.handler()[0]

    @cached_property
    def func(self) -> Callable[[Any, Catalog | None], ToolResult]:
        return self.handler()[1]

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


def tool_by_function_name(name: str) -> Tool | None:
    return TOOLS.get(name.replace("_", "-"))


TOOLS: Registry[Tool] = Registry(Tool)
tool = TOOLS.register


@tool("cloud-cost", description="Monthly cost of a token volume on a cloud model")
def _cloud_cost() -> Calculator:
    from advisor.tools import cloud_cost

    return cloud_cost.CloudCostInput, cloud_cost.cloud_cost


@tool("local-cost", description="Monthly and first-year cost of owned or rented hardware")
def _local_cost() -> Calculator:
    from advisor.tools import local_cost

    return local_cost.LocalCostInput, local_cost.local_cost


@tool("payback", description="Months until hardware pays for itself against a cloud bill", needs_catalog=False)
def _payback() -> Calculator:
    from advisor.tools import payback

    return payback.PaybackInput, payback.payback


@tool("breakeven", description="Monthly token volume where local and cloud cost the same")
def _breakeven() -> Calculator:
    from advisor.tools import breakeven

    return breakeven.BreakevenInput, breakeven.breakeven


@tool("capacity", description="Tokens a month a box can generate with a model; whether it fits")
def _capacity() -> Calculator:
    from advisor.tools import capacity

    return capacity.CapacityInput, capacity.capacity


@tool("hybrid", description="Cost of keeping a share local and sending the rest to a cloud model")
def _hybrid() -> Calculator:
    from advisor.tools import hybrid

    return hybrid.HybridInput, hybrid.hybrid


@tool("compare", description="Rank cloud, local and hybrid options for a workload and recommend one")
def _compare() -> Calculator:
    from advisor.tools import compare

    return compare.CompareInput, compare.compare
