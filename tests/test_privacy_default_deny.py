"""Default-deny privacy: the user's words reach Claude only when the user said the data is public or
internal, and never when they name sensitive data — whatever the interview's reader made of them.

Whole sessions (`--local none`) escalate to a loopback server speaking Anthropic's Messages API
(tests/loopback.py) through the real `anthropic` SDK; every request body is searched for the
sensitive texts' words. The corpus (tests/privacy_corpus.py) holds a share kept aside while the
rules were written."""

from __future__ import annotations

import json
import re

import pytest

from advisor.config import load_config
from advisor.escalation.privacy_guard import sensitive_mentions, withheld_because
from advisor.events import Escalated
from advisor.session import Session
from tests.loopback import claude_message, loopback
from tests.privacy_corpus import CLEAR, HELD_OUT, TUNED

VOLUME = "About 2,000 a day, 1,500 tokens in and 400 out."
MEMO = "Write the final memo for our board."
PUBLIC_FIRST = "We handle 2,000 requests a day, 1,500 tokens in and 400 out, public data."


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{4,}", text.lower())}


@pytest.fixture
def messages_api(monkeypatch):
    with loopback({"/v1/messages": [claude_message("Memo: go local.")]}) as (url, recorder):
        monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key")
        yield recorder


def _bodies(recorder) -> str:
    return " ".join(json.dumps(r["body"], ensure_ascii=False) for r in recorder.requests)


def _run(turns: list[str]) -> list:
    """A whole session. The team has a BAA with Anthropic, so its data boundary lets the advisor call
    Claude at all (with no boundary, regulated data keeps even the advisor's own call home:
    tests/test_claude_platform.py); what may reach Claude is then the guard's alone."""
    session = Session.open(load_config(local="none", budget_usd=100), new=True)
    session.set_field("contract", "anthropic")
    session.set_field("agreement", "baa")
    return [event for text in turns for event in session.turn(text)]


@pytest.mark.parametrize("text", TUNED + HELD_OUT)
def test_no_sensitive_text_reaches_claude(text, messages_api):
    baseline_turns = [PUBLIC_FIRST, f"{VOLUME} {MEMO}"]
    events = _run(baseline_turns)
    assert any(isinstance(e, Escalated) for e in events)
    baseline = _words(_bodies(messages_api))
    messages_api.requests.clear()

    events = _run([f"{text}. {VOLUME} {MEMO}"])  # the reader's first impression
    events += _run([PUBLIC_FIRST, f"{text}. {MEMO}"])  # said public, then named sensitive data
    events += _run([text, VOLUME, MEMO])  # the words in an earlier turn
    assert sum(isinstance(e, Escalated) for e in events) == 3  # Claude was asked each time…
    sent = _bodies(messages_api)
    assert text not in sent
    leaked = (_words(text) & _words(sent)) - baseline
    assert leaked == set()  # …and got none of the words


@pytest.mark.parametrize("text", CLEAR[2:])
def test_words_go_once_the_user_said_public(text, messages_api):
    """The control: the guard is not a wall — said public, plain words reach Claude."""
    _run([PUBLIC_FIRST, f"{text}. {MEMO}"])
    assert text in _bodies(messages_api)


def test_words_stay_home_while_privacy_is_unknown(messages_api):
    _run([f"summarise product reviews from our website. {VOLUME} {MEMO}"])
    sent = _bodies(messages_api)
    assert "product reviews" not in sent
    assert "has not said whether the data is public" in sent


@pytest.mark.parametrize("text", TUNED + HELD_OUT)
def test_the_guard_holds_when_the_reader_classified_nothing(text):
    """Reader-independent: privacy given as public, the words still stay home."""
    assert sensitive_mentions(text)
    assert withheld_because(text, "public", privacy_given=True) is not None


@pytest.mark.parametrize("text", CLEAR)
def test_plain_words_are_not_flagged(text):
    assert sensitive_mentions(text) == []
    assert withheld_because(text, "internal", privacy_given=True) is None
    assert withheld_because(text, "internal", privacy_given=False) is not None
    assert withheld_because(text, "sensitive", privacy_given=True) is not None
