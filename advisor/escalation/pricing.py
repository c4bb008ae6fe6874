"""What the advisor's own Claude use costs, priced by the same cloud-cost tool the user sees."""

from __future__ import annotations

from advisor.tools.catalog import Catalog
from advisor.tools.registry import TOOLS


def claude_usd(catalog: Catalog, model: str, input_tokens: int, output_tokens: int) -> float:
    """Dollars for these tokens on ``model``; 0 when the catalog has no price for it."""
    if model not in catalog.cloud:
        return 0.0
    result = TOOLS["cloud-cost"].run(
        {"model": model, "input_tokens": input_tokens, "output_tokens": output_tokens}, catalog
    )
    return result.monthly_usd  # type: ignore[attr-defined]


def claude_priced(catalog: Catalog, model: str) -> bool:
    """Whether the catalog has a price for ``model``: a model without one is never called."""
    return model in catalog.cloud


FRAMING_TOKENS = 16  # a message's role and separators, beyond its text


def worst_case_input_tokens(texts: list[str]) -> int:
    """An upper estimate of a request's input tokens with no tokenizer at hand: one token per two
    bytes of UTF-8 (English runs near four per token) and 16 per message for the framing."""
    return sum(len(t.encode("utf-8")) // 2 + FRAMING_TOKENS for t in texts)


def most_input_tokens(texts: list[str]) -> int:
    """The most input tokens a request of these texts can honestly be billed: a tokenizer's pieces
    are at least one byte of UTF-8 each, so one token a byte, and the framing of each message."""
    return sum(len(t.encode("utf-8")) + FRAMING_TOKENS for t in texts)
