"""The dated catalog: cloud prices, hardware, open-weight models, electricity, workloads.

Plain TOML files shipped in the ``catalog`` package, validated by pydantic on load. A user file
(``catalog.toml`` in the config dir, or any path given) extends and overrides the shipped entries
by id. Every error names the file, the entry and the field.
"""

from __future__ import annotations

import difflib
import tomllib
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from advisor.tools import clock
from advisor.tools.base import ToolError, short
from advisor.tools.tomlfile import TomlFileError, read_toml
from advisor.tools.userfile import TOML_MAX_BYTES, UserFileError, read_text

Tier = Literal["frontier", "strong", "budget"]
TIER_RANK: dict[str, int] = {"budget": 0, "strong": 1, "frontier": 2}
STALE_AFTER_DAYS = 120
# Bounds no real entry comes near (the dearest list price is tens of dollars per million tokens, the
# dearest box a few hundred thousand): a price past them is a typo or a damaged feed, never data.
MAX_USD_PER_MILLION_TOKENS = 10_000.0
MAX_HARDWARE_USD = 100_000_000.0
MAX_HOURLY_USD = 100_000.0

SECTIONS = {
    "cloud": ("cloud.toml", "model"),
    "hardware": ("hardware.toml", "hardware"),
    "local-models": ("local_models.toml", "model"),
    "electricity": ("electricity.toml", "rate"),
    "workloads": ("workloads.toml", "workload"),
    "efficiency": ("efficiency.toml", "efficiency"),
    "engines": ("engines.toml", "engine"),
    "platforms": ("platforms.toml", "platform"),
    "regions": ("regions.toml", "region"),
    "stacks": ("serving_stacks.toml", "stack"),
    "currencies": ("currency.toml", "currency"),
    "idle-power": ("idle_power.toml", "idle"),
    "verdict": ("verdict.toml", "verdict"),
}


class CatalogError(ValueError):
    """A catalog file or entry that does not validate; the message names file, entry and field."""


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, allow_inf_nan=False)


class Sourced(_Entry):
    source: str = Field(min_length=1)
    as_of: date
    note: str = ""


UsdPerMillion = Annotated[float, Field(ge=0, le=MAX_USD_PER_MILLION_TOKENS)]


class PricePoint(Sourced):
    """Dollars per million tokens, as the provider (or a seed) published them on ``as_of``."""

    input: UsdPerMillion
    output: UsdPerMillion
    cache_read: UsdPerMillion | None = None
    cache_write_5m: UsdPerMillion | None = None
    cache_write_1h: UsdPerMillion | None = None
    long_context_threshold: int | None = Field(default=None, gt=0)
    long_context_input: UsdPerMillion | None = None
    long_context_output: UsdPerMillion | None = None
    peak_hours_per_day: float | None = Field(default=None, gt=0, lt=24, description="hours a day at peak prices")
    peak_input: UsdPerMillion | None = None
    peak_output: UsdPerMillion | None = None
    peak_cache_read: UsdPerMillion | None = None

    @model_validator(mode="after")
    def _long_context_complete(self) -> PricePoint:
        parts = (self.long_context_threshold, self.long_context_input, self.long_context_output)
        if any(p is not None for p in parts) and not all(p is not None for p in parts):
            raise ValueError("long_context_threshold, long_context_input and long_context_output go together")
        peak = (self.peak_hours_per_day, self.peak_input, self.peak_output)
        if any(p is not None for p in peak) and not all(p is not None for p in peak):
            raise ValueError("peak_hours_per_day, peak_input and peak_output go together")
        return self


class CloudModel(_Entry):
    id: str
    name: str
    provider: str
    aliases: list[str] = []
    tier: Tier
    tier_basis: str = Field(min_length=1)
    context_tokens: int | None = Field(default=None, gt=0)
    batch_discount: float | None = Field(default=None, ge=0, lt=1)
    open_weights: bool = False
    retires: date | None = Field(default=None, description="end of life; not picked after it")
    platform: str | None = Field(
        default=None, description="platforms.toml id of where it is sold (default: the platform selling its provider)"
    )
    same_as: str | None = Field(default=None, description="catalog id of the same model sold on another platform")
    api_id: str | None = Field(default=None, description="the id the platform's API takes, where it differs from id")
    price: PricePoint
    history: list[PricePoint] = []
    note: str = ""


class Measured(Sourced):
    """A tokens/second figure someone measured (or a seed reported) for one model on one box."""

    local_model: str
    quant: str | None = None
    tokens_per_second_low: float = Field(gt=0)
    tokens_per_second_high: float = Field(gt=0)
    prefill_tokens_per_second: float | None = Field(default=None, gt=0)
    streams: int = Field(default=1, ge=1, description="parallel streams the decode figure is the aggregate of")
    context_tokens: int | None = Field(default=None, gt=0, description="prompt or context size measured at")
    allocated_context_tokens: int | None = Field(
        default=None, gt=0, description="the context the server held a stream (its --ctx-size), where known"
    )
    kv_cache_type: str = Field(default="f16", description="the KV cache type measured with (f16, q8_0, q4_0)")
    machine: str = Field(default="", description="set by `advisor bench`: the machine it ran on")


class Compute(Sourced):
    """Dense FP16 tensor throughput of one card (no sparsity), as the vendor publishes it or derived."""

    fp16_tflops: float = Field(gt=0)
    derived: bool = Field(default=False, description="not published: ALUs × 2 × clock")


class Hardware(Sourced):
    id: str
    name: str
    kind: Literal["owned", "rented"] = "owned"
    aliases: list[str] = []
    price_usd: float | None = Field(default=None, ge=0, le=MAX_HARDWARE_USD)
    price_basis: str = Field(
        default="",
        description="how price_usd was had when it is not the source's own figure ('estimate: …' and how it"
        " was built), or what it leaves out that no source prices",
    )
    hourly_usd: float | None = Field(default=None, ge=0, le=MAX_HOURLY_USD)
    used: bool = False
    units: int = Field(default=1, ge=1)
    card: str | None = Field(default=None, description="hardware id of one of its cards (a multi-card box)")
    memory_gb: float = Field(gt=0, description="usable memory for weights and cache, all units")
    watts: float | None = Field(default=None, ge=0)
    bandwidth_gb_s: float | None = Field(default=None, gt=0)
    bandwidth_basis: str = ""
    family: str | None = Field(default=None, description="efficiency family: geforce, apple, datacenter, …")
    compute: Compute | None = None
    parallelism: Literal["layer-split", "tensor"] = Field(
        default="layer-split", description="how several cards in one box share a model"
    )
    server: bool = Field(
        default=False, description="a rack server (host included): fleets of them run behind a load balancer"
    )
    host_included: bool = Field(
        default=True, description="false for a GPU sold alone: offered only when the team owns or names it"
    )
    engine: str | None = Field(
        default=None, description="the serving engine it runs unless the profile names one (servers: vllm)"
    )
    measured: list[Measured] = []

    @model_validator(mode="after")
    def _priced(self) -> Hardware:
        if self.kind == "owned" and self.price_usd is None:
            raise ValueError("owned hardware needs price_usd")
        if self.kind == "rented" and self.hourly_usd is None:
            raise ValueError("rented hardware needs hourly_usd")
        return self


class LinearAttention(_Entry):
    """The fixed-size state of one linear-attention layer (Gated DeltaNet, Mamba-2), from the model's
    config: a recurrent state of value_heads × key_head_dim × value_head_dim and a convolution
    state of (conv_kernel − 1) × (2 × key_heads × key_head_dim + value_heads × value_head_dim)
    values a stream, held in ``state_bytes`` (fp32 in llama.cpp and vLLM) whatever the context."""

    key_heads: int = Field(gt=0, description="linear_num_key_heads (GGUF ssm.group_count)")
    value_heads: int = Field(gt=0, description="linear_num_value_heads (GGUF ssm.time_step_rank)")
    key_head_dim: int = Field(gt=0, description="linear_key_head_dim (GGUF ssm.state_size)")
    value_head_dim: int = Field(gt=0, description="linear_value_head_dim (GGUF ssm.inner_size / value heads)")
    conv_kernel: int = Field(default=4, ge=1, description="linear_conv_kernel_dim (GGUF ssm.conv_kernel)")
    state_bytes: int = Field(default=4, gt=0, description="bytes a state value takes (fp32: 4)")

    def bytes_per_layer(self) -> int:
        recurrent = self.value_heads * self.key_head_dim * self.value_head_dim
        channels = 2 * self.key_heads * self.key_head_dim + self.value_heads * self.value_head_dim
        conv = (self.conv_kernel - 1) * channels
        return (recurrent + conv) * self.state_bytes


class LocalModel(Sourced):
    id: str
    name: str
    aliases: list[str] = []
    params_b: float = Field(gt=0, description="parameters stored (what the weights take in memory), billions")
    active_params_b: float | None = Field(
        default=None,
        gt=0,
        description="parameters multiplied per token where fewer than stored: MoE's active experts, Gemma E's"
        " effective count (per-layer embedding tables are only looked up)",
    )
    layers: int | None = Field(default=None, gt=0)
    kv_heads: int | None = Field(default=None, gt=0)
    head_dim: int | None = Field(default=None, gt=0)
    kv_bytes_per_token: float | None = Field(
        default=None, gt=0, description="fp16 K+V bytes per token; given directly for MLA models"
    )
    full_attention_layers: int | None = Field(
        default=None, gt=0, description="layers with their own cache attending to the whole context (default: all)"
    )
    sliding_window: int | None = Field(default=None, gt=0, description="tokens the other layers keep")
    full_attention_kv_heads: int | None = Field(
        default=None, gt=0, description="KV heads of the full-attention layers where they differ (Gemma 4)"
    )
    full_attention_head_dim: int | None = Field(
        default=None, gt=0, description="head dim of the full-attention layers where it differs (Gemma 4)"
    )
    linear_attention_layers: int | None = Field(
        default=None, ge=0, description="layers with a fixed-size recurrent state and no per-token cache (Qwen 3.5/3.6)"
    )
    kv_shared_layers: int | None = Field(
        default=None, ge=0, description="layers reusing an earlier layer's cache, holding none of their own (Gemma 4 E)"
    )
    linear_attention: LinearAttention | None = Field(
        default=None, description="the linear-attention layers' fixed state a stream (Qwen 3.5/3.6)"
    )
    shape_source: str = Field(default="", description="where layers, KV heads and head dim come from")
    context_tokens: int | None = Field(default=None, gt=0)
    quants: dict[str, float] = Field(
        default_factory=lambda: {"Q4_K_M": 4.85}, description="quant name → bits per weight"
    )
    gguf_gb: dict[str, float] = Field(default_factory=dict, description="quant → file size, GB")
    tier: Tier
    tier_basis: str = Field(min_length=1)
    license: str = ""

    @model_validator(mode="after")
    def _shape_adds_up(self) -> LocalModel:
        if self.linear_attention is not None and not self.linear_attention_layers:
            raise ValueError("linear_attention needs linear_attention_layers (how many layers keep that state)")
        if self.active_params_b is not None and self.active_params_b > self.params_b:
            raise ValueError(f"active_params_b {self.active_params_b:g} is more than params_b {self.params_b:g}")
        if self.layers is None:
            return self
        cached = self.layers - (self.linear_attention_layers or 0) - (self.kv_shared_layers or 0)
        if cached < 1:
            raise ValueError(
                f"linear_attention_layers and kv_shared_layers leave none of the {self.layers} layers with a cache"
            )
        if self.full_attention_layers is not None and self.full_attention_layers > cached:
            raise ValueError(
                f"full_attention_layers {self.full_attention_layers} is more than the {cached} layers with a cache"
            )
        return self


Status = Literal["yes", "no", "unknown"]


class Term(Sourced):
    """One data-handling fact of a platform as its source states it: yes, no, or unknown (no source
    says). Unknown never passes a requirement."""

    status: Status
    terms: str = Field(default="", description="what it takes: the plan, how it is switched on")


class RegionTerm(Sourced):
    """A region a platform can keep processing in, and how (the endpoint, the parameter, the price)."""

    region: str = Field(min_length=1, description="regions.toml id, or 'global' (processed anywhere)")
    via: str = Field(min_length=1, description="how, in a few words: the endpoint, profile or parameter")
    price_factor: float = Field(default=1.0, gt=0, le=3, description="price × this when processing stays there")
    priced: bool = Field(default=True, description="False: no source read gives the price of processing there")
    endpoints: list[str] = Field(
        default=[], description="the platform's own region names that process here (globs: 'eu-*', 'europe-*')"
    )
    models: list[str] = Field(default=[], description="catalog ids it applies to (empty: every model sold there)")
    terms: str = Field(default="", description="how: the endpoint, parameter or profile")


class Platform(_Entry):
    """Where a cloud model is sold (Anthropic's API, AWS Bedrock, Vertex AI, …) and the terms it offers
    for regulated data: a BAA, zero data retention, the regions it processes in — each sourced and dated."""

    id: str
    name: str
    company: str = Field(min_length=1, description="who a BAA or DPA is signed with (aws, google, microsoft, …)")
    company_name: str = Field(min_length=1, description="the company as people write it (AWS, Google, …)")
    aliases: list[str] = []
    providers: list[str] = Field(default=[], description="cloud entries of these providers are sold here")
    baa: Term
    zero_retention: Term
    regions: list[RegionTerm] = Field(default=[], description="where processing can stay; empty: no source says")
    api_model: str = Field(
        default="{model}", description="the model id a request names, from the model's api_id and the region"
    )
    note: str = ""


class Region(_Entry):
    id: str
    name: str
    aliases: list[str] = []
    within: list[str] = Field(default=[], description="larger regions it is part of (de: eu, europe)")


class ElectricityRate(Sourced):
    id: str
    name: str
    aliases: list[str] = []
    usd_per_kwh: float = Field(gt=0, lt=5)


class Workload(Sourced):
    id: str
    name: str
    aliases: list[str] = []
    requests_per_day: float = Field(gt=0)
    input_tokens_per_request: float = Field(ge=0)
    output_tokens_per_request: float = Field(ge=0)
    privacy: Literal["public", "internal", "sensitive", "regulated"] = "internal"
    frontier_share: float = Field(default=0.0, ge=0, le=1)
    hours_per_day: float = Field(default=24, gt=0, le=24)


class EngineEfficiency(Sourced):
    """How much of a hardware family's bandwidth and FLOPS one serving engine reaches: fitted points
    with their ranges (cost-model.md, "Capacity of owned hardware")."""

    id: str
    name: str = ""
    aliases: list[str] = []
    family: str
    engine: str
    mbu: float = Field(gt=0, le=1)
    mbu_low: float = Field(gt=0, le=1)
    mbu_high: float = Field(gt=0, le=1)
    mfu: float = Field(gt=0, le=1)
    mfu_low: float = Field(gt=0, le=1)
    mfu_high: float = Field(gt=0, le=1)
    t0_ms: float = Field(ge=0, description="fixed milliseconds per decode step")
    fitted_to: list[str] = []

    @model_validator(mode="after")
    def _ranges(self) -> EngineEfficiency:
        if not (self.mbu_low <= self.mbu <= self.mbu_high and self.mfu_low <= self.mfu <= self.mfu_high):
            raise ValueError("each point must lie within its low–high range")
        return self


class Engine(Sourced):
    """A serving engine: how many streams it serves by default and what batching costs in it."""

    id: str
    name: str
    aliases: list[str] = []
    default_streams: int | None = Field(default=None, ge=1, description="None: as many as memory holds")
    max_streams: int = Field(default=256, ge=1)
    batch_overhead: float = Field(ge=0, le=1, description="extra share of a weight read per extra stream")
    stream_ms: float = Field(
        default=0.0,
        ge=0,
        description="fixed milliseconds each extra stream adds to a step on the host (scheduling, sampling)",
    )
    stream_gpu_ms: float = Field(
        default=0.0,
        ge=0,
        description="milliseconds each extra stream adds on one GPU (its attention, its kernels); a tensor-parallel"
        " group splits them",
    )
    tensor_parallel: bool = False
    first_token_ms: float = Field(
        default=0.0,
        ge=0,
        description="fixed milliseconds before a request's first token beyond its prefill (handling, scheduling,"
        " streaming)",
    )
    kv_cache_bytes: dict[str, float] = Field(
        default_factory=lambda: {"f16": 2.0}, description="KV cache type → bytes an element (f16: 2)"
    )
    precisions: dict[str, str] = Field(
        default_factory=dict,
        description="the model quantisations (local_models quants) it serves, each as the engine names its"
        " precision ('Q4_K_M' → 'INT4 (AWQ/GPTQ W4A16)'); empty: every quant, by its own name",
    )

    def precision(self, quant: str) -> str | None:
        """How this engine names ``quant``'s precision; None when it does not serve it."""
        if not self.precisions:
            return quant
        return self.precisions.get(quant)


class ServingStack(Sourced):
    """An existing project that runs replicas of a serving engine across machines (or one machine)
    behind a router: what it serves and what it needs. The advisor sizes a fleet and names these;
    it deploys nothing."""

    id: str
    name: str
    aliases: list[str] = []
    engines: list[str] = Field(min_length=1, description="engine ids it runs replicas of")
    across_machines: bool = Field(description="spreads replicas over several machines (not one box only)")
    needs: list[str] = Field(min_length=1, description="what a team must run to use it")
    routing: str = Field(min_length=1, description="how it spreads requests over replicas")


class Currency(Sourced):
    """A currency and its euro reference rate (units per euro, as the ECB publishes it): figures in
    dollars are shown in it at ``per_eur`` ÷ the dollar's ``per_eur``."""

    id: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code")
    name: str
    aliases: list[str] = Field(default=[], description="signs and words people write it with: €, eur, euros")
    per_eur: float = Field(gt=0, lt=1e6)


class IdlePower(Sourced):
    """What a kind of hardware draws powered on and serving nothing: published or measured watts, or a
    share of its load watts (the ``default`` entry is that rule for every kind without its own)."""

    id: str = Field(description="hardware id, or 'default' (the rule for kinds without an entry)")
    name: str = ""
    aliases: list[str] = []
    watts: float | None = Field(default=None, ge=0, description="idle watts of one box, as hardware watts are")
    share_of_load: float | None = Field(default=None, ge=0, le=1, description="idle as a share of the load watts")
    estimate: bool = Field(default=False, description="not measured on this kind: said so in answers")

    @model_validator(mode="after")
    def _one_figure(self) -> IdlePower:
        if (self.watts is None) == (self.share_of_load is None):
            raise ValueError("give watts or share_of_load (one of them)")
        return self


class VerdictRule(Sourced):
    """How the pick weighs options that cost nearly the same (cost-model.md, "The pick"): within
    ``share`` of the cheapest passing option two options are a near-tie — and answers call a margin
    under it close; in a near-tie, owned hardware that carries the load goes first, then a local
    request at least ``faster_factor`` times as fast."""

    id: str = Field(description="'near-tie'")
    name: str = ""
    aliases: list[str] = []
    share: float = Field(ge=0, lt=1, description="the near-tie: a share of the cheapest option's cost")
    faster_factor: float = Field(ge=1, description="how many times as fast a request must be to decide a near-tie")


NEAR_TIE = "near-tie"


ENTRY_TYPES: dict[str, type[_Entry]] = {
    "cloud": CloudModel,
    "hardware": Hardware,
    "local-models": LocalModel,
    "electricity": ElectricityRate,
    "workloads": Workload,
    "efficiency": EngineEfficiency,
    "engines": Engine,
    "platforms": Platform,
    "regions": Region,
    "stacks": ServingStack,
    "currencies": Currency,
    "idle-power": IdlePower,
    "verdict": VerdictRule,
}


class Catalog(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    cloud: dict[str, CloudModel]
    hardware: dict[str, Hardware]
    local_models: dict[str, LocalModel]
    electricity: dict[str, ElectricityRate]
    workloads: dict[str, Workload]
    efficiency: dict[str, EngineEfficiency] = {}
    engines: dict[str, Engine] = {}
    platforms: dict[str, Platform] = {}
    regions: dict[str, Region] = {}
    stacks: dict[str, ServingStack] = {}
    currencies: dict[str, Currency] = {}
    idle_power: dict[str, IdlePower] = {}
    verdict: dict[str, VerdictRule] = {}
    files: list[str] = []

    def section(self, name: str) -> dict[str, _Entry]:
        return getattr(self, name.replace("-", "_"))

    def platform_of(self, model: CloudModel) -> Platform | None:
        """Where ``model`` is sold: its own platform, else the one selling its provider; None when the
        catalog has no terms for it (every boundary fact unknown)."""
        if model.platform is not None:
            return self.platforms.get(model.platform)
        return next((p for p in self.platforms.values() if model.provider in p.providers), None)

    def get(self, section: str, entry_id: str, field: str) -> _Entry:
        """The entry, or a CatalogLookupError naming the field, the value and the closest ids."""
        entries = self.section(section)
        if entry_id in entries:
            return entries[entry_id]
        resolved = self.resolve(section, entry_id)
        if len(resolved) == 1:
            return entries[resolved[0]]
        raise CatalogLookupError(field, entry_id, resolved or self.closest(section, entry_id))

    def resolve(self, section: str, text: str) -> list[str]:
        """Ids whose id, name or alias matches ``text`` (case, spaces and dashes ignored)."""
        key = _norm(text)
        if not key:
            return []
        entries = self.section(section)
        exact = [
            eid for eid, e in entries.items() if key in {_norm(eid), _norm(e.name), *(_norm(a) for a in e.aliases)}
        ]
        return exact

    def closest(self, section: str, text: str, n: int = 3) -> list[str]:
        entries = self.section(section)
        names: dict[str, str] = {}
        for eid, e in entries.items():
            for label in (eid, e.name, *e.aliases):
                names.setdefault(_norm(label), eid)
        hits = difflib.get_close_matches(_norm(text), list(names), n=n * 3, cutoff=0.5)
        out: list[str] = []
        for h in hits:
            if names[h] not in out:
                out.append(names[h])
        return out[:n]

    def find(self, section: str, text: str) -> str | None:
        """One id for loosely typed text ("sonnet 4.5", "Opus"), or None when ambiguous/unknown."""
        exact = self.resolve(section, text)
        if len(exact) == 1:
            return exact[0]
        close = self.closest(section, text, n=2)
        return close[0] if len(close) == 1 else None


class CatalogLookupError(ToolError):
    """An id the catalog does not hold, with the closest ids as the hint."""

    def __init__(self, field: str, value: str, suggestions: list[str]):
        self.suggestions = suggestions
        hint = f"did you mean {', '.join(suggestions)}?" if suggestions else "see `advisor catalog list`"
        super().__init__(field, value, f"is not in the catalog; {hint}")


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum() or ch == ".")


def _entry(entry_type: type[_Entry], raw: object, where: str) -> _Entry:
    """One validated entry; a CatalogError naming file, entry and field otherwise."""
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: must be a table of fields, got {short(raw)}")
    if "id" in raw and (not isinstance(raw["id"], str) or not raw["id"].strip()):
        raise CatalogError(f"{where}: id: must be a non-empty string (got {short(raw['id'])})")
    try:
        return entry_type.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "entry"
        raise CatalogError(f"{where}: {field}: {err['msg']} (got {short(err.get('input'))})") from None


def _entry_name(raw: object, i: int) -> str:
    name = raw.get("id") if isinstance(raw, dict) else None
    return short(name, 60).strip("'\"") if isinstance(name, str) and name.strip() else f"#{i + 1}"


def _load_file(text: str, filename: str, section: str) -> dict[str, _Entry]:
    _, key = SECTIONS[section]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{filename}: not valid TOML: {exc}") from None
    out: dict[str, _Entry] = {}
    for i, raw in enumerate(data.get(key, [])):
        entry = _entry(ENTRY_TYPES[section], raw, f"{filename}: [[{key}]] {_entry_name(raw, i)}")
        if entry.id in out:
            raise CatalogError(f"{filename}: [[{key}]] {entry.id}: duplicate id")
        out[entry.id] = entry
    return out


def _load_user_file(path: Path, sections: dict[str, dict[str, _Entry]]) -> None:
    """A user file may hold any of the sections' tables: ``[[cloud]]``, ``[[hardware]]``, …"""
    try:
        data = read_toml(path)
    except TomlFileError as exc:
        raise CatalogError(str(exc)) from None
    tables = {section.replace("-", "_"): section for section in ENTRY_TYPES}
    for table, entries in data.items():
        if table not in tables:
            close = difflib.get_close_matches(table, list(tables), n=1)
            hint = f"did you mean [[{close[0]}]]?" if close else f"sections are {', '.join(tables)}"
            raise CatalogError(f"{path}: [[{table[:40]}]]: unknown section; {hint}")
        if not isinstance(entries, list):
            raise CatalogError(
                f"{path}: {table}: must be entries written [[{table}]] (an array of tables), got {short(entries)}"
            )
        seen: set[str] = set()
        for i, raw in enumerate(entries):
            entry = _entry(ENTRY_TYPES[tables[table]], raw, f"{path}: [[{table}]] {_entry_name(raw, i)}")
            if entry.id in seen:
                raise CatalogError(f"{path}: [[{table}]] {entry.id}: duplicate id (entry #{i + 1}); ids must differ")
            seen.add(entry.id)
            sections[tables[table]][entry.id] = entry


def load_catalog(user_files: tuple[Path, ...] = ()) -> Catalog:
    """The shipped catalog, with each user file (if it exists) extending and overriding it."""
    root = resources.files("advisor.catalog")
    sections: dict[str, dict[str, _Entry]] = {}
    files: list[str] = []
    for section, (filename, _) in SECTIONS.items():
        text = (root / filename).read_text(encoding="utf-8")
        sections[section] = _load_file(text, filename, section)
        files.append(f"catalog/{filename}")
    for path in user_files:
        if path.exists():
            _load_user_file(path, sections)
            files.append(str(path))
    catalog = Catalog(
        cloud=sections["cloud"],
        hardware=sections["hardware"],
        local_models=sections["local-models"],
        electricity=sections["electricity"],
        workloads=sections["workloads"],
        efficiency=sections["efficiency"],
        engines=sections["engines"],
        platforms=sections["platforms"],
        regions=sections["regions"],
        stacks=sections["stacks"],
        currencies=sections["currencies"],
        idle_power=sections["idle-power"],
        verdict=sections["verdict"],
        files=files,
    )
    _check_references(catalog)
    return catalog


def _check_references(catalog: Catalog) -> None:
    families = {e.family for e in catalog.efficiency.values()}
    for stack in catalog.stacks.values():
        unknown = [e for e in stack.engines if catalog.engines and e not in catalog.engines]
        if unknown:
            raise CatalogError(f"stack {stack.id}: engines: unknown engine {unknown[0]!r}")
    for hw in catalog.hardware.values():
        if hw.engine is not None and catalog.engines and hw.engine not in catalog.engines:
            raise CatalogError(f"hardware {hw.id}: engine: unknown engine {hw.engine!r}")
        if hw.card is not None and hw.card not in catalog.hardware:
            raise CatalogError(f"hardware {hw.id}: card: unknown hardware id {hw.card!r}")
        if hw.family is not None and families and hw.family not in families:
            known = ", ".join(sorted(families))
            raise CatalogError(f"hardware {hw.id}: family: unknown family {hw.family!r}; known: {known}")
        for m in hw.measured:
            if m.local_model not in catalog.local_models:
                raise CatalogError(f"hardware {hw.id}: measured.local_model: unknown id {m.local_model!r}")
            _check_under_bandwidth(hw, m, catalog.local_models[m.local_model])
    _check_platforms(catalog)
    _check_idle_power(catalog)
    if NEAR_TIE not in catalog.verdict:
        raise CatalogError(
            f"verdict: needs a {NEAR_TIE!r} entry (how the pick weighs options that cost nearly the same)"
        )


def _check_idle_power(catalog: Catalog) -> None:
    """Each idle figure names a hardware kind (or is the ``default`` rule) and is no more than its load."""
    if catalog.idle_power and "default" not in catalog.idle_power:
        raise CatalogError("idle_power: needs a 'default' entry (the rule for kinds without their own)")
    for idle in catalog.idle_power.values():
        if idle.id == "default":
            if idle.share_of_load is None:
                raise CatalogError("idle_power default: share_of_load: the default is a share of the load watts")
            continue
        hw = catalog.hardware.get(idle.id)
        if hw is None:
            raise CatalogError(f"idle_power {idle.id}: id: unknown hardware id {idle.id!r}")
        if idle.watts is not None and hw.watts is not None and idle.watts > hw.watts:
            raise CatalogError(f"idle_power {idle.id}: watts: {idle.watts:g} W idle is above its {hw.watts:g} W load")


def _check_platforms(catalog: Catalog) -> None:
    """Every platform, region and same-model id a cloud entry or a platform names exists."""

    def known(kind: str, value: str, ids: dict, where: str) -> None:
        if value not in ids:
            raise CatalogError(f"{where}: unknown {kind} {value!r}; known: {', '.join(sorted(ids)) or 'none'}")

    for model in catalog.cloud.values():
        if model.platform is not None:
            known("platform", model.platform, catalog.platforms, f"cloud {model.id}: platform")
        if model.same_as is not None:
            known("cloud id", model.same_as, catalog.cloud, f"cloud {model.id}: same_as")
    for region in catalog.regions.values():
        for larger in region.within:
            known("region", larger, catalog.regions, f"region {region.id}: within")
    for platform in catalog.platforms.values():
        for term in platform.regions:
            if term.region != "global":
                known("region", term.region, catalog.regions, f"platform {platform.id}: regions")
            for model_id in term.models:
                known("cloud id", model_id, catalog.cloud, f"platform {platform.id}: regions.models")


def _check_under_bandwidth(hw: Hardware, m: Measured, model: LocalModel) -> None:
    """A "measured" single-stream speed above bandwidth / active weight bytes is impossible."""
    if hw.bandwidth_gb_s is None or m.streams > 1:
        return
    quant = m.quant if m.quant in model.quants else min(model.quants, key=model.quants.__getitem__)
    params = model.active_params_b or model.params_b
    active_gb = params * model.quants[quant] / 8
    ceiling = hw.bandwidth_gb_s / active_gb
    if m.tokens_per_second_high > ceiling * 1.02:
        raise CatalogError(
            f"hardware {hw.id}: measured {m.local_model} {quant}: {m.tokens_per_second_high:g} tokens/s is above"
            f" the bandwidth ceiling ({hw.bandwidth_gb_s:g} GB/s ÷ {active_gb:.1f} GB = {ceiling:.1f} tokens/s);"
            " check the figure and its source"
        )


@lru_cache(maxsize=8)
def default_catalog(user_files: tuple[Path, ...] = ()) -> Catalog:
    return load_catalog(user_files)


def validate_file(path: Path) -> int:
    """Validate one catalog file (shipped layout or user layout); the number of entries."""
    sections = {s: {} for s in ENTRY_TYPES}
    name = path.name
    for section, (filename, _) in SECTIONS.items():
        if name == filename:
            try:
                text = read_text(path, TOML_MAX_BYTES, "catalog file")
            except UserFileError as exc:
                raise CatalogError(str(exc)) from None
            return len(_load_file(text, str(path), section))
    _load_user_file(path, sections)
    return sum(len(v) for v in sections.values())


def per_usd(catalog: Catalog, code: str) -> float | None:
    """Units of ``code`` one dollar buys at the catalog's euro reference rates; None when unknown."""
    currency, dollar = catalog.currencies.get(code), catalog.currencies.get("USD")
    if currency is None or dollar is None:
        return None
    return currency.per_eur / dollar.per_eur


def currency_named(catalog: Catalog, sign: str) -> Currency | None:
    """The currency a sign or word names ("€", "eur", "Pounds"), or None."""
    key = sign.strip().lower()
    return next((c for c in catalog.currencies.values() if key == c.id.lower() or key in c.aliases), None)


def stale_prices(catalog: Catalog, ids: list[str], today: date | None = None) -> list[str]:
    """Cloud ids among ``ids`` whose current price is older than STALE_AFTER_DAYS."""
    today = today or clock.today()
    return [i for i in ids if i in catalog.cloud and (today - catalog.cloud[i].price.as_of).days > STALE_AFTER_DAYS]
