"""The reading corpora as one kind of item, whatever their format: a list of turns (the advisor's
question before each, then what the user typed) and the labelled facts of the whole conversation.

Two formats are read:
- the blind corpus (`tests/corpus/blind/…`, format in tests/corpus/README.md): one JSON object a
  line, ``{"id", "persona", "lang", "domain", "kind": "first"|"dialogue", "turns": [{"question",
  "text"}], "expect": {label key: value}}``, label keys as the field sheet names them;
- the old corpus (`tests/corpus/*.jsonl`): ``{"id", "domain", "text", "asked"?, "before"?,
  "expect"}`` with short keys (``rpd``, ``in``, …), turned into the same shape.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OLD_KEYS = {
    "rpd": "requests_per_day",
    "in": "input_tokens_per_request",
    "out": "output_tokens_per_request",
    "min": "monthly_input_tokens",
    "mout": "monthly_output_tokens",
    "privacy": "privacy",
    "offline": "offline_required",
    "budget": "budget_usd_per_month",
    "kwh": "electricity_usd_per_kwh",
    "hw": "hardware",
    "owned": "owned_hardware",
    "traffic": "traffic_hours",
    "cloud": "cloud_model",
    "local": "local_model",
    "declined_hardware": "declined_hardware",
}
CHECKS = ("confirm", "unread")  # old-corpus expectations about the reply, not about a field
HELD_OUT_SHARE = 0.3  # the old corpus's own split, by a hash of the id


@dataclass
class Turn:
    text: str
    question: str | None = None  # the advisor's question this text answers, as the writer saw it
    asked: str | None = None  # the field that question was about, when the corpus names it


@dataclass
class Item:
    id: str
    split: str
    domain: str
    turns: list[Turn]
    expect: dict[str, Any]  # label key → value; None: must stay unset
    checks: dict[str, Any] = field(default_factory=dict)
    lang: str = "en"
    kind: str = "first"
    ids_exact: bool = False  # old labels are catalog ids, compared as such
    complete: bool = True  # the labels name every fact stated; the old corpus labels only some
    scored_from: int = 0  # turns before this one are context: what they set is not graded unless labelled


def _old_split(item_id: str) -> str:
    digest = int(hashlib.sha1(item_id.encode()).hexdigest()[:8], 16)
    return "old held-out" if digest % 100 < HELD_OUT_SHARE * 100 else "old tuned"


def _old_item(row: dict[str, Any]) -> Item:
    turns = [Turn(row["before"])] if row.get("before") else []
    turns.append(Turn(row["text"], asked=row.get("asked")))
    expect, checks = {}, {}
    for key, value in row["expect"].items():
        if key in CHECKS:
            checks[key] = value
        elif key in OLD_KEYS:
            expect[OLD_KEYS[key]] = value
        else:
            raise SystemExit(f"{row['id']}: unknown expectation {key!r}")
    item = Item(row["id"], _old_split(row["id"]), row["domain"], turns, expect, checks, ids_exact=True)
    # The old corpus labels its last message only ("before" is context), and only some of its facts.
    item.scored_from, item.complete = len(turns) - 1, False
    return item


def _blind_item(row: dict[str, Any], split: str) -> Item:
    turns = [Turn(t["text"], question=t.get("question") or None, asked=t.get("asked")) for t in row["turns"]]
    return Item(
        row["id"],
        split,
        row.get("domain", ""),
        turns,
        dict(row.get("expect") or {}),
        lang=row.get("lang", "en"),
        kind=row.get("kind", "first"),
    )


def load_dir(directory: Path) -> list[Item]:
    """Every item in ``directory``'s ``*.jsonl`` files (not its subfolders). A folder whose rows have
    ``turns`` is a blind split named after the folder; rows with ``text`` are the old corpus."""
    items: list[Item] = []
    split = directory.name
    for path in sorted(directory.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{n}: not JSON ({exc.msg})") from None
            items.append(_blind_item(row, split) if "turns" in row else _old_item(row))
    return items
