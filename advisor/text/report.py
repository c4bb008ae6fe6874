"""The recommendation as a report worth sending to a manager: Markdown (or JSON) with the
recommendation and its reasons, the profile (given vs assumed), the options, the cumulative cost
chart as text, the prices used with their dates and sources, and the Claude memo if any.

Every figure comes from the comparison or the catalog; this module only formats (the one date
sum it does is the catalog's own staleness rule, applied to hardware prices too)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from advisor import __version__
from advisor.state import SessionState
from advisor.store import SpendSummary
from advisor.text.answer import headline
from advisor.text.boundary import boundary_of, boundary_section
from advisor.text.chart import Series, breakeven, crossover, cumulative_series, text_chart, volume_series
from advisor.text.measured import measured_document
from advisor.text.plan import plan_markdown
from advisor.text.reasons import pick_reasons, rule_text
from advisor.text.render import (
    OPTION_FIGURES,
    markdown_cell,
    markdown_table,
    option_cells,
    option_headers,
    recommendation_warnings,
)
from advisor.text.summary import MEMO_MARK
from advisor.text.words import ENGLISH, Words
from advisor.tools import clock
from advisor.tools.catalog import STALE_AFTER_DAYS, Catalog
from advisor.tools.compare import CompareInput, CompareResult
from advisor.tools.options import Option
from advisor.tools.plan import PlanResult
from advisor.tools.wording import N_

TITLE = N_("LLM deployment recommendation")


# ---- data (shared by Markdown and JSON) --------------------------------------------------------
def _stale(as_of: date, today: date) -> bool:
    return (today - as_of).days > STALE_AFTER_DAYS


def _cloud_price(model_id: str, result: CompareResult, catalog: Catalog) -> dict[str, Any]:
    model = catalog.cloud[model_id]
    p = model.price
    return {
        "id": model_id,
        "kind": "cloud API",
        "name": model.name,
        "provider": model.provider,
        "tier": model.tier,
        "tier_basis": model.tier_basis,
        "input_usd_per_million": p.input,
        "output_usd_per_million": p.output,
        "cache_read_usd_per_million": p.cache_read,
        "as_of": p.as_of.isoformat(),
        "source": p.source,
        "note": p.note or model.note,
        "stale": model_id in result.stale_prices,
    }


def _hardware_price(hardware_id: str, catalog: Catalog, today: date) -> dict[str, Any]:
    box = catalog.hardware[hardware_id]
    return {
        "id": box.id,
        "kind": "hardware (rented)" if box.kind == "rented" else "hardware",
        "name": box.name,
        "price_usd": box.price_usd,
        "hourly_usd": box.hourly_usd,
        "watts": box.watts,
        "as_of": box.as_of.isoformat(),
        "source": box.source,
        "note": box.note,
        "stale": _stale(box.as_of, today),
    }


def prices(result: CompareResult, catalog: Catalog, today: date | None = None) -> list[dict[str, Any]]:
    """Every cloud model and hardware entry in the shown options, with its date and source."""
    today = today or clock.today()
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for option in result.options:
        for model_id in option.cloud_models:
            if model_id not in seen and model_id in catalog.cloud:
                seen.add(model_id)
                rows.append(_cloud_price(model_id, result, catalog))
        box = option.hardware
        if box and box not in seen and box in catalog.hardware:
            seen.add(box)
            rows.append(_hardware_price(box, catalog, today))
    return rows


def local_models(result: CompareResult, catalog: Catalog) -> list[dict[str, Any]]:
    """The open-weight models in the shown options, with the tier that places them and its basis."""
    ids = dict.fromkeys(o.local_model for o in result.options if o.local_model in catalog.local_models)
    return [
        {
            "id": m.id,
            "name": m.name,
            "tier": m.tier,
            "tier_basis": m.tier_basis,
            "license": m.license,
            "as_of": m.as_of.isoformat(),
            "source": m.source,
        }
        for m in (catalog.local_models[i] for i in ids if i)
    ]


def profile_rows(state: SessionState, result: CompareResult) -> list[dict[str, Any]]:
    """Each profile field with a value: what it is, and whether the user gave it, it was derived
    from what they gave (monthly tokens from requests a day), or a stated default filled it."""
    rows = []
    measured = state.measured_fields()
    for field, value in result.profile.items():
        if value is None:
            continue
        if field in state.given:
            how = "given"
        elif field in measured:
            how = "measured"
        elif field.startswith("monthly_") and "requests_per_day" in state.given:
            how = "derived"
        else:
            how = "assumed"
        rows.append({"field": field, "value": value, "status": how})
    return rows


# ---- Markdown ----------------------------------------------------------------------------------
def _header(session_name: str | None, day: date, w: Words) -> list[str]:
    title = "# " + w._(TITLE) + (f" — {session_name}" if session_name else "")
    out = [title, "", "_" + w._("Generated {day} by advisor {version}.", day=w.date(day), version=__version__) + "_"]
    if rate := w.rate_line():
        out += ["", rate]
    return [*out, ""]


def _recommendation(result: CompareResult, w: Words) -> list[str]:
    rec = result.recommendation
    out = ["## " + w._("Recommendation"), "", headline(result, w), ""]
    if rec.why:
        out += [w._("Why:"), "", *[f"- {r}" for r in pick_reasons(result, w)], ""]
    for title, text in recommendation_warnings(rec.model_dump(), result.horizon_months, w):
        out += [f"> ⚠ **{title}** — {text}.", ""]
    return out


def _capacity(o: Option, w: Words) -> str:
    if not o.capacity_verdict:
        return "—"
    basis = {"estimate": w._("estimated speed"), "measured": w._("measured speed")}.get(o.speed_basis or "")
    basis = basis or (w.phrase(o.speed_basis) if o.speed_basis else "")
    return w.phrase(o.capacity_verdict) + (f" ({basis})" if basis else "")


def _options(result: CompareResult, w: Words) -> list[str]:
    rows = []
    for o in result.options:
        cells = option_cells(o.model_dump(), w)
        if o.id == result.recommendation.option_id:
            cells[1] = f"**{w.phrase(o.label)}** (" + w._("recommended") + ")"
        cells[6] = _capacity(o, w)
        rows.append(cells)
    out = [
        "## " + w._("Options"),
        "",
        w._(
            "Monthly cost includes amortisation; first year and {h} months include the upfront spend.",
            h=f"{result.horizon_months:g}",
        ),
        "",
        markdown_table(option_headers(result.horizon_months, w), rows, right=OPTION_FIGURES),
        "",
    ]
    failing = [
        w._("- ✗ {option} — ruled out: {why}", option=w.phrase(o.label), why="; ".join(w.phrase(f) for f in o.failed))
        for o in result.options
        if o.failed
    ]
    failing += _short_context(result, w)
    notes = [f"- {w.phrase(o.label)}: {w.phrase(n)}" for o in result.options for n in o.notes]
    if failing:
        out += [w._("Why not:"), "", *failing, ""]
    if notes:
        out += [w._("Notes:"), "", *notes, ""]
    return out


def _short_context(result: CompareResult, w: Words) -> list[str]:
    """The local models never costed because one request is longer than their context window."""
    skipped = result.recommendation.short_context_models
    if not skipped:
        return []
    p = result.profile
    need = (p.get("input_tokens_per_request") or 0) + (p.get("output_tokens_per_request") or 0)
    line = w.n_(
        "- ✗ Local: {models} — not offered: a {tokens}-token request is longer than its context window",
        "- ✗ Local: {models} — not offered: a {tokens}-token request is longer than their context windows",
        len(skipped),
        models=", ".join(skipped),
        tokens=w.number(round(need)),
    )
    return [line]


def _code(text: str) -> list[str]:
    return ["```text", text, "```", ""]


def _in_currency(series: list[Series], w: Words) -> list[Series]:
    """The series' dollar figures in the reader's currency, their labels in their words."""
    return [s.model_copy(update={"y": [w.amount(y) or 0.0 for y in s.y], "label": _said(s.label, w)}) for s in series]


def _said(label: str, w: Words) -> str:
    """A series' label in the reader's words; '✗ ' (the option fails) kept in front."""
    mark, bare = ("✗ ", label[2:]) if label.startswith("✗ ") else ("", label)
    return mark + w.phrase(bare)


def _cumulative(result: CompareResult, w: Words) -> list[str]:
    point = crossover(result)
    label = (
        w._("crossover at {months}, {money} spent", months=w.months(point[0]), money=w.money(point[1]))
        if point
        else None
    )
    chart = text_chart(
        _in_currency(cumulative_series(result, limit=None), w),
        w._("cumulative cost over {h} months", h=f"{result.horizon_months:g}"),
        marker_x=point[0] if point else None,
        xlabel=w._("months"),
        marker_label=label,
        money=w.tick,
    )
    out = ["## " + w._("Cumulative cost"), "", *_code(chart)]
    if point:
        out += [
            w._("The recommended option has cost less than the cloud from {months} on.", months=w.months(point[0])),
            "",
        ]
    return out


def _volume(result: CompareResult, series: list[Series], w: Words) -> list[str]:
    volume = breakeven(result)
    p = result.profile
    now = w._(
        "you run {input} in + {output} out a month",
        input=w.tokens(p["monthly_input_tokens"]),
        output=w.tokens(p["monthly_output_tokens"]),
    )
    out = ["## " + w._("Break-even volume"), ""]
    if volume:
        out.append(
            w._(
                "Local and cloud cost the same at **{tokens} tokens a month**; {now}.", tokens=w.tokens(volume), now=now
            )
        )
        rec = result.recommendation
        if rec.breakeven_beyond_reach and rec.breakeven_reach_tokens_per_month:
            out.append(
                w._(
                    "That is beyond what one unit can carry ({tokens} tokens a month at this mix): below it, one box"
                    " costs more than the cloud; above it, more units are needed.",
                    tokens=w.tokens(rec.breakeven_reach_tokens_per_month),
                )
            )
    else:
        out.append(
            w._("No break-even volume: no local option gets cheaper than the cloud as volume grows; {now}.", now=now)
        )
    out.append("")
    if series:
        chart = text_chart(
            _in_currency(series, w),
            w._("monthly cost against monthly tokens (log scales)"),
            marker_x=volume,
            log_x=True,
            log_y=True,
            xlabel=w._("tokens a month"),
            marker_label=w._("break-even, {tokens}", tokens=w.tokens(volume)) if volume else None,
            money=w.tick,
        )
        out += _code(chart)
    return out


def _profile(state: SessionState, result: CompareResult, w: Words) -> list[str]:
    out = ["## " + w._("Workload profile"), ""]
    if state.measured is not None and state.measured_fields():
        out += [
            w._("Volume {volume} (`advisor import`; fields marked measured).", volume=state.measured.describe()),
            "",
        ]
    out += ["| " + w._("field") + " | " + w._("value") + " | |", "|---|---|---|"]
    for row in profile_rows(state, result):
        value = w.format_value(row["field"], row["value"])
        status = w._(row["status"])  # given, measured, derived, assumed (words.SOURCE_WORDS)
        out.append(f"| {w.field_name(row['field'])} | {value} | {status} |")
    out += ["", w._("Assumptions (stated defaults; change any with `/set`):"), ""]
    out += [f"- {w.phrase(a)}" for a in result.assumptions] + [""]
    return out


def _where_the_data_goes(result: CompareResult, w: Words) -> list[str]:
    return boundary_section(boundary_of(result), lambda headers, rows: markdown_table(headers, rows), w)


def _price_cell(row: dict[str, Any], w: Words) -> str:
    if "input_usd_per_million" in row:
        return w._(
            "{input} in / {output} out per M",
            input=w.price(row["input_usd_per_million"]),
            output=w.price(row["output_usd_per_million"]),
        )
    if row["price_usd"] is not None:
        return w.money(row["price_usd"])
    return w._("{money}/h", money=w.money(row["hourly_usd"]))


TIER_WORDS = {"frontier": N_("frontier"), "strong": N_("strong"), "budget": N_("budget")}


def _tier(tier: str, w: Words) -> str:
    return w._(TIER_WORDS.get(tier, tier))


TURN_STATUS = {"cancelled": N_("cancelled"), "failed": N_("failed")}
KIND_WORDS = {"cloud API": N_("cloud API"), "hardware": N_("hardware"), "hardware (rented)": N_("hardware (rented)")}


def _prices(result: CompareResult, catalog: Catalog, day: date, w: Words) -> list[str]:
    rows = prices(result, catalog, day)
    headers = [w._("item"), w._("kind"), w._("price"), w._("as of"), w._("source")]
    out = ["## " + w._("Prices used"), "", "| " + " | ".join(headers) + " |", "|---|---|---:|---|---|"]
    for row in rows:
        flag = " ⚠ " + w._("older than {days} days", days=STALE_AFTER_DAYS) if row["stale"] else ""
        source = markdown_cell(row["source"] + (f" — {row['note']}" if row["note"] else ""))
        kind = w._(KIND_WORDS.get(row["kind"], row["kind"]))
        day_of = w.date(date.fromisoformat(row["as_of"]))
        out.append(f"| {row['id']} | {kind} | {_price_cell(row, w)} | {day_of}{flag} | {source} |")
    stale = [r["id"] for r in rows if r["stale"]]
    if stale:
        out += [
            "",
            w._(
                "⚠ Prices older than {days} days: {items} — check the providers' and sellers' current prices before"
                " deciding.",
                days=STALE_AFTER_DAYS,
                items=", ".join(stale),
            ),
        ]
        if any(r["stale"] and r["kind"] == "cloud API" for r in rows):
            out[-1] += " " + w._(
                "`advisor catalog update` refreshes the cloud prices from genai-prices' maintained data."
            )
    return [*out, ""]


def _tiers(result: CompareResult, catalog: Catalog, w: Words) -> list[str]:
    cloud = [r for r in prices(result, catalog) if "tier" in r]
    rows = cloud + local_models(result, catalog)
    if not rows:
        return []
    out = [
        "## " + w._("Model quality tiers"),
        "",
        "| " + " | ".join([w._("model"), w._("tier"), w._("basis")]) + " |",
        "|---|---|---|",
    ]
    out += [f"| {r['id']} | {_tier(r['tier'], w)} | {markdown_cell(r['tier_basis'])} |" for r in rows]
    return [*out, ""]


def _context(result: CompareResult, w: Words) -> list[str]:
    rules = result.recommendation.rules
    if not rules:
        return []
    heading = "## " + w._("Rules of thumb (context, not the decision)")
    return [heading, "", *[f"- {rule_text(r, w)}" for r in rules], ""]


def without_memo_mark(text: str | None) -> str:
    """``text`` without the mark an answer puts before Claude's memo, and the blank around it."""
    return (text or "").replace(MEMO_MARK, "").strip()


def memo_text(memo: str | None, state_memo: str | None) -> str:
    """The memo a report shows: ``memo`` when one is given (even empty), else the session's."""
    return without_memo_mark(memo if memo is not None else state_memo)


def _memo(text: str, w: Words) -> list[str]:
    if not text:
        return []
    return [
        "## " + w._("Memo (written by Claude)"),
        "",
        "_" + w._("Written by Claude from the figures above.") + "_",
        "",
        text,
        "",
    ]


class Exchange(BaseModel):
    """One turn of the conversation as the report keeps it: what was asked and what was answered."""

    started: str
    user: str
    answer: str
    status: str = "ok"


def _conversation(conversation: list[Exchange] | None, w: Words) -> list[str]:
    """Every turn, oldest first (the chat shows only the last ones; this is where the rest are)."""
    if not conversation:
        return []
    count = w.n_("{n} turn, oldest first.", "{n} turns, oldest first.", len(conversation))
    out = ["## " + w._("Conversation"), "", f"_{count}_", ""]
    for number, turn in enumerate(conversation, start=1):
        status = "" if turn.status == "ok" else " (" + w._(TURN_STATUS.get(turn.status, turn.status)) + ")"
        out += [f"### {number}. {turn.started}{status}", ""]
        out += [*(f"> {line}" if line else ">" for line in turn.user.splitlines()), ""]
        out += [without_memo_mark(turn.answer) or "_" + w._("no answer") + "_", ""]
    return out


def _spend(spend: SpendSummary | None, w: Words) -> list[str]:
    if spend is None:
        return []

    def side(turns: int, tokens_in: int, tokens_out: int, usd: float) -> str:
        return w.n_(
            "{n} turn, {tokens_in} tokens in, {tokens_out} out — {money}",
            "{n} turns, {tokens_in} tokens in, {tokens_out} out — {money}",
            turns,
            tokens_in=w.number(tokens_in),
            tokens_out=w.number(tokens_out),
            money=w.price(usd),  # a few Claude calls: fractions of a cent
        )

    out = [
        "## " + w._("What this advice cost"),
        "",
        "- "
        + w._(
            "local model: {line}",
            line=side(spend.local_turns, spend.local_input_tokens, spend.local_output_tokens, spend.local_usd),
        ),
        "- "
        + w._(
            "Claude: {line}",
            line=side(spend.claude_turns, spend.claude_input_tokens, spend.claude_output_tokens, spend.claude_usd),
        ),
    ]
    if spend.all_claude_usd:
        out.append(
            "- "
            + w._(
                "the same session on Claude alone: {money} ({tokens_in} tokens in, {tokens_out} out; {basis})"
                " — Claude's actual share: {share}",
                money=w.price(spend.all_claude_usd),
                tokens_in=w.number(spend.all_claude_input_tokens),
                tokens_out=w.number(spend.all_claude_output_tokens),
                basis=w.phrase(spend.all_claude_basis),
                share=f"{spend.claude_share:.1%}" if w.lang == "en" else w.pct(spend.claude_share),
            )
        )
    return [*out, ""]


def _volume_input(state: SessionState, result: CompareResult, catalog: Catalog) -> list[Series]:
    """The volume sweep for the state's profile, when it is the profile ``result`` compared."""
    from advisor.tools.base import ToolError

    try:
        inp = CompareInput.model_validate(state.profile.model_dump(exclude_none=True))
        series = volume_series(inp, catalog, result=result, limit=None)
    except (ToolError, ValueError):
        return []
    return series if {s.option_id for s in series} == {o.id for o in result.options} else []


def render_markdown(
    state: SessionState,
    result: CompareResult,
    catalog: Catalog,
    spend: SpendSummary | None = None,
    memo: str | None = None,
    session_name: str | None = None,
    generated: date | None = None,
    conversation: list[Exchange] | None = None,
    plan: PlanResult | None = None,
    w: Words = ENGLISH,
) -> str:
    """The report, in the reader's language and currency (``w``: the rate, its date and its
    source are named once, under the title). With a ``plan`` across several workloads: the plan
    first, then one section a workload (its recommendation, options, charts and profile), then the
    prices of them all."""
    day = generated or clock.today()
    out = _header(session_name, day, w)
    several = plan is not None and len(plan.workloads) > 1
    if several:
        assert plan is not None
        out += [plan_markdown(plan, heading="## {}"), ""]
        out += ["Assumptions across the plan:", "", *[f"- {a}" for a in plan.assumptions[:2]], ""]
        for workload in plan.workloads:
            own_state, own = state.workload_state(workload.name), workload_result(plan, workload.name)
            out += [f"## Workload: {workload.name}", "", *_in_the_plan(plan, workload.name, w)]
            out += _demoted(_workload_sections(own_state, own, catalog, w, alone=True))
        result = _all_options(plan)
    else:
        out += _workload_sections(state, result, catalog, w)
    out += _prices(result, catalog, day, w)
    out += _tiers(result, catalog, w)
    out += _context(result, w)
    out += _memo(memo_text(memo, state.memo), w)
    out += _spend(spend, w)
    out += _conversation(conversation, w)
    return "\n".join(out).rstrip() + "\n"


def _in_the_plan(plan: PlanResult, name: str, w: Words) -> list[str]:
    pl = next(p for p in plan.placements if p.workload == name)
    out = [f"**In the plan:** {pl.label} — {w.money(pl.monthly_usd)} a month ({pl.window}).", ""]
    return out + [f"- {r}" for r in pl.reasons] + [""]


def _workload_sections(
    state: SessionState, result: CompareResult, catalog: Catalog, w: Words, alone: bool = False
) -> list[str]:
    out = _recommendation(result, w)
    if alone:
        out[0] = "## " + w._("On its own")
    out += _options(result, w)
    out += _cumulative(result, w)
    out += _volume(result, _volume_input(state, result, catalog), w)
    out += _profile(state, result, w)
    out += _where_the_data_goes(result, w)
    return out


def _demoted(lines: list[str]) -> list[str]:
    """A workload's sections under its own heading: ``## X`` becomes ``### X``."""
    return [f"#{line}" if line.startswith("## ") else line for line in lines]


def workload_result(plan: PlanResult, name: str) -> CompareResult:
    """One workload's comparison as the plan holds it, in the shape the report's sections take."""
    w = next(w for w in plan.workloads if w.name == name)
    stale = [m for m in plan.stale_prices if any(m in o.cloud_models for o in w.options)]
    return CompareResult(
        profile=w.profile,
        options=w.options,
        recommendation=w.recommendation,
        horizon_months=plan.horizon_months,
        stale_prices=stale,
        assumptions=w.assumptions,
    )


def _all_options(plan: PlanResult) -> CompareResult:
    """Every workload's options together: the prices and tiers they rest on, listed once."""
    first = workload_result(plan, plan.workloads[0].name)
    options = [o for w in plan.workloads for o in w.options]
    return first.model_copy(update={"options": options, "stale_prices": plan.stale_prices})


# ---- JSON --------------------------------------------------------------------------------------
def render_json(
    state: SessionState,
    result: CompareResult,
    catalog: Catalog,
    spend: SpendSummary | None = None,
    memo: str | None = None,
    session_name: str | None = None,
    generated: date | None = None,
    conversation: list[Exchange] | None = None,
    plan: PlanResult | None = None,
    w: Words = ENGLISH,
) -> dict[str, Any]:
    """The report's content as data: every figure as the comparison holds it (unrounded). With a
    ``plan`` across several workloads: ``plan`` and ``workloads`` too (the top-level figures are
    the workload in use's)."""
    day = generated or clock.today()
    point = crossover(result)
    memo = memo_text(memo, state.memo)
    return {
        "title": TITLE,
        **w.document(),
        "session": session_name,
        "generated": day.isoformat(),
        "advisor_version": __version__,
        "recommendation": result.recommendation.model_dump(mode="json"),
        "horizon_months": result.horizon_months,
        "options": [o.model_dump(mode="json") for o in result.options],
        "cumulative_cost": [s.model_dump() for s in cumulative_series(result, limit=None)],
        "crossover": {"month": point[0], "cumulative_usd": point[1]} if point else None,
        "profile": result.profile,
        "profile_status": {r["field"]: r["status"] for r in profile_rows(state, result)},
        "given": list(state.given),
        "measured": measured_document(state),
        "assumptions": list(result.assumptions),
        "prices": prices(result, catalog, day),
        "stale_prices": list(result.stale_prices),
        "data_boundary": boundary_of(result),
        "local_models": local_models(result, catalog),
        "rules_of_thumb": list(result.recommendation.context),
        "memo": {"author": "Claude", "text": memo} if memo else None,
        "spend": spend.model_dump() if spend is not None else None,
        **({"conversation": [turn.model_dump() for turn in conversation]} if conversation is not None else {}),
        **(_plan_document(state, plan) if plan is not None and len(plan.workloads) > 1 else {}),
    }


def _plan_document(state: SessionState, plan: PlanResult) -> dict[str, Any]:
    data = plan.model_dump(mode="json")
    workloads = data.pop("workloads")
    for w in workloads:
        own = state.workload_state(w["name"])
        w["given"] = list(own.given)
        w["current"] = w["name"] == state.workload
    return {"plan": data, "workloads": workloads}
