"""The genai-prices v2 → catalog mapping, on small hand-written records of the published shape:
dated prices become history (a future one marked scheduled), daily peak windows become peak
prices, tiers become the long-context price, the batch variant becomes the batch discount, and
the schema is checked."""

from __future__ import annotations

import json
from datetime import date

import pytest

from advisor.tools.price_feed import FeedError, feed_config, parse
from advisor.tools.price_update import (
    batch_discount,
    current,
    current_point,
    dated_history,
    plan_update,
    timeline,
)

TODAY = date(2026, 11, 25)


def feed(*models: dict, provider: str = "google") -> bytes:
    return json.dumps([{"id": provider, "name": provider, "models": list(models)}]).encode()


def model(model_id: str, prices, **extra) -> dict:
    return {"id": model_id, "match": {"equals": model_id}, "prices": prices, **extra}


def test_dated_prices_become_history_and_a_future_one_is_scheduled():
    (provider,) = parse(
        feed(
            model(
                "gemini-3.8-flash",
                [
                    {"prices": {"input_mtok": 0.75, "output_mtok": 3.75}},
                    {"constraint": {"start_date": "2027-01-01"}, "prices": {"input_mtok": 1.5, "output_mtok": 7.5}},
                ],
            )
        )
    )
    m = provider.models[0]
    start, prices = current(timeline(m)[0], TODAY)
    assert (start, prices.input_mtok) == (None, 0.75)  # the 2027 price is not in force yet
    history = dated_history(m, "google/gemini-3.8-flash", TODAY)
    assert [(h.as_of, h.input) for h in history] == [(date(2026, 12, 31), 0.75), (date(2027, 1, 1), 1.5)]
    assert "scheduled" in history[-1].source and "in force until 2026-12-31" in history[0].source


def test_a_daily_peak_window_becomes_the_peak_price():
    (provider,) = parse(
        feed(
            model(
                "deepseek-v4-pro",
                [
                    {"prices": {"input_mtok": 0.435, "cache_read_mtok": 0.003625, "output_mtok": 0.87}},
                    {"constraint": {"start_date": "2026-08-17"}, "prices": {"input_mtok": 0.66, "output_mtok": 1.98}},
                    {
                        "constraint": {"start_time": "01:00:00Z", "end_time": "04:00:00Z"},
                        "prices": {"input_mtok": 1.32, "output_mtok": 3.96},
                    },
                ],
            ),
            provider="deepseek",
        )
    )
    m = provider.models[0]
    dated, _ = timeline(m)
    assert current(dated, TODAY)[1].input_mtok == 0.66
    point = current_point(m, "deepseek/deepseek-v4-pro", "d", TODAY, TODAY)
    assert (point.input, point.peak_input, point.peak_output, point.peak_hours_per_day) == (0.66, 1.32, 3.96, 3.0)
    assert "peak hours 01:00-04:00 UTC" in point.note


def test_tiers_and_batch_map_to_long_context_and_discount(catalog):
    gpt = model(
        "gpt-5.4",
        {
            "input_mtok": {"base": 2.5, "tiers": [{"start": 272000, "price": 5}]},
            "cache_read_mtok": {"base": 0.25, "tiers": [{"start": 272000, "price": 0.5}]},
            "output_mtok": {"base": 15, "tiers": [{"start": 272000, "price": 22.5}]},
        },
        price_variants=[
            {"when": {"service_tier": "flex"}, "prices": {"input_mtok": 1.25}},
            {
                "when": {"processing": "batch"},
                "prices": {"input_mtok": 1.25, "output_mtok": 7.5},
                "constraint": {"start_date": "2026-10-14"},
            },
        ],
        context_window=1050000,
    )
    providers = parse(feed(gpt, provider="openai"))
    assert batch_discount(providers[0].models[0], TODAY) == 0.5
    assert batch_discount(providers[0].models[0], date(2026, 10, 1)) is None  # not yet listed then
    others = catalog.model_copy(update={"cloud": {k: v for k, v in catalog.cloud.items() if k != "gpt-5.4"}})
    plan = plan_update(providers, others, feed_config(), "genai-prices v2 data", TODAY, "fetched", TODAY)
    (added,) = plan.of_kind("new")
    p = added.entry.price
    assert (p.long_context_threshold, p.long_context_input, p.long_context_output) == (272000, 5, 22.5)
    assert (added.entry.tier, added.entry.batch_discount, added.entry.context_tokens) == ("frontier", 0.5, 1050000)


def test_a_model_no_tier_rule_places_is_not_added(catalog):
    image = model("gemini-3.1-flash-image-preview", {"input_mtok": 0.5, "output_mtok": 3})
    plan = plan_update(parse(feed(image)), catalog, feed_config(), "d", TODAY, "fetched", TODAY)
    assert plan.of_kind("new") == []


def test_a_deprecated_model_in_the_catalog_is_marked_retired(catalog):
    old = model("gemini-2.5-flash", {"input_mtok": 0.3, "cache_read_mtok": 0.03, "output_mtok": 2.5}, deprecated=True)
    plan = plan_update(parse(feed(old)), catalog, feed_config(), "d", TODAY, "fetched", TODAY)
    (update,) = [u for u in plan.updates if u.entry.id == "gemini-2.5-flash"]
    assert update.entry.retires == TODAY and "Deprecated by the provider" in update.entry.note
    assert [c.field for c in update.changes] == ["retires"]


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b'{"units": {}, "providers": []}', "schema: this is genai-prices data version 'v3'"),
        (b'{"version": 1, "providers": []}', "version 1"),
        (b'[{"id": "x", "models": [{"id": "m", "match": {}, "prices": {"input_mtok": -1}}]}]', "models[m]"),
        (b'[{"id": "x", "models": [{"id": "m", "match": {}, "prices": {"input_mtok": 1', "truncated?"),
        (b'["\x80"]', "not text"),
    ],
)
def test_what_is_not_v2_data_is_refused_in_one_line(raw, says):
    with pytest.raises(FeedError) as err:
        parse(raw)
    assert says in str(err.value) and "\n" not in str(err.value)


def test_a_models_prices_checked_date_is_its_as_of(catalog):
    """The maintainers' per-model check date, where the data carries it, dates the price."""
    checked = model("gemini-2.5-flash", {"input_mtok": 0.3, "output_mtok": 2.5}, prices_checked="2026-10-02")
    plan = plan_update(parse(feed(checked)), catalog, feed_config(), "d", TODAY, "fetched", TODAY)
    (update,) = [u for u in plan.updates if u.entry.id == "gemini-2.5-flash"]
    assert update.entry.price.as_of == date(2026, 10, 2)
