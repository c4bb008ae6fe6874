"""How "where the data goes" is written: the boundary's basis, each platform's verdict (✓ with what it
requires, ✗ with its reason) and the sources behind them — for the terminal, the chat and the report.
``summary`` is a comparison's ``data_boundary`` as JSON (a dict). The chat's bullets and the report's
section are in the reader's words (the tools' phrases through text/phrases.py); the terminal's lines
for `advisor calc` stay English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from advisor.text.words import ENGLISH, N_, Words

HEADING = N_("Where the data goes")
FACT_LABELS = {
    "baa": N_("BAA"),
    "contract": N_("BAA offered"),
    "zero_retention": N_("zero retention"),
    "region": N_("processes in your region"),
}
STATUS_WORDS = (N_("yes"), N_("no"), N_("unknown"))  # a fact's status, as the report's table says it


def boundary_of(result: Any) -> dict[str, Any] | None:
    """A comparison's ``data_boundary`` as JSON (None when it has none)."""
    summary = getattr(result, "data_boundary", None)
    return summary.model_dump(mode="json") if summary is not None else None


def verdict_rows(summary: dict[str, Any], w: Words = ENGLISH) -> list[tuple[str, str, str, str]]:
    """(✓ or ✗, offering, platform, what it requires or why not) per platform checked."""
    rows = []
    for check in summary.get("offerings", []):
        mark = "✓" if check["passes"] else "✗"
        said = (f"{check['model']} on {check['platform_name']}: ", f"{check['platform_name']}: ")
        failed = [w.phrase(_strip(reason, said)) for reason in check["failed"]]
        requires = "; ".join(w.phrase(r) for r in check["requires"])
        why = w._("requires {requires}", requires=requires) if check["passes"] else "; ".join(failed)
        rows.append((mark, check["model"], check["platform_name"], why or "—"))
    return rows


def _strip(reason: str, prefixes: tuple[str, ...]) -> str:
    """A reason without the offering's name in front (the row names it already)."""
    for prefix in prefixes:
        if reason.startswith(prefix):
            return reason[len(prefix) :]
    return reason


def boundary_lines(summary: dict[str, Any] | None, *, limit: int = 12) -> list[str]:
    """Plain lines for `advisor calc compare` (nothing when no boundary applies)."""
    if not summary or summary["kind"] == "any":
        return []
    lines = [f"{HEADING}: {summary['basis']}"]  # advisor calc: English, as the tools write it
    lines += [f"  {mark} {model} ({platform}): {why}" for mark, model, platform, why in verdict_rows(summary)[:limit]]
    lines.append(f"  {summary['caution']}")
    return lines


def boundary_bullets(summary: dict[str, Any] | None, *, limit: int = 6, w: Words = ENGLISH) -> list[str]:
    """Markdown bullets for the chat's answer: the basis, then the verdicts (passing ones first)."""
    if not summary or summary["kind"] == "any":
        return []
    out = [f"- 🔒 **{w._(HEADING)}** — {w.phrase(summary['basis'])}"]
    rows = verdict_rows(summary, w)
    out += [
        "  - " + w._("{mark} {model} on {platform}: {why}", mark=mark, model=model, platform=platform, why=why)
        for mark, model, platform, why in rows[:limit]
    ]
    if len(rows) > limit:
        out.append("  - " + w._("… {n} more cloud options in the report (`/export`)", n=len(rows) - limit))
    return out


def boundary_section(
    summary: dict[str, Any] | None, table: Callable[[list[str], list[list[str]]], str], w: Words = ENGLISH
) -> list[str]:
    """The report's section: the basis, the verdicts, every fact they rest on with its source and
    date, and the caution; ``table`` writes a Markdown table (headers, rows)."""
    if not summary:
        return []
    out = [f"## {w._(HEADING)}", "", w.phrase(summary["basis"]), ""]
    rows = verdict_rows(summary, w)
    if rows:
        verdicts = [[mark, model, platform, why] for mark, model, platform, why in rows]
        out += [table(["", w._("offering"), w._("platform"), w._("requires, or why not")], verdicts), ""]
        facts = fact_rows(summary, w)
        if facts:
            out += [w._("Facts behind these verdicts:"), ""]
            headers = [w._("platform"), w._("fact"), w._("status"), w._("terms"), w._("as of"), w._("source")]
            out += [table(headers, facts), ""]
    out += [f"_{w.phrase(summary['caution'])}_", ""]
    return out


def fact_rows(summary: dict[str, Any], w: Words = ENGLISH) -> list[list[str]]:
    """Each sourced fact once: platform, what it says, its status, the platform's terms (on which plan,
    through which endpoint), date and source."""
    seen: set[tuple[str, str]] = set()
    rows = []
    for check in summary.get("offerings", []):
        for fact in check["facts"]:
            if not fact["source"] or (check["platform_name"], fact["kind"]) in seen:
                continue
            seen.add((check["platform_name"], fact["kind"]))
            label = w._(FACT_LABELS[fact["kind"]])
            terms = fact.get("terms") or "—"
            status = w._(fact["status"])
            rows.append([check["platform_name"], label, status, terms, str(fact["as_of"]), fact["source"]])
    return rows
