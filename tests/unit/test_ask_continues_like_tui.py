"""`advisor ask --session S` (a new process, and so a freshly loaded session, every turn) and the TUI
(one Session kept open) continue a conversation identically: the same messages reach the same
state — profile, given, declined, the pending question — and the same answers. With --local none."""

from __future__ import annotations

import json

import pytest

from advisor.commands.ask import ask
from advisor.config import load_config
from advisor.session import Session

CONVERSATIONS = [
    [
        "We run a support bot",
        "about 3000 a day",
        "1,500 tokens in and 300 out",
        "internal",
        "none",  # to the hardware question: moves on
        "don't know",  # to electricity: the stated default
        "10%",
    ],
    [
        "3,000 tickets a day, 1,500 tokens in and 300 out each. Internal data.",
        "We already have two used 3090s sitting in a closet, price is zero.",
        "$0.30",
        "what if cloud prices drop 20%?",
        "5%",
    ],
]


def config():
    return load_config(local="none", offline=True)


def through_ask(messages: list[str], name: str, capsys) -> tuple[dict, list[str]]:
    answers = []
    for text in messages:
        assert ask(config(), text, session_name=name, new=False, as_json=True) == 0
        answers.append(json.loads(capsys.readouterr().out)["answer"])
    session = Session.load(config(), name, create=False)
    return session.state.model_dump(), answers


def through_tui_session(messages: list[str], name: str) -> tuple[dict, list[str]]:
    session = Session.open(config(), session_name=name)
    answers = [list(session.turn(text))[-1].answer for text in messages]
    return session.state.model_dump(), answers


@pytest.mark.parametrize("messages", CONVERSATIONS)
def test_ask_session_and_tui_reach_the_same_state(messages, capsys):
    ask_state, ask_answers = through_ask(messages, "by-ask", capsys)
    tui_state, tui_answers = through_tui_session(messages, "by-tui")
    assert ask_state == tui_state
    assert ask_answers == tui_answers


def test_none_after_the_hardware_question_moves_on_in_ask(capsys):
    name = "hw"
    for text in ("3,000 tickets a day, 1,500 tokens in and 300 out each", "internal"):
        ask(config(), text, session_name=name, new=False, as_json=True)
    pending = Session.load(config(), name, create=False).state.asked
    capsys.readouterr()
    assert pending == "hardware"
    ask(config(), "none", session_name=name, new=False, as_json=True)
    answer = json.loads(capsys.readouterr().out)["answer"]
    state = Session.load(config(), name, create=False).state
    assert "hardware" in state.declined
    assert state.asked != "hardware"
    assert "already have hardware" not in answer
