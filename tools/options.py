"""The deployment options for a profile — cloud, local, hybrid — as plans costed at any volume.

A plan is built once per profile (catalog look-ups, model choice, capacity of one unit) and then
evaluated at a volume scale ``k`` (1 = the profile's volume) with a few float operations, so a
sweep over thousands of volumes for the charts costs little. All arithmetic goes through the
calculators: cloud_cost, local_cost, capacity.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import BaseModel

from advisor.tools import boundary as bd
from advisor.tools import clock
from advisor.tools import defaults as d
from advisor.tools.base import ToolError
from advisor.tools.busy_hour import BusyHour, busy_hour
from advisor.tools.capacity import CapacityInput, CapacityResult, capacity, engine_for, memory_need
from advisor.tools.catalog import TIER_RANK, Catalog, CloudModel, Hardware, LocalModel, ServingStack
from advisor.tools.cloud_cost import CloudCostInput, cloud_cost
from advisor.tools.fleet import fleet_reason, nodes_of, replica_box, replica_sizes, stacks_for, unit_kind, with_box
from advisor.tools.local_cost import LocalCostInput, LocalCostResult, electricity_at, local_cost
from advisor.tools.profile import ResolvedProfile
from advisor.tools.request_time import RequestTime, latency_failures, request_time
from advisor.tools.roofline import request_seconds
from advisor.tools.wording import Reason

Deployment = Literal["cloud", "local", "hybrid"]


class Option(BaseModel):
    """One costed option at one volume; ``passes`` is False with the reasons in ``failed``."""

    id: str
    deployment: Deployment
    label: str
    hardware: str | None = None
    units: int = 0
    owned_units: int = 0  # of ``units``, how many the team already owns (no purchase price)
    more_units: int = 0  # units beyond the owned ones that the load needs (bought, or rented)
    more_units_usd: float | None = None  # what buying ``more_units`` costs upfront (None: a rented kind)
    more_units_rent_hardware: str | None = None  # a rented kind of the same card, for the extra units
    more_units_rent_usd: float | None = None  # a month of renting ``more_units`` of it
    more_units_rent_count: int | None = None  # the rented units that make them up (4 cards for a box of 4)
    local_model: str | None = None
    cloud_models: list[str] = []
    local_share: float = 0.0
    monthly_usd: float
    running_usd: float
    upfront_usd: float
    first_year_usd: float
    horizon_usd: float
    payback_months: float | None = None
    capacity_tokens_per_month: float | None = None
    demand_tokens_per_month: float | None = None
    capacity_verdict: str = ""
    speed_basis: str | None = None
    streams: int | None = None  # parallel streams one unit serves
    replicas: int = 0  # serving replicas across all units (a server holds several)
    gpus_per_replica: int | None = None  # tensor-parallel GPUs in one replica
    serving_stacks: list[str] = []  # catalog stacks that run the replicas across machines (2+ replicas)
    serving_plan: str = ""  # how the replicas are served, in words (2+ replicas)
    busy: float | None = None  # how busy each unit is at the busy hour (the traffic window), 0..1
    powered_busy: float | None = None  # how busy each unit is over the hours it is powered: its electricity's share
    electricity_usd: float | None = None  # the local units' electricity a month (owned and bought; rent includes it)
    electricity_idle_usd: float | None = None  # of that, what they draw idle: paid whether they work or not
    idle_watts: float | None = None  # one unit's draw powered and idle
    load_watts: float | None = None  # and under load
    idle_estimate: bool = False  # the idle figure is a share of the load, not measured on this kind
    queue_s: float | None = None  # mean wait for a free stream at that load
    ttft_s: float | None = None  # a typical request's time to first token: queue + its prompt's prefill
    request_s: float | None = None  # and to its last token
    why: list[Reason] = []  # the local part's own reasons as data: units beyond the owned, its fleet, a request's time
    engine: str | None = None
    quant: str | None = None  # the local model's quantisation (catalog quant id)
    precision: str | None = None  # its precision as the engine names it ('INT4 (AWQ/GPTQ W4A16)', 'FP8')
    fits: bool | None = None  # None: the model's KV cache is unknown
    passes: bool = True
    failed: list[str] = []
    hard_failures: list[str] = []  # of ``failed``, what no trade-off may break: where the data may go, offline
    notes: list[str] = []
    boundary: list[bd.BoundaryCheck] = []  # each cloud model against the data boundary, with its facts
    requires: list[str] = []  # what a passing option needs: the contract, zero retention, the region's endpoint


@dataclass
class CloudPart:
    """Cloud spend that scales linearly with volume: the monthly dollars at k = 1."""

    monthly_usd: float
    models: list[str]
    price_dates: dict[str, date]
    boundary: dict[str, bd.BoundaryCheck] = field(default_factory=dict)  # model → its check, when one applies
    discounts: dict[str, tuple[float, str]] = field(default_factory=dict)  # model → (share off list, whose contract)


@dataclass
class LocalPart:
    hardware: Hardware
    model: LocalModel
    unit: LocalCostResult  # cost of one unit bought (or rented) at the profile's hours and rates
    unit_capacity: float  # box-seconds a month one unit has inside the traffic window
    powered_s: float  # box-seconds a month one unit is powered (its replicas' hours on)
    demand: float  # box-seconds a month the share's traffic takes (prefill + decode) at k = 1
    speed_basis: str
    owned_units: int = 0  # units of this box the team already owns
    tokens: float = 0.0  # the share's monthly tokens at k = 1 (input + output)
    streams: int = 1
    engine: str | None = None
    fits: bool | None = True
    weights_gb: float | None = None  # the model's weights in memory (for boxes shared across workloads)
    memory_gb: float | None = None  # weights + every stream's KV cache and state + overhead
    owned_unit: LocalCostResult | None = None  # cost of one unit the team owns: electricity, no rent
    powered_anyway: bool = False  # the owned units stay on for other work: their idle draw is not this work's
    max_utilization: float = 1.0  # units are added before any is busier than this at the busy hour
    busy_hour: BusyHour = field(default_factory=lambda: BusyHour(1.0, None, None))  # what the units are sized for
    standby: int = 0  # units beyond the load's, for failover (N+1): bought and powered, idle until one fails
    quant: str | None = None  # the model's quantisation (catalog quant id) the figures are for
    precision: str | None = None  # as the engine names it: 'INT4 (AWQ/GPTQ W4A16)' (vLLM), 'Q4_K_M' (llama.cpp)
    replicas_per_unit: int = 1  # serving replicas one unit holds (a server's tensor-parallel groups)
    gpus_per_replica: int = 1
    stacks: list[ServingStack] = field(default_factory=list)
    request_box_s: float | None = None  # box-seconds one typical request takes (prompt + answer)
    prompt_tokens: float | None = None  # a typical request's uncached prompt
    answer_tokens: float | None = None
    prefill_tps: float | None = None
    decode_tps_alone: float | None = None  # one stream on an idle unit
    decode_tps_busy: float | None = None  # one stream while every stream runs
    first_token_s: float = 0.0  # the engine's fixed time before a request's first token
    rental_twin: Hardware | None = None  # a rented kind of the same card (for units beyond the owned)
    rental_unit: LocalCostResult | None = None

    @property
    def peak_demand(self) -> float:
        """Box-seconds a month the share's traffic would take if every hour of the window were the busy
        hour: what the units are sized for (the demand itself without a stated peak above the average)."""
        return self.demand * self.busy_hour.factor

    def unit_tokens(self) -> float:
        """Tokens a month (at the workload's input:output mix) one unit can carry."""
        return self.tokens * self.unit_capacity / self.demand if self.demand > 0 else math.inf

    def powered_busy(self, units: int, demand: float) -> float:
        """How busy ``units`` of this box are over the hours they are powered (0–1), carrying ``demand``
        box-seconds a month: what their electricity follows."""
        if not units or self.powered_s <= 0:
            return 1.0
        return min(1.0, demand / (units * self.powered_s))

    def owned_power(self, busy: float) -> float:
        """One owned unit's electricity a month at ``busy``: idle plus the load's extra — or, when it stays
        powered for other work anyway, only the extra (its idle draw is paid either way)."""
        mine = self.owned_unit or self.unit
        return electricity_at(mine, busy) - (self.owned_idle_usd() if self.powered_anyway else 0.0)

    def owned_idle_usd(self) -> float:
        """One owned unit's idle draw a month."""
        return (self.owned_unit or self.unit).electricity_idle_usd

    def costs_at(self, units: int, busy: float = 1.0) -> tuple[float, float, float]:
        """(monthly incl. amortisation, running a month, upfront) of ``units`` of this box, each busy
        ``busy`` of its powered hours. Owned units cost only their electricity and upkeep, whatever
        their kind (no rent, no purchase); units beyond them are bought, or rented where the box is a
        rented kind."""
        owned = min(units, self.owned_units)
        bought = units - owned
        unit = self.unit
        power, my_power = electricity_at(unit, busy), self.owned_power(busy)
        running = bought * (power + unit.rental_usd) + owned * my_power
        running += unit.maintenance_usd
        monthly = running + bought * unit.amortization_usd
        upfront = bought * unit.hardware_usd + unit.setup_usd
        return monthly, running, upfront


@dataclass
class Plan:
    id: str
    deployment: Deployment
    label: str
    local_share: float
    cloud: CloudPart | None = None
    local: LocalPart | None = None
    static_failures: list[str] = field(default_factory=list)
    hard_failures: list[str] = field(default_factory=list)  # the data boundary and offline: never traded away
    notes: list[str] = field(default_factory=list)

    def units(self, k: float) -> int:
        """Every local unit at volume ``k``: the ones the load needs and the standby."""
        return self.load_units(k) + (self.local.standby if self.local is not None else 0)

    def load_units(self, k: float) -> int:
        """The local units the load needs at volume ``k``, each within its headroom at the busy hour."""
        if self.local is None:
            return 0
        if self.local.unit_capacity <= 0:
            return max(d.MAX_UNITS, d.MAX_SERVERS) + 1  # more than any kind may have
        sized = k * self.local.peak_demand  # the busy hour's load, each unit within its headroom then
        return max(1, math.ceil(sized / (self.local.unit_capacity * self.local.max_utilization)))

    def owned(self, k: float) -> int:
        """Units at volume ``k`` the team already owns: no purchase, no amortisation."""
        return min(self.units(k), self.local.owned_units) if self.local is not None else 0

    def powered_busy(self, k: float) -> float:
        """How busy each local unit is over its powered hours at volume ``k`` (its electricity's share)."""
        return self.local.powered_busy(self.units(k), k * self.local.demand) if self.local is not None else 0.0

    def costs(self, k: float) -> tuple[float, float, float, int]:
        """(monthly incl. amortisation, running a month, upfront) and units, at volume ``k``.
        Owned units cost only their electricity and upkeep; units beyond them are bought."""
        units = self.units(k)
        cloud = k * self.cloud.monthly_usd if self.cloud else 0.0
        monthly = running = upfront = 0.0
        if self.local is not None:
            monthly, running, upfront = self.local.costs_at(units, self.powered_busy(k))
        return monthly + cloud, running + cloud, upfront, units


def box_seconds(input_tokens: float, output_tokens: float, prefill_tps: float, decode_tps: float) -> float:
    """Seconds of one box the tokens take: prompts at the prefill rate, answers at the aggregate
    decode rate of its parallel streams (cost-model.md: requests_per_day)."""
    return request_seconds(input_tokens, output_tokens, prefill_tps, decode_tps)


def tier_ok(tier: str, needed: str) -> bool:
    return TIER_RANK[tier] >= TIER_RANK[needed]


def is_live(model: CloudModel, today: date) -> bool:
    return model.retires is None or model.retires > today


def context_fits(model: CloudModel | LocalModel, p: ResolvedProfile) -> bool:
    """Whether one request (input and output) fits the model's context window, where both are known.
    One rule for cloud and local models: a model that cannot hold a request is not offered."""
    need = p.tokens_per_request
    return need is None or model.context_tokens is None or need <= model.context_tokens


def too_long(model: CloudModel | LocalModel, p: ResolvedProfile) -> str:
    """Why ``model`` cannot take the profile's requests, in the words every surface shows."""
    return f"{model.id} holds {model.context_tokens:,} tokens; a request needs {p.tokens_per_request:,.0f}"


def local_candidates(catalog: Catalog, p: ResolvedProfile, tier: str) -> list[LocalModel]:
    """The local models worth trying: the user's own, if it holds a request; else every model of at
    least ``tier`` that holds one."""
    if p.local_model:
        named: LocalModel = catalog.get("local-models", p.local_model, "local_model")  # type: ignore[assignment]
        if context_fits(named, p):
            return [named]
    return [m for m in catalog.local_models.values() if tier_ok(m.tier, tier) and context_fits(m, p)]


def short_context_models(catalog: Catalog, p: ResolvedProfile, tier: str) -> list[LocalModel]:
    """Local models of at least ``tier`` (other than the user's own) that ``best_local`` skipped:
    one request is longer than their window. None when the user's model holds a request."""
    if p.tokens_per_request is None:
        return []
    if p.local_model and context_fits(catalog.get("local-models", p.local_model, "local_model"), p):  # type: ignore[arg-type]
        return []  # the user's model holds it: no other is tried
    pool = [m for m in catalog.local_models.values() if tier_ok(m.tier, tier) and m.id != p.local_model]
    return [m for m in pool if not context_fits(m, p)]


def local_context_limits(catalog: Catalog, p: ResolvedProfile, tier: str) -> list[str]:
    """What the answer must say about request size: the user's own local model left out because one
    request does not fit its window, and — when no local model of ``tier`` holds one — that the
    local side is not possible, with the numbers."""
    need = p.tokens_per_request
    if need is None:
        return []
    out: list[str] = []
    skipped = short_context_models(catalog, p, tier)
    if p.local_model:
        named: LocalModel = catalog.get("local-models", p.local_model, "local_model")  # type: ignore[assignment]
        if context_fits(named, p):
            return []  # the user's model holds it: no other is tried
        out.append(too_long(named, p) + ": not offered locally")
        skipped.append(named)
    if local_candidates(catalog, p, tier) or not skipped:
        return out
    widest = max(skipped, key=lambda m: m.context_tokens or 0)
    lower = [m for m in catalog.local_models.values() if context_fits(m, p)]  # below the tier
    where = f"{tier}-tier local context" if lower else "local context"
    line = (
        f"local deployment is not possible for this request size: requests need {need:,.0f} tokens;"
        f" the largest {where} in the catalog is {widest.context_tokens:,} ({widest.id})"
    )
    if lower:
        line += "; " + ", ".join(f"{m.id} ({m.tier} tier)" for m in lower) + " would hold one"
    return [*out, line]


def cheapest_cloud(
    catalog: Catalog,
    p: ResolvedProfile,
    share: float,
    tier: str,
    today: date,
    req: bd.Requirement | None = None,
    within: bool = False,
) -> CloudPart | None:
    """The cheapest live cloud model of at least ``tier`` whose context holds a request, for
    ``share`` of the traffic, priced as ``req``'s data boundary keeps it; ``within``: only
    offerings inside that boundary."""
    best: CloudPart | None = None
    for model in catalog.cloud.values():
        if not tier_ok(model.tier, tier) or not is_live(model, today) or not context_fits(model, p):
            continue
        if within and req is not None and not bd.check(catalog, req, model).passes:
            continue
        part = cloud_part(catalog, p, share, model.id, req)
        if best is None or part.monthly_usd < best.monthly_usd:
            best = part
    return best


def price_factor(catalog: Catalog, p: ResolvedProfile, model_id: str) -> float:
    """What-if price change for one model: all cloud × its provider's (or its own) factor, × what the
    team's contract with its seller leaves of the list price."""
    model: CloudModel = catalog.get("cloud", model_id, "cloud_model")  # type: ignore[assignment]
    own = p.price_factors.get(model.id, p.price_factors.get(model.provider, 1.0))
    off = contract_discount(catalog, p, model)
    return p.cloud_price_factor * own * (1 - (off[0] if off else 0.0))


def contract_discount(catalog: Catalog, p: ResolvedProfile, model: CloudModel) -> tuple[float, str] | None:
    """The share off list price the team's contract gives on ``model``, and with whom ('Microsoft'):
    a discount is the seller's — Claude on Bedrock is AWS's price, not Anthropic's. None: no contract price."""
    if not p.contract_discounts:
        return None
    platform = catalog.platform_of(model)
    seller = platform.company if platform else model.provider
    for party, share in p.contract_discounts.items():
        try:
            company = bd.company_of(catalog, party)
        except ToolError as exc:
            raise ToolError("contract_discounts", party, exc.hint) from None
        if company == seller and share > 0:
            return share, platform.company_name if platform else model.provider
    return None


def cloud_part(
    catalog: Catalog, p: ResolvedProfile, share: float, model_id: str, req: bd.Requirement | None = None
) -> CloudPart:
    """``share`` of the traffic on one model; the batch share at its batch discount where it has one.
    With ``req`` the model is checked against the data boundary, and a passing one is priced where
    the boundary keeps it (a regional endpoint's premium)."""
    model: CloudModel = catalog.get("cloud", model_id, "cloud_model")  # type: ignore[assignment]
    batched = p.batch_share if model.batch_discount is not None else 0.0
    monthly = 0.0
    as_of = model.price.as_of
    for part, batch in ((1 - batched, False), (batched, True)):
        if part <= 0:
            continue
        input_tokens = p.monthly_input_tokens * share * part
        result = cloud_cost(
            CloudCostInput(
                model=model_id,
                input_tokens=input_tokens,
                output_tokens=p.monthly_output_tokens * share * part,
                cached_input_share=p.cached_input_share,
                cache_write_tokens=input_tokens * (p.cache_write_share or 0.0),
                cache_write_1h_tokens=input_tokens * (p.cache_write_1h_share or 0.0),
                tokens_per_request=p.input_tokens_per_request,
                batch=batch,
            ),
            catalog,
        )
        monthly += result.monthly_usd
        as_of = result.price.as_of
    checks = {model_id: bd.check(catalog, req, model)} if req is not None and req.kind != "any" else {}
    region = checks[model_id].price_factor if checks and checks[model_id].passes else 1.0
    factor = price_factor(catalog, p, model_id) * region
    off = contract_discount(catalog, p, model)
    return CloudPart(monthly * factor, [model_id], {model_id: as_of}, checks, {model_id: off} if off else {})


def cloud_baseline(
    catalog: Catalog, p: ResolvedProfile, today: date, req: bd.Requirement | None = None, within: bool = False
) -> CloudPart | None:
    """All traffic in the cloud at the least cost that meets the quality needs: routine work on the
    cheapest model of the routine tier, the hard share on the cheapest of the hard tier. ``within``:
    only offerings inside ``req``'s data boundary."""
    routine = cheapest_cloud(catalog, p, 1 - p.frontier_share, p.routine_tier, today, req, within)
    hard = cheapest_cloud(catalog, p, p.frontier_share, p.hard_tier, today, req, within) if p.frontier_share else None
    return _merge(routine, hard)


def _merge(a: CloudPart | None, b: CloudPart | None) -> CloudPart | None:
    if a is None or b is None:
        return a or b
    models = list(dict.fromkeys(a.models + b.models))
    dates, checks = {**a.price_dates, **b.price_dates}, {**a.boundary, **b.boundary}
    return CloudPart(a.monthly_usd + b.monthly_usd, models, dates, checks, {**a.discounts, **b.discounts})


def local_part(
    catalog: Catalog,
    p: ResolvedProfile,
    box: Hardware,
    model: LocalModel,
    share: float,
    memo: dict | None = None,
) -> LocalPart | None:
    """One unit of ``box`` running ``model`` for ``share`` of the traffic; None if it won't fit.

    ``memo`` keeps capacity and unit costs across calls for the same profile (they do not depend
    on the share), so building every option costs each calculation once.
    """
    memo = {} if memo is None else memo
    key = ("replica", box.id, model.id)
    if key not in memo:
        memo[key] = best_replica(catalog, p, box, model)
    if memo[key] is None:
        return None
    cap, gpus = memo[key]
    replicas = box.units // gpus
    unit = unit_cost(catalog, p, box, memo)
    owned = owned_boxes(catalog, p, box)
    twin = rental_twin(catalog, box) if owned else None
    uncached = p.monthly_input_tokens * (1 - p.cached_input_share)
    demand = share * box_seconds(
        uncached, p.monthly_output_tokens, cap.prefill_tokens_per_second, cap.tokens_per_second
    )
    prompt = None if p.input_tokens_per_request is None else p.input_tokens_per_request * (1 - p.cached_input_share)
    answer = p.output_tokens_per_request
    per_request = {}
    if prompt is not None or answer is not None:
        per_request = dict(
            request_box_s=box_seconds(prompt or 0, answer or 0, cap.prefill_tokens_per_second, cap.tokens_per_second),
            prompt_tokens=prompt or 0.0,
            answer_tokens=answer or 0.0,
            prefill_tps=cap.prefill_tokens_per_second,
            decode_tps_alone=cap.tokens_per_second_alone or cap.tokens_per_second / cap.streams,
            decode_tps_busy=cap.tokens_per_second / cap.streams,
            first_token_s=cap.first_token_fixed_s,
        )
    return LocalPart(
        box,
        model,
        unit,
        unit_capacity=3600 * window_hours(p) * d.DAYS_PER_MONTH * (p.traffic_days_per_week / 7) * replicas,
        powered_s=3600 * p.hours_per_day * d.DAYS_PER_MONTH * replicas,
        demand=demand,
        speed_basis=cap.speed_basis,
        tokens=share * p.monthly_tokens,
        streams=cap.streams,
        engine=cap.engine,
        fits=cap.fits,
        owned_units=owned,
        owned_unit=unit_cost(catalog, p, box, memo, owned=True) if owned else None,
        powered_anyway=p.powered_anyway,
        rental_twin=twin,
        rental_unit=unit_cost(catalog, p, twin, memo) if twin else None,
        max_utilization=p.max_utilization,
        busy_hour=busy_hour(p, window_hours(p)),
        standby=p.standby_units,
        quant=cap.quant,
        precision=cap.precision,
        replicas_per_unit=replicas,
        gpus_per_replica=gpus,
        stacks=stacks_for(catalog, cap.engine),
        weights_gb=cap.weights_gb,
        memory_gb=cap.memory_needed_gb,
        **per_request,
    )


def unit_cost(
    catalog: Catalog, p: ResolvedProfile, box: Hardware, memo: dict, *, owned: bool = False
) -> LocalCostResult:
    """One unit of ``box`` at the profile's hours and rates: bought (or rented), or already owned."""
    key = ("unit", box.id, owned)
    if key not in memo:
        memo[key] = local_cost(
            LocalCostInput(
                hardware=box.id,
                owned_units=int(owned),
                hours_per_day=p.hours_per_day,
                electricity_usd_per_kwh=p.electricity_usd_per_kwh,
                amortization_months=p.amortization_months,
                setup_hours=p.setup_hours,
                hourly_rate_usd=p.hourly_rate_usd,
                maintenance_hours_per_month=p.maintenance_hours_per_month,
            ),
            catalog,
        )
    return memo[key]


def rental_twin(catalog: Catalog, box: Hardware) -> Hardware | None:
    """A rented kind of the same card as ``box`` — as many cards a unit, else one card a unit (a box
    of four A100s is four rented A100s) — to rent the units beyond the owned ones instead of buying
    them; None when the catalog has none or ``box`` is rented itself."""
    if box.kind == "rented":
        return None
    card, per_box = _card(box)
    rented = [h for h in catalog.hardware.values() if h.kind == "rented" and _card(h)[0] == card]
    twins = [h for h in rented if _card(h)[1] == per_box] or [h for h in rented if _card(h)[1] == 1]
    return min(twins, key=lambda h: h.hourly_usd or 0.0) if twins else None


def window_hours(p: ResolvedProfile) -> float:
    """The hours a day a box serves the requests: the traffic window, within the hours it is powered."""
    return min(p.traffic_hours, p.hours_per_day)


def request_context(model: LocalModel, p: ResolvedProfile) -> float:
    """Context per stream: one request, else the default within the model's window."""
    return p.tokens_per_request or min(d.DEFAULT_CONTEXT_TOKENS, model.context_tokens or d.DEFAULT_CONTEXT_TOKENS)


def memory_limits(catalog: Catalog, p: ResolvedProfile, tier: str) -> list[str]:
    """What the answer must say when the user's own hardware holds not one stream of any local model
    it would run (the user's own model, else every one of ``tier``) at the request's context: the
    option is left out, and the smallest need is shown instead of nothing."""
    if not p.hardware:
        return []
    box: Hardware = catalog.get("hardware", p.hardware, "hardware")  # type: ignore[assignment]
    needs: list[tuple[float, LocalModel, CapacityResult, float]] = []
    for model in local_candidates(catalog, p, tier):
        context = request_context(model, p)
        try:
            cap = capacity(CapacityInput(hardware=box.id, local_model=model.id, context_tokens=context), catalog)
        except ToolError:
            continue
        if cap.fits is not False:
            return []
        needs.append((cap.memory_needed_gb or math.inf, model, cap, context))
    if not needs:
        return []
    _, model, cap, context = min(needs, key=lambda n: n[0])
    need = memory_need(cap.weights_gb or 0.0, cap.kv_cache_gb, cap.linear_state_gb)  # one stream's
    where = f"in the {box.id}'s {box.memory_gb:g} GB at {context:,.0f} tokens of context"
    if p.local_model == model.id:
        return [f"{model.id} does not fit {where}: {need}; not offered locally"]
    return [f"no {tier}-tier local model fits {where}; the smallest need, {model.id}: {need}"]


def serving_engine(p: ResolvedProfile, box: Hardware) -> str:
    """The engine a box serves with: the profile's when the user named one, else the box's own
    (GPU servers: vLLM), else the default (llama.cpp, as Ollama)."""
    return p.serving_engine if p.serving_engine_given or box.engine is None else box.engine


def best_replica(
    catalog: Catalog, p: ResolvedProfile, box: Hardware, model: LocalModel
) -> tuple[CapacityResult, int] | None:
    """The serving group that carries the most per box — one GPU a replica where the model fits
    one, else the smallest tensor-parallel group that holds it — with its speeds; None when no
    group of the box holds one stream."""
    engine = serving_engine(p, box)
    best: tuple[float, CapacityResult, int] | None = None
    for gpus in replica_sizes(box, engine_for(catalog, engine)):
        part = replica_box(box, gpus)
        cap = unit_capacity(with_box(catalog, part), p, part, model, engine)
        if cap is None:
            continue
        seconds = box_seconds(
            p.monthly_input_tokens * (1 - p.cached_input_share),
            p.monthly_output_tokens,
            cap.prefill_tokens_per_second,
            cap.tokens_per_second,
        ) / (box.units // gpus)  # a box's seconds for the month's traffic: fewer is better
        if best is None or seconds < best[0] * (1 - 1e-9):
            best = (seconds, cap, gpus)
    return None if best is None else (best[1], best[2])


def unit_capacity(
    catalog: Catalog, p: ResolvedProfile, box: Hardware, model: LocalModel, engine: str | None = None
) -> CapacityResult | None:
    """One unit's speeds for the profile's requests and serving engine; None when the model cannot
    fit even one stream. Fewer streams than the engine's slots when memory holds fewer."""
    context = request_context(model, p)
    if not context_fits(model, p):
        return None  # one request does not fit the window: never costed as if it did
    inp = CapacityInput(
        hardware=box.id,
        local_model=model.id,
        context_tokens=context,
        hours_per_day=p.hours_per_day,
        engine=engine or p.serving_engine,
        streams=p.streams,
        engine_streams=True,
        input_tokens=p.input_tokens_per_request,  # what each step reads of the cache (it holds the context)
        output_tokens=p.output_tokens_per_request,
        kv_cache_type=p.kv_cache_type if p.kv_cache_type in engine_for(catalog, engine).kv_cache_bytes else None,
    )
    try:
        cap = capacity(inp, catalog)
    except ToolError:
        return None
    if cap.fits is False and cap.max_streams_fitting:
        cap = capacity(inp.model_copy(update={"streams": cap.max_streams_fitting}), catalog)
    if cap.fits is False or not cap.prefill_tokens_per_second:
        return None
    return cap


def _card(box: Hardware) -> tuple[str, int]:
    """The card a box is made of and how many it holds (a single-card box is its own card)."""
    return (box.card, box.units) if box.card else (box.id, 1)


def owned_boxes(catalog: Catalog, p: ResolvedProfile, box: Hardware) -> int:
    """How many of ``box`` the team already owns: the owned hardware itself, or the same cards
    regrouped (two owned RTX 3090s are one owned dual-3090 box, and a dual box is two cards)."""
    if not p.owned_hardware or not p.owned_units:
        return 0  # any kind can be owned: "rented" is how others get it, not what the team did
    if p.owned_hardware == box.id:
        return p.owned_units
    if box.kind == "rented":  # four owned A100s are not a cloud provider's A100: that one is rented
        return 0
    owned: Hardware = catalog.get("hardware", p.owned_hardware, "owned_hardware")  # type: ignore[assignment]
    owned_card, owned_per_box = _card(owned)
    card, per_box = _card(box)
    if owned_card != card:
        return 0
    return p.owned_units * owned_per_box // per_box


def host_units(catalog: Catalog, p: ResolvedProfile, box: Hardware) -> list[Hardware]:
    """The units with their host the catalog sells ``box``'s card in, when ``box`` is a GPU sold alone the
    team does not own ('and with H200?' is also the HGX H200 node the table prices): the same units and
    model choice as the comparison without it, beside the card alone."""
    if box.host_included or owned_boxes(catalog, p, box):
        return []
    return [n for n in nodes_of(catalog, _card(box)[0]) if n.host_included]


def inside_owned_node(catalog: Catalog, p: ResolvedProfile, box: Hardware) -> bool:
    """Whether ``box`` is a part of a server node the team owns whole: eight owned H100s are one owned
    HGX node — powered as one machine, never one loose card of it — so the card alone and a pair of
    them are not offered as what the team owns (a node is the unit it runs and pays power for)."""
    if box.server or not owned_boxes(catalog, p, box):
        return False
    card, _ = _card(box)
    return any(n.server and owned_boxes(catalog, p, n) >= 1 for n in nodes_of(catalog, card))


def best_local(
    catalog: Catalog,
    p: ResolvedProfile,
    box: Hardware,
    tier: str,
    share: float,
    memo: dict | None = None,
) -> LocalPart | None:
    """The user's local model, or the fitting model of at least ``tier`` that serves the most; only
    models whose context window holds a request (``local_candidates``)."""
    best: LocalPart | None = None
    for model in local_candidates(catalog, p, tier):
        part = local_part(catalog, p, box, model, share, memo)
        if part is None:
            continue
        better_tier = best is not None and TIER_RANK[model.tier] > TIER_RANK[best.model.tier]
        if best is None or better_tier or (model.tier == best.model.tier and part.demand < best.demand):
            best = part
    return best


# The plans built lately in this process, by profile, catalog and day: a turn's comparison and the
# plan across its workloads (and a sweep) build the same ones. Nothing changes a plan once built
# (``evaluate`` makes a new Option of it), so the same plans serve each; the list is the caller's own.
_RECENT: dict[tuple[str, int, date], tuple[Catalog, list[Plan]]] = {}


def build_plans(catalog: Catalog, p: ResolvedProfile, today: date | None = None) -> list[Plan]:
    """Every option worth costing for the profile (constraints are checked in ``evaluate``)."""
    today = today or clock.today()
    key = (p.model_dump_json(), id(catalog), today)
    if (seen := _RECENT.get(key)) is not None and seen[0] is catalog:
        return list(seen[1])
    plans = _build_plans(catalog, p, today)
    if len(_RECENT) >= 8:
        _RECENT.clear()
    _RECENT[key] = (catalog, plans)
    return list(plans)


def _build_plans(catalog: Catalog, p: ResolvedProfile, today: date) -> list[Plan]:
    req = bd.requirement(catalog, p)
    hard_share = p.frontier_share
    plans: list[Plan] = []
    memo: dict = {}

    hard = hard_cloud(catalog, p, today, req) if hard_share else None
    baselines = [cloud_baseline(catalog, p, today, req)]
    if req.kind in ("contract", "region"):  # the cheapest within the boundary beside the cheapest at all
        baselines.append(cloud_baseline(catalog, p, today, req, within=True))
    for cheapest in baselines:
        if cheapest is not None and all(plan.id != "cloud:" + "+".join(cheapest.models) for plan in plans):
            plans.append(
                Plan(
                    id="cloud:" + "+".join(cheapest.models),
                    deployment="cloud",
                    label="Cloud: " + " + ".join(cheapest.models),
                    local_share=0.0,
                    cloud=cheapest,
                )
            )
    for model in named_cloud_models(catalog, p, req, today):
        chosen = cloud_part(catalog, p, 1.0, model.id, req)
        elsewhere = model.id != p.cloud_model and bd.family(model) == p.cloud_model
        plan = Plan(
            id=f"cloud:{model.id}",
            deployment="cloud",
            label=f"Cloud: {model.id} for everything"
            + (f" ({p.cloud_model} within your data boundary)" if elsewhere else ""),
            local_share=0.0,
            cloud=chosen,
        )
        if not context_fits(model, p):
            plan.static_failures.append(too_long(model, p))
        if not tier_ok(model.tier, p.routine_tier):
            plan.static_failures.append(f"{model.id} is {model.tier}-tier; routine work needs {p.routine_tier}")
        elif hard_share and not tier_ok(model.tier, p.hard_tier):
            plan.static_failures.append(
                f"{model.id} is {model.tier}-tier; the hard {hard_share:.0%} needs {p.hard_tier}"
            )
        if all(existing.id != plan.id for existing in plans):
            plans.append(plan)

    if p.hardware:
        named: Hardware = catalog.get("hardware", p.hardware, "hardware")  # type: ignore[assignment]
        boxes = [named, *host_units(catalog, p, named)]
    else:  # a GPU sold alone needs a host the team has: offered when it owns or names one
        boxes = [b for b in catalog.hardware.values() if b.host_included or owned_boxes(catalog, p, b)]
    if p.hardware and p.owned_hardware and p.owned_units:  # owned cards are also the nodes they make up
        card, per_box = _card(catalog.get("hardware", p.owned_hardware, "owned_hardware"))  # type: ignore[arg-type]
        nodes = [n for n in nodes_of(catalog, card) if n.engine and n.units <= p.owned_units * per_box]
        boxes += [n for n in nodes if n not in boxes]  # eight owned H100s are an HGX node too
    boxes = [b for b in boxes if not inside_owned_node(catalog, p, b)]
    for box in boxes:
        local_tier = max(p.routine_tier, p.hard_tier, key=TIER_RANK.__getitem__) if hard_share else p.routine_tier
        whole = best_local(catalog, p, box, local_tier, 1.0, memo) or best_local(
            catalog, p, box, p.routine_tier, 1.0, memo
        )
        if whole is not None:
            plan = Plan(
                id=f"local:{box.id}:{whole.model.id}",
                deployment="local",
                label=f"Local: {box.name} running {whole.model.name}",
                local_share=1.0,
                local=whole,
            )
            if hard_share and not tier_ok(whole.model.tier, p.hard_tier):
                plan.static_failures.append(
                    f"the hard {hard_share:.0%} needs a {p.hard_tier}-tier model;"
                    f" {whole.model.id} is {whole.model.tier}-tier"
                )
            plans.append(plan)
        if hard_share and hard is not None:
            part = best_local(catalog, p, box, p.routine_tier, 1 - hard_share, memo)
            if part is not None:
                plans.append(
                    Plan(
                        id=f"hybrid:{box.id}:{part.model.id}+{'+'.join(hard.models)}",
                        deployment="hybrid",
                        label=(
                            f"Hybrid: {box.name} running {part.model.name} for"
                            f" {1 - hard_share:.0%}, {' + '.join(hard.models)} for {hard_share:.0%}"
                        ),
                        local_share=1 - hard_share,
                        local=part,
                        cloud=hard,
                    )
                )
    for plan in plans:
        plan.hard_failures = boundary_failures(catalog, req, plan, today)
    return plans


def hard_cloud(catalog: Catalog, p: ResolvedProfile, today: date, req: bd.Requirement) -> CloudPart | None:
    """The hybrid's cloud side, the hard share: the cheapest of the hard tier within the data
    boundary, else the cheapest at all (which then fails with its reasons)."""
    within = req.kind in ("contract", "region")
    best = cheapest_cloud(catalog, p, p.frontier_share, p.hard_tier, today, req, within) if within else None
    return best or cheapest_cloud(catalog, p, p.frontier_share, p.hard_tier, today, req)


def named_cloud_models(catalog: Catalog, p: ResolvedProfile, req: bd.Requirement, today: date) -> list[CloudModel]:
    """The user's cloud model, and — when it is sold outside the data boundary — the same model on the
    cheapest platform within it, so the model is offered where it may run rather than dropped."""
    if not p.cloud_model:
        return []
    model: CloudModel = catalog.get("cloud", p.cloud_model, "cloud_model")  # type: ignore[assignment]
    if bd.check(catalog, req, model).passes:
        return [model]
    return [model, *(catalog.cloud[c.model] for c in bd.within_elsewhere(catalog, req, model, today)[:1])]


def boundary_failures(catalog: Catalog, req: bd.Requirement, plan: Plan, today: date) -> list[str]:
    """What puts the plan outside the data boundary: each cloud model's failed terms (with the same
    model on a platform within it, where there is one), and rented GPUs' unknown host."""
    out: list[str] = []
    if plan.cloud is not None:
        for model_id in plan.cloud.models:
            verdict = plan.cloud.boundary.get(model_id) or bd.check(catalog, req, catalog.cloud[model_id])
            if verdict.passes:
                continue
            if req.kind == "on_site":
                out.append(bd.on_site_words(req))
                continue
            elsewhere = bd.elsewhere_words(catalog, bd.within_elsewhere(catalog, req, catalog.cloud[model_id], today))
            out += [f"{reason}{elsewhere}" for reason in verdict.failed]
    if plan.local is not None and plan.local.hardware.kind == "rented" and (rented := bd.rented_failure(req)):
        out.append(rented)
    return list(dict.fromkeys(out))


def most_units(hardware: Hardware) -> int:
    """The most units of ``hardware`` one option may have: rack servers run as a fleet, desktops and cards do not."""
    return d.MAX_SERVERS if hardware.server else d.MAX_UNITS


def constraint_failures(plan: Plan, p: ResolvedProfile, monthly_usd: float, units: int) -> list[str]:
    failures = [*plan.static_failures, *plan.hard_failures]
    if plan.cloud is not None and p.offline_required:
        failures.append("the workload must run offline")
    if plan.local is not None:
        most = most_units(plan.local.hardware)
        if units > most:
            failures.append(f"needs {units} × {plan.local.hardware.id} to carry the volume (more than {most})")
        if plan.local.hardware.kind == "rented" and p.offline_required:
            failures.append("rented GPUs are not offline")
    if p.budget_usd_per_month is not None and monthly_usd > p.budget_usd_per_month:
        failures.append(f"over the ${p.budget_usd_per_month:,.0f}/month budget")
    return failures


def unit_words(box: Hardware, units: int, owned: int) -> str:
    """'3 × NVIDIA RTX 4090 (24 GB)', '1 × … (owned)', '3 × … (2 owned, 1 to buy)'."""
    words = f"{units} × {box.name}" if box.units == 1 else f"{units} box{'es' if units > 1 else ''} of {box.name}"
    if owned >= units:
        return words + " (owned)"
    if owned:
        return words + f" ({owned} owned, {units - owned} to buy)"
    return words


def local_time(local: LocalPart, units: int, busy: float) -> RequestTime | None:
    """A typical request's time on ``units`` of the local part, each ``busy`` at the busy hour;
    None when the profile has no per-request sizes."""
    if local.request_box_s is None or not units:
        return None
    return request_time(
        units=units * local.replicas_per_unit,
        streams=local.streams,
        busy=busy,
        box_s=local.request_box_s,
        prompt_tokens=local.prompt_tokens or 0.0,
        answer_tokens=local.answer_tokens or 0.0,
        prefill_tps=local.prefill_tps,  # type: ignore[arg-type]
        decode_tps_alone=local.decode_tps_alone,  # type: ignore[arg-type]
        decode_tps_busy=local.decode_tps_busy,  # type: ignore[arg-type]
        first_token_s=local.first_token_s,
    )


def busy_words(box: str, units: int, busy: float, streams: int, replicas: int = 1, gpus: int = 1) -> str:
    """How busy each unit is in the traffic window: '1 × rtx-4090-24gb: 46% busy, 4 streams',
    '3 × h100-sxm-80gb, each 81% busy, 4 streams each', '2 × hgx-h100-8gpu (16 replicas of 1 GPU),
    each 71% busy, 64 streams a replica' — never a share of the load; a few minutes a day is 'under 1%'."""
    shown = "under 1%" if 0 < busy < 0.005 else f"{busy:.0%}"
    if replicas > 1:
        group = f" ({units * replicas} replicas of {gpus} GPU{'s' if gpus > 1 else ''})"
        each = f"{streams} stream{'' if streams == 1 else 's'} a replica"
        if units == 1:
            return f"1 × {box}{group}: {shown} busy, {each}"
        return f"{units} × {box}{group}, each {shown} busy, {each}"
    each = f"{streams} stream{'' if streams == 1 else 's'}"
    if units == 1:
        return f"1 × {box}: {shown} busy, {each}"
    return f"{units} × {box}, each {shown} busy, {each} each"


@dataclass(frozen=True)
class MoreUnits:
    """The units the load needs beyond the ones the team owns, and what they cost."""

    needed: int
    owned: int
    name: str  # of one unit
    buy_usd: float | None  # upfront, to buy them (None: only rented in the catalog)
    rent_hardware: str | None = None  # a rented kind of the same card
    rent_name: str | None = None
    rent_usd: float | None = None  # a month of renting them
    rent_count: int | None = None  # rented units that make them up (four rented cards for a box of four)

    @property
    def count(self) -> int:
        return self.needed - self.owned


def more_units(plan: Plan, units: int, owned: int) -> MoreUnits | None:
    """When the load needs more units than the team owns (and it owns some): how many more, bought
    at catalog price or rented where the catalog rents the same card."""
    local = plan.local
    if local is None or not owned or units <= owned:
        return None
    extra = units - owned
    box = local.hardware
    if box.kind == "rented":
        return MoreUnits(units, owned, box.name, None, box.id, box.name, extra * local.unit.rental_usd)
    twin, rent = local.rental_twin, local.rental_unit
    count = extra * _card(box)[1] // _card(twin)[1] if twin else None
    return MoreUnits(
        units,
        owned,
        box.name,
        extra * local.unit.hardware_usd,
        twin.id if twin else None,
        twin.name if twin else None,
        count * rent.monthly_usd if rent and count else None,
        count,
    )


def more_units_reason(more: MoreUnits) -> Reason:
    """'the load needs 7; you own 4 — buy 3 more (NVIDIA A100 …) for $34,500, or rent 3 (…) at $4,320 a month'."""
    values: dict = dict(needed=more.needed, owned=more.owned, more=more.count, unit=more.name)
    if more.buy_usd is None:
        return Reason(kind="more_units_rented", values=values | dict(rent_usd=more.rent_usd))
    values["buy_usd"] = more.buy_usd
    if more.rent_usd is None:
        return Reason(kind="more_units", values=values)
    rent = dict(rent_more=more.rent_count, rent_unit=more.rent_name, rent_usd=more.rent_usd)
    return Reason(kind="more_units_or_rent", values=values | rent)


def electricity_reason(local: LocalPart, units: int, busy: float) -> Reason | None:
    """What the local units' electricity assumes: 'electricity $24 a month: 2 × 52.5 W idle (an
    estimate), 350 W under load, about 1% busy'; None when no unit pays its own power (rented)."""
    owned = min(units, local.owned_units)
    unit, mine = local.unit, local.owned_unit or local.unit
    usd = (units - owned) * electricity_at(unit, busy) + owned * local.owned_power(busy)
    paying = mine if owned else unit
    if not usd or not paying.load_watts:
        return None
    values = dict(
        electricity_usd=usd,
        units=units,
        idle_watts=round(paying.idle_watts, 1),
        load_watts=round(paying.load_watts, 1),
        busy_share=busy,
    )
    if owned and local.powered_anyway:  # on for other work anyway: this work pays only the draw above idle
        return Reason(kind="electricity_above_idle", values=values)
    return Reason(kind="electricity_estimate" if paying.idle_estimate else "electricity", values=values)


def idle_electricity(local: LocalPart, units: int) -> float:
    """What ``units`` of the local part draw a month powered and idle (owned and bought alike) that this
    work pays: owned units kept on for other work anyway pay theirs either way."""
    owned = min(units, local.owned_units)
    mine = 0.0 if local.powered_anyway else local.owned_idle_usd()
    return (units - owned) * local.unit.electricity_idle_usd + owned * mine


def spare_reason(local: LocalPart, units: int) -> Reason:
    """Owned units the load does not need, and what they are assumed to cost this work: nothing —
    switched off, or on for other work anyway (their idle draw paid either way)."""
    values = dict(needed=units, owned=local.owned_units, hardware=local.hardware.id, spare=local.owned_units - units)
    return Reason(kind="owned_spare_on" if local.powered_anyway else "owned_spare_off", values=values)


def time_reason(hardware: str, timing: RequestTime) -> Reason:
    """How long one typical request takes on this option: the answer to 'how long would one request take?'."""
    values = dict(hardware=hardware, request_s=timing.request_s, ttft_s=timing.ttft_s, busy_share=timing.busy)
    return Reason(kind="time_per_request", values=values)


def precision_reason(local: LocalPart) -> Reason:
    """At which precision the model runs and what it takes of a replica's memory: 'llama-4-maverick at
    INT4 (AWQ/GPTQ W4A16): 243 GB of weights, 276 GB with every stream's KV cache, of 320 GB a replica'."""
    values = dict(
        model=local.model.id,
        precision=local.precision,
        weights_gb=round(local.weights_gb or 0),
        memory_gb=round(local.memory_gb or 0),
        replica_gb=round(local.hardware.memory_gb * local.gpus_per_replica / local.hardware.units),
    )
    return Reason(kind="precision", values=values)


def sized_reason(local: LocalPart, p: ResolvedProfile, average: float, busy: float, day: float) -> Reason | None:
    """What the units are sized for and the two figures of how busy they are: at the busy hour (the stated
    peak, else the traffic window's average rate) and over the hours they are powered (what the
    electricity follows). None when the two are the same figure (traffic around the clock, no peak)."""
    hour = local.busy_hour
    values: dict = dict(busy_share=busy, day_share=day, powered=round(p.hours_per_day), hours=round(window_hours(p)))
    if hour.average_per_hour is not None:
        values["average_count"] = round(hour.average_per_hour)
    if hour.sized_for_peak:
        values |= dict(peak_count=round(hour.peak_per_hour or 0), factor=round(hour.factor, 1), window_share=average)
        return Reason(kind="sized_for_peak", values=values)
    if hour.peak_below_average:
        values["peak_count"] = round(p.peak_requests_per_hour or 0)
        return Reason(kind="peak_below_average", values=values)
    if window_hours(p) >= p.hours_per_day or hour.average_per_hour is None:
        return None
    return Reason(kind="sized_for_window", values=values)


def evaluate(plan: Plan, p: ResolvedProfile, k: float = 1.0) -> Option:
    monthly, running, upfront, units = plan.costs(k)
    horizon = upfront + running * p.horizon_months
    local = plan.local
    capacity_total = demand = None
    timing: RequestTime | None = None
    plan_words = ""
    verdict = ""
    notes = list(plan.notes)
    why: list[Reason] = []
    if local is not None:
        capacity_total = local.unit_tokens() * units
        demand = local.tokens * k
        served = local.demand * k / local.unit_capacity if local.unit_capacity else math.inf
        working = plan.load_units(k)  # a standby idles until one fails: the load is on the others
        average = served / working if working else math.inf  # over the traffic window
        busy = average * local.busy_hour.factor  # at the busy hour: what the units are sized for
        verdict = busy_words(
            local.hardware.id, working, busy, local.streams, local.replicas_per_unit, local.gpus_per_replica
        )
        timing = local_time(local, working, busy)
        if local.standby:
            values = dict(load_units=working, standby=local.standby, hardware=local.hardware.id)
            why.append(Reason(kind="standby", values=values))
        replicas = units * local.replicas_per_unit
        if replicas > 1:
            serving = fleet_reason(
                replicas,
                local.gpus_per_replica,
                units,
                local.streams,
                local.stacks,
                local.hardware.id,
                unit_kind(local.hardware),
            )
            plan_words = serving.english()
            notes.append(plan_words)
            why.append(serving)
        if local.precision:
            why.append(precision_reason(local))
        if local.fits is None:
            notes.append(f"{local.model.id} has no attention shape in the catalog: its KV cache is not counted")
        if local.model.context_tokens is None and p.tokens_per_request:
            notes.append(
                f"{local.model.id} has no context window in the catalog:"
                f" whether a {p.tokens_per_request:,.0f}-token request fits is unknown"
            )
    if plan.cloud is not None and p.privacy == "sensitive" and p.data_boundary == "any":
        notes.append("sensitive data goes to the API provider: check its data-processing terms")
    failures = constraint_failures(plan, p, monthly, units)
    checks = [plan.cloud.boundary[m] for m in plan.cloud.models if m in plan.cloud.boundary] if plan.cloud else []
    if timing is not None:
        failures += latency_failures(timing.ttft_s, timing.request_s, p.latency_seconds, p.first_token_seconds)
    more = more_units(plan, units, plan.owned(k))
    if more is not None:
        why.insert(0, more_units_reason(more))
        notes.insert(0, why[0].english())
    power = electricity_reason(local, units, plan.powered_busy(k)) if local is not None else None
    if power is not None:
        why.append(power)
        if not local.hardware.host_included:  # a GPU sold alone: its watts are the card's
            why.append(Reason(kind="host_not_counted", values={"hardware": local.hardware.id}))
    if local is not None and local.owned_units > units:
        why.append(spare_reason(local, units))
    if plan.cloud is not None:
        priced = [
            Reason(kind="contract_price", values=dict(model=model, off_share=off, company=company))
            for model, (off, company) in plan.cloud.discounts.items()
        ]
        why += priced
        notes += [r.english() for r in priced]
    if local is not None and units and (sized := sized_reason(local, p, average, busy, plan.powered_busy(k))):
        why.append(sized)
    if timing is not None and local is not None:
        why.append(time_reason(local.hardware.id, timing))
    return Option(
        id=plan.id,
        deployment=plan.deployment,
        label=plan.label.replace(local.hardware.name, unit_words(local.hardware, units, plan.owned(k)), 1)
        if local
        else plan.label,
        hardware=local.hardware.id if local else None,
        units=units,
        owned_units=plan.owned(k),
        more_units=more.count if more else 0,
        more_units_usd=more.buy_usd if more else None,
        more_units_rent_hardware=more.rent_hardware if more else None,
        more_units_rent_usd=more.rent_usd if more else None,
        more_units_rent_count=more.rent_count if more else None,
        local_model=local.model.id if local else None,
        cloud_models=plan.cloud.models if plan.cloud else [],
        local_share=plan.local_share,
        monthly_usd=monthly,
        running_usd=running,
        upfront_usd=upfront,
        first_year_usd=upfront + 12 * running,
        horizon_usd=horizon,
        capacity_tokens_per_month=capacity_total,
        demand_tokens_per_month=demand,
        capacity_verdict=verdict,
        speed_basis=local.speed_basis if local else None,
        streams=local.streams if local else None,
        replicas=units * local.replicas_per_unit if local else 0,
        gpus_per_replica=local.gpus_per_replica if local else None,
        serving_stacks=[st.id for st in local.stacks] if local and units * local.replicas_per_unit > 1 else [],
        serving_plan=plan_words,
        busy=None if timing is None else timing.busy,
        powered_busy=plan.powered_busy(k) if local else None,
        electricity_usd=power.values["electricity_usd"] if power else None,
        electricity_idle_usd=idle_electricity(local, units) if power and local else None,
        idle_watts=power.values["idle_watts"] if power else None,
        load_watts=power.values["load_watts"] if power else None,
        idle_estimate=power is not None and (local.owned_unit if plan.owned(k) else local.unit).idle_estimate,
        queue_s=None if timing is None else timing.queue_s,
        ttft_s=None if timing is None else timing.ttft_s,
        request_s=None if timing is None else timing.request_s,
        why=why,
        engine=local.engine if local else None,
        quant=local.quant if local else None,
        precision=local.precision if local else None,
        fits=local.fits if local else None,
        passes=not failures,
        failed=failures,
        hard_failures=[f for f in failures if f in plan.hard_failures or "offline" in f],
        notes=notes,
        boundary=checks,
        requires=list(dict.fromkeys(r for c in checks if c.passes for r in c.requires)),
    )
