"""The deterministic answer, as Markdown: every figure straight from a tool result."""

from __future__ import annotations

from advisor.text.boundary import boundary_bullets, boundary_of
from advisor.text.reasons import breakeven_line, pick_reasons, warnings
from advisor.text.render import OPTION_FIGURES, failed_lines, markdown_table, option_cells, option_headers
from advisor.tools.compare import CompareResult

MEMO_MARK = "**Memo (written by Claude):**"  # before Claude's memo in an answer; the report takes it off


def recommendation_bullets(result: CompareResult) -> list[str]:
    """The reasons, warnings and break-even volume, as Markdown bullets."""
    lines = [f"- {r}" for r in pick_reasons(result)]
    lines += [f"- ⚠ {text}" for text in warnings(result)]
    if breakeven := breakeven_line(result):
        lines.append(f"- {breakeven}")
    return lines


def recommendation_markdown(result: CompareResult, *, limit: int = 6) -> str:
    """The whole recommendation — the pick, why, the warnings, the options table and the
    assumptions: `/options`, and the local answer when Claude could not write the memo."""
    lines = [f"**Recommendation — {result.recommendation.summary}**", "", *recommendation_bullets(result)]
    lines += boundary_bullets(boundary_of(result))
    lines += ["", options_markdown(result, limit=limit)]
    if result.assumptions:
        lines += ["", "Assuming: " + "; ".join(result.assumptions) + "."]
    return "\n".join(lines)


def options_markdown(result: CompareResult, *, limit: int = 6) -> str:
    """The options table of render.options_table, as Markdown."""
    rows = [option_cells(o.model_dump()) for o in result.options[:limit]]
    table = markdown_table(option_headers(result.horizon_months), rows, right=OPTION_FIGURES)
    failing = failed_lines(result.options[:limit])
    return "\n".join([table, "", *failing]) if failing else table
