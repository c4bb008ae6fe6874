"""A one-workload session answers exactly as before sessions held workloads: scripted conversations
through `advisor ask --json` (--local none, offline), turn by turn, against the documents the code
before workloads (main at f1fd7f6) gave for them — the answer's text, the recommendation, the
options, the assumptions, the scenario of a what-if, the profile's fields as they were.

When a change to the one-workload answer is intended (new wording, a better reading), write the
documents again and say so in the commit: `python -m tests.unit.test_one_workload_as_before --write`."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parents[1] / "data" / "one_workload_answers.json"
CONVERSATIONS = {
    "triage": [
        "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data",
        "what if volume doubles?",
        "/set electricity_usd_per_kwh 0.30",
        "we already have two 3090s",
        "what if cloud prices drop 20%?",
    ],
    "contracts": [
        "800 contracts a day, 6k in and 800 out, patient records under HIPAA",
        "what if we used claude haiku 4.5 instead?",
        "our budget is $500 a month",
    ],
    "german": [
        "ca. 1.200 Schriftsätze die Woche, je 8.000 Token rein und 1.500 raus",
        "interne Daten",
        "none",
    ],
}
# The parts of the document the code before workloads wrote; new keys (workloads, plan) are not compared.
KEYS = ("answer", "recommendation", "options", "assumptions", "scenario", "unread", "given", "notices", "read")
PROFILE_KEYS_BEFORE = None  # the profile's keys as they were: read from the golden file


def turn_document(session: str, text: str) -> dict:
    from advisor.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(["ask", "--local", "none", "--offline", "--json", "--session", session, text])
    assert status == 0, text
    return json.loads(out.getvalue())


def conversation(name: str) -> list[dict]:
    """Each turn's document, reduced to what the comparison looks at."""
    out = []
    for text in CONVERSATIONS[name]:
        doc = turn_document(name, text)
        kept = {key: doc.get(key) for key in KEYS}
        kept["profile"] = doc.get("profile")
        out.append(kept)
    return out


@pytest.mark.parametrize("name", sorted(CONVERSATIONS))
def test_a_one_workload_session_answers_as_before(name):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    now = conversation(name)
    assert len(now) == len(golden)
    for turn, (before, after) in enumerate(zip(golden, now, strict=True)):
        text = CONVERSATIONS[name][turn]
        for key in KEYS:
            assert after[key] == before[key], f"{name}, turn {turn + 1} ({text!r}): {key} differs"
        profile = {k: after["profile"].get(k) for k in before["profile"]}  # new fields may be added
        assert profile == before["profile"], f"{name}, turn {turn + 1}: profile differs"


def write() -> None:
    """Run every conversation on a fresh data dir, at the suite's pinned date, and write the file."""
    from tests.conftest import TODAY

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(
            ADVISOR_TODAY=TODAY,
            ADVISOR_DATA_DIR=f"{tmp}/data",
            ADVISOR_CONFIG_DIR=f"{tmp}/config",
            ADVISOR_CACHE_DIR=f"{tmp}/cache",
        )
        os.environ.pop("ANTHROPIC_API_KEY", None)
        documents = {name: conversation(name) for name in sorted(CONVERSATIONS)}
    GOLDEN.write_text(json.dumps(documents, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")


if __name__ == "__main__" and "--write" in sys.argv:
    write()
