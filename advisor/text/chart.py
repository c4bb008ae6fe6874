"""Chart series from a comparison (no UI import): cumulative cost per option over the horizon,
monthly cost against volume, and a plain-text drawing of either (plotext, colours off).

The series only re-read the cost model's own figures (``tools.compare.cumulative_cost`` and
``tools.compare.sweep``); the TUI draws the same series in colour."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from advisor.text.render import tokens
from advisor.tools.catalog import Catalog
from advisor.tools.compare import CompareInput, CompareResult, cumulative_cost, sweep
from advisor.tools.options import Option

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
MARKERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # one letter per line: readable with no colour
VOLUME_SCALES = (0.05, 20.0)  # the volume chart runs from 0.05× to 20× the profile's volume


class Series(BaseModel):
    label: str
    x: list[float]
    y: list[float]
    option_id: str | None = None


def _label(option: Option) -> str:
    return option.label if option.passes else f"✗ {option.label}"


def _shown(result: CompareResult, limit: int | None) -> list[Option]:
    return result.options if limit is None else result.options[:limit]


def cumulative_series(result: CompareResult, months: int | None = None, limit: int | None = 4) -> list[Series]:
    """Cumulative spend of the shown options (upfront at month 0), to ``months`` or the horizon.

    ``limit``: the best few (the default suits a small panel); None for every shown option.
    """
    horizon = math.ceil(result.horizon_months) if months is None else months
    return [
        Series(label=_label(o), x=list(range(horizon + 1)), y=cumulative_cost(o, horizon), option_id=o.id)
        for o in _shown(result, limit)
    ]


def winner(result: CompareResult) -> Option | None:
    """The recommended option as listed in the result (None if the shortlist dropped it)."""
    return next((o for o in result.options if o.id == result.recommendation.option_id), None)


def crossover(result: CompareResult) -> tuple[float, float] | None:
    """(month, cumulative $) where the recommended option's spend drops below cloud's, if it does."""
    rec = result.recommendation
    if rec.crossover_month is None or rec.crossover_usd is None:
        return None
    return rec.crossover_month, rec.crossover_usd


def breakeven(result: CompareResult) -> float | None:
    """Monthly tokens at which the best local or hybrid option costs what the cloud does."""
    return result.recommendation.breakeven_tokens_per_month


def volume_scales(points: int = 60) -> list[float]:
    """``points`` log-spaced multiples of the profile's volume, from 0.05× to 20×."""
    low, high = VOLUME_SCALES
    if points < 2:
        return [1.0]
    step = math.log(high / low) / (points - 1)
    return [low * math.exp(i * step) for i in range(points)]


def volume_series(
    inp: CompareInput,
    catalog: Catalog,
    points: int = 60,
    result: CompareResult | None = None,
    limit: int | None = 4,
) -> list[Series]:
    """Monthly cost (incl. amortisation) of the shortlisted options against monthly tokens.

    With ``result`` (the comparison of the same input) the series carry its option labels and order;
    ``limit`` as for ``cumulative_series``.
    """
    sweep_points = sweep(inp, catalog, volume_scales(points))
    if not sweep_points:
        return []
    labels = {o.id: _label(o) for o in result.options} if result is not None else {}
    ids = [o.id for o in result.options] if result is not None else list(sweep_points[0].monthly_usd)
    xs = [p.monthly_tokens for p in sweep_points]
    ids = [i for i in ids if i in sweep_points[0].monthly_usd]
    return [
        Series(label=labels.get(i, i), x=xs, y=[p.monthly_usd[i] for p in sweep_points], option_id=i)
        for i in (ids if limit is None else ids[:limit])
    ]


def _nice_step(span: float, ticks: int) -> float:
    raw = span / max(ticks, 1)
    base = 10 ** math.floor(math.log10(raw))
    return next(m * base for m in (1, 2, 2.5, 5, 10) if m * base >= raw)


def linear_ticks(top: float, ticks: int = 4) -> list[float]:
    """Round values from 0 to just above ``top``: the one axis maths for the report's text charts
    and the TUI's plots."""
    if top <= 0:
        return [0.0]
    step = _nice_step(top, ticks)
    return [i * step for i in range(math.ceil(top / step) + 1)]


def log_ticks(low: float, high: float, dense_below: float = 1.5) -> list[float]:
    """Powers of ten within [low, high], with their 3× points when the range spans fewer than
    ``dense_below`` decades (a short plot drops colliding ticks, and not always the same one)."""
    if low <= 0 or high <= low:
        return []
    multiples = (1, 3) if math.log10(high / low) < dense_below else (1,)
    lo, hi = math.floor(math.log10(low)), math.ceil(math.log10(high))
    return [m * 10.0**e for e in range(lo, hi + 1) for m in multiples if low <= m * 10.0**e <= high]


def _dollars(value: float) -> str:
    if value >= 1e6:
        return f"${value / 1e6:g}M"
    if value >= 1e4:
        return f"${value / 1e3:g}K"
    return f"${value:,.0f}" if value >= 10 or value == 0 else f"${value:g}"


def _log_ticks(low: float, high: float, fmt: Callable[[float], str]) -> tuple[list[float], list[str]]:
    """Powers of ten (and their 3× points when the range is short), at their log10 positions."""
    values = log_ticks(low, high, dense_below=3)
    return [math.log10(v) for v in values], [fmt(v) for v in values]


def key(series: list[Series]) -> str:
    """The letter each series is drawn with, and its label."""
    return "\n".join(f"  {MARKERS[i % len(MARKERS)]}  {s.label}" for i, s in enumerate(series))


def _positive(series: list[Series], log_x: bool, log_y: bool) -> list[list[tuple[float, float]]]:
    """Each series' points, without those a log axis cannot place."""
    return [
        [(x, y) for x, y in zip(s.x, s.y, strict=True) if (x > 0 or not log_x) and (y > 0 or not log_y)] for s in series
    ]


def _axis(values: list[float], log: bool) -> list[float]:
    return [math.log10(v) for v in values] if log else values


def _y_axis(plt: Any, ys: list[float], log_y: bool, money: Callable[[float], str] = _dollars) -> None:
    if log_y and ys:
        plt.yticks(*_log_ticks(min(ys), max(ys), money))
        return
    values = linear_ticks(max(ys, default=0.0))
    plt.ylim(0, values[-1] or 1)
    plt.yticks(values, [money(v) for v in values])


def text_chart(
    series: list[Series],
    title: str,
    width: int = 80,
    height: int = 20,
    marker_x: float | None = None,
    *,
    log_x: bool = False,
    log_y: bool = False,
    xlabel: str = "",
    marker_label: str | None = None,
    money: Callable[[float], str] = _dollars,
) -> str:
    """The series drawn as plain text (no colour codes), for a terminal or a Markdown code block.

    Each series is drawn with a letter (A, B, …; the first on top) and named in a key under the
    chart; ``marker_x`` draws a vertical line (the crossover month, the break-even volume) that the
    x label names. Log axes are labelled in tokens (x) and money (y: ``money`` writes a tick, dollars
    by default — a chart in another currency passes its series already converted, and its writer).
    """
    import plotext as plt

    plt.clear_figure()
    plt.theme("clear")
    plt.plotsize(width, height)
    plt.title(title)
    points = _positive(series, log_x, log_y)
    for i in reversed(range(len(series))):
        xs, ys = [x for x, _ in points[i]], [y for _, y in points[i]]
        plt.plot(_axis(xs, log_x), _axis(ys, log_y), marker=MARKERS[i % len(MARKERS)])
    xs_all = [x for p in points for x, _ in p]
    _y_axis(plt, [y for p in points for _, y in p], log_y, money)
    if log_x and xs_all:
        plt.xticks(*_log_ticks(min(xs_all), max(xs_all), tokens))
    label = xlabel
    if marker_x is not None and xs_all and min(xs_all) <= marker_x <= max(xs_all):
        plt.vertical_line(_axis([marker_x], log_x)[0])
        label = " — ".join(part for part in (xlabel, marker_label and f"│ {marker_label}") if part)
    plt.xlabel(label)
    text = _ANSI.sub("", plt.build())
    plt.clear_figure()
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(lines).strip("\n") + ("\n" + key(series) if series else "")
