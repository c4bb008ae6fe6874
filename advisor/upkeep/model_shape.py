"""A model's attention shape from its GGUF metadata, in the catalog's terms (local_models.toml).

Hybrid models are not flat: llama.cpp's keys say which layers keep a per-token KV cache and how:
- ``{arch}.full_attention_interval`` (Qwen3-Next, Qwen 3.5/3.6): every n-th layer is full attention,
  the others linear attention (Gated DeltaNet) with a fixed state; ``{arch}.attention.recurrent_layers``
  (a per-layer list) where a converter writes it; a per-layer ``head_count_kv`` of 0 marks a layer
  with no attention at all (Jamba, Granite 4 hybrids);
- ``{arch}.attention.sliding_window`` with ``sliding_window_pattern`` (a per-layer list, true =
  sliding, or n: every n-th layer full), or the pattern llama.cpp builds in for the architecture
  (Gemma 2: 2, Gemma 3: 6, Command R7B: 4; Llama 4's 8,192-token chunks on 3 of 4);
  ``key_length_swa`` where sliding layers have their own head dim (Gemma 4), a per-layer
  ``head_count_kv`` where their KV heads differ;
- ``{arch}.attention.shared_kv_layers``: the last n layers reuse earlier caches (Gemma 3n/4 E);
- ``{arch}.ssm.*``: the linear layers' state (conv kernel, state size, groups, heads, inner size);
- ``{arch}.nextn_predict_layers``: multi-token-prediction layers after the model's own, not run
  in plain decoding.
A pattern the metadata does not give (Ollama's /api/show leaves lists longer than a few items out)
is unknown: no shape is written then, rather than a flat one that overstates the cache.
"""

from __future__ import annotations

from typing import Any

BUILT_IN_SWA_PATTERN = {"gemma2": 2, "gemma3": 6, "cohere2": 4}  # llama.cpp's set_swa_pattern(n)
# Llama 4 attends in 8,192-token chunks on 3 of every 4 layers (its config: attention_chunk_size 8192,
# no_rope_layers); its GGUF carries no key for it (llama.cpp builds it in), unless a window of 0
# turns it off. A chunk holds at most 8,192 tokens, as a window does.
BUILT_IN_CHUNKS = {"llama4": (8192, 4)}


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _per_layer(value: Any, layers: int) -> list[int] | None:
    """A scalar for every layer, or a per-layer list; None when absent or not one per layer."""
    if isinstance(value, list):
        items = [_int(v) for v in value]
        return items if len(items) == layers and all(v is not None for v in items) else None  # type: ignore[misc]
    one = _int(value)
    return None if one is None else [one] * layers


def _flags(value: Any, layers: int) -> list[bool] | None:
    if isinstance(value, list) and len(value) == layers:
        return [bool(v) for v in value]
    return None


def _sliding(meta: dict[str, Any], arch: str, layers: int) -> tuple[int | None, list[bool] | None]:
    """The window and which layers slide over it; (None, all false) without a window, and
    (window, None) when the window is there but the pattern is not."""
    window = _int(meta.get(f"{arch}.attention.sliding_window"))
    if window is None and arch in BUILT_IN_CHUNKS:
        chunk, n = BUILT_IN_CHUNKS[arch]
        return chunk, [il % n < n - 1 for il in range(layers)]
    if not window:
        return None, [False] * layers
    pattern = meta.get(f"{arch}.attention.sliding_window_pattern")
    flags = _flags(pattern, layers)
    if flags is not None:
        return window, flags
    n = _int(pattern) or BUILT_IN_SWA_PATTERN.get(arch)
    if n:
        return window, [il % n < n - 1 for il in range(layers)]
    return window, None


def _recurrent(meta: dict[str, Any], arch: str, layers: int, kv: list[int]) -> list[bool]:
    flags = _flags(meta.get(f"{arch}.attention.recurrent_layers"), layers)
    if flags is not None:
        return flags
    interval = _int(meta.get(f"{arch}.full_attention_interval"))
    if interval:
        return [(il + 1) % interval != 0 for il in range(layers)]
    return [heads == 0 for heads in kv]


def _linear_state(meta: dict[str, Any], arch: str) -> dict[str, int] | None:
    """The catalog's ``linear_attention`` from llama.cpp's ssm keys (state = d_state × d_inner,
    conv = (kernel − 1) × (d_inner + 2 × groups × d_state), as llama.cpp sizes them)."""
    keys = ("conv_kernel", "state_size", "group_count", "time_step_rank", "inner_size")
    get = {k: _int(meta.get(f"{arch}.ssm.{k}")) for k in keys}
    if not all(get.values()) or get["inner_size"] % get["time_step_rank"]:  # type: ignore[operator]
        return None
    return {
        "key_heads": get["group_count"],
        "value_heads": get["time_step_rank"],
        "key_head_dim": get["state_size"],
        "value_head_dim": get["inner_size"] // get["time_step_rank"],  # type: ignore[operator]
        "conv_kernel": get["conv_kernel"],
        "state_bytes": 4,
    }  # type: ignore[return-value]


def shape_from_metadata(meta: dict[str, Any]) -> dict[str, Any]:
    """The catalog's shape fields (layers, kv_heads, head_dim, full_attention_layers, sliding_window,
    full_attention_kv_heads, full_attention_head_dim, linear_attention_layers, kv_shared_layers,
    linear_attention), context_tokens and, when the shape cannot be told, shape_note saying why."""
    arch = str(meta.get("general.architecture", "llama"))
    out: dict[str, Any] = {"context_tokens": _int(meta.get(f"{arch}.context_length"))}
    blocks = _int(meta.get(f"{arch}.block_count"))
    layers = (blocks or 0) - (_int(meta.get(f"{arch}.nextn_predict_layers")) or 0)
    if layers < 1:
        return out | {"shape_note": "the metadata gives no layer count"}
    heads = _per_layer(meta.get(f"{arch}.attention.head_count"), layers)
    kv = _per_layer(meta.get(f"{arch}.attention.head_count_kv"), layers) or heads
    width = _int(meta.get(f"{arch}.embedding_length"))
    head_full = _int(meta.get(f"{arch}.attention.key_length")) or (
        width // max(heads) if width and heads and max(heads) else None
    )
    head_swa = _int(meta.get(f"{arch}.attention.key_length_swa")) or head_full
    if kv is None or not head_full:
        return out | {"shape_note": "the metadata gives no KV heads or head dim"}
    window, sliding = _sliding(meta, arch, layers)
    if sliding is None:
        return out | {
            "shape_note": f"the metadata gives a {window}-token sliding window but not which layers use it"
            " (Ollama leaves per-layer lists out of /api/show): KV cache unknown"
        }
    recurrent = _recurrent(meta, arch, layers, kv)
    shared = min(_int(meta.get(f"{arch}.attention.shared_kv_layers")) or 0, layers)
    own = range(layers - shared)
    attention = [il for il in own if not recurrent[il] and kv[il] > 0]
    linear = [il for il in own if recurrent[il] or kv[il] == 0]
    if not attention:
        return out | {"shape_note": "no layer keeps a KV cache (a recurrent model): not a shape the catalog holds"}
    full = [il for il in attention if not sliding[il]]
    slid = [il for il in attention if sliding[il]]
    kv_full = max((kv[il] for il in full), default=None)
    kv_slid = max((kv[il] for il in slid), default=None)
    shape: dict[str, Any] = {"layers": layers}
    if slid and full:
        shape |= {"kv_heads": kv_slid, "head_dim": head_swa, "sliding_window": window}
        shape["full_attention_layers"] = len(full)
        if kv_full != kv_slid:
            shape["full_attention_kv_heads"] = kv_full
        if head_full != head_swa:
            shape["full_attention_head_dim"] = head_full
    elif slid:  # every attention layer slides: counted as full (the catalog's shape has no such case)
        shape |= {"kv_heads": kv_slid, "head_dim": head_swa}
    else:
        shape |= {"kv_heads": kv_full, "head_dim": head_full}
        if linear or shared:
            shape["full_attention_layers"] = len(full)
    if linear:
        shape["linear_attention_layers"] = len(linear)
        state = _linear_state(meta, arch)
        if state:
            shape["linear_attention"] = state
    if shared:
        shape["kv_shared_layers"] = shared
    return out | shape


def describe(shape: dict[str, Any]) -> str:
    """One line a user reads: '64 layers: 16 full attention, 48 linear attention (fixed state)'."""
    layers = shape["layers"]
    linear = shape.get("linear_attention_layers") or 0
    shared = shape.get("kv_shared_layers") or 0
    cached = layers - linear - shared
    full = shape.get("full_attention_layers") or cached
    parts = [f"{full} full attention"]
    if cached > full:
        parts.append(f"{cached - full} sliding over {shape['sliding_window']:,} tokens")
    if linear:
        parts.append(f"{linear} linear attention (fixed state)")
    if shared:
        parts.append(f"{shared} sharing earlier layers' caches")
    return f"{layers} layers: " + ", ".join(parts)
