"""Where the data goes, for a comparison: the boundary in words, and each platform's cheapest
offering of the tier the work needs, checked against it (passing first) — what a report's "Where the
data goes" section and `ask --json` show."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from advisor.tools import boundary as bd
from advisor.tools.catalog import Catalog, CloudModel
from advisor.tools.options import context_fits, is_live, tier_ok
from advisor.tools.profile import ResolvedProfile

CAUTION = (
    "This reads the providers' published terms; it is not legal advice. The contract your team signed,"
    " and your compliance officer, decide what it covers."
)


class BoundarySummary(BaseModel):
    kind: str  # on_site | contract | region | any
    assumed: bool = False  # on-site only because regulated data has no boundary stated yet
    basis: str
    contract: list[str] = []  # the companies, as people write them
    agreement: str = "dpa"
    zero_retention: bool = False
    region: str | None = None  # the region's name
    offerings: list[bd.BoundaryCheck] = []
    caution: str = CAUTION


def basis_words(catalog: Catalog, req: bd.Requirement) -> str:
    if req.kind == "any":
        return "No data boundary stated: any provider may process the data."
    if req.kind == "on_site":
        if req.assumed:
            return (
                "Regulated data and no boundary stated yet: it stays on your own hardware until you name one — a"
                " cloud provider you have a BAA or DPA with, a region, or none at all."
            )
        return "On-site: the data stays on your own hardware; no cloud offering is within that."
    parts = []
    if req.checks_contract:
        kind = "BAA" if req.agreement == "baa" else "DPA"
        who = bd.party_names(catalog, req.companies) if req.companies else "a provider who signs one"
        parts.append(f"a {kind} with {who}")
    if req.checks_region:
        parts.append(f"processing in {bd.region_name(catalog, req.region) if req.region else 'a region not yet named'}")
    if req.zero_retention:
        parts.append("zero data retention")
    return "Only offerings within " + ", ".join(parts) + "; every other cloud offering is ruled out, with its reason."


def summarize(catalog: Catalog, p: ResolvedProfile, today: date) -> BoundarySummary:
    req = bd.requirement(catalog, p)
    names = {pl.company: pl.company_name for pl in catalog.platforms.values()}
    summary = BoundarySummary(
        kind=req.kind,
        assumed=req.assumed,
        basis=basis_words(catalog, req),
        contract=[names.get(c, c) for c in req.companies],
        agreement=req.agreement,
        zero_retention=req.zero_retention,
        region=bd.region_name(catalog, req.region) if req.region else None,
    )
    if req.kind in ("contract", "region"):
        summary.offerings = platform_verdicts(catalog, p, req, today)
    return summary


def platform_verdicts(catalog: Catalog, p: ResolvedProfile, req: bd.Requirement, today: date) -> list[bd.BoundaryCheck]:
    """Each platform's cheapest live offering of the routine tier that holds a request, checked;
    those within the boundary first, then by list price."""
    cheapest: dict[str, CloudModel] = {}
    for model in catalog.cloud.values():
        if not tier_ok(model.tier, p.routine_tier) or not is_live(model, today) or not context_fits(model, p):
            continue
        platform = catalog.platform_of(model)
        key = platform.id if platform else model.provider
        if key not in cheapest or _price(model) < _price(cheapest[key]):
            cheapest[key] = model
    checks = [bd.check(catalog, req, m) for m in cheapest.values()]
    return sorted(checks, key=lambda c: (not c.passes, _price(catalog.cloud[c.model]) * c.price_factor))


def _price(model: CloudModel) -> float:
    """A sort key only (list input + output per M), never shown as a figure."""
    return model.price.input + model.price.output
