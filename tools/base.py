"""What every tool shares: strict inputs, results that carry their assumptions."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ToolInput(BaseModel):
    """Strict: an unknown field is an error (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class ToolResult(BaseModel):
    model_config = ConfigDict(defer_build=True)

    assumptions: list[str] = Field(default_factory=list)


class ToolError(ValueError):
    """Bad input the user can fix: one line naming the field, the value and a hint."""

    def __init__(self, field: str, value: object, hint: str):
        self.field, self.value, self.hint = field, value, hint
        super().__init__(f"{field.replace('_', '-')}: {value!r} {hint}")
