"""The configured Claude model checked against the API's model list, through the real `anthropic`
SDK (`models.retrieve`, `models.list`) against a loopback server speaking the Models and Messages
APIs (tests/loopback.py; no network here): asked once, on first use; an unknown or retired model is
not called and one line names it and the priced models the API offers; a deprecated one is called,
with its retirement date and successor named once; the key never shows."""

from __future__ import annotations

import pytest
from tenacity import wait_none

from advisor.config import load_config
from advisor.events import Escalated, Notice, TextChunk
from advisor.models.base import Message
from advisor.models.claude_model import ClaudeModel
from advisor.session import Session
from tests.loopback import Reply, claude_error, claude_message, claude_model_info, claude_models, dead_port, loopback

KEY = "sk-ant-test-0123456789-secret"
PRICED = {"claude-sonnet-4-5", "claude-sonnet-4-6", "claude-sonnet-5-5", "claude-opus-4-7"}
OFFERED = claude_models(
    claude_model_info("claude-sonnet-5-5", "sonnet", created="2026-09-01"),
    claude_model_info("claude-experimental-9", "sonnet", created="2026-10-01"),  # no price here
    claude_model_info("claude-opus-4-7", "opus", created="2026-06-01"),
    claude_model_info("claude-sonnet-4-6", "sonnet", created="2026-02-01"),
)
ROUTER = "A router agent handles 5,000 requests a day at 2K tokens each; public data"
MEMO = "write the final recommendation memo for our board"


def model(url, name="claude-sonnet-4-6"):
    return ClaudeModel(name, api_key=KEY, base_url=url, wait=wait_none(), priced=PRICED.__contains__)


def paths(rec):
    return [r["path"].split("?")[0] for r in rec.requests]


def test_an_active_model_passes_and_is_asked_once():
    script = {
        "/v1/models/claude-sonnet-4-6": [Reply(body=claude_model_info("claude-sonnet-4-6", "sonnet"))],
        "/v1/messages": [claude_message("memo")],
    }
    with loopback(script) as (url, rec):
        m = model(url)
        first, second = m.check_model(), m.check_model()
        list(m.chat([Message(role="user", content="hi")]))
    assert first.usable and first.notice is None and second.usable
    assert paths(rec) == ["/v1/models/claude-sonnet-4-6", "/v1/messages"]  # once, and no list needed
    assert rec.requests[0]["headers"].get("Authorization", rec.requests[0]["headers"].get("authorization"))


def test_an_unknown_model_names_the_priced_models_the_api_offers():
    script = {
        "/v1/models/claude-sonnet-9": [claude_error(404, "not_found_error", "model: claude-sonnet-9")],
        "/v1/models": [OFFERED],
    }
    with loopback(script) as (url, rec):
        m = model(url, "claude-sonnet-9")
        check = m.check_model()
        again = m.check_model()
    assert not check.usable and again == check  # cached: not asked again
    assert paths(rec) == ["/v1/models/claude-sonnet-9", "/v1/models"]
    assert "'claude-sonnet-9'" in check.notice
    assert "claude-sonnet-5-5, claude-opus-4-7, claude-sonnet-4-6" in check.notice  # the API's order
    assert "claude-experimental-9" not in check.notice  # offered, but the catalog has no price
    assert "\n" not in check.notice and KEY not in check.notice


def test_a_retired_model_is_named_with_its_successor():
    retired = claude_model_info("claude-sonnet-4-5", "sonnet", lifecycle="retired", retires="2026-11-30")
    script = {"/v1/models/claude-sonnet-4-5": [Reply(body=retired)], "/v1/models": [OFFERED]}
    with loopback(script) as (url, _):
        check = model(url, "claude-sonnet-4-5").check_model()
    assert not check.usable
    assert check.notice == (
        "Claude model claude-sonnet-4-5 is retired (since 2026-11-30), so it was not called; "
        "its successor is claude-sonnet-5-5 — set --claude-model claude-sonnet-5-5"
    )  # the newest priced sonnet, not the newer unpriced one


def test_a_deprecated_model_is_called_and_warned_about_once():
    deprecated = claude_model_info("claude-sonnet-4-5", "sonnet", lifecycle="deprecated", retires="2026-11-30")
    script = {"/v1/models/claude-sonnet-4-5": [Reply(body=deprecated)], "/v1/models": [OFFERED]}
    with loopback(script) as (url, _):
        m = model(url, "claude-sonnet-4-5")
        first, second = m.check_model(), m.check_model()
    assert first.usable and "deprecated and retires on 2026-11-30" in first.notice
    assert "successor is claude-sonnet-5-5" in first.notice
    assert second.usable and second.notice is None


def test_a_model_api_that_cannot_be_asked_is_no_verdict_and_is_asked_again():
    m = model(dead_port())
    assert m.check_model().usable and m.check_model().notice is None
    with loopback(
        {
            "/v1/models/claude-sonnet-4-6": [
                claude_error(500, "api_error"),
                Reply(body=claude_model_info("claude-sonnet-4-6")),
            ]
        }
    ) as (url, rec):
        m = model(url)
        assert m.check_model().usable  # a 5xx is not a verdict…
        assert m.check_model().usable
    assert len(rec.requests) == 2  # …so the second use asks again


def _sonnet_4_5_api(lifecycle: str, memo: str) -> dict:
    """The Models API knowing claude-sonnet-4-5 at ``lifecycle``, and a Messages API answering ``memo``."""
    info = claude_model_info("claude-sonnet-4-5", "sonnet", lifecycle=lifecycle, retires="2026-11-30")
    return {
        "/v1/models/claude-sonnet-4-5": [Reply(body=info)],
        "/v1/models": [OFFERED],
        "/v1/messages": [claude_message(memo)],
    }


def _session(monkeypatch, url, name):
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
    return Session.open(load_config(local="none", claude_model=name), new=True)


def test_a_session_checks_on_first_escalation_not_at_startup_and_the_turn_falls_back(monkeypatch):
    with loopback(_sonnet_4_5_api("retired", "never")) as (url, rec):
        session = _session(monkeypatch, url, "claude-sonnet-4-5")
        list(session.turn(ROUTER))
        assert rec.requests == []  # not at startup, not on a turn that stays local
        events = list(session.turn(MEMO))
        later = list(session.turn(MEMO))
    assert "/v1/messages" not in paths(rec)
    assert paths(rec).count("/v1/models/claude-sonnet-4-5") == 1  # cached for the session
    notices = [e.text for e in events if isinstance(e, Notice)]
    assert any("claude-sonnet-4-5 is retired" in n and "claude-sonnet-5-5" in n for n in notices)
    assert not any(isinstance(e, Escalated) for e in events)
    assert "**Recommendation: " in events[-1].answer  # the local answer stands: no turn lost
    assert any(isinstance(e, Notice) and "retired" in e.text for e in later)
    session.set_offline(True)
    assert session.set_offline(False) is None and session.claude_label == "off (claude-sonnet-4-5 retired)"
    assert session.history()[-1].status == "ok" and session.spend().claude_turns == 0
    assert session.claude_label == "off (claude-sonnet-4-5 retired)"  # the status bar and ask --json
    assert KEY not in " ".join(notices)


def test_a_session_with_a_deprecated_model_still_gets_its_memo(monkeypatch):
    with loopback(_sonnet_4_5_api("deprecated", "Board memo: go hybrid.")) as (url, rec):
        session = _session(monkeypatch, url, "claude-sonnet-4-5")
        list(session.turn(ROUTER))
        events = list(session.turn(MEMO))
    assert paths(rec).count("/v1/messages") == 1
    assert any(isinstance(e, Notice) and "retires on 2026-11-30" in e.text for e in events)
    assert any(isinstance(e, TextChunk) and "Board memo" in e.text for e in events)
    assert session.claude_label == "claude-sonnet-4-5"


def test_offline_asks_nothing(monkeypatch):
    with loopback({}) as (url, rec):
        monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
        monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
        session = Session.open(load_config(local="none", offline=True), new=True)
        list(session.turn(ROUTER))
        list(session.turn(MEMO))
    assert rec.requests == []


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_key_is_no_verdict_and_the_call_says_why(status):
    kind = "authentication_error" if status == 401 else "permission_error"
    script = {"/v1/models/claude-sonnet-4-6": [claude_error(status, kind)]}
    with loopback(script) as (url, _):
        check = model(url).check_model()
    assert check.usable and check.notice is None


def test_a_successor_without_a_price_is_named_as_such():
    retired = claude_model_info("claude-haiku-3", "haiku", lifecycle="retired")
    offered = claude_models(claude_model_info("claude-haiku-9", "haiku"), claude_model_info("claude-opus-4-7", "opus"))
    script = {"/v1/models/claude-haiku-3": [Reply(body=retired)], "/v1/models": [offered]}
    with loopback(script) as (url, _):
        check = model(url, "claude-haiku-3").check_model()
    assert not check.usable
    assert "its successor claude-haiku-9 has no price in the catalog yet" in check.notice
    assert check.notice.endswith("the models it offers that the catalog prices: claude-opus-4-7")
