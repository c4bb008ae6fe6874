"""The roofline of cost-model.md ("Capacity of owned hardware"): pure arithmetic, no catalog.

Decode reads the active weights and every stream's KV cache once per step (memory-bound, plus a
fixed per-step overhead t0); prefill does 2 × active params FLOPs per prompt token
(compute-bound). B parallel streams share each weight read; a batched step also costs a little
more than a single one (``batch_overhead``: the share of a weight read each extra stream adds in
the serving engine's batched kernels), and never more tokens than the chip's FLOPS allow.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Efficiency(BaseModel):
    """How much of the chip a serving engine gets: the fitted point and its range."""

    model_config = ConfigDict(frozen=True)

    mbu: float = Field(gt=0, le=1, description="share of memory bandwidth decode reaches")
    mfu: float = Field(gt=0, le=1, description="share of dense FP16 FLOPS prefill reaches")
    t0_s: float = Field(ge=0, description="fixed seconds per decode step (launch, sampling)")
    batch_overhead: float = Field(default=0.0, ge=0, le=1, description="extra weight-read share per extra stream")
    stream_s: float = Field(default=0.0, ge=0, description="fixed seconds each extra stream adds to a step")


class Chip(BaseModel):
    """What one decode step runs on: one card's bandwidth and FLOPS for a layer-split box."""

    model_config = ConfigDict(frozen=True)

    bandwidth_gb_s: float = Field(gt=0)
    peak_tflops: float | None = Field(default=None, gt=0, description="dense FP16 tensor TFLOPS")


class Workload(BaseModel):
    """The model as the step sees it."""

    model_config = ConfigDict(frozen=True)

    active_weights_gb: float = Field(gt=0, description="weight bytes read per decode step, GB")
    active_params_b: float = Field(gt=0, description="parameters multiplied per token, billions")
    kv_gb_per_stream: float = Field(default=0.0, ge=0, description="KV cache read per stream per step, GB")


class Speeds(BaseModel):
    decode_tps: float  # aggregate over the streams
    decode_tps_per_stream: float
    prefill_tps: float | None  # None when the chip's FLOPS are unknown
    bound: str  # "bandwidth" or "compute"
    compute_ceiling_tps: float | None  # peak FLOPS / (2 × active params): nothing goes faster


def memory_step_s(chip: Chip, work: Workload, eff: Efficiency, streams: int) -> float:
    weights = work.active_weights_gb * (1 + eff.batch_overhead * (streams - 1))
    read = (weights + streams * work.kv_gb_per_stream) / (eff.mbu * chip.bandwidth_gb_s)
    return read + eff.t0_s + eff.stream_s * (streams - 1)


def compute_step_s(chip: Chip, work: Workload, eff: Efficiency, streams: int) -> float | None:
    if chip.peak_tflops is None:
        return None
    return streams * 2 * work.active_params_b * 1e9 / (eff.mfu * chip.peak_tflops * 1e12)


def prefill_tps(chip: Chip, work: Workload, eff: Efficiency) -> float | None:
    if chip.peak_tflops is None:
        return None
    return eff.mfu * chip.peak_tflops * 1e12 / (2 * work.active_params_b * 1e9)


def compute_ceiling_tps(chip: Chip, work: Workload) -> float | None:
    if chip.peak_tflops is None:
        return None
    return chip.peak_tflops * 1e12 / (2 * work.active_params_b * 1e9)


def speeds(chip: Chip, work: Workload, eff: Efficiency, streams: int = 1) -> Speeds:
    """Decode over ``streams`` parallel streams and prefill, with which limit binds."""
    memory = memory_step_s(chip, work, eff, streams)
    compute = compute_step_s(chip, work, eff, streams)
    step = memory if compute is None else max(memory, compute)
    return Speeds(
        decode_tps=streams / step,
        decode_tps_per_stream=1 / step,
        prefill_tps=prefill_tps(chip, work, eff),
        bound="compute" if compute is not None and compute > memory else "bandwidth",
        compute_ceiling_tps=compute_ceiling_tps(chip, work),
    )


def bandwidth_ceiling_tps(bandwidth_gb_s: float, active_weights_gb: float) -> float:
    """One stream can never decode faster than reading its weights once per token."""
    return bandwidth_gb_s / active_weights_gb


def request_seconds(input_tokens: float, output_tokens: float, prefill: float, decode_aggregate: float) -> float:
    """Box-seconds one request takes: its prompt at the prefill rate, its answer at the batch's
    aggregate decode rate (the other streams share the same steps)."""
    return input_tokens / prefill + output_tokens / decode_aggregate


def first_token_seconds(prompt_tokens: float, prefill: float, queue_s: float = 0.0, fixed_s: float = 0.0) -> float:
    """Time to first token: the wait for a slot, the engine's fixed time before any token (the
    request's handling, scheduling, streaming), then the prompt at the prefill rate."""
    return queue_s + fixed_s + (prompt_tokens / prefill if prompt_tokens else 0.0)


def answer_seconds(output_tokens: float, per_stream_decode: float) -> float:
    """The answer at one stream's decode rate."""
    return output_tokens / per_stream_decode if output_tokens else 0.0


def requests_per_day(
    input_tokens: float, output_tokens: float, prefill: float, decode_aggregate: float, traffic_hours: float
) -> float:
    seconds = request_seconds(input_tokens, output_tokens, prefill, decode_aggregate)
    return 3600 * traffic_hours / seconds if seconds > 0 else float("inf")
