"""How "where the data goes" is written: the boundary's basis, each platform's verdict (✓ with what it
requires, ✗ with its reason) and the sources behind them — for the terminal, the chat and the report.
``summary`` is a comparison's ``data_boundary`` as JSON (a dict)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

HEADING = "Where the data goes"


def boundary_of(result: Any) -> dict[str, Any] | None:
    """A comparison's ``data_boundary`` as JSON (None when it has none)."""
    summary = getattr(result, "data_boundary", None)
    return summary.model_dump(mode="json") if summary is not None else None


def verdict_rows(summary: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(✓ or ✗, offering, platform, what it requires or why not) per platform checked."""
    rows = []
    for check in summary.get("offerings", []):
        mark = "✓" if check["passes"] else "✗"
        said = (f"{check['model']} on {check['platform_name']}: ", f"{check['platform_name']}: ")
        failed = [_strip(reason, said) for reason in check["failed"]]
        why = "requires " + "; ".join(check["requires"]) if check["passes"] else "; ".join(failed)
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
    lines = [f"{HEADING}: {summary['basis']}"]
    lines += [f"  {mark} {model} ({platform}): {why}" for mark, model, platform, why in verdict_rows(summary)[:limit]]
    lines.append(f"  {summary['caution']}")
    return lines


def boundary_bullets(summary: dict[str, Any] | None, *, limit: int = 6) -> list[str]:
    """Markdown bullets for the chat's answer: the basis, then the verdicts (passing ones first)."""
    if not summary or summary["kind"] == "any":
        return []
    out = [f"- 🔒 **{HEADING}** — {summary['basis']}"]
    rows = verdict_rows(summary)
    out += [f"  - {mark} {model} on {platform}: {why}" for mark, model, platform, why in rows[:limit]]
    if len(rows) > limit:
        out.append(f"  - … {len(rows) - limit} more cloud options in the report (`/export`)")
    return out


def boundary_section(summary: dict[str, Any] | None, table: Callable[[list[str], list[list[str]]], str]) -> list[str]:
    """The report's section: the basis, the verdicts, every fact they rest on with its source and
    date, and the caution; ``table`` writes a Markdown table (headers, rows)."""
    if not summary:
        return []
    out = [f"## {HEADING}", "", summary["basis"], ""]
    rows = verdict_rows(summary)
    if rows:
        verdicts = [[mark, model, platform, why] for mark, model, platform, why in rows]
        out += [table(["", "offering", "platform", "requires, or why not"], verdicts), ""]
        facts = fact_rows(summary)
        if facts:
            out += ["Facts behind these verdicts:", ""]
            out += [table(["platform", "fact", "status", "terms", "as of", "source"], facts), ""]
    out += [f"_{summary['caution']}_", ""]
    return out


def fact_rows(summary: dict[str, Any]) -> list[list[str]]:
    """Each sourced fact once: platform, what it says, its status, the platform's terms (on which plan,
    through which endpoint), date and source."""
    seen: set[tuple[str, str]] = set()
    rows = []
    for check in summary.get("offerings", []):
        for fact in check["facts"]:
            if not fact["source"] or (check["platform_name"], fact["kind"]) in seen:
                continue
            seen.add((check["platform_name"], fact["kind"]))
            label = {
                "baa": "BAA",
                "contract": "BAA offered",
                "zero_retention": "zero retention",
                "region": "processes in your region",
            }[fact["kind"]]
            terms = fact.get("terms") or "—"
            rows.append([check["platform_name"], label, fact["status"], terms, str(fact["as_of"]), fact["source"]])
    return rows
