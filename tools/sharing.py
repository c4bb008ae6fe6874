"""Workloads sharing one kind of box: how many units they need together, checked across the day.

Each workload keeps a box busy at some level while its traffic window is open (its box-seconds a
month over the unit's seconds inside the window). Loads add up where windows overlap; a day bot and
a night batch never meet. Workloads running different models at the same hour need both models
resident: where they do not fit one box's memory together, each model gets units of its own for
that hour. A window whose start is not known is taken to overlap every other (the worst case)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from advisor.tools import defaults as d

HOURS = 24


@dataclass(frozen=True)
class Load:
    """One workload's traffic on one kind of box."""

    workload: str
    model: str
    density: float  # units kept busy while the window is open (math.inf: the box has no time for it)
    hours: float  # how long the window is open each active day
    start: float | None = None  # the hour it opens; None: not known
    weights_gb: float | None = None
    memory_gb: float | None = None  # weights, its streams' KV cache and state, and the overhead

    def open_at(self, hour: float) -> bool:
        if self.hours >= HOURS or self.start is None:
            return True
        return (hour - self.start) % HOURS < self.hours


@dataclass(frozen=True)
class Sharing:
    units: int
    peak_hour: float  # when the most units are needed
    apart: list[str]  # models kept on units of their own where they meet: they do not fit together
    overlap: bool = False  # two or more windows are open at the same moment


def _moments(loads: list[Load]) -> list[float]:
    """Where the load can change upwards: every window's opening (or midnight, with none known)."""
    starts = sorted({load.start % HOURS for load in loads if load.start is not None and load.hours < HOURS})
    return starts or [0.0]


def resident_together(loads: list[Load], memory_gb: float) -> bool:
    """Whether the different models of ``loads`` fit one box's memory at once (each model's weights
    once, every workload's streams, one overhead); unknown sizes do not fit."""
    models = {load.model for load in loads}
    if len(models) <= 1:
        return True
    if any(load.weights_gb is None or load.memory_gb is None for load in loads):
        return False
    weights = {load.model: load.weights_gb for load in loads}
    streams = sum(load.memory_gb - load.weights_gb - d.MEMORY_OVERHEAD_GB for load in loads)  # type: ignore[operator]
    return sum(weights.values()) + streams + d.MEMORY_OVERHEAD_GB <= memory_gb  # type: ignore[arg-type]


def _units_at(open_loads: list[Load], memory_gb: float) -> tuple[int, bool]:
    """Units the open loads need at one moment, and whether their models had to be kept apart."""
    if resident_together(open_loads, memory_gb):
        return math.ceil(sum(load.density for load in open_loads)), False
    by_model: dict[str, float] = {}
    for load in open_loads:
        by_model[load.model] = by_model.get(load.model, 0.0) + load.density
    return sum(math.ceil(busy) for busy in by_model.values()), True


def units_needed(loads: list[Load], memory_gb: float) -> Sharing:
    """The units ``loads`` need together (at least one), checked at every moment a window opens."""
    if any(math.isinf(load.density) for load in loads):  # a window with no hours in it: no box carries it
        return Sharing(max(d.MAX_UNITS, d.MAX_SERVERS) + 1, 0.0, [])  # more than any kind may have
    units, peak, apart, overlap = 0, 0.0, set(), False
    for moment in _moments(loads):
        open_loads = [load for load in loads if load.open_at(moment)]
        overlap = overlap or len(open_loads) > 1
        need, kept_apart = _units_at(open_loads, memory_gb)
        if kept_apart:
            apart.add(" and ".join(sorted({load.model for load in open_loads})))
        if need > units:
            units, peak = need, moment
    return Sharing(max(1, units), peak, sorted(apart), overlap)


def busy_by_hour(loads: list[Load]) -> list[float]:
    """Units busy in each hour of the day (0–23): at its start and at every window opening inside it."""
    openings = [load.start % HOURS for load in loads if load.start is not None]
    out = []
    for hour in range(HOURS):
        moments = [float(hour), *(s for s in openings if hour < s < hour + 1)]
        out.append(max(sum(load.density for load in loads if load.open_at(m)) for m in moments))
    return out
