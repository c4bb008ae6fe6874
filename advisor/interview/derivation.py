"""The steps a reading may take from the words to a value, and which steps each field's value may
rest on (catalog/derivation.toml). A claim records its steps (claims.Claim.step); the arbiter writes
only claims whose every step is allowed for their field and asks about the rest (arbiter.py)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, model_validator

from advisor.interview.vocab import validated

DERIVATION_FILE = "derivation.toml"
DEFAULT = "default"


class DerivationError(ValueError):
    """catalog/derivation.toml does not validate: the entry and the reason."""


class Derivations(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    steps: dict[str, str]  # step → what it means
    allowed: dict[str, list[str]]  # field (or "default") → the steps its value may rest on

    @model_validator(mode="after")
    def _known_steps(self) -> Derivations:
        if DEFAULT not in self.allowed:
            raise ValueError(f"allowed: no {DEFAULT!r} entry for the fields not listed")
        for name, steps in self.allowed.items():
            unknown = [s for s in steps if s not in self.steps]
            if unknown:
                raise ValueError(f"allowed.{name}: unknown step {unknown[0]!r}; steps are {', '.join(self.steps)}")
        return self

    def allows(self, name: str, step: str) -> bool:
        """Whether ``name``'s value may rest on ``step`` (an unknown step is an error)."""
        if step not in self.steps:
            raise DerivationError(f"unknown derivation step {step!r}: declare it in catalog/{DERIVATION_FILE}")
        return step in self.allowed.get(name, self.allowed[DEFAULT])


def parse(text: str) -> Derivations:
    return validated(text, Derivations, DERIVATION_FILE, DerivationError)


@cache
def derivations() -> Derivations:
    """The shipped table, read once."""
    return parse((resources.files("advisor.catalog") / DERIVATION_FILE).read_text(encoding="utf-8"))
