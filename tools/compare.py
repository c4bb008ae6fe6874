"""Rank the options that pass the constraints and recommend one, with its reasons as data."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from advisor.tools import clock
from advisor.tools import defaults as d
from advisor.tools.base import ToolError, ToolResult
from advisor.tools.boundary_summary import BoundarySummary, summarize
from advisor.tools.capacity import engine_for
from advisor.tools.catalog import STALE_AFTER_DAYS, Catalog, stale_prices
from advisor.tools.options import (
    Deployment,
    Option,
    Plan,
    build_plans,
    constraint_failures,
    context_fits,
    evaluate,
    local_context_limits,
    memory_limits,
    short_context_models,
    tier_ok,
)
from advisor.tools.payback import payback_months
from advisor.tools.profile import MissingVolume, ResolvedProfile, WorkloadProfile, resolve
from advisor.tools.rules import RuleUse, applicable
from advisor.tools.verdict import all_owned, near_tie, near_tie_pick
from advisor.tools.wording import Reason


class CompareInput(WorkloadProfile):
    top: int = Field(default=3, ge=1, le=50, description="options to list per deployment")


class Recommendation(BaseModel):
    deployment: Deployment
    option_id: str
    summary: str
    reasons: list[str]  # in English; ``why`` holds them as data
    why: list[Reason] = []
    runner_up: str | None = None
    margin_usd: float | None = None  # over the horizon, against the runner-up
    margin_pct: float | None = None
    close: bool = False
    conflicts: list[str] = []
    crossover_month: float | None = None  # when the winner's cumulative cost drops below cloud's
    crossover_usd: float | None = None  # what each side has spent by then
    breakeven_tokens_per_month: float | None = None  # volume where local and cloud cost the same
    breakeven_reach_tokens_per_month: float | None = None  # what one unit can carry at the workload's mix
    breakeven_beyond_reach: bool = False  # break-even lies beyond what one unit can carry
    context: list[str] = []  # the seeds' rules of thumb, in English; ``rules`` says which way each argues
    rules: list[RuleUse] = []
    not_offered: list[
        str
    ] = []  # the user's local model, or the whole local side, left out: a request exceeds the window
    short_context_models: list[str] = []  # other local models of the tier skipped: a request exceeds their window
    does_not_fit: list[str] = []  # the user's hardware holds not one stream of its local models at this context


class CompareResult(ToolResult):
    profile: dict
    options: list[Option]
    recommendation: Recommendation
    horizon_months: float
    stale_prices: list[str] = []
    data_boundary: BoundarySummary | None = None  # where the data may go, and each platform's verdict


def _fewer_streams(options: list[Option], p: ResolvedProfile) -> str | None:
    """The engine's slots are an assumption; where memory holds fewer streams at this context, say
    which boxes run how many."""
    slots = p.streams or d.SERVING_STREAMS
    fewer = {o.hardware: o.streams for o in options if o.hardware and o.streams and o.streams < slots}
    if not fewer or p.serving_engine != d.SERVING_ENGINE:
        return None  # vLLM-class engines batch to memory anyway: no slots to fall short of
    context = f" at {p.tokens_per_request:,.0f} tokens of context" if p.tokens_per_request else ""
    boxes = ", ".join(f"{box} {n}" for box, n in sorted(fewer.items()))
    return f"fewer streams where memory holds fewer{context} (the KV cache): {boxes}"


def _rank_key(option: Option) -> tuple[bool, float]:
    return (not option.passes, option.horizon_usd)


def _shortlist(options: list[Option], top: int) -> list[Option]:
    """Every deployment's best ``top`` passing options, and its best failing one for context."""
    out: list[Option] = []
    for kind in ("cloud", "local", "hybrid"):
        of_kind = sorted((o for o in options if o.deployment == kind), key=_rank_key)
        passing = [o for o in of_kind if o.passes][:top]
        failing = [o for o in of_kind if not o.passes][:1]
        out += passing + (failing if len(passing) < top else [])
    return sorted(out, key=_rank_key)


def _with_named(shortlist: list[Option], options: list[Option], p: ResolvedProfile) -> list[Option]:
    """The user's own cloud model is always shown — and, when it is sold outside the data boundary,
    the same model where the boundary allows it — even when cheaper options fill the shortlist."""
    if not p.cloud_model:
        return shortlist
    named = [o for o in options if o.id.startswith("cloud:") and o not in shortlist and _is_named(o, p.cloud_model)]
    return sorted(shortlist + named, key=_rank_key)


def _shown(shortlist: list[Option], winner: Option) -> list[Option]:
    """The pick is always listed — even a failing one (nothing passes; it is the cheapest that keeps
    the data boundary and offline) behind a cheaper one that fails harder."""
    return shortlist if winner in shortlist else sorted([*shortlist, winner], key=_rank_key)


def _is_named(option: Option, model_id: str) -> bool:
    return option.cloud_models == [model_id] or (
        len(option.cloud_models) == 1 and f"({model_id} within your data boundary)" in option.label
    )


def _breakeven(plan: Plan, cloud: Plan, p: ResolvedProfile) -> float | None:
    """Monthly tokens at which one unit of ``plan`` costs what ``cloud`` does (per month)."""
    if plan.local is None or cloud.cloud is None:
        return None
    unit = plan.local.owned_unit or plan.local.unit  # owned: a sunk cost, no rent — only its power
    idle = 0.0 if plan.local.owned_unit and plan.local.powered_anyway else unit.electricity_idle_usd
    fixed = unit.amortization_usd + idle + unit.rental_usd + unit.maintenance_usd
    # its electricity above idle grows with the volume it carries: one unit's busy share at k = 1
    power_per_k = (unit.electricity_load_usd - unit.electricity_idle_usd) * plan.local.powered_busy(
        1, plan.local.demand
    )
    per_k = cloud.cloud.monthly_usd - (plan.cloud.monthly_usd if plan.cloud else 0.0) - power_per_k
    if per_k <= 0:
        return None
    return fixed / per_k * p.monthly_tokens


def _reasons(winner: Option, p: ResolvedProfile, cloud: Option | None, options: list[Option]) -> list[Reason]:
    """Why the pick, from the comparison that made it: the constraint it meets, what it saves or
    costs against the cheapest cloud option, whether it pays back — and if not, what it pays for;
    a local part's own reasons (the units beyond the owned, its fleet, a request's time)."""
    reasons: list[Reason] = []
    if winner.deployment == "local":  # a cloud or hybrid pick that breaks these says so as a conflict
        if p.data_boundary == "on_site":
            reasons.append(Reason(kind="regulated" if p.privacy == "regulated" else "on_site"))
        if p.offline_required:
            reasons.append(Reason(kind="offline"))
    if winner.deployment != "cloud" and cloud is not None:
        name = cloud.label.removeprefix("Cloud: ")
        saving = cloud.monthly_usd - winner.monthly_usd
        if saving > 0:
            reasons.append(Reason(kind="cheaper", values={"saving_usd": saving, "cloud": name}))
        if all_owned(winner):
            reasons.append(Reason(kind="owned", values={"hardware": winner.hardware}))
        elif winner.payback_months is not None and winner.payback_months <= p.horizon_months:
            reasons.append(Reason(kind="pays_back", values={"payback_months": winner.payback_months}))
        else:
            if winner.payback_months is not None:
                values = {"cloud": name, "payback_months": winner.payback_months, "horizon": f"{p.horizon_months:g}"}
                reasons.append(Reason(kind="late_payback", values=values))
            else:
                reasons.append(Reason(kind="never_pays_back", values={"cloud": name}))
            if cloud.failed:
                reasons.append(Reason(kind="pays_for", values={"cloud": name, "ruled_out": _ruled_out(cloud)}))
        if winner.capacity_verdict:
            reasons.append(Reason(kind="capacity", values={"verdict": winner.capacity_verdict}))
        reasons += [r for r in winner.why if r.kind != "time_per_request"]  # units beyond the owned, the fleet
    if winner.deployment == "hybrid":
        values = {
            "local_share": winner.local_share,
            "hard_share": 1 - winner.local_share,
            "models": ", ".join(winner.cloud_models),
        }
        reasons.append(Reason(kind="split", values=values))
    if winner.deployment == "cloud":
        reasons.append(Reason(kind="no_upfront", values={"monthly_usd": winner.monthly_usd}))
    if winner.deployment != "local":  # a contract's price on the cloud part (a local pick's why holds it already)
        reasons += [r for r in winner.why if r.kind == "contract_price" and r not in reasons]
    if winner.deployment != "local" and winner.requires:
        reasons.append(Reason(kind="within_boundary", values={"requires": "; ".join(winner.requires)}))
    reasons += _owned_left_out(winner, p, options)
    timing = [r for r in winner.why if r.kind == "time_per_request"]  # last: how long one request takes
    reasons += timing if winner.deployment != "cloud" else _time_on_named(p, options)
    return reasons


def _card_alone(winner: Option, catalog: Catalog, options: list[Option]) -> list[Reason]:
    """Why a named GPU sold alone is priced differently from the unit with its host the comparison
    prices for the same card (the HGX node): the host is the team's own and not in the price; the
    node's own figure and model, where the options hold it."""
    box = catalog.hardware.get(winner.hardware or "")
    if box is None or box.host_included or winner.owned_units >= winner.units:
        return []
    card = box.card or box.id
    nodes = [
        o
        for o in options
        if o.deployment == winner.deployment
        and (node := catalog.hardware.get(o.hardware or "")) is not None
        and node.host_included
        and node.card == card
    ]
    if not nodes:
        return [Reason(kind="card_alone", values={"hardware": box.id})]
    node = min(nodes, key=lambda o: (not o.passes, o.horizon_usd))
    values = dict(hardware=box.id, node=node.hardware, node_usd=node.monthly_usd, node_model=node.local_model)
    return [Reason(kind="card_alone_node", values=values)]


def _owned_left_out(winner: Option, p: ResolvedProfile, options: list[Option]) -> list[Reason]:
    """When the pick leaves the hardware the team owns unused, what that assumes: the owned box is
    switched off (its idle draw saved); kept on anyway, running the work on it adds only the rest of
    its cost — said when that is less than the pick costs."""
    if not p.owned_hardware or winner.owned_units:
        return []
    mine = [o for o in options if o.passes and all_owned(o) and o.electricity_idle_usd]
    if not mine:
        return []
    best = min(mine, key=lambda o: o.horizon_usd)
    adds = best.monthly_usd - (best.electricity_idle_usd or 0.0)
    if adds >= winner.monthly_usd:
        return []
    values = dict(
        hardware=best.hardware, idle_usd=best.electricity_idle_usd, adds_usd=adds, pick_usd=winner.monthly_usd
    )
    return [Reason(kind="owned_left_out", values=values)]


def _time_on_named(p: ResolvedProfile, options: list[Option]) -> list[Reason]:
    """A request's time on the hardware the user owns or named, when the pick runs elsewhere: how long
    one request would take there is still the answer to 'how long would one request take?'."""
    mine = [h for h in (p.owned_hardware, p.hardware) if h]
    timed = (r for h in mine for o in options if o.hardware == h for r in o.why if r.kind == "time_per_request")
    first = next(timed, None)
    return [first] if first else []


def _ruled_out(cloud: Option) -> str:
    """Why the cheapest cloud option is ruled out, in a line: the data boundary's reasons, when there
    are several or they cite sources, are summed up — each is listed under 'Where the data goes'."""
    boundary = [f for f in cloud.hard_failures if "offline" not in f]
    if len(boundary) > 1 or any("http" in f for f in boundary):
        short = "it is outside your data boundary, each offering's reason under 'Where the data goes'"
        return "; ".join(dict.fromkeys([*(f for f in cloud.failed if f not in boundary), short]))
    return "; ".join(cloud.failed)


def _decider(winner: Option, p: ResolvedProfile, why: list[Reason]) -> str:
    """What decided the pick, for a rule of thumb that argues the other way."""
    kinds = {r.kind for r in why}
    for kind in ("regulated", "on_site", "offline", "owned"):
        if kind in kinds:
            return kind
    return "constraints" if "pays_for" in kinds else "cost"


def _nothing_serves(catalog: Catalog, p: ResolvedProfile) -> ToolError:
    """Why no option exists — most often, no model's context window holds one request."""
    need = p.tokens_per_request
    models = [*catalog.cloud.values(), *catalog.local_models.values()]
    if need is None or any(context_fits(m, p) and tier_ok(m.tier, p.routine_tier) for m in models):
        return ToolError("profile", "this workload", "fits no option in the catalog (no box holds a model it needs)")
    request = f"makes {need:,.0f}-token requests (input + output)"
    holds = [m for m in models if m.context_tokens and m.context_tokens >= need]
    if holds:
        names = ", ".join(sorted({f"{m.id} ({m.tier})" for m in holds}))
        hint = f"{request}: no {p.routine_tier}-tier model in the catalog holds one; {names} would"
        hint += ", at a lower routine tier"
    else:
        widest = max(models, key=lambda m: m.context_tokens or 0)
        hint = f"{request}: no model in the catalog holds one; the longest window is {widest.context_tokens:,}"
        hint += f" ({widest.id})"
    return ToolError("input_tokens_per_request", round(p.input_tokens_per_request or 0), hint)


# The last comparisons made in this process, by input, catalog and day: a turn and the answer it
# writes ask for the same one more than once (the turn's tool call, the answer, the plan).
_RECENT: dict[tuple[str, int, date], tuple[Catalog, CompareResult]] = {}


def compare(inp: CompareInput, catalog: Catalog, today: date | None = None) -> CompareResult:
    """The options ranked for ``inp``. The same input, catalog and day asked again is answered with
    a copy of the first answer, not worked out again."""
    today = today or clock.today()
    key = (inp.model_dump_json(), id(catalog), today)
    if (seen := _RECENT.get(key)) is not None and seen[0] is catalog:
        return seen[1].model_copy(deep=True)
    result = _compare(inp, catalog, today)
    if len(_RECENT) >= 8:
        _RECENT.clear()
    _RECENT[key] = (catalog, result.model_copy(deep=True))  # the caller may change its own copy
    return result


def _compare(inp: CompareInput, catalog: Catalog, today: date) -> CompareResult:
    profile = WorkloadProfile.model_validate(inp.model_dump(exclude={"top"}))
    try:
        p = resolve(profile)
    except MissingVolume as exc:
        raise ToolError("volume", None, str(exc).removeprefix("volume: ")) from None
    engine_for(catalog, p.serving_engine)  # an unknown engine is the user's error, not "no local option"
    plans = build_plans(catalog, p, today)
    if not plans:
        raise _nothing_serves(catalog, p)
    by_id = {plan.id: plan for plan in plans}
    options = [evaluate(plan, p) for plan in plans]

    clouds = sorted((o for o in options if o.deployment == "cloud"), key=_rank_key)
    base_cloud = clouds[0] if clouds else None
    for o in options:
        if o.deployment != "cloud" and base_cloud is not None:
            if all_owned(o):
                o.notes.append("already owned: no purchase to pay back")
            else:
                o.payback_months = payback_months(o.upfront_usd, base_cloud.monthly_usd, o.running_usd)

    ranked = sorted(options, key=_rank_key)
    winner = ranked[0]
    conflicts = [] if winner.passes else list(winner.failed)
    tie_reason = None
    if winner.passes:  # a near-tie goes to owned hardware that carries the load, else to a faster request
        winner, tie_reason = near_tie_pick([o for o in ranked if o.passes], near_tie(catalog))
    if not winner.passes:
        # Nothing meets every constraint: privacy and offline are hard, quality and cost give way.
        hard = [o for o in ranked if not o.hard_failures]
        winner = hard[0] if hard else winner
        conflicts = list(winner.failed)
    others = [o for o in ranked if o.deployment != winner.deployment and o.passes]
    runner = others[0] if others else None
    margin = margin_pct = None
    if runner is not None:
        margin = runner.horizon_usd - winner.horizon_usd
        margin_pct = margin / runner.horizon_usd if runner.horizon_usd else None
    close = margin_pct is not None and abs(margin_pct) < near_tie(catalog).share  # the near-tie is the close call

    local_plans = [o for o in ranked if o.deployment != "cloud"]
    best_local = local_plans[0] if local_plans else None
    breakeven = reach = None
    if best_local is not None and base_cloud is not None:
        breakeven = _breakeven(by_id[best_local.id], by_id[base_cloud.id], p)
        local_part = by_id[best_local.id].local
        if local_part is not None and local_part.demand > 0:
            reach = p.monthly_tokens * local_part.unit_capacity / local_part.demand
    crossover = winner.payback_months if winner.deployment != "cloud" else None

    horizon = p.horizon_months
    why = (
        ([tie_reason] if tie_reason else [])
        + _reasons(winner, p, base_cloud, ranked)
        + _card_alone(winner, catalog, ranked)
    )
    rules = applicable(base_cloud.monthly_usd, winner.deployment, _decider(winner, p, why)) if base_cloud else []
    summary = f"{winner.deployment}: {winner.label.split(': ', 1)[1]}"
    if margin is not None and runner is not None:
        side = "less" if margin >= 0 else "more"
        summary += (
            f" — ${abs(margin):,.0f} ({abs(margin_pct or 0):.0%}) {side} than the best {runner.deployment} option"
            f" over {horizon:g} months"
        )
    recommendation = Recommendation(
        deployment=winner.deployment,
        option_id=winner.id,
        summary=summary,
        reasons=[r.english() for r in why],
        why=why,
        runner_up=runner.id if runner else None,
        margin_usd=margin,
        margin_pct=margin_pct,
        close=close,
        conflicts=conflicts,
        crossover_month=crossover,
        crossover_usd=None if crossover is None else winner.upfront_usd + winner.running_usd * crossover,
        breakeven_tokens_per_month=breakeven,
        breakeven_reach_tokens_per_month=reach,
        breakeven_beyond_reach=breakeven is not None and reach is not None and breakeven > reach,
        context=[rule.english() for rule in rules],
        rules=rules,
        not_offered=local_context_limits(catalog, p, p.routine_tier),
        short_context_models=[m.id for m in short_context_models(catalog, p, p.routine_tier)],
        does_not_fit=memory_limits(catalog, p, p.routine_tier),
    )
    cloud_ids = sorted({m for o in options for m in o.cloud_models})
    stale = stale_prices(catalog, cloud_ids, today)
    assumptions = list(p.assumptions)
    assumptions.append(
        "local speed from the roofline: prompts prefill at the chip's FLOPS, answers decode from memory"
        " bandwidth over the engine's parallel streams; cached input skips prefill"
    )
    if fewer := _fewer_streams(options, p):
        assumptions.append(fewer)
    if stale:
        assumptions.append(
            f"prices older than {STALE_AFTER_DAYS} days for {', '.join(stale)}: `advisor catalog update`"
            " (in the chat, `/catalog update`) refreshes them from genai-prices' maintained data"
        )
    assumptions += price_bases(catalog, winner, p)
    return CompareResult(
        profile=p.model_dump(exclude={"assumptions", "boundary_assumed"}),
        options=_shown(_with_named(_shortlist(options, inp.top), options, p), winner),
        recommendation=recommendation,
        horizon_months=horizon,
        stale_prices=stale,
        assumptions=assumptions,
        data_boundary=summarize(catalog, p, today),
    )


def price_bases(catalog: Catalog, winner: Option, p: ResolvedProfile) -> list[str]:
    """How the price of hardware to buy was had where it is not a source's own figure (an estimate, a
    card without the server it needs), for the pick's hardware and the hardware the profile names."""
    ids = [winner.hardware] if winner.hardware and winner.units > winner.owned_units else []
    ids += [p.hardware] if p.hardware else []
    boxes = [catalog.hardware[i] for i in dict.fromkeys(ids) if i in catalog.hardware]
    return [f"price of the {box.id}: {box.price_basis}" for box in boxes if box.price_basis]


def compare_profile(profile: WorkloadProfile, catalog: Catalog, today: date | None = None) -> CompareResult:
    """The comparison for a session's profile (three options a deployment); ToolError if it cannot
    be compared (no volume yet, nothing in the catalog serves it)."""
    return compare(CompareInput.model_validate(profile.model_dump(exclude_none=True)), catalog, today)


def cumulative_cost(option: Option, months: int) -> list[float]:
    """Cumulative spend at the end of each month 0..months (upfront at month 0)."""
    return [option.upfront_usd + option.running_usd * m for m in range(months + 1)]


class SweepPoint(BaseModel):
    monthly_tokens: float
    winner: str  # option id of the cheapest passing option at this volume
    monthly_usd: dict[str, float]  # option id → monthly cost including amortisation


def sweep(inp: CompareInput, catalog: Catalog, scales: list[float], today: date | None = None) -> list[SweepPoint]:
    """The shortlisted options costed at many volumes (``scales`` × the profile's volume).

    Plans are built once; each volume costs a few float operations per option, so thousands of
    points stay cheap enough for a chart.
    """
    profile = WorkloadProfile.model_validate(inp.model_dump(exclude={"top"}))
    p = resolve(profile)
    shortlisted = {o.id for o in compare(inp, catalog, today).options}
    plans = [plan for plan in build_plans(catalog, p, today) if plan.id in shortlisted]
    points: list[SweepPoint] = []
    for k in scales:
        costs: dict[str, float] = {}
        best, best_cost = "", float("inf")
        for plan in plans:
            monthly, _, _, units = plan.costs(k)
            costs[plan.id] = monthly
            ok = not constraint_failures(plan, p, monthly, units)
            if ok and monthly < best_cost:
                best, best_cost = plan.id, monthly
        points.append(SweepPoint(monthly_tokens=k * p.monthly_tokens, winner=best, monthly_usd=costs))
    return points
