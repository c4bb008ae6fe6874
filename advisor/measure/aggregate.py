"""Records in, running totals out: constant memory whatever the number of records (the per-day
counts grow by one entry a day of the window, the histograms stay under ~1,600 buckets)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from advisor.measure.histogram import LogHistogram
from advisor.measure.records import Record


@dataclass
class ModelTally:
    """One model's requests; ``long`` ones crossed the model's per-request long-context threshold."""

    requests: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_5m_tokens: int = 0
    cache_write_1h_tokens: int = 0
    long_requests: int = 0
    long_input_tokens: int = 0
    long_output_tokens: int = 0
    long_cache_read_tokens: int = 0
    long_cache_write_5m_tokens: int = 0
    long_cache_write_1h_tokens: int = 0


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
        m.requests += 1
        m.input_tokens += r.input_tokens
        m.output_tokens += r.output_tokens
        m.cache_read_tokens += r.cache_read_tokens
        m.cache_write_5m_tokens += r.cache_write_5m_tokens
        m.cache_write_1h_tokens += r.cache_write_1h_tokens
        threshold = self._thresholds[r.model]
        if threshold is not None and r.input_tokens > threshold:
            m.long_requests += 1
            m.long_input_tokens += r.input_tokens
            m.long_output_tokens += r.output_tokens
            m.long_cache_read_tokens += r.cache_read_tokens
            m.long_cache_write_5m_tokens += r.cache_write_5m_tokens
            m.long_cache_write_1h_tokens += r.cache_write_1h_tokens
