"""The KV cache of every shipped local model is counted: each carries its attention shape from its
published config (cost-model.md, "Capacity of owned hardware"), including the hybrid layouts of
the newer models — Qwen 3.6's linear-attention layers hold no per-token cache, Gemma 4's sliding
layers hold at most their window and its global layers have their own KV heads and head dim, and
Gemma 4 E4B's last layers reuse earlier layers' caches. The expected figures below are worked by
hand from the config fields the catalog cites, not read back from the tool."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.tools.capacity import CapacityInput, capacity, kv_bytes_per_token
from advisor.tools.catalog import LocalModel

FP16 = 2


def test_every_shipped_local_model_has_an_attention_shape(catalog):
    missing = [m.id for m in catalog.local_models.values() if kv_bytes_per_token(m, 8192) is None]
    assert missing == []
    for model in catalog.local_models.values():
        assert model.shape_source.startswith("from the model's config.json"), model.id


def test_qwen_36_27b_counts_only_its_16_full_attention_layers(catalog):
    """64 layers, every 4th full attention (16), 4 KV heads of 256; the 48 Gated DeltaNet layers
    keep a fixed state, not a per-token cache."""
    qwen = catalog.local_models["qwen-3.6-27b"]
    per_token = 16 * 2 * 4 * 256 * FP16
    assert per_token == 65_536
    assert kv_bytes_per_token(qwen, 8192) == per_token
    assert kv_bytes_per_token(qwen, 200_000) == per_token


def test_gemma_4_31b_sliding_layers_hold_their_window_and_global_layers_their_own_heads(catalog):
    """60 layers: 10 global (4 KV heads of 512), 50 sliding over 1,024 tokens (16 KV heads of 256)."""
    gemma = catalog.local_models["gemma-4-31b"]
    full = 10 * 2 * 4 * 512 * FP16
    sliding = 50 * 2 * 16 * 256 * FP16
    assert kv_bytes_per_token(gemma, 1024) == full + sliding
    assert kv_bytes_per_token(gemma, 40_000) * 40_000 == pytest.approx(full * 40_000 + sliding * 1024)


def test_gemma_4_e4b_shared_layers_hold_no_cache(catalog):
    """42 layers, the last 18 reuse earlier caches: 24 hold one, 4 of them global (2 KV heads of
    512), 20 sliding over 512 tokens (2 KV heads of 256)."""
    e4b = catalog.local_models["gemma-4-e4b"]
    full = 4 * 2 * 2 * 512 * FP16
    sliding = 20 * 2 * 2 * 256 * FP16
    assert kv_bytes_per_token(e4b, 512) == full + sliding
    assert kv_bytes_per_token(e4b, 32_768) * 32_768 == pytest.approx(full * 32_768 + sliding * 512)


def test_four_streams_of_40k_on_a_24gb_card_do_not_fit_a_27b_model(catalog):
    """Q4_K_M weights 16.4 GB + 4 × 2.6 GB of cache + 1.5 GB overhead > 24 GB: not "fits", and the
    tool says how many streams do."""
    r = capacity(
        CapacityInput(hardware="rtx-4090-24gb", local_model="qwen-3.6-27b", context_tokens=40_000, streams=4),
        catalog,
    )
    assert r.fits is False
    assert r.kv_cache_gb == pytest.approx(4 * 65_536 * 40_000 / 1e9)
    assert r.max_streams_fitting == 2
    assert any("at most 2 stream(s) fit in 24 GB" in a for a in r.assumptions)


def test_gemma_4_31b_at_40k_does_not_fit_one_stream_on_a_24gb_card(catalog):
    r = capacity(
        CapacityInput(hardware="rtx-3090-24gb-used", local_model="gemma-4-31b", context_tokens=40_000), catalog
    )
    assert r.fits is False and r.max_streams_fitting == 0


def test_an_inconsistent_shape_is_refused():
    base = dict(id="m", name="m", params_b=7, tier="budget", tier_basis="x", source="x", as_of="2026-01-01")
    with pytest.raises(ValueError, match="full_attention_layers"):
        LocalModel(**base, layers=8, kv_heads=2, head_dim=64, linear_attention_layers=6, full_attention_layers=4)
    with pytest.raises(ValueError, match="linear_attention_layers"):
        LocalModel(**base, layers=8, kv_heads=2, head_dim=64, linear_attention_layers=6, kv_shared_layers=4)


_BOXES = ["rtx-3090-24gb-used", "rtx-4090-24gb", "mac-studio-m4-max-64gb", "framework-desktop-strix-halo-128gb"]


def _memory(catalog, model: str, box: str, context: int, streams: int) -> float:
    r = capacity(
        CapacityInput(hardware=box, local_model=model, context_tokens=context, streams=streams, quant="Q4_K_M"),
        catalog,
    )
    assert r.memory_needed_gb is not None
    return r.memory_needed_gb


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(), small=st.integers(min_value=1, max_value=32_768), more=st.integers(min_value=0, max_value=98_304)
)
def test_more_context_never_needs_less_memory(catalog, data, small, more):
    model = data.draw(st.sampled_from(sorted(catalog.local_models)))
    box = data.draw(st.sampled_from(_BOXES))
    window = catalog.local_models[model].context_tokens or 131_072
    small = min(small, window)
    large = min(small + more, window)
    assert _memory(catalog, model, box, small, 4) <= _memory(catalog, model, box, large, 4)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), streams=st.integers(min_value=1, max_value=64), extra=st.integers(min_value=0, max_value=64))
def test_more_streams_never_need_less_memory(catalog, data, streams, extra):
    model = data.draw(st.sampled_from(sorted(catalog.local_models)))
    box = data.draw(st.sampled_from(_BOXES))
    context = data.draw(st.integers(min_value=1, max_value=min(65_536, catalog.local_models[model].context_tokens)))
    assert _memory(catalog, model, box, context, streams) <= _memory(catalog, model, box, context, streams + extra)


LAW_FIRM = dict(requests_per_day=800, input_tokens_per_request=6000, output_tokens_per_request=800, privacy="regulated")


def test_the_chat_answer_says_when_the_recommended_model_has_no_shape(catalog):
    """A user's own catalog entry may lack a shape: the chat answer (and `ask`, which prints the same
    Markdown) says in one line that the recommended box's KV cache was not counted; the brief beside
    the short one beside the panel too. With the shipped shapes, no such line."""
    from advisor.state import Shown
    from advisor.text.answer import recommendation_answer
    from advisor.text.summary import recommendation_markdown
    from advisor.tools.compare import CompareInput, compare
    from tests.shapes import shapeless

    result = compare(CompareInput(**LAW_FIRM, hardware="rtx-3090-24gb-used"), shapeless(catalog, "qwen-3.6-27b"))
    assert result.recommendation.option_id == "local:rtx-3090-24gb-used:qwen-3.6-27b"
    line = (
        "- ⚠ **KV cache not counted** — qwen-3.6-27b has no attention shape in the catalog:"
        " whether 4 streams of 6,800 tokens fit on the rtx-3090-24gb-used is unknown"
    )
    answer = recommendation_markdown(result)
    assert answer.count(line) == 1
    assert recommendation_answer(result, Shown(), panel=True)[0].count(line) == 1

    shaped = compare(CompareInput(**LAW_FIRM, hardware="rtx-3090-24gb-used"), catalog)
    assert "KV cache not counted" not in recommendation_markdown(shaped)


def test_no_kv_line_when_the_recommendation_is_cloud(catalog):
    """The line is about the recommended option only: a cloud pick with a shapeless local runner-up
    carries none (the runner-up's note stays under calc's table and in the report)."""
    from advisor.text.summary import recommendation_markdown
    from advisor.tools.compare import CompareInput, compare
    from tests.shapes import shapeless

    inp = CompareInput(requests_per_day=150, input_tokens_per_request=1500, output_tokens_per_request=300)
    result = compare(inp.model_copy(update={"privacy": "internal"}), shapeless(catalog, "qwen-3.6-27b"))
    assert result.recommendation.deployment == "cloud"
    assert any(o.fits is None and o.local_model for o in result.options)
    assert "KV cache not counted" not in recommendation_markdown(result)


def test_a_named_model_that_does_not_fit_the_named_card_says_why(catalog):
    """Gemma 4 31B on a 24 GB card at 41,000 tokens: not one stream fits once its KV cache counts.
    The local option cannot be costed, and the answer says so with the numbers instead of leaving it
    out in silence."""
    from advisor.text.render import render_result
    from advisor.text.summary import recommendation_markdown
    from advisor.tools.compare import CompareInput, compare

    inp = CompareInput(
        requests_per_day=500,
        input_tokens_per_request=40_000,
        output_tokens_per_request=1_000,
        privacy="regulated",
        frontier_share=0,
        hardware="rtx-4090-24gb",
        local_model="gemma-4-31b",
    )
    result = compare(inp, catalog)
    assert not any(o.deployment == "local" for o in result.options)
    (line,) = result.recommendation.does_not_fit
    assert line.startswith("gemma-4-31b does not fit in the rtx-4090-24gb's 24 GB at 41,000 tokens of context")
    assert "18.8 GB of weights + 4.2 GB of KV cache a stream + 1.5 GB overhead" in line
    assert "⚠ Memory — " + line in render_result(result)
    assert "- ⚠ **Memory** — " + line in recommendation_markdown(result)

    fits = compare(inp.model_copy(update={"local_model": "qwen-3.6-27b"}), catalog)
    assert fits.recommendation.does_not_fit == []


def test_the_assumptions_say_when_memory_holds_fewer_streams_than_the_slots(catalog):
    """40,000-token requests: a 24 GB card holds 2 streams of Qwen 3.6 27B, not llama.cpp's 4 slots;
    the assumptions, which name the 4 slots, say so too (the capacity column shows 2)."""
    from advisor.tools.compare import CompareInput, compare

    long = dict(requests_per_day=500, input_tokens_per_request=40_000, output_tokens_per_request=1_000)
    result = compare(CompareInput(**long, privacy="regulated", frontier_share=0, hardware="rtx-4090-24gb"), catalog)
    assert result.options[0].streams == 2
    assert (
        "fewer streams where memory holds fewer at 41,000 tokens of context (the KV cache):"
        " rtx-4090-24gb 2" in result.assumptions
    )
    short = compare(CompareInput(**{**long, "input_tokens_per_request": 4000}, privacy="regulated"), catalog)
    assert not any(a.startswith("fewer streams") for a in short.assumptions)


def test_qwen_36_linear_attention_state_is_counted_once_a_stream(catalog):
    """The 48 Gated DeltaNet layers keep, per stream and whatever the context, a recurrent state of
    48 value heads × 128 × 128 and a convolution state of (4 − 1) × (2 × 16 × 128 + 48 × 128), in
    fp32 (config: mamba_ssm_dtype float32; llama.cpp keeps it in F32): worked by hand from the
    config fields, not read back from the tool."""
    qwen = catalog.local_models["qwen-3.6-27b"]
    per_layer = (48 * 128 * 128 + 3 * (2 * 16 * 128 + 48 * 128)) * 4
    assert per_layer == 3_268_608
    state = 48 * per_layer / 1e9  # 0.157 GB a stream
    weights = 27 * 4.85 / 8
    for context, streams in ((8192, 1), (40_000, 2), (131_072, 1)):
        r = capacity(
            CapacityInput(hardware="rtx-4090-24gb", local_model=qwen.id, context_tokens=context, streams=streams),
            catalog,
        )
        kv = 65_536 * context / 1e9
        assert r.linear_state_gb == pytest.approx(streams * state)
        assert r.kv_cache_gb == pytest.approx(streams * kv)
        assert r.memory_needed_gb == pytest.approx(weights + streams * (kv + state) + 1.5)


def test_the_state_can_cost_a_stream(catalog):
    """At a context where four streams' KV cache alone would just fit, their state does not: three."""
    weights, state, kv_token = 27 * 4.85 / 8, 48 * 3_268_608 / 1e9, 65_536
    room = 24 - weights - 1.5
    context = int(room / 4 / kv_token * 1e9) - 100  # 4 × KV fits, 4 × (KV + state) does not
    assert 4 * kv_token * context / 1e9 <= room < 4 * (kv_token * context / 1e9 + state)
    r = capacity(
        CapacityInput(hardware="rtx-4090-24gb", local_model="qwen-3.6-27b", context_tokens=context, streams=4), catalog
    )
    assert r.fits is False and r.max_streams_fitting == 3
    assert any("0.16 GB of state a stream" in a for a in r.assumptions)


def test_a_linear_attention_model_without_the_state_shape_says_so(catalog):
    qwen = catalog.local_models["qwen-3.6-27b"].model_copy(update={"linear_attention": None})
    edited = catalog.model_copy(update={"local_models": {**catalog.local_models, qwen.id: qwen}})
    r = capacity(CapacityInput(hardware="rtx-4090-24gb", local_model=qwen.id), edited)
    assert r.linear_state_gb is None
    assert any("state has no shape in the catalog" in a for a in r.assumptions)


def test_qwen_36_takes_its_native_262k_window_and_no_more(catalog):
    """The model card: 'Context Length: 262,144 natively' (the config's max_position_embeddings)."""
    from advisor.tools.base import ToolError

    qwen = catalog.local_models["qwen-3.6-27b"]
    assert qwen.context_tokens == 262_144
    assert "262,144 natively" in qwen.source and "2026-11-26" in qwen.note
    r = capacity(
        CapacityInput(hardware="framework-desktop-strix-halo-128gb", local_model=qwen.id, context_tokens=262_144),
        catalog,
    )
    assert r.kv_cache_gb == pytest.approx(65_536 * 262_144 / 1e9)
    with pytest.raises(ToolError, match="262,144"):
        capacity(CapacityInput(hardware="rtx-4090-24gb", local_model=qwen.id, context_tokens=262_145), catalog)


def test_gemma_4_e4b_weights_are_the_stored_8b_compute_the_effective_4_5b(catalog):
    """Google's model card: E4B is '4.5B effective (8B with embeddings)'. Memory holds all 8B (the
    per-layer embedding tables too); a token multiplies 4.5B, which sets prefill and the weights
    read each decode step."""
    from advisor.tools.capacity import weights_gb

    e4b = catalog.local_models["gemma-4-e4b"]
    assert (e4b.params_b, e4b.active_params_b) == (8, 4.5)
    assert weights_gb(e4b, "Q4_K_M") == pytest.approx(8 * 4.85 / 8)
    assert weights_gb(e4b, "Q4_K_M", active=True) == pytest.approx(4.5 * 4.85 / 8)
    box = catalog.hardware["rtx-4090-24gb"]
    r = capacity(CapacityInput(hardware=box.id, local_model=e4b.id, context_tokens=512), catalog)
    kv = (4 * 2 * 2 * 512 * 2 + 20 * 2 * 2 * 256 * 2) * 512 / 1e9
    assert r.weights_gb == pytest.approx(4.85)
    assert r.memory_needed_gb == pytest.approx(4.85 + kv + 1.5)
    assert r.bandwidth_ceiling_tokens_per_second == pytest.approx(box.bandwidth_gb_s / (4.5 * 4.85 / 8))
    assert r.compute_ceiling_tokens_per_second == pytest.approx(box.compute.fp16_tflops * 1e12 / (2 * 4.5e9))


def test_more_active_than_stored_parameters_and_a_stray_state_are_refused():
    base = dict(id="m", name="m", tier="budget", tier_basis="x", source="x", as_of="2026-01-01")
    with pytest.raises(ValueError, match="active_params_b"):
        LocalModel(**base, params_b=4, active_params_b=8)
    state = dict(key_heads=2, value_heads=4, key_head_dim=8, value_head_dim=8)
    with pytest.raises(ValueError, match="linear_attention needs linear_attention_layers"):
        LocalModel(**base, params_b=1, layers=4, kv_heads=1, head_dim=8, linear_attention=state)
