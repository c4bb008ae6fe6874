"""The deterministic answer, as Markdown: every figure straight from a tool result."""

from __future__ import annotations

from typing import Any

from advisor.text.render import breakeven_words, money, months
from advisor.tools.compare import CompareResult, Recommendation


def recommendation_bullets(rec: Recommendation) -> list[str]:
    """The reasons, warnings, break-even volume and crossover month, as Markdown bullets."""
    lines = [f"- {r}" for r in rec.reasons]
    if rec.conflicts:
        lines.append(f"- ⚠ constraints in conflict: {'; '.join(rec.conflicts)}")
    if rec.close:
        lines.append("- ⚠ a close call: small changes in volume or price can flip it")
    if rec.breakeven_tokens_per_month:
        lines.append(f"- break-even volume: {breakeven_words(rec.model_dump())}")
    if rec.crossover_month:
        lines.append(f"- the recommended option overtakes cloud after {months(rec.crossover_month)}")
    return lines


def stale_bullet(model_ids: list[str]) -> str:
    """The answer rests on old prices: say so, and offer the update."""
    from advisor.tools.catalog import STALE_AFTER_DAYS

    return (
        f"- ⚠ prices for {', '.join(model_ids)} were last checked more than {STALE_AFTER_DAYS} days ago:"
        " `/catalog update` in the chat, or `advisor catalog update` in a shell, shows what genai-prices'"
        " maintained data changes and refreshes them"
    )


def recommendation_markdown(result: CompareResult, *, limit: int = 6) -> str:
    rec = result.recommendation
    lines = [f"**Recommendation — {rec.summary}**", "", *recommendation_bullets(rec)]
    if result.stale_prices:
        lines.append(stale_bullet(result.stale_prices))
    lines += ["", options_markdown(result, limit=limit)]
    if result.assumptions:
        lines += ["", "Assuming: " + "; ".join(result.assumptions) + "."]
    return "\n".join(lines)


def recommendation_brief(result: CompareResult, changes: dict[str, list[Any]]) -> str:
    """The answer beside a panel that shows the options table: the recommendation, what changed,
    the warnings; the figures per option and the assumptions are the panel's."""
    from advisor.text.render import format_value

    rec = result.recommendation
    lines = [f"**Recommendation — {rec.summary}**", ""]
    if changes:
        now = [f"{k.replace('_', ' ')} {format_value(k, new)}" for k, (_, new) in changes.items()]
        lines.append("- now: " + "; ".join(now))
    lines += [b for b in recommendation_bullets(rec) if b.startswith("- ⚠")]
    if result.stale_prices:
        lines.append(stale_bullet(result.stale_prices))
    lines.append("- every option's figures and the assumptions are in the side panel (F8 hides it)")
    return "\n".join(lines)


def options_markdown(result: CompareResult, *, limit: int = 6) -> str:
    head = f"| | option | monthly | first year | {result.horizon_months:g} months | payback |"
    rows = [head, "|---|---|---:|---:|---:|---:|"]
    for o in result.options[:limit]:
        payback = "—" if o.deployment == "cloud" else months(o.payback_months)
        mark = "✓" if o.passes else "✗"
        rows.append(
            f"| {mark} | {o.label} | {money(o.monthly_usd)} | {money(o.first_year_usd)} |"
            f" {money(o.horizon_usd)} | {payback} |"
        )
    return "\n".join(rows)


def whatif_markdown(description: str, before: CompareResult, after: CompareResult) -> str:
    """Old and new side by side for the options both runs share, and each one's pick."""
    after_by_id = {o.id: o for o in after.options}
    rows = [
        f"**Scenario — {description}**",
        "",
        "| option | monthly now | monthly then | 36 months now | 36 months then |",
        "|---|---:|---:|---:|---:|",
    ]
    for o in before.options:
        new = after_by_id.get(o.id)
        if new is None:
            continue
        rows.append(
            f"| {o.label} | {money(o.monthly_usd)} | {money(new.monthly_usd)} |"
            f" {money(o.horizon_usd)} | {money(new.horizon_usd)} |"
        )
    for o in after.options:
        if o.id not in {b.id for b in before.options}:
            rows.append(f"| {o.label} | — | {money(o.monthly_usd)} | — | {money(o.horizon_usd)} |")
    rows += [
        "",
        f"- now: {before.recommendation.summary}",
        f"- then: {after.recommendation.summary}",
        "",
        "_This is a scenario; the profile is unchanged. Use `/set` to keep it._",
    ]
    return "\n".join(rows)
