"""A bill the advisor can check. It knows what it sent to Claude and how long an answer it allowed:
a response reporting more input tokens than the request had bytes, or more output tokens than
max_tokens, is recorded as reported, flagged in one line and in `ask --json`, and holds the
session's Claude calls until the user confirms it (/bill confirm). A ledger past the budget says so.

Claude is a loopback server speaking Anthropic's Messages API (tests/loopback.py), reached through
the real `anthropic` SDK — and from separate `advisor ask` processes for the hold that outlives one."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor.config import load_config
from advisor.escalation.bill import checked
from advisor.escalation.pricing import claude_usd, most_input_tokens, worst_case_input_tokens
from advisor.events import Escalated, Notice
from advisor.session import Session
from advisor.tools.catalog import load_catalog
from tests.loopback import claude_message, loopback

MODEL = "claude-sonnet-4-6"
VOLUME = "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data"
MEMO = "write the final recommendation memo for our board"


@pytest.fixture
def api(monkeypatch):
    """A Messages API whose first answer bills a million input tokens for a short prompt, then
    honest bills."""
    replies = [claude_message("Memo.", input_tokens=1_000_000, output_tokens=300), claude_message("Memo.")]
    with loopback({"/v1/messages": replies}) as (url, recorder):
        monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key")
        yield recorder


def _calls(api) -> int:
    return sum(r["path"] == "/v1/messages" for r in api.requests)


def _notices(events) -> list[str]:
    return [e.text for e in events if isinstance(e, Notice)]


def _ask(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "advisor.cli", "ask", "--local", "none", "--session", "billed", *args]
    return subprocess.run(command, capture_output=True, text=True, env=os.environ.copy(), timeout=120)


def test_a_bill_beyond_what_was_sent_is_recorded_flagged_and_holds_claude(api):
    session = Session.open(load_config(local="none", budget_usd=0.10), new=True)
    list(session.turn(VOLUME))
    events = list(session.turn(MEMO))
    assert _calls(api) == 1
    # recorded as reported: the ledger holds what the provider will charge, past the budget…
    reported = claude_usd(load_catalog(), MODEL, 1_000_000, 300)
    assert session.spend().claude_usd == pytest.approx(reported) and reported > 0.10
    # …and says so, in one line each: the bill and the budget
    [flag] = [n for n in _notices(events) if "beyond what was sent" in n]
    assert "1,000,000 input tokens for a request of at most" in flag and f"${reported:.2f}" in flag
    assert "/bill confirm" in flag and "\n" not in flag
    assert any("past its $0.10 budget" in n for n in _notices(events))
    # the next Claude call waits for the user, whatever the budget
    session.config.budget_usd = 100.0
    again = list(session.turn(MEMO, escalate=True))
    assert _calls(api) == 1 and not any(isinstance(e, Escalated) for e in again)
    assert any("Claude is held" in n and "/bill confirm" in n for n in _notices(again))
    session.close()


def test_the_hold_outlives_the_process_shows_in_ask_json_and_goes_on_confirm(api):
    assert _ask(VOLUME).returncode == 0
    first = _ask("--json", MEMO)
    assert first.returncode == 0, first.stderr
    document = json.loads(first.stdout)
    assert document["bill_hold"]["input_tokens"] == 1_000_000
    assert any("beyond what was sent" in n for n in document["notices"])
    held = _ask("--budget-usd", "100", "--json", "/escalate")  # another process: still held
    assert _calls(api) == 1 and "Claude is held" in held.stdout + held.stderr
    confirmed = _ask("/bill confirm")
    assert confirmed.returncode == 0 and "bill confirmed" in confirmed.stdout + confirmed.stderr
    after = _ask("--budget-usd", "100", "--json", MEMO)
    assert _calls(api) == 2 and json.loads(after.stdout)["bill_hold"] is None


def _memo_billed(monkeypatch, input_tokens: int, output_tokens: int) -> tuple[Session, list]:
    """A memo from a Messages API that bills these tokens: the session and the turn's events."""
    reply = claude_message("Memo.", input_tokens=input_tokens, output_tokens=output_tokens)
    with loopback({"/v1/messages": [reply]}) as (url, _):
        monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key")
        session = Session.open(load_config(local="none", budget_usd=5), new=True)
        list(session.turn(VOLUME))
        return session, list(session.turn(MEMO))


def test_an_answer_longer_than_allowed_is_flagged_too(monkeypatch):
    session, events = _memo_billed(monkeypatch, 900, 50_000)
    [flag] = [n for n in _notices(events) if "beyond what was sent" in n]
    assert "50,000 output tokens where 2,048 were allowed" in flag
    assert session.state.bill_hold is not None and session.state.bill_hold.output_tokens == 50_000


def test_an_honest_bill_holds_nothing(monkeypatch):
    session, events = _memo_billed(monkeypatch, 2_000, 2_048)
    assert any(isinstance(e, Escalated) for e in events)
    assert session.state.bill_hold is None and not any("beyond" in n for n in _notices(events))


@given(texts=st.lists(st.text(max_size=200), min_size=1, max_size=4), extra=st.integers(1, 10**9))
def test_a_bill_is_believed_up_to_a_token_a_byte_and_no_further(texts, extra):
    most = most_input_tokens(texts)
    assert most >= worst_case_input_tokens(texts)  # the reservation's estimate is within what is believed
    common = {"model": MODEL, "sent": texts, "max_output_tokens": 2048, "output_tokens": 2048, "usd": 0.0}
    assert checked(input_tokens=most, **common) is None
    assert checked(input_tokens=most + extra, **common) is not None
    assert checked(**{**common, "output_tokens": 2049}, input_tokens=1) is not None
