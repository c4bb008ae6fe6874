"""Public measurements the capacity roofline is checked against (cost-model.md, "Capacity").

CALIBRATION: the points the catalog's efficiency figures (catalog/efficiency.toml, engines.toml)
were fitted to. HELD_BACK: other public measurements, not used in the fit, that show it
generalises. Each names its source; the hardware not in the catalog is described here with its
published bandwidth and its dense FP16 FLOPS (Apple: derived, GPU cores × 128 ALUs × 2 × clock).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from advisor.tools.catalog import Catalog, Compute, Hardware, LocalModel

XD = "XiongjieDai/GPU-Benchmarks-on-LLM-Inference (llama.cpp llama-bench)"
YB = "yobitelcomm.github.io/bench, Recipe: concurrency sweep (H100-80GB-HBM3, vLLM 0.21.0, fp16, 2026-05-16)"
JM = "johnmusgrave.com, vLLM throughput-latency sweep on NVIDIA A100 (A100 40GB, vLLM 0.23.0, BF16, 1024 in / 128 out)"
YQ = (
    "yobitelcomm/bench validation-runs/2026-06-13-llm-h100 (Qwen2.5-72B-Instruct bf16, vLLM 0.22.1, H100 80GB HBM3,"
    " chatbot-short)"
)
GS = (
    "gpustack/gpustack docs/performance-lab/qwen3-14b/h100.md (vLLM v0.11.0 baseline, `vllm serve Qwen/Qwen3-14B`,"
    " one H100 SXM, vllm bench serve random dataset, all requests at once)"
)
FM = "fromthematrix.dev, Which Local LLM Is Fastest on Ryzen AI Max+ 395? (llama.cpp b8123 Vulkan, 7,624-token prompt)"
PP = (
    "ggml-org/llama.cpp pull request 6017 (ggerganov, 2024-03-12: llama-bench on one NVIDIA A100 80GB PCIe,"
    " codellama-7b F16/Q8_0, n_batch 8192)"
)
UL = (
    "geerlingguy/ai-benchmarks issue 48 (Mac Studio M1 Ultra 64-core GPU 128 GB, llama.cpp build e9fd8dc (7825),"
    " 2026-02-07, tinyllama-1.1b Q4_K_M)"
)
NB = "brand-o/normiebench issues 3 and 40 (llama.cpp Metal llama-bench, Llama 3.1 8B Q4_K_M, 2026-03-08)"
M3U = (
    "geerlingguy/beowulf-ai-cluster issue 17 (Mac Studio M3 Ultra 80-core GPU 512 GB, llama.cpp build 4d3726278"
    " (7315), 2025-12-10, Llama 3.3 70B Q4_K_M, -fa 1)"
)
SH = (
    "deseven/strixhalo-homelab issue 11 (Ryzen AI MAX 385, llama.cpp Vulkan RADV, Llama 3.1 8B Instruct Q4_K_M,"
    " 2026-03-26: pp512 833, tg64 41.6)"
)


@dataclass(frozen=True)
class Point:
    label: str
    hardware: str
    model: str
    quant: str
    decode: float | None
    prefill: float | None
    context: int = 1024
    streams: int = 1
    engine: str = "llama.cpp"
    source: str = XD
    prefill_band: tuple[float, float] = (0.5, 1.5)


def _box(hid: str, name: str, bandwidth: float, tflops: float, family: str, memory: float, units: int = 1) -> Hardware:
    return Hardware(
        id=hid, name=name, price_usd=1, memory_gb=memory, bandwidth_gb_s=bandwidth, family=family, units=units,
        compute=Compute(fp16_tflops=tflops, derived=family == "apple", source="see tests/calibration.py",
                        as_of=date(2026, 11, 25)),
        source="tests/calibration.py", as_of=date(2026, 11, 25),
    )  # fmt: skip


def _model(
    mid: str, params: float, layers: int, kv_heads: int, quants: dict[str, float], head_dim: int = 128
) -> LocalModel:
    return LocalModel(
        id=mid, name=mid, params_b=params, layers=layers, kv_heads=kv_heads, head_dim=head_dim, quants=quants,
        tier="budget", tier_basis="test", source="model config.json", as_of=date(2026, 11, 25),
    )  # fmt: skip


EXTRA_HARDWARE = [
    _box("m2-ultra-76", "M2 Ultra 76-core GPU", 800, 76 * 128 * 2 * 1.398e-3, "apple", 144),
    _box("m3-max-40", "M3 Max 40-core GPU", 400, 40 * 128 * 2 * 1.38e-3, "apple", 48),
    _box("m1-max-32", "M1 Max 32-core GPU", 400, 32 * 128 * 2 * 1.296e-3, "apple-m1", 48),
    _box("dual-4090", "2 × RTX 4090", 1008, 165.2, "geforce", 48, units=2),
    _box("dual-3090-estimate", "2 × RTX 3090 (no catalog measurement)", 936, 71, "geforce", 48, units=2),
    _box("a100-80gb-pcie", "A100 80GB", 1935, 312, "ampere", 80),
    _box("h100-pcie", "H100 PCIe 80GB", 2000, 756, "datacenter", 80),
    # tensor parallel over 4 of the run's 8 H100s: its 16 ms a token at 1 stream needs 4 (8 would give ~9 ms)
    _box("quad-h100-sxm", "4 × H100 SXM (tensor parallel)", 3350, 989, "datacenter", 320, units=4),
    # the Ryzen AI MAX 385: the 395's 256 GB/s with 32 of its 40 compute units (FLOPS scaled)
    _box("ryzen-ai-max-385", "Ryzen AI MAX 385 (Radeon 8050S)", 256, 59.4 * 32 / 40, "amd-igpu", 64),
]
EXTRA_MODELS = [
    _model("llama-2-7b", 6.74, 32, 32, {"Q4_0": 4.5, "Q8_0": 8.5, "F16": 16.0}),
    _model("llama-2-13b", 13.0, 40, 40, {"Q4_0": 4.5, "F16": 16.0}),
    _model("llama-2-70b", 69.0, 80, 8, {"Q4_0": 4.5, "F16": 16.0}),
    _model("devstral-small-2-24b", 23.6, 40, 8, {"Q4_K_M": 4.85}),  # Mistral Small 3 shape
    _model("qwen-2.5-72b", 72.7, 80, 8, {"F16": 16.0}),  # Qwen2.5-72B config.json: 80 layers, 8 KV heads
    _model("qwen3-14b", 14.8, 40, 8, {"F16": 16.0}),  # Qwen3-14B config.json: 40 layers, 8 KV heads of 128
    # TinyLlama-1.1B config.json: 22 layers, 4 KV heads of 64; the GGUF is 636 MiB (4.85 bits a weight)
    _model("tinyllama-1.1b", 1.1, 22, 4, {"Q4_K_M": 4.85}, head_dim=64),
]

CALIBRATION = [
    Point("RTX 4090, Llama-3 8B Q4_K_M", "rtx-4090-24gb", "llama-3.1-8b", "Q4_K_M", 127.74, 6898.71),
    Point("RTX 3090, Llama-3 8B Q4_K_M", "rtx-3090-24gb-used", "llama-3.1-8b", "Q4_K_M", 111.74, 3865.39),
    Point("M4 Max 40-core, Llama-2 7B Q4_0", "macbook-pro-m4-max-64gb", "llama-2-7b", "Q4_0", 83.1, 886,
          context=512, source="llama.cpp discussion 4167"),
    Point("H100 SXM vLLM, Llama-3.1-8B F16, 1 stream", "h100-sxm-80gb", "llama-3.1-8b", "F16", 122, None,
          engine="vllm", source=YB + ": throughput 122.2 tok/s"),
    Point("H100 SXM vLLM, Llama-3.1-8B F16, 16 streams", "h100-sxm-80gb", "llama-3.1-8b", "F16", 1380, None,
          streams=16, engine="vllm", source=YB + ": throughput 1,384.2 tok/s"),
    Point("M2 Ultra batched-bench, 7B F16, 1 stream", "m2-ultra-76", "llama-2-7b", "F16", 41.57, None,
          context=256, source="llama.cpp batched-bench README"),
    Point("M2 Ultra batched-bench, 7B F16, 32 streams", "m2-ultra-76", "llama-2-7b", "F16", 465.40, None,
          context=256, streams=32, source="llama.cpp batched-bench README"),
    Point("A100 80GB, Llama-2 7B Q4_0", "a100-80gb-pcie", "llama-2-7b", "Q4_0", 136.24, None, context=512),
    # llama.cpp's prefill on an A100 three months after the Dec 2023 runs above (pp512, one GPU)
    Point("A100 80GB PCIe, Llama-2 7B F16 (Mar 2024 build)", "a100-80gb-pcie", "llama-2-7b", "F16", None, 8668.24,
          context=512, source=PP + ": pp512 8,668.24 tok/s"),
    Point("H100 PCIe, Llama-2 70B Q4_0", "h100-pcie", "llama-2-70b", "Q4_0", 25.88, 855.73, context=512),
    Point("A100 80GB, Llama-2 70B Q4_0", "a100-80gb-pcie", "llama-2-70b", "Q4_0", 25.68, 612.41, context=512),
    Point("H100 PCIe, Llama-2 7B Q4_0", "h100-pcie", "llama-2-7b", "Q4_0", 133.77, 4868.59, context=512),
    # the M1 generation's own fit (apple-m1): its GPU does not draw its 400 GB/s on quantised weights
    Point("M1 Max 32-core, Llama-3 8B Q4_K_M", "m1-max-32", "llama-3.1-8b", "Q4_K_M", 34.49, 355.45),
    # vLLM's per-stream cost at batch across a tensor-parallel group: TPOT p50 16.05 ms at 1 stream, 17.30 at 16
    Point("4 × H100 vLLM, Qwen2.5-72B BF16, 1 stream (TPOT)", "quad-h100-sxm", "qwen-2.5-72b", "F16", 62.30, None,
          context=256, engine="vllm", source=YQ + ": c1 TPOT p50 16.05 ms"),
    Point("4 × H100 vLLM, Qwen2.5-72B BF16, 16 streams (TPOT)", "quad-h100-sxm", "qwen-2.5-72b", "F16", 924.9, None,
          context=256, streams=16, engine="vllm", source=YQ + ": c16 TPOT p50 17.30 ms"),
    # a current llama.cpp on the M1 generation: the fixed time a step (tinyllama) and the bandwidth (8B)
    Point("M1 Ultra 64-core, TinyLlama 1.1B Q4_K_M (build 7825)", "mac-studio-m1-ultra-128gb", "tinyllama-1.1b",
          "Q4_K_M", 242.56, 5587.84, context=512, source=UL + ": tg128 242.56, pp512 5,587.84"),
    Point("M1 Max 32-core 64 GB, Llama-3.1 8B Q4_K_M (2026)", "macbook-pro-m1-max-64gb", "llama-3.1-8b", "Q4_K_M",
          46.2, 499.58, context=512, source=NB + ": M1 Max tg128 46.2, pp512 499.58 (issue 40)"),
    # vLLM's prefill on Hopper: 998,175 prompt tokens in 98.91 s (the 100-token answers' decode included)
    Point("H100 SXM vLLM, Qwen3-14B BF16, 2,000-token prompts (prefill)", "h100-sxm-80gb", "qwen3-14b", "F16", None,
          10_092, context=2100, engine="vllm", source=GS + ": random 2K input, 500 requests in 98.91 s"),
]  # fmt: skip

HELD_BACK = [
    Point("M3 Max 40-core, Llama-3 8B Q4_K_M", "m3-max-40", "llama-3.1-8b", "Q4_K_M", 50.74, 678.04),
    Point("M2 Ultra 76-core, Llama-3 8B Q4_K_M", "m2-ultra-76", "llama-3.1-8b", "Q4_K_M", 76.28, 1023.89),
    Point("M1 Max 32-core, Llama-3 70B Q4_K_M", "m1-max-32", "llama-3-70b", "Q4_K_M", 4.09, 33.01),
    Point("M1 Max 32-core, Llama-3 8B F16", "m1-max-32", "llama-3.1-8b", "F16", 18.43, 418.77),
    Point("M2 Ultra 76-core, Llama-3 70B Q4_K_M", "m2-ultra-76", "llama-3-70b", "Q4_K_M", 12.13, 117.76),
    Point("M3 Max 40-core, Llama-3 70B Q4_K_M", "m3-max-40", "llama-3-70b", "Q4_K_M", 7.53, 62.88),
    Point("2 × RTX 3090, Llama-3 70B Q4_K_M", "dual-3090-estimate", "llama-3-70b", "Q4_K_M", 16.29, 393.89),
    Point("2 × RTX 4090, Llama-3 70B Q4_K_M", "dual-4090", "llama-3-70b", "Q4_K_M", 19.06, 905.38),
    Point("RTX 4090, Llama-3 8B F16", "rtx-4090-24gb", "llama-3.1-8b", "F16", 54.34, 9056.26),
    Point("RTX 3090, Llama-3 8B F16", "rtx-3090-24gb-used", "llama-3.1-8b", "F16", 46.51, 4239.64),
    Point("RTX 4090, Llama-2 7B Q4_0", "rtx-4090-24gb", "llama-2-7b", "Q4_0", 149.37, 5531.19, context=512),
    Point("RTX 3090, Llama-2 13B Q4_0", "rtx-3090-24gb-used", "llama-2-13b", "Q4_0", 75.01, 1634.61, context=512),
    # vLLM's decode between steps (TPOT), not its throughput: 1 / 6.48 ms and 4 / 6.59 ms
    Point("H100 SXM vLLM, Llama-3.1-8B F16, 1 stream (TPOT)", "h100-sxm-80gb", "llama-3.1-8b", "F16", 154.32, None,
          engine="vllm", source=YB + ": TPOT p50 6.48 ms"),
    Point("H100 SXM vLLM, Llama-3.1-8B F16, 4 streams (TPOT)", "h100-sxm-80gb", "llama-3.1-8b", "F16", 606.98, None,
          streams=4, engine="vllm", source=YB + ": TPOT p50 6.59 ms"),
    Point("A100 40GB vLLM, Llama-3.1-8B BF16, 1 stream", "lambda-a100-40gb", "llama-3.1-8b", "F16", 75, None,
          context=1088, engine="vllm", source=JM + ": about 75 tok/s"),
    Point("A100 40GB vLLM, Llama-3.1-8B BF16, 8 streams", "lambda-a100-40gb", "llama-3.1-8b", "F16", 495, None,
          context=1088, streams=8, engine="vllm", source=JM + ": 6.6× the one-request throughput"),
    Point("H100 SXM vLLM, Qwen3-14B BF16, 4,000-token prompts (prefill)", "h100-sxm-80gb", "qwen3-14b", "F16", None,
          8_780, context=4200, engine="vllm", source=GS + ": random 4K input, 1,997,942 prompt tokens in 227.57 s"),
    Point("H100 SXM vLLM, Qwen3-14B BF16, 32,000-token prompts (prefill)", "h100-sxm-80gb", "qwen3-14b", "F16",
          None, 8_273, context=32100, engine="vllm",
          source=GS + ": random 32K input, 3,200,000 prompt tokens in 386.80 s"),
    Point("Strix Halo, Devstral-Small-2 24B Q4_K_M", "framework-desktop-strix-halo-128gb", "devstral-small-2-24b",
          "Q4_K_M", 14, 281, context=7624, source=FM),
    # session 6: newer engine builds, held back from the refit
    Point("A100 80GB, Llama-2 7B Q4_0 (Dec 2023 build, prefill)", "a100-80gb-pcie", "llama-2-7b", "Q4_0", None,
          3443.98, context=512),
    Point("A100 80GB PCIe, Llama-2 7B F16, 2,048-token prompt (Mar 2024 build)", "a100-80gb-pcie", "llama-2-7b",
          "F16", None, 7592.36, context=2048, source=PP + ": pp2048 7,592.36 tok/s"),
    Point("A100 80GB PCIe, Llama-2 7B Q8_0 (Mar 2024 build)", "a100-80gb-pcie", "llama-2-7b", "Q8_0", None, 6914.08,
          context=512, source=PP + ": pp512 6,914.08 tok/s"),
    Point("A100 80GB PCIe, Llama-2 7B F16 decode (Mar 2024 build)", "a100-80gb-pcie", "llama-2-7b", "F16", 74.77,
          None, context=512, source=PP + ": tg128 74.77 tok/s"),
    Point("M3 Ultra 80-core, Llama-3.3 70B Q4_K_M (build 7315)", "mac-studio-m3-ultra-512gb", "llama-3.3-70b",
          "Q4_K_M", 14.41, 162.30, context=512, source=M3U + ": tg128 14.41, pp512 162.30"),
    Point("M4 10-core GPU 16 GB, Llama-3.1 8B Q4_K_M (2026)", "mac-mini-m4-16gb", "llama-3.1-8b", "Q4_K_M", 20.87,
          224.81, context=512, source=NB + ": Mac Mini M4 tg128 20.87, pp512 224.81 (issue 3)"),
    Point("Ryzen AI MAX 385, Llama-3.1 8B Q4_K_M (Vulkan, 2026)", "ryzen-ai-max-385", "llama-3.1-8b", "Q4_K_M", 41.6,
          833, context=512, source=SH),
]  # fmt: skip


@dataclass(frozen=True)
class FirstToken:
    """A measured time to first token of one request (its queue empty or short), in ms."""

    label: str
    hardware: str
    model: str
    quant: str
    engine: str
    prompt_tokens: float
    ttft_ms: float
    source: str
    fitted: bool = True


GL = (
    "gpustack/gpustack docs/performance-lab/qwen3-8b/h100-latency.md (one H100 SXM, Qwen/Qwen3-8B BF16, vllm bench"
    " serve, ShareGPT, 100 prompts, max concurrency 4: 23,260 input tokens)"
)
# the engine's fixed time before the first token (catalog/engines.toml first_token_ms) is fitted to both
FIRST_TOKEN = [
    FirstToken("H100 SXM vLLM v0.11.0, Qwen3-8B, ShareGPT at 4 concurrent", "h100-sxm-80gb", "qwen3-8b", "F16",
               "vllm", 232.6, 60.26, GL + ": median TTFT 60.26 ms (vLLM v0.11.0)"),
    FirstToken("H100 SXM SGLang v0.5.3, Qwen3-8B, ShareGPT at 4 concurrent", "h100-sxm-80gb", "qwen3-8b", "F16",
               "sglang", 232.6, 27.25, GL + ": median TTFT 27.25 ms (SGLang v0.5.3.post3)"),
]  # fmt: skip


def with_extras(catalog: Catalog) -> Catalog:
    return catalog.model_copy(
        update={
            "hardware": {**catalog.hardware, **{h.id: h for h in EXTRA_HARDWARE}},
            "local_models": {**catalog.local_models, **{m.id: m for m in EXTRA_MODELS}},
        }
    )


# Held-back figures outside the stated band, and why (the test checks that exactly these are).
OUTSIDE_BAND = {
    ("A100 80GB, Llama-2 7B Q4_0 (Dec 2023 build, prefill)", "prefill"): (
        "Dec 2023 llama.cpp: three months later the same card read a 7B model at 6,914 (Q8_0) and 8,668 (F16)"
        " prompt tokens a second (pull request 6017); the same snapshots' 7B Q4_0 prefill on an RTX 4090 is low too"
    ),
    ("RTX 4090, Llama-2 7B Q4_0", "prefill"): "Dec 2023 llama.cpp; its three runs spread from 2,343 to 5,428 tok/s",
}
