"""A Claude budget that holds: each call's worst case (input estimate + max_tokens at the model's
price) is reserved under the database's write lock before the call and settled from the usage;
a model with no price is never called; a call killed or abandoned in flight keeps its reservation.

Claude is a loopback server speaking Anthropic's Messages API (tests/loopback.py), reached
through the real `anthropic` SDK — from separate `advisor ask` processes where it matters."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from advisor.config import load_config
from advisor.escalation.pricing import claude_usd
from advisor.events import Escalated, Notice
from advisor.paths import data_dir, db_path
from advisor.session import Session
from advisor.store import Store
from advisor.tools.catalog import load_catalog
from tests.loopback import claude_message, loopback

MODEL = "claude-sonnet-4-6"
VOLUME = "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data"
MEMO = "write the final recommendation memo for our board"
REPLY_IN, REPLY_OUT = 1200, 2048  # what the loopback Messages API bills each call


def _ask(*args: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "advisor.cli", "ask", "--local", "none", *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())


@pytest.fixture
def messages_api(monkeypatch, request):
    delay = getattr(request, "param", 1.0)
    reply = claude_message("Memo: keep it local.", input_tokens=REPLY_IN, output_tokens=REPLY_OUT)
    reply.delay = delay
    with loopback({"/v1/messages": [reply]}) as (url, recorder):
        monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key")
        yield recorder


def _messages(api) -> list[dict]:
    """The Messages API calls (a first use also asks the Models API about the configured model)."""
    return [r for r in api.requests if r["path"] == "/v1/messages"]


def _ledger(name: str):
    store = Store(db_path(data_dir()))
    try:
        return store.spend(store.get_session(name).id)
    finally:
        store.close()


def test_five_parallel_memo_asks_stay_within_the_budget(messages_api):
    budget = 0.10
    assert _ask("--session", "par", VOLUME).wait(60) == 0
    asks = [_ask("--session", "par", "--budget-usd", str(budget), MEMO) for _ in range(5)]
    outputs = [p.communicate(timeout=120) for p in asks]
    assert all(p.returncode == 0 for p in asks), [o[1] for o in outputs]
    calls = len(_messages(messages_api))
    billed = calls * claude_usd(load_catalog(), MODEL, REPLY_IN, REPLY_OUT)
    spend = _ledger("par")
    refused = sum("Claude not called" in err and "budget" in err for _, err in outputs)
    assert calls >= 1 and refused >= 1
    assert calls + refused == 5
    assert billed <= budget  # what the API would bill
    assert spend.claude_usd == pytest.approx(billed)  # every call settled from its usage
    assert spend.claude_reserved_usd == 0


def test_a_model_without_a_price_is_never_called(messages_api):
    session = Session.open(load_config(local="none", claude_model="claude-unpriced-9"), new=True)
    assert session.claude is None
    assert any("no price for claude-unpriced-9" in n for n in session.startup_notices)
    events = [e for text in (VOLUME, MEMO) for e in session.turn(text)]
    assert not any(isinstance(e, Escalated) for e in events)
    assert messages_api.requests == []


def test_a_call_refused_by_the_ledger_is_not_made(messages_api):
    session = Session.open(load_config(local="none", budget_usd=0.01), new=True)
    events = [e for text in (VOLUME, MEMO) for e in session.turn(text)]
    assert messages_api.requests == []
    [notice] = [e for e in events if isinstance(e, Notice) and "Claude not called" in e.text]
    assert "could cost up to $" in notice.text and "$0.01" in notice.text


@pytest.mark.parametrize("messages_api", [30.0], indirect=True)
def test_a_call_killed_in_flight_keeps_its_reservation(messages_api):
    assert _ask("--session", "kill", VOLUME).wait(60) == 0
    ask = _ask("--session", "kill", MEMO)
    for _ in range(600):
        if _messages(messages_api):
            break
        time.sleep(0.05)
    assert _messages(messages_api), "the call never reached the Messages API"
    ask.send_signal(signal.SIGKILL)
    ask.wait(10)
    spend = _ledger("kill")
    worst = spend.claude_reserved_usd
    assert worst > claude_usd(load_catalog(), MODEL, 0, 2048)  # max_tokens at the model's price, and more
    assert spend.claude_usd == worst
    # The next ask sees it: a budget the reservation has used up refuses the call.
    again = _ask("--session", "kill", "--budget-usd", f"{worst * 1.5:.4f}", MEMO)
    _, err = again.communicate(timeout=60)
    assert "Claude not called" in err and len(_messages(messages_api)) == 1


def test_an_abandoned_turn_keeps_its_reservation_and_a_settled_one_is_billed_its_usage(messages_api):
    session = Session.open(load_config(local="none"), new=True)
    list(session.turn(VOLUME))
    turn = session.turn(MEMO)
    for event in turn:
        if isinstance(event, Escalated):
            break
    turn.close()  # the UI went away before the reply: billed or not, the worst case stays
    abandoned = session.spend()
    assert abandoned.claude_reserved_usd > 0 and abandoned.claude_usd == abandoned.claude_reserved_usd
    list(session.turn(MEMO))
    settled = session.spend()
    actual = claude_usd(load_catalog(), MODEL, REPLY_IN, REPLY_OUT)
    assert settled.claude_usd == pytest.approx(abandoned.claude_reserved_usd + actual)
