"""Where the data may go: a profile's data boundary checked against each cloud offering's terms
(catalog/platforms.toml) — a contract (BAA or DPA) with the company selling it, zero data retention,
processing kept in a named region. Every verdict names the facts it rests on, with their sources
and dates; a fact no source states ("unknown") never passes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel

from advisor.tools.base import ToolError
from advisor.tools.catalog import Catalog, CloudModel, Platform, RegionTerm, Term
from advisor.tools.profile import BoundaryFields, ResolvedProfile

FactKind = Literal["contract", "baa", "zero_retention", "region"]


class BoundaryFact(BaseModel):
    """One platform fact an offering passed or failed on, as the catalog sources it."""

    kind: FactKind
    status: str  # the platform's own fact: yes, no or unknown (a contract: whether the team has one)
    passed: bool
    words: str
    terms: str = ""  # the platform's own terms, as the catalog quotes them (the plan a BAA comes with, …)
    source: str = ""
    as_of: date | None = None


class BoundaryCheck(BaseModel):
    """One cloud offering against the data boundary: whether it passes, why not, what it requires."""

    model: str
    platform: str | None
    platform_name: str
    passes: bool
    failed: list[str] = []
    requires: list[str] = []
    facts: list[BoundaryFact] = []
    price_factor: float = 1.0  # keeping processing in the region costs this × the list price


@dataclass(frozen=True)
class Requirement:
    """The boundary as the catalog reads it: companies and region resolved to catalog ids."""

    kind: str  # on_site | contract | region | any
    assumed: bool  # on-site because regulated data has no boundary yet
    companies: tuple[str, ...]  # company ids the team has a contract with
    agreement: str  # baa | dpa
    zero_retention: bool
    region: str | None  # a regions.toml id
    privacy: str

    @property
    def checks_contract(self) -> bool:
        return self.kind == "contract" or (self.kind == "region" and bool(self.companies))

    @property
    def checks_region(self) -> bool:
        return self.kind == "region" or (self.kind == "contract" and self.region is not None)


def requirement(catalog: Catalog, p: ResolvedProfile | BoundaryFields) -> Requirement:
    """The profile's boundary with its parties and region looked up; ToolError naming the field for
    a company or region the catalog does not know."""
    return Requirement(
        kind=p.data_boundary,
        assumed=p.boundary_assumed,
        companies=tuple(dict.fromkeys(company_of(catalog, party) for party in p.contract)),
        agreement=p.agreement,
        zero_retention=p.zero_retention,
        region=region_of(catalog, p.region) if p.region else None,
        privacy=p.privacy,
    )


def company_of(catalog: Catalog, party: str) -> str:
    """A company id for a company or platform as typed ("AWS", "bedrock", "aws-bedrock", "Vertex AI")."""
    key = _norm(party)
    for platform in catalog.platforms.values():
        names = {platform.company, platform.company_name, platform.id, platform.name, *platform.aliases}
        if key in {_norm(n) for n in names}:
            return platform.company
    companies = sorted({p.company for p in catalog.platforms.values()})
    raise ToolError(
        "contract", party, f"names no company or platform in the catalog; companies: {', '.join(companies)}"
    )


def region_of(catalog: Catalog, text: str) -> str:
    """A regions.toml id for a region as typed ("EU", "Germany", "Deutschland", "de")."""
    found = catalog.resolve("regions", text)
    if len(found) == 1:
        return found[0]
    raise ToolError("region", text, f"is not a region the catalog knows; regions: {', '.join(catalog.regions)}")


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def within(catalog: Catalog, inner: str, outer: str) -> bool:
    """Whether region ``inner`` lies in region ``outer`` (a region lies in itself)."""
    if inner == outer:
        return True
    region = catalog.regions.get(inner)
    return region is not None and (outer in region.within or any(within(catalog, r, outer) for r in region.within))


def region_name(catalog: Catalog, region: str) -> str:
    if region == "global":
        return "any region"
    found = catalog.regions.get(region)
    name = found.name if found else region
    return f"the {name}" if name.startswith(("European", "United")) else name


def party_names(catalog: Catalog, companies: tuple[str, ...]) -> str:
    names = {p.company: p.company_name for p in catalog.platforms.values()}
    return " and ".join(names.get(c, c) for c in companies) or "no one"


def on_site_words(req: Requirement) -> str:
    if req.assumed:
        return (
            "regulated data stays on your own hardware until you name a boundary: a provider under a BAA or DPA,"
            " or a region"
        )
    return "your data stays on your own hardware: the data boundary is on-site"


def rented_failure(req: Requirement) -> str | None:
    """Why rented GPUs do not meet the boundary (the catalog holds no terms for the GPU hosts)."""
    if req.kind == "any":
        return None
    if req.kind == "on_site":
        data = "regulated data" if req.privacy == "regulated" else "the data"
        return f"rented cloud GPUs take {data} off-premises"
    return "rented GPUs: the catalog has no contract, retention or region terms for the GPU host"


def check(catalog: Catalog, req: Requirement, model: CloudModel, at: str | None = None) -> BoundaryCheck:
    """``model`` as sold on its platform, against the boundary; ``at``: the one region it is called
    in (a configured endpoint), rather than any region the platform offers."""
    platform = catalog.platform_of(model)
    out = BoundaryCheck(
        model=model.id,
        platform=platform.id if platform else None,
        platform_name=platform.name if platform else model.provider,
        passes=True,
    )
    if req.kind == "any":
        return out
    if req.kind == "on_site":
        out.failed.append(on_site_words(req))
    elif platform is None:
        out.failed.append(
            f"{model.id}: the catalog has no data-handling terms for {model.provider} (unknown never passes)"
        )
    else:
        if req.checks_contract:
            _contract(catalog, req, platform, out)
        if req.checks_region:
            _region(catalog, req, platform, model, out, at)
        if req.zero_retention:
            _zero_retention(platform, out)
    out.passes = not out.failed
    return out


def _fact(kind: FactKind, term: Term, passed: bool, words: str) -> BoundaryFact:
    return BoundaryFact(
        kind=kind,
        status=term.status,
        passed=passed,
        words=words,
        terms=term.terms,
        source=term.source,
        as_of=term.as_of,
    )


def _cite(term: Term | RegionTerm) -> str:
    return f"{term.source}, {term.as_of.isoformat()}"


def _contract(catalog: Catalog, req: Requirement, platform: Platform, out: BoundaryCheck) -> None:
    kind = "BAA" if req.agreement == "baa" else "DPA"
    if not req.companies:  # "not to any vendor without a signed BAA": a provider that signs one
        _any_signer(platform, kind, out)
        return
    if platform.company not in req.companies:
        baa = platform.baa
        offers = (
            {
                "yes": f"{platform.company_name} offers one ({_cite(baa)})",
                "no": f"{platform.company_name} offers none ({_cite(baa)})",
                "unknown": f"no source says {platform.company_name} offers one",
            }[baa.status]
            if kind == "BAA"
            else f"a {kind} with {platform.company_name} would be needed"
        )
        words = f"your {kind} is with {party_names(catalog, req.companies)}, not {platform.company_name} — {offers}"
        out.failed.append(f"{platform.name}: {words}")
        out.facts.append(_fact("contract", baa, False, words))
        return
    if kind == "DPA":
        words = f"your DPA with {platform.company_name}"
        out.requires.append(words)
        out.facts.append(BoundaryFact(kind="contract", status="yes", passed=True, words=words))
        return
    baa = platform.baa
    if baa.status == "yes":
        words = f"your BAA with {platform.company_name} ({baa.terms})"
        out.requires.append(f"your BAA with {platform.company_name}")
        out.facts.append(_fact("baa", baa, True, words))
        return
    said = "says it does not" if baa.status == "no" else "no source says it does"
    words = f"your BAA with {platform.company_name}: {said} cover {platform.name} ({baa.terms}; {_cite(baa)})"
    out.failed.append(words)
    out.facts.append(_fact("baa", baa, False, words))


def _any_signer(platform: Platform, kind: str, out: BoundaryCheck) -> None:
    """The contract is still to be signed, with whoever sells the offering: for a BAA, the platform
    must offer one; a DPA is named as what it needs."""
    if kind == "DPA":
        words = f"a DPA with {platform.company_name}"
        out.requires.append(words)
        out.facts.append(BoundaryFact(kind="contract", status="unknown", passed=True, words=words))
        return
    baa = platform.baa
    if baa.status == "yes":
        out.requires.append(f"a BAA with {platform.company_name}, which it offers")
        out.facts.append(_fact("baa", baa, True, f"{platform.company_name} offers a BAA ({baa.terms})"))
        return
    who = platform.company_name
    said = f"{who} says it offers none" if baa.status == "no" else f"no source says {who} offers one"
    where = f" for {platform.name}" if platform.name != who else ""
    words = f"a BAA is needed: {said}{where} ({_cite(baa)})"
    out.failed.append(words)
    out.facts.append(_fact("baa", baa, False, words))


def region_terms(platform: Platform, model: CloudModel) -> list[RegionTerm]:
    return [t for t in platform.regions if not t.models or model.id in t.models]


def _region(
    catalog: Catalog, req: Requirement, platform: Platform, model: CloudModel, out: BoundaryCheck, at: str | None
) -> None:
    if req.region is None:
        out.failed.append("no region named: say which (EU, US, a country)")
        return
    want = region_name(catalog, req.region)
    terms = [t for t in region_terms(platform, model) if at is None or t.region == at]
    inside = [t for t in terms if t.region != "global" and within(catalog, t.region, req.region)]
    priced = [t for t in inside if t.priced]
    if priced:
        best = min(priced, key=lambda t: t.price_factor)
        cost = f", at {best.price_factor:g}× the price" if best.price_factor != 1 else ""
        out.requires.append(f"processing kept in {region_name(catalog, best.region)} ({best.via}{cost})")
        out.price_factor = best.price_factor
        out.facts.append(_region_fact(best, True, f"processed in {region_name(catalog, best.region)}: {best.terms}"))
        return
    if inside:
        term = inside[0]
        words = f"{platform.name} can process in {want} ({term.via}), but that price is not in the catalog"
        out.failed.append(words)
        out.facts.append(_region_fact(term, False, words))
        return
    if not terms:
        words = f"{platform.name}: its processing region — no source says (unknown never passes)"
        out.failed.append(words)
        out.facts.append(BoundaryFact(kind="region", status="unknown", passed=False, words=words))
        return
    where = " or ".join(dict.fromkeys(f"{region_name(catalog, t.region)} ({t.via})" for t in terms))
    words = f"{model.id} on {platform.name}: not processed in {want} — it runs in {where} ({_cite(terms[0])})"
    out.failed.append(words)
    out.facts.append(_region_fact(terms[0], False, words, status="no"))


def _region_fact(term: RegionTerm, passed: bool, words: str, status: str = "yes") -> BoundaryFact:
    """Whether the platform processes in the region asked for: yes, or no (it runs elsewhere)."""
    return BoundaryFact(
        kind="region", status=status, passed=passed, words=words, terms=term.terms, source=term.source, as_of=term.as_of
    )


def _zero_retention(platform: Platform, out: BoundaryCheck) -> None:
    z = platform.zero_retention
    if z.status == "yes":
        out.requires.append(f"zero data retention on at {platform.company_name}")
        out.facts.append(_fact("zero_retention", z, True, f"zero retention: {z.terms}"))
        return
    said = "offers none" if z.status == "no" else "no source says it is offered"
    words = f"{platform.name}: zero data retention — {said} ({z.terms}; {_cite(z)})"
    out.failed.append(words)
    out.facts.append(_fact("zero_retention", z, False, words))


def family(model: CloudModel) -> str:
    """The model itself, wherever it is sold: its own id, or the id it is the same as."""
    return model.same_as or model.id


def within_elsewhere(catalog: Catalog, req: Requirement, model: CloudModel, today: date) -> list[BoundaryCheck]:
    """The same model on other platforms that meet the boundary, cheapest price first."""
    if req.kind in ("any", "on_site"):
        return []
    siblings = [
        m
        for m in catalog.cloud.values()
        if m.id != model.id and family(m) == family(model) and (m.retires is None or m.retires > today)
    ]
    passing = [(m, check(catalog, req, m)) for m in siblings]
    passing = [(m, c) for m, c in passing if c.passes]
    passing.sort(key=lambda mc: (mc[0].price.input + mc[0].price.output) * mc[1].price_factor)
    return [c for _, c in passing]


def elsewhere_words(catalog: Catalog, checks: list[BoundaryCheck]) -> str:
    """'— within your boundary on AWS Bedrock (bedrock-claude-sonnet-5, $2.2/$11 per M)'."""
    if not checks:
        return ""
    best = checks[0]
    price = catalog.cloud[best.model].price
    factor = f" ×{best.price_factor:g}" if best.price_factor != 1 else ""
    prices = f"${price.input:g}/${price.output:g} per M{factor}"
    return f" — within your boundary on {best.platform_name} ({best.model}, {prices})"
