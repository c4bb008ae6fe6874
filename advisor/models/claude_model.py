"""Claude through the official anthropic SDK, with retries by tenacity.

The SDK's own retries are off (max_retries=0) so attempts do not multiply; tenacity retries rate
limits (429), overload (529), 5xx, timeouts and connection errors with jittered exponential
backoff, bounded in attempts and total time. Authentication and bad requests are not retried.
The call is made without streaming inside the retried function, so a retry never follows text
already on screen; the text is then yielded. The API key is never put into a message or repr.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import anthropic
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    stop_after_delay,
    wait_random_exponential,
)

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
from advisor.models.claude_check import ModelCheck, check_model

RETRYABLE = (
    anthropic.RateLimitError,
    anthropic.OverloadedError,
    anthropic.InternalServerError,
    anthropic.APITimeoutError,
    anthropic.APIConnectionError,
)
RetryHook = Callable[[int, float, str], None]


class ClaudeModel:
    side = "claude"

    def __init__(
        self,
        model: str,
        api_key: str | None = None,
        base_url: str | None = None,
        max_tokens: int = 2048,
        max_total_seconds: float = 30.0,
        attempts: int = 4,
        timeout: float = 60.0,
        on_retry: RetryHook | None = None,
        wait: Any = None,
        priced: Callable[[str], bool] | None = None,
    ):
        key = api_key or os.environ.get("ANTHROPIC_API_KEY")
        if not key:
            raise ModelError("auth", "no ANTHROPIC_API_KEY set — Claude is off; the advisor answers locally")
        self.label = model
        self.model = model
        self.max_tokens = max_tokens
        self.attempts = attempts
        self.max_total_seconds = max_total_seconds
        self.on_retry = on_retry
        self.wait = wait or wait_random_exponential(multiplier=0.5, max=8)
        self._client = anthropic.Anthropic(api_key=key, base_url=base_url, max_retries=0, timeout=timeout)
        self._priced = priced or (lambda _model: True)
        self._checked: ModelCheck | None = None

    def check_model(self) -> ModelCheck:
        """Whether the API serves this model (asked once, on first use; see claude_check). A
        deprecation notice is given once; an unusable model's notice every time it is refused."""
        if self._checked is None:
            found = check_model(self._client, self.model, self._priced)
            if found is None:  # the API could not be asked: the call goes ahead and says why
                return ModelCheck(usable=True)
            self._checked = found
            return found
        return self._checked if not self._checked.usable else ModelCheck(usable=True)

    @property
    def verdict(self) -> ModelCheck | None:
        """What the API said of this model, once asked (None before, or when it could not be asked)."""
        return self._checked

    def __repr__(self) -> str:
        return f"ClaudeModel(model={self.model!r})"

    def chat(self, messages: list[Message], tools: list[ToolSpec] | None = None) -> Iterator[ModelEvent]:
        started = time.perf_counter()
        system = "\n\n".join(m.content for m in messages if m.role == "system")
        request: dict[str, Any] = {
            "model": self.model,
            "max_tokens": self.max_tokens,
            "messages": _to_anthropic([m for m in messages if m.role != "system"]),
        }
        if system:
            request["system"] = system
        if tools:
            request["tools"] = [
                {"name": t.name, "description": t.description, "input_schema": t.parameters} for t in tools
            ]
        response = self._create(request)
        text = "".join(block.text for block in response.content if block.type == "text")
        calls = [
            ToolCall(id=block.id, name=block.name, arguments=dict(block.input or {}))
            for block in response.content
            if block.type == "tool_use"
        ]
        if text:
            yield TextDelta(text=text)
        if calls:
            yield ToolCallsReady(calls=calls)
        usage = Usage(
            input_tokens=response.usage.input_tokens,
            output_tokens=response.usage.output_tokens,
            seconds=time.perf_counter() - started,
        )
        yield Finished(message=Message(role="assistant", content=text, tool_calls=calls), usage=usage)

    def _create(self, request: dict[str, Any]) -> Any:
        retrying = Retrying(
            retry=retry_if_exception_type(RETRYABLE),
            stop=stop_after_attempt(self.attempts) | stop_after_delay(self.max_total_seconds),
            wait=self.wait,
            before_sleep=self._before_sleep,
            reraise=True,
        )
        try:
            return retrying(self._client.messages.create, **request)
        except anthropic.AuthenticationError:
            raise ModelError("auth", "Claude rejected the API key (401) — check ANTHROPIC_API_KEY") from None
        except anthropic.PermissionDeniedError:
            raise ModelError("auth", "Claude refused this key permission for the model (403)") from None
        except anthropic.NotFoundError:
            raise ModelError("bad_request", f"Claude has no model {self.model!r} (404) — set --claude-model") from None
        except anthropic.BadRequestError as exc:
            raise ModelError("bad_request", f"Claude rejected the request (400): {_message(exc)}") from None
        except anthropic.RateLimitError:
            raise ModelError("rate_limit", f"Claude is rate-limited (429) after {self.attempts} attempts") from None
        except anthropic.OverloadedError:
            raise ModelError("overloaded", f"Claude is overloaded (529) after {self.attempts} attempts") from None
        except anthropic.InternalServerError as exc:
            raise ModelError("server", f"Claude failed ({exc.status_code}) after {self.attempts} attempts") from None
        except (anthropic.APITimeoutError, anthropic.APIConnectionError):
            raise ModelError("unreachable", "Claude could not be reached (connection or timeout)") from None
        except anthropic.APIStatusError as exc:
            raise ModelError("server", f"Claude error ({exc.status_code}): {_message(exc)}") from None

    def _before_sleep(self, state: RetryCallState) -> None:
        if self.on_retry is None or state.outcome is None:
            return
        error = state.outcome.exception()
        wait = state.next_action.sleep if state.next_action else 0.0
        self.on_retry(state.attempt_number, wait, type(error).__name__)


def _message(exc: anthropic.APIStatusError) -> str:
    body = exc.body if isinstance(exc.body, dict) else {}
    return str(body.get("error", {}).get("message", ""))[:200] or type(exc).__name__


def _to_anthropic(messages: list[Message]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for m in messages:
        if m.role == "tool":
            block = {"type": "tool_result", "tool_use_id": m.tool_call_id or "", "content": m.content}
            if out and out[-1]["role"] == "user" and isinstance(out[-1]["content"], list):
                out[-1]["content"].append(block)
            else:
                out.append({"role": "user", "content": [block]})
        elif m.role == "assistant" and m.tool_calls:
            content: list[dict[str, Any]] = [{"type": "text", "text": m.content}] if m.content else []
            content += [
                {"type": "tool_use", "id": c.id or f"call_{i}", "name": c.name, "input": c.arguments}
                for i, c in enumerate(m.tool_calls)
            ]
            out.append({"role": "assistant", "content": content})
        else:
            out.append({"role": m.role, "content": m.content})
    return out
