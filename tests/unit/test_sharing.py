"""Workloads sharing one kind of box: units checked across the day (tools/sharing.py)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.tools import defaults as d
from advisor.tools.sharing import Load, busy_by_hour, resident_together, units_needed

BOX_GB = 24.0


def load(name: str, density: float, start: float | None, hours: float, model: str = "m", **kw) -> Load:
    return Load(workload=name, model=model, density=density, hours=hours, start=start, **kw)


def test_a_day_bot_and_a_night_batch_share_one_box():
    bot = load("bot", 0.6, 9, 10)
    batch = load("batch", 0.8, 1, 5)
    sharing = units_needed([bot, batch], BOX_GB)
    assert sharing.units == 1
    assert not sharing.overlap


def test_two_busy_hour_loads_add_up():
    a = load("a", 0.6, 9, 10)
    b = load("b", 0.6, 10, 8)
    sharing = units_needed([a, b], BOX_GB)
    assert sharing.units == 2
    assert sharing.overlap
    assert sharing.peak_hour == 10


def test_a_window_past_midnight_meets_an_early_one():
    late = load("late", 0.7, 22, 6)  # 22:00–04:00
    early = load("early", 0.7, 2, 3)  # 02:00–05:00
    assert units_needed([late, early], BOX_GB).units == 2
    apart = load("apart", 0.7, 5, 3)  # 05:00–08:00: after the late one closes
    assert units_needed([late, apart], BOX_GB).units == 1


def test_a_window_with_no_start_is_taken_to_overlap_every_other():
    night = load("night", 0.7, 1, 5)
    somewhere = load("somewhere", 0.7, None, 10)
    assert units_needed([night, somewhere], BOX_GB).units == 2
    placed = load("placed", 0.7, 9, 10)
    assert units_needed([night, placed], BOX_GB).units == 1


def test_models_that_do_not_fit_together_get_units_of_their_own():
    # Each alone fits 24 GB (16 + 4 + 1.5 overhead); together 16 + 16 + 4 + 4 + 1.5 do not.
    a = load("a", 0.3, 9, 10, model="big-a", weights_gb=16.0, memory_gb=21.5)
    b = load("b", 0.3, 12, 4, model="big-b", weights_gb=16.0, memory_gb=21.5)
    assert not resident_together([a, b], BOX_GB)
    sharing = units_needed([a, b], BOX_GB)
    assert sharing.units == 2 and sharing.apart == ["big-a and big-b"]
    # apart in the day, they share: the models swap between windows
    night = load("night", 0.3, 1, 5, model="big-b", weights_gb=16.0, memory_gb=21.5)
    assert units_needed([a, night], BOX_GB).units == 1
    # small models fit together and add up
    c = load("c", 0.3, 9, 10, model="small-c", weights_gb=4.0, memory_gb=7.5)
    e = load("e", 0.3, 12, 4, model="small-e", weights_gb=4.0, memory_gb=7.5)
    assert resident_together([c, e], BOX_GB)
    assert units_needed([c, e], BOX_GB).units == 1


def test_one_model_serving_two_workloads_is_resident_once():
    a = load("a", 0.3, 9, 10, model="same", weights_gb=16.0, memory_gb=21.5)
    b = load("b", 0.3, 12, 4, model="same", weights_gb=16.0, memory_gb=21.5)
    assert units_needed([a, b], BOX_GB).units == 1


def test_unknown_sizes_are_not_assumed_to_fit_together():
    a = load("a", 0.3, 9, 10, model="x", weights_gb=None, memory_gb=None)
    b = load("b", 0.3, 12, 4, model="y", weights_gb=4.0, memory_gb=7.5)
    assert units_needed([a, b], BOX_GB).units == 2


def test_a_window_with_no_hours_needs_more_than_any_purchase():
    assert units_needed([load("none", math.inf, 9, 0)], BOX_GB).units > max(d.MAX_UNITS, d.MAX_SERVERS)  # a fleet too


def test_busy_by_hour_shows_each_window_where_it_lies():
    busy = busy_by_hour([load("bot", 0.6, 9, 10), load("batch", 0.8, 1, 5)])
    assert busy[0] == 0 and busy[1] == 0.8 and busy[5] == 0.8 and busy[6] == 0
    assert busy[9] == 0.6 and busy[18] == 0.6 and busy[19] == 0


windows = st.tuples(
    st.floats(min_value=0.01, max_value=3.0),
    st.one_of(st.none(), st.integers(min_value=0, max_value=23).map(float)),
    st.floats(min_value=0.5, max_value=24.0),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(windows, min_size=1, max_size=5), windows)
def test_another_load_never_needs_fewer_units(existing, extra):
    loads = [load(f"w{i}", *w) for i, w in enumerate(existing)]
    more = [*loads, load("extra", *extra)]
    assert units_needed(more, BOX_GB).units >= units_needed(loads, BOX_GB).units


@settings(max_examples=200, deadline=None)
@given(st.lists(windows, min_size=1, max_size=5))
def test_sharing_never_needs_more_than_separate_boxes_nor_less_than_the_busiest_hour(ws):
    loads = [load(f"w{i}", *w) for i, w in enumerate(ws)]
    units = units_needed(loads, BOX_GB).units
    assert units <= sum(max(1, math.ceil(x.density)) for x in loads)
    assert units >= math.ceil(max(busy_by_hour(loads)) - 1e-9)
