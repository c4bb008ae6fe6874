"""How much a box can serve with a model (cost-model.md, "Capacity of owned hardware").

The roofline (``roofline.py``) with the catalog's figures: decode from memory bandwidth with a
per-step overhead, prefill from dense FP16 FLOPS, B parallel streams bounded by memory and by
compute. A measurement taken on this machine (``advisor bench``) wins over a catalog measurement,
which wins over the estimate; the result says which (``speed_basis``).
"""

from __future__ import annotations

import math

from pydantic import AliasChoices, Field, model_validator

from advisor.tools import defaults as d
from advisor.tools import roofline as rl
from advisor.tools.base import ToolError, ToolInput, ToolResult
from advisor.tools.catalog import Catalog, Engine, EngineEfficiency, Hardware, LocalModel, Measured, default_catalog
from advisor.tools.quantity import Hours, Share, Tokens

HERE = "this-machine"  # the hardware id `advisor bench` saves its measurements under


class CapacityInput(ToolInput):
    tokens_per_second: Tokens | None = Field(default=None, description="known decode speed")
    hardware: str | None = Field(default=None, description="hardware id, e.g. rtx-4090-24gb")
    local_model: str | None = Field(default=None, description="open-weight model id")
    quant: str | None = Field(default=None, description="quantisation, e.g. Q4_K_M (default)")
    context_tokens: Tokens | None = Field(default=None, description="context per stream (8192)")
    streams: int | None = Field(
        default=None, ge=1, le=256, description="parallel streams (1; compare uses the engine's slots, 4)"
    )
    engine_streams: bool = Field(
        default=False, description="use the engine's parallel streams (4 llama.cpp slots; vLLM: as memory holds)"
    )
    serving_engine: str | None = Field(
        default=None,
        validation_alias=AliasChoices("serving_engine", "engine"),  # --engine: its name before 2026-12
        description="serving engine: llama.cpp (Ollama) or vllm; default: the box's own (servers: vLLM), or llama.cpp",
    )
    hours_per_day: Hours | None = Field(default=None, description="hours a day serving (24)")
    traffic_hours: Hours | None = Field(default=None, description="hours a day the requests arrive in (24)")
    input_tokens: Tokens | None = Field(default=None, description="prompt tokens per request")
    output_tokens: Tokens | None = Field(default=None, description="answer tokens per request")
    cached_input_share: Share | None = Field(default=None, description="share of the prompt served from cache")
    kv_cache_type: str | None = Field(
        default=None, description="KV cache type: f16 (default), q8_0 or q4_0 (llama.cpp), fp8 (vllm)"
    )
    monthly_tokens: Tokens | None = Field(
        default=None, description="the workload's decode tokens a month, to size units against"
    )

    @model_validator(mode="after")
    def _speed_source(self) -> CapacityInput:
        if self.tokens_per_second is None and (self.hardware is None or self.local_model is None):
            raise ValueError("give tokens-per-second, or hardware and local-model")
        return self


class CapacityResult(ToolResult):
    tokens_per_month: float
    tokens_per_second: float  # decode, aggregate over the streams
    tokens_per_second_low: float
    tokens_per_second_high: float
    tokens_per_second_per_stream: float | None = None
    prefill_tokens_per_second: float | None = None
    prefill_tokens_per_second_low: float | None = None
    prefill_tokens_per_second_high: float | None = None
    bound: str | None = None  # "bandwidth" or "compute"
    speed_basis: str  # "measured here", "measured", "estimate" or "given"
    streams: int = 1
    max_streams_fitting: int | None = None
    engine: str | None = None
    compute_ceiling_tokens_per_second: float | None = None
    bandwidth_ceiling_tokens_per_second: float | None = None
    fits: bool | None
    memory_needed_gb: float | None
    memory_available_gb: float | None
    weights_gb: float | None
    kv_cache_gb: float | None
    linear_state_gb: float | None = None  # linear-attention layers' fixed state, all streams
    requests_per_day: float | None = None
    quant: str | None = None  # the model's quantisation the figures are for (catalog quant id)
    precision: str | None = None  # as the engine names it: 'INT4 (AWQ/GPTQ W4A16)' (vLLM), 'Q4_K_M' (llama.cpp)
    share_served: float | None = None  # of monthly_tokens, capped at 1
    units_needed: int | None = None
    tokens_per_second_alone: float | None = None  # decode of one stream with no other stream running
    ttft_s: float | None = None  # one request's prompt (its uncached part) at the prefill rate
    request_s: float | None = None  # ttft and its answer at one stream's rate with every stream busy
    request_s_alone: float | None = None  # the same on an otherwise idle unit
    first_token_fixed_s: float = 0.0  # the engine's fixed time before a request's first token


def kv_bytes_per_token(model: LocalModel, context: float | None = None) -> float | None:
    """fp16 K+V bytes per token of context, averaged over ``context`` where sliding-window layers
    keep only their window; None when the model's attention shape is unknown. Only layers with a
    cache of their own count: linear-attention layers keep a fixed state, shared layers reuse
    another layer's cache; full-attention layers may have their own KV heads and head dim."""
    if model.kv_bytes_per_token is not None:
        return model.kv_bytes_per_token
    if not (model.layers and model.kv_heads and model.head_dim):
        return None
    cached = model.layers - (model.linear_attention_layers or 0) - (model.kv_shared_layers or 0)
    full = model.full_attention_layers or cached
    windowed = cached - full
    per_layer = 2 * model.kv_heads * model.head_dim * d.KV_CACHE_BYTES
    per_full_layer = (
        2
        * (model.full_attention_kv_heads or model.kv_heads)
        * (model.full_attention_head_dim or model.head_dim)
        * d.KV_CACHE_BYTES
    )
    held = min(1.0, model.sliding_window / context) if windowed and model.sliding_window and context else 1.0
    return per_full_layer * full + per_layer * windowed * held


def linear_state_gb(model: LocalModel) -> float | None:
    """GB of fixed state one stream holds in linear-attention layers, whatever its context: 0 for a
    model with none, None when it has such layers but the catalog lacks their shape."""
    if not model.linear_attention_layers:
        return 0.0
    if model.linear_attention is None:
        return None
    return model.linear_attention_layers * model.linear_attention.bytes_per_layer() / 1e9


def memory_need(weights: float, kv_stream: float | None, state_stream: float | None) -> str:
    """What one stream needs, term by term: '16.4 GB of weights + 8.6 GB of KV cache a stream + …'."""
    need = f"{weights:.1f} GB of weights"
    if kv_stream:
        need += f" + {kv_stream:.1f} GB of KV cache a stream"
    if state_stream:
        need += f" + {state_stream:.2f} GB of linear-attention state a stream"
    return need + f" + {d.MEMORY_OVERHEAD_GB:g} GB overhead"


def weights_gb(model: LocalModel, quant: str, *, active: bool = False) -> float:
    if quant not in model.quants:
        raise ToolError("quant", quant, f"is not listed for {model.id}; try one of {', '.join(model.quants)}")
    params = model.active_params_b if active and model.active_params_b else model.params_b
    if quant in model.gguf_gb:
        return model.gguf_gb[quant] * params / model.params_b
    return params * model.quants[quant] / 8


def months_tokens(tokens_per_second: float, hours_per_day: float) -> float:
    return tokens_per_second * 3600 * hours_per_day * d.DAYS_PER_MONTH


def _with_fits(catalog: Catalog) -> Catalog:
    """A catalog built without efficiency figures or engines (in code) borrows the shipped ones."""
    if catalog.efficiency and catalog.engines:
        return catalog
    return default_catalog()


def engine_for(catalog: Catalog, name: str | None) -> Engine:
    return _with_fits(catalog).get("engines", name or d.SERVING_ENGINE, "serving_engine")  # type: ignore[return-value]


def efficiency_for(catalog: Catalog, box: Hardware, engine: Engine | None, notes: list[str]) -> EngineEfficiency | None:
    """The (family, engine) fit, else the family's llama.cpp fit, else the generic one — said so."""
    family = box.family or "generic"
    wanted = engine.id if engine else d.SERVING_ENGINE
    table = _with_fits(catalog).efficiency
    for fam, eng in ((family, wanted), (family, "llama.cpp"), ("generic", "llama.cpp")):
        fit = table.get(f"{fam}/{eng}")
        if fit is not None:
            if (fam, eng) != (family, wanted):
                notes.append(f"no {wanted} efficiency fit for {family} hardware: using the {fit.id} fit")
            return fit
    return None


def _chip(box: Hardware, engine: Engine | None, notes: list[str]) -> rl.Chip:
    if box.bandwidth_gb_s is None:
        raise ToolError("hardware", box.id, "has no memory bandwidth in the catalog; give tokens-per-second")
    tflops = box.compute.fp16_tflops if box.compute else None
    bandwidth = box.bandwidth_gb_s
    if box.units > 1:
        if (engine is not None and engine.tensor_parallel) or box.parallelism == "tensor":
            scale = box.units * d.TENSOR_PARALLEL_EFFICIENCY
            bandwidth *= scale
            tflops = tflops * scale if tflops else None
            notes.append(
                f"{box.units} cards tensor parallel: bandwidth and FLOPS × {scale:.2f}"
                f" ({d.TENSOR_PARALLEL_EFFICIENCY:.0%} of linear after communication)"
            )
        else:
            notes.append(f"{box.units} cards split by layers: one card's bandwidth and FLOPS (they run in turn)")
    return rl.Chip(bandwidth_gb_s=bandwidth, peak_tflops=tflops)


def _measurement(box: Hardware, model: LocalModel, quant: str | None, streams: int) -> Measured | None:
    """This machine's own measurement first, then any catalog one; at the streams asked for, else
    at one stream (the roofline carries it), newest first. ``quant`` None: any quant."""
    found = [m for m in box.measured if m.local_model == model.id and (quant is None or m.quant in (None, quant))]
    found.sort(key=lambda m: (not m.machine, m.streams != streams, m.streams != 1, -m.as_of.toordinal()))
    return found[0] if found else None


def _streams_fitting(
    context: float, fitting: int, memory_gb: float, weights: float, kv_stream: float | None, state: float | None
) -> str:
    """How many streams memory holds at this context; when none, what one would need."""
    if fitting:
        return f"at {context:,.0f} tokens of context at most {fitting} stream(s) fit in {memory_gb:g} GB"
    return f"at {context:,.0f} tokens of context not one stream fits in {memory_gb:g} GB: " + memory_need(
        weights, kv_stream or 0.0, state
    )


def max_streams(memory_gb: float, weights: float, kv_gb_per_stream: float | None) -> int | None:
    if kv_gb_per_stream is None or kv_gb_per_stream <= 0:
        return None
    return max(0, math.floor((memory_gb - weights - d.MEMORY_OVERHEAD_GB) / kv_gb_per_stream))


def capacity(inp: CapacityInput, catalog: Catalog) -> CapacityResult:
    if inp.tokens_per_second is not None:
        return _given(inp)
    notes: list[str] = []
    hours = _hours(inp, notes)
    box: Hardware = catalog.get("hardware", inp.hardware, "hardware")  # type: ignore[arg-type,assignment]
    model: LocalModel = catalog.get("local-models", inp.local_model, "local_model")  # type: ignore[arg-type,assignment]
    engine = engine_for(catalog, inp.serving_engine or box.engine)  # a GPU server serves with its own (vLLM)
    if inp.serving_engine is None and box.engine:
        notes.append(f"serves with {engine.name}, as {box.id} does unless --serving-engine names another")
    quant = _quant(inp, model, engine)
    precision = engine.precision(quant) or quant
    if inp.quant is None:
        notes.append(f"{quant} quantisation" if precision == quant else f"{precision} weights")
    context = _context(inp, model, notes)

    weights = weights_gb(model, quant)
    active = weights_gb(model, quant, active=True)
    kv_factor = _kv_cache_factor(inp, engine, notes)
    per_token = kv_bytes_per_token(model, context)
    per_token = None if per_token is None else per_token * kv_factor
    kv_stream = None if per_token is None else per_token * context / 1e9  # what the server holds a stream
    read = _tokens_read(inp, context)
    kv_read = None if per_token is None else (kv_bytes_per_token(model, read) or 0.0) * kv_factor * read / 1e9
    state = linear_state_gb(model)
    if state is None:
        notes.append(
            f"{model.id}: its {model.linear_attention_layers} linear-attention layers' state has no shape in the"
            f" catalog; left to the {d.MEMORY_OVERHEAD_GB:g} GB overhead"
        )
    elif state:
        notes.append(
            f"{model.id}'s {model.linear_attention_layers} linear-attention layers keep {state:.2f} GB of state"
            " a stream, whatever the context (counted with the KV cache)"
        )
    per_stream = None if kv_stream is None else kv_stream + (state or 0.0)
    fitting = max_streams(box.memory_gb, weights, per_stream)

    streams = inp.streams
    if streams is None and not inp.engine_streams:
        streams = 1
        notes.append("1 stream at a time (give streams, or compare's engine slots, for parallel serving)")
    if streams is None:
        if engine is not None and engine.default_streams is None:
            streams = max(1, min(engine.max_streams, fitting or d.SERVING_STREAMS))
            notes.append(f"{engine.name}: {streams} streams (as many as memory holds, at most {engine.max_streams})")
        else:
            streams = engine.default_streams if engine and engine.default_streams else d.SERVING_STREAMS
            notes.append(f"{streams} parallel streams ({engine.name if engine else d.SERVING_ENGINE} slots)")

    memory_needed = weights + ((kv_stream or 0.0) + (state or 0.0)) * streams + d.MEMORY_OVERHEAD_GB
    kv_gb = None if kv_stream is None else kv_stream * streams
    state_gb = None if state is None else state * streams
    if kv_stream is None:
        fits = False if weights + (state or 0.0) * streams + d.MEMORY_OVERHEAD_GB > box.memory_gb else None
        notes.append(
            f"{model.id}: no attention shape in the catalog, so its KV cache is unknown;"
            + (" the weights alone do not fit" if fits is False else " whether it fits at this context is unknown")
        )
    else:
        fits = memory_needed <= box.memory_gb
        if not fits and fitting is not None:
            notes.append(_streams_fitting(context, fitting, box.memory_gb, weights, kv_stream, state))

    if box.bandwidth_gb_s is None:
        measured = _measurement(box, model, None if inp.quant is None else quant, streams)
        if measured is None:
            raise ToolError("hardware", box.id, "has no memory bandwidth in the catalog; give tokens-per-second")
        memory = {
            "fits": fits,
            "memory_needed_gb": memory_needed,
            "weights_gb": weights,
            "kv_cache_gb": kv_gb,
            "linear_state_gb": state_gb,
        }
        return _measured_only(inp, box, measured, hours, notes, memory)
    chip = _chip(box, engine, notes)
    fit = efficiency_for(catalog, box, engine, notes)
    if fit is None:
        raise ToolError("hardware", box.id, "has no efficiency figures in the catalog (catalog/efficiency.toml)")
    overhead = engine.batch_overhead if engine else 0.0
    work = rl.Workload(
        active_weights_gb=active,
        active_params_b=model.active_params_b or model.params_b,
        kv_gb_per_stream=(kv_read or 0.0) + (state or 0.0),  # the tokens in context, and the state, every step
    )
    t0 = fit.t0_ms / 1000
    split = chip.bandwidth_gb_s / box.bandwidth_gb_s  # a tensor-parallel group shares a stream's GPU work
    stream_s = ((engine.stream_ms + engine.stream_gpu_ms / split) if engine else 0.0) / 1000
    effs = [
        rl.Efficiency(mbu=mbu, mfu=mfu, t0_s=t0, batch_overhead=overhead, stream_s=stream_s)
        for mbu, mfu in ((fit.mbu, fit.mfu), (fit.mbu_low, fit.mfu_low), (fit.mbu_high, fit.mfu_high))
    ]
    point, low, high = (rl.speeds(chip, work, e, streams) for e in effs)
    if kv_factor != 1 and kv_stream is not None:
        f16 = work.model_copy(update={"kv_gb_per_stream": (kv_read or 0.0) / kv_factor + (state or 0.0)})
        alone = (point.decode_tps_per_stream, rl.speeds(chip, f16, effs[0], streams).decode_tps_per_stream)
        change = _kv_cache_change(inp.kv_cache_type or "f16", kv_factor, kv_stream, state or 0.0, box, weights, alone)
        notes.append(change + f", at {context:,.0f} tokens of context")
    decode = [point.decode_tps, low.decode_tps, high.decode_tps]
    prefill = [point.prefill_tps, low.prefill_tps, high.prefill_tps]
    basis = "estimate"
    notes.append(
        f"estimated on the roofline: {chip.bandwidth_gb_s:g} GB/s at {fit.mbu:.0%}"
        f" ({fit.mbu_low:.0%}–{fit.mbu_high:.0%}) plus {fit.t0_ms:g} ms a step; "
        + (
            f"{chip.peak_tflops:g} TFLOPS FP16 at {fit.mfu:.0%} ({fit.mfu_low:.0%}–{fit.mfu_high:.0%})"
            if chip.peak_tflops
            else "FLOPS unknown"
        )
        + f" ({fit.id} fit)"
    )

    measured = _measurement(box, model, quant, streams)
    if measured is not None:
        basis = "measured here" if measured.machine else "measured"
        then = _as_measured(measured, model, engine, work, state or 0.0)
        decode, prefill = _apply_measurement(measured, streams, chip, (work, then), effs[0], decode, prefill, notes)

    if prefill[0] is None:
        ratio = d.PREFILL_DECODE_RATIO_UNMODELLED
        single = decode[0] / streams if measured is None else measured.tokens_per_second_low / measured.streams
        prefill = [single * ratio] * 3
        notes.append(f"prefill not modelled ({box.id} has no FLOPS figure): assumed {ratio:g}× one stream's decode")

    requests = _requests(inp, hours, prefill[0], decode[0])
    alone = decode[0] * rl.speeds(chip, work, effs[0], 1).decode_tps / point.decode_tps  # same basis, 1 stream

    per_month = months_tokens(decode[0], hours)
    share, units = _sizing(per_month, inp.monthly_tokens)
    return CapacityResult(
        quant=quant,
        precision=precision,
        tokens_per_month=per_month,
        tokens_per_second=decode[0],
        tokens_per_second_low=min(decode),
        tokens_per_second_high=max(decode),
        tokens_per_second_per_stream=decode[0] / streams,
        prefill_tokens_per_second=prefill[0],
        prefill_tokens_per_second_low=min(prefill),
        prefill_tokens_per_second_high=max(prefill),
        bound=point.bound,
        speed_basis=basis,
        streams=streams,
        max_streams_fitting=fitting,
        engine=engine.id if engine else None,
        compute_ceiling_tokens_per_second=point.compute_ceiling_tps,
        bandwidth_ceiling_tokens_per_second=rl.bandwidth_ceiling_tps(chip.bandwidth_gb_s, active),
        fits=fits,
        memory_needed_gb=memory_needed,
        memory_available_gb=box.memory_gb,
        weights_gb=weights,
        kv_cache_gb=kv_gb,
        linear_state_gb=state_gb,
        requests_per_day=requests,
        share_served=share,
        units_needed=units,
        tokens_per_second_alone=alone,
        first_token_fixed_s=_first_token_fixed_s(engine, notes),
        **_timing(inp, prefill[0], decode[0] / streams, alone, _first_token_fixed_s(engine, [])),
        assumptions=notes,
    )


def _first_token_fixed_s(engine: Engine | None, notes: list[str]) -> float:
    """The engine's fixed time before a request's first token, said so when there is one."""
    if engine is None or not engine.first_token_ms:
        return 0.0
    notes.append(f"{engine.name}: {engine.first_token_ms:g} ms before each request's first token, beyond its prefill")
    return engine.first_token_ms / 1000


def _timing(
    inp: CapacityInput, prefill: float, per_stream: float, alone: float, fixed_s: float = 0.0
) -> dict[str, float | None]:
    """Seconds one request of the input's size takes, with no queue: to its first token (the
    engine's fixed time, then its uncached prompt at the prefill rate) and to its last, at one
    stream's decode rate when every stream is busy and when it runs alone."""
    if inp.input_tokens is None and inp.output_tokens is None:
        return {}
    prompt = (inp.input_tokens or 0) * (1 - (inp.cached_input_share or 0))
    answer = inp.output_tokens or 0
    ttft = rl.first_token_seconds(prompt, prefill, fixed_s=fixed_s)
    return {
        "ttft_s": ttft,
        "request_s": ttft + rl.answer_seconds(answer, per_stream),
        "request_s_alone": ttft + rl.answer_seconds(answer, alone),
    }


def _as_measured(m: Measured, model: LocalModel, engine: Engine | None, work: rl.Workload, state: float) -> rl.Workload:
    """The workload as the measurement ran it: each step reading its prompt's cache at its cache
    type (``advisor bench`` records both); the asked one where the measurement does not say."""
    per_token = kv_bytes_per_token(model, m.context_tokens) if m.context_tokens else None
    if per_token is None:
        return work
    bytes_a_value = (engine.kv_cache_bytes if engine else {}).get(m.kv_cache_type, d.KV_CACHE_BYTES)
    cache = per_token * bytes_a_value / d.KV_CACHE_BYTES * m.context_tokens / 1e9  # type: ignore[operator]
    return work.model_copy(update={"kv_gb_per_stream": cache + state})


def _apply_measurement(
    m: Measured,
    streams: int,
    chip: rl.Chip,
    works: tuple[rl.Workload, rl.Workload],
    eff: rl.Efficiency,
    decode: list[float],
    prefill: list[float | None],
    notes: list[str],
) -> tuple[list[float], list[float | None]]:
    """A measured decode speed, carried to ``streams`` and to the cache a step reads (``works``: as
    asked, as measured) by the roofline's own ratio and never past the compute bound; a measured
    prefill speed where there is one."""
    work, then = works
    lo, hi = m.tokens_per_second_low, m.tokens_per_second_high
    ratio = rl.speeds(chip, work, eff, streams).decode_tps / rl.speeds(chip, then, eff, m.streams).decode_tps
    if m.streams != streams or abs(ratio - 1) >= 0.005:
        compute = rl.compute_step_s(chip, work, eff, streams)
        cap = streams / compute if compute else math.inf
        lo, hi = min(lo * ratio, cap), min(hi * ratio, cap)
        if then is work:
            notes.append(f"measured at {m.streams} stream(s), carried to {streams} by the roofline (× {ratio:.2f})")
        else:
            notes.append(
                f"measured at {m.streams} stream(s) reading {then.kv_gb_per_stream:.2f} GB of cache a step"
                f" ({m.context_tokens:,} tokens, {m.kv_cache_type}), carried to {streams} reading"
                f" {work.kv_gb_per_stream:.2f} GB by the roofline (× {ratio:.2f})"
            )
    where = f"on this machine ({m.machine}, {m.as_of})" if m.machine else f"({m.source})"
    notes.append(f"decode measured {where}: {m.tokens_per_second_low:g}–{m.tokens_per_second_high:g} tokens/s")
    if m.prefill_tokens_per_second:
        prefill = [m.prefill_tokens_per_second] * 3
        notes.append(f"prefill measured: {m.prefill_tokens_per_second:g} tokens/s")
    return [(lo + hi) / 2, lo, hi], prefill


def _measured_only(
    inp: CapacityInput, box: Hardware, m: Measured, hours: float, notes: list[str], memory: dict
) -> CapacityResult:
    """A box known only by a measurement (``advisor bench`` on this machine): its figures as measured,
    at the streams they were measured at — with no bandwidth figure there is no roofline to carry them."""
    basis = "measured here" if m.machine else "measured"
    if inp.streams not in (None, m.streams):
        notes.append(
            f"measured at {m.streams} stream(s); {box.id} has no bandwidth figure to carry it to {inp.streams}"
        )
    where = f"on this machine ({m.machine}, {m.as_of})" if m.machine else f"({m.source})"
    notes.append(f"decode measured {where}: {m.tokens_per_second_low:g}–{m.tokens_per_second_high:g} tokens/s")
    decode = (m.tokens_per_second_low + m.tokens_per_second_high) / 2
    prefill = m.prefill_tokens_per_second
    if prefill is None:
        prefill = decode / m.streams * d.PREFILL_DECODE_RATIO_UNMODELLED
        notes.append(f"prefill not measured: assumed {d.PREFILL_DECODE_RATIO_UNMODELLED:g}× one stream's decode")
    requests = _requests(inp, hours, prefill, decode)
    per_month = months_tokens(decode, hours)
    share, units = _sizing(per_month, inp.monthly_tokens)
    return CapacityResult(
        tokens_per_month=per_month,
        tokens_per_second=decode,
        tokens_per_second_low=m.tokens_per_second_low,
        tokens_per_second_high=m.tokens_per_second_high,
        tokens_per_second_per_stream=decode / m.streams,
        prefill_tokens_per_second=prefill,
        prefill_tokens_per_second_low=prefill,
        prefill_tokens_per_second_high=prefill,
        speed_basis=basis,
        streams=m.streams,
        memory_available_gb=box.memory_gb,
        requests_per_day=requests,
        **memory,
        share_served=share,
        units_needed=units,
        tokens_per_second_alone=decode / m.streams,
        **_timing(inp, prefill, decode / m.streams, decode / m.streams),
        assumptions=notes,
    )


def _context(inp: CapacityInput, model: LocalModel, notes: list[str]) -> float:
    """Context per stream: as given, else the request's size (input + output, as compare sizes a
    stream), else the default (within the model's window). A context or a
    request longer than the model's window is an error: the model cannot run it."""
    window = model.context_tokens
    request = (inp.input_tokens or 0) + (inp.output_tokens or 0)
    if window is not None:
        longer = "pick a model with a longer one (advisor catalog list local-models)"
        if inp.context_tokens is not None and inp.context_tokens > window:
            raise ToolError(
                "context_tokens",
                _whole(inp.context_tokens),
                f"is more than {model.id}'s context window of {window:,} tokens; give at most {window:,}, or {longer}",
            )
        if request > window:
            field, value = (
                ("input_tokens", inp.input_tokens) if inp.input_tokens else ("output_tokens", inp.output_tokens)
            )
            raise ToolError(
                field,
                _whole(value),
                f"makes a {request:,.0f}-token request (input + output), more than {model.id}'s context window"
                f" of {window:,} tokens; {longer}",
            )
    if inp.context_tokens is not None:
        return inp.context_tokens
    if request:  # what compare sizes a stream by: a replica of a plan is the box calc capacity describes
        notes.append(
            f"{request:,.0f} tokens of context per stream (the request's input + output, as compare sizes it;"
            " --context-tokens for what the server holds)"
        )
        return request
    context = min(d.DEFAULT_CONTEXT_TOKENS, window or d.DEFAULT_CONTEXT_TOKENS)
    notes.append(f"{context:,.0f} tokens of context per stream")
    return context


def _kv_cache_factor(inp: CapacityInput, engine: Engine | None, notes: list[str]) -> float:
    """How the KV cache type scales the fp16 cache: q8_0 about 0.53×, q4_0 about 0.28× (llama.cpp)."""
    kind = inp.kv_cache_type or "f16"
    types = engine.kv_cache_bytes if engine else {"f16": 2.0}
    if kind not in types:
        name = engine.id if engine else d.SERVING_ENGINE
        raise ToolError("kv_cache_type", kind, f"is not a KV cache type of {name}; try {', '.join(types)}")
    if inp.kv_cache_type and kind != "f16":
        notes.append(f"{kind} KV cache: {types[kind]:g} bytes a value ({types[kind] / 2:.2f}× the f16 cache)")
    return types[kind] / d.KV_CACHE_BYTES


def _kv_cache_change(
    kind: str, factor: float, kv_stream: float, state: float, box: Hardware, weights: float, speeds: tuple
) -> str:
    """What a quantised KV cache changed against the f16 one: the memory a stream holds, the streams
    that fit, one stream's decode (each step reads its cache). ``speeds``: one stream's decode now
    and with the f16 cache."""
    fit, fit_f16 = (max_streams(box.memory_gb, weights, kv + state) for kv in (kv_stream, kv_stream / factor))
    return (
        f"{kind} KV cache against f16: {kv_stream:.2f} GB a stream (f16: {kv_stream / factor:.2f}),"
        f" {fit} stream(s) fit in {box.memory_gb:g} GB (f16: {fit_f16}),"
        f" one stream decodes {speeds[0]:,.0f} tok/s (f16: {speeds[1]:,.0f})"
    )


def _tokens_read(inp: CapacityInput, context: float) -> float:
    """The tokens a stream's step reads from its cache: on average its prompt and half its answer
    when the request size is given (what the server holds may be more), else the whole context."""
    if inp.input_tokens is None and inp.output_tokens is None:
        return context
    return min(context, (inp.input_tokens or 0) + (inp.output_tokens or 0) / 2) or context


def _whole(value: float | None) -> float | int | None:
    """40000.0 shown as 40000 in an error line."""
    return int(value) if value is not None and float(value).is_integer() else value


def _requests(inp: CapacityInput, hours: float, prefill: float, decode: float) -> float | None:
    """Requests a day the box carries in the traffic window; cached input skips prefill."""
    if inp.input_tokens is None and inp.output_tokens is None:
        return None
    if not inp.input_tokens and not inp.output_tokens:
        raise ToolError("input_tokens", 0, "and output-tokens 0: a request of no tokens has no rate; give a size")
    traffic = inp.traffic_hours if inp.traffic_hours is not None else hours
    uncached = (inp.input_tokens or 0) * (1 - (inp.cached_input_share or 0))
    return rl.requests_per_day(uncached, inp.output_tokens or 0, prefill, decode, traffic)


def _quant(inp: CapacityInput, model: LocalModel, engine: Engine) -> str:
    """The quantisation to run: the one asked for, when the engine serves it; else the default (Q4_K_M)
    or, when the engine does not serve that, the smallest of the model's it does serve."""
    served = [q for q in model.quants if engine.precision(q)]
    if inp.quant is not None:
        if engine.precision(inp.quant) is None and inp.quant in model.quants:
            raise ToolError(
                "quant", inp.quant, f"is not a precision {engine.name} serves; it serves {', '.join(served) or 'none'}"
            )
        return inp.quant
    if d.DEFAULT_QUANT in served:
        return d.DEFAULT_QUANT
    if not served:
        raise ToolError("local_model", model.id, f"has no quantisation {engine.name} serves")
    return min(served, key=model.quants.__getitem__)


def _hours(inp: CapacityInput, notes: list[str]) -> float:
    if inp.hours_per_day is not None:
        return inp.hours_per_day
    notes.append("serving 24 h a day")
    return d.HOURS_PER_DAY


def _sizing(per_month: float, monthly_tokens: float | None) -> tuple[float | None, int | None]:
    """The share of ``monthly_tokens`` one unit serves, and the units the whole needs."""
    if not monthly_tokens:
        return None, None
    units = math.ceil(monthly_tokens / per_month) if per_month > 0 else None
    return min(1.0, per_month / monthly_tokens), units


def _given(inp: CapacityInput) -> CapacityResult:
    notes: list[str] = []
    hours = _hours(inp, notes)
    tps = inp.tokens_per_second
    per_month = months_tokens(tps, hours)
    share, units = _sizing(per_month, inp.monthly_tokens)
    return CapacityResult(
        tokens_per_month=per_month,
        tokens_per_second=tps,
        tokens_per_second_low=tps,
        tokens_per_second_high=tps,
        speed_basis="given",
        fits=None,
        memory_needed_gb=None,
        memory_available_gb=None,
        weights_gb=None,
        kv_cache_gb=None,
        share_served=share,
        units_needed=units,
        assumptions=notes,
    )
