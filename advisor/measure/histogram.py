"""Quantiles of token counts in constant memory: a log-bucket histogram."""

from __future__ import annotations

import math

EXACT_BELOW = 128  # counts under this are kept exactly, one bucket per value
RATIO = 1.01  # above it each bucket is 1% wide, so a quantile is within ±0.5% of the exact one
_LOG_RATIO = math.log(RATIO)
PRECISION = "exact below 128 tokens, within ±0.5% above (1% log buckets)"


class LogHistogram:
    """Counts of non-negative integers. About 1,600 buckets cover 0 to 10M tokens, however many
    values are added; the maximum is kept exactly."""

    __slots__ = ("count", "counts", "max")

    def __init__(self) -> None:
        self.counts: dict[int, int] = {}
        self.count = 0
        self.max = 0

    def add(self, value: int) -> None:
        key = value if value < EXACT_BELOW else EXACT_BELOW + int(math.log(value / EXACT_BELOW) / _LOG_RATIO)
        self.counts[key] = self.counts.get(key, 0) + 1
        self.count += 1
        if value > self.max:
            self.max = value

    def quantile(self, q: float) -> float:
        """The nearest-rank q-quantile (the smallest value with at least q of the values at or
        below it), as the geometric middle of its bucket; 0 when empty."""
        if not self.count:
            return 0.0
        rank = max(1, math.ceil(q * self.count))
        seen = 0
        for key in sorted(self.counts):
            seen += self.counts[key]
            if seen >= rank:
                return min(float(self.max), _value(key))
        return float(self.max)


def _value(key: int) -> float:
    if key < EXACT_BELOW:
        return float(key)
    return EXACT_BELOW * RATIO ** (key - EXACT_BELOW + 0.5)
