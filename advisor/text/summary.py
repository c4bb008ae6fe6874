"""The deterministic answer, as Markdown: every figure straight from a tool result."""

from __future__ import annotations

from typing import Any

from advisor.text.render import (
    OPTION_FIGURES,
    breakeven_words,
    failed_lines,
    markdown_table,
    money,
    months,
    option_cells,
    option_headers,
    recommendation_warnings,
)
from advisor.tools.compare import CompareResult, Recommendation

MEMO_MARK = "**Memo (written by Claude):**"  # before Claude's memo in an answer; the report takes it off


def recommendation_bullets(rec: Recommendation, horizon: float) -> list[str]:
    """The reasons, warnings, break-even volume and crossover month, as Markdown bullets."""
    lines = [f"- {r}" for r in rec.reasons]
    lines += [f"- ⚠ **{title}** — {text}" for title, text in recommendation_warnings(rec.model_dump(), horizon)]
    if rec.breakeven_tokens_per_month:
        lines.append(f"- break-even volume: {breakeven_words(rec.model_dump())}")
    if rec.crossover_month and rec.crossover_month <= horizon:
        lines.append(f"- the recommended option overtakes cloud after {months(rec.crossover_month)}")
    elif rec.crossover_month:  # a pick made for privacy or offline, not for cost: say what it costs
        lines.append(
            f"- against the cloud it does not pay back within the {horizon:g} months"
            f" (it would after {months(rec.crossover_month)})"
        )
    return lines


def kv_unknown_bullet(result: CompareResult) -> str | None:
    """The recommended option runs a model with no attention shape: its KV cache was not counted, so
    whether its streams fit is unknown — said in the answer, not only under calc's table."""
    rec = result.recommendation
    chosen = next((o for o in result.options if o.id == rec.option_id), None)
    if chosen is None or not chosen.local_model or chosen.fits is not None:
        return None
    p = result.profile
    tokens = (p.get("input_tokens_per_request") or 0) + (p.get("output_tokens_per_request") or 0)
    context = f" of {tokens:,.0f} tokens" if tokens else ""
    streams = f"{chosen.streams} stream{'s' if chosen.streams != 1 else ''}" if chosen.streams else "its streams"
    return (
        f"- ⚠ **KV cache not counted** — {chosen.local_model} has no attention shape in the catalog:"
        f" whether {streams}{context} fit on the {chosen.hardware} is unknown"
    )


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
    lines = [f"**Recommendation — {rec.summary}**", "", *recommendation_bullets(rec, result.horizon_months)]
    if kv_line := kv_unknown_bullet(result):
        lines.append(kv_line)
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
    lines += [b for b in recommendation_bullets(rec, result.horizon_months) if b.startswith("- ⚠")]
    if kv_line := kv_unknown_bullet(result):
        lines.append(kv_line)
    if result.stale_prices:
        lines.append(stale_bullet(result.stale_prices))
    lines.append("- every option's figures and the assumptions are in the side panel (F8 hides it)")
    return "\n".join(lines)


def options_markdown(result: CompareResult, *, limit: int = 6) -> str:
    """The options table of render.options_table, as Markdown."""
    rows = [option_cells(o.model_dump()) for o in result.options[:limit]]
    table = markdown_table(option_headers(result.horizon_months), rows, right=OPTION_FIGURES)
    failing = failed_lines(result.options[:limit])
    return "\n".join([table, "", *failing]) if failing else table


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
    newly = [line for line in after.recommendation.not_offered if line not in before.recommendation.not_offered]
    rows += [
        "",
        f"- now: {before.recommendation.summary}",
        f"- then: {after.recommendation.summary}",
        *(f"- ⚠ then: {line}" for line in newly),
        "",
        "_This is a scenario; the profile is unchanged. Use `/set` to keep it._",
    ]
    return "\n".join(rows)
