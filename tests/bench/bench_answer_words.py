"""Benchmark (a script, not a test): how long the answers are that a person reads, and whether they
are in the person's language — per language of the blind corpus's train half.

Each first message runs as `advisor ask --offline --local none` runs it (in-process, a fresh session
each), then one what-if in the message's language ("what if the volume doubled?") in the same
session; each dialogue runs turn by turn, its last answer counted. For each: the words on stdout
(what the person reads), the lines on stderr, and whether the answer is in the message's language
(told from its function words, as the advisor tells a message's). A first answer "priced" is one that
gives a recommendation (a bold headline); the others ask a question first.

Run: python tests/bench/bench_answer_words.py [--corpus DIR] [--lang xx ...] [--show N] [--json]"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("ADVISOR_TODAY", "2026-11-20")  # the suite's day

from tests.reading_corpus import load_dir

CORPUS = Path(__file__).parents[1] / "corpus" / "blind" / "train"
# "What if the volume doubled?" as a person of each language asks it.
WHAT_IF = {
    "en": "What if the volume doubled?",
    "de": "Und wenn sich das Volumen verdoppelt?",
    "fr": "Et si le volume doublait ?",
    "es": "¿Y si el volumen se duplicara?",
    "it": "E se il volume raddoppiasse?",
    "nl": "En als het volume verdubbelt?",
    "pt": "E se o volume dobrasse?",
    "pl": "A jeśli wolumen się podwoi?",
}
HEADLINE = re.compile(r"^\*\*", re.MULTILINE)
TABLE_ROW = re.compile(r"^\|.*\|\s*$", re.MULTILINE)


def turn(data_dir: str, session: str, text: str, new: bool) -> tuple[str, str]:
    from advisor.cli import main

    argv = ["ask", "--offline", "--local", "none", "--data-dir", data_dir, "--session", session]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        main([*argv, *(["--new"] if new else []), "--", text])
    return out.getvalue(), err.getvalue()


def words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def in_language(text: str, lang: str) -> bool:
    from advisor.interview.language import scores

    prose = TABLE_ROW.sub("", re.sub(r"'[^']*'|„[^“]*“|«[^»]*»", "", text))  # quotes are the user's words
    ranked = sorted(scores(prose).items(), key=lambda item: item[1], reverse=True)
    return bool(ranked) and ranked[0][0] == lang


def measure(items: list[Any], data_dir: str) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        texts = [t.text for t in item.turns]
        lang = item.lang
        out = err = ""
        stderr_lines = 0
        for i, text in enumerate(texts):
            out, err = turn(data_dir, item.id, text, new=i == 0)
            stderr_lines = max(stderr_lines, len(err.strip().splitlines()))
        row = {
            "id": item.id,
            "lang": lang,
            "kind": item.kind,
            "words": words(out),
            "priced": bool(HEADLINE.search(out)),
            "in_language": in_language(out, lang),
            "stderr_lines": stderr_lines,
            "answer": out,
        }
        if row["kind"] == "first" and row["priced"]:
            what_out, what_err = turn(data_dir, item.id, WHAT_IF.get(lang, WHAT_IF["en"]), new=False)
            row |= {
                "whatif_words": words(what_out),
                "whatif_priced": bool(HEADLINE.search(what_out)),
                "whatif_in_language": in_language(what_out, lang),
                "whatif_answer": what_out,
                "stderr_lines": max(stderr_lines, len(what_err.strip().splitlines())),
            }
        rows.append(row)
    return rows


def _spread(values: list[int]) -> str:
    return f"{statistics.median(values):.0f}/{max(values)}" if values else "—"


def table(rows: list[dict[str, Any]]) -> str:
    by_lang: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_lang[row["lang"]].append(row)
    lines = [
        "| lang | first msgs | priced | first answer words med/max | in language | what-if priced |"
        " what-if words med/max | in language | dialogues: last answer words med/max | stderr lines max |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for lang in sorted(by_lang, key=lambda code: (code != "en", code)):
        group = by_lang[lang]
        first = [r for r in group if r["kind"] == "first"]
        priced = [r for r in first if r["priced"]]
        whatifs = [r for r in priced if r.get("whatif_priced")]
        dialogues = [r for r in group if r["kind"] == "dialogue"]
        lines.append(
            f"| {lang} | {len(first)} | {len(priced)} | {_spread([r['words'] for r in priced])} |"
            f" {sum(r['in_language'] for r in first)}/{len(first)} | {len(whatifs)}/{len(priced)} |"
            f" {_spread([r['whatif_words'] for r in whatifs])} |"
            f" {sum(r['whatif_in_language'] for r in priced)}/{len(priced)} |"
            f" {_spread([r['words'] for r in dialogues])} | {max((r['stderr_lines'] for r in group), default=0)} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--lang", nargs="*", default=None, help="only these languages")
    parser.add_argument("--show", type=int, default=0, help="print N answers per language")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    items = [item for item in load_dir(args.corpus) if args.lang is None or item.lang in args.lang]
    with tempfile.TemporaryDirectory() as data_dir:
        rows = measure(items, data_dir)
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False))
        return 0
    print(table(rows))
    shown: dict[str, int] = defaultdict(int)
    for row in rows:
        if shown[row["lang"]] < args.show and row["kind"] == "first":
            shown[row["lang"]] += 1
            print(f"\n=== {row['id']} ({row['lang']}) ===\n{row['answer']}")
            print(f"--- what if ---\n{row.get('whatif_answer', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
