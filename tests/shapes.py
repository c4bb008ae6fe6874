"""Catalog edits for tests of the no-attention-shape path (every shipped local model has a shape)."""

from __future__ import annotations

from advisor.tools.catalog import Catalog

SHAPE_FIELDS = ("layers", "kv_heads", "head_dim", "full_attention_layers", "sliding_window", "kv_bytes_per_token")


def shapeless(catalog: Catalog, model_id: str) -> Catalog:
    """The catalog with one local model's attention shape taken out, as a user's own entry may lack it."""
    model = catalog.local_models[model_id].model_copy(update=dict.fromkeys(SHAPE_FIELDS))
    return catalog.model_copy(update={"local_models": {**catalog.local_models, model_id: model}})
