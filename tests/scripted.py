"""A scripted chat model that speaks the ChatModel protocol: each call plays the next script step.
Used to test the agent loop without a model server (the adapters have their own tests)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

from advisor.models.base import (
    Finished,
    Message,
    ModelError,
    ModelEvent,
    TextDelta,
    ToolCall,
    ToolCallsReady,
    ToolSpec,
    Usage,
)


class Step:
    def __init__(
        self,
        text: str = "",
        calls: list[tuple[str, dict]] | None = None,
        error: ModelError | None = None,
        delay: float = 0.0,
    ):
        self.text, self.calls, self.error, self.delay = text, calls or [], error, delay


class ScriptedModel:
    side = "local"

    def __init__(self, steps: list[Step], label: str = "scripted:test", repeat_last: bool = False):
        self.steps, self.label, self.repeat_last = list(steps), label, repeat_last
        self.requests: list[list[Message]] = []
        self.tools_seen: list[list[ToolSpec] | None] = []
        self.lock = threading.Lock()

    def chat(self, messages: list[Message], tools: list[ToolSpec] | None = None) -> Iterator[ModelEvent]:
        with self.lock:
            self.requests.append(list(messages))
            self.tools_seen.append(tools)
            if not self.steps:
                step = Step(text="(script ended)")
            elif self.repeat_last and len(self.steps) == 1:
                step = self.steps[0]
            else:
                step = self.steps.pop(0)
        if step.error:
            raise step.error
        words = step.text.split(" ") if step.text else []
        for i, word in enumerate(words):
            if step.delay:
                time.sleep(step.delay)
            yield TextDelta(text=word + (" " if i < len(words) - 1 else ""))
        calls = [ToolCall(name=n, arguments=a) for n, a in step.calls]
        if calls:
            yield ToolCallsReady(calls=calls)
        yield Finished(
            message=Message(role="assistant", content=step.text, tool_calls=calls),
            usage=Usage(
                input_tokens=sum(len(m.content) for m in messages) // 4, output_tokens=len(words), seconds=0.01
            ),
        )
