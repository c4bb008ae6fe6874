"""The recommendation as a report worth sending to a manager: Markdown (or JSON) with the
recommendation and its reasons, the profile (given vs assumed), the options, the cumulative cost
chart as text, the prices used with their dates and sources, and the Claude memo if any.
Every figure comes from the comparison or the catalog; this module only formats."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from advisor.chart import cumulative_series, text_chart
from advisor.config import Config
from advisor.errors import UsageError
from advisor.render import format_value, money
from advisor.state import SessionState
from advisor.store import SpendSummary
from advisor.summary import options_markdown, recommendation_bullets
from tools.catalog import Catalog
from tools.compare import CompareResult


def _prices(result: CompareResult, catalog: Catalog) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for option in result.options:
        for model_id in option.cloud_models:
            if model_id in seen or model_id not in catalog.cloud:
                continue
            seen.add(model_id)
            p = catalog.cloud[model_id].price
            rows.append(
                {
                    "id": model_id,
                    "price": f"{money(p.input)} / {money(p.output)} per M tokens",
                    "as_of": p.as_of.isoformat(),
                    "source": p.source,
                    "stale": model_id in result.stale_prices,
                }
            )
        if option.hardware and option.hardware not in seen and option.hardware in catalog.hardware:
            seen.add(option.hardware)
            box = catalog.hardware[option.hardware]
            price = money(box.price_usd) if box.kind == "owned" else f"{money(box.hourly_usd)}/h"
            rows.append(
                {
                    "id": box.id,
                    "price": price,
                    "as_of": box.as_of.isoformat(),
                    "source": box.source,
                    "stale": False,
                    "note": box.note,
                }
            )
    return rows


def _profile_rows(state: SessionState, result: CompareResult) -> list[tuple[str, str, str]]:
    rows = []
    for field, value in result.profile.items():
        if value is None:
            continue
        derived = field.startswith("monthly_") and "requests_per_day" in state.given
        how = "given" if field in state.given else "derived" if derived else "assumed"
        rows.append((field.replace("_", " "), format_value(field, value), how))
    return rows


def render_markdown(
    state: SessionState,
    result: CompareResult,
    catalog: Catalog,
    spend: SpendSummary | None = None,
    memo: str | None = None,
    session_name: str | None = None,
    generated: date | None = None,
) -> str:
    rec = result.recommendation
    day = (generated or date.today()).isoformat()
    out = [f"# LLM deployment recommendation{f' — {session_name}' if session_name else ''}", "", f"_{day}_", ""]
    out += ["## Recommendation", "", f"**{rec.summary}**", ""]
    out += recommendation_bullets(rec)
    out += ["", "## Options", "", options_markdown(result, limit=len(result.options)), ""]
    failing = [o for o in result.options if o.failed]
    out += [f"- ✗ {o.label}: {'; '.join(o.failed)}" for o in failing]
    out += [
        "",
        "## Cumulative cost",
        "",
        "```",
        text_chart(cumulative_series(result), "cumulative cost, $", marker_x=rec.crossover_month),
        "```",
        "",
    ]
    out += ["## Workload profile", "", "| field | value | |", "|---|---|---|"]
    out += [f"| {f} | {v} | {how} |" for f, v, how in _profile_rows(state, result)]
    out += ["", "Assumptions: " + "; ".join(result.assumptions) + ".", ""]
    out += ["## Prices used", "", "| item | price | as of | source |", "|---|---|---|---|"]
    for row in _prices(result, catalog):
        flag = " ⚠ older than 120 days" if row["stale"] else ""
        out.append(f"| {row['id']} | {row['price']} | {row['as_of']}{flag} | {row['source']} |")
    if rec.context:
        out += ["", "## Rules of thumb (context, not the decision)", ""]
        out += [f"- {c}" for c in rec.context]
    if memo:
        out += ["", "## Memo (written by Claude)", "", memo.replace("**Memo (written by Claude):**", "").strip()]
    if spend is not None:
        out += [
            "",
            "## What this advice cost",
            "",
            f"- local model: {spend.local_turns} turns, {spend.local_input_tokens:,} tokens in,"
            f" {spend.local_output_tokens:,} out — $0",
            f"- Claude: {spend.claude_turns} turns, {spend.claude_input_tokens:,} tokens in,"
            f" {spend.claude_output_tokens:,} out — {money(spend.claude_usd)}",
            f"- the same session on Claude alone: {money(spend.all_claude_usd)}",
        ]
    return "\n".join(out) + "\n"


def render_json(
    state: SessionState,
    result: CompareResult,
    catalog: Catalog,
    spend: SpendSummary | None = None,
    memo: str | None = None,
) -> dict[str, Any]:
    return {
        "recommendation": result.recommendation.model_dump(mode="json"),
        "options": [o.model_dump(mode="json") for o in result.options],
        "profile": result.profile,
        "given": state.given,
        "assumptions": result.assumptions,
        "prices": _prices(result, catalog),
        "spend": spend.model_dump() if spend else None,
        "memo": memo,
    }


def write_report(config: Config, session_name: str | None, fmt: str, out: Path | None) -> int:
    from advisor.paths import data_dir, db_path
    from advisor.store import Store
    from tools.profile import WorkloadProfile
    from tools.registry import TOOLS

    store = Store(db_path(data_dir(config.data_dir)))
    record = store.get_session(session_name) if session_name else store.latest_session()
    if record is None:
        what = f"no session {session_name!r}" if session_name else "none yet"
        raise UsageError(f"session: {what} — start one with `advisor` or `advisor ask …`")
    loaded = store.load_profile(record.id)
    state = SessionState()
    if loaded is not None:
        state = SessionState(profile=WorkloadProfile.model_validate(loaded[0]), given=loaded[1])
    if not state.has_volume():
        raise UsageError(f"session {record.name!r}: no volume yet — tell the advisor how many requests or tokens")
    catalog = config.catalog()
    result = TOOLS["compare"].run(state.profile.model_dump(exclude_none=True), catalog)
    memo = next(
        (t.answer for t in reversed(store.turns(record.id)) if t.answer and "written by Claude" in t.answer), None
    )
    spend = store.spend(record.id)
    if fmt == "json":
        text = json.dumps(render_json(state, result, catalog, spend, memo), indent=2, default=str)
    else:
        text = render_markdown(state, result, catalog, spend, memo, session_name=record.name)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    return 0
