"""The constant-memory quantiles against exact ones (hypothesis): within the stated ±0.5%."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from advisor.measure.histogram import LogHistogram


def exact(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q * len(ordered))) - 1]


@given(st.lists(st.integers(min_value=0, max_value=5_000_000), min_size=1, max_size=400),
       st.sampled_from([0.5, 0.9, 0.95, 0.99, 1.0]))
def test_quantile_within_half_a_percent(values: list[int], q: float) -> None:
    hist = LogHistogram()
    for v in values:
        hist.add(v)
    want = exact(values, q)
    assert abs(hist.quantile(q) - want) <= 0.005 * want + 1e-9
    assert hist.max == max(values) and hist.count == len(values)


def test_memory_is_bounded() -> None:
    hist = LogHistogram()
    for v in range(0, 10_000_000, 97):
        hist.add(v)
    assert len(hist.counts) < 1_700
    assert LogHistogram().quantile(0.5) == 0.0
