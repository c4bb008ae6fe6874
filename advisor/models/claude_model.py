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
CREDENTIALS = {  # what a rejected call names, per platform
    "api": "ANTHROPIC_API_KEY",
    "bedrock": "AWS_BEARER_TOKEN_BEDROCK or your AWS credentials",
    "vertex": "ADVISOR_VERTEX_ACCESS_TOKEN or your Google credentials",
}


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
        platform: str = "api",
        region: str | None = None,
        project: str | None = None,
        api_model: str | None = None,
        label: str | None = None,
        inference_geo: str | None = None,
    ):
        self.platform = platform
        self.label = label or model
        self.model = model
        self.api_model = api_model or model  # the id the platform's API takes (eu.anthropic.… on Bedrock)
        self.inference_geo = inference_geo
        self.max_tokens = max_tokens
        self.attempts = attempts
        self.max_total_seconds = max_total_seconds
        self.on_retry = on_retry
        self.wait = wait or wait_random_exponential(multiplier=0.5, max=8)
        self._client = claude_client(platform, api_key, base_url, timeout, region, project)
        self._priced = priced or (lambda _model: True)
        self._checked: ModelCheck | None = None

    def check_model(self) -> ModelCheck:
        """Whether the API serves this model (asked once, on first use; see claude_check). A
        deprecation notice is given once; an unusable model's notice every time it is refused."""
        if self.platform != "api":  # Bedrock and Vertex list no Anthropic models: nothing to ask
            return ModelCheck(usable=True)
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
        return f"ClaudeModel(platform={self.platform!r}, model={self.api_model!r})"

    def chat(self, messages: list[Message], tools: list[ToolSpec] | None = None) -> Iterator[ModelEvent]:
        started = time.perf_counter()
        system = "\n\n".join(m.content for m in messages if m.role == "system")
        request: dict[str, Any] = {
            "model": self.api_model,
            "max_tokens": self.max_tokens,
            "messages": _to_anthropic([m for m in messages if m.role != "system"]),
        }
        if system:
            request["system"] = system
        if self.inference_geo:  # Anthropic's API keeps inference in this geography ('us')
            request["inference_geo"] = self.inference_geo
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
            check = CREDENTIALS[self.platform]
            raise ModelError("auth", f"Claude rejected the credentials (401) — check {check}") from None
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


def claude_client(
    platform: str, api_key: str | None, base_url: str | None, timeout: float, region: str | None, project: str | None
) -> Any:
    """The SDK's client for the platform: ``anthropic.Anthropic`` for Anthropic's API (ANTHROPIC_API_KEY),
    ``AnthropicBedrock`` for AWS Bedrock (a Bedrock API key in AWS_BEARER_TOKEN_BEDROCK, else AWS
    credentials through boto3), ``AnthropicVertex`` for Google Vertex AI (an access token in
    ADVISOR_VERTEX_ACCESS_TOKEN, else Google's application default credentials through google-auth).
    Each takes its base URL from its own variable (ANTHROPIC_BASE_URL, ANTHROPIC_BEDROCK_BASE_URL,
    ANTHROPIC_VERTEX_BASE_URL). Retries are tenacity's, so the SDK's are off."""
    if platform == "bedrock":
        token = _token_or_library(
            api_key, "AWS_BEARER_TOKEN_BEDROCK", "boto3", "Bedrock", "a Bedrock API key", "AWS credentials", "bedrock"
        )
        aws_region = "us-east-1" if region in (None, "global") else region
        if region == "global":
            aws_region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or aws_region
        return anthropic.AnthropicBedrock(
            api_key=token or None, aws_region=aws_region, base_url=base_url, max_retries=0, timeout=timeout
        )
    if platform == "vertex":
        token = _token_or_library(
            api_key,
            "ADVISOR_VERTEX_ACCESS_TOKEN",
            "google.auth",
            "Vertex AI",
            "from `gcloud auth print-access-token`",
            "Google credentials",
            "vertex",
        )
        if not project:
            raise ModelError("auth", "Claude on Vertex AI needs claude_project (the Google Cloud project id)")
        return anthropic.AnthropicVertex(
            region=region or "global",
            project_id=project,
            access_token=token or None,
            base_url=base_url,
            max_retries=0,
            timeout=timeout,
        )
    key = api_key or os.environ.get("ANTHROPIC_API_KEY")
    if not key:
        raise ModelError("auth", "no ANTHROPIC_API_KEY set — Claude is off; the advisor answers locally")
    return anthropic.Anthropic(api_key=key, base_url=base_url, max_retries=0, timeout=timeout)


def _token_or_library(
    api_key: str | None, variable: str, library: str, where: str, token_is: str, else_: str, extra: str
) -> str | None:
    """The platform's token (given, or from ``variable``); None when its SDK library will find the
    credentials itself; a ModelError naming both ways when neither can."""
    token = api_key or os.environ.get(variable)
    if not token and not _importable(library):
        raise ModelError(
            "auth",
            f"Claude on {where} needs {variable} ({token_is}), or {else_} with {library.replace('.', '-')} installed"
            f" (pip install 'anthropic[{extra}]') — Claude is off; the advisor answers locally",
        )
    return token


def _importable(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


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
