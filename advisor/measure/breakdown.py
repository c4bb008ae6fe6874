"""The breakdown people read first: the measured requests by day, week, month, session, project or
model, each row with its tokens and its cost by model at the catalog's prices. Days, weeks and
months are the import's time zone's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from pydantic import BaseModel

from advisor.measure.aggregate import Cell, ModelTally, Tally
from advisor.measure.pricing import Pricer
from advisor.measure.zone import day_date

BY = ("day", "week", "month", "session", "project", "model")
_TIME_ORDER = ("day", "week", "month")


class ModelRow(BaseModel):
    model: str  # as the records name it
    catalog_id: str | None
    requests: int
    input_tokens: int  # all input: uncached, cache writes and cache reads
    output_tokens: int
    cache_read_tokens: int
    cache_write_tokens: int
    usd: float | None  # None: the catalog has no price for it


class UsageRow(BaseModel):
    key: str  # the day (2025-10-01), the week's Monday (2025-09-29), the month (2025-10), the session, …
    requests: int
    input_tokens: int
    output_tokens: int
    cache_read_tokens: int
    cache_write_tokens: int
    usd: float | None  # the priced models' cost; None when none of them is priced
    unpriced_models: list[str] = []
    models: list[ModelRow]


def _key(by: str) -> Callable[[Cell], str]:
    if by == "day":
        return lambda cell: f"{day_date(cell[0]):%Y-%m-%d}"
    if by == "week":
        return lambda cell: f"{day_date(cell[0]) - timedelta(days=day_date(cell[0]).weekday()):%Y-%m-%d}"
    if by == "month":
        return lambda cell: f"{day_date(cell[0]):%Y-%m}"
    if by == "session":
        return lambda cell: cell[1] or "(none)"
    if by == "project":
        return lambda cell: cell[2] or "(none)"
    if by == "model":
        return lambda cell: cell[3]
    raise ValueError(f"by: {by!r} is not one of {', '.join(BY)}")


def row(key: str, models: dict[str, ModelTally], pricer: Pricer) -> UsageRow:
    model_rows = [
        ModelRow(
            model=name,
            catalog_id=pricer.catalog_id(name),
            requests=m.all.requests,
            input_tokens=m.all.input_tokens,
            output_tokens=m.all.output_tokens,
            cache_read_tokens=m.all.cache_read_tokens,
            cache_write_tokens=m.all.cache_write_5m_tokens + m.all.cache_write_1h_tokens,
            usd=pricer.usd(name, m),
        )
        for name, m in models.items()
    ]
    model_rows.sort(key=lambda r: (-(r.usd or 0.0), -(r.input_tokens + r.output_tokens), r.model))
    priced = [r.usd for r in model_rows if r.usd is not None]
    return UsageRow(
        key=key,
        requests=sum(r.requests for r in model_rows),
        input_tokens=sum(r.input_tokens for r in model_rows),
        output_tokens=sum(r.output_tokens for r in model_rows),
        cache_read_tokens=sum(r.cache_read_tokens for r in model_rows),
        cache_write_tokens=sum(r.cache_write_tokens for r in model_rows),
        usd=sum(priced) if priced else None,
        unpriced_models=[r.model for r in model_rows if r.usd is None],
        models=model_rows,
    )


def breakdown(tally: Tally, by: str, pricer: Pricer) -> list[UsageRow]:
    """The rows by ``by``: in time order for days, weeks and months; by cost (then tokens) otherwise."""
    rows = [row(str(key), models, pricer) for key, models in tally.grouped(_key(by)).items()]
    if by in _TIME_ORDER:
        return sorted(rows, key=lambda r: r.key)
    return sorted(rows, key=lambda r: (-(r.usd or 0.0), -(r.input_tokens + r.output_tokens), r.key))
