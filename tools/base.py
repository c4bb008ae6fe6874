"""What every tool shares: strict inputs, results that carry their assumptions."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator


def refuse_empty(value: object) -> object:
    """A field validator for every field of a tool's input: an empty or blank text value is an
    error, never taken as "not given" (``--cloud-model ''``)."""
    if isinstance(value, str) and not value.strip():
        raise ValueError("is empty; give a value, or leave the flag out for its default")
    return value


class ToolInput(BaseModel):
    """Strict: an unknown field is an error (a typo must not be silently ignored), and so is an
    empty value."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    _not_empty = field_validator("*", mode="before")(refuse_empty)


class ToolResult(BaseModel):
    model_config = ConfigDict(defer_build=True)

    assumptions: list[str] = Field(default_factory=list)


def short(value: object, limit: int = 120) -> str:
    """``repr(value)``, cut in the middle when long: a 1 MB value is never echoed whole."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit * 2 // 3]}…[{len(text):,} characters]…{text[-limit // 6 :]}"


class ToolError(ValueError):
    """Bad input the user can fix: one line naming the field, the value and a hint."""

    def __init__(self, field: str, value: object, hint: str):
        self.field, self.value, self.hint = field, value, hint
        super().__init__(f"{field.replace('_', '-')}: {short(value)} {hint}")
