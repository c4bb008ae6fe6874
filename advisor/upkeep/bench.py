"""`advisor bench`: measure this machine's local model — prefill and decode tokens a second at the
workload's prompt and answer sizes, at 1 stream and at B parallel streams.

Two backends: Ollama (its API reports prompt_eval_count/duration and eval_count/duration for each
request) and the embedded GGUF model (llama.cpp's own perf counters through llama-cpp-python).
Each stream's prompt is unique, so no prefix cache skips the prefill being measured.
"""

from __future__ import annotations

import contextlib
import os
import platform
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any, Protocol

from pydantic import BaseModel, Field

from advisor.models.base import ModelError
from advisor.prompts import load as load_prompt
from advisor.tools import clock
from advisor.upkeep.gguf_meta import GGUFError, read_metadata
from advisor.upkeep.model_shape import shape_from_metadata

SHAPE_FIELDS = (
    "layers",
    "kv_heads",
    "head_dim",
    "full_attention_layers",
    "sliding_window",
    "full_attention_kv_heads",
    "full_attention_head_dim",
    "linear_attention_layers",
    "kv_shared_layers",
    "linear_attention",
)

Progress = Callable[[str], None]  # called once per finished request, with a short label


class BenchInput(BaseModel):
    input_tokens: int = Field(default=512, ge=16, le=131072, description="prompt tokens per request")
    output_tokens: int = Field(default=128, ge=8, le=8192, description="answer tokens per request")
    streams: int = Field(default=4, ge=1, le=64, description="parallel streams for the second pass")


class StreamTiming(BaseModel):
    prompt_tokens: int
    prompt_seconds: float
    output_tokens: int
    output_seconds: float


class Phase(BaseModel):
    streams: int
    prefill_tokens_per_second: float
    decode_tokens_per_second: float  # aggregate over the streams
    decode_tokens_per_second_per_stream: float
    timings: list[StreamTiming]


class ModelFacts(BaseModel):
    """What the backend can say about the model it runs, for the user's catalog."""

    name: str
    slug: str
    quant: str
    params_b: float | None = None
    bits_per_weight: float | None = None
    layers: int | None = None
    kv_heads: int | None = None
    head_dim: int | None = None
    full_attention_layers: int | None = None
    sliding_window: int | None = None
    full_attention_kv_heads: int | None = None
    full_attention_head_dim: int | None = None
    linear_attention_layers: int | None = None
    kv_shared_layers: int | None = None
    linear_attention: dict[str, int] | None = None
    context_tokens: int | None = None
    shape_note: str | None = None  # why the shape could not be told from the metadata

    def shape(self) -> dict[str, Any]:
        """The catalog's attention-shape fields this model file gave (local_models.toml)."""
        return {k: v for k in SHAPE_FIELDS if (v := getattr(self, k)) is not None}


class BenchResult(BaseModel):
    backend: str
    machine: str
    measured_on: date
    input_tokens: int
    output_tokens: int
    model: ModelFacts
    phases: list[Phase]
    hardware_id: str = "this-machine"
    local_model_id: str = ""
    saved_to: str | None = None
    allocated_context_tokens: int | None = None  # the context the backend held a stream (its n_ctx)
    kv_cache_type: str = "f16"  # the KV cache type it ran with


class Backend(Protocol):
    label: str
    note: str

    def facts(self) -> ModelFacts: ...
    def prepare(self, streams: int) -> None: ...
    def run(self, stream: int, prompt_words: list[str], output_tokens: int) -> StreamTiming: ...


def machine_name() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            found = re.search(r"model name\s*:\s*(.+)", f.read())
        cpu = found.group(1).strip() if found else cpu
    except OSError:
        pass
    return f"{platform.node() or 'this machine'} ({cpu}, {os.cpu_count() or 1} cores, {memory_gb():.0f} GB)"


def memory_gb() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    except (ValueError, OSError, AttributeError):
        return 0.0


def prompt_words(index: int, tokens: int) -> list[str]:
    """About ``tokens`` tokens of text, different for every request (no shared prefix to cache)."""
    filler = load_prompt("bench_filler.md").split()
    words = [f"request {index}:"]
    while len(words) < tokens * 3 // 4:
        words.append(filler[(len(words) + index) % len(filler)])
    return words


def _phase(streams: int, timings: list[StreamTiming]) -> Phase:
    prompt_tokens = sum(t.prompt_tokens for t in timings)
    prompt_seconds = sum(t.prompt_seconds for t in timings)
    output_tokens = sum(t.output_tokens for t in timings)
    decode_window = max(t.output_seconds for t in timings)
    aggregate = output_tokens / decode_window if decode_window > 0 else 0.0
    return Phase(
        streams=streams,
        prefill_tokens_per_second=prompt_tokens / prompt_seconds if prompt_seconds > 0 else 0.0,
        decode_tokens_per_second=aggregate,
        decode_tokens_per_second_per_stream=aggregate / streams,
        timings=timings,
    )


def measure(backend: Backend, inp: BenchInput, progress: Progress | None = None) -> BenchResult:
    """A warm-up request, then 1 stream, then ``streams`` parallel streams."""
    tick = progress or (lambda _label: None)
    backend.prepare(max(1, inp.streams))  # every context loaded before anything is timed
    backend.prepare(1)  # one stream runs on the whole machine
    backend.run(0, prompt_words(0, 32), 8)
    tick("warm-up")
    phases = [_phase(1, [backend.run(1, prompt_words(1, inp.input_tokens), inp.output_tokens)])]
    tick("1 stream")
    if inp.streams > 1:
        backend.prepare(inp.streams)
        lock = threading.Lock()

        def one(i: int) -> StreamTiming:
            timing = backend.run(i, prompt_words(100 + i, inp.input_tokens), inp.output_tokens)
            with lock:
                tick(f"{inp.streams} streams")
            return timing

        with ThreadPoolExecutor(max_workers=inp.streams) as pool:
            phases.append(_phase(inp.streams, list(pool.map(one, range(inp.streams)))))
    return BenchResult(
        backend=backend.label,
        machine=machine_name(),
        measured_on=clock.today(),
        input_tokens=inp.input_tokens,
        output_tokens=inp.output_tokens,
        model=backend.facts(),
        phases=phases,
        allocated_context_tokens=getattr(backend, "context_tokens", None),
        kv_cache_type=getattr(backend, "kv_cache_type", "f16"),
    )


def steps(inp: BenchInput) -> int:
    """Progress steps ``measure`` reports: warm-up, one stream, each parallel stream."""
    return 2 + (inp.streams if inp.streams > 1 else 0)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-")


def quant_from_name(name: str) -> str:
    found = re.search(r"(?i)(IQ\d_\w+|Q\d_K_[SML]|Q\d_K|Q\d_\d|F16|BF16|F32)", name)
    return found.group(1).upper() if found else "unknown"


def _size(text: str | None) -> float | None:
    """'8.0B' → 8.0, '135M' → 0.135 (billions of parameters)."""
    found = re.match(r"\s*([\d.]+)\s*([BMK])", text or "", re.I)
    if not found:
        return None
    scale = {"B": 1.0, "M": 1e-3, "K": 1e-6}[found.group(2).upper()]
    return float(found.group(1)) * scale


class OllamaBackend:
    """Through the official client: /api/generate reports the server's own timings (nanoseconds)."""

    note = "Ollama serves parallel requests in its llama.cpp slots (OLLAMA_NUM_PARALLEL)"

    def __init__(self, model: str, client: Any):
        self.model, self.client = model, client
        self.label = f"ollama:{model}"

    def prepare(self, streams: int) -> None:
        pass

    def run(self, stream: int, words: list[str], output_tokens: int) -> StreamTiming:
        import httpx
        import ollama

        try:
            r = self.client.generate(
                model=self.model,
                prompt=" ".join(words),
                options={"num_predict": output_tokens, "temperature": 0, "num_ctx": len(words) * 2 + output_tokens},
                think=False,
            )
        except ollama.ResponseError as exc:
            raise ModelError("server", f"Ollama error ({exc.status_code}): {(exc.error or '').strip()[:200]}") from None
        except (ConnectionError, httpx.HTTPError) as exc:
            raise ModelError("unreachable", f"Ollama is not reachable ({type(exc).__name__})") from None
        if not r.eval_count or not r.eval_duration or not r.prompt_eval_duration:
            raise ModelError("server", "Ollama's answer carries no timings (eval_count/eval_duration)")
        return StreamTiming(
            prompt_tokens=r.prompt_eval_count or 0,
            prompt_seconds=r.prompt_eval_duration / 1e9,
            output_tokens=r.eval_count,
            output_seconds=r.eval_duration / 1e9,
        )

    def facts(self) -> ModelFacts:
        details: Any = None
        info: dict[str, Any] = {}
        try:
            shown = self.client.show(self.model)
            details, info = shown.details, dict(shown.modelinfo or {})
        except Exception:  # an older server: the name alone
            pass
        quant = (getattr(details, "quantization_level", None) or quant_from_name(self.model)).upper()
        count = info.get("general.parameter_count")
        params = count / 1e9 if isinstance(count, int | float) else _size(getattr(details, "parameter_size", None))
        return ModelFacts(
            name=self.model, slug=slug(self.model.replace(":", "-")), quant=quant, params_b=params,
            **shape_from_metadata(info),
        )  # fmt: skip


class EmbeddedBackend:
    """The embedded GGUF through llama-cpp-python: prefill and decode timed by llama.cpp's perf
    counters. Parallel streams are separate contexts in threads (llama-cpp-python has no batched
    server), sharing this machine's cores."""

    note = "embedded: parallel streams run as separate llama.cpp contexts sharing the CPU cores"

    def __init__(self, path: str | None = None):
        from advisor.models.embedded_model import INSTALL_HINT, shipped_gguf

        target = path or (str(shipped_gguf()) if shipped_gguf() else None)
        if target is None or not os.path.isfile(target):
            raise ModelError(
                "missing_model", f"no embedded model {'at ' + path if path else 'installed'} — {INSTALL_HINT}"
            )
        self.path = target
        self.label = f"embedded:{os.path.splitext(os.path.basename(target))[0]}"
        self._pool: list[Any] = []
        self._n_ctx = 2048
        self.context_tokens = self._n_ctx  # what each context holds, read into the measurement
        self.kv_cache_type = "f16"  # llama-cpp-python's default type_k / type_v

    def prepare(self, streams: int) -> None:
        """At least ``streams`` contexts, every one with its share of the cores for prompt and answer
        alike: one stream gets them all, B streams cores / B each (not a B-stream share for one)."""
        import llama_cpp
        from llama_cpp import Llama

        threads = max(1, (os.cpu_count() or 1) // streams)
        while len(self._pool) < streams:
            llm = Llama(model_path=self.path, n_ctx=self._n_ctx, n_threads=threads, n_threads_batch=threads,
                        n_batch=512, verbose=False)  # fmt: skip
            self._pool.append(llm)
        for llm in self._pool:
            llama_cpp.llama_set_n_threads(llm.ctx, threads, threads)
            llm.n_threads = llm.n_threads_batch = threads

    def run(self, stream: int, words: list[str], output_tokens: int) -> StreamTiming:
        import llama_cpp

        llm = self._pool[stream % len(self._pool)]
        tokens = llm.tokenize(" ".join(words).encode())
        tokens = tokens[: max(1, self._n_ctx - output_tokens - 1)]
        llm.reset()
        llama_cpp.llama_perf_context_reset(llm.ctx)
        llm.eval(tokens)
        for _ in range(output_tokens):
            llm.eval([llm.sample(temp=0.0)])
        perf = llama_cpp.llama_perf_context(llm.ctx)
        return StreamTiming(
            prompt_tokens=perf.n_p_eval,
            prompt_seconds=perf.t_p_eval_ms / 1000,
            output_tokens=perf.n_eval,
            output_seconds=perf.t_eval_ms / 1000,
        )

    def facts(self) -> ModelFacts:
        import llama_cpp

        self.prepare(1)
        llm = self._pool[0]
        meta = dict(llm.metadata)
        with contextlib.suppress(GGUFError):  # typed values and per-layer lists (llama.cpp gives text)
            meta |= read_metadata(self.path)
        params = llama_cpp.llama_model_n_params(llm.model) / 1e9
        bits = os.path.getsize(self.path) * 8 / (params * 1e9) if params else None
        base = meta.get("general.basename") or os.path.basename(self.path).split(".")[0]
        size = meta.get("general.size_label", "")
        return ModelFacts(
            name=f"{base} {size}".strip(), slug=slug(f"{base}-{size}" if size else base),
            quant=quant_from_name(os.path.basename(self.path)), params_b=params, bits_per_weight=bits,
            **shape_from_metadata(meta),
        )  # fmt: skip
