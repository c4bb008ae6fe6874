"""Plain-text rendering of tool results for the terminal (no UI library: `advisor calc` stays fast)."""

from __future__ import annotations

from datetime import date
from typing import Any

from advisor.text.boundary import boundary_lines
from advisor.tools.base import ToolResult
from advisor.tools.quantity import duration_words
from advisor.tools.request_time import time_words

MONEY_SUFFIX = ("_usd", "_usd_per_month")
PRICE_SUFFIX = ("_usd_per_million",)
TOKEN_WORDS = ("tokens",)


def money(value: float | None) -> str:
    """Money as the answers show it: whole dollars from $100, cents below; a sum under half a cent
    is '<$0.01' (never '$0.00' for something that costs)."""
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"${value:,.0f}"
    if 0 < abs(value) < 0.005:
        return "<$0.01"
    return f"${value:,.2f}"


def price(value: float | None) -> str:
    """A unit price or one call's cost, which may be a fraction of a cent: dollars per million tokens
    ('$0.075'), what one Claude call cost ('$0.0165'). Up to four decimals below $1, else as money."""
    if value is None:
        return "—"
    if abs(value) >= 1 or value == 0:
        return money(value)
    digits = f"{value:.4f}".rstrip("0")
    return "$" + (digits if len(digits.split(".")[1]) >= 2 else f"{value:.2f}")


def tokens(value: float | None) -> str:
    if value is None:
        return "—"
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"{value / size:,.3g}{suffix}"
    return f"{value:,.0f}"


def count(value: float | None) -> str:
    """A count a person would write: ``1200`` → ``1,200``; a derived ``171.43`` (1,200 a week) →
    ``~171``; a small one to two figures (``~7.1``, ``~0.14``). The exact value stays in the JSON."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"~{round(value):,}"
    return f"~{value:.2g}"


def months(value: float | None) -> str:
    """'4.6 months'; past ten years, years as a person says them ('about 196 years', not '2,346.2
    months'); None is 'never'."""
    if value is None:
        return "never"
    if value >= YEARS_FROM_MONTHS:
        return f"about {value / 12:,.0f} years"
    return f"{value:,.1f} months"


YEARS_FROM_MONTHS = 120


def format_value(key: str, value: Any) -> str:
    if isinstance(value, bool) or value is None:
        if key.endswith("months"):
            return months(value)
        return {True: "yes", False: "no", None: "—"}[value]
    if isinstance(value, float | int):
        if key.endswith("_per_kwh"):
            return f"${value:.2f}/kWh"
        if key.endswith(PRICE_SUFFIX):
            return price(value)
        if key.endswith(MONEY_SUFFIX):
            return money(value)
        if "tokens" in key:
            return tokens(value)
        if key.endswith("months"):
            return months(value)
        if key.endswith(("_s", "_seconds")) or "_s_" in key:  # seconds: ttft_s, request_s_alone, latency_seconds
            return duration_words(value)
        if key.endswith(("share", "pct")):
            return f"{value:.0%}"
        if key in ("requests_per_day", "planned_requests_per_day", "peak_requests_per_hour", "owned_units"):
            return count(value)
        return f"{value:,.4g}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return ", ".join(f"{k}={format_value(k, v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def key_value_table(rows: list[tuple[str, str]]) -> str:
    width = max((len(k) for k, _ in rows), default=0)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)


def render_result(result: ToolResult) -> str:
    data = result.model_dump()
    if "options" in data and "recommendation" in data:
        return render_comparison(data)
    assumptions = data.pop("assumptions", [])
    rows = [(k.replace("_", " "), format_value(k, v)) for k, v in data.items()]
    return key_value_table(rows) + _assumptions(assumptions)


def _assumptions(items: list[str]) -> str:
    if not items:
        return ""
    return "\n\nAssuming:\n" + "\n".join(f"  - {a}" for a in items)


class Plain:
    """English in dollars, as `advisor calc` writes: the default voice of the functions below (an
    answer passes advisor.text.words.Words instead, which speaks the reader's language and currency)."""

    lang = "en"

    @staticmethod
    def _(text: str, /, **values: Any) -> str:
        return text.format(**values) if values else text

    @staticmethod
    def phrase(text: str) -> str:
        return text

    money = staticmethod(money)
    tokens = staticmethod(tokens)
    months = staticmethod(months)

    @staticmethod
    def pct(share: float) -> str:
        return f"{share:.0%}"


PLAIN = Plain()
OPTION_FIGURES = (2, 3, 4, 5)  # the options table's columns of figures (right-aligned)


def option_headers(horizon: float, w: Any = PLAIN) -> list[str]:
    """The options table's columns: one table for the terminal, the chat and the report."""
    h = f"{horizon:g}"
    return [
        "",
        w._("option"),
        w._("monthly"),
        w._("first year"),
        w._("{h} months", h=h),
        w._("payback"),
        w._("capacity"),
        w._("time per request"),
    ]


def option_cells(o: dict[str, Any], w: Any = PLAIN) -> list[str]:
    """One option's row of the options table (``o`` is an Option's model_dump)."""
    return [
        "✓" if o["passes"] else "✗",
        w.phrase(o["label"]),
        w.money(o["monthly_usd"]),
        w.money(o["first_year_usd"]),
        w.money(o["horizon_usd"]),
        payback_words(o, w),
        w.phrase(o["capacity_verdict"]) if o["capacity_verdict"] else "—",
        w.phrase(time_words(o.get("ttft_s"), o.get("request_s"))),
    ]


def short_label(option: Any, w: Any = None) -> str:
    """`hybrid rtx-4090-24gb + gpt-5`: the deployment (in the reader's words, given ``w``) and the ids,
    short enough for a column."""
    hardware = option.hardware or ""
    if hardware and option.units > 1:
        hardware = f"{option.units}× {hardware}"
    if option.deployment == "cloud":
        parts = list(option.cloud_models)
    elif option.deployment == "local":
        parts = [hardware]
    else:
        parts = [hardware, *option.cloud_models[-1:]]
    kind = w._(option.deployment) if w is not None else option.deployment
    return f"{kind} " + " + ".join(p for p in parts if p)


def payback_words(option: Any, w: Any = PLAIN) -> str:
    """'—' for the cloud, 'already owned' when every unit is, else the months (or 'never').
    ``option`` is an Option or its JSON dict."""
    o = option if isinstance(option, dict) else option.model_dump()
    if o["deployment"] == "cloud":
        return "—"
    if o.get("units") and o.get("owned_units", 0) >= o["units"]:
        return w._("already owned")
    return w.months(o["payback_months"])


def failed_lines(options: list[Any], w: Any = PLAIN) -> list[str]:
    """Markdown bullets for under a table: each ✗ option and why it fails."""
    dicts = [o if isinstance(o, dict) else o.model_dump() for o in options]
    return [f"- ✗ {w.phrase(o['label'])}: {'; '.join(w.phrase(f) for f in o['failed'])}" for o in dicts if o["failed"]]


def text_table(rows: list[list[str]], right: tuple[int, ...] = ()) -> list[str]:
    """Rows (the first the headers) as aligned plain-text lines; the ``right`` columns right-aligned."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in rows
    ]


def options_table(options: list[dict[str, Any]], horizon: float) -> str:
    lines = text_table([option_headers(horizon), *map(option_cells, options)])
    for o in options:
        if o["failed"]:
            lines.append(f"  ✗ {o['label']}: {'; '.join(o['failed'])}")
    lines += [f"  · {note}" for note in dict.fromkeys(n for o in options for n in o.get("notes", []))]
    return "\n".join(lines)


def markdown_cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def markdown_table(headers: list[str], rows: list[list[str]], right: tuple[int, ...] = ()) -> str:
    rule = "|".join("---:" if i in right else "---" for i in range(len(headers)))
    head = "|" + "|".join(f" {h} " if h else " " for h in headers) + "|"
    lines = [head, f"|{rule}|"]
    lines += ["| " + " | ".join(markdown_cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def recommendation_warnings(rec: dict[str, Any], horizon: float, w: Any = PLAIN) -> list[tuple[str, str]]:
    """(title, text) of each warning on a recommendation, one wording wherever it is shown."""
    out: list[tuple[str, str]] = [(w._("Context window"), w.phrase(line)) for line in rec.get("not_offered", [])]
    out += [(w._("Memory"), w.phrase(line)) for line in rec.get("does_not_fit", [])]
    if rec["conflicts"]:
        conflicts = "; ".join(w.phrase(c) for c in rec["conflicts"])
        out.append((w._("Constraints in conflict"), w._("no option meets them all: {conflicts}", conflicts=conflicts)))
    if rec["close"] and (rec.get("margin_usd") or 0.0) < 0:
        text = w._(
            "the runner-up costs {margin} ({pct}) less over {h} months: a near-tie, decided by the first reason",
            margin=w.money(-rec["margin_usd"]),
            pct=w.pct(-(rec.get("margin_pct") or 0.0)),
            h=f"{horizon:g}",
        )
        out.append((w._("Close call"), text))
    elif rec["close"]:
        pct = rec.get("margin_pct")
        margin = f"{w.money(rec['margin_usd'])} ({w.pct(pct)})" if pct is not None else w._("little")
        text = w._(
            "the runner-up costs only {margin} more over {h} months: a small change in volume or price can flip it",
            margin=margin,
            h=f"{horizon:g}",
        )
        out.append((w._("Close call"), text))
    return out


def breakeven_words(rec: dict[str, Any], w: Any = PLAIN) -> str:
    """The break-even volume, marked when one unit of the hardware cannot carry it."""
    words = w._("{tokens} tokens a month", tokens=w.tokens(rec["breakeven_tokens_per_month"]))
    reach = rec.get("breakeven_reach_tokens_per_month")
    if rec.get("breakeven_beyond_reach") and reach:
        words += w._(
            " — beyond what one unit can carry ({tokens} a month): only more units get there", tokens=w.tokens(reach)
        )
    return words


def render_comparison(data: dict[str, Any]) -> str:
    rec = data["recommendation"]
    parts = [f"Recommendation: {rec['summary']}"]
    parts += [f"  - {r}" for r in rec["reasons"]]
    parts += [f"⚠ {title} — {text}." for title, text in recommendation_warnings(rec, data["horizon_months"])]
    if rec["breakeven_tokens_per_month"]:
        parts.append(f"Break-even volume: {breakeven_words(rec)}")
    parts.append("")
    parts.append(options_table(data["options"], data["horizon_months"]))
    if lines := boundary_lines(data.get("data_boundary")):
        parts += ["", *lines]
    if rec["context"]:
        parts.append("\nRules of thumb (context, not the decision):")
        parts += [f"  - {c}" for c in rec["context"]]
    return "\n".join(parts) + _assumptions(data.get("assumptions", []))
