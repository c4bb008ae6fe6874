"""A bill the advisor can check: the advisor knows what it sent to Claude and how long an answer it
allowed, so a response reporting more input tokens than the request's bytes (a tokenizer's pieces
are at least a byte each) or more output tokens than ``max_tokens`` is not a bill it can believe.
Such a bill is recorded as reported — the ledger holds what the provider will charge — flagged in
one line, and the session's Claude calls wait until the user confirms it (`/bill confirm`)."""

from __future__ import annotations

from advisor.escalation.pricing import most_input_tokens
from advisor.state import BillHold


def checked(
    *, model: str, sent: list[str], max_output_tokens: int, input_tokens: int, output_tokens: int, usd: float
) -> BillHold | None:
    """The hold for a response's usage beyond what ``sent`` (the request's texts) and
    ``max_output_tokens`` allow, or None for a bill within them."""
    most = most_input_tokens(sent)
    if input_tokens <= most and output_tokens <= max_output_tokens:
        return None
    return BillHold(
        model=model,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        usd=usd,
        most_input_tokens=most,
        max_output_tokens=max_output_tokens,
    )


def beyond(hold: BillHold) -> str:
    """What the bill reports beyond what was sent, in words."""
    parts = []
    if hold.input_tokens > hold.most_input_tokens:
        parts.append(f"{hold.input_tokens:,} input tokens for a request of at most {hold.most_input_tokens:,}")
    if hold.output_tokens > hold.max_output_tokens:
        parts.append(f"{hold.output_tokens:,} output tokens where {hold.max_output_tokens:,} were allowed")
    return " and ".join(parts)


def flagged_line(hold: BillHold) -> str:
    """The one line shown when the bill comes in."""
    return (
        f"Claude's bill is beyond what was sent: {hold.model} reports {beyond(hold)}; recorded as reported"
        f" (${hold.usd:.2f}), and Claude is held for this session until you confirm it (/bill confirm)"
    )


def held_reason(hold: BillHold | None) -> str | None:
    """Why a Claude call waits (the router's ``held``), or None."""
    if hold is None:
        return None
    return (
        f"Claude is held: its last bill reported {beyond(hold)} (${hold.usd:.2f}, recorded)"
        " — /bill confirm lets calls go on"
    )


def past_budget_line(spent_usd: float, budget_usd: float) -> str | None:
    """The line that says the ledger has passed the session's budget, or None within it."""
    if spent_usd <= budget_usd + 1e-12:
        return None
    return (
        f"this session's Claude spend is ${spent_usd:.2f}, past its ${budget_usd:.2f} budget:"
        " no further Claude call fits (raise it with --budget-usd)"
    )
