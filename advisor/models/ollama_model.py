"""The local model through Ollama's official client: streaming, tool calls, bounded timeouts, and
errors mapped to one line a user can act on."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
from pydantic import BaseModel

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
from advisor.models.ollama_client import ollama, ollama_client

DEFAULT_HOST = "http://127.0.0.1:11434"
_THINK = re.compile(r"<think>.*?</think>\s*", re.DOTALL)


class HealthReport(BaseModel):
    ok: bool
    reason: str
    models: list[str] = []
    tools: bool | None = None
    missing: bool = False  # the server answers but has not pulled the model: it can be pulled


class OllamaModel:
    side = "local"

    def __init__(
        self,
        model: str,
        host: str | None = None,
        timeout: float = 120.0,
        connect_timeout: float = 3.0,
        client_kwargs: dict[str, Any] | None = None,
    ):
        self.model = model
        self.label = f"ollama:{model}"
        self.timeout = httpx.Timeout(timeout, connect=connect_timeout)
        self.client = ollama_client(host, timeout=self.timeout, **(client_kwargs or {}))
        self.host = str(self.client._client.base_url).rstrip("/") or DEFAULT_HOST

    # ---- health --------------------------------------------------------------------------
    def health(self) -> HealthReport:
        """Is the server up, is the model pulled, can it call tools? Never hangs."""
        try:
            names = [m.model for m in self.client.list().models if m.model]
        except (ConnectionError, httpx.HTTPError, ollama.ResponseError) as exc:
            return HealthReport(ok=False, reason=self._unreachable(exc))
        wanted = {self.model, f"{self.model}:latest"}
        if not wanted & set(names):
            return HealthReport(ok=False, models=names, missing=True, reason=self._missing())
        tools = None
        try:
            capabilities = getattr(self.client.show(self.model), "capabilities", None)
            tools = None if capabilities is None else "tools" in capabilities
        except (ConnectionError, httpx.HTTPError, ollama.ResponseError, ValueError):
            pass  # an older server without capabilities: the probe decides
        return HealthReport(ok=True, models=names, tools=tools, reason=f"Ollama at {self.host} has {self.model}")

    def _missing(self) -> str:
        return (
            f"Ollama at {self.host} has no model {self.model!r} — pull it with /pull in the chat,"
            f" `advisor model pull ollama:{self.model}` or `ollama pull {self.model}`"
        )

    def _unreachable(self, exc: BaseException) -> str:
        return f"Ollama is not reachable at {self.host} ({type(exc).__name__}) — start it with `ollama serve`"

    # ---- chat ----------------------------------------------------------------------------
    def chat(self, messages: list[Message], tools: list[ToolSpec] | None = None) -> Iterator[ModelEvent]:
        started = time.perf_counter()
        first: float | None = None
        text: list[str] = []
        calls: list[ToolCall] = []
        usage = Usage()
        thinking = ThinkFilter()
        try:
            stream = self.client.chat(
                model=self.model,
                messages=[_to_ollama(m) for m in messages],
                tools=[_tool(t) for t in tools] if tools else None,
                stream=True,
                think=False,
            )
            for chunk in stream:
                message = chunk.message
                if message.content:
                    text.append(message.content)
                    visible = thinking.feed(message.content)
                    if visible:
                        if first is None:
                            first = time.perf_counter() - started
                        yield TextDelta(text=visible)
                for call in message.tool_calls or []:
                    calls.append(ToolCall(name=call.function.name, arguments=dict(call.function.arguments or {})))
                if chunk.done:
                    usage = Usage(
                        input_tokens=chunk.prompt_eval_count or 0,
                        output_tokens=chunk.eval_count or 0,
                    )
        except ollama.ResponseError as exc:
            raise self._response_error(exc) from None
        except (ConnectionError, httpx.ConnectError) as exc:
            raise ModelError("unreachable", self._unreachable(exc), retryable=True) from None
        except httpx.TimeoutException:
            raise ModelError("timeout", f"Ollama did not answer within {self.timeout.read:g} s") from None
        except httpx.HTTPError as exc:
            raise ModelError("server", f"Ollama connection failed: {type(exc).__name__}") from None
        if calls:
            yield ToolCallsReady(calls=calls)
        content = _THINK.sub("", "".join(text))
        usage.seconds = time.perf_counter() - started
        usage.first_token_seconds = first
        yield Finished(message=Message(role="assistant", content=content, tool_calls=calls), usage=usage)

    def structured(self, messages: list[Message], schema: dict[str, Any]) -> dict[str, Any]:
        """One non-streamed reply constrained to a flat JSON ``schema`` (Ollama's ``format=``),
        parsed; the caller validates every value (``format`` is not always enforced)."""
        try:
            response = self.client.chat(
                model=self.model,
                messages=[_to_ollama(m) for m in messages],
                format=schema,
                stream=False,
                think=False,
                options={"temperature": 0},
            )
        except ollama.ResponseError as exc:
            raise self._response_error(exc) from None
        except (ConnectionError, httpx.HTTPError) as exc:
            raise ModelError("unreachable", self._unreachable(exc), retryable=True) from None
        try:
            parsed = json.loads(_THINK.sub("", response.message.content or ""))
        except json.JSONDecodeError:
            raise ModelError("bad_request", f"{self.model} did not answer with JSON") from None
        return parsed if isinstance(parsed, dict) else {}

    def _response_error(self, exc: ollama.ResponseError) -> ModelError:
        detail = (exc.error or "").strip()
        if exc.status_code == 404:
            return ModelError("missing_model", self._missing())
        if exc.status_code == 400 and "does not support tools" in detail:
            return ModelError("no_tools", f"{self.model} cannot call tools: {detail}")
        return ModelError("server", f"Ollama error ({exc.status_code}): {detail[:200]}")


class ThinkFilter:
    """Drops <think>…</think> from a stream (qwen3 may think even with think=False)."""

    def __init__(self) -> None:
        self.inside = False
        self.pending = ""

    def feed(self, text: str) -> str:
        self.pending += text
        out: list[str] = []
        while self.pending:
            if self.inside:
                end = self.pending.find("</think>")
                if end < 0:
                    self.pending = self.pending[-7:]
                    break
                self.pending, self.inside = self.pending[end + 8 :].lstrip(), False
            else:
                start = self.pending.find("<think>")
                if start < 0:
                    longest = min(6, len(self.pending))
                    keep = max((i for i in range(1, longest + 1) if "<think>".startswith(self.pending[-i:])), default=0)
                    out.append(self.pending[: len(self.pending) - keep])
                    self.pending = self.pending[len(self.pending) - keep :]
                    break
                out.append(self.pending[:start])
                self.pending, self.inside = self.pending[start + 7 :], True
        return "".join(out)


def _to_ollama(m: Message) -> dict[str, Any]:
    out: dict[str, Any] = {"role": m.role, "content": m.content}
    if m.tool_calls:
        out["tool_calls"] = [{"function": {"name": c.name, "arguments": c.arguments}} for c in m.tool_calls]
    if m.role == "tool" and m.tool_name:
        out["tool_name"] = m.tool_name
    return out


def _tool(spec: ToolSpec) -> dict[str, Any]:
    return {
        "type": "function",
        "function": {"name": spec.name, "description": spec.description, "parameters": spec.parameters},
    }
