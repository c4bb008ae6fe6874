"""Benchmark: Claude's share of what a Claude-only advisor would have spent, over a standard
20-turn session with one memo. Claude is the real `anthropic` SDK against a loopback Messages API
whose reported usage follows the request it received (4 characters per token) and a memo of a
realistic length; no network. The local side is the interview and the tools (`--local none`).

Run:  python tests/bench/bench_hybrid_share.py            (prints the table; aim: share ≤ 5%)
The same session is a test in the suite: tests/unit/test_meter.py.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.loopback import Reply, claude_message, claude_model_info, loopback

MEMO_WORDS = 420  # a one-page memo
SESSION = [
    "hi, we're a small law firm thinking about using AI for some stuff, not sure where to start",
    "mostly summarising contracts and answering questions about them",
    "maybe 800 contracts a day",
    "about 6,000 tokens in and 800 out each",
    "they're client contracts, confidential but not regulated",
    "we have a Mac Studio M4 Ultra with 192 GB",
    "electricity is about 30 cents a kWh",
    "what if volume doubles?",
    "what if we only run it 10 hours a day?",
    "how much of this really needs a frontier model? say the hardest 10%",
    "what if prices drop 20%?",
    "and if we batch the overnight work?",
    "ok, write the final recommendation memo",
    "what if we grow to 2,000 contracts a day next year?",
    "what about a used RTX 3090 instead?",
    "how long until the hardware pays back?",
    "what if electricity goes up to 40 cents?",
    "does the Mac Studio carry the load at that volume?",
    "what if half the input is cached?",
    "thanks, that's clear",
]


def _memo_reply(body: dict) -> Reply:
    sent = json.dumps(body)
    memo = " ".join(["word"] * MEMO_WORDS)
    return claude_message(f"Memo. {memo}", input_tokens=len(sent) // 4, output_tokens=len(memo) // 4)


def play(turns: list[str], data_dir: str) -> dict:
    """Play ``turns`` in one session; the spend summary as `ask --json` reports it."""
    from advisor.commands.ask_output import ask_document
    from advisor.config import load_config
    from advisor.session import Session

    saved = dict(os.environ)
    with loopback({}) as (url, recorder):
        recorder.next = lambda path: (  # type: ignore[method-assign]
            Reply(body=claude_model_info(path.rsplit("/", 1)[-1], "sonnet"))
            if path.startswith("/v1/models/")  # the first use's check of the configured model
            else _memo_reply(recorder.requests[-1]["body"])
        )
        os.environ.update(ANTHROPIC_API_KEY="sk-ant-bench-0000", ANTHROPIC_BASE_URL=url, ADVISOR_DATA_DIR=data_dir)
        try:
            session = Session.open(load_config(local="none"), session_name="bench", new=True)
            answer = ""
            for text in turns:
                for event in session.turn(text):
                    answer = getattr(event, "answer", answer)
            document = ask_document(session, answer)
            document["claude_calls"] = sum(r["path"].startswith("/v1/messages") for r in recorder.requests)
        finally:
            os.environ.clear()
            os.environ.update(saved)
    return document


def report(turns: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        spend = play(turns, tmp)
    return spend


def main() -> None:
    os.environ.setdefault("OLLAMA_HOST", "http://127.0.0.1:9")
    os.environ.setdefault("ADVISOR_CONFIG_DIR", tempfile.mkdtemp())
    os.environ.setdefault("ADVISOR_CACHE_DIR", tempfile.mkdtemp())
    rows = []
    for label, turns in (("6 turns", [*SESSION[2:7], SESSION[12]]), ("20 turns", SESSION)):
        d = report(turns)
        s = d["spend"]
        rows.append((label, d["claude_calls"], s["claude_usd"], s["all_claude_usd"], s["claude_share"]))
    print(f"all-Claude basis: {s['all_claude_basis']}")
    print(f"{'session':<10} {'Claude calls':>12} {'Claude $':>10} {'all-Claude $':>13} {'share':>7}")
    for label, calls, claude, all_claude, share in rows:
        print(f"{label:<10} {calls:>12} {claude:>10.4f} {all_claude:>13.4f} {share:>7.1%}")


if __name__ == "__main__":
    main()
