"""A session end to end with no language model (--local none): the interview and the tools carry
the answer; turns, events and the profile are stored; a follow-up what-if doubles the figures;
a new process resumes the session."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from advisor.agent import HISTORY_MESSAGES
from advisor.config import load_config
from advisor.errors import UsageError
from advisor.events import ProfileChanged, ToolAnswered
from advisor.session import Session

ROUTER = "A router agent handles 5,000 requests a day at 2K tokens each; public data"


def open_session(**kw):
    return Session.open(load_config(local="none", offline=True), **kw)


def test_turn_reads_profile_recommends_and_stores(tmp_path):
    session = open_session(session_name="acme")
    events = list(session.turn(ROUTER))
    assert any(isinstance(e, ProfileChanged) for e in events)
    assert "Recommendation" in events[-1].answer
    resolved = session.resolved_profile()
    assert resolved.monthly_input_tokens == pytest.approx(300e6)
    turns = session.history()
    assert turns[0].user_text == ROUTER and turns[0].status == "ok"
    assert any(e.type == "tool_result" for e in turns[0].events)


def test_whatif_in_a_session_doubles_the_figures():
    session = open_session()
    list(session.turn(ROUTER))
    events = list(session.turn("what if volume doubles?"))
    _before, after = [e.result for e in events if isinstance(e, ToolAnswered) and e.name == "compare"]
    assert after["profile"]["monthly_input_tokens"] == pytest.approx(600e6)
    assert events[-1].answer.startswith("**If volume ×2:") and "A scenario" in events[-1].answer


def test_a_long_session_keeps_only_the_exchanges_the_model_is_sent():
    """The model is sent the last HISTORY_MESSAGES messages; the session used to keep every exchange
    in memory besides (the store has them all), growing with each turn of a long chat."""
    session = open_session()
    texts = [ROUTER] + ["the horizon is 36 months", "electricity costs $0.20 per kWh", "which option wins?"] * 4
    for text in texts:
        list(session.turn(text))
    kept = session._context().history
    assert len(kept) == HISTORY_MESSAGES
    assert kept[-2].content == texts[-1] and kept[-4].content == texts[-2]
    assert len(session.history()) == len(texts)


def test_what_ifs_join_the_history_as_a_resumed_session_reads_it(tmp_path):
    """A follow-up to a what-if ("and if it halves instead?") reaches the model with the what-if
    before it; a resumed session rebuilds the same history from the store."""
    config = load_config(local="none", offline=True, data_dir=tmp_path)
    live = Session.open(config, session_name="whatifs")
    texts = [ROUTER, "what if volume doubles?", "the horizon is 36 months", "what if volume halves?"]
    for text in texts:
        list(live.turn(text))
    history = [(m.role, m.content) for m in live._context().history]
    assert [content for role, content in history if role == "user"] == texts
    resumed = Session.load(config, "whatifs")
    assert [(m.role, m.content) for m in resumed._recent_messages()] == history


def test_set_field_validates_and_survives_bad_input():
    session = open_session()
    list(session.turn(ROUTER))
    with pytest.raises(UsageError, match=r"requests[-_]per[-_]day"):
        session.set_field("requests_per_day", "-5")
    with pytest.raises(UsageError, match="unknown field"):
        session.set_field("volume_pls", "5")
    diff = session.set_field("electricity_usd_per_kwh", "0.30")
    assert diff["electricity_usd_per_kwh"][1] == pytest.approx(0.30)


def test_resume_in_a_new_process(tmp_path):
    session = open_session(session_name="resume-me")
    list(session.turn(ROUTER))
    code = (
        "from advisor.config import load_config; from advisor.session import Session;"
        "s = Session.open(load_config(local='none', offline=True));"
        "print(s.name, s.state.profile.requests_per_day, len(s.history()))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.stdout.split() == ["resume-me", "5000.0", "1"], run.stderr


def test_ask_json_matches_the_interface(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "advisor.cli", "ask", "--offline", "--local", "none", "--json", ROUTER],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert set(doc) >= {"answer", "profile", "recommendation", "assumptions", "turns", "spend", "backend"}
    assert doc["profile"]["monthly_input_tokens"] == pytest.approx(300e6)
    assert doc["profile"]["privacy"] == "public"
    assert doc["recommendation"]["deployment"] in {"local", "cloud", "hybrid"}
    assert doc["turns"] == {"local": 1, "claude": 0}
    assert doc["spend"]["claude_usd"] == 0
    assert doc["backend"]["local"] == "none" and doc["backend"]["claude"] == "offline"
    assert doc["assumptions"]


def test_ask_follow_up_in_a_named_session(tmp_path):
    base = [sys.executable, "-m", "advisor.cli", "ask", "--offline", "--local", "none", "--session", "s1"]
    first = subprocess.run([*base, ROUTER], capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    second = subprocess.run([*base, "--json", "what if volume doubles?"], capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout)["answer"].startswith("**If volume ×2:")


KILLED_MID_TURN = """
import os, signal
from advisor.config import load_config
from advisor.events import ProfileChanged
from advisor.agent import HISTORY_MESSAGES
from advisor.session import Session
s = Session.open(load_config(local="none", offline=True), session_name="crash")
for event in s.turn("We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data"):
    if isinstance(event, ProfileChanged):
        os.kill(os.getpid(), signal.SIGKILL)
"""


def test_resume_after_kill_9_mid_reply():
    run = subprocess.run([sys.executable, "-c", KILLED_MID_TURN], capture_output=True, timeout=60)
    assert run.returncode == -9, run.stderr
    session = open_session()
    assert session.name == "crash"
    assert session.state.profile.requests_per_day == 5000  # read before the kill: kept
    [turn] = session.history()
    assert turn.status == "interrupted" and turn.user_text.startswith("We triage")


def test_set_a_contract_discount_keeps_the_sellers_company_and_refuses_an_unknown_one():
    """'/set contract_discounts Azure=20%, bedrock=10%' stores each as the company that sells there
    (Microsoft, AWS); a name the catalog does not know is refused at /set, one line, not on every turn."""
    session = open_session()
    session.set_field("contract_discounts", "Azure=20%, bedrock=10%")
    assert session.state.profile.contract_discounts == {"microsoft": 0.2, "aws": 0.1}
    with pytest.raises(UsageError, match=r"contract_discounts: 'acme' names no company or platform"):
        session.set_field("contract_discounts", "acme=20%")
    assert session.state.profile.contract_discounts == {"microsoft": 0.2, "aws": 0.1}
