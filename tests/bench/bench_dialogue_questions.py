"""Benchmark (a script, not a test): how many questions the advisor asks over a dialogue, and how many
of them it had asked before — the turns a conversation costs the user.

Each blind dialogue runs as tests/bench/bench_reading.py runs it (every turn through the agent's turn,
offline, no language model; the writer's question before a turn taken as the one asked). After each
turn it counts what the advisor asked: the reader's questions (a reading asked back, a numbered
choice, "still open from before") as the answer shows them, and the interview's next question. A
question is **repeated** when a field it is about was asked in an earlier turn of the same dialogue;
a reminder of an open choice ("still open from before") is always one.

Run: python tests/bench/bench_dialogue_questions.py [--corpus DIR ...] [--show N] [--json]
Without --corpus: the blind train half (tests/corpus/blind/train)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("ADVISOR_TODAY", "2026-11-20")  # the suite's day, as bench_reading

from tests.bench.bench_reading import field_of_question
from tests.reading_corpus import Item, load_dir

TRAIN = Path(__file__).parents[1] / "corpus" / "blind" / "train"


def asked_in_turns(item: Item, catalog: Any) -> list[list[tuple[str, tuple[str, ...]]]]:
    """Per turn, the questions the advisor asked after it: (the question, the fields it is about)."""
    from advisor.agent import TurnContext, run_turn
    from advisor.events import FieldsRead
    from advisor.state import SessionState

    state = SessionState()
    ctx = TurnContext(catalog=catalog, state=state)
    turns = []
    for turn in item.turns:
        if turn.asked is not None or turn.question is not None:
            state.asked = turn.asked or field_of_question(turn.question)
        before = {c.question for c in state.open_choices}  # kept, they are shown as "still open" instead
        asked: list[tuple[str, tuple[str, ...]]] = []
        for event in run_turn(ctx, turn.text):
            if isinstance(event, FieldsRead):
                asked += [
                    (q["question"], tuple(q.get("fields") or ()))
                    for q in event.questions
                    if q["question"] not in before
                ]
        field = state.asked  # the interview's question, unless an open choice asks about its field already
        if field is not None and not any(field in c.fields for c in state.open_choices):
            asked.append((f"(interview) {field}", (field,)))
        turns.append(asked)
    return turns


def count(item: Item, turns: list[list[tuple[str, tuple[str, ...]]]]) -> dict[str, Any]:
    seen: set[str] = set()
    repeated: list[str] = []
    total = 0
    for asked in turns:
        now: set[str] = set()
        for question, fields in asked:
            total += 1
            if "still open" in question or (set(fields) & seen):
                repeated.append(question)
            now |= set(fields)
        seen |= now
    return {"id": item.id, "turns": len(item.turns), "questions": total, "repeated": repeated}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", type=Path, help="a folder of *.jsonl items (repeatable)")
    parser.add_argument("--show", type=int, default=0, help="list the N dialogues with the most repeated questions")
    parser.add_argument("--json", action="store_true", help="the summary as JSON on stdout")
    args = parser.parse_args()
    from advisor.tools.catalog import load_catalog

    catalog = load_catalog()
    out: dict[str, Any] = {}
    for directory in args.corpus or [TRAIN]:
        items = [i for i in load_dir(directory) if i.kind == "dialogue"]
        rows = [count(item, asked_in_turns(item, catalog)) for item in items]
        fields = Counter(
            q.split(": ")[0] if q.startswith("(interview)") else "reader" for r in rows for q in r["repeated"]
        )
        n = len(rows) or 1
        summary = {
            "dialogues": len(rows),
            "turns": sum(r["turns"] for r in rows),
            "questions": sum(r["questions"] for r in rows),
            "repeated": sum(len(r["repeated"]) for r in rows),
            "questions_per_dialogue": round(sum(r["questions"] for r in rows) / n, 2),
            "repeated_per_dialogue": round(sum(len(r["repeated"]) for r in rows) / n, 2),
            "repeated_by_kind": dict(fields.most_common()),
        }
        out[str(directory)] = summary
        if not args.json:
            print(f"\n{directory}: {summary['dialogues']} dialogues, {summary['turns']} turns")
            print(
                f"  questions asked {summary['questions']} ({summary['questions_per_dialogue']} a dialogue),"
                f" repeated {summary['repeated']} ({summary['repeated_per_dialogue']} a dialogue)"
            )
            print(f"  repeated by kind: {summary['repeated_by_kind']}")
            for r in sorted(rows, key=lambda r: -len(r["repeated"]))[: args.show]:
                print(f"    {r['id']} ({r['turns']} turns, {r['questions']} questions): {r['repeated']}")
    if args.json:
        print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
