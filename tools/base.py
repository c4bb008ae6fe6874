"""What every tool shares: strict inputs, results that carry their assumptions."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ToolInput(BaseModel):
    """Strict: an unknown field is an error (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


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
