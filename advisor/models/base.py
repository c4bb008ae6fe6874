"""The one protocol every chat model speaks: messages in, a stream of typed events out.

Adapters (ollama, embedded GGUF, Claude) translate their SDK's shapes to these models and their
SDK's errors to ``ModelError`` with a ``kind`` the agent can act on. Calls are synchronous
iterators: the TUI runs them in a thread worker and the CLI simply iterates.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, Field

from advisor.events import Side

Role = Literal["system", "user", "assistant", "tool"]


class ToolSpec(BaseModel):
    """One tool as a model sees it: a name, a line of description and a flat JSON schema."""

    name: str
    description: str
    parameters: dict[str, Any]


class ToolCall(BaseModel):
    id: str | None = None  # Claude's tool_use id; Ollama has none
    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)


class Message(BaseModel):
    role: Role
    content: str = ""
    tool_calls: list[ToolCall] = Field(default_factory=list)
    tool_name: str | None = None  # for role "tool": which tool answered
    tool_call_id: str | None = None  # for role "tool" on Claude


class Usage(BaseModel):
    input_tokens: int = 0
    output_tokens: int = 0
    seconds: float = 0.0
    first_token_seconds: float | None = None

    @property
    def tokens_per_second(self) -> float | None:
        if self.seconds <= 0 or not self.output_tokens:
            return None
        return self.output_tokens / self.seconds


class TextDelta(BaseModel):
    kind: Literal["text"] = "text"
    text: str


class ToolCallsReady(BaseModel):
    kind: Literal["tool_calls"] = "tool_calls"
    calls: list[ToolCall]


class Finished(BaseModel):
    kind: Literal["finished"] = "finished"
    message: Message  # the whole assistant message (text and tool calls)
    usage: Usage


ModelEvent = TextDelta | ToolCallsReady | Finished

ErrorKind = Literal[
    "unreachable",  # server down / connection refused / DNS
    "missing_model",  # model not pulled / file not found
    "no_tools",  # model cannot call tools
    "timeout",
    "auth",  # key missing or wrong: never retried
    "bad_request",  # never retried
    "rate_limit",
    "overloaded",
    "server",  # 5xx
    "budget",  # the session's Claude budget is spent
    "cancelled",
    "other",
]


class ModelError(Exception):
    """A model call failed; ``str(err)`` is one line fit to show a user (never holds a key)."""

    def __init__(self, kind: ErrorKind, message: str, *, retryable: bool = False):
        super().__init__(message)
        self.kind: ErrorKind = kind
        self.retryable = retryable


@runtime_checkable
class ChatModel(Protocol):
    """What the agent needs of a model. ``label`` is e.g. ``ollama:qwen3:4b`` or ``claude-…``."""

    label: str
    side: Side

    def chat(self, messages: list[Message], tools: list[ToolSpec] | None = None) -> Iterator[ModelEvent]:
        """Stream one assistant message: TextDeltas, maybe ToolCallsReady, then one Finished."""
        ...
