"""From genai-prices' data to catalog entries: each mapped model's current price, its dated prices
(a price with a start date is a dated price, as in the model history), tiers, cache and batch
prices — and what that changes against the catalog in use. Pure: no I/O."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel

from advisor.tools.catalog import Catalog, CloudModel, PricePoint
from advisor.tools.price_feed import (
    Conditional,
    FeedConfig,
    FeedModel,
    FeedProvider,
    Prices,
    StartDate,
    Tiered,
    TimeOfDay,
)

PRICE_FIELDS = (
    "input",
    "output",
    "cache_read",
    "cache_write_5m",
    "cache_write_1h",
    "long_context_threshold",
    "long_context_input",
    "long_context_output",
    "peak_hours_per_day",
    "peak_input",
    "peak_output",
    "peak_cache_read",
)


class Change(BaseModel):
    field: str
    before: float | str | None
    after: float | str | None

    @property
    def percent(self) -> float | None:
        if isinstance(self.before, (int, float)) and isinstance(self.after, (int, float)) and self.before:
            return (self.after - self.before) / self.before
        return None


class EntryUpdate(BaseModel):
    kind: Literal["new", "changed", "confirmed"]
    feed_ref: str
    entry: CloudModel
    changes: list[Change] = []


class UpdatePlan(BaseModel):
    source: str
    checked: date
    checked_basis: str
    updates: list[EntryUpdate]
    skipped: list[str] = []

    def of_kind(self, kind: str) -> list[EntryUpdate]:
        return [u for u in self.updates if u.kind == kind]


def _base(price: float | Tiered | None) -> float | None:
    return price.base if isinstance(price, Tiered) else price


def to_point(prices: Prices, source: str, as_of: date, note: str = "") -> PricePoint | None:
    """A catalog price from the data's token prices; None when it has no input or output price."""
    if prices.input_mtok is None or prices.output_mtok is None:
        return None
    long_context: dict[str, float | int] = {}
    if isinstance(prices.input_mtok, Tiered) and prices.input_mtok.tiers:
        first = prices.input_mtok.tiers[0]
        out = prices.output_mtok
        out_tier = (
            next((t.price for t in out.tiers if t.start == first.start), out.base) if isinstance(out, Tiered) else out
        )
        long_context = {
            "long_context_threshold": first.start,
            "long_context_input": first.price,
            "long_context_output": out_tier,
        }
    return PricePoint(
        input=_base(prices.input_mtok),
        output=_base(prices.output_mtok),
        cache_read=_base(prices.cache_read_mtok),
        cache_write_5m=_base(prices.cache_write_5m_mtok) or _base(prices.cache_write_mtok),
        cache_write_1h=_base(prices.cache_write_1h_mtok),
        source=source,
        as_of=as_of,
        note=note,
        **long_context,
    )


def timeline(model: FeedModel) -> tuple[list[tuple[date | None, Prices]], list[Conditional]]:
    """The model's prices by start date (None: the price with no start date), and its daily peak
    windows (a time-of-day price)."""
    if isinstance(model.prices, Prices):
        return [(None, model.prices)], []
    dated: list[tuple[date | None, Prices]] = []
    windows: list[Conditional] = []
    for cond in model.prices:
        if cond.constraint is None:
            dated.append((None, cond.prices))
        elif isinstance(cond.constraint, StartDate):
            dated.append((cond.constraint.start_date, cond.prices))
        elif isinstance(cond.constraint, TimeOfDay):
            windows.append(cond)
    dated.sort(key=lambda d: d[0] or date.min)
    return dated, windows


def _hours(c: TimeOfDay) -> float:
    start = c.start_time.hour + c.start_time.minute / 60
    end = c.end_time.hour + c.end_time.minute / 60
    return (end - start) % 24


def peak(windows: list[Conditional]) -> tuple[dict[str, float], str]:
    """The catalog's peak fields for the daily windows (hours a day and their prices), or a note
    when the windows' prices differ (then they are not modelled)."""
    if not windows:
        return {}, ""
    prices = {
        (_base(w.prices.input_mtok), _base(w.prices.output_mtok), _base(w.prices.cache_read_mtok)) for w in windows
    }
    spans = ", ".join(f"{w.constraint.start_time:%H:%M}-{w.constraint.end_time:%H:%M}" for w in windows)  # type: ignore[union-attr]
    if len(prices) != 1 or None in next(iter(prices))[:2]:
        return {}, f"daily peak windows ({spans} UTC) at differing prices are not modelled"
    ((p_in, p_out, p_cache),) = prices
    fields = {
        "peak_hours_per_day": sum(_hours(w.constraint) for w in windows),  # type: ignore[arg-type]
        "peak_input": p_in,
        "peak_output": p_out,
    }
    if p_cache is not None:
        fields["peak_cache_read"] = p_cache
    return fields, f"peak hours {spans} UTC"


def current_point(model: FeedModel, ref: str, source: str, checked: date, today: date) -> PricePoint | None:
    """The price in force today, dated ``checked``, with its peak hours where the data has them."""
    dated, windows = timeline(model)
    start, prices = current(dated, today)
    since = f": in force since {start}" if start else ""
    fields, note = peak(windows)
    point = to_point(prices, f"{source} ({ref}){since}", checked, note)
    return point.model_copy(update=fields) if point is not None and fields else point


def current(dated: list[tuple[date | None, Prices]], today: date) -> tuple[date | None, Prices]:
    in_force = [d for d in dated if d[0] is None or d[0] <= today]
    return in_force[-1] if in_force else dated[0]


def batch_discount(model: FeedModel, today: date) -> float | None:
    """1 − batch/list input price, from the data's batch variant in force today."""
    dated, _ = timeline(model)
    _, prices = current(dated, today)
    listed = _base(prices.input_mtok)
    for variant in model.price_variants or ():
        if variant.when.get("processing") != "batch":
            continue
        if isinstance(variant.constraint, StartDate) and variant.constraint.start_date > today:
            continue
        batch = _base(variant.prices.input_mtok)
        if listed and batch is not None and 0 <= batch < listed:
            return round(1 - batch / listed, 4)
    return None


def _same_price(a: PricePoint, b: PricePoint) -> bool:
    return all(getattr(a, f) == getattr(b, f) for f in PRICE_FIELDS)


def dated_history(model: FeedModel, ref: str, today: date) -> list[PricePoint]:
    """Each dated price as a history point on its start date; the undated one on the day before
    the first start date (the last day it is known to have been in force)."""
    dated, _ = timeline(model)
    starts = [d for d, _ in dated if d is not None]
    points: list[PricePoint] = []
    for start, prices in dated:
        if start is None:
            if not starts:
                continue
            as_of = starts[0] - timedelta(days=1)
            source = f"genai-prices ({ref}): in force until {as_of}"
        else:
            as_of = start
            source = f"genai-prices ({ref}): from {start}" + (" (scheduled)" if start > today else "")
        point = to_point(prices, source, as_of)
        if point is not None:
            points.append(point)
    return points


def _merge_history(old: list[PricePoint], new: list[PricePoint]) -> list[PricePoint]:
    out = list(old)
    for point in new:
        if not any(p.as_of == point.as_of and _same_price(p, point) for p in out):
            out.append(point)
    return sorted(out, key=lambda p: p.as_of)


def _changes(old: CloudModel, new: CloudModel) -> list[Change]:
    changes = [
        Change(field=f, before=getattr(old.price, f), after=getattr(new.price, f))
        for f in PRICE_FIELDS
        if getattr(old.price, f) != getattr(new.price, f)
    ]
    if old.batch_discount != new.batch_discount:
        changes.append(Change(field="batch_discount", before=old.batch_discount, after=new.batch_discount))
    if old.retires != new.retires:
        changes.append(Change(field="retires", before=str(old.retires or ""), after=str(new.retires or "")))
    return changes


def _updated(old: CloudModel, model: FeedModel, ref: str, source: str, checked: date, today: date) -> CloudModel | None:
    point = current_point(model, ref, source, checked, today)
    if point is None:
        return None
    history = list(old.history)
    if not _same_price(old.price, point):
        history.append(old.price)
    retires, note = old.retires, old.note
    if model.deprecated and retires is None:
        retires = checked
        note = (note + " " if note else "") + f"Deprecated by the provider (genai-prices, {checked})."
    return old.model_copy(
        update={
            "price": point,
            "history": _merge_history(history, dated_history(model, ref, today)),
            "context_tokens": model.context_window or old.context_tokens,
            "batch_discount": batch_discount(model, today) or old.batch_discount,
            "retires": retires,
            "note": note,
        }
    )


def _new(
    model: FeedModel,
    provider: str,
    config: FeedConfig,
    feed_provider: str,
    ref: str,
    source: str,
    checked: date,
    today: date,
) -> CloudModel | None:
    rule = config.tier_for(feed_provider, model.id)
    point = current_point(model, ref, source, checked, today)
    if rule is None or point is None or model.deprecated:
        return None
    return CloudModel(
        id=model.id,
        name=model.name or model.id,
        provider=provider,
        tier=rule.tier,  # type: ignore[arg-type]
        tier_basis=f"{rule.basis} (tier rule {rule.pattern!r} in catalog/price_feed.toml, not a benchmark)",
        context_tokens=model.context_window,
        batch_discount=batch_discount(model, today),
        open_weights=rule.open_weights,
        price=point,
        history=dated_history(model, ref, today),
        note=f"Added by `advisor catalog update` from genai-prices data checked {checked}.",
    )


def plan_update(
    providers: list[FeedProvider],
    catalog: Catalog,
    config: FeedConfig,
    source: str,
    checked: date,
    checked_basis: str,
    today: date,
) -> UpdatePlan:
    """Every catalog model found in the data, updated; every new model a tier rule places, added."""
    by_ref = {(p.id, m.id): m for p in providers for m in p.models}
    updates: list[EntryUpdate] = []
    skipped: list[str] = []
    seen: set[tuple[str, str]] = set()
    for old in catalog.cloud.values():
        ref = config.ref(old.id, old.provider)
        if ref is None:
            continue
        model = by_ref.get(ref)
        if model is None:
            skipped.append(f"{old.id}: not in the data as {ref[0]}/{ref[1]}")
            continue
        if config.catalog_provider(ref[0]) == old.provider:  # the provider's own entry, not a platform's copy
            seen.add(ref)
        label = f"{ref[0]}/{ref[1]}"
        new = _updated(old, model, label, source, model.prices_checked or checked, today)
        if new is None:
            skipped.append(f"{old.id}: {label} has no token prices")
            continue
        changes = _changes(old, new)
        updates.append(
            EntryUpdate(kind="changed" if changes else "confirmed", feed_ref=label, entry=new, changes=changes)
        )
    for provider in providers:
        ours = config.catalog_provider(provider.id)
        if ours is None or provider.id not in config.add_new_from:
            continue
        for model in provider.models:
            if (provider.id, model.id) in seen or model.id in catalog.cloud:
                continue
            label = f"{provider.id}/{model.id}"
            new = _new(model, ours, config, provider.id, label, source, model.prices_checked or checked, today)
            if new is not None:
                updates.append(EntryUpdate(kind="new", feed_ref=label, entry=new))
    return UpdatePlan(source=source, checked=checked, checked_basis=checked_basis, updates=updates, skipped=skipped)
