"""genai-prices' published price data (the v2 ``data.json``, MIT): its schema, read strictly, and
where each catalog cloud model sits in it (``catalog/price_feed.toml``).

A file that is not JSON, is another schema version, or whose prices do not validate is refused
with one line naming what and where — nothing downstream ever sees half a file.
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date, time
from functools import lru_cache
from importlib import resources
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from advisor.tools.catalog import MAX_USD_PER_MILLION_TOKENS

SCHEMA = "v2"


class FeedError(ValueError):
    """The data cannot be used: one line naming what is wrong and where."""


# ----------------------------------------------------------------- the mapping (catalog data)
class FeedMap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    provider: str
    model: str


class TierRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provider: str
    pattern: str
    tier: str
    basis: str = Field(min_length=1)
    open_weights: bool = False


class FeedConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    url: str
    schema_: str = Field(alias="schema")
    timeout_seconds: float = Field(gt=0)
    max_bytes: int = Field(gt=0)
    providers: dict[str, str]
    add_new_from: list[str]
    map: list[FeedMap] = []
    tier_rule: list[TierRule] = []

    def ref(self, catalog_id: str, provider: str) -> tuple[str, str] | None:
        """(genai-prices provider id, model id) for a catalog entry, or None when not in the feed."""
        for m in self.map:
            if m.id == catalog_id:
                return m.provider, m.model
        feed_provider = self.providers.get(provider)
        return (feed_provider, catalog_id) if feed_provider else None

    def catalog_provider(self, feed_provider: str) -> str | None:
        return next((ours for ours, theirs in self.providers.items() if theirs == feed_provider), None)

    def tier_for(self, feed_provider: str, model_id: str) -> TierRule | None:
        for rule in self.tier_rule:
            if rule.provider == feed_provider and re.search(rule.pattern, model_id):
                return rule
        return None


@lru_cache(maxsize=1)
def feed_config() -> FeedConfig:
    text = (resources.files("advisor.catalog") / "price_feed.toml").read_text(encoding="utf-8")
    return FeedConfig.model_validate(tomllib.loads(text))


# ----------------------------------------------------------------- the v2 data
class _Feed(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


# Dollars per million tokens: the catalog's own bound (a $1e300 price is damaged data, not a price).
Usd = Annotated[float, Field(ge=0, le=MAX_USD_PER_MILLION_TOKENS, allow_inf_nan=False)]


class Tier(_Feed):
    start: int = Field(gt=0)
    price: Usd


class Tiered(_Feed):
    base: Usd
    tiers: list[Tier]


Price = Usd | Tiered


class Prices(_Feed):
    """The token prices the catalog uses, dollars per million; other units (images, searches) ignored."""

    input_mtok: Price | None = None
    output_mtok: Price | None = None
    cache_read_mtok: Price | None = None
    cache_write_mtok: Price | None = None
    cache_write_5m_mtok: Price | None = None
    cache_write_1h_mtok: Price | None = None


class StartDate(_Feed):
    start_date: date


class TimeOfDay(_Feed):
    start_time: time
    end_time: time


class Conditional(_Feed):
    constraint: StartDate | TimeOfDay | None = None
    prices: Prices


class Variant(_Feed):
    when: dict[str, str]
    prices: Prices
    constraint: StartDate | TimeOfDay | None = None


class FeedModel(_Feed):
    id: str = Field(min_length=1)
    name: str | None = None
    context_window: int | None = None
    deprecated: bool | None = None
    price_comments: str | None = None
    prices_checked: date | None = None  # in the maintainers' YAML; the published v2 file leaves it out
    prices: Prices | list[Conditional]
    price_variants: list[Variant] | None = None


class FeedProvider(_Feed):
    id: str = Field(min_length=1)
    name: str | None = None
    models: list[FeedModel] = []


_TYPE_NAME = re.compile(r"^([A-Z]\w*|list\[.*\]|float|int|str|function-.*|constrained-\w+)$")


def parse(raw: bytes) -> list[FeedProvider]:
    """The providers of a v2 ``data.json``; a FeedError for anything else."""
    try:
        data = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise FeedError(f"not text: {exc.reason} at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        ends = raw.rstrip()[-1:]
        hint = " (the file ends before its data does: truncated?)" if ends not in (b"]", b"}") else ""
        raise FeedError(f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}{hint}") from None
    if isinstance(data, dict):
        version = data.get("version") or data.get("schema_version") or ("v3" if "units" in data else "unknown")
        raise FeedError(
            f"schema: this is genai-prices data version {version!r}, the advisor reads {SCHEMA}"
            " (a list of providers: use the new_data/v2/data.json URL)"
        )
    if not isinstance(data, list) or not data:
        raise FeedError(f"schema: expected {SCHEMA}, a non-empty list of providers; got {type(data).__name__}")
    providers: list[FeedProvider] = []
    for i, raw_provider in enumerate(data):
        where = raw_provider.get("id", f"#{i + 1}") if isinstance(raw_provider, dict) else f"#{i + 1}"
        try:
            providers.append(FeedProvider.model_validate(raw_provider))
        except ValidationError as exc:
            err = max(exc.errors(), key=lambda e: len(e["loc"]))  # the deepest: past the union's branches
            loc = [p for p in err["loc"] if isinstance(p, int) or not _TYPE_NAME.match(p)]
            if len(loc) >= 2 and loc[0] == "models" and isinstance(loc[1], int):
                models = raw_provider.get("models") or []
                model_id = models[loc[1]].get("id", loc[1]) if isinstance(models[loc[1]], dict) else loc[1]
                loc = [f"models[{model_id}]", *loc[2:]]
            field = ".".join(str(p) for p in loc)
            raise FeedError(f"provider {where}: {field}: {err['msg']} (got {err.get('input')!r:.60})") from None
    _no_duplicates(providers)
    return providers


def _no_duplicates(providers: list[FeedProvider]) -> None:
    """Each provider once, each model once within it: a second entry is damaged data, never a
    choice to make (which price would be the real one?)."""
    seen: set[str] = set()
    for provider in providers:
        if provider.id in seen:
            raise FeedError(f"provider {provider.id}: appears twice in the data")
        seen.add(provider.id)
        ids: set[str] = set()
        for model in provider.models:
            if model.id in ids:
                raise FeedError(f"provider {provider.id}: models[{model.id}]: appears twice in the data")
            ids.add(model.id)
