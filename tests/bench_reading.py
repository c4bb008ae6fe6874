"""Benchmark (a script, not a test): the interview's reader against the corpus in tests/corpus/.
Prints accuracy per field for the tuned share and the held-out share, every privacy downgrade
(a message whose stated class was read lower, or not at all), and every quote echoed back that is
not exactly what the user typed.

Run: python tests/bench_reading.py [--split tuned|held-out|all] [--show-misses]"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from advisor.interview.currency import rates
from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import PRIVACY_LEVELS, WorkloadProfile

CORPUS = Path(__file__).parent / "corpus"
HELD_OUT_SHARE = 0.3
FIELDS = {
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
}
RANK = {level: i for i, level in enumerate(PRIVACY_LEVELS)}
# A quote the reader echoes: '…' opened after a space or "(" and closed before a space or
# punctuation, so an apostrophe inside ("don't") neither opens nor closes one.
QUOTED = re.compile(r"(?:^|(?<=[\s(]))'(.+?)'(?=[\s:,;).!?]|$)")
_ADVISOR_WORDS = {"each", "$500 a month"}  # the advisor's own examples inside its notes


def echoed_quotes(reading: Any) -> list[str]:
    """Every piece of the user's text the reading quotes back (notes, questions, unread, offers)."""
    found = list(reading.unread)
    for line in [*reading.notes, *reading.ambiguous, *reading.offers]:
        found += [q for q in QUOTED.findall(line) if q not in _ADVISOR_WORDS]
    return found


def split_of(message_id: str) -> str:
    digest = int(hashlib.sha1(message_id.encode()).hexdigest()[:8], 16)
    return "held-out" if digest % 100 < HELD_OUT_SHARE * 100 else "tuned"


def load() -> list[dict[str, Any]]:
    rows = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def expected_value(value: Any) -> Any:
    """``{"eur": 2000}`` → dollars at the catalog's rate; anything else as written."""
    if isinstance(value, dict):
        ((code, amount),) = value.items()
        return amount * rates()[code.upper()].usd_per_unit
    return value


def right(expected: Any, got: Any) -> bool:
    if expected is None or isinstance(expected, bool | str):
        return got == expected
    if got is None or isinstance(got, bool | str):
        return False
    return abs(got - expected) <= max(0.01 * abs(expected), 1e-9)


def score(row: dict[str, Any], catalog) -> tuple[dict[str, tuple[bool, Any, Any]], str | None, list[str]]:
    profile, open_choices = WorkloadProfile(), []
    if row.get("before"):  # the message before, whose reading asked a question with options
        first = read_answer(row["before"], profile, catalog)
        profile = WorkloadProfile.model_validate({**profile.model_dump(), **first.changes})
        open_choices = first.open_choices
    reading = read_answer(row["text"], profile, catalog, asked=row.get("asked"), open_choices=open_choices)
    misquoted = [q for q in echoed_quotes(reading) if q not in row["text"]]
    results: dict[str, tuple[bool, Any, Any]] = {}
    for key, expected in row["expect"].items():
        if key in FIELDS:
            want, got = expected_value(expected), reading.changes.get(FIELDS[key])
        elif key == "confirm":
            want, got = expected, bool(getattr(reading, "offers", []))
        elif key == "unread":
            want, got = expected, len(getattr(reading, "unread", []))
        elif key == "declined_hardware":
            want, got = expected, "hardware" in reading.declined
        else:
            raise SystemExit(f"{row['id']}: unknown expectation {key!r}")
        results[key] = (right(want, got), want, got)
    downgrade = None
    want = row["expect"].get("privacy")
    if want is not None:
        got = reading.changes.get("privacy")
        if got is None or RANK[got] < RANK[want]:
            downgrade = f"{row['id']}: expected {want}, read {got or 'nothing'} — {row['text']}"
    return results, downgrade, misquoted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tuned", "held-out", "all"], default="tuned")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    catalog = load_catalog()
    rows = load()
    splits = ["tuned", "held-out"] if args.split == "all" else [args.split]
    print(f"corpus: {len(rows)} messages, {len({r['domain'] for r in rows})} domains")
    for split in splits:
        chosen = [r for r in rows if split_of(r["id"]) == split]
        per_field: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        downgrades, misses, misquotes = [], [], []
        for row in chosen:
            results, downgrade, misquoted = score(row, catalog)
            misquotes += [f"{row['id']}: '{q}' — {row['text']}" for q in misquoted]
            for key, (ok, want, got) in results.items():
                per_field[key][0] += ok
                per_field[key][1] += 1
                if not ok:
                    misses.append(f"{row['id']} {key}: want {want!r}, got {got!r} — {row['text']}")
            if downgrade:
                downgrades.append(downgrade)
        total = [sum(v[0] for v in per_field.values()), sum(v[1] for v in per_field.values())]
        print(f"\n{split}: {len(chosen)} messages, {total[0]}/{total[1]} fields right ({total[0] / total[1]:.1%})")
        for key in sorted(per_field, key=lambda k: -per_field[k][1]):
            good, n = per_field[key]
            print(f"  {key:18} {good:4}/{n:<4} {good / n:6.1%}")
        print(f"  privacy downgrades: {len(downgrades)}")
        for line in downgrades:
            print(f"    {line}")
        print(f"  quotes not in the text: {len(misquotes)}")
        for line in misquotes:
            print(f"    {line}")
        if args.show_misses:
            print("  misses:")
            for line in misses:
                print(f"    {line}")


if __name__ == "__main__":
    main()
