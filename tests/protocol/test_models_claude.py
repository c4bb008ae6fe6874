"""The Claude adapter through the real `anthropic` SDK against a loopback server that speaks the
Messages API (no network here): retries, their bound, no retry on auth errors, what is sent, and
that the key never shows."""

from __future__ import annotations

import pytest
from tenacity import wait_none

from advisor.models.base import Finished, Message, ModelError, TextDelta
from advisor.models.claude_model import ClaudeModel
from tests.loopback import claude_error, claude_message, dead_port, loopback

KEY = "sk-ant-test-0123456789-secret"
MESSAGES = [Message(role="system", content="You write memos."), Message(role="user", content="Write it.")]


def model(url, **kw):
    return ClaudeModel("claude-sonnet-4-6", api_key=KEY, base_url=url, wait=wait_none(), **kw)


def test_success_usage_and_request_shape():
    with loopback({"/v1/messages": [claude_message("The memo.")]}) as (url, rec):
        events = list(model(url).chat(MESSAGES))
    assert [e.text for e in events if isinstance(e, TextDelta)] == ["The memo."]
    done = events[-1]
    assert isinstance(done, Finished) and done.usage.input_tokens == 1200 and done.usage.output_tokens == 300
    body = rec.requests[0]["body"]
    assert body["system"] == "You write memos."
    assert body["messages"] == [{"role": "user", "content": "Write it."}]
    assert not {"temperature", "top_p", "top_k"} & set(body)


def test_429_then_success_is_retried_once():
    script = {"/v1/messages": [claude_error(429, "rate_limit_error", **{"retry-after": "0"}), claude_message("ok")]}
    retries = []
    with loopback(script) as (url, rec):
        events = list(model(url, on_retry=lambda n, w, why: retries.append((n, why))).chat(MESSAGES))
    assert events[-1].message.content == "ok"
    assert len(rec.requests) == 2  # the SDK's own retries are off: no multiplying
    assert retries == [(1, "RateLimitError")]


def test_529_until_attempts_are_spent():
    script = {"/v1/messages": [claude_error(529, "overloaded_error")]}
    with loopback(script) as (url, rec), pytest.raises(ModelError) as err:
        list(model(url, attempts=3).chat(MESSAGES))
    assert err.value.kind == "overloaded"
    assert len(rec.requests) == 3


def test_500_is_retried_then_reported():
    with loopback({"/v1/messages": [claude_error(500, "api_error")]}) as (url, rec), pytest.raises(ModelError) as err:
        list(model(url, attempts=2).chat(MESSAGES))
    assert err.value.kind == "server" and len(rec.requests) == 2


def test_401_is_not_retried_and_never_shows_the_key():
    with loopback({"/v1/messages": [claude_error(401, "authentication_error", "invalid x-api-key")]}) as (url, rec):
        m = model(url)
        with pytest.raises(ModelError) as err:
            list(m.chat(MESSAGES))
    assert err.value.kind == "auth" and len(rec.requests) == 1
    assert KEY not in str(err.value) and KEY not in repr(m) and KEY not in repr(err.value)


def test_retries_stop_at_the_total_time_allowed():
    """50 attempts are allowed but the total time is 1 s: the retries stop well before the 50th."""
    script = {"/v1/messages": [claude_error(529, "overloaded_error")]}
    with loopback(script) as (url, rec):
        slow = ClaudeModel("claude-sonnet-4-6", api_key=KEY, base_url=url, attempts=50, max_total_seconds=1.0)
        with pytest.raises(ModelError):
            list(slow.chat(MESSAGES))
    assert 1 < len(rec.requests) < 50


def test_slow_server_times_out():
    from tests.loopback import Reply

    script = {"/v1/messages": [Reply(body={}, delay=3)]}
    with loopback(script) as (url, _):
        m = ClaudeModel("claude-sonnet-4-6", api_key=KEY, base_url=url, timeout=0.5, attempts=1, wait=wait_none())
        with pytest.raises(ModelError) as err:
            list(m.chat(MESSAGES))
    assert err.value.kind == "unreachable"


def test_dead_server_is_unreachable():
    with pytest.raises(ModelError) as err:
        list(model(dead_port(), attempts=2).chat(MESSAGES))
    assert err.value.kind == "unreachable"


def test_no_key_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with pytest.raises(ModelError, match="ANTHROPIC_API_KEY"):
        ClaudeModel("claude-sonnet-4-6")
