"""Escalation through a session: exactly one Claude call for the final memo, with its reason, its
cost in the ledger and the local/Claude split; none offline; a failing Claude leaves the local
answer standing. Claude here is the scripted protocol model; the real SDK adapter is tested
against a loopback server in test_models_claude.py."""

from __future__ import annotations

import pytest

from advisor.config import load_config
from advisor.events import Escalated, Notice, TextChunk, UsageRecorded
from advisor.models.base import ModelError
from advisor.session import Session
from tests.scripted import ScriptedModel, Step

ROUTER = "A router agent handles 5,000 requests a day at 2K tokens each; public data"
MEMO = "write the final recommendation memo for our board"


def claude(steps):
    model = ScriptedModel(steps, label="claude-sonnet-4-6")
    model.side = "claude"
    return model


def session_with(model, **config):
    session = Session.open(load_config(local="none", **config))
    session.claude, session.claude_label = model, model.label if model else "off"
    return session


def test_memo_request_makes_exactly_one_claude_call_and_records_its_cost():
    model = claude([Step(text="Buy the used 3090 and keep the hard tenth on the API.")])
    session = session_with(model)
    list(session.turn(ROUTER))
    assert model.requests == []  # the interview turn stays local
    events = list(session.turn(MEMO))
    assert len(model.requests) == 1
    escalation = next(e for e in events if isinstance(e, Escalated))
    assert "memo" in escalation.reason
    usage = next(e for e in events if isinstance(e, UsageRecorded) and e.side == "claude")
    assert usage.usd > 0
    spend = session.spend()
    assert spend.claude_turns == 1 and spend.local_turns == 1
    assert spend.claude_usd == pytest.approx(usage.usd)
    assert spend.all_claude_usd >= spend.claude_usd
    assert "Buy the used 3090" in events[-1].answer
    sent = model.requests[0][-1].content
    assert "monthly_usd" in sent  # the tool results, not a transcript
    assert ROUTER not in sent


def test_regulated_profile_sends_no_raw_text():
    model = claude([Step(text="Keep it on-premises.")])
    session = session_with(model)
    list(session.turn("We process patient records (HIPAA), 2,000 notes a day at 3K tokens each; BAA with Anthropic"))
    list(session.turn("write the final memo for our board about patient John Doe"))
    sent = model.requests[0][-1].content
    assert "John Doe" not in sent and "patient" not in sent and "the user's own words are not part of it" in sent


def test_offline_makes_no_claude_call():
    model = claude([Step(text="never")])
    session = session_with(model, offline=True)
    list(session.turn(ROUTER))
    events = list(session.turn(MEMO))
    assert model.requests == []
    assert any(isinstance(e, Notice) and "offline" in e.text for e in events)


def test_budget_spent_blocks_escalation():
    model = claude([Step(text="first memo"), Step(text="second memo")])
    session = session_with(model, budget_usd=0.0)
    list(session.turn(ROUTER))
    events = list(session.turn(MEMO))
    assert model.requests == []
    assert any(isinstance(e, Notice) and "budget" in e.text for e in events)


def test_claude_failure_falls_back_with_a_notice_and_keeps_the_turn():
    model = claude([Step(error=ModelError("overloaded", "Claude is overloaded (529) after 4 attempts"))])
    session = session_with(model)
    list(session.turn(ROUTER))
    events = list(session.turn(MEMO))
    assert any(isinstance(e, Notice) and "overloaded" in e.text for e in events)
    assert "**Recommendation: " in events[-1].answer  # the full local answer, options table and all
    assert "| option |" in events[-1].answer
    assert not any(isinstance(e, TextChunk) and e.side == "claude" and "Memo" in e.text for e in events)
    assert session.history()[-1].status == "ok"


def test_real_sdk_session_makes_one_call_with_structured_payload(monkeypatch):
    """The whole path with the real anthropic SDK against a loopback Messages API."""
    from tests.loopback import claude_message, loopback

    key = "sk-ant-session-test-key-000"
    with loopback({"/v1/messages": [claude_message("Board memo: go hybrid.", 2000, 400)]}) as (url, rec):
        monkeypatch.setenv("ANTHROPIC_API_KEY", key)
        monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
        session = Session.open(load_config(local="none"))
        assert session.claude_label == "claude-sonnet-4-6"
        list(session.turn(ROUTER))
        events = list(session.turn(MEMO))
    [sent] = [r for r in rec.requests if r["path"] == "/v1/messages"]  # one call (and the model check)
    assert key not in str(sent["body"])
    assert ROUTER not in str(sent["body"])
    assert any(isinstance(e, Escalated) and "memo" in e.reason for e in events)
    usage = next(e for e in events if isinstance(e, UsageRecorded))
    # 2,000 in and 400 out at $3/$15 per M, priced by the same cloud-cost tool the user sees
    assert usage.usd == pytest.approx(2000 / 1e6 * 3 + 400 / 1e6 * 15)
    assert "Board memo: go hybrid." in events[-1].answer


def test_declined_fields_and_the_memo_survive_sessions_switch_and_a_resume(tmp_path):
    """`/sessions NAME` and a new process (`advisor ask --session`, the TUI's resume) get the state
    back whole: declined fields are not asked again and `/export` keeps the Claude memo."""
    model = claude([Step(text="Buy the used 3090 and keep the hard tenth on the API.")])
    session = session_with(model, offline=False)
    list(session.turn(ROUTER))
    list(session.turn("300"))
    assert session.state.asked == "hardware"
    list(session.turn("none"))
    list(session.turn(MEMO))
    asked, name = session.state.asked, session.name
    assert session.state.declined == ["hardware"] and "Buy the used 3090" in session.state.memo

    session.reset()  # another session, then back, as /sessions NAME does
    assert session.state.declined == [] and session.state.memo is None
    session.switch(name)
    assert session.state.declined == ["hardware"] and "Buy the used 3090" in session.state.memo
    assert session.state.asked == asked
    first = session.export(tmp_path / "switched.md").read_text()

    resumed = Session.open(load_config(local="none", offline=True), session_name=name)
    assert resumed.state == session.state
    again = resumed.export(tmp_path / "resumed.md").read_text()
    assert "Buy the used 3090" in again and again == first
    list(resumed.turn("0.30"))  # the pending electricity question is answered, hardware not asked again
    assert resumed.state.profile.electricity_usd_per_kwh == pytest.approx(0.30)
    assert "hardware" not in (resumed.state.asked or "")
