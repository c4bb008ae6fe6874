"""Records in, running totals out. Memory does not grow with the number of records: the totals are
kept per cell — a local day, a session, a project and a model — so they grow with the days and
sessions of the window, and the histograms stay under ~1,600 buckets."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime

from advisor.measure.histogram import LogHistogram
from advisor.measure.records import Record
from advisor.measure.zone import LocalClock


@dataclass
class UsageSums:
    requests: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_5m_tokens: int = 0
    cache_write_1h_tokens: int = 0

    def add(self, r: Record) -> None:
        self.requests += r.requests
        self.input_tokens += r.input_tokens
        self.output_tokens += r.output_tokens
        self.cache_read_tokens += r.cache_read_tokens
        self.cache_write_5m_tokens += r.cache_write_5m_tokens
        self.cache_write_1h_tokens += r.cache_write_1h_tokens

    def merge(self, other: UsageSums) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def minus(self, other: UsageSums) -> UsageSums:
        return UsageSums(*(getattr(self, f.name) - getattr(other, f.name) for f in fields(self)))


@dataclass
class ModelTally:
    """One model's requests; ``long`` the ones that crossed its per-request long-context threshold."""

    all: UsageSums = field(default_factory=UsageSums)
    long: UsageSums = field(default_factory=UsageSums)

    def merge(self, other: ModelTally) -> None:
        self.all.merge(other.all)
        self.long.merge(other.long)


Cell = tuple[int, str, str, str]  # (local day as days since 1970-01-01, session, project, model)


@dataclass
class Tally:
    records: int = 0  # requests counted (a usage report's row counts its requests)
    rows: int = 0  # records read in the window (requests, or a usage report's rows)
    unknown_requests: int = 0  # rows of a usage report that does not count requests
    outside_window: int = 0
    first: datetime | None = None
    last: datetime | None = None
    timed: int = 0  # requests whose own time is known (not a report's bucket): the hours count these
    per_hour: list[int] = field(default_factory=lambda: [0] * 24)  # hour of the day in the import's zone
    per_hour_utc: list[int] = field(default_factory=lambda: [0] * 24)
    input_hist: LogHistogram = field(default_factory=LogHistogram)
    output_hist: LogHistogram = field(default_factory=LogHistogram)
    cells: dict[Cell, ModelTally] = field(default_factory=dict)

    def models(self) -> dict[str, ModelTally]:
        return self.grouped(None).get(None, {})

    def grouped(self, key: Callable[[Cell], object] | None) -> dict[object, dict[str, ModelTally]]:
        """The cells summed by ``key(cell)`` (None: all in one group), each group by model."""
        groups: dict[object, dict[str, ModelTally]] = {}
        for cell, tally in self.cells.items():
            models = groups.setdefault(key(cell) if key is not None else None, {})
            into = models.get(cell[3])
            if into is None:
                into = models[cell[3]] = ModelTally()
            into.merge(tally)
        return groups


class Aggregator:
    """Counts records between ``since`` (inclusive) and ``until`` (exclusive), both UTC, grouping
    them by the local day and hour of ``clock`` (UTC by default).

    ``threshold_for(model)`` gives the per-request input size above which that model bills its
    long-context rate (None: no tier); it is asked once per model name."""

    def __init__(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        threshold_for: Callable[[str], int | None] = lambda _model: None,
        clock: LocalClock | None = None,
    ) -> None:
        self.since, self.until = since, until
        self.tally = Tally()
        self.clock = clock or LocalClock()
        self._threshold_for = threshold_for
        self._thresholds: dict[str, int | None] = {}

    def add_all(self, records: Iterable[Record]) -> Tally:
        for record in records:
            self.add(record)
        return self.tally

    def add(self, r: Record) -> None:
        t = self.tally
        at = r.at
        if (self.since is not None and at < self.since) or (self.until is not None and at >= self.until):
            t.outside_window += 1
            return
        n = r.requests
        t.records += n
        t.rows += 1
        if t.first is None or at < t.first:
            t.first = at
        if t.last is None or at > t.last:
            t.last = at
        day, hour = self.clock.day_hour(at)
        if n == 1:  # one request at its own time: its hour and its size are known
            t.timed += 1
            t.per_hour[hour] += 1
            t.per_hour_utc[at.hour] += 1
            t.input_hist.add(r.input_tokens)
            t.output_hist.add(r.output_tokens)
        elif n == 0:
            t.unknown_requests += 1
        model = r.model
        key = (day, r.session, r.project, model)
        cell = t.cells.get(key)
        if cell is None:
            cell = t.cells[key] = ModelTally()
            if model not in self._thresholds:
                self._thresholds[model] = self._threshold_for(model)
        cell.all.add(r)
        threshold = self._thresholds[model]
        if r.long_context or (threshold is not None and n == 1 and r.input_tokens > threshold):
            cell.long.add(r)
