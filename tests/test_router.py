"""The escalation policy: deterministic, with a reason for every call and every refusal."""

from __future__ import annotations

import json

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


def test_regulated_text_never_goes_into_the_request():
    secret = "patient John Doe, MRN 12345, HIV positive"
    payload = router.escalation_request(
        reason="you asked for the final recommendation memo",
        question=secret,
        privacy="regulated",
        privacy_given=True,
        profile={"privacy": "regulated"},
        results={"compare": {"monthly_usd": 1.0}},
    )
    assert "John Doe" not in payload and "12345" not in payload
    assert json.dumps({"privacy": "regulated"}, indent=1) in payload


def test_the_words_go_only_when_the_user_said_public_or_internal():
    kwargs = dict(reason="r", question="our ACME memo", profile={}, results={})
    assert "ACME" not in router.escalation_request(privacy="sensitive", privacy_given=True, **kwargs)
    assert "ACME" not in router.escalation_request(privacy="internal", privacy_given=False, **kwargs)
    assert "ACME" not in router.escalation_request(privacy=None, privacy_given=False, **kwargs)
    assert "ACME" in router.escalation_request(privacy="internal", privacy_given=True, **kwargs)
