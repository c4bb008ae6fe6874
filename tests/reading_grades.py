"""How one labelled fact is graded against what the reader left in the session: **right** (the
label's value), **asked** (left open with a question naming the field), **open** (left open, no
question), or **wrong** (a different value written). A field written that the label does not have
is **unstated** — wrong too: a value the text did not say. A label ``{"ambiguous": [...]}`` is right
when the reader asks about the field and wrong when it writes one.

Values are compared in the field sheet's units (tests/corpus/README.md): numbers within 1%, money
``{"eur": 2000}`` at the catalog's rate, hardware by chip and memory (``"RTX 3090 24GB"`` is right for
the catalog's RTX 3090 entries; a label without memory takes any), model names through the catalog."""

from __future__ import annotations

import re
from typing import Any

from advisor.interview.currency import rates
from advisor.tools.catalog import Catalog
from advisor.tools.profile import PRIVACY_LEVELS

RIGHT, ASKED, OPEN, WRONG, UNSTATED = "right", "asked", "open", "wrong", "unstated"
BEYOND = "beyond"  # written where labels that name only some facts say nothing: not graded
RANK = {level: i for i, level in enumerate(PRIVACY_LEVELS)}
# Label keys that name a profile field differently, and keys that are not profile fields.
FIELD_OF_KEY = {"quality": "routine_tier", "contract_providers": "contract"}
KEY_OF_FIELD = {v: k for k, v in FIELD_OF_KEY.items()}
NOT_PROFILE = ("declined_hardware", "workloads")
# Profile fields no label can carry (the sheet has no key for them): written or not, not graded.
UNGRADED = frozenset(
    {
        "hours_per_day",
        "setup_hours",
        "hourly_rate_usd",
        "maintenance_hours_per_month",
        "serving_engine",
        "streams",
        "cache_write_share",
        "cache_write_1h_share",
        "cloud_price_factor",
        "price_factors",
        "hard_tier",
        "agreement",  # BAA or DPA: the sheet has no key for the kind of contract
        "traffic_start_hour",
        "traffic_days_per_week",
        "first_token_seconds",  # the sheet's latency_seconds is the one wait; the first words' wait is apart
    }
)
HARDWARE_KEYS = ("hardware", "owned_hardware")
MODEL_SECTIONS = {"cloud_model": "cloud", "local_model": "local-models"}


def money(value: Any) -> Any:
    """``{"eur": 2000}`` → dollars at the catalog's rate; anything else as written."""
    if isinstance(value, dict) and len(value) == 1:
        ((code, amount),) = value.items()
        rate = rates().get(str(code).upper())
        if rate is not None and isinstance(amount, int | float):
            return amount * rate.usd_per_unit
    return value


def _close(want: float, got: float) -> bool:
    """Within 1%, or within the rounding of a label written to two decimals (0.11 for 0.1111)."""
    return abs(got - want) <= max(0.01 * abs(want), 0.005 if want != round(want) else 1e-9)


_CHIP = re.compile(
    r"\b(?:rtx\s*)?(?P<gpu>[2-5]0[5-9]0(?:\s*ti)?)\b|\b(?P<dc>[abhl]\d{2,3}s?|b200|gb200|mi\d{3}x?)\b"
    r"|\b(?P<apple>m[1-5]\s*(?:pro|max|ultra)?)\b|\b(?P<amd>strix\s+(?:halo|point))\b|\b(?P<dgx>dgx\s+spark)\b"
)
_GB = re.compile(r"(\d+(?:\.\d+)?)\s*gb\b")
_BOX = re.compile(r"\b(\d+)\s*(?:x|×)\s*")


def hardware_label(label: str) -> tuple[str | None, float | None, int]:
    """``"RTX 3090 24GB"`` → ("3090", 24, 1); ``"8x H100 server"`` → ("h100", None, 8)."""
    low = label.lower()
    m = _CHIP.search(low)
    chip = re.sub(r"\s+", " ", next(g for g in m.groups() if g)) if m else None
    gb = _GB.search(low)
    box = _BOX.search(low)
    return chip, float(gb.group(1)) if gb else None, int(box.group(1)) if box else 1


def hardware_right(label: str, entry_id: str, catalog: Catalog) -> bool:
    """Whether the catalog entry ``entry_id`` is the chip (and memory per card, when stated) the
    label names, as one box of the label's size."""
    entry = catalog.hardware.get(entry_id)
    if entry is None:
        return False
    chip, gb, box = hardware_label(label)
    text = f"{entry.id} {entry.name}".lower().replace("-", " ")
    if chip is None:
        return _norm(label) in {_norm(entry.id), _norm(entry.name), *(_norm(a) for a in entry.aliases)}
    if not re.search(rf"(?<![a-z0-9]){re.escape(chip)}(?![0-9])", text):
        return False
    if gb is not None:
        stated = _GB.search(entry.name.lower())
        per_card = float(stated.group(1)) / entry.units if stated else entry.memory_gb / entry.units
        if not (_close(gb, per_card) or _close(gb, per_card * entry.units)):
            return False
    return box == 1 or entry.units == box


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "", text.lower())


def model_right(label: str, entry_id: str, section: str, catalog: Catalog) -> bool:
    """A model named as people write it ("Claude Sonnet 4.6", "Llama 3.3 70B") is right when the
    catalog resolves that name to the id written, or the id is the name spelled as an id."""
    if _norm(label) == _norm(entry_id):
        return True
    return entry_id in catalog.resolve(section, label)


def _boundary_id(key: str, value: Any, catalog: Catalog) -> Any:
    """A region or a contract's party as the profile holds it: 'EU' → 'eu'; 'aws-bedrock' → 'aws'."""
    from advisor.tools.base import ToolError
    from advisor.tools.boundary import company_of, region_of

    try:
        if key == "region" and isinstance(value, str):
            return region_of(catalog, value)
        if key == "contract_providers" and isinstance(value, list):
            return [company_of(catalog, str(v)) for v in value]
    except ToolError:
        return value
    return value


def same(key: str, want: Any, got: Any, catalog: Catalog, ids_exact: bool = False) -> bool:
    want = _boundary_id(key, money(want), catalog)
    if key in HARDWARE_KEYS and isinstance(want, str) and isinstance(got, str):
        return got == want if ids_exact else hardware_right(want, got, catalog)
    if key in MODEL_SECTIONS and isinstance(want, str) and isinstance(got, str):
        return got == want if ids_exact else model_right(want, got, MODEL_SECTIONS[key], catalog)
    if isinstance(want, list) and isinstance(got, list):
        return sorted(set(map(str, want))) == sorted(set(map(str, got)))
    if want is None or isinstance(want, bool | str) or isinstance(got, bool | str) or got is None:
        return got == want
    if isinstance(want, int | float) and isinstance(got, int | float):
        return _close(float(want), float(got))
    return want == got


def written_fields(final: dict[str, Any]) -> dict[str, Any]:
    """The label keys of every graded field the session holds a value for."""
    out = {}
    for name, value in final.items():
        if value is None or name in UNGRADED:
            continue
        out[KEY_OF_FIELD.get(name, name)] = value
    return out


def grade(
    expect: dict[str, Any],
    final: dict[str, Any],
    asked_fields: set[str],
    catalog: Catalog,
    ids_exact: bool = False,
    complete: bool = True,
) -> dict[str, tuple[str, Any, Any]]:
    """Each label key (and each field written that no label has) → (grade, wanted, got).
    ``final``: label key → value the session holds (``written_fields`` plus ``declined_hardware``);
    ``asked_fields``: the label keys a question of the reader named; ``complete``: whether the labels
    name every fact the text states (else a field written that they do not name is ``BEYOND``)."""
    grades: dict[str, tuple[str, Any, Any]] = {}
    expect = box_as_cards(expect, final, catalog)
    for key, want in with_workloads(expect).items():
        got = final.get(key)
        if isinstance(want, dict) and "any_of" in want:
            choices = want["any_of"]
            if got is None:
                grades[key] = (ASKED if key in asked_fields else OPEN, want, None)
            else:
                ok = any(same(key, w, got, catalog, ids_exact) for w in choices)
                grades[key] = (RIGHT if ok else WRONG, want, got)
            continue
        if want is None:  # the old corpus's "must stay unset"
            if got is not None:
                grades[key] = (UNSTATED, None, got)
            continue
        if isinstance(want, dict) and "ambiguous" in want:
            grades[key] = (WRONG if got is not None else RIGHT if key in asked_fields else OPEN, want, got)
            continue
        if got is None and key == "declined_hardware" and want is False:
            grades[key] = (RIGHT, want, None)  # "not declined": nothing declined is what it says
        elif got is None:
            grades[key] = (ASKED if key in asked_fields else OPEN, want, None)
        else:
            grades[key] = (RIGHT if same(key, want, got, catalog, ids_exact) else WRONG, want, got)
    labelled = with_workloads(expect)
    for key, got in final.items():
        if key not in labelled and got is not None and not (key == "declined_hardware" and got is False):
            grades[key] = (UNSTATED if complete else BEYOND, None, got)
    return grades


def with_workloads(expect: dict[str, Any]) -> dict[str, Any]:
    """The labels with a message's several workloads folded in: a field some workload states (and the
    top level does not) is right when the session holds any workload's value for it — one
    workload's reading of a message about several is not a value the text did not state."""
    out = {k: v for k, v in expect.items() if k != "workloads"}
    for workload in expect.get("workloads") or []:
        for key, value in workload.items():
            if key == "name" or (key in out and not (isinstance(out[key], dict) and "any_of" in out[key])):
                continue
            out.setdefault(key, {"any_of": []})["any_of"].append(value)
    return out


def box_as_cards(expect: dict[str, Any], final: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    """A box of N cards owned, ``"8x H100 server"`` × 1, is N of its cards: the labels as the reader
    writes owned hardware (cards, which the cost side groups into nodes) when the session holds that
    card, as many as the box has. Anything else: the labels as written."""
    want, got, units = expect.get("owned_hardware"), final.get("owned_hardware"), final.get("owned_units")
    boxes = expect.get("owned_units", 1)
    entry = catalog.hardware.get(got) if isinstance(got, str) else None
    if not isinstance(want, str) or entry is None or entry.units != 1 or not isinstance(boxes, int | float):
        return expect
    _, _, per_box = hardware_label(want)
    card = _BOX.sub("", want, count=1)
    if per_box < 2 or not isinstance(units, int | float) or not _close(per_box * boxes, units):
        return expect
    if not hardware_right(card, got, catalog):
        return expect
    return {**expect, "owned_hardware": card, "owned_units": per_box * boxes}


def privacy_downgrade(expect: dict[str, Any], final: dict[str, Any]) -> str | None:
    """'lower' when a stated class was read lower, 'missed' when it was not read at all."""
    want = expect.get("privacy")
    if not isinstance(want, str) or want not in RANK:
        return None
    got = final.get("privacy")
    if got is None:
        return "missed"
    return "lower" if RANK.get(got, -1) < RANK[want] else None


def hardware_unnamed(expect: dict[str, Any], final: dict[str, Any]) -> list[str]:
    """Hardware written where the label names none at all: set from words that name no hardware."""
    if any(expect.get(key) is not None for key in HARDWARE_KEYS):
        return []
    return [key for key in HARDWARE_KEYS if final.get(key) is not None]
