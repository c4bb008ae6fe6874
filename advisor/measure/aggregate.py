"""Records in, running totals out: constant memory whatever the number of records (the per-day
counts grow by one entry a day of the window, the histograms stay under ~1,600 buckets)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from advisor.measure.histogram import LogHistogram
from advisor.measure.records import Record


@dataclass
class UsageSums:
    requests: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_5m_tokens: int = 0
    cache_write_1h_tokens: int = 0

    def add(self, r: Record) -> None:
        self.requests += 1
        self.input_tokens += r.input_tokens
        self.output_tokens += r.output_tokens
        self.cache_read_tokens += r.cache_read_tokens
        self.cache_write_5m_tokens += r.cache_write_5m_tokens
        self.cache_write_1h_tokens += r.cache_write_1h_tokens

    def minus(self, other: UsageSums) -> UsageSums:
        return UsageSums(*(getattr(self, f.name) - getattr(other, f.name) for f in fields(self)))


@dataclass
class ModelTally:
    """One model's requests; ``long`` the ones that crossed its per-request long-context threshold."""

    all: UsageSums = field(default_factory=UsageSums)
    long: UsageSums = field(default_factory=UsageSums)


@dataclass
class Tally:
    records: int = 0
    outside_window: int = 0
    first: datetime | None = None
    last: datetime | None = None
    per_hour: list[int] = field(default_factory=lambda: [0] * 24)  # hour of day, UTC
    per_day: dict[date, int] = field(default_factory=dict)
    input_hist: LogHistogram = field(default_factory=LogHistogram)
    output_hist: LogHistogram = field(default_factory=LogHistogram)
    models: dict[str, ModelTally] = field(default_factory=dict)


class Aggregator:
    """Counts records between ``since`` (inclusive) and ``until`` (exclusive), both UTC.

    ``threshold_for(model)`` gives the per-request input size above which that model bills its
    long-context rate (None: no tier); it is asked once per model name."""

    def __init__(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        threshold_for: Callable[[str], int | None] = lambda _model: None,
    ) -> None:
        self.since, self.until = since, until
        self.tally = Tally()
        self._threshold_for = threshold_for
        self._thresholds: dict[str, int | None] = {}

    def add_all(self, records: Iterable[Record]) -> Tally:
        for record in records:
            self.add(record)
        return self.tally

    def add(self, r: Record) -> None:
        t = self.tally
        if (self.since is not None and r.at < self.since) or (self.until is not None and r.at >= self.until):
            t.outside_window += 1
            return
        t.records += 1
        if t.first is None or r.at < t.first:
            t.first = r.at
        if t.last is None or r.at > t.last:
            t.last = r.at
        t.per_hour[r.at.hour] += 1
        day = r.at.date()
        t.per_day[day] = t.per_day.get(day, 0) + 1
        t.input_hist.add(r.input_tokens)
        t.output_hist.add(r.output_tokens)

        m = t.models.get(r.model)
        if m is None:
            m = t.models[r.model] = ModelTally()
            self._thresholds[r.model] = self._threshold_for(r.model)
        m.all.add(r)
        threshold = self._thresholds[r.model]
        if threshold is not None and r.input_tokens > threshold:
            m.long.add(r)
