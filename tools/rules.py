"""The seeds' rules of thumb (catalog/rules_of_thumb.toml): context, never the decision."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel


class RuleOfThumb(BaseModel):
    text: str
    source: str
    cloud_monthly_at_least: float = 0.0
    cloud_monthly_below: float = float("inf")


@lru_cache(maxsize=1)
def rules_of_thumb() -> tuple[RuleOfThumb, ...]:
    text = (resources.files("advisor.catalog") / "rules_of_thumb.toml").read_text(encoding="utf-8")
    return tuple(RuleOfThumb.model_validate(r) for r in tomllib.loads(text).get("rule", []))


def applicable(cloud_monthly_usd: float) -> list[str]:
    return [
        f"{r.text} ({r.source})"
        for r in rules_of_thumb()
        if r.cloud_monthly_at_least <= cloud_monthly_usd < r.cloud_monthly_below
    ]
