"""A usage import's measurement (advisor.measure.measured.Measured) as the terminal and the chat
show it, as `advisor import --json` prints it, and as `ask --json` and the report carry it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.measure.measured import Measured
from advisor.text.render import money
from advisor.text.render import tokens as _tokens

if TYPE_CHECKING:
    from advisor.state import SessionState


def import_document(m: Measured, session: str | None) -> dict:
    """The JSON of `advisor import --json`: profile (named as `ask --json`'s profile), records,
    skipped, window, models, and every measure behind them."""
    return {
        "profile": m.profile_fields(),
        "records": m.records,
        "skipped": m.skipped,
        "duplicates": m.duplicates,
        "outside_window": m.outside_window,
        "window": m.window.model_dump(mode="json"),
        "models": [u.model_dump(mode="json") for u in m.models],
        "measured": {
            "source": m.source,
            "path": m.path,
            "files": m.files,
            "requests_per_day": m.requests_per_day,
            "busiest_hour_utc": m.busiest_hour_utc,
            "busiest_hour_share": m.busiest_hour_share,
            "traffic_hours": m.traffic_hours,
            "input_tokens_per_request": m.input_per_request.model_dump(),
            "output_tokens_per_request": m.output_per_request.model_dump(),
            "percentile_precision": m.precision,
            "monthly_input_tokens": m.monthly_input_tokens,
            "monthly_output_tokens": m.monthly_output_tokens,
            "monthly_cache_write_tokens": m.monthly_cache_write_tokens,
            "cached_input_share": m.cached_input_share,
            "cache_write_share": m.cache_write_share,
            "cache_write_1h_share": m.cache_write_1h_share,
            "usd": m.usd,
            "monthly_usd": m.monthly_usd,
            "unpriced_models": m.unpriced_models,
        },
        "notes": m.notes,
        "session": session,
    }


def import_summary(m: Measured, session: str | None) -> str:
    w = m.window
    lines = [
        f"Measured from {m.source_name} ({m.path}): {m.records:,} requests, {w.label()}",
        f"  skipped {m.skipped:,} unreadable" + (" or without token counts" if m.source != "claude-code" else "")
        + (f", {m.duplicates:,} repeated entries counted once" if m.source == "claude-code" else "")
        + (f", {m.outside_window:,} outside the window" if m.outside_window else ""),
    ]
    if not m.records:
        return "\n".join(lines)
    i, o = m.input_per_request, m.output_per_request
    hour = f"{m.busiest_hour_utc:02d}:00 UTC" if m.busiest_hour_utc is not None else "—"
    lines += [
        f"  requests a day      {m.requests_per_day:,.1f}  (busiest hour {hour}: {m.busiest_hour_share:.0%}"
        f" of requests → a {m.traffic_hours:g} h traffic window)",
        f"  input per request   median {_tokens(i.median)}, p95 {_tokens(i.p95)}, max {_tokens(i.max)}"
        f" (mean {_tokens(i.mean)})",
        f"  output per request  median {_tokens(o.median)}, p95 {_tokens(o.p95)}, max {_tokens(o.max)}"
        f" (mean {_tokens(o.mean)})",
        f"  a 30-day month      {_tokens(m.monthly_input_tokens)} input, {_tokens(m.monthly_output_tokens)} output,"
        f" {m.cached_input_share:.0%} of input read from cache, {_tokens(m.monthly_cache_write_tokens)} cache writes"
        + _write_shares(m),
    ]
    if m.monthly_usd is not None:
        lines.append(f"  at catalog prices   {money(m.monthly_usd)} a month ({money(m.usd)} over the window)")
    lines.append("  models:")
    for u in m.models:
        price = f"{money(u.monthly_usd)}/month" if u.monthly_usd is not None else "not priced"
        long = f", {u.long_context_requests:,} at the long-context rate" if u.long_context_requests else ""
        plural = "" if u.requests == 1 else "s"
        lines.append(
            f"    {u.model:<32} {u.requests:>9,} request{plural:<1} {_tokens(u.input_tokens):>6} in"
            f"  {_tokens(u.output_tokens):>6} out  {price}{long}"
        )
    lines += [f"  note: {n}" for n in m.notes]
    if session:
        lines.append(f"Saved to session {session!r} as its measured profile.")
    return "\n".join(lines)


def _write_shares(m: Measured) -> str:
    """The cache-write shares the profile takes, when there were writes:
    ' (12.4% of input; extended, 1 h or 12 h: 5.6%)'."""
    written = m.cache_write_share + m.cache_write_1h_share
    if not written:
        return ""
    extended = f"; extended, 1 h or 12 h: {m.cache_write_1h_share:.1%}" if m.cache_write_1h_share else ""
    return f" ({written:.1%} of input{extended})"


def import_markdown(m: Measured, session: str | None) -> str:
    """The summary as Markdown that wraps in a narrow chat column: the first line bold, each
    indented line a bullet (models nested)."""
    out: list[str] = []
    for line in import_summary(m, session).splitlines():
        if line.startswith("    "):
            out.append(f"  - {line.strip()}")
        elif line.startswith("  "):
            out.append(f"- {line.strip()}")
        else:
            out += ["", f"**{line}**" if not out else line]
    return "\n".join(out).strip()


def volume_line(m: Measured) -> str:
    """The measured volume in a sentence, with where and when it was measured."""
    written = m.cache_write_share + m.cache_write_1h_share
    written_text = f", {written:.0%} written to the cache" if written else ""
    return (
        f"{m.requests_per_day:,.1f} requests a day, {_tokens(m.monthly_input_tokens)} input and"
        f" {_tokens(m.monthly_output_tokens)} output tokens a month, {m.cached_input_share:.0%} of"
        f" input cached{written_text} — {m.describe()}"
    )


def measured_document(state: SessionState) -> dict | None:
    """For `ask --json` and the report: the fields holding an import's measured values, and what
    they were measured from."""
    m = state.measured
    if m is None:
        return None
    return {
        "fields": state.measured_fields(),
        "source": m.source,
        "records": m.records,
        "window": m.window.model_dump(mode="json"),
        "description": m.describe(),
    }
