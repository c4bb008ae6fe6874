"""Time per request (issue 21, cost-model.md "Time per request and fleets"): every local option
states a typical request's time to first token (queue + prefill) and to its last token at its
streams and its busy-hour load; a latency need in the profile rules options out with the numbers;
units are sized for the busy hour with headroom."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.tools.capacity import CapacityInput, capacity
from advisor.tools.compare import CompareInput, compare
from advisor.tools.quantity import duration_words, parse_seconds
from advisor.tools.queueing import erlang_c, wait_s
from advisor.tools.request_time import request_time

# The solo developer: a 64 GB M3 Max, Llama 3.3 70B, 8k tokens in and 1k out a request.
SOLO = dict(
    requests_per_day=20,
    input_tokens_per_request=8000,
    output_tokens_per_request=1000,
    hardware="macbook-pro-m3-max-64gb",
    local_model="llama-3.3-70b",
    privacy="internal",
    frontier_share=0,
)


def test_erlang_c_of_one_server_is_its_utilisation_and_the_mm1_wait():
    for rho in (0.1, 0.5, 0.9):
        assert erlang_c(1, rho) == pytest.approx(rho)
        assert wait_s(1, rho, 2.0) == pytest.approx(rho / (1 - rho) * 2.0)  # M/M/1: ρ/(1−ρ) × S


def test_erlang_c_textbook_value():
    # 10 agents, 8 erlangs: P(wait) ≈ 0.409 (the standard call-centre example)
    assert erlang_c(10, 8.0) == pytest.approx(0.4092, abs=1e-3)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 64), st.floats(0.01, 0.98), st.floats(0.01, 0.98), st.floats(0.01, 100))
def test_a_busier_unit_never_waits_less(servers, a, b, holding):
    low, high = sorted((a, b))
    assert wait_s(servers, low, holding) <= wait_s(servers, high, holding) + 1e-12
    assert wait_s(servers, 1.0, holding) == math.inf


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 0.99), st.floats(1, 20_000), st.floats(1, 4000), st.floats(10, 20_000), st.floats(1, 300))
def test_the_last_token_never_comes_before_the_first(busy, prompt, answer, prefill, alone):
    t = request_time(
        units=1, streams=4, busy=busy, box_s=prompt / prefill + answer / (4 * alone / 2),
        prompt_tokens=prompt, answer_tokens=answer, prefill_tps=prefill,
        decode_tps_alone=alone, decode_tps_busy=alone / 2,
    )  # fmt: skip
    assert t.ttft_s >= prompt / prefill - 1e-9
    assert t.request_s >= t.ttft_s + answer / alone - 1e-9


def test_the_m3_max_answer_says_how_long_one_request_takes(catalog):
    result = compare(CompareInput(**SOLO), catalog)
    local = next(o for o in result.options if o.deployment == "local")
    assert local.hardware == "macbook-pro-m3-max-64gb" and local.streams >= 1
    # 8,000 tokens at the roofline's ~50-60 tok/s prefill and 1,000 at ~6-8 tok/s: a few minutes
    assert 60 <= local.ttft_s <= 240 and 150 <= local.request_s <= 420
    assert local.queue_s < 0.1 * local.request_s  # twenty requests a day hardly queue
    cap = capacity(
        CapacityInput(
            hardware="macbook-pro-m3-max-64gb", local_model="llama-3.3-70b", input_tokens=8000, output_tokens=1000,
            context_tokens=9000, streams=1,
        ),
        catalog,
    )  # fmt: skip
    assert local.request_s - local.queue_s == pytest.approx(cap.request_s_alone, rel=0.05)  # nearly idle: as if alone


def test_the_time_is_in_every_view(catalog):
    from advisor.text.render import options_table
    from advisor.text.summary import options_markdown

    result = compare(CompareInput(**SOLO), catalog)
    local = next(o for o in result.options if o.deployment == "local")
    words = f"{duration_words(local.request_s)} (first token {duration_words(local.ttft_s)})"
    assert words in options_markdown(result) and "time per request" in options_markdown(result)
    assert words in options_table([o.model_dump() for o in result.options], result.horizon_months)
    dumped = result.model_dump(mode="json")["options"]
    assert all({"ttft_s", "request_s", "busy", "queue_s"} <= set(o) for o in dumped)


def test_a_latency_need_rules_options_out_with_the_numbers(catalog):
    result = compare(CompareInput(**SOLO, latency_seconds=30, top=50), catalog)
    local = next(o for o in result.options if o.deployment == "local")
    assert not local.passes
    says = f"a request takes about {duration_words(local.request_s)} here"
    assert any(says in f and "within 30 s" in f for f in local.failed)
    quick = compare(CompareInput(**SOLO, latency_seconds="10 min", top=50), catalog)
    assert next(o for o in quick.options if o.deployment == "local").passes


def test_a_first_token_need_rules_out_on_the_first_token(catalog):
    result = compare(CompareInput(**SOLO, first_token_seconds=5, top=50), catalog)
    local = next(o for o in result.options if o.deployment == "local")
    assert any("the first token comes after about" in f and "within 5.0 s" in f for f in local.failed)


def test_units_are_sized_for_the_busy_hour_with_headroom(catalog):
    busy = dict(requests_per_day=40_000, input_tokens_per_request=2000, output_tokens_per_request=300, top=50)
    for ceiling in (0.5, 0.8):
        result = compare(CompareInput(**busy, max_utilization=ceiling, privacy="regulated"), catalog)
        local = [o for o in result.options if o.busy is not None]
        assert local and all(o.busy <= ceiling + 1e-9 for o in local)
    assert any("at most 80% busy at the busy hour" in a for a in compare(CompareInput(**busy), catalog).assumptions)


@pytest.mark.parametrize(
    ("text", "seconds"), [("5", 5), ("5s", 5), ("2 min", 120), ("2m", 120), ("1.5h", 5400), ("90 seconds", 90)]
)
def test_durations_as_people_write_them(text, seconds):
    assert parse_seconds(text) == pytest.approx(seconds)


@pytest.mark.parametrize(("seconds", "words"), [(0.04, "40 ms"), (0.0995, "100 ms"), (0.4, "0.4 s"), (12, "12 s")])
def test_a_time_under_a_tenth_of_a_second_is_said_in_ms(seconds, words):
    """vLLM's first token after ~40 ms was shown as '0.0 s'."""
    assert duration_words(seconds) == words


def test_a_bad_latency_is_one_line_naming_the_field():
    from advisor.tools.registry import TOOLS, ToolInputError

    with pytest.raises(ToolInputError, match="latency-seconds: 'soon' not a duration"):
        TOOLS["compare"].run({**SOLO, "latency_seconds": "soon"}, None)


def test_a_quantised_kv_cache_holds_more_streams(catalog):
    base = dict(hardware="rtx-4090-24gb", local_model="qwen-3.6-27b", context_tokens=32_768, streams=1)
    f16 = capacity(CapacityInput(**base), catalog)
    q8 = capacity(CapacityInput(**base, kv_cache_type="q8_0"), catalog)
    q4 = capacity(CapacityInput(**base, kv_cache_type="q4_0"), catalog)
    assert q8.kv_cache_gb == pytest.approx(f16.kv_cache_gb * 1.0625 / 2)
    assert q4.kv_cache_gb == pytest.approx(f16.kv_cache_gb * 0.5625 / 2)
    assert f16.max_streams_fitting < q8.max_streams_fitting < q4.max_streams_fitting
    assert any("q4_0 KV cache" in a for a in q4.assumptions)


def test_a_quantised_kv_cache_says_what_it_changed_against_f16(catalog):
    """`calc capacity --kv-cache-type q8_0 --context-tokens 32768`: one assumption line gives the f16
    figures beside the q8_0 ones — the memory a stream holds, the streams that fit, one stream's
    decode — and each f16 figure is what the f16 run itself gives."""
    base = dict(hardware="rtx-4090-24gb", local_model="llama-3.1-8b", context_tokens=32_768, streams=1)
    f16 = capacity(CapacityInput(**base), catalog)
    q8 = capacity(CapacityInput(**base, kv_cache_type="q8_0"), catalog)
    (line,) = [a for a in q8.assumptions if a.startswith("q8_0 KV cache against f16")]
    numbers = re.findall(r"([\d.,]+) (?:GB a stream|stream\(s\) fit in [\d.]+ GB|tok/s) \(f16: ([\d.,]+)\)", line)
    (gb, gb_f16), (fit, fit_f16), (tps, tps_f16) = [
        (float(a.replace(",", "")), float(b.replace(",", ""))) for a, b in numbers
    ]
    assert gb == pytest.approx(q8.kv_cache_gb, abs=0.01) and gb_f16 == pytest.approx(f16.kv_cache_gb, abs=0.01)
    assert (fit, fit_f16) == (q8.max_streams_fitting, f16.max_streams_fitting) and fit > fit_f16
    assert tps == pytest.approx(q8.tokens_per_second, abs=0.5) and tps_f16 == pytest.approx(
        f16.tokens_per_second, abs=0.5
    )
    assert tps > tps_f16  # each step reads half the cache bytes
    assert "32,768 tokens of context" in line
    assert not any("against f16" in a for a in f16.assumptions)


def test_a_kv_cache_type_the_engine_lacks_is_one_line(catalog):
    from advisor.tools.registry import TOOLS, ToolInputError

    args = {"hardware": "rtx-4090-24gb", "local_model": "llama-3.1-8b", "kv_cache_type": "q5"}
    with pytest.raises(ToolInputError, match=r"q5.* is not a KV cache type of llama.cpp; try f16, q8_0, q4_0") as err:
        TOOLS["capacity"].run(args, catalog)
    assert "kv" in str(err.value).split(":")[0] and "\n" not in str(err.value)


def test_the_server_holds_its_context_while_a_step_reads_the_request(catalog):
    # a 32K context allocated a stream, a 2K-in / 300-out request: memory for 32K, reads for ~2.2K
    base = dict(hardware="rtx-4090-24gb", local_model="llama-3.1-8b", context_tokens=32_768, streams=4)
    held = capacity(CapacityInput(**base), catalog)
    used = capacity(CapacityInput(**base, input_tokens=2000, output_tokens=300), catalog)
    assert used.kv_cache_gb == pytest.approx(held.kv_cache_gb)  # the same memory held
    assert used.tokens_per_second > held.tokens_per_second  # fewer cache bytes read a step


def test_the_answer_says_how_long_a_request_takes_on_the_named_hardware(catalog):
    from advisor.state import Shown
    from advisor.text.answer import recommendation_answer
    from advisor.text.summary import recommendation_markdown

    result = compare(CompareInput(**SOLO), catalog)
    local = next(o for o in result.options if o.hardware == "macbook-pro-m3-max-64gb")
    took = duration_words(local.request_s)
    line = (
        f"time per request on the macbook-pro-m3-max-64gb: about {took},"
        f" the first token after {duration_words(local.ttft_s)}"
    )
    beside_panel, _ = recommendation_answer(result, Shown(), panel=True)
    assert line in recommendation_markdown(result) and line in beside_panel


def test_the_answer_says_how_long_a_request_takes_on_the_hardware_owned(catalog):
    """'I'm on a 64 GB M3 Max' is owned hardware: a cloud pick still says how long one request takes
    on the Mac the developer has."""
    from advisor.state import Shown
    from advisor.text.answer import recommendation_answer

    owned = {k: v for k, v in SOLO.items() if k != "hardware"} | {
        "owned_hardware": "macbook-pro-m3-max-64gb",
        "owned_units": 1,
    }
    result = compare(CompareInput(**owned), catalog)
    local = next(o for o in result.options if o.hardware == "macbook-pro-m3-max-64gb")
    line = f"time per request on the macbook-pro-m3-max-64gb: about {duration_words(local.request_s)}"
    assert line in recommendation_answer(result, Shown(), panel=True)[0]
