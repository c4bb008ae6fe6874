"""The JSON Schema of a user's ``catalog.toml``, generated from the catalog's own entry models (never
written by hand, so it cannot drift from what the loader accepts). Editors that read a ``#:schema``
line (Taplo, Even Better TOML) check the file as it is typed. The shipped copy is
``catalog/catalog.schema.json`` (a test keeps it in sync); `advisor catalog schema` prints it and
``--write`` puts it beside the user's file.

JSON Schema draft 7, the newest Taplo's validator reads: definitions under ``definitions``."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ConfigDict, Field, create_model

from advisor.tools.catalog import ENTRY_TYPES

DRAFT = "http://json-schema.org/draft-07/schema#"
FILE_NAME = "catalog.schema.json"
TITLE = "advisor catalog.toml"
SECTIONS = {  # what each table holds, for the editor's hover
    "cloud": "cloud models: id, provider, tier and price (with its source and date)",
    "hardware": "boxes to own or rent: memory, bandwidth, FLOPS, power, price",
    "local_models": "open-weight models: parameters, attention shape, quantisations, tier",
    "electricity": "electricity rates",
    "workloads": "workload presets",
    "efficiency": "how much of a hardware family's bandwidth and FLOPS a serving engine reaches",
    "engines": "serving engines: streams served at once, batching overhead",
    "platforms": "where cloud models are sold and the terms each offers: BAA, zero retention, regions",
    "regions": "regions data may be kept in, with their aliases and the larger regions they are part of",
    "stacks": "serving stacks that run replicas across machines: the engines they run and what each needs",
    "idle_power": "what a kind of hardware draws powered on and idle: watts, or a share of its load watts",
    "verdict": "how the pick weighs options that cost nearly the same: the near-tie share, the speed that decides",
}
DESCRIPTION = (
    "Entries that extend and override the advisor's shipped catalog: [[cloud]], [[hardware]],"
    " [[local_models]], … each whole, with the same fields. An entry with a shipped id replaces it."
)


def user_catalog_schema() -> dict[str, Any]:
    sections = {
        section.replace("-", "_"): (
            list[entry],  # type: ignore[valid-type]
            Field(default_factory=list, description=SECTIONS.get(section.replace("-", "_"), section)),
        )
        for section, entry in ENTRY_TYPES.items()
    }
    model = create_model("UserCatalog", __config__=ConfigDict(extra="forbid"), **sections)  # type: ignore[call-overload]
    schema = model.model_json_schema(ref_template="#/definitions/{model}")
    schema["definitions"] = schema.pop("$defs", {})
    head = {"$schema": DRAFT, "title": TITLE, "description": DESCRIPTION}
    return head | {key: value for key, value in schema.items() if key not in head}


def schema_text() -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(user_catalog_schema(), indent=2, ensure_ascii=False) + "\n"
