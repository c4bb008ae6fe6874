"""`advisor import ~/.gemini`: Gemini CLI's chat recordings built as its ChatRecordingService writes
them — each reply written without its tokens and again with them, a rewind, a sub-agent's file
under its parent's session, and an older version's single-document session with the JSONL copy a
resume makes of it. The expected figures are a hand count of the replies below, written out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.measure.source import detect, import_usage
from advisor.tools.catalog import default_catalog
from tests.usage_fixtures import gemini_meta_line, gemini_reply_lines, gemini_user_line, write_lines

FLASH, PRO = "gemini-2.5-flash", "gemini-2.5-pro"  # Pro is not in the catalog


def build_gemini(home: Path) -> Path:
    gemini = home / ".gemini"
    chats = gemini / "tmp" / "5e1f0c" / "chats"
    session = "4f1c2d3e-0000-4000-8000-000000000001"
    g1 = gemini_reply_lines(
        "g1", "2025-10-01T09:00:05.000Z", FLASH, {"input": 8000, "cached": 6000, "output": 400, "thoughts": 250}
    )
    write_lines(
        chats / "session-2025-10-01T09-00-4f1c2d3e.jsonl",
        [
            gemini_meta_line(session, "5e1f0c", "2025-10-01T09:00:00.000Z"),
            gemini_user_line("u1", "2025-10-01T09:00:00.000Z"),
            *g1,
            gemini_user_line("u2", "2025-10-01T09:02:00.000Z"),
            *gemini_reply_lines("g2", "2025-10-01T09:02:04.000Z", FLASH, {"input": 9000, "output": 100, "tool": 300}),
            json.dumps({"$rewindTo": "u2"}),  # rewound: g2 was still a request, and billed
            *gemini_reply_lines(
                "g3", "2025-10-01T09:03:00.000Z", PRO, {"input": 12000, "output": 700, "thoughts": 500}
            ),
            json.dumps({"$set": {"messages": [json.loads(g1[1])], "lastUpdated": "2025-10-01T09:04:00.000Z"}}),
        ],
    )
    write_lines(
        chats / session / "7a7a7a7a-sub.jsonl",
        [  # a sub-agent, under its parent session
            gemini_meta_line("7a7a7a7a-sub", "5e1f0c", "2025-10-01T09:02:30.000Z"),
            *gemini_reply_lines("g4", "2025-10-01T09:02:40.000Z", FLASH, {"input": 3000, "output": 50}),
        ],
    )
    old = gemini / "tmp" / "9a8b7c" / "chats"
    g5 = json.loads(
        gemini_reply_lines(
            "g5", "2025-09-30T10:00:03.000Z", FLASH, {"input": 2000, "cached": 1000, "output": 80, "thoughts": 20}
        )[1]
    )
    old.mkdir(parents=True)
    (old / "session-2025-09-30T10-00-9a8b7c6d.json").write_text(
        json.dumps(
            {
                "sessionId": "9a8b7c6d-old",
                "projectHash": "9a8b7c",
                "startTime": "2025-09-30T10:00:00.000Z",
                "lastUpdated": "2025-09-30T10:00:03.000Z",
                "messages": [json.loads(gemini_user_line("u5", "2025-09-30T10:00:00.000Z")), g5],
            },
            indent=2,
        )
    )
    write_lines(
        old / "session-2025-09-30T10-00-9a8b7c6d.jsonl",
        [  # resumed: the old document copied, then more
            gemini_meta_line("9a8b7c6d-old", "9a8b7c", "2025-09-30T10:00:00.000Z"),
            gemini_user_line("u5", "2025-09-30T10:00:00.000Z"),
            json.dumps(g5, separators=(",", ":")),
            *gemini_reply_lines("g6", "2025-10-02T11:00:00.000Z", FLASH, {"input": 2500, "output": 60}),
        ],
    )
    return gemini


# The hand count. Input = prompt (cached included) + tool-use prompt; output = candidates + thoughts.
FLASH_INPUT = 8000 + (9000 + 300) + 3000 + 2000 + 2500  # g1, g2, g4, g5, g6: 24,800
FLASH_CACHED = 6000 + 1000
FLASH_OUTPUT = (400 + 250) + 100 + 50 + (80 + 20) + 60  # 960
# $0.30 a million uncached input, $0.03 cached, $2.50 output
FLASH_USD = ((FLASH_INPUT - FLASH_CACHED) * 0.30 + FLASH_CACHED * 0.03 + FLASH_OUTPUT * 2.50) / 1e6  # $0.00795


def test_gemini_hand_count(tmp_path: Path) -> None:
    gemini = build_gemini(tmp_path)
    assert detect(gemini) == detect(gemini / "tmp") == "gemini-cli"
    assert detect(next((gemini / "tmp" / "9a8b7c" / "chats").glob("*.json"))) == "gemini-cli"
    m = import_usage(gemini, default_catalog(), quiet=True)
    assert (m.records, m.duplicates, m.skipped, m.files) == (6, 1, 0, 4)  # g5's copy in the resumed file
    mix = {u.model: (u.requests, u.input_tokens, u.cached_input_tokens, u.output_tokens) for u in m.models}
    assert mix == {FLASH: (5, FLASH_INPUT, FLASH_CACHED, FLASH_OUTPUT), PRO: (1, 12000, 0, 1200)}
    assert m.usd == pytest.approx(FLASH_USD)
    assert m.unpriced_models == [PRO] and f"not in the catalog, so not priced: {PRO}" in m.notes
    assert m.window.label() == "2025-09-30 to 2025-10-02 UTC (3 days)"


def test_gemini_projects(tmp_path: Path, capsys) -> None:
    assert main(["import", str(build_gemini(tmp_path)), "--by", "project", "--json", "--quiet"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert {r["key"]: r["requests"] for r in rows} == {"5e1f0c": 4, "9a8b7c": 2}


def test_a_session_moved_out_of_its_folder_is_still_gemini(tmp_path: Path) -> None:
    """One recording copied elsewhere, in either format, is told by its first record."""
    gemini = build_gemini(tmp_path / "home")
    for found in (gemini / "tmp" / "9a8b7c" / "chats").iterdir():
        moved = tmp_path / f"copy{found.suffix}"
        moved.write_bytes(found.read_bytes())
        assert detect(moved) == "gemini-cli"
        assert import_usage(moved, default_catalog(), quiet=True).models[0].model == FLASH
