"""Units are sized for the busy hour (issue 21): a stated peak above the traffic window's average
sizes the fleet for the peak, with the capacity model's headroom; the answer gives both how busy
each unit is then and over the hours it is powered, and says which sized it."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.tools.capacity import CapacityInput, capacity
from advisor.tools.compare import CompareInput, compare
from advisor.tools.fleet import replica_box, with_box

# A US fintech (a blind tester): 20 million requests a month, 2k in / 300 out, 07:00–23:00, on one
# 8-GPU H100 node kind running Llama 3.3 70B (fixed, so the sizing alone is under test).
FINTECH = dict(
    requests_per_day=20e6 / 30,
    input_tokens_per_request=2000,
    output_tokens_per_request=300,
    privacy="regulated",
    traffic_hours=16,
    traffic_start_hour=7,
    hardware="hgx-h100-8gpu",
    local_model="llama-3.3-70b",
    top=50,
)


def _node(catalog, **extra):
    result = compare(CompareInput(**FINTECH, **extra), catalog)
    return next(o for o in result.options if o.hardware == "hgx-h100-8gpu" and o.deployment == "local")


def _reason(option, kind):
    return next(r for r in option.why if r.kind == kind)


def test_a_stated_peak_sizes_the_fleet_for_the_peak(catalog):
    """Worked by hand: 666,667 requests a day over the 16-hour window are 41,667 an hour on average;
    the stated peak, 25 a second, is 90,000 an hour: 2.16 × the average. Without it the nodes are
    sized for the average: u0 nodes each b0 busy, so the load is u0 × b0 node-hours an hour. At the
    peak it is 2.16 × u0 × b0; each node may be at most 80% busy, so ceil(2.16 × u0 × b0 / 0.8)
    nodes, each 2.16 × u0 × b0 / nodes busy at the peak (here 3 × 57% → 5 nodes, 74% each)."""
    average = _node(catalog)
    peak = _node(catalog, peak_requests_per_hour=25 * 3600)
    factor = 90_000 / (20e6 / 30 / 16)
    load = average.units * average.busy
    assert peak.units == math.ceil(factor * load / 0.8) > average.units
    assert peak.busy == pytest.approx(factor * load / peak.units)
    assert peak.busy <= 0.8 + 1e-9
    assert peak.monthly_usd > average.monthly_usd  # the extra nodes are priced
    sized = _reason(peak, "sized_for_peak")
    assert sized.values["peak_count"] == 90_000 and sized.values["average_count"] == 41_667
    assert sized.values["window_share"] == pytest.approx(load / peak.units)  # on average in the window
    assert sized.values["day_share"] == pytest.approx(load / peak.units * 16 / 24)  # over the powered day
    assert "sized for the peak, 90,000 requests an hour (2.2× the traffic window's average of 41,667)" in (
        sized.english()
    )


def test_twice_the_peak_needs_about_twice_the_nodes(catalog):
    """50 a second (180,000 an hour) is twice 25 a second: the fleet doubles, each node as busy."""
    one, two = _node(catalog, peak_requests_per_hour=90_000), _node(catalog, peak_requests_per_hour=180_000)
    assert two.units == 2 * one.units and two.busy == pytest.approx(one.busy)


def test_each_replica_at_the_peak_is_within_what_calc_capacity_says_it_carries(catalog):
    """At the peak each replica carries peak / replicas requests an hour; calc capacity over a one-hour
    window says how many an hour one replica carries: the share is the option's busy figure, ≤ 80%."""
    o = _node(catalog, peak_requests_per_hour=90_000)
    part = replica_box(catalog.hardware[o.hardware], o.gpus_per_replica)
    cap = capacity(
        CapacityInput(
            hardware=part.id, local_model=o.local_model, engine=o.engine, streams=o.streams,
            input_tokens=2000, output_tokens=300, context_tokens=2300, traffic_hours=1,
        ),
        with_box(catalog, part),
    )  # fmt: skip
    per_replica = 90_000 / o.replicas
    assert per_replica / cap.requests_per_day == pytest.approx(o.busy, rel=1e-3)
    assert per_replica <= cap.requests_per_day * 0.8 * (1 + 1e-6)


def test_without_a_peak_the_answer_says_both_figures_and_what_sized_them(catalog):
    """The tester's '63% vs 42%': busy in the 16-hour window and over the 24 hours the node is powered
    are two figures of one load: the second is the first × 16 / 24."""
    o = _node(catalog)
    sized = _reason(o, "sized_for_window")
    assert sized.values["busy_share"] == pytest.approx(o.busy)
    assert sized.values["day_share"] == pytest.approx(o.busy * 16 / 24) == pytest.approx(o.powered_busy)
    assert "no peak stated" in sized.english()


def test_around_the_clock_with_no_peak_has_one_figure_and_no_sizing_line(catalog):
    result = compare(CompareInput(**{**FINTECH, "traffic_hours": 24}), catalog)
    o = next(o for o in result.options if o.hardware == "hgx-h100-8gpu" and o.deployment == "local")
    assert not [r for r in o.why if r.kind.startswith(("sized_for", "peak_"))]


def test_a_peak_below_the_average_changes_nothing_and_says_so(catalog):
    average, low = _node(catalog), _node(catalog, peak_requests_per_hour=30_000)
    assert low.units == average.units and low.busy == pytest.approx(average.busy)
    assert "is not above the traffic window's average" in _reason(low, "peak_below_average").english()


@settings(max_examples=15, deadline=None)
@given(st.floats(min_value=0, max_value=400_000), st.floats(min_value=1, max_value=3))
def test_a_higher_peak_never_needs_fewer_units(catalog, peak, more):
    lower, higher = _node(catalog, peak_requests_per_hour=peak), _node(catalog, peak_requests_per_hour=peak * more)
    assert higher.units >= lower.units
    assert higher.busy <= 0.8 + 1e-9


def test_a_volume_what_if_scales_the_stated_peak_with_the_traffic(catalog):
    """'What if volume doubles?' doubles the busiest hour too (25/s → 50/s): the peak is the same
    traffic's, so the nodes double rather than the peak melting into a doubled average."""
    from advisor.interview.whatif import read_whatif
    from advisor.tools.profile import WorkloadProfile

    profile = WorkloadProfile(requests_per_day=20e6 / 30, traffic_hours=16, peak_requests_per_hour=90_000)
    whatif = read_whatif("what if volume doubles?", profile, catalog)
    assert whatif.changes["peak_requests_per_hour"] == pytest.approx(180_000)
    assert whatif.changes["requests_per_day"] == pytest.approx(40e6 / 30)


def test_a_peak_stated_as_twice_the_average_sizes_as_that_rate(catalog):
    """'The peak is 2× the average' is the rate 2 × 41,667 = 83,333 an hour: the same units as that
    rate stated; a stated rate wins over a factor."""
    twice = _node(catalog, peak_factor=2)
    rate = _node(catalog, peak_requests_per_hour=2 * 20e6 / 30 / 16)
    assert (twice.units, twice.busy) == (rate.units, pytest.approx(rate.busy))
    assert _reason(twice, "sized_for_peak").values["peak_count"] == 83_333
    both = _node(catalog, peak_factor=2, peak_requests_per_hour=90_000)
    assert _reason(both, "sized_for_peak").values["peak_count"] == 90_000
