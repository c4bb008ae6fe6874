"""The seeds' rules of thumb (catalog/rules_of_thumb.toml): context, never the decision. Each says
which way it argues; one that argues against the pick is shown as such, with what decided."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel

from advisor.tools.wording import DECIDERS, N_, english

CONTRARY = N_("{rule} ({source}) — it argues for {side}; here {decider}")


class RuleOfThumb(BaseModel):
    text: str
    source: str
    favours: Literal["cloud", "local"]
    cloud_monthly_at_least: float = 0.0
    cloud_monthly_below: float = float("inf")


class RuleUse(BaseModel):
    """A rule of thumb that applies at this cloud bill, and whether the pick goes its way."""

    text: str
    source: str
    favours: Literal["cloud", "local"]
    agrees: bool
    decider: str  # what decided the pick (wording.DECIDERS), said when the rule argues the other way

    def english(self) -> str:
        if self.agrees:
            return f"{self.text} ({self.source})"
        decider = DECIDERS[self.decider]
        return english(CONTRARY, {"rule": self.text, "source": self.source, "side": self.favours, "decider": decider})


@lru_cache(maxsize=1)
def rules_of_thumb() -> tuple[RuleOfThumb, ...]:
    text = (resources.files("advisor.catalog") / "rules_of_thumb.toml").read_text(encoding="utf-8")
    return tuple(RuleOfThumb.model_validate(r) for r in tomllib.loads(text).get("rule", []))


def applicable(cloud_monthly_usd: float, pick: str = "cloud", decider: str = "cost") -> list[RuleUse]:
    """The rules that apply at this cloud bill; a hybrid pick goes the way of the rules for owned
    hardware (it runs most of the traffic on it)."""
    side = "cloud" if pick == "cloud" else "local"
    return [
        RuleUse(text=r.text, source=r.source, favours=r.favours, agrees=r.favours == side, decider=decider)
        for r in rules_of_thumb()
        if r.cloud_monthly_at_least <= cloud_monthly_usd < r.cloud_monthly_below
    ]
