"""The deterministic answer, as Markdown: every figure straight from a tool result."""

from __future__ import annotations

from advisor.text.boundary import boundary_bullets, boundary_of
from advisor.text.reasons import breakeven_line, pick_reasons, warnings
from advisor.text.render import OPTION_FIGURES, failed_lines, markdown_table, option_cells, option_headers
from advisor.text.words import ENGLISH, Words
from advisor.tools.compare import CompareResult

MEMO_MARK = "**Memo (written by Claude):**"  # before Claude's memo in an answer; the report takes it off


def recommendation_bullets(result: CompareResult, w: Words = ENGLISH) -> list[str]:
    """The reasons, warnings and break-even volume, as Markdown bullets."""
    lines = [f"- {r}" for r in pick_reasons(result, w)]
    lines += [f"- ⚠ {text}" for text in warnings(result, w)]
    if breakeven := breakeven_line(result, w):
        lines.append(f"- {breakeven}")
    return lines


def recommendation_markdown(result: CompareResult, *, limit: int = 6, w: Words = ENGLISH) -> str:
    """The whole recommendation — the pick, why, the warnings, the options table and the
    assumptions: `/options`, and the local answer when Claude could not write the memo."""
    from advisor.text.answer import headline

    lines = [headline(result, w), "", *recommendation_bullets(result, w)]
    lines += boundary_bullets(boundary_of(result), w=w)
    lines += ["", options_markdown(result, limit=limit, w=w)]
    if result.assumptions:
        lines += ["", w.labelled(w._("Assuming"), "; ".join(w.phrase(a) for a in result.assumptions) + ".")]
    return "\n".join(lines)


def options_markdown(result: CompareResult, *, limit: int = 6, w: Words = ENGLISH) -> str:
    """The options table of render.options_table, as Markdown."""
    rows = [option_cells(o.model_dump(), w) for o in result.options[:limit]]
    table = markdown_table(option_headers(result.horizon_months, w), rows, right=OPTION_FIGURES)
    failing = failed_lines(result.options[:limit], w)
    return "\n".join([table, "", *failing]) if failing else table
