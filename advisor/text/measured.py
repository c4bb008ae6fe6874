"""A usage import's measurement (advisor.measure.measured.Measured) as the terminal and the chat
show it, as `advisor import --json` prints it, and as `ask --json` and the report carry it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from advisor.measure.breakdown import UsageRow
from advisor.measure.measured import Measured
from advisor.text.render import money, text_table
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
            "requests_known": m.requests_known,
            "tz": m.tz,
            "hours": m.hours,
            "busiest_hour": m.busiest_hour,
            "traffic_start_hour": m.traffic_start_hour,
        },
        "days": [r.model_dump(mode="json") for r in m.days],
        **({"by": m.by, "rows": [r.model_dump(mode="json") for r in m.rows]} if m.rows is not None else {}),
        "notes": m.notes,
        "session": session,
    }


DEDUPED = ("claude-code", "codex", "gemini-cli")  # sources whose copies of a response are counted once


def import_summary(m: Measured, session: str | None) -> str:
    w = m.window
    counted = f"{m.records:,} requests" if m.requests_known else "tokens (the report does not count requests)"
    lines = [
        f"Measured from {m.source_name} ({m.path}): {counted}, {w.label()}",
        f"  skipped {m.skipped:,} unreadable"
        + (" or without token counts" if m.source not in DEDUPED else "")
        + (f", {m.duplicates:,} repeated entries counted once" if m.source in DEDUPED else "")
        + (f", {m.outside_window:,} outside the window" if m.outside_window else ""),
    ]
    if not m.counted:
        return "\n".join(lines)
    lines += [
        *_request_lines(m),
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
        requests = f"{u.requests:>9,} request{plural:<1}" if m.requests_known else f"{'':>18}"
        lines.append(
            f"    {u.model:<32} {requests} {_tokens(u.input_tokens):>6} in"
            f"  {_tokens(u.output_tokens):>6} out  {price}{long}"
        )
    lines += [f"  note: {n}" for n in m.notes]
    if session:
        lines.append(f"Saved to session {session!r} as its measured profile.")
    return "\n".join(lines)


def _request_lines(m: Measured) -> list[str]:
    """Requests a day with the busiest hour and the traffic window, and each request's size — as
    far as the records say them."""
    if not m.requests_known:
        return ["  requests a day      not in the report (it counts tokens): the interview asks"]
    if m.hours:
        busiest = m.busiest_hour if m.busiest_hour is not None else m.busiest_hour_utc
        opens = f", from {m.traffic_start_hour:02d}:00" if m.traffic_start_hour is not None else ""
        day = (
            f"  requests a day      {m.requests_per_day:,.1f}  (busiest hour {busiest:02d}:00 {m.tz}:"
            f" {m.busiest_hour_share:.0%} of requests → a {m.traffic_hours:g} h traffic window{opens})"
        )
    else:
        day = (
            f"  requests a day      {m.requests_per_day:,.1f}  (the report gives no request's time: no traffic window)"
        )
    i, o = m.input_per_request, m.output_per_request
    if not m.hours:  # a report's buckets: the mean is all that is known of one request
        return [day, f"  per request         mean {_tokens(i.mean)} input, {_tokens(o.mean)} output"]
    return [
        day,
        f"  input per request   median {_tokens(i.median)}, p95 {_tokens(i.p95)}, max {_tokens(i.max)}"
        f" (mean {_tokens(i.mean)})",
        f"  output per request  median {_tokens(o.median)}, p95 {_tokens(o.p95)}, max {_tokens(o.max)}"
        f" (mean {_tokens(o.mean)})",
    ]


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
    indented line a bullet (models nested); then the per-day chart and the hour-of-day profile
    with the traffic window marked, as text blocks."""
    out: list[str] = []
    for line in import_summary(m, session).splitlines():
        if line.startswith("    "):
            out.append(f"  - {line.strip()}")
        elif line.startswith("  "):
            out.append(f"- {line.strip()}")
        else:
            out += ["", f"**{line}**" if not out else line]
    for chart in (day_chart(m), hour_chart(m)):
        if chart:
            out += ["", chart[0], "```", *chart[1:], "```"]
    hint = window_hint(m)
    if hint:
        out += ["", hint]
    return "\n".join(out).strip()


def volume_line(m: Measured) -> str:
    """The measured volume in a sentence, with where and when it was measured."""
    written = m.cache_write_share + m.cache_write_1h_share
    written_text = f", {written:.0%} written to the cache" if written else ""
    per_day = f"{m.requests_per_day:,.1f} requests a day, " if m.requests_known else ""
    return (
        f"{per_day}{_tokens(m.monthly_input_tokens)} input and"
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


BY_HEADERS = {
    "day": "Day",
    "week": "Week of",
    "month": "Month",
    "session": "Session",
    "project": "Project",
    "model": "Model",
}


def breakdown_table(m: Measured) -> str:
    """`advisor import --by …`: one row a day (week, month, session, project, model) with its
    requests, tokens and cost, the models and their cost, and the total."""
    rows = m.rows or []
    headers = [
        BY_HEADERS.get(m.by or "", "Key"),
        "Requests",
        "Input",
        "Output",
        "Cache read",
        "Cache write",
        "Cost",
        "Models",
    ]
    if not m.requests_known:
        headers[1] = "Rows"
    total = UsageRow(
        key="Total",
        requests=sum(r.requests for r in rows),
        input_tokens=sum(r.input_tokens for r in rows),
        output_tokens=sum(r.output_tokens for r in rows),
        cache_read_tokens=sum(r.cache_read_tokens for r in rows),
        cache_write_tokens=sum(r.cache_write_tokens for r in rows),
        usd=m.usd,
        unpriced_models=m.unpriced_models,
        models=[],
    )
    with_models = m.by != "model"
    body = [_row_cells(r, m.requests_known, with_models) for r in rows]
    table = [headers, *body, [""] * len(headers), _row_cells(total, m.requests_known, with_models)]
    lines = text_table([r if with_models else r[:-1] for r in table], right=(1, 2, 3, 4, 5, 6))
    title = f"By {m.by} ({m.tz}), {m.window.label()}, cost at the catalog's prices"
    notes = [f"note: {n}" for n in m.notes if n.startswith("not in the catalog")]
    return "\n".join([title, *lines, *notes])


def _row_cells(r: UsageRow, requests_known: bool, with_models: bool) -> list[str]:
    cost = money(r.usd) if r.usd is not None else "not priced" if r.unpriced_models else "—"  # —: no requests
    if r.usd is not None and r.unpriced_models:
        cost += "+"  # and requests the catalog cannot price
    models = ", ".join(f"{x.model} {money(x.usd) if x.usd is not None else '(not priced)'}" for x in r.models)
    return [
        r.key,
        f"{r.requests:,}" if requests_known else "—",
        _tokens(r.input_tokens),
        _tokens(r.output_tokens),
        _tokens(r.cache_read_tokens),
        _tokens(r.cache_write_tokens),
        cost,
        models if with_models else "",
    ]


CHART_WIDTH = 24  # characters of the longest bar
_BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value: float, top: float, width: int = CHART_WIDTH) -> str:
    """A horizontal bar ``value / top`` of ``width`` characters long, in eighths of a character."""
    if top <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / top * width * 8))
    return "█" * (eighths // 8) + (_BLOCKS[eighths % 8] if eighths % 8 else "")


def day_chart(m: Measured, last: int = 14) -> list[str]:
    """The last ``last`` days of the window: requests (or tokens, for a report without requests) and cost."""
    if not m.days:
        return []
    by_day = {r.key: r for r in m.days}
    first = max(date.fromisoformat(m.days[0].key), m.window.last_day - timedelta(days=last - 1))
    shown = [first + timedelta(days=i) for i in range((m.window.last_day - first).days + 1)]
    value = (lambda r: r.requests) if m.requests_known else (lambda r: r.input_tokens + r.output_tokens)
    top = max(value(r) for r in m.days)
    unit = "requests" if m.requests_known else "tokens"
    all_days = (m.window.last_day - date.fromisoformat(m.days[0].key)).days + 1
    cut = f", the last {len(shown)} days" if len(shown) < all_days else ""
    lines = [f"Per day ({m.tz}, {unit}, cost at catalog prices{cut}):"]
    for day in shown:
        r = by_day.get(f"{day:%Y-%m-%d}")
        amount = (f"{r.requests:,}" if m.requests_known else _tokens(r.input_tokens + r.output_tokens)) if r else "0"
        lines.append(
            f"{day:%m-%d} {bar(value(r), top) if r else '':<{CHART_WIDTH}} {amount:>7} {money(r.usd) if r else '':>8}"
        )
    return lines


def hour_chart(m: Measured) -> list[str]:
    """Requests by hour of the day, the traffic window the capacity model uses marked (▲)."""
    if not m.hours:
        return []
    top = max(m.hours)
    inside: set[int] = set()
    if m.traffic_start_hour is not None and m.window_measured:
        span = max(1, min(24, -int(-m.traffic_hours // 1)))
        inside = {(m.traffic_start_hour + i) % 24 for i in range(span)}
    marked = f"; ▲ the {m.traffic_hours:g} h traffic window the capacity model uses" if inside else ""
    lines = [f"Requests by hour of the day ({m.tz}{marked}):"]
    for hour, n in enumerate(m.hours):
        mark = "▲" if hour in inside else " "
        lines.append(f"{hour:02d} {mark} {bar(n, top):<{CHART_WIDTH}} {n:>7,}")
    return lines


def window_hint(m: Measured) -> str | None:
    """How to move the traffic window from what the chart shows."""
    if m.traffic_start_hour is None or not m.window_measured:
        return None
    span = max(1, min(24, -int(-m.traffic_hours // 1)))
    end = (m.traffic_start_hour + span) % 24
    where = (
        f"{m.traffic_start_hour:02d}-{end:02d} ({m.tz})"
        if span < 24  # '01-01' would read as no hours at all
        else f"the whole day ({m.traffic_hours:g} h from {m.traffic_start_hour:02d}:00, {m.tz})"
    )
    return (
        f"The traffic window is {where}; `/set traffic_window HH-HH` sets another, `/set traffic_hours N` its length."
    )
