"""One plan across several workloads (cost-model.md, "Several workloads").

Each workload gets its options as `compare` gives them alone. The plan then chooses a placement for
every workload — a cloud model, a kind of box, or a hybrid of the two — so that the total over the
horizon is least while every workload's constraints hold: workloads placed on the same kind of box
share its units (bought once; checked across the day by ``sharing.units_needed``), cloud spend adds
up. The search is exact: over the kinds of box in turn, every subset of the workloads not yet placed
may share it (memoised), the rest go to their cheapest cloud option. Alone, a workload's plan is
exactly its `compare` recommendation.

Each workload's part of the monthly figure is its own cloud spend and its share of the boxes it runs
on, by the box time it takes; the parts add up to the plan's monthly figure."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel

from advisor.tools import clock
from advisor.tools.base import ToolError, ToolResult
from advisor.tools.catalog import Catalog
from advisor.tools.compare import CompareInput, CompareResult, Recommendation, compare
from advisor.tools.options import (
    Deployment,
    Option,
    Plan,
    build_plans,
    evaluate,
    most_units,
    unit_words,
    window_hours,
)
from advisor.tools.profile import ResolvedProfile, WorkloadProfile, resolve
from advisor.tools.sharing import Load, Sharing, busy_by_hour, units_needed
from advisor.tools.workloads import Pin, PlanInput, plan_input, window_words

# The search tries every subset of workloads on every kind of box: about 3^workloads × kinds steps.
# Past this many, it tries fewer kinds of box (each workload's cheapest first) and says so.
SEARCH_LIMIT = 150_000


class Placement(BaseModel):
    """Where one workload runs in the plan, and its part of the plan's cost."""

    workload: str
    option: str  # the option id, as the workload's own options name it
    deployment: Deployment
    label: str
    hardware: str | None = None
    local_model: str | None = None
    cloud_models: list[str] = []
    local_share: float = 0.0
    shares_with: list[str] = []  # the other workloads on the same boxes
    monthly_usd: float  # its cloud spend and its share of the boxes' monthly cost
    cloud_usd: float  # of which its cloud spend
    box_share: float = 0.0  # its share of the boxes' cost (by the box time it takes)
    window: str  # '01:00–06:00', '10 h a day', 'around the clock'
    alone: str  # its own recommendation, compared alone
    reasons: list[str] = []
    failed: list[str] = []


class BoxGroup(BaseModel):
    """Units of one kind of box and the workloads they carry together."""

    hardware: str
    name: str
    units: int
    owned_units: int
    workloads: list[str]
    models: list[str]
    monthly_usd: float
    running_usd: float
    upfront_usd: float
    busy_by_hour: list[float]  # units busy in each hour of the day, 0–23
    peak_hour: float
    apart: list[str] = []  # models given units of their own where they meet (they do not fit together)
    verdict: str


class Alternative(BaseModel):
    """Every workload one way (all cloud, all local), shared boxes included, for comparison."""

    monthly_usd: float
    upfront_usd: float
    horizon_usd: float
    placements: dict[str, str]  # workload → option id
    passes: bool
    failed: list[str] = []


class WorkloadResult(BaseModel):
    """A workload as compared alone: its profile, options and recommendation; and its placement."""

    name: str
    profile: dict
    options: list[Option]
    recommendation: Recommendation
    placement: str  # option id in the plan
    assumptions: list[str] = []


class PlanResult(ToolResult):
    workloads: list[WorkloadResult]
    placements: list[Placement]
    boxes: list[BoxGroup]
    monthly_usd: float  # the sum of the placements' parts
    running_usd: float
    upfront_usd: float
    first_year_usd: float
    horizon_usd: float
    horizon_months: float
    all_cloud: Alternative | None = None
    all_local: Alternative | None = None
    saves_vs_all_cloud_usd: float | None = None  # over the horizon
    saves_vs_all_local_usd: float | None = None
    saves_vs_all_cloud_usd_per_month: float | None = None
    saves_vs_all_local_usd_per_month: float | None = None
    conflicts: list[str] = []
    summary: str
    stale_prices: list[str] = []


# ---- the candidates ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    order: int  # its place in build_plans' order: ties go as `compare` ranks them
    plan: Plan
    option: Option


@dataclass
class Choices:
    """What a workload may be placed on: its cheapest cloud option, and its local and hybrid
    variants by kind of box. ``forced``: nothing passes its constraints, so it keeps the one
    `compare` recommends in spite of them."""

    name: str
    profile: ResolvedProfile
    cloud: Candidate | None
    by_box: dict[str, list[Candidate]]
    forced: bool = False


def _candidates(catalog: Catalog, p: ResolvedProfile, today: date) -> list[Candidate]:
    plans = build_plans(catalog, p, today)
    return [Candidate(i, plan, evaluate(plan, p)) for i, plan in enumerate(plans)]


def _choices(
    name: str, p: ResolvedProfile, candidates: list[Candidate], alone: CompareResult, pin: str | None
) -> Choices:
    pool = [c for c in candidates if pin is None or c.option.deployment == pin]
    passing = [c for c in pool if c.option.passes]
    forced = not passing
    if forced:  # nothing passes: the option `compare` recommends despite it (or the cheapest pinned one)
        chosen = next((c for c in pool if c.option.id == alone.recommendation.option_id), None)
        if chosen is None and pool:
            chosen = min(pool, key=lambda c: (c.option.horizon_usd, c.order))
        passing = [chosen] if chosen is not None else []
    if not passing:
        raise ToolError("placement", pin, f"workload {name!r} has no {pin} option in the catalog")
    tie = alone.recommendation.why[0].kind.startswith("near_tie") if alone.recommendation.why else False
    picked = [c for c in passing if c.option.id == alone.recommendation.option_id]
    if tie and picked:  # a near-tie went to owned hardware or a faster request: the plan keeps that pick
        passing = picked
    clouds = [c for c in passing if c.plan.local is None]
    by_box: dict[str, list[Candidate]] = {}
    for c in passing:
        if c.plan.local is not None:
            by_box.setdefault(c.plan.local.hardware.id, []).append(c)
    cloud = min(clouds, key=lambda c: (c.option.horizon_usd, c.order)) if clouds else None
    return Choices(name, p, cloud, by_box, forced)


# ---- a group of workloads on one kind of box -----------------------------------------------------
@dataclass
class Group:
    box: str
    members: list[int]  # workload indices
    chosen: list[Candidate]
    loads: list[Load]
    sharing: Sharing
    monthly: float  # local monthly incl. amortisation (no cloud)
    running: float  # local running
    upfront: float
    cloud: float  # the hybrid variants' cloud spend
    horizon: float
    standby: int = 0  # units beyond the load's for failover (N+1), once for the group

    @property
    def units(self) -> int:
        return self.sharing.units + self.standby


def _load(c: Candidate, name: str, p: ResolvedProfile) -> Load:
    local = c.plan.local
    assert local is not None
    capacity = local.unit_capacity * local.max_utilization  # a unit is planned with headroom, as compare plans it
    density = local.peak_demand / capacity if capacity > 0 else math.inf  # its busy hour, as compare sizes it
    return Load(
        workload=name,
        model=local.model.id,
        density=density,
        hours=window_hours(p),
        start=p.traffic_start_hour,
        weights_gb=local.weights_gb,
        memory_gb=local.memory_gb,
    )


def _group(box: str, members: list[int], chosen: list[Candidate], choices: list[Choices], horizon: float) -> Group:
    loads = [_load(c, choices[i].name, choices[i].profile) for i, c in zip(members, chosen, strict=True)]
    first = chosen[0].plan.local
    assert first is not None
    sharing = units_needed(loads, first.hardware.memory_gb)
    units = sharing.units + first.standby  # the team's standby (N+1) once for the boxes they share
    demand = sum(c.plan.local.demand for c in chosen if c.plan.local is not None)
    monthly, running, upfront = first.costs_at(units, first.powered_busy(units, demand))
    cloud = sum(c.plan.cloud.monthly_usd for c in chosen if c.plan.cloud is not None)
    return Group(
        box,
        members,
        chosen,
        loads,
        sharing,
        monthly,
        running,
        upfront,
        cloud,
        upfront + (running + cloud) * horizon,
        first.standby,
    )


def within_limit(group: Group) -> bool:
    """At most as many units as one option of the kind may have — or no more than its workloads would
    buy apart, each within that: sharing never needs more units than apart, so it is never refused
    where apart is allowed."""
    most = most_units(group.chosen[0].plan.local.hardware)  # type: ignore[union-attr]
    apart = [c.plan.units(1.0) for c in group.chosen]
    return group.units <= max(most, sum(apart) if max(apart) <= most else 0)


@dataclass
class Search:
    """The exact search over placements, memoising each (box, subset) group's best variants."""

    choices: list[Choices]
    horizon: float
    boxes: list[str]
    memo: dict[tuple[str, int], Group | None] = field(default_factory=dict)

    def best_group(self, box: str, subset: int) -> Group | None:
        key = (box, subset)
        if key not in self.memo:
            self.memo[key] = self._best_group(box, subset)
        return self.memo[key]

    def _best_group(self, box: str, subset: int) -> Group | None:
        members = [i for i in range(len(self.choices)) if subset >> i & 1]
        best: Group | None = None
        best_key: tuple | None = None
        for chosen in itertools.product(*(self.choices[i].by_box[box] for i in members)):
            group = _group(box, members, list(chosen), self.choices, self.horizon)
            forced = any(self.choices[i].forced for i in members)
            if not within_limit(group) and not forced:
                continue
            key = (group.horizon, tuple(c.order for c in chosen))
            if best_key is None or key < best_key:
                best, best_key = group, key
        return best

    def run(self) -> tuple[float, list[Group], dict[int, Candidate]] | None:
        """The least total over the horizon: (total, groups, cloud placements), or None. Equal
        totals go to the options `compare` ranks first (their order in build_plans)."""
        n = len(self.choices)
        # mask → (total over the horizon, groups): the workloads in mask are on the boxes tried so far
        states: dict[int, tuple[float, tuple[Group, ...]]] = {0: (0.0, ())}
        for box in self.boxes:
            members = sum(1 << i for i, c in enumerate(self.choices) if box in c.by_box)
            if not members:
                continue
            after = dict(states)
            for mask, (total, groups) in states.items():
                free = members & ~mask
                subset = free
                while subset:
                    group = self.best_group(box, subset)
                    if group is not None:
                        entry = (total + group.horizon, (*groups, group))
                        old = after.get(mask | subset)
                        if old is None or entry[0] < old[0] or (entry[0] == old[0] and _tie(entry[1]) < _tie(old[1])):
                            after[mask | subset] = entry
                    subset = (subset - 1) & free
            states = after
        best: tuple[float, tuple, tuple[Group, ...], dict[int, Candidate]] | None = None
        for mask, (total, groups) in states.items():
            rest = [i for i in range(n) if not mask >> i & 1]
            if any(self.choices[i].cloud is None for i in rest):
                continue
            clouds: dict[int, Candidate] = {i: self.choices[i].cloud for i in rest}  # type: ignore[misc]
            entry = (total + sum(c.option.horizon_usd for c in clouds.values()), _tie(groups, clouds), groups, clouds)
            if best is None or entry[:2] < best[:2]:
                best = entry
        if best is None:
            return None
        return best[0], list(best[2]), best[3]


def _tie(groups: tuple[Group, ...], clouds: dict[int, Candidate] | None = None) -> tuple:
    """Each placed workload's option order, by workload: equal totals go the way `compare` ranks."""
    pairs = [(i, c.order) for g in groups for i, c in zip(g.members, g.chosen, strict=True)]
    pairs += [(i, c.order) for i, c in (clouds or {}).items()]
    return tuple(sorted(pairs))


def _boxes(choices: list[Choices]) -> tuple[list[str], list[str]]:
    """The kinds of box to try, and what the assumptions say when the search had to narrow them:
    with many workloads, each one's cheapest kinds first, in turn, as many as the search allows."""
    boxes = sorted({box for c in choices for box in c.by_box})
    allowed = max(2, SEARCH_LIMIT // 3 ** len(choices))
    if len(boxes) <= allowed:
        return boxes, []
    ranked = [sorted(c.by_box, key=lambda b, c=c: min(x.option.horizon_usd for x in c.by_box[b])) for c in choices]
    kept: list[str] = []
    for rank in range(len(boxes)):
        for cheapest in ranked:
            if rank < len(cheapest) and cheapest[rank] not in kept and len(kept) < allowed:
                kept.append(cheapest[rank])
    note = (
        f"with {len(choices)} workloads the plan tries {len(kept)} of {len(boxes)} kinds of box for sharing"
        " (each one's cheapest first)"
    )
    return sorted(kept), [note]


# ---- the plan ----------------------------------------------------------------------------------------
def plan(inp: PlanInput, catalog: Catalog, today: date | None = None) -> PlanResult:
    today = today or clock.today()
    named = inp.profiles()
    pins = {w.name: w.placement for w in inp.workloads}
    alone: list[CompareResult] = []
    resolved: list[ResolvedProfile] = []
    candidates: list[list[Candidate]] = []
    for name, profile in named:
        result = _compare_alone(name, profile, inp.top, catalog, today)
        alone.append(result)
        p = resolve(profile)
        resolved.append(p)
        candidates.append(_candidates(catalog, p, today))
    horizon = resolved[0].horizon_months
    choices = [
        _choices(name, p, cands, result, pins[name])
        for (name, _), p, cands, result in zip(named, resolved, candidates, alone, strict=True)
    ]
    boxes, narrowed = _boxes(choices)
    found = Search(choices, horizon, boxes).run()
    if found is None:
        raise ToolError("workloads", [n for n, _ in named], "have no placement that meets every constraint")
    _, groups, clouds = found
    placements, box_groups = _placements(choices, groups, clouds, alone)
    parts = [pl.monthly_usd for pl in placements]
    monthly = sum(parts)
    upfront = sum(g.upfront for g in groups)
    running = sum(g.running + g.cloud for g in groups) + sum(c.option.running_usd for c in clouds.values())
    horizon_usd = sum(g.horizon for g in groups) + sum(c.option.horizon_usd for c in clouds.values())

    all_cloud = _all_cloud(choices, candidates)
    all_local = _all_local(choices, candidates, horizon)
    conflicts = [f"{pl.workload}: {f}" for pl in placements for f in pl.failed]
    budget = resolved[0].budget_usd_per_month
    if budget is not None and monthly > budget:
        conflicts.append(f"the plan's ${monthly:,.0f}/month is over the ${budget:,.0f}/month budget")
    assumptions = _assumptions(choices, resolved, alone, narrowed)
    result = PlanResult(
        workloads=[
            WorkloadResult(
                name=name,
                profile=a.profile,
                options=a.options,
                recommendation=a.recommendation,
                placement=pl.option,
                assumptions=a.assumptions,
            )
            for (name, _), a, pl in zip(named, alone, placements, strict=True)
        ],
        placements=placements,
        boxes=box_groups,
        monthly_usd=monthly,
        running_usd=running,
        upfront_usd=upfront,
        first_year_usd=upfront + 12 * running,
        horizon_usd=horizon_usd,
        horizon_months=horizon,
        all_cloud=all_cloud,
        all_local=all_local,
        saves_vs_all_cloud_usd=_saving(all_cloud, horizon_usd, "horizon_usd"),
        saves_vs_all_local_usd=_saving(all_local, horizon_usd, "horizon_usd"),
        saves_vs_all_cloud_usd_per_month=_saving(all_cloud, monthly, "monthly_usd"),
        saves_vs_all_local_usd_per_month=_saving(all_local, monthly, "monthly_usd"),
        conflicts=conflicts,
        summary="",
        stale_prices=sorted({s for a in alone for s in a.stale_prices}),
        assumptions=assumptions,
    )
    result.summary = _summary(result)
    return result


def plan_profiles(
    named: list[tuple[str, WorkloadProfile]],
    catalog: Catalog,
    pins: dict[str, Pin] | None = None,
    today: date | None = None,
) -> PlanResult:
    """The plan across whole profiles (a session's workloads, each with the team's fields)."""
    return plan(plan_input(named, pins), catalog, today)


def _compare_alone(name: str, profile: WorkloadProfile, top: int, catalog: Catalog, today: date) -> CompareResult:
    try:
        return compare(
            CompareInput.model_validate({**profile.model_dump(exclude_none=True), "top": top}), catalog, today
        )
    except ToolError as exc:
        raise ToolError(exc.field, exc.value, f"{exc.hint} (workload {name!r})") from None


def _saving(alternative: Alternative | None, figure: float, attribute: str) -> float | None:
    return None if alternative is None else getattr(alternative, attribute) - figure


def _placements(
    choices: list[Choices], groups: list[Group], clouds: dict[int, Candidate], alone: list[CompareResult]
) -> tuple[list[Placement], list[BoxGroup]]:
    by_workload: dict[int, Placement] = {}
    box_groups: list[BoxGroup] = []
    for group in groups:
        local = group.chosen[0].plan.local
        assert local is not None
        demands = [c.plan.local.demand for c in group.chosen]  # type: ignore[union-attr]
        total = sum(demands)
        names = [choices[i].name for i in group.members]
        for i, c, demand in zip(group.members, group.chosen, demands, strict=True):
            share = demand / total if total > 0 else 1 / len(group.members)
            cloud = c.plan.cloud.monthly_usd if c.plan.cloud is not None else 0.0
            by_workload[i] = _placement(
                choices[i],
                c,
                share * group.monthly + cloud,
                cloud,
                share,
                [n for n in names if n != choices[i].name],
                alone[i],
                group,
            )
        box_groups.append(_box_group(group, choices))
    for i, c in clouds.items():
        by_workload[i] = _placement(choices[i], c, c.option.monthly_usd, c.option.monthly_usd, 0.0, [], alone[i])
    return [by_workload[i] for i in range(len(choices))], box_groups


def _placement(
    choice: Choices,
    c: Candidate,
    monthly: float,
    cloud: float,
    share: float,
    shares_with: list[str],
    alone: CompareResult,
    group: Group | None = None,
) -> Placement:
    o, p = c.option, choice.profile
    label = o.label
    if group is not None and (group.units != o.units or shares_with):
        label = _label_with_units(c, group.units, bool(shares_with))
    return Placement(
        workload=choice.name,
        option=o.id,
        deployment=o.deployment,
        label=label,
        hardware=o.hardware,
        local_model=o.local_model,
        cloud_models=o.cloud_models,
        local_share=o.local_share,
        shares_with=shares_with,
        monthly_usd=monthly,
        cloud_usd=cloud,
        box_share=share,
        window=window_words(p.traffic_start_hour, window_hours(p)),
        alone=alone.recommendation.option_id,
        reasons=_reasons(choice, c, alone, shares_with, group),
        failed=list(o.failed) if choice.forced else [],
    )


def _label_with_units(c: Candidate, units: int, shared: bool) -> str:
    """The option's label with the units of the group in place of the units it would need alone."""
    local = c.plan.local
    assert local is not None
    alone = unit_words(local.hardware, c.option.units, c.option.owned_units)
    together = unit_words(local.hardware, units, min(units, local.owned_units)) + (" (shared)" if shared else "")
    return c.option.label.replace(alone, together, 1)


def _reasons(
    choice: Choices, c: Candidate, alone: CompareResult, shares_with: list[str], group: Group | None
) -> list[str]:
    p, o = choice.profile, c.option
    reasons: list[str] = []
    if choice.forced:
        reasons.append("no option meets all its constraints: " + "; ".join(o.failed))
    if o.id == alone.recommendation.option_id:
        reasons.append("its own cheapest option within its constraints")
    else:
        own = next((x.label for x in alone.options if x.id == alone.recommendation.option_id), None)
        reasons.append(f"alone it would be {own or alone.recommendation.option_id}; together this costs less")
    if shares_with and group is not None:
        overlap = (
            "their loads add up where their hours overlap" if group.sharing.overlap else "their hours do not overlap"
        )
        reasons.append(f"shares the {group.box} with {', '.join(shares_with)} ({overlap})")
    if o.deployment != "cloud" and p.privacy == "regulated" and p.data_boundary == "on_site":
        reasons.append("regulated data stays on your own hardware")
    if o.deployment == "hybrid":
        reasons.append(
            f"{o.local_share:.0%} runs locally; the hard {1 - o.local_share:.0%} goes to {', '.join(o.cloud_models)}"
        )
    return reasons


def _alone_busy(group: Group) -> list[float]:
    """Each member's own busiest level (the group's peak equals the largest when no hours overlap)."""
    return [
        c.plan.local.peak_demand / c.plan.local.unit_capacity if c.plan.local.unit_capacity > 0 else math.inf  # type: ignore[union-attr]
        for c in group.chosen
    ]


def _busy_words(units: float) -> str:
    """'at 66% of a unit', 'at 4.4 units'."""
    return f"at {units:.0%} of a unit" if units < 1 else f"at {units:.2g} units"


def _box_group(group: Group, choices: list[Choices]) -> BoxGroup:
    local = group.chosen[0].plan.local
    assert local is not None
    names = [choices[i].name for i in group.members]
    windows = [
        f"{choices[i].name} {window_words(choices[i].profile.traffic_start_hour, window_hours(choices[i].profile))}"
        f" {_busy_words(_alone_busy(group)[k])}"
        for k, i in enumerate(group.members)
    ]
    busy = busy_by_hour(group.loads)
    peak = max(busy)
    verdict = f"{group.units} × {group.box}: " + "; ".join(windows)
    if len(names) > 1:
        verdict += (
            f" — at most {peak:.0%} of a unit's time in any hour"
            if group.units == 1
            else (f" — at most {peak:.2g} units busy in any hour")
        )
    if group.sharing.apart:
        verdict += f"; {', '.join(group.sharing.apart)} do not fit one box together: units of their own where they meet"
    return BoxGroup(
        hardware=group.box,
        name=local.hardware.name,
        units=group.units,
        owned_units=min(group.units, local.owned_units),
        workloads=names,
        models=sorted({c.plan.local.model.id for c in group.chosen}),  # type: ignore[union-attr]
        monthly_usd=group.monthly,
        running_usd=group.running,
        upfront_usd=group.upfront,
        busy_by_hour=busy,
        peak_hour=group.sharing.peak_hour,
        apart=group.sharing.apart,
        verdict=verdict,
    )


# ---- the alternatives ----------------------------------------------------------------------------
def _all_cloud(choices: list[Choices], candidates: list[list[Candidate]]) -> Alternative | None:
    """Every workload on its cheapest cloud option (one that passes where there is one)."""
    picked: dict[str, Option] = {}
    for choice, cands in zip(choices, candidates, strict=True):
        clouds = [c for c in cands if c.plan.local is None]
        if not clouds:
            return None
        best = min(clouds, key=lambda c: (not c.option.passes, c.option.horizon_usd, c.order))
        picked[choice.name] = best.option
    return _alternative(picked, upfront=0.0)


def _all_local(choices: list[Choices], candidates: list[list[Candidate]], horizon: float) -> Alternative | None:
    """Every workload on local hardware alone (no cloud share), boxes shared where hours allow."""
    local_choices = []
    for choice, cands in zip(choices, candidates, strict=True):
        by_box: dict[str, list[Candidate]] = {}
        for c in cands:
            if c.option.deployment == "local":
                by_box.setdefault(c.plan.local.hardware.id, []).append(c)  # type: ignore[union-attr]
        if not by_box:
            return None
        # the quality it lacks (a frontier share on a strong model) is said, not a reason to leave it out
        local_choices.append(Choices(choice.name, choice.profile, None, by_box, forced=True))
    boxes, _ = _boxes(local_choices)
    found = Search(local_choices, horizon, boxes).run()
    if found is None:
        return None
    total, groups, _ = found
    picked = {local_choices[i].name: c.option for g in groups for i, c in zip(g.members, g.chosen, strict=True)}
    failed = sorted({f"{name}: {f}" for name, o in picked.items() for f in o.failed if not f.startswith("needs ")})
    failed += [
        f"{g.units} × {g.box} are more than {most_units(g.chosen[0].plan.local.hardware)}"  # type: ignore[union-attr]
        for g in groups
        if not within_limit(g)
    ]
    return Alternative(
        monthly_usd=sum(g.monthly for g in groups),
        upfront_usd=sum(g.upfront for g in groups),
        horizon_usd=total,
        placements={name: o.id for name, o in picked.items()},
        passes=not failed,
        failed=failed,
    )


def _alternative(picked: dict[str, Option], upfront: float) -> Alternative:
    failed = [f"{name}: {f}" for name, o in picked.items() for f in o.failed]
    return Alternative(
        monthly_usd=sum(o.monthly_usd for o in picked.values()),
        upfront_usd=upfront,
        horizon_usd=sum(o.horizon_usd for o in picked.values()),
        placements={name: o.id for name, o in picked.items()},
        passes=not failed,
        failed=failed,
    )


def _assumptions(
    choices: list[Choices], resolved: list[ResolvedProfile], alone: list[CompareResult], narrowed: list[str]
) -> list[str]:
    out = [
        "each workload's part: its cloud spend and its share of the boxes it runs on, by the box time it takes",
        "workloads on the same kind of box share its units; their loads add up where their hours overlap",
    ]
    unplaced = [
        c.name for c, p in zip(choices, resolved, strict=True) if p.traffic_start_hour is None and window_hours(p) < 24
    ]
    if unplaced:
        out.append(
            f"no start hour for {', '.join(unplaced)}: taken to overlap every other window (the worst case);"
            " set traffic_start_hour"
        )
    if any(p.traffic_days_per_week < 7 for p in resolved):
        out.append("workloads on fewer days a week are taken to run on the same days (the busiest)")
    every = [a for a in alone[0].assumptions if all(a in result.assumptions for result in alone)]
    own = [
        f"{choice.name}: {a}"
        for choice, result in zip(choices, alone, strict=True)
        for a in result.assumptions
        if a not in every
    ]
    return out + narrowed + every + own


def _summary(result: PlanResult) -> str:
    where = "; ".join(f"{pl.workload} → {pl.label.split(': ', 1)[-1]}" for pl in result.placements)
    words = f"{len(result.placements)} workloads: {where}" if len(result.placements) > 1 else where
    words += f" — ${result.monthly_usd:,.0f} a month"
    if result.saves_vs_all_cloud_usd and result.saves_vs_all_cloud_usd > 0 and result.boxes:
        words += f", ${result.saves_vs_all_cloud_usd:,.0f} less than all-cloud over {result.horizon_months:g} months"
    return words
