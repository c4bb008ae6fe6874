"""The profile as a table: each field with its value and where the value comes from — given by
the user, measured (a usage import), set, assumed (a stated default), derived (from other fields) or
still missing. The chat's side panel draws these rows; `/profile` writes them as Markdown."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

# Always shown, in this order; any other field shows once it has a value.
CORE_FIELDS = (
    "requests_per_day",
    "input_tokens_per_request",
    "output_tokens_per_request",
    "monthly_input_tokens",
    "monthly_output_tokens",
    "privacy",
    "frontier_share",
    "hardware",
    "local_model",
    "cloud_model",
    "electricity_usd_per_kwh",
    "hours_per_day",
    "amortization_months",
    "budget_usd_per_month",
)
DERIVED = {"monthly_input_tokens", "monthly_output_tokens"}


def assumed_fields(state: Any) -> list[str]:
    """The fields the session holds a default for that the user's words led to, not their figure."""
    return [f for f, how in getattr(state, "sources", {}).items() if how == "assumed"]


def field_rows(
    profile: Any,
    given: list[str],
    resolved: Any | None,
    measured: Collection[str] = (),
    assumed: Collection[str] = (),
) -> list[tuple[str, Any, str]]:
    """(field, value, source) for every field worth a row: the core ones, then any other with a value.
    ``measured``: fields holding a usage import's measured value; ``assumed``: fields holding a default
    taken on the user's word ('overnight' as 22:00–06:00)."""
    values = profile.model_dump()
    extra = [f for f, v in values.items() if f not in CORE_FIELDS and (v is not None or f in given)]
    if "data_boundary" not in extra and getattr(resolved, "boundary_assumed", False):
        extra.insert(0, "data_boundary")  # regulated data kept on-site until the user says: shown, not hidden
    rows = []
    for field in (*CORE_FIELDS, *extra):
        value = values.get(field)
        if field == "hardware" and value is None and values.get("owned_hardware") is not None:
            continue  # the hardware they have is their hardware: its own row, not "hardware — missing"
        if field in given:
            source = "given"
        elif field in measured:
            source = "measured"
        elif field in assumed and value is not None:
            source = "assumed"
        elif value is not None:
            source = "derived" if field in DERIVED else "set"
        elif resolved is not None and getattr(resolved, field, None) is not None:
            value = getattr(resolved, field)
            source = "derived" if field in DERIVED else "assumed"
        else:
            source = "missing"
        rows.append((field, value, source))
    return rows


def profile_markdown(session: Any) -> str:
    """`/profile`: the rows as a Markdown table, then the defaults in use, in the session's words
    (in English the field ids, what `/set` takes; in another language the field's name with its id)."""
    from advisor.text.words import ENGLISH

    w = session.words() if hasattr(session, "words") else ENGLISH
    resolved = session.resolved_profile()
    state = session.state
    rows = ["| " + " | ".join([w._("field"), w._("value"), w._("source")]) + " |", "|---|---|---|"]
    for field, value, source in field_rows(
        state.profile, state.given, resolved, state.measured_fields(), assumed_fields(state)
    ):
        name = field if w.lang == "en" else f"{w.field_name(field)} (`{field}`)"  # the id is what /set takes
        rows.append(f"| {name} | {'—' if value is None else w.format_value(field, value)} | {w._(source)} |")
    if resolved is not None and resolved.assumptions:
        rows += ["", w.labelled(w._("Assuming"), "; ".join(w.phrase(a) for a in resolved.assumptions) + ".")]
    return "**" + w._("Profile") + "**\n\n" + "\n".join(rows)
