"""Where the advisor's own Claude calls go — the platform configured (Anthropic's API, AWS Bedrock,
Google Vertex AI) and its region — as a catalog offering, priced like any other, and whether the
profile's data boundary allows the call: the advisor practises what it recommends."""

from __future__ import annotations

from fnmatch import fnmatch
from typing import Literal

from pydantic import BaseModel

from advisor.tools import boundary as bd
from advisor.tools.catalog import Catalog, CloudModel, Platform
from advisor.tools.profile import WorkloadProfile, resolve_boundary

ClaudePlatform = Literal["api", "bedrock", "vertex"]
PLATFORMS: dict[str, tuple[str, ...]] = {  # the catalog platforms each kind of client reaches
    "api": ("anthropic-api",),
    "bedrock": ("aws-bedrock", "aws-bedrock-global"),
    "vertex": ("google-vertex",),
}
NAMES = {"api": "Anthropic's API", "bedrock": "AWS Bedrock", "vertex": "Google Vertex AI"}
SETTINGS = "claude_platform and claude_region (config.toml, or ADVISOR_CLAUDE_PLATFORM and ADVISOR_CLAUDE_REGION)"


class ClaudeRoute(BaseModel):
    """The configured Claude call as the catalog sees it."""

    platform: ClaudePlatform
    region: str | None  # as configured: an AWS region, a Google location, 'us' or 'global' for the API
    catalog_platform: str | None  # platforms.toml id; None: no terms for this route
    geo: str | None  # where it is processed: a regions.toml id or 'global'; None: no source says
    offering: str | None  # the catalog entry that prices it (the model on that platform); None: unpriced
    api_model: str  # the model id the request names
    price_factor: float = 1.0  # the region's premium over the entry's list price

    @property
    def label(self) -> str:
        """'claude-sonnet-4-6', 'bedrock eu-central-1: eu.anthropic.claude-sonnet-4-6'."""
        if self.platform == "api" and self.region in (None, "global"):
            return self.api_model
        where = f" {self.region}" if self.region else ""
        return f"{self.platform}{where}: {self.api_model}"


def _offering(catalog: Catalog, model: str, platform_ids: tuple[str, ...]) -> CloudModel | None:
    """The configured model (or the same model) sold on one of these platforms."""
    own = catalog.cloud.get(model)
    family = bd.family(own) if own is not None else model
    for entry in catalog.cloud.values():
        platform = catalog.platform_of(entry)
        if bd.family(entry) == family and platform is not None and platform.id in platform_ids:
            return entry
    return None


def _where(platform: Platform, entry: CloudModel, region: str) -> tuple[str | None, float]:
    """The region a configured endpoint processes in, and its price factor (first term that names it)."""
    for term in bd.region_terms(platform, entry):
        if any(fnmatch(region, pattern) for pattern in term.endpoints):
            return term.region, term.price_factor
    return None, 1.0


def claude_route(catalog: Catalog, model: str, platform: ClaudePlatform, region: str | None) -> ClaudeRoute:
    """The route for ``model`` on ``platform`` in ``region`` (None: the API's global default)."""
    at = region or "global"
    for platform_id in PLATFORMS[platform]:
        entry = _offering(catalog, model, (platform_id,))
        if entry is None:
            continue
        terms = catalog.platforms[platform_id]
        geo, factor = _where(terms, entry, at)
        if geo is None and len(PLATFORMS[platform]) > 1:
            continue  # Bedrock: the global profile's terms, or the geographic profiles'
        api_id = entry.api_id or (entry.same_as or entry.id)
        api_model = terms.api_model.format(model=api_id, region=geo or at)
        return ClaudeRoute(
            platform=platform,
            region=region,
            catalog_platform=platform_id,
            geo=geo,
            offering=entry.id,
            api_model=api_model,
            price_factor=factor,
        )
    return ClaudeRoute(
        platform=platform, region=region, catalog_platform=None, geo=None, offering=None, api_model=model
    )


def boundary_refusal(catalog: Catalog, route: ClaudeRoute, profile: WorkloadProfile) -> str | None:
    """Why the data boundary does not let the advisor call Claude this way, with the way out; None
    when it may."""
    req = bd.requirement(catalog, resolve_boundary(profile))
    if req.kind == "any":
        return None
    if req.kind == "on_site":
        return (
            f"{bd.on_site_words(req)}, so the advisor keeps its own Claude call home too"
            " (say where the data may go, or ask for the memo locally)"
        )
    where = NAMES[route.platform] + (f" in {route.region}" if route.region else "")
    if route.offering is None:
        return f"the catalog has no terms or price for Claude ({route.api_model}) on {where}"
    check = bd.check(catalog, req, catalog.cloud[route.offering], at=route.geo or "unknown")
    if check.passes:
        return None
    fix = _within(catalog, req, route)
    return f"Claude on {where} is outside your data boundary ({'; '.join(check.failed)}); {fix}"


def _within(catalog: Catalog, req: bd.Requirement, route: ClaudeRoute) -> str:
    """Where the same Claude would be within the boundary, as the settings to change."""
    model = catalog.cloud[route.offering] if route.offering else None
    for kind, platform_ids in PLATFORMS.items():
        entry = _offering(catalog, bd.family(model) if model else route.api_model, platform_ids)
        if entry is None:
            continue
        platform = catalog.platform_of(entry)
        for term in bd.region_terms(platform, entry) if platform else []:
            if term.endpoints and bd.check(catalog, req, entry, at=term.region).passes:
                return f"it would be within it on {NAMES[kind]} ({term.via}): set {SETTINGS}"
    return f"no Claude route in the catalog is within it: set {SETTINGS} once one is"
