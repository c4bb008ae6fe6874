"""A claim: one reading of one field, with the words it rests on. Readers propose claims; the
arbiter (arbiter.py) decides which become the profile's values and which become a question."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Strength = Literal["strong", "weak"]
# How the words came: read in passing, an answer to the question just asked, a pick of an offered
# choice, a correction of an earlier value ("800 a day total, not 32,000"), or a stated default
# ("don't know" to the electricity question).
Kind = Literal["read", "answer", "pick", "correction"]
# How a profile field got its value (SessionState.sources): what each kind of claim becomes, plus
# `/set` ("set"), an import of usage records ("measured") and a default taken on the user's word
# ("assumed").
How = Literal["set", "answered", "read", "measured", "assumed"]


@dataclass
class Claim:
    field: str
    value: Any
    spans: list[tuple[int, int]] = field(default_factory=list)  # in the working text (same offsets as typed)
    note: str | None = None  # the reading in words ("read '800 contracts a day' as 800 requests a day")
    strength: Strength = "strong"
    kind: Kind = "read"
    numeric: bool = False  # the value rests on a number: an unused number beside it weakens it
    why_weak: str = ""  # what makes it weak, said in the question
    label: str = ""  # the value in words, for a question's option ("800 requests a day")
    together: str | None = None  # claims with the same key stand or fall together (in and out of one pair)
    basis: dict[str, Any] = field(default_factory=dict)  # the figures it was derived from (for corrections)
    # How the value was derived from the words, step by step (catalog/derivation.toml names the steps),
    # and what each step not taken "as said" means in words, for the question it may become. The
    # arbiter writes the value only when its field allows every step; no step recorded is "direct".
    steps: list[str] = field(default_factory=list)
    step_why: dict[str, str] = field(default_factory=dict)

    def step(self, name: str, why: str = "") -> Claim:
        """Record that the value took the derivation step ``name``; ``why`` says it to the user when
        the field does not allow it ("assuming around the clock")."""
        if name not in self.steps:
            self.steps.append(name)
        if why:
            self.step_why.setdefault(name, why)
        return self

    def weaken(self, why: str) -> None:
        self.strength = "weak"
        if why and why not in self.why_weak:
            self.why_weak = f"{self.why_weak}; {why}" if self.why_weak else why


def how_of(kind: Kind) -> How:
    """The source a field set by a claim of ``kind`` records."""
    return "read" if kind == "read" else "answered"
