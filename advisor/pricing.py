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
