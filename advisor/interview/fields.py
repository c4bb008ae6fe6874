"""One field's value typed by hand (``/set hardware "two used 3090s"``): names resolved to ids."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, get_args, get_origin

from advisor.errors import UsageError
from advisor.interview.names import find_id
from advisor.interview.privacy import read_privacy
from advisor.tools.catalog import Catalog
from advisor.tools.profile import PRIVACY_LEVELS

ID_SECTIONS = {
    "hardware": "hardware",
    "owned_hardware": "hardware",
    "cloud_model": "cloud",
    "local_model": "local-models",
    "serving_engine": "engines",
}


def resolve_id_field(name: str, value: str, catalog: Catalog) -> object:
    """The value to set: a catalog id for the id fields (or a UsageError naming the closest ids), a
    privacy class for words like "HIPAA"; anything else unchanged, for the profile to validate."""
    if name in ("region", "contract"):
        return _boundary_value(name, value, catalog)
    section = ID_SECTIONS.get(name)
    if section is not None:
        ids = find_id(catalog, section, value)
        if len(ids) == 1:
            return ids[0]
        if ids:
            raise UsageError(f"{name}: {value!r} could be {', '.join(ids)}; say which")
        close = catalog.closest(section, value)
        hint = f"did you mean {', '.join(close)}?" if close else "see `advisor catalog list`"
        raise UsageError(f"{name}: unknown id {value!r}; {hint}")
    if name == "privacy" and value.lower() not in PRIVACY_LEVELS:
        reading = read_privacy(value)
        return (reading.or_higher[0] if reading.or_higher else reading.level) or value
    if name == "privacy":
        return value.lower()
    return value


def _boundary_value(name: str, value: str, catalog: Catalog) -> object:
    """``/set region Germany`` → 'de'; ``/set contract AWS Bedrock, Anthropic`` → ['aws', 'anthropic'];
    a region or company the catalog does not know is one line naming the known ones."""
    from advisor.tools.base import ToolError
    from advisor.tools.boundary import company_of, region_of

    try:
        if name == "region":
            return region_of(catalog, value)
        return [company_of(catalog, part) for part in value.replace(";", ",").split(",") if part.strip()]
    except ToolError as exc:
        raise UsageError(str(exc)) from None


def field_choices(model_fields: Mapping[str, Any]) -> dict[str, list[str]]:
    """The values a field takes when they are a closed set ('data_boundary': on_site, contract, …)."""
    out = {}
    for name, info in model_fields.items():
        if found := _literal_values(info.annotation):
            out[name] = found
    return out


def _literal_values(annotation: Any) -> list[str]:
    if get_origin(annotation) is Literal:
        return [str(a) for a in get_args(annotation)]
    return [v for arg in get_args(annotation) for v in _literal_values(arg)] if get_origin(annotation) else []


def value_of_another_field(name: str, value: str, catalog: Catalog) -> str | None:
    """The field a value refused by ``name`` is one of ('/set data_boundary eu': 'eu' is a region),
    among the fields whose values are a closed set: choices, or ids and names the catalog holds."""
    from pydantic import ValidationError

    from advisor.tools.profile import WorkloadProfile

    closed = [*field_choices(WorkloadProfile.model_fields), "region", "contract"]
    for other in (f for f in closed if f != name):
        try:
            WorkloadProfile.model_validate({other: resolve_id_field(other, value, catalog)})
        except (UsageError, ValidationError):
            continue
        return other
    return None
