"""A share of the traffic on owned hardware, the rest on a cloud model (cost-model.md, "Hybrid")."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from advisor.tools import boundary as bd
from advisor.tools import clock
from advisor.tools.base import ToolError, ToolResult
from advisor.tools.catalog import Catalog, LocalModel
from advisor.tools.options import (
    Plan,
    best_local,
    boundary_failures,
    cheapest_cloud,
    cloud_baseline,
    cloud_part,
    evaluate,
    local_candidates,
    local_context_limits,
)
from advisor.tools.profile import MissingVolume, WorkloadProfile, resolve
from advisor.tools.quantity import Share


class HybridInput(WorkloadProfile):
    local_share: Share | None = Field(
        default=None, description="share of traffic kept local (default 1 − frontier share)"
    )
    model: str | None = Field(default=None, description="cloud model for the rest")


class HybridResult(ToolResult):
    monthly_usd: float
    savings_vs_cloud_usd: float
    local_monthly_usd: float
    cloud_monthly_usd: float
    all_cloud_monthly_usd: float
    local_share: float
    units: int
    hardware: str
    local_model: str
    cloud_model: str
    capacity_verdict: str
    failed: list[str]


def hybrid(inp: HybridInput, catalog: Catalog, today: date | None = None) -> HybridResult:
    profile = WorkloadProfile.model_validate(inp.model_dump(exclude={"local_share", "model"}))
    if profile.hardware is None:
        raise ToolError("hardware", None, "is needed: the box that carries the local share")
    try:
        p = resolve(profile)
    except MissingVolume as exc:
        raise ToolError("volume", None, str(exc).removeprefix("volume: ")) from None
    assumptions = list(p.assumptions)
    share = inp.local_share if inp.local_share is not None else 1 - p.frontier_share
    if inp.local_share is None:
        assumptions.append(f"{share:.0%} kept local (everything but the frontier share)")
    box = catalog.get("hardware", p.hardware, "hardware")
    today = today or clock.today()
    req = bd.requirement(catalog, p)
    within = req.kind in ("contract", "region")  # the cloud share goes where the data may go
    wanted, field = (inp.model, "model") if inp.model else (p.cloud_model, "cloud_model")
    if wanted:
        cloud = cloud_part(catalog, p, 1 - share, catalog.get("cloud", wanted, field).id, req)
    else:
        inside = cheapest_cloud(catalog, p, 1 - share, p.hard_tier, today, req, within=True) if within else None
        cloud = inside or cheapest_cloud(catalog, p, 1 - share, p.hard_tier, today, req)
        if cloud is None:
            raise ToolError("model", None, f"no {p.hard_tier}-tier cloud model in the catalog")
    local = best_local(catalog, p, box, p.routine_tier, share)
    too_long = local_context_limits(catalog, p, p.routine_tier)
    if local is None:
        if too_long and p.input_tokens_per_request is not None and not local_candidates(catalog, p, p.routine_tier):
            raise ToolError("input_tokens_per_request", p.input_tokens_per_request, "; ".join(too_long))
        model = p.local_model or "any model of the routine tier"
        raise ToolError("hardware", box.id, f"cannot hold {model}; pick a bigger box")
    assumptions += too_long
    plan = Plan("hybrid", "hybrid", "Hybrid", share, cloud=cloud, local=local)
    plan.hard_failures = boundary_failures(catalog, req, plan, today)
    option = evaluate(plan, p)
    local_only = option.monthly_usd - cloud.monthly_usd
    if wanted:
        all_cloud = cloud_part(catalog, p, 1.0, cloud.models[0], req).monthly_usd
    else:
        inside = cloud_baseline(catalog, p, today, req, within=True) if within else None
        baseline = inside or cloud_baseline(catalog, p, today, req)
        all_cloud = baseline.monthly_usd if baseline else cloud_part(catalog, p, 1.0, cloud.models[0], req).monthly_usd
        assumptions.append("savings against the cheapest all-cloud mix that meets the quality needs")
    if p.privacy == "regulated" and share < 1:
        assumptions.append("regulated profile: the cloud share may carry only turns with no regulated data")
    chosen: LocalModel = local.model
    return HybridResult(
        monthly_usd=option.monthly_usd,
        savings_vs_cloud_usd=all_cloud - option.monthly_usd,
        local_monthly_usd=local_only,
        cloud_monthly_usd=cloud.monthly_usd,
        all_cloud_monthly_usd=all_cloud,
        local_share=share,
        units=option.units,
        hardware=box.id,
        local_model=chosen.id,
        cloud_model=cloud.models[0],
        capacity_verdict=option.capacity_verdict,
        failed=option.failed,
        assumptions=assumptions,
    )
