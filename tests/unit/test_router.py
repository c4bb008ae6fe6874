"""The escalation policy: deterministic, with a reason for every call and every refusal."""

from __future__ import annotations

import pytest

from advisor.escalation import router

BASE = dict(
    explicit=False,
    close=False,
    conflicts=[],
    local_failures=0,
    offline=False,
    claude_available=True,
    spent_usd=0.0,
    budget_usd=0.25,
)


@pytest.mark.parametrize(
    ("text", "changes", "reason_part"),
    [
        ("write the final recommendation memo for our board", {}, "memo"),
        ("hello", {"explicit": True}, "/escalate"),
        ("what do you recommend?", {"close": True}, "within 15%"),
        ("which option should we pick", {"conflicts": ["regulated data may not go to a cloud API"]}, "conflict"),
        ("ok", {"local_failures": 2}, "failed its turn twice"),
    ],
)
def test_reasons_to_escalate(text, changes, reason_part):
    decision = router.decide(text, **{**BASE, **changes})
    assert decision.escalate
    assert reason_part in decision.reason


@pytest.mark.parametrize(
    ("text", "changes"),
    [("what do you recommend?", {}), ("we do 5000 requests a day", {"close": True}), ("ok", {"local_failures": 1})],
)
def test_no_reason_no_escalation(text, changes):
    assert not router.decide(text, **{**BASE, **changes}).escalate


@pytest.mark.parametrize(
    ("changes", "blocked_part"),
    [
        ({"offline": True}, "offline"),
        ({"claude_available": False}, "no ANTHROPIC_API_KEY"),
        ({"spent_usd": 0.25}, "budget"),
    ],
)
def test_blocked_escalations_say_why(changes, blocked_part):
    decision = router.decide("write the final memo", **{**BASE, **changes})
    assert not decision.escalate
    assert blocked_part in decision.blocked


@pytest.mark.parametrize(
    ("text", "changes", "kind"),
    [
        ("write the final recommendation memo", {}, "memo"),
        ("hello", {"explicit": True}, "explicit"),
        ("what do you recommend?", {"close": True}, "close"),
        ("which option should we pick", {"conflicts": ["regulated data may not go to a cloud API"]}, "conflict"),
        ("ok", {"local_failures": 2}, "local_failed"),
    ],
)
def test_each_reason_names_the_request_claude_gets(text, changes, kind):
    assert router.decide(text, **{**BASE, **changes}).kind == kind


def test_a_held_session_does_not_call_claude_and_says_why():
    decision = router.decide("write the final memo", **BASE, held="a bill waits for your confirmation")
    assert not decision.escalate and decision.blocked == "a bill waits for your confirmation"
