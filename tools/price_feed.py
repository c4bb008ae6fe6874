"""Where each catalog cloud model sits in genai-prices' data (``catalog/price_feed.toml``)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field


class FeedMap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    provider: str
    model: str


class FeedConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str
    schema_: str = Field(alias="schema")
    timeout_seconds: float = Field(gt=0)
    providers: dict[str, str]
    map: list[FeedMap] = []

    def ref(self, catalog_id: str, provider: str) -> tuple[str, str] | None:
        """(genai-prices provider id, model id) for a catalog entry, or None when not in the feed."""
        for m in self.map:
            if m.id == catalog_id:
                return m.provider, m.model
        feed_provider = self.providers.get(provider)
        return (feed_provider, catalog_id) if feed_provider else None


@lru_cache(maxsize=1)
def feed_config() -> FeedConfig:
    text = (resources.files("advisor.catalog") / "price_feed.toml").read_text(encoding="utf-8")
    return FeedConfig.model_validate(tomllib.loads(text))
