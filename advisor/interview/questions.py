"""Which question comes next: the missing field that matters most, first. The wording lives in
prompts/questions.toml."""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping
from functools import lru_cache

from pydantic import BaseModel

from advisor.prompts import load as load_prompt
from advisor.tools import defaults
from advisor.tools.profile import WorkloadProfile, frontier_share_default

QUESTIONS_FILE = "questions.toml"


MAX_ASKS = 2  # a question is never asked a third time; the second time offers choices and a default


class Question(BaseModel):
    field: str
    text: str
    again: bool = False  # the second asking: choices and a default
    message: str = ""  # the text's template (prompts/questions.toml): what a translation is looked up by


def default_values(profile: WorkloadProfile | None = None) -> dict[str, str]:
    """The stated defaults the questions name, as English writes them (the frontier share's: the one
    ``profile`` gets — none for regulated data that may not go out on an assumption)."""
    return {
        "electricity_default": f"${defaults.ELECTRICITY_USD_PER_KWH:.2f}/kWh",
        "frontier_default": f"{frontier_share_default(profile or WorkloadProfile())[0]:.0%}",
    }


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, str]]:
    return tomllib.loads(load_prompt(QUESTIONS_FILE))


def question_texts() -> dict[str, str]:
    """Field → question text, placeholders filled from the stated defaults."""
    return {field: table["text"].format(**default_values()) for field, table in _tables().items()}


def again_texts() -> dict[str, str]:
    """Field → the second asking's text (choices and a default)."""
    return {field: table["again"].format(**default_values()) for field, table in _tables().items() if "again" in table}


def missing_fields(profile: WorkloadProfile) -> list[str]:
    """The fields still worth asking about, most important first."""
    p = profile
    out: list[str] = []
    monthly = p.monthly_input_tokens is not None or p.monthly_output_tokens is not None
    if not monthly:
        if p.requests_per_day is None:
            out.append("requests_per_day")
        if p.input_tokens_per_request is None:
            out.append("input_tokens_per_request")
        elif p.output_tokens_per_request is None:
            out.append("output_tokens_per_request")
    elif p.monthly_output_tokens is None:
        out.append("monthly_output_tokens")
    has_volume = monthly or (p.requests_per_day is not None and p.input_tokens_per_request is not None)
    if p.privacy is None:  # once a recommendation can be shown, privacy comes first (constraints before costs)
        out.insert(0 if has_volume else len(out), "privacy")
    elif p.privacy == "regulated" and p.data_boundary is None and not p.contract and not p.region:
        out.insert(0 if has_volume else len(out), "data_boundary")  # regulated: where may it go? before cloud
    frontier = p.frontier_share is None and p.routine_tier != "frontier"
    if frontier and _may_go_out_regulated(p):  # none of it goes out on an assumption: asked before the box
        out.append("frontier_share")
        frontier = False
    if p.hardware is None and p.owned_hardware is None and p.budget_usd_per_month is None and p.local_model is None:
        out.append("hardware")
    if p.electricity_usd_per_kwh is None:
        out.append("electricity_usd_per_kwh")
    if frontier:
        out.append("frontier_share")
    return out


def _may_go_out_regulated(p: WorkloadProfile) -> bool:
    """Regulated data a contract or a region lets out: whether any of it needs a frontier API model
    decides whether some goes out at all (the tools assume none until told)."""
    if p.privacy != "regulated" or p.data_boundary in ("on_site", "any"):
        return False
    return bool(p.contract or p.region or p.data_boundary)


def next_question(
    profile: WorkloadProfile, skip: Collection[str] = (), asked: Mapping[str, int] | None = None
) -> Question | None:
    """The next question to ask, or None when enough is known. ``skip``: fields the user declined
    (``Reading.declined``), so they are not asked again; ``asked``: how many times each was asked —
    none is asked a third time, and the second time it offers choices and a default."""
    tables, values = _tables(), default_values(profile)
    counts = asked or {}
    for field in missing_fields(profile):
        if field in skip or counts.get(field, 0) >= MAX_ASKS:
            continue
        if counts.get(field, 0) == MAX_ASKS - 1 and "again" in tables[field]:
            message = tables[field]["again"]
            return Question(field=field, text=message.format(**values), again=True, message=message)
        message = tables[field]["text"]
        return Question(field=field, text=message.format(**values), message=message)
    return None
