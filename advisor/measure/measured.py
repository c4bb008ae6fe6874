"""The measured workload: the aggregates of a usage import, priced at the catalog's prices
through the cloud-cost tool, and the profile fields they give. This is all that is kept."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from pydantic import BaseModel, ConfigDict, Field

from advisor.measure.aggregate import Tally
from advisor.measure.breakdown import UsageRow, breakdown, row
from advisor.measure.histogram import PRECISION, LogHistogram
from advisor.measure.pricing import Pricer, catalog_id, threshold_lookup
from advisor.measure.records import ReadCounts
from advisor.measure.zone import LocalClock, zone, zone_name
from advisor.tools.catalog import Catalog
from advisor.tools.clock import today
from advisor.tools.defaults import DAYS_PER_MONTH
from advisor.tools.profile import WorkloadProfile

__all__ = ["Measured", "catalog_id", "measure", "threshold_lookup"]


MIN_RECORDS_FOR_PEAK = 200  # fewer, and the busiest hour's share is noise: the traffic window keeps its default
SOURCE_NAMES = {
    "claude-code": "Claude Code logs",
    "llm-logs": "an llm logs.db",
    "csv": "a CSV export",
    "codex": "Codex CLI logs",
    "gemini-cli": "Gemini CLI chats",
    "anthropic-usage": "an Anthropic usage report",
    "openai-usage": "an OpenAI usage report",
}


class TokenStats(BaseModel):
    median: float
    p95: float
    max: int
    mean: float


class Window(BaseModel):
    start: datetime  # UTC, inclusive: a local midnight of ``tz`` unless --since said otherwise
    end: datetime  # UTC, exclusive
    days: float
    first_record: datetime | None
    last_record: datetime | None
    tz: str = "UTC"  # the zone whose days the window and the breakdown count

    @property
    def last_day(self) -> date:
        return _local(self.end - timedelta(microseconds=1), self.tz).date()

    def label(self) -> str:
        start = _local(self.start, self.tz)
        if self.days <= 0:  # --since after the last record: no day to count, not 'from the 1st to the 31st'
            return f"from {start:%Y-%m-%d} {self.tz} (no days)"
        days = f"{self.days:g} day{'' if self.days == 1 else 's'}"
        return f"{start:%Y-%m-%d} to {self.last_day:%Y-%m-%d} {self.tz} ({days})"

    def short(self) -> str:
        """``2025-10-01…10-10 UTC``: the window's days in its zone, for a title."""
        return f"{_local(self.start, self.tz):%Y-%m-%d}…{self.last_day:%m-%d} {self.tz}"


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

    source: str  # claude-code | llm-logs | csv | codex | gemini-cli | anthropic-usage | openai-usage
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
    tz: str = "UTC"  # the zone of the hours, the days and the traffic window's start
    requests_known: bool = True  # False: a usage report that counts tokens, not requests
    hours: list[int] = []  # requests by hour of the day in ``tz`` (empty: the records' hours are not known)
    busiest_hour: int | None = None  # in ``tz``
    traffic_start_hour: int | None = None  # where the busiest traffic_hours-long stretch of the day opens, in ``tz``
    days: list[UsageRow] = []  # the window's days in ``tz``, each with its cost by model
    projects: list[UsageRow] = []  # by project (a working folder, or an export's workspace or project)
    rows: list[UsageRow] | None = Field(default=None, exclude=True)  # `--by`'s rows; not kept in a session
    by: str | None = Field(default=None, exclude=True)

    @property
    def counted(self) -> bool:
        """Whether the window held any usage: a request, or a usage report's tokens."""
        tokens = self.monthly_input_tokens + self.monthly_output_tokens
        return bool(self.records) or (not self.requests_known and bool(tokens))

    @property
    def window_measured(self) -> bool:
        """Whether the records time enough requests for the busiest hour to set the traffic window
        (a measurement saved before the hours were kept has its busiest UTC hour only)."""
        if not self.hours:
            return self.busiest_hour_utc is not None and self.records >= MIN_RECORDS_FOR_PEAK
        return sum(self.hours) >= MIN_RECORDS_FOR_PEAK

    def profile_fields(self) -> dict[str, object]:
        """The profile's measured values (named as WorkloadProfile's fields)."""
        if not self.counted:
            return {}
        fields: dict[str, object] = {}
        if self.requests_known:
            fields |= {
                "requests_per_day": round(self.requests_per_day, 2),
                "input_tokens_per_request": round(self.input_per_request.mean),
                "output_tokens_per_request": round(self.output_per_request.mean),
            }
        fields |= {
            "monthly_input_tokens": round(self.monthly_input_tokens),
            "monthly_output_tokens": round(self.monthly_output_tokens),
            "cached_input_share": round(self.cached_input_share, 4),
            "cache_write_share": round(self.cache_write_share, 4),
            "cache_write_1h_share": round(self.cache_write_1h_share, 4),
        }
        if self.window_measured:
            fields["traffic_hours"] = self.traffic_hours  # the capacity model's traffic window
            if self.traffic_start_hour is not None:
                fields["traffic_start_hour"] = self.traffic_start_hour  # and where it lies in the day
        priced = [m for m in self.models if m.catalog_id and m.usd is not None]
        if priced:
            fields["cloud_model"] = max(priced, key=lambda m: m.usd or 0).catalog_id
        return {k: v for k, v in fields.items() if k in WorkloadProfile.model_fields}

    @property
    def source_name(self) -> str:
        return SOURCE_NAMES.get(self.source, self.source)

    def describe(self) -> str:
        """One line for answers, the panel and the report: what was measured, from what, when."""
        counted = f"{self.records:,} requests" if self.requests_known else "the tokens"
        return f"measured from {counted} in {self.source_name}, {self.window.label()}"


def window_of(tally: Tally, since: datetime | None, until: datetime | None, clock: LocalClock | None = None) -> Window:
    """The records' span in whole local days of ``clock``'s zone (or ``since``/``until`` where given)."""
    clock = clock or LocalClock()
    now = datetime.combine(today(), time(12), UTC)  # no record at all: today's date (advisor.tools.clock)
    first, last = tally.first, tally.last
    start = since or clock.midnight(clock.local_date(first or now))
    end = until or clock.midnight(clock.local_date(last or now) + timedelta(days=1))
    end = max(end, start)  # --since after the last record, with no --until: an empty window
    days = round((end - start).total_seconds() / 86400, 6)
    return Window(start=start, end=end, days=days, first_record=first, last_record=last, tz=zone_name(clock.tz))


def measure(
    tally: Tally,
    counts: ReadCounts,
    catalog: Catalog,
    *,
    source: str,
    path: str,
    since: datetime | None = None,
    until: datetime | None = None,
    clock: LocalClock | None = None,
    by: str | None = None,
) -> Measured:
    clock = clock or LocalClock()
    window = window_of(tally, since, until, clock)
    per_month = DAYS_PER_MONTH / window.days if window.days > 0 else 0.0
    by_model = tally.models()
    sums = [m.all for m in by_model.values()]
    total_in = sum(u.input_tokens for u in sums)
    total_out = sum(u.output_tokens for u in sums)
    total_read = sum(u.cache_read_tokens for u in sums)
    total_write_5m = sum(u.cache_write_5m_tokens for u in sums)
    total_write_1h = sum(u.cache_write_1h_tokens for u in sums)
    requests_known = not tally.unknown_requests
    hours = list(tally.per_hour) if tally.timed else []
    busiest = max(range(24), key=lambda h: hours[h]) if hours else None
    share = hours[busiest] / tally.timed if busiest is not None else 0.0
    busiest_utc = max(range(24), key=lambda h: tally.per_hour_utc[h]) if hours else None
    traffic_hours = round(min(24.0, 1 / share), 2) if share else 24.0
    pricer = Pricer(catalog)
    models = [
        ModelUse(
            model=r.model,
            catalog_id=r.catalog_id,
            requests=r.requests,
            input_tokens=r.input_tokens,
            output_tokens=r.output_tokens,
            cached_input_tokens=r.cache_read_tokens,
            cache_write_tokens=r.cache_write_tokens,
            long_context_requests=by_model[r.model].long.requests,
            usd=r.usd,
            monthly_usd=r.usd * per_month if r.usd is not None else None,
        )
        for r in sorted(row("all", by_model, pricer).models, key=lambda r: -r.input_tokens - r.output_tokens)
    ]
    notes = list(pricer.notes)
    priced = [m.usd for m in models if m.usd is not None]
    unpriced = [m.model for m in models if m.usd is None]
    if unpriced:
        notes.append(f"not in the catalog, so not priced: {', '.join(unpriced)}")
    if 0 < tally.timed < MIN_RECORDS_FOR_PEAK:
        notes.append(
            f"only {tally.timed} requests: the busiest hour's share is not used as the traffic window"
            f" (it takes {MIN_RECORDS_FOR_PEAK})"
        )
    if tally.rows and not requests_known:
        notes.append(
            "the report counts tokens, not requests: requests a day and tokens per request are not"
            " measured (the interview asks them)"
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
        busiest_hour_utc=busiest_utc,
        busiest_hour_share=share,
        traffic_hours=traffic_hours,
        input_per_request=_stats(tally.input_hist, total_in, tally.records),
        output_per_request=_stats(tally.output_hist, total_out, tally.records),
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
        tz=window.tz,
        requests_known=requests_known,
        hours=hours,
        busiest_hour=busiest,
        traffic_start_hour=window_start(hours, traffic_hours) if hours else None,
        days=breakdown(tally, "day", pricer),
        projects=breakdown(tally, "project", pricer) if any(cell[2] for cell in tally.cells) else [],
        rows=breakdown(tally, by, pricer) if by else None,
        by=by,
    )


def window_start(hours: list[int], length: float) -> int:
    """The hour a ``length``-hour stretch of the day (rounded up, wrapping past midnight) carrying
    the most of ``hours``' requests opens; on a tie the one opening on the busier hour, then the earliest."""
    span = max(1, min(24, -int(-length // 1)))
    return max(range(24), key=lambda h: (sum(hours[(h + i) % 24] for i in range(span)), hours[h], -h))


def _stats(hist: LogHistogram, total: int, requests: int) -> TokenStats:
    """Median, p95 and max from the requests' own sizes; a usage report's rows give the mean alone
    (the others are then the mean too: what is known of a request's size)."""
    mean = total / requests if requests else 0.0
    if not hist.count:
        return TokenStats(median=mean, p95=mean, max=round(mean), mean=mean)
    return TokenStats(median=hist.quantile(0.5), p95=hist.quantile(0.95), max=hist.max, mean=mean)


def _local(at: datetime, tz: str) -> datetime:
    return at.astimezone(zone(tz))
