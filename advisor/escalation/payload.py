"""What Claude is sent, built from typed values only: the profile's fields (numbers, choices from
fixed lists, ids the catalog holds), the tools' results over that profile, and the request restated
from a template (prompts/escalation.toml). No text the user typed has a way in: a field whose value
is not typed (a free string that slipped into a saved profile) is left out, and the results are
then computed over the profile as sent, so nothing left out is echoed by them.

The user's own words go in only through ``words``, for one message the user asked for and saw
(advisor.escalation.consent); the request then says so, and its digest binds the consent to the
exact text shown."""

from __future__ import annotations

import hashlib
import json
import math
import tomllib
import typing
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from advisor.interview.fields import ID_SECTIONS
from advisor.models.base import Message
from advisor.prompts import load as load_prompt
from advisor.tools.base import ToolError
from advisor.tools.catalog import Catalog
from advisor.tools.compare import CompareResult, compare_profile
from advisor.tools.profile import WorkloadProfile

RequestKind = Literal["explicit", "memo", "close", "conflict", "local_failed", "words"]


class ClaudeRequest(BaseModel):
    """The exact text of one Claude call: what a consent preview shows and what is sent."""

    system: str
    user: str
    words: str | None = None  # the user's own words in it, when they consented for this message

    def messages(self) -> list[Message]:
        return [Message(role="system", content=self.system), Message(role="user", content=self.user)]

    def digest(self) -> str:
        """A short fingerprint of the exact text: a consent holds for this text and no other."""
        return hashlib.sha256(f"{self.system}\x00{self.user}".encode()).hexdigest()[:12]


@lru_cache(maxsize=1)
def _templates() -> dict[str, dict[str, str]]:
    return tomllib.loads(load_prompt("escalation.toml"))


def _choices(field: str) -> tuple[Any, ...] | None:
    """The fixed values a text field of the profile may hold (its Literal), or None."""
    annotation = WorkloadProfile.model_fields[field].annotation
    for arg in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(arg) is Literal:
            return typing.get_args(arg)
    return None


def _typed(field: str, value: object, catalog: Catalog) -> object:
    """The value if it is data the advisor knows the shape of (a price-factor table keeps its keys
    the catalog knows), else None: free text is never sent."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value if math.isfinite(value) else None
    if field in ID_SECTIONS:
        return value if isinstance(value, str) and value in catalog.section(ID_SECTIONS[field]) else None
    if field == "region":
        return value if isinstance(value, str) and value in catalog.regions else None
    if field == "contract" and isinstance(value, list):
        companies = {p.company for p in catalog.platforms.values()}
        return [c for c in value if c in companies] or None
    if field == "price_factors" and isinstance(value, dict):
        providers = {m.provider for m in catalog.cloud.values()}
        return {k: v for k, v in value.items() if k in catalog.cloud or k in providers}
    choices = _choices(field)
    return value if choices is not None and value in choices else None


def typed_profile(profile: WorkloadProfile, catalog: Catalog) -> tuple[WorkloadProfile, list[str]]:
    """The profile with only its typed values, and the fields changed for it (named, never quoted)."""
    values: dict[str, Any] = {}
    dropped: list[str] = []
    for field, value in profile.model_dump(exclude_none=True).items():
        kept = _typed(field, value, catalog)
        if kept != value:
            dropped.append(field)
        if kept is not None:
            values[field] = kept
    return WorkloadProfile.model_validate(values), dropped


def restated(kind: RequestKind, result: CompareResult | None) -> str:
    """The request in the advisor's words, filled from the tools' results."""
    labels = {o.id: o.label for o in result.options} if result else {}
    rec = result.recommendation if result else None
    pick = labels.get(rec.option_id, rec.option_id) if rec else "the recommended option"
    runner = labels.get(rec.runner_up or "", rec.runner_up) if rec and rec.runner_up else "the runner-up"
    conflicts = "; ".join(rec.conflicts) if rec and rec.conflicts else "see the tool results"
    if kind == "close" and not (rec and rec.runner_up):
        kind = "memo"
    return _templates()["request"][kind].format(pick=pick, runner_up=runner, conflicts=conflicts)


def claude_request(
    *,
    kind: RequestKind,
    reason: str,
    profile: WorkloadProfile,
    result: CompareResult | None,
    catalog: Catalog,
    words: str | None = None,
) -> ClaudeRequest:
    """The one Claude call of an escalation: system prompt, then the typed profile, the results and
    the restated request — and the user's words only when ``words`` (consented) is given."""
    sent, dropped = typed_profile(profile, catalog)
    if dropped and result is not None:
        result = _compare(sent, catalog)  # the figures over what is sent: nothing left out is echoed
    given = sent.model_dump(exclude_none=True)
    framing = _templates()["framing"]["restated" if words is None else "with_words"]
    user = load_prompt("memo_request.md").format(
        request=framing.format(request=restated(kind, result)),
        reason=reason,
        profile=json.dumps({"given": given, "assumptions": result.assumptions if result else []}, indent=1),
        results=json.dumps(
            {"compare": result.model_dump(mode="json", exclude={"profile"})} if result else {}, indent=1, default=str
        ),
    )
    if words is not None:
        user += load_prompt("memo_words.md").format(words=words)
    return ClaudeRequest(system=load_prompt("memo_system.md"), user=user, words=words)


def _compare(profile: WorkloadProfile, catalog: Catalog) -> CompareResult | None:
    try:
        return compare_profile(profile, catalog)
    except (ToolError, ValidationError):
        return None
