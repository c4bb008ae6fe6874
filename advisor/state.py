"""The session's state: the profile the interview fills, which fields the user gave, which the user
declined, the question waiting for an answer, the last Claude memo. Plain data; the agent changes
it, the store keeps it whole (one JSON document a session), the UI shows it.

To add a field: give it a default. A state saved before the field existed then still loads, and
nothing else (store, migration, session) needs to change."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.interview.pending import Choice
from advisor.measure.measured import Measured
from advisor.tools.profile import WorkloadProfile


class Shown(BaseModel):
    """What the answers have shown of the recommendation so far: the next answer says only what
    changed since (the pick, its figures, a new warning, a new or changed assumption)."""

    option_id: str | None = None
    label: str = ""
    deployment: str | None = None
    monthly_usd: float | None = None
    horizon_usd: float | None = None
    runner_up: str | None = None  # the best option of another kind, as last shown
    assumptions: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class SessionState(BaseModel):
    model_config = ConfigDict(extra="ignore")  # a field dropped later does not break old sessions

    profile: WorkloadProfile = Field(default_factory=WorkloadProfile)
    given: list[str] = Field(default_factory=list)  # fields the user stated (vs assumed)
    asked: str | None = None  # the pending question: the field the last question asked about
    declined: list[str] = Field(default_factory=list)  # fields the user said "none" to: not asked again
    memo: str | None = None  # the last Claude memo, for the report
    measured: Measured | None = None  # the last usage import's aggregates (`advisor import`, /import)
    asked_count: dict[str, int] = Field(default_factory=dict)  # times each question was asked (never a third)
    unread: list[str] = Field(default_factory=list)  # the last answer's numbers no reading used
    open_choices: list[Choice] = Field(default_factory=list)  # questions with options the next answer may pick
    shown: Shown = Field(default_factory=Shown)  # what the answers have shown: the next says what changed

    def apply(self, changes: dict[str, Any]) -> dict[str, list[Any]]:
        """Set fields (validated by the profile model); the [old, new] of each that changed."""
        diff: dict[str, list[Any]] = {}
        for field, value in changes.items():
            old = getattr(self.profile, field)
            setattr(self.profile, field, value)
            new = getattr(self.profile, field)
            if field not in self.given:
                self.given.append(field)
            self.open_choices = [c for c in self.open_choices if field not in c.fields]  # settled another way
            if old != new:
                diff[field] = [old, new]
        return diff

    def apply_measured(self, measured: Measured) -> dict[str, list[Any]]:
        """Make an import's figures the profile's measured values (they replace what the user
        typed for those fields); the [old, new] of each that changed. A later /set of one of them
        makes it given again."""
        diff: dict[str, list[Any]] = {}
        for field, value in measured.profile_fields().items():
            old = getattr(self.profile, field)
            setattr(self.profile, field, value)
            if field in self.given:
                self.given.remove(field)
            if old != getattr(self.profile, field):
                diff[field] = [old, getattr(self.profile, field)]
        self.measured = measured
        return diff

    def measured_fields(self) -> list[str]:
        """The profile fields that still hold the import's measured value."""
        if self.measured is None:
            return []
        return [
            field
            for field, value in self.measured.profile_fields().items()
            if field not in self.given and getattr(self.profile, field) == value
        ]

    def has_volume(self) -> bool:
        p = self.profile
        return (
            p.monthly_input_tokens is not None
            or p.monthly_output_tokens is not None
            or (p.requests_per_day is not None and p.input_tokens_per_request is not None)
        )
