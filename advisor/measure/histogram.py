"""Quantiles of token counts in constant memory: exact counts per value while there are at most
``EXACT_LIMIT`` distinct values, then a log-bucket histogram."""

from __future__ import annotations

import math

EXACT_LIMIT = 20_000  # distinct values counted exactly (about 2 MB) before folding into buckets
EXACT_BELOW = 128  # in buckets, counts under this stay exact, one bucket per value
RATIO = 1.01  # above it each bucket is 1% wide, so a quantile is within ±0.5% of the exact one
_LOG_RATIO = math.log(RATIO)
PRECISION = f"exact up to {EXACT_LIMIT:,} distinct token counts; beyond, within ±0.5% (1% log buckets, exact below 128)"


class LogHistogram:
    """Counts of non-negative integers. Memory is bounded whatever the number of values: at most
    ``EXACT_LIMIT`` exact entries, then about 1,600 buckets from 0 to 10M tokens; the maximum is
    always exact."""

    __slots__ = ("count", "counts", "exact", "max")

    def __init__(self) -> None:
        self.exact: dict[int, int] | None = {}
        self.counts: dict[int, int] = {}
        self.count = 0
        self.max = 0

    def add(self, value: int) -> None:
        self.count += 1
        if value > self.max:
            self.max = value
        if self.exact is not None:
            self.exact[value] = self.exact.get(value, 0) + 1
            if len(self.exact) > EXACT_LIMIT:
                for v, n in self.exact.items():
                    key = _bucket(v)
                    self.counts[key] = self.counts.get(key, 0) + n
                self.exact = None
            return
        key = _bucket(value)
        self.counts[key] = self.counts.get(key, 0) + 1

    def quantile(self, q: float) -> float:
        """The nearest-rank q-quantile (the smallest value with at least q of the values at or
        below it); in buckets, the geometric middle of its bucket. 0 when empty."""
        if not self.count:
            return 0.0
        rank = max(1, math.ceil(q * self.count))
        table, value = (self.exact, float) if self.exact is not None else (self.counts, _value)
        seen = 0
        for key in sorted(table):
            seen += table[key]
            if seen >= rank:
                return min(float(self.max), value(key))
        return float(self.max)

    @property
    def size(self) -> int:
        return len(self.exact) if self.exact is not None else len(self.counts)


def _bucket(value: int) -> int:
    return value if value < EXACT_BELOW else EXACT_BELOW + int(math.log(value / EXACT_BELOW) / _LOG_RATIO)


def _value(key: int) -> float:
    if key < EXACT_BELOW:
        return float(key)
    return EXACT_BELOW * RATIO ** (key - EXACT_BELOW + 0.5)
