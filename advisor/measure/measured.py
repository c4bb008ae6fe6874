"""The measured workload: the aggregates of a usage import, priced at the catalog's prices
through the cloud-cost tool, and the profile fields they give. This is all that is kept."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from pydantic import BaseModel, ConfigDict

from advisor.measure.aggregate import ModelTally, Tally
from advisor.measure.histogram import PRECISION, LogHistogram
from advisor.measure.records import ReadCounts
from advisor.tools.catalog import Catalog
from advisor.tools.cloud_cost import CloudCostInput, cloud_cost
from advisor.tools.defaults import DAYS_PER_MONTH
from advisor.tools.profile import WorkloadProfile

_DATE_SUFFIX = re.compile(r"(-\d{8}|-\d{4}-\d{2}-\d{2}|-latest|@\d{8})$")


MIN_RECORDS_FOR_PEAK = 200  # fewer, and the busiest hour's share is noise: the traffic window keeps its default
_CACHE_NOTES = ("lists no cache price", "bills no cache writes", "cache-write price")  # said in the import's notes
SOURCE_NAMES = {"claude-code": "Claude Code logs", "llm-logs": "an llm logs.db", "csv": "a CSV export"}


class TokenStats(BaseModel):
    median: float
    p95: float
    max: int
    mean: float


class Window(BaseModel):
    start: datetime  # UTC, inclusive
    end: datetime  # UTC, exclusive
    days: float
    first_record: datetime | None
    last_record: datetime | None

    @property
    def last_day(self) -> date:
        return (self.end - timedelta(microseconds=1)).date()

    def label(self) -> str:
        return f"{self.start:%Y-%m-%d} to {self.last_day:%Y-%m-%d} UTC ({self.days:g} days)"


class ModelUse(BaseModel):
    model: str  # as the records name it
    catalog_id: str | None  # the catalog's price for it, when there is one
    requests: int
    input_tokens: int
    output_tokens: int
    cached_input_tokens: int
    cache_write_tokens: int
    long_context_requests: int
    usd: float | None  # what these requests cost over the window at catalog prices
    monthly_usd: float | None


class Measured(BaseModel):
    """What an import measured. Token figures a month are per 30-day month of the window."""

    model_config = ConfigDict(extra="ignore")

    source: str  # claude-code | llm-logs | csv
    path: str
    files: int
    imported_at: datetime
    window: Window
    records: int
    skipped: int
    duplicates: int
    outside_window: int
    requests_per_day: float
    busiest_hour_utc: int | None
    busiest_hour_share: float
    traffic_hours: float  # the hours a day the busiest hour's rate would need to carry a day's requests
    input_per_request: TokenStats
    output_per_request: TokenStats
    precision: str = PRECISION
    monthly_input_tokens: float
    monthly_output_tokens: float
    monthly_cache_write_tokens: float
    cached_input_share: float
    cache_write_share: float = 0.0  # standard writes (Anthropic 5 min, OpenAI 30 min) / all input
    cache_write_1h_share: float = 0.0  # extended writes (Anthropic 1 h, OpenAI 12 h) / all input
    models: list[ModelUse]
    usd: float | None  # the window's priced requests at catalog prices
    monthly_usd: float | None
    unpriced_models: list[str]
    notes: list[str] = []

    def profile_fields(self) -> dict[str, object]:
        """The profile's measured values (named as WorkloadProfile's fields)."""
        if not self.records:
            return {}
        fields: dict[str, object] = {
            "requests_per_day": round(self.requests_per_day, 2),
            "input_tokens_per_request": round(self.input_per_request.mean),
            "output_tokens_per_request": round(self.output_per_request.mean),
            "monthly_input_tokens": round(self.monthly_input_tokens),
            "monthly_output_tokens": round(self.monthly_output_tokens),
            "cached_input_share": round(self.cached_input_share, 4),
            "cache_write_share": round(self.cache_write_share, 4),
            "cache_write_1h_share": round(self.cache_write_1h_share, 4),
        }
        if "traffic_hours" in WorkloadProfile.model_fields and self.records >= MIN_RECORDS_FOR_PEAK:
            fields["traffic_hours"] = self.traffic_hours  # the capacity model's traffic window
        priced = [m for m in self.models if m.catalog_id and m.usd is not None]
        if priced:
            fields["cloud_model"] = max(priced, key=lambda m: m.usd or 0).catalog_id
        return fields

    @property
    def source_name(self) -> str:
        return SOURCE_NAMES.get(self.source, self.source)

    def describe(self) -> str:
        """One line for answers, the panel and the report: what was measured, from what, when."""
        return f"measured from {self.records:,} requests in {self.source_name}, {self.window.label()}"


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


def window_of(tally: Tally, since: datetime | None, until: datetime | None) -> Window:
    """The records' span in whole UTC days (or ``since``/``until`` where given)."""
    now = datetime.now(UTC)
    first, last = tally.first, tally.last
    start = since or (_midnight(first) if first else _midnight(now))
    end = until or (_midnight(last) + timedelta(days=1) if last else _midnight(now) + timedelta(days=1))
    end = max(end, start)  # --since after the last record, with no --until: an empty window
    days = round((end - start).total_seconds() / 86400, 6)
    return Window(start=start, end=end, days=days, first_record=first, last_record=last)


def measure(
    tally: Tally,
    counts: ReadCounts,
    catalog: Catalog,
    *,
    source: str,
    path: str,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Measured:
    window = window_of(tally, since, until)
    per_month = DAYS_PER_MONTH / window.days if window.days > 0 else 0.0
    sums = [m.all for m in tally.models.values()]
    total_in = sum(u.input_tokens for u in sums)
    total_out = sum(u.output_tokens for u in sums)
    total_read = sum(u.cache_read_tokens for u in sums)
    total_write_5m = sum(u.cache_write_5m_tokens for u in sums)
    total_write_1h = sum(u.cache_write_1h_tokens for u in sums)
    busiest = max(range(24), key=lambda h: tally.per_hour[h]) if tally.records else None
    share = tally.per_hour[busiest] / tally.records if busiest is not None else 0.0
    models: list[ModelUse] = []
    notes: list[str] = []
    for name, m in sorted(tally.models.items(), key=lambda kv: -kv[1].all.input_tokens - kv[1].all.output_tokens):
        cid = catalog_id(catalog, name)
        usd = _price(catalog, cid, m, notes) if cid else None
        models.append(
            ModelUse(
                model=name,
                catalog_id=cid,
                requests=m.all.requests,
                input_tokens=m.all.input_tokens,
                output_tokens=m.all.output_tokens,
                cached_input_tokens=m.all.cache_read_tokens,
                cache_write_tokens=m.all.cache_write_5m_tokens + m.all.cache_write_1h_tokens,
                long_context_requests=m.long.requests,
                usd=usd,
                monthly_usd=usd * per_month if usd is not None else None,
            )
        )
    priced = [m.usd for m in models if m.usd is not None]
    unpriced = [m.model for m in models if m.usd is None]
    if unpriced:
        notes.append(f"not in the catalog, so not priced: {', '.join(unpriced)}")
    if 0 < tally.records < MIN_RECORDS_FOR_PEAK:
        notes.append(
            f"only {tally.records} requests: the busiest hour's share is not used as the traffic window"
            f" (it takes {MIN_RECORDS_FOR_PEAK})"
        )
    usd = sum(priced) if priced else None
    return Measured(
        source=source,
        path=path,
        files=counts.files,
        imported_at=datetime.now(UTC).replace(microsecond=0),
        window=window,
        records=tally.records,
        skipped=counts.skipped,
        duplicates=counts.duplicates,
        outside_window=tally.outside_window,
        requests_per_day=tally.records / window.days if window.days > 0 else 0.0,
        busiest_hour_utc=busiest,
        busiest_hour_share=share,
        traffic_hours=round(min(24.0, 1 / share), 2) if share else 24.0,
        input_per_request=_stats(tally.input_hist, total_in),
        output_per_request=_stats(tally.output_hist, total_out),
        monthly_input_tokens=total_in * per_month,
        monthly_output_tokens=total_out * per_month,
        monthly_cache_write_tokens=(total_write_5m + total_write_1h) * per_month,
        cached_input_share=total_read / total_in if total_in else 0.0,
        cache_write_share=total_write_5m / total_in if total_in else 0.0,
        cache_write_1h_share=total_write_1h / total_in if total_in else 0.0,
        models=models,
        usd=usd,
        monthly_usd=usd * per_month if usd is not None else None,
        unpriced_models=unpriced,
        notes=notes,
    )


def _stats(hist: LogHistogram, total: int) -> TokenStats:
    mean = total / hist.count if hist.count else 0.0
    return TokenStats(median=hist.quantile(0.5), p95=hist.quantile(0.95), max=hist.max, mean=mean)


def _midnight(at: datetime) -> datetime:
    return at.replace(hour=0, minute=0, second=0, microsecond=0)


def _price(catalog: Catalog, cid: str, m: ModelTally, notes: list[str]) -> float:
    """The requests' cost at the catalog's price, through the cloud-cost tool: the requests over the
    model's long-context threshold at its long-context rate (the tier is per request), the rest at
    the standard rate; 5-minute and 1-hour cache writes each at their own price."""
    threshold = catalog.cloud[cid].price.long_context_threshold
    parts = [(m.all.minus(m.long), None), (m.long, (threshold or 0) + 1)]
    usd = 0.0
    for part, per_request in parts:
        if not part.requests:
            continue
        share = part.cache_read_tokens / part.input_tokens if part.input_tokens else 0.0
        result = cloud_cost(
            CloudCostInput(model=cid, input_tokens=part.input_tokens, output_tokens=part.output_tokens,
                           cached_input_share=share, cache_write_tokens=part.cache_write_5m_tokens, cache_ttl="5m",
                           cache_write_1h_tokens=part.cache_write_1h_tokens, tokens_per_request=per_request),
            catalog,
        )
        usd += result.monthly_usd
        for line in result.assumptions:
            if any(words in line for words in _CACHE_NOTES) and line not in notes:
                notes.append(line)
    return usd
