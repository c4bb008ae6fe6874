"""The escalation policy: when a turn goes to Claude. Deterministic and explainable — every
decision states its reason and its kind (which restated request Claude gets: payload.restated),
every refusal says why. What the call carries is advisor.escalation.payload."""

from __future__ import annotations

import re
from typing import NamedTuple

from pydantic import BaseModel

from advisor.escalation.payload import RequestKind
from advisor.interview.lazy import lazy

_MEMO = lazy(
    r"\b(final (memo|recommendation|report)|(recommendation )?memo\b|for (the|our|my) (board|boss|"
    r"manager|cfo|cto|leadership)|executive summary|write (it|this|the recommendation) up)",
    re.IGNORECASE,
)
_DECIDE = lazy(r"\b(recommend|should we|what should|which (option|one)|decide|decision|verdict)\b", re.IGNORECASE)


class Decision(BaseModel):
    escalate: bool
    reason: str | None = None  # why this turn goes to Claude
    kind: RequestKind = "explicit"  # which request Claude gets, restated from a template
    blocked: str | None = None  # why it would have, but may not


class Wanted(NamedTuple):
    kind: RequestKind
    reason: str


def wants_escalation(
    text: str, *, explicit: bool, close: bool, conflicts: list[str], local_failures: int
) -> Wanted | None:
    """Why this turn calls for Claude and what it asks, or None. The text is read here, on this
    machine, to decide; it is never what Claude is sent."""
    if explicit:
        return Wanted("explicit", "you asked for it (/escalate)")
    if _MEMO.search(text):
        return Wanted("memo", "you asked for the final recommendation memo")
    if _DECIDE.search(text) and conflicts:
        return Wanted("conflict", "the constraints conflict: " + "; ".join(conflicts))
    if _DECIDE.search(text) and close:
        return Wanted("close", "the top options are within 15% of each other")
    if local_failures >= 2:
        return Wanted("local_failed", "the local model failed its turn twice")
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
    held: str | None = None,
) -> Decision:
    """Whether this turn goes to Claude, and why (or why not). ``boundary``: why the profile's data
    boundary keeps the configured Claude route from being called — the advisor practises what it
    recommends. ``held``: why this session's Claude calls wait for the user (a bill far beyond what
    was sent)."""
    wanted = wants_escalation(text, explicit=explicit, close=close, conflicts=conflicts, local_failures=local_failures)
    if wanted is None:
        return Decision(escalate=False)
    kind, reason = wanted
    blocked = None
    if offline:
        blocked = "offline: nothing leaves this machine"
    elif not claude_available:
        blocked = "Claude is off (no ANTHROPIC_API_KEY)"
    elif boundary is not None:
        blocked = boundary
    elif held:
        blocked = held
    elif spent_usd >= budget_usd:
        blocked = f"this session's Claude budget (${budget_usd:.2f}) is spent"
    return Decision(escalate=blocked is None, reason=reason, kind=kind, blocked=blocked)
