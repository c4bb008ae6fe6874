"""The constant-memory quantiles against exact ones (hypothesis): exact while the distinct values
fit, within the stated ±0.5% once folded into buckets."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from advisor.measure import histogram
from advisor.measure.histogram import LogHistogram


def exact(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q * len(ordered))) - 1]


QUANTILES = st.sampled_from([0.5, 0.9, 0.95, 0.99, 1.0])
VALUES = st.lists(st.integers(min_value=0, max_value=5_000_000), min_size=1, max_size=400)


@given(VALUES, QUANTILES)
def test_exact_while_few_distinct_values(values: list[int], q: float) -> None:
    hist = LogHistogram()
    for v in values:
        hist.add(v)
    assert hist.quantile(q) == exact(values, q)
    assert hist.max == max(values) and hist.count == len(values)


@given(VALUES, QUANTILES)
def test_within_half_a_percent_in_buckets(values: list[int], q: float) -> None:
    hist = LogHistogram()
    hist.exact = None  # as after folding
    for v in values:
        hist.add(v)
    want = exact(values, q)
    assert abs(hist.quantile(q) - want) <= 0.005 * want + 1e-9


def test_folds_when_values_are_many_and_memory_stays_bounded() -> None:
    hist = LogHistogram()
    values = range(0, 10_000_000, 97)
    for v in values:
        hist.add(v)
    assert hist.exact is None and hist.size < 1_700
    assert hist.count == len(values)
    want = exact(list(values), 0.95)
    assert abs(hist.quantile(0.95) - want) <= 0.005 * want
    assert len(values) > histogram.EXACT_LIMIT
    assert LogHistogram().quantile(0.5) == 0.0
