"""What measured requests cost at the catalog's prices, through the cloud-cost tool: a model as
the records name it matched to a catalog id (exactly, or not at all), its requests over the
long-context threshold at the long-context rate (the tier is per request), the rest at the
standard rate, 5-minute and 1-hour cache writes each at their own price."""

from __future__ import annotations

import re

from advisor.measure.aggregate import ModelTally
from advisor.tools.catalog import Catalog
from advisor.tools.cloud_cost import CloudCostInput, cloud_cost

_DATE_SUFFIX = re.compile(r"(-\d{8}|-\d{4}-\d{2}-\d{2}|-latest|@\d{8})$")
_CACHE_NOTES = ("lists no cache price", "bills no cache writes", "cache-write price")  # said in the import's notes


def catalog_id(catalog: Catalog, name: str) -> str | None:
    """The catalog id of a model as logs name it ("claude-sonnet-4-5-20250929" → claude-sonnet-4-5);
    exact matches only: a near miss would price the records at another model's rates."""
    base = _DATE_SUFFIX.sub("", name.strip().rsplit("/", 1)[-1])
    ids = catalog.resolve("cloud", base)
    return ids[0] if len(ids) == 1 else None


def threshold_lookup(catalog: Catalog):
    def threshold_for(name: str) -> int | None:
        cid = catalog_id(catalog, name)
        return catalog.cloud[cid].price.long_context_threshold if cid else None

    return threshold_for


class Pricer:
    """Prices model tallies; remembers each name's catalog id and the cache notes the prices gave."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.notes: list[str] = []
        self._ids: dict[str, str | None] = {}

    def catalog_id(self, name: str) -> str | None:
        if name not in self._ids:
            self._ids[name] = catalog_id(self.catalog, name)
        return self._ids[name]

    def usd(self, name: str, m: ModelTally) -> float | None:
        """What ``m``'s requests cost at the catalog's price for ``name``; None when the catalog has none."""
        cid = self.catalog_id(name)
        if cid is None:
            return None
        threshold = self.catalog.cloud[cid].price.long_context_threshold
        parts = [(m.all.minus(m.long), None), (m.long, (threshold or 0) + 1)]
        usd = 0.0
        for part, per_request in parts:
            if not (part.requests or part.input_tokens or part.output_tokens):
                continue
            share = part.cache_read_tokens / part.input_tokens if part.input_tokens else 0.0
            result = cloud_cost(
                CloudCostInput(
                    model=cid,
                    input_tokens=part.input_tokens,
                    output_tokens=part.output_tokens,
                    cached_input_share=share,
                    cache_write_tokens=part.cache_write_5m_tokens,
                    cache_ttl="5m",
                    cache_write_1h_tokens=part.cache_write_1h_tokens,
                    tokens_per_request=per_request,
                ),
                self.catalog,
            )
            usd += result.monthly_usd
            for line in result.assumptions:
                if any(words in line for words in _CACHE_NOTES) and line not in self.notes:
                    self.notes.append(line)
        return usd
