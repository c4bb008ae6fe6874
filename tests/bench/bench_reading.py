"""Benchmark (a script, not a test): the interview's reading, graded per field as right, asked or
**wrong** over every field — a value written that the label does not have is wrong too — with
privacy downgrades and hardware written from no hardware name counted apart.

Each item runs as a session runs it: every turn through the agent's turn (no language model, offline),
the state carried from turn to turn, the advisor's question before a turn taken as the one asked
(the field it is about: named by the corpus, else the interview question it is, else none). The final
state is graded against the item's labels (tests/reading_grades.py).

Run: python tests/bench/bench_reading.py [--corpus DIR ...] [--show wrong|missed|beyond|all] [--json]
Without --corpus: the old corpus (tests/corpus, a regression set in two hash splits) and the blind
train half (tests/corpus/blind/train) when it is there. Each folder is reported on its own, per split."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("ADVISOR_TODAY", "2026-11-20")  # the suite's day: retired models as the tests see them

from tests.reading_corpus import Item, load_dir
from tests.reading_grades import (
    ASKED,
    BEYOND,
    OPEN,
    RIGHT,
    UNSTATED,
    WRONG,
    grade,
    hardware_unnamed,
    privacy_downgrade,
    written_fields,
)

CORPUS = Path(__file__).parents[1] / "corpus"
DEFAULT_DIRS = [CORPUS, CORPUS / "blind" / "train"]
GRADES = (RIGHT, ASKED, OPEN, WRONG, UNSTATED)
# A quote the reader echoes: '…' opened after a space or "(" and closed before a space or
# punctuation, so an apostrophe inside ("don't") neither opens nor closes one.
QUOTED = re.compile(r"(?:^|(?<=[\s(]))'(.+?)'(?=[\s:,;).!?]|$)")
_ADVISOR_WORDS = {"each", "$500 a month"}  # the advisor's own examples inside its notes


def echoed_quotes(reading: Any) -> list[str]:
    """Every piece of the user's text the reading quotes back (notes, questions, unread, offers): the
    words in single quotes; the advisor's own words (an example, a thing to say) are in double quotes."""
    found = list(reading.unread)
    for line in [*reading.notes, *reading.ambiguous, *reading.offers]:
        for m in QUOTED.finditer(line):  # "(e.g. '0.30 €/kWh')" is the advisor's example, not an echo
            if m.group(1) not in _ADVISOR_WORDS and not line[: m.start()].rstrip().endswith("e.g."):
                found.append(m.group(1))
    return found


def load() -> list[dict[str, Any]]:
    """The old corpus's rows as written."""
    lines = [line for path in sorted(CORPUS.glob("*.jsonl")) for line in path.read_text("utf-8").splitlines()]
    return [json.loads(line) for line in lines if line.strip()]


# Questions the corpus writers were shown that the interview does not ask (yet): the field each is
# about, so an answer to one is read as the answer it is.
QUESTIONS_TO_COME = {
    "how fast must an answer come back?": "latency_seconds",
    "can this data go to a cloud provider you have a contract (baa/dpa) with, or must it stay on your hardware?": (
        "data_boundary"
    ),
    "when do the requests arrive — around the clock, office hours, overnight?": "traffic_hours",
    "what does the workload do, and how much traffic is it?": "requests_per_day",
}


def _first_sentence(text: str) -> str:
    said = " ".join(text.split()).lower()
    return re.split(r"(?<=[?.!])\s", said, maxsplit=1)[0]


def field_of_question(question: str | None) -> str | None:
    """The profile field an advisor's question is about: one of the interview's own questions (its
    first or second wording, matched on its first sentence: the writers may have seen it without its
    examples), else one of the questions to come, else none — a question the interview does not ask
    leaves the answer to be read on its own."""
    if not question:
        return None
    from advisor.interview.questions import again_texts, question_texts

    first = _first_sentence(question)
    for texts in (question_texts(), again_texts()):
        for name, text in texts.items():
            if _first_sentence(text) == first:
                return name
    return QUESTIONS_TO_COME.get(" ".join(question.split()).lower()) or QUESTIONS_TO_COME.get(first)


def _asked_in(event: Any) -> set[str]:
    """The fields a reading event's questions name (events of a reader that names them)."""
    questions = getattr(event, "questions", None) or []
    return {f for q in questions for f in (q.get("fields", []) if isinstance(q, dict) else getattr(q, "fields", []))}


def run_item(item: Item, catalog: Any) -> tuple[dict[str, Any], set[str], dict[str, Any], list[str]]:
    """The final state's label values, the fields questioned, the old corpus's checks, and the quotes
    echoed back that are not what the user typed."""
    from advisor.agent import TurnContext, run_turn
    from advisor.interview.reader import read_answer
    from advisor.state import SessionState

    state = SessionState()
    ctx = TurnContext(catalog=catalog, state=state)
    questioned: set[str] = set()
    checks: dict[str, Any] = {}
    context: dict[str, Any] = {}
    misquoted: list[str] = []
    for n, turn in enumerate(item.turns):
        if n == item.scored_from:
            context = _values(state)
        if turn.asked is not None or turn.question is not None:
            state.asked = turn.asked or field_of_question(turn.question)
        before = read_answer(turn.text, state.profile, catalog, asked=state.asked, open_choices=state.open_choices)
        typed = "\n".join(t.text for t in item.turns[: n + 1])  # a question still open quotes its own turn
        misquoted += [q for q in echoed_quotes(before) if q not in typed]
        misquoted += [e.quote for e in before.read if not e.quote.typed_in(turn.text)]
        if n == len(item.turns) - 1:
            checks = {"confirm": bool(before.offers), "unread": len(before.unread)}
        for event in run_turn(ctx, turn.text):
            questioned |= _asked_in(event)
        questioned |= {f for choice in state.open_choices for f in choice.fields}
    final = _values(state)
    unchanged = {k for k, v in context.items() if final.get(k) == v and k not in item.expect}
    return {k: v for k, v in final.items() if k not in unchanged}, questioned, checks, misquoted


def _values(state: Any) -> dict[str, Any]:
    # The profile as `ask --json` gives it: a default taken on the user's word ("overnight" as
    # 22:00–06:00, "don't know" to the electricity question) is an assumption, shown as one, not a value
    # the user stated.
    assumed = {f for f, how in state.all_sources().items() if how == "assumed"}
    values = written_fields({f: v for f, v in state.profile.model_dump().items() if f not in assumed})
    # "no hardware yet" read, or nothing read: not reading it is an open field, not a wrong False
    values["declined_hardware"] = True if "hardware" in state.declined else None
    return values


def bench(items: list[Item], catalog: Any) -> dict[str, Any]:
    """Per split: counts of each grade overall and per label key, the lines to show, and the
    privacy and hardware counts."""
    splits: dict[str, dict[str, Any]] = {}
    for item in items:
        s = splits.setdefault(
            item.split,
            {
                "items": Counter(),
                "grades": Counter(),
                "per_key": defaultdict(Counter),
                "privacy": Counter(),
                "hardware_unnamed": 0,
                "checks": defaultdict(Counter),
                "misquoted": 0,
                "items_graded": [],
                "lines": [],
            },
        )
        s["items"][item.kind] += 1
        final, questioned, checks, misquoted = run_item(item, catalog)
        grades = grade(item.expect, final, questioned, catalog, item.ids_exact, item.complete)
        text = " ⏎ ".join(t.text for t in item.turns)
        s["items_graded"].append({"id": item.id, "grades": {k: g[0] for k, g in grades.items()}})
        for key, (outcome, want, got) in grades.items():
            s["grades"][outcome] += 1
            s["per_key"][key][outcome] += 1
            if outcome != RIGHT:
                s["lines"].append((outcome, f"{item.id} {key}: {outcome}, want {want!r}, got {got!r} — {text}"))
        if down := privacy_downgrade(item.expect, final):
            s["privacy"][down] += 1
            s["lines"].append((f"privacy {down}", f"{item.id}: privacy {down} — {text}"))
        for key in hardware_unnamed(item.expect, final):
            s["hardware_unnamed"] += 1
            s["lines"].append(("hardware", f"{item.id}: {key} = {final[key]!r} with no hardware named — {text}"))
        for quote in misquoted:
            s["misquoted"] += 1
            s["lines"].append(("misquoted", f"{item.id}: quoted {quote!r}, not what was typed — {text}"))
        for key, want in item.checks.items():
            s["checks"][key]["right" if checks.get(key) == want else "missed"] += 1
    return splits


def labelled(counts: Counter) -> int:
    return counts[RIGHT] + counts[ASKED] + counts[OPEN] + counts[WRONG]


def summary(s: dict[str, Any]) -> dict[str, Any]:
    g = s["grades"]
    n = labelled(g)
    wrong = g[WRONG] + g[UNSTATED]
    return {
        "items": dict(s["items"]),
        "labelled_fields": n,
        "right": g[RIGHT],
        "asked": g[ASKED] + g[OPEN],
        "questioned": g[ASKED],
        "wrong": wrong,
        "wrong_value": g[WRONG],
        "written_unstated": g[UNSTATED],
        "written_beyond_labels": g[BEYOND],
        "right_share": g[RIGHT] / n if n else None,
        "wrong_share": wrong / n if n else None,
        "privacy_read_lower": s["privacy"]["lower"],
        "privacy_not_read": s["privacy"]["missed"],
        "hardware_with_no_name": s["hardware_unnamed"],
        "quotes_not_typed": s["misquoted"],
        "per_key": {k: dict(v) for k, v in sorted(s["per_key"].items())},
        "checks": {k: dict(v) for k, v in s["checks"].items()},
    }


def pct(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "     -"


def report(name: str, s: dict[str, Any], show: str | None) -> None:
    m = summary(s)
    n = m["labelled_fields"]
    kinds = ", ".join(f"{v} {k}" for k, v in sorted(m["items"].items()))
    print(f"\n{name}: {sum(m['items'].values())} items ({kinds}), {n} labelled fields")
    print(
        f"  right {m['right']:5} {pct(m['right'], n)}   asked {m['asked']:5} {pct(m['asked'], n)}"
        f" (questioned {m['questioned']})   wrong {m['wrong']:4} {pct(m['wrong'], n)}"
        f" (a wrong value {m['wrong_value']}, a value not stated {m['written_unstated']})"
    )
    print(f"  {'field':28} {'n':>4} {'right':>6} {'asked':>6} {'wrong':>6}")
    for key, c in sorted(s["per_key"].items(), key=lambda kv: (-labelled(kv[1]), kv[0])):
        k = labelled(c)
        print(
            f"  {key:28} {k:4} {c[RIGHT]:6} {c[ASKED] + c[OPEN]:6} {c[WRONG] + c[UNSTATED]:6}"
            + (f"   {pct(c[RIGHT], k).strip()} right" if k else "")
        )
    if m["written_beyond_labels"]:
        print(f"  written beyond labels that name only some facts (not graded): {m['written_beyond_labels']}")
    print(f"  privacy downgrades: read lower {m['privacy_read_lower']}, not read {m['privacy_not_read']}")
    print(f"  hardware written with no hardware named: {m['hardware_with_no_name']}")
    print(f"  quotes echoed that are not what was typed: {m['quotes_not_typed']}")
    for key, c in m["checks"].items():
        print(f"  check {key}: {c.get('right', 0)}/{sum(c.values())}")
    if show:
        wanted = {
            "wrong": {WRONG, UNSTATED, "privacy lower", "hardware", "misquoted"},
            "missed": {ASKED, OPEN, "privacy missed"},
            "beyond": {BEYOND},
        }.get(show)
        for outcome, line in s["lines"]:
            if wanted is None or outcome in wanted:
                print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", type=Path, help="a folder of *.jsonl items (repeatable)")
    parser.add_argument("--show", choices=["wrong", "missed", "beyond", "all"], help="list the items graded so")
    parser.add_argument("--json", action="store_true", help="the summary as JSON on stdout")
    parser.add_argument("--grades", type=Path, help="write each item's grade per field here (JSON lines), to diff runs")
    args = parser.parse_args()
    from advisor.tools.catalog import load_catalog

    catalog = load_catalog()
    dirs = args.corpus or [d for d in DEFAULT_DIRS if d.is_dir()]
    out: dict[str, Any] = {}
    graded: list[dict[str, Any]] = []
    for directory in dirs:
        if not directory.is_dir():
            raise SystemExit(f"--corpus: {directory} is not a folder")
        items = load_dir(directory)
        if not items:
            raise SystemExit(f"--corpus: no items in {directory}/*.jsonl")
        for split, s in bench(items, catalog).items():
            out[f"{directory}: {split}"] = summary(s)
            graded += s["items_graded"]
            if not args.json:
                report(f"{directory} — {split}", s, args.show)
    if args.json:
        print(json.dumps(out, indent=2))
    if args.grades:
        args.grades.write_text("".join(json.dumps(g) + "\n" for g in graded), encoding="utf-8")


if __name__ == "__main__":
    main()
