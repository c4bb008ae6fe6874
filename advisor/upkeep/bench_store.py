"""Save an `advisor bench` result into the user's catalog (``catalog.toml`` beside config.toml).

The bench owns one block of that file, between two marker lines: the ``this-machine`` hardware entry
with every measurement taken here (one per model, quant and stream count; a new run replaces the
old one), and the local-model entries the shipped catalog lacks. Everything outside the block is
the user's and is kept byte for byte. The file is validated before it replaces the old one.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from advisor.tools.capacity import HERE
from advisor.tools.catalog import Catalog
from advisor.upkeep.bench import BenchResult
from advisor.upkeep.catalog_block import read_catalog_text, replace_block, split_block, toml_table
from advisor.upkeep.model_shape import describe

BEGIN = "# >>> advisor bench: measurements of this machine (rewritten by `advisor bench`) >>>"
END = "# <<< advisor bench <<<"


def local_model_id(result: BenchResult, catalog: Catalog) -> str:
    """The catalog id the measured model goes by: an existing id its name resolves to, else its slug."""
    for text in (result.model.name, result.model.slug, result.model.name.split(":")[0]):
        found = catalog.find("local-models", text)
        if found:
            return found
    return result.model.slug


def _allocated(result: BenchResult) -> dict[str, Any]:
    """The context the backend held a stream, where it says (llama.cpp's n_ctx)."""
    return {"allocated_context_tokens": result.allocated_context_tokens} if result.allocated_context_tokens else {}


def _measurements(result: BenchResult, model_id: str) -> list[dict[str, Any]]:
    out = []
    single = result.phases[0]
    for phase in result.phases:
        out.append(
            {
                "local_model": model_id,
                "quant": result.model.quant,
                "tokens_per_second_low": round(phase.decode_tokens_per_second, 3),
                "tokens_per_second_high": round(phase.decode_tokens_per_second, 3),
                "prefill_tokens_per_second": round(single.prefill_tokens_per_second, 3),
                "streams": phase.streams,
                "context_tokens": result.input_tokens,
                **_allocated(result),
                "kv_cache_type": result.kv_cache_type,
                "machine": result.machine,
                "source": f"advisor bench ({result.backend}), {result.input_tokens} tokens in, "
                f"{result.output_tokens} out, {phase.streams} stream(s)",
                "as_of": result.measured_on,
            }
        )
    return out


def _model_entry(result: BenchResult, model_id: str) -> dict[str, Any]:
    facts = result.model
    bits = facts.bits_per_weight or 4.85
    entry: dict[str, Any] = {
        "id": model_id,
        "name": facts.name,
        "aliases": [facts.name],
        "params_b": round(facts.params_b or 1.0, 4),
        "quants": {facts.quant: round(bits, 3)},
        "tier": "budget",
        "tier_basis": "measured with `advisor bench`; no quality source: budget until told otherwise",
        "source": f"advisor bench ({result.backend})",
        "as_of": result.measured_on,
    }
    if facts.context_tokens:
        entry["context_tokens"] = facts.context_tokens
    shape = facts.shape()
    if shape.get("layers") and shape.get("kv_heads") and shape.get("head_dim"):
        entry |= shape
        entry["shape_source"] = f"the model file's metadata ({result.backend}): {describe(shape)}"
    elif facts.shape_note:
        entry["note"] = f"no attention shape: {facts.shape_note}"
    return entry


def updated_block(old_block: str, result: BenchResult, catalog: Catalog, memory_gb: float) -> tuple[str, str]:
    """The new bench block's text and the model id the measurement was saved under."""
    data = tomllib.loads(old_block) if old_block.strip() else {}
    model_id = local_model_id(result, catalog)
    boxes = [h for h in data.get("hardware", []) if h.get("id") == HERE]
    box = boxes[0] if boxes else {}
    new = _measurements(result, model_id)
    keys = {(m["local_model"], m["quant"], m["streams"]) for m in new}
    kept = [m for m in box.get("measured", []) if (m["local_model"], m.get("quant"), m.get("streams", 1)) not in keys]
    box = {
        "id": HERE,
        "name": f"This machine: {result.machine}",
        "aliases": ["here", "this machine", "my machine"],
        "price_usd": 0,
        "memory_gb": round(memory_gb, 1) or 1,
        "family": "generic",
        "source": "advisor bench",
        "as_of": result.measured_on,
        "note": "Measured here with `advisor bench`; no purchase price (already owned). Set price_usd,"
        " watts and bandwidth_gb_s in your catalog.toml outside this block to cost and estimate it.",
        "measured": kept + new,
    }
    models = [m for m in data.get("local_models", []) if m.get("id") != model_id]
    if model_id not in catalog.local_models or any(m.get("id") == model_id for m in data.get("local_models", [])):
        models.append(_model_entry(result, model_id))
    lines = [BEGIN]
    for model in models:
        lines += ["", "[[local_models]]", *toml_table(model)]
    lines += ["", "[[hardware]]", *toml_table({k: v for k, v in box.items() if k != "measured"})]
    for m in box["measured"]:
        lines += ["[[hardware.measured]]", *toml_table(m)]
    lines.append(END)
    return "\n".join(lines) + "\n", model_id


def save(result: BenchResult, path: Path, catalog: Catalog, memory_gb: float) -> str:
    """Write the measurement into ``path``; the model id it was saved under. Validated first."""
    text = read_catalog_text(path)
    own, old_block = split_block(text, BEGIN, END)
    block, model_id = updated_block(old_block, result, catalog, memory_gb)
    replace_block(path, own, block)
    return model_id
