"""`advisor bench` reads a hybrid model's real attention shape from its GGUF metadata, not a flat one.

The files are built here with the `gguf` package (llama.cpp's reference writer), holding only the
header keys llama.cpp's converters write for each architecture, with each model's published
config figures (Qwen/Qwen3.6-27B, google/gemma-4-31B-it, google/gemma-4-E4B-it,
google/gemma-3-27b-it, meta-llama/Llama-3.1-8B-Instruct config.json); no tensors, no download.
They are read back by advisor's own header reader. The expected KV cache is the shipped catalog's
(each entry worked by hand in test_kv_shape.py) — a flat shape would give 4× for Qwen 3.6."""

from __future__ import annotations

import contextlib
from pathlib import Path

import gguf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.tools import clock
from advisor.tools.capacity import CapacityInput, capacity, kv_bytes_per_token, linear_state_gb
from advisor.tools.catalog import LocalModel, load_catalog
from advisor.upkeep.bench import BenchResult, ModelFacts, Phase
from advisor.upkeep.bench_store import save
from advisor.upkeep.gguf_meta import GGUFError, parse_metadata, read_metadata
from advisor.upkeep.model_shape import shape_from_metadata


def write_gguf(path: Path, arch: str, **keys) -> Path:
    """A header-only GGUF: general.architecture and the given keys (writer method → value)."""
    w = gguf.GGUFWriter(str(path), arch)
    for method, value in keys.items():
        if method.startswith("array_"):
            w.add_array(f"{arch}.{method[6:].replace('__', '.')}", value)
        else:
            getattr(w, f"add_{method}")(value)
    w.add_token_list([f"t{i}" for i in range(5000)])  # a vocabulary longer than the reader keeps
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def qwen36(path: Path) -> Path:
    """llama.cpp's qwen35 converter: full_attention_interval and the ssm.* widths of Gated DeltaNet."""
    return write_gguf(
        path, "qwen35", block_count=64, context_length=262_144, embedding_length=5120, head_count=24,
        head_count_kv=4, key_length=256, value_length=256, full_attention_interval=4, ssm_conv_kernel=4,
        ssm_state_size=128, ssm_group_count=16, ssm_time_step_rank=48, ssm_inner_size=48 * 128,
    )  # fmt: skip


def gemma4_31b(path: Path) -> Path:
    swa = ([True] * 5 + [False]) * 10
    return write_gguf(
        path, "gemma4", block_count=60, context_length=262_144, embedding_length=5376, head_count=32,
        head_count_kv=[16 if s else 4 for s in swa], key_length=512, value_length=512, key_length_swa=256,
        value_length_swa=256, sliding_window=1024, sliding_window_pattern=swa, shared_kv_layers=0,
    )  # fmt: skip


def gemma4_e4b(path: Path) -> Path:
    swa = ([True] * 5 + [False]) * 7
    return write_gguf(
        path, "gemma4", block_count=42, context_length=131_072, embedding_length=2560, head_count=8,
        head_count_kv=2, key_length=512, value_length=512, key_length_swa=256, value_length_swa=256,
        sliding_window=512, sliding_window_pattern=swa, shared_kv_layers=18,
    )  # fmt: skip


def test_qwen_36_reads_as_16_full_and_48_linear_attention_layers(tmp_path, catalog):
    shape = shape_from_metadata(read_metadata(qwen36(tmp_path / "q.gguf")))
    assert shape["layers"] == 64 and shape["linear_attention_layers"] == 48 and shape["full_attention_layers"] == 16
    assert shape["linear_attention"] == {
        "key_heads": 16, "value_heads": 48, "key_head_dim": 128, "value_head_dim": 128, "conv_kernel": 4,
        "state_bytes": 4,
    }  # fmt: skip
    model = LocalModel(id="q", name="q", params_b=27, tier="strong", tier_basis="x", source="x", as_of=clock.today(),
                       **shape)  # fmt: skip
    shipped = catalog.local_models["qwen-3.6-27b"]
    assert kv_bytes_per_token(model, 40_000) == kv_bytes_per_token(shipped, 40_000) == 65_536
    assert linear_state_gb(model) == linear_state_gb(shipped) == pytest.approx(0.157, abs=0.001)
    flat = 2 * 64 * 4 * 256 * 2  # what the bench wrote before: every layer a full-attention cache
    assert flat == 4 * kv_bytes_per_token(model, 40_000)


@pytest.mark.parametrize(("build", "shipped"), [(gemma4_31b, "gemma-4-31b"), (gemma4_e4b, "gemma-4-e4b")])
def test_gemma_4_reads_its_sliding_global_and_shared_layers(tmp_path, catalog, build, shipped):
    shape = shape_from_metadata(read_metadata(build(tmp_path / "g.gguf")))
    model = LocalModel(id="g", name="g", params_b=8, tier="budget", tier_basis="x", source="x", as_of=clock.today(),
                       **shape)  # fmt: skip
    entry = catalog.local_models[shipped]
    for context in (512, 8192, 131_072):
        assert kv_bytes_per_token(model, context) == kv_bytes_per_token(entry, context), context
    for field in ("layers", "kv_heads", "head_dim", "full_attention_layers", "sliding_window",
                  "full_attention_kv_heads", "full_attention_head_dim", "kv_shared_layers"):  # fmt: skip
        assert shape.get(field) == getattr(entry, field) or (field == "kv_shared_layers" and not entry.kv_shared_layers)


def test_gemma_3_takes_the_pattern_llama_cpp_builds_in(tmp_path):
    """Gemma 3's converter writes the window but no pattern; llama.cpp builds in 5 sliding : 1 global.
    google/gemma-3-27b-it: 62 layers, 16 KV heads of 128, sliding_window 1024 — 10 global layers."""
    path = write_gguf(
        tmp_path / "g3.gguf", "gemma3", block_count=62, context_length=131_072, embedding_length=5376,
        head_count=32, head_count_kv=16, key_length=128, value_length=128, sliding_window=1024,
    )  # fmt: skip
    shape = shape_from_metadata(read_metadata(path))
    assert (shape["full_attention_layers"], shape["sliding_window"], shape["kv_heads"]) == (10, 1024, 16)


def test_llama_4_attends_in_chunks_on_three_layers_of_four(tmp_path, catalog):
    """meta-llama/Llama-4-Scout-17B-16E-Instruct: 48 layers, 8 KV heads of 128, 8,192-token chunks on 3
    of every 4 layers; the GGUF has no key for the chunks: the same cache as the catalog's entry."""
    path = write_gguf(
        tmp_path / "l4.gguf", "llama4", block_count=48, context_length=10_485_760, embedding_length=5120,
        head_count=40, head_count_kv=8, key_length=128, value_length=128,
    )  # fmt: skip
    shape = shape_from_metadata(read_metadata(path))
    model = LocalModel(id="s", name="s", params_b=109, tier="budget", tier_basis="x", source="x", as_of=clock.today(),
                       **shape)  # fmt: skip
    scout = catalog.local_models["llama-4-scout"]
    for context in (4096, 8192, 100_000):
        assert kv_bytes_per_token(model, context) == kv_bytes_per_token(scout, context), context


def test_a_plain_model_stays_flat(tmp_path):
    """Llama 3.1 8B: 32 layers, 8 KV heads, head dim from 4096 / 32 heads — every layer full attention."""
    path = write_gguf(
        tmp_path / "l.gguf", "llama", block_count=32, context_length=131_072, embedding_length=4096,
        head_count=32, head_count_kv=8,
    )  # fmt: skip
    shape = shape_from_metadata(read_metadata(path))
    assert shape == {"context_tokens": 131_072, "layers": 32, "kv_heads": 8, "head_dim": 128}


def test_a_window_without_its_layer_pattern_leaves_the_shape_unknown(tmp_path):
    """As Ollama's /api/show gives Gemma 4 (lists longer than a few items left out): no flat guess."""
    meta = read_metadata(gemma4_31b(tmp_path / "g.gguf"))
    meta["gemma4.attention.sliding_window_pattern"] = []
    meta["gemma4.attention.head_count_kv"] = []
    shape = shape_from_metadata(meta)
    assert "layers" not in shape and "not which layers use it" in shape["shape_note"]


def test_bench_saves_the_hybrid_shape_and_capacity_counts_it(tmp_path):
    """A bench of a Qwen 3.6-style file on this machine: the saved catalog entry gives capacity the
    real cache (16 layers' worth) and the linear layers' state, not 64 layers' worth."""
    shape = shape_from_metadata(read_metadata(qwen36(tmp_path / "q.gguf")))
    facts = ModelFacts(name="hybrid-test 27B", slug="hybrid-test-27b", quant="Q4_K_M", params_b=27,
                       bits_per_weight=4.85, **shape)  # fmt: skip
    phase = Phase(streams=1, prefill_tokens_per_second=100, decode_tokens_per_second=10,
                  decode_tokens_per_second_per_stream=10, timings=[])  # fmt: skip
    result = BenchResult(backend="embedded:test", machine="test", measured_on=clock.today(), input_tokens=512,
                         output_tokens=128, model=facts, phases=[phase])  # fmt: skip
    path = tmp_path / "catalog.toml"
    model_id = save(result, path, load_catalog(), memory_gb=64)
    assert "16 full attention, 48 linear attention" in path.read_text()
    cat = load_catalog((path,))
    r = capacity(CapacityInput(hardware="this-machine", local_model=model_id, context_tokens=40_000), cat)
    assert r.kv_cache_gb == pytest.approx(65_536 * 40_000 / 1e9)
    assert r.linear_state_gb == pytest.approx(48 * (48 * 128 * 128 + 3 * 10_240) * 4 / 1e9)


def test_the_reader_refuses_what_is_not_a_gguf_header(tmp_path):
    bad = tmp_path / "x.gguf"
    bad.write_bytes(b"PK\x03\x04 not a model")
    with pytest.raises(GGUFError, match="not a GGUF file"):
        read_metadata(bad)
    with pytest.raises(GGUFError, match="cannot read"):
        read_metadata(tmp_path / "missing.gguf")
    huge = b"GGUF" + (3).to_bytes(4, "little") + (0).to_bytes(8, "little") + (10**12).to_bytes(8, "little")
    with pytest.raises(GGUFError, match="damaged header"):
        parse_metadata(huge)


@settings(max_examples=80, deadline=None)
@given(cut=st.integers(min_value=0, max_value=4000))
def test_a_cut_header_is_a_clear_error(tmp_path_factory, cut):
    """Any truncation of a real header is a GGUFError (or, past the header, the same metadata)."""
    whole = qwen36(tmp_path_factory.mktemp("h") / "q.gguf").read_bytes()
    full = parse_metadata(whole)
    with contextlib.suppress(GGUFError):
        assert parse_metadata(whole[:cut]) == full


def test_the_reader_agrees_with_llama_cpp_on_the_shipped_smollm2():
    """The real embedded model: the header reader and llama.cpp's own loader give the same shape keys."""
    from advisor.models.embedded_model import is_available, shipped_gguf

    if not is_available():
        pytest.skip("the embedded extra is not installed")
    from llama_cpp import Llama

    path = shipped_gguf()
    ours = read_metadata(path)
    theirs = Llama(model_path=str(path), n_ctx=64, verbose=False).metadata
    arch = ours["general.architecture"]
    for key in ("block_count", "attention.head_count", "attention.head_count_kv", "embedding_length", "context_length"):
        assert str(ours[f"{arch}.{key}"]) == theirs[f"{arch}.{key}"], key
    shape = shape_from_metadata(ours)
    assert (shape["layers"], shape["kv_heads"], shape["head_dim"]) == (30, 3, 64)  # SmolLM2-135M's config


def test_ollama_show_of_a_hybrid_model_gives_its_shape():
    """Through the real `ollama` client against a loopback server speaking Ollama's documented
    /api/show: model_info holds the GGUF keys; the scalars a Qwen 3.6 model needs are all there."""
    import ollama

    from advisor.upkeep.bench import OllamaBackend
    from tests.loopback import Reply, loopback

    info = {
        "general.architecture": "qwen35", "general.parameter_count": 27_000_000_000, "qwen35.block_count": 64,
        "qwen35.context_length": 262_144, "qwen35.embedding_length": 5120, "qwen35.attention.head_count": 24,
        "qwen35.attention.head_count_kv": 4, "qwen35.attention.key_length": 256,
        "qwen35.full_attention_interval": 4, "qwen35.ssm.conv_kernel": 4, "qwen35.ssm.state_size": 128,
        "qwen35.ssm.group_count": 16, "qwen35.ssm.time_step_rank": 48, "qwen35.ssm.inner_size": 6144,
        "tokenizer.ggml.tokens": [],  # Ollama leaves long lists out unless asked for them
    }  # fmt: skip
    show = Reply(body={"details": {"format": "gguf", "quantization_level": "Q4_K_M"}, "model_info": info})
    with loopback({"/api/show": [show]}) as (url, _):
        facts = OllamaBackend("qwen3.6:27b", ollama.Client(host=url)).facts()
    assert (facts.layers, facts.full_attention_layers, facts.linear_attention_layers) == (64, 16, 48)
    assert facts.linear_attention == {
        "key_heads": 16, "value_heads": 48, "key_head_dim": 128, "value_head_dim": 128, "conv_kernel": 4,
        "state_bytes": 4,
    }  # fmt: skip
