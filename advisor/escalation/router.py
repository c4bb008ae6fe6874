"""The escalation policy: when a turn goes to Claude, and what it may carry. Deterministic and
explainable — every decision states its reason, every refusal says why."""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel

from advisor.escalation.privacy_guard import withheld_because
from advisor.interview.lazy import lazy
from advisor.prompts import load as load_prompt

_MEMO = lazy(
    r"\b(final (memo|recommendation|report)|(recommendation )?memo\b|for (the|our|my) (board|boss|"
    r"manager|cfo|cto|leadership)|executive summary|write (it|this|the recommendation) up)",
    re.IGNORECASE,
)
_DECIDE = lazy(r"\b(recommend|should we|what should|which (option|one)|decide|decision|verdict)\b", re.IGNORECASE)


class Decision(BaseModel):
    escalate: bool
    reason: str | None = None  # why this turn goes to Claude
    blocked: str | None = None  # why it would have, but may not


def wants_escalation(
    text: str, *, explicit: bool, close: bool, conflicts: list[str], local_failures: int
) -> str | None:
    """The reason this turn calls for Claude, or None."""
    if explicit:
        return "you asked for it (/escalate)"
    if _MEMO.search(text):
        return "you asked for the final recommendation memo"
    if _DECIDE.search(text) and conflicts:
        return "the constraints conflict: " + "; ".join(conflicts)
    if _DECIDE.search(text) and close:
        return "the top options are within 15% of each other"
    if local_failures >= 2:
        return "the local model failed its turn twice"
    return None


def decide(
    text: str,
    *,
    explicit: bool,
    close: bool,
    conflicts: list[str],
    local_failures: int,
    offline: bool,
    claude_available: bool,
    spent_usd: float,
    budget_usd: float,
    boundary: str | None = None,
) -> Decision:
    """Whether this turn goes to Claude, and why (or why not). ``boundary``: why the profile's data
    boundary keeps the configured Claude route from being called — the advisor practises what it
    recommends."""
    reason = wants_escalation(text, explicit=explicit, close=close, conflicts=conflicts, local_failures=local_failures)
    if reason is None:
        return Decision(escalate=False)
    if offline:
        return Decision(escalate=False, reason=reason, blocked="offline: nothing leaves this machine")
    if not claude_available:
        return Decision(escalate=False, reason=reason, blocked="Claude is off (no ANTHROPIC_API_KEY)")
    if boundary is not None:
        return Decision(escalate=False, reason=reason, blocked=boundary)
    if spent_usd >= budget_usd:
        return Decision(
            escalate=False,
            reason=reason,
            blocked=f"this session's Claude budget (${budget_usd:.2f}) is spent",
        )
    return Decision(escalate=True, reason=reason)


def escalation_request(
    *,
    reason: str,
    question: str,
    privacy: str | None,
    privacy_given: bool,
    profile: dict[str, Any],
    results: dict[str, Any],
) -> str:
    """The one user message Claude gets: structured profile and tool results, never the transcript.

    The user's words go only when the user said the data is public or internal and the words name
    nothing sensitive (advisor.escalation.privacy_guard); otherwise Claude gets the reason for the request only.
    """
    why = withheld_because(question, privacy, privacy_given)
    if why is not None:
        question = f"(withheld: {why} — the user asked for: {reason})"
    return load_prompt("memo_request.md").format(
        reason=reason,
        question=question,
        profile=json.dumps(profile, indent=1, default=str),
        results=json.dumps(results, indent=1, default=str),
    )
