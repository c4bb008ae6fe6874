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


def recommendation_markdown(result: CompareResult, *, limit: int = 6, w: Words = ENGLISH, brief: bool = False) -> str:
    """The whole recommendation — the pick, why, the warnings, the options table and the
    assumptions: `/options`, and the local answer when Claude could not write the memo. ``brief``:
    the chat shares the screen with the side panel, whose table has every column."""
    from advisor.text.answer import headline

    lines = [headline(result, w), "", *recommendation_bullets(result, w)]
    lines += boundary_bullets(boundary_of(result), w=w)
    lines += ["", options_markdown(result, limit=limit, w=w, brief=brief)]
    if result.assumptions:
        lines += ["", w.labelled(w._("Assuming"), "; ".join(w.phrase(a) for a in result.assumptions) + ".")]
    return "\n".join(lines)


# The columns a brief table keeps (beside the side panel, the chat is too narrow for all eight: the
# option's name wrapped a word a line): the mark, the option, a month's cost and the horizon's.
BRIEF_COLUMNS = (0, 1, 2, 4)


def options_markdown(result: CompareResult, *, limit: int = 6, w: Words = ENGLISH, brief: bool = False) -> str:
    """The options table of render.options_table, as Markdown; ``brief``: its BRIEF_COLUMNS only."""
    headers = option_headers(result.horizon_months, w)
    rows = [option_cells(o.model_dump(), w) for o in result.options[:limit]]
    right = OPTION_FIGURES
    if brief:
        headers, rows = [headers[i] for i in BRIEF_COLUMNS], [[r[i] for i in BRIEF_COLUMNS] for r in rows]
        right = tuple(BRIEF_COLUMNS.index(i) for i in OPTION_FIGURES if i in BRIEF_COLUMNS)
    table = markdown_table(headers, rows, right=right)
    failing = failed_lines(result.options[:limit], w)
    return "\n".join([table, "", *failing]) if failing else table
