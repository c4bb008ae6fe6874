"""The typed events one agent turn yields. The CLI prints them, the TUI renders them, the store
keeps them: no streaming loop lives inside a widget."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Side = Literal["local", "claude"]  # which side of the hybrid: the local model or Claude


class Notice(BaseModel):
    """Something the user should know that is not the answer: a fallback, a stale price."""

    type: Literal["notice"] = "notice"
    level: Literal["info", "warning", "error"] = "info"
    text: str


class TextChunk(BaseModel):
    type: Literal["text"] = "text"
    text: str
    side: Side = "local"


class ToolCalled(BaseModel):
    type: Literal["tool_call"] = "tool_call"
    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    by: Literal["model", "interview", "user"] = "interview"


class ToolAnswered(BaseModel):
    type: Literal["tool_result"] = "tool_result"
    name: str
    result: dict[str, Any] | None = None
    error: str | None = None


class ProfileChanged(BaseModel):
    type: Literal["profile"] = "profile"
    changes: dict[str, list[Any]]  # field → [old, new]


class Escalated(BaseModel):
    type: Literal["escalation"] = "escalation"
    reason: str
    model: str


class UsageRecorded(BaseModel):
    type: Literal["usage"] = "usage"
    side: Side
    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    seconds: float = 0.0
    usd: float = 0.0
    reservation: int | None = None  # the ledger row reserved for this call, settled by this usage


class AllClaudeEstimated(BaseModel):
    """What a Claude-only advisor would have spent on this turn (advisor/meter.py)."""

    type: Literal["all_claude"] = "all_claude"
    model: str
    input_tokens: int
    output_tokens: int
    usd: float
    basis: str


class FieldsRead(BaseModel):
    """What a turn read: each field it changed, with its value, the words it came from and whether it
    is new, changed or a correction (``ReadEntry`` as a dict); and the questions it asked instead of
    writing a value, with the fields each is about."""

    type: Literal["read"] = "read"
    entries: list[dict[str, Any]] = Field(default_factory=list)
    lines: list[str] = Field(default_factory=list, description="the entries as shown, one line each")
    questions: list[dict[str, Any]] = Field(default_factory=list)


class ScenarioComputed(BaseModel):
    """A what-if's result: what it changed ({field, from, to}), the options then and the
    recommendation then (the main recommendation's model: ``not_offered`` and all)."""

    type: Literal["scenario"] = "scenario"
    title: str
    changes: list[dict[str, Any]]
    options: list[dict[str, Any]]
    recommendation: dict[str, Any] | None = None
    plan: dict[str, Any] | None = None  # in a session of several workloads: the plan then


class TurnFailed(BaseModel):
    type: Literal["error"] = "error"
    kind: str
    message: str


class TurnFinished(BaseModel):
    type: Literal["done"] = "done"
    answer: str


AgentEvent = (
    Notice
    | TextChunk
    | ToolCalled
    | ToolAnswered
    | ProfileChanged
    | FieldsRead
    | Escalated
    | UsageRecorded
    | AllClaudeEstimated
    | ScenarioComputed
    | TurnFailed
    | TurnFinished
)
