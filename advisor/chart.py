"""Chart series from a comparison (no UI import): cumulative cost per option over the horizon,
monthly cost against volume, and a plain-text drawing of either (plotext, colours off)."""

from __future__ import annotations

import math
import re

from pydantic import BaseModel

from tools.catalog import Catalog
from tools.compare import CompareInput, CompareResult, cumulative_cost, sweep

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Series(BaseModel):
    label: str
    x: list[float]
    y: list[float]


def cumulative_series(result: CompareResult, limit: int = 4) -> list[Series]:
    """Cumulative spend of the best few options, month 0 to the horizon."""
    horizon = int(result.horizon_months)
    return [
        Series(label=_short(o.label), x=list(range(horizon + 1)), y=cumulative_cost(o, horizon))
        for o in result.options[:limit]
    ]


def volume_series(inp: CompareInput, catalog: Catalog, points: int = 60) -> list[Series]:
    """Monthly cost of each shortlisted option from 0.05× to 20× the profile's volume (log-spaced)."""
    scales = [0.05 * (400 ** (i / (points - 1))) for i in range(points)]
    sweep_points = sweep(inp, catalog, scales)
    ids = list(sweep_points[0].monthly_usd) if sweep_points else []
    return [
        Series(
            label=_short(option_id),
            x=[p.monthly_tokens for p in sweep_points],
            y=[p.monthly_usd[option_id] for p in sweep_points],
        )
        for option_id in ids[:4]
    ]


def _short(label: str) -> str:
    return label if len(label) <= 48 else label[:47] + "…"


def text_chart(
    series: list[Series],
    title: str,
    width: int = 90,
    height: int = 22,
    marker_x: float | None = None,
    log_x: bool = False,
) -> str:
    """The series drawn as plain text (no colour codes), for a terminal or a Markdown code block."""
    import plotext as plt

    plt.clear_figure()
    plt.theme("clear")
    plt.plotsize(width, height)
    plt.title(title)
    for s in series:
        xs = [math.log10(v) for v in s.x] if log_x else s.x
        plt.plot(xs, s.y, label=s.label, marker="braille")
    if marker_x is not None:
        plt.vertical_line(math.log10(marker_x) if log_x else marker_x)
    text = _ANSI.sub("", plt.build())
    plt.clear_figure()
    return text
