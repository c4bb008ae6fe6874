"""A small catalog built in code, so the interview tests do not depend on the shipped data, and
helpers shared by the interview tests. (No tests here.)"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from advisor.tools.catalog import Catalog, CloudModel, Hardware, LocalModel, default_catalog, load_catalog
from advisor.tools.profile import WorkloadProfile

AS_OF = date(2026, 5, 1)


def _cloud(cid: str, name: str, provider: str, price: tuple[float, float], aliases: list[str] | None = None, **kw: Any):
    return CloudModel(
        id=cid,
        name=name,
        provider=provider,
        aliases=aliases or [],
        tier=kw.pop("tier", "strong"),
        tier_basis="test",
        price={"source": "test", "as_of": AS_OF, "input": price[0], "output": price[1]},
        **kw,
    )


def _hardware(hid: str, name: str, price: float, memory: float, aliases: list[str] | None = None, **kw: Any):
    return Hardware(
        id=hid, name=name, source="test", as_of=AS_OF, price_usd=price, memory_gb=memory, aliases=aliases or [], **kw
    )


def _local(mid: str, name: str, params: float, aliases: list[str] | None = None):
    return LocalModel(
        id=mid,
        name=name,
        source="test",
        as_of=AS_OF,
        params_b=params,
        tier="strong",
        tier_basis="test",
        aliases=aliases or [],
    )


def build_small_catalog() -> Catalog:
    """Ids as the real catalog spells them, but few aliases: the matcher has to do the work."""
    cloud = [
        _cloud("claude-sonnet-4-5", "Claude Sonnet 4.5", "anthropic", (3, 15)),
        _cloud("claude-sonnet-4-6", "Claude Sonnet 4.6", "anthropic", (3, 15)),
        _cloud("claude-haiku-4-5", "Claude Haiku 4.5", "anthropic", (1, 5), ["haiku"]),
        _cloud("claude-3-haiku", "Claude 3 Haiku", "anthropic", (0.25, 1.25), tier="budget"),
        _cloud("claude-opus-4-1", "Claude Opus 4.1", "anthropic", (15, 75), tier="frontier"),
        _cloud("claude-opus-4-5", "Claude Opus 4.5", "anthropic", (5, 25), tier="frontier"),
        _cloud("claude-opus-4-7", "Claude Opus 4.7", "anthropic", (5, 25), tier="frontier"),
        _cloud("gpt-5", "GPT-5", "openai", (1.25, 10), tier="frontier"),
        _cloud("gpt-5-mini", "GPT-5 mini", "openai", (0.25, 2)),
        _cloud("gemini-2.5-flash", "Gemini 2.5 Flash", "google", (0.3, 2.5)),
        _cloud("deepseek-v4-flash", "DeepSeek V4 Flash", "deepseek", (0.14, 0.28), tier="budget"),
        _cloud("deepseek-v4-pro", "DeepSeek V4 Pro", "deepseek", (0.435, 0.87)),
        _cloud("llama-4-scout", "Llama 4 Scout (hosted)", "hosted", (0.08, 0.3), tier="budget"),
    ]
    hardware = [
        _hardware("rtx-4090-24gb", "NVIDIA RTX 4090 (24 GB)", 1600, 24),
        _hardware("rtx-5090-32gb", "NVIDIA RTX 5090 (32 GB) PC", 2000, 32),
        _hardware("rtx-3090-24gb-used", "NVIDIA RTX 3090 (24 GB), used", 700, 24, used=True),
        _hardware("dual-rtx-3090-48gb-used", "2 × NVIDIA RTX 3090 (48 GB), used", 1200, 48, used=True, units=2),
        _hardware("mac-studio-m4-ultra-128gb", "Mac Studio M4 Ultra (128 GB)", 4000, 128),
        _hardware("mac-studio-m4-ultra-192gb", "Mac Studio M4 Ultra (192 GB)", 6000, 192),
        _hardware("mac-studio-m4-max-64gb", "Mac Studio M4 Max (64 GB)", 1999, 64),
        _hardware("macbook-pro-m4-max-64gb", "MacBook Pro M4 Max (64 GB)", 3200, 64),
        _hardware("framework-desktop-strix-halo-128gb", "Framework Desktop (Strix Halo, 128 GB)", 1999, 128),
    ]
    local = [
        _local("llama-3.3-70b", "Llama 3.3 70B Instruct", 70),
        _local("llama-3.1-8b", "Llama 3.1 8B Instruct", 8),
        _local("qwen3-8b", "Qwen3 8B", 8),
        _local("qwen-3.6-27b", "Qwen 3.6 27B", 27),
        _local("llama-4-scout", "Llama 4 Scout", 109),
    ]
    return Catalog(
        cloud={c.id: c for c in cloud},
        hardware={h.id: h for h in hardware},
        local_models={m.id: m for m in local},
        electricity={},
        workloads={},
        verdict=default_catalog().verdict,  # the shipped near-tie rule
    )


def load_real_catalog() -> Catalog:
    """The shipped catalog, or a skip: that data is written elsewhere, and its absence is not a
    failure of the interview."""
    try:
        return load_catalog()
    except Exception as exc:
        pytest.skip(f"shipped catalog does not load: {exc}")


EMPTY = WorkloadProfile()
PER_REQUEST = WorkloadProfile(
    requests_per_day=5000, input_tokens_per_request=2000, output_tokens_per_request=300, privacy="internal"
)
MONTHLY = WorkloadProfile(monthly_input_tokens=300e6, monthly_output_tokens=40e6, privacy="internal")


def approx_changes(expected: dict[str, Any]) -> dict[str, Any]:
    """``expected`` with every float compared approximately (1e-9 relative)."""
    return {k: pytest.approx(v, rel=1e-9) if isinstance(v, float) else v for k, v in expected.items()}
