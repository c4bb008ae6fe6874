"""A message id names one API response: a line that repeats a counted message id is a copy,
whichever request id it carries. Claude Code writes such copies in three ways, built here as it
writes them:

- a side question (`/btw`) runs as ``subagents/agent-aside_question-*.jsonl`` (``isSidechain``) and
  re-logs every earlier assistant message of its parent under the side question's own request id,
  then its own answer;
- an auto-compaction runs as ``subagents/agent-acompact-*.jsonl`` and does the same before its summary;
- a resumed session's new file copies earlier messages as they were (same ids), and a gateway that
  sends no ``request-id`` header leaves ``requestId`` out of a copy altogether.

The expected figures are a hand count of the calls below, written out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.measure.source import import_usage
from advisor.tools.catalog import default_catalog
from tests.usage_fixtures import Call, assistant_lines, user_line, write_lines

M1 = Call(
    "msg_01",
    "req_01",
    "2025-10-01T09:00:00.000Z",
    input_tokens=10,
    cache_read=4000,
    cache_write_5m=500,
    output_tokens=200,
    blocks=2,
)
M2 = Call("msg_02", "req_02", "2025-10-01T09:02:00.000Z", input_tokens=5, cache_read=4500, output_tokens=120)
M3 = Call(
    "msg_03",
    "req_03",
    "2025-10-01T09:04:00.000Z",
    input_tokens=8,
    cache_read=4700,
    cache_write_5m=300,
    output_tokens=90,
)
BTW = Call(
    "msg_btw", "req_btw", "2025-10-01T09:05:00.000Z", input_tokens=12, cache_read=5000, output_tokens=60, sidechain=True
)  # the side question's own answer
COMPACT = Call(
    "msg_compact",
    "req_compact",
    "2025-10-02T10:00:00.000Z",
    input_tokens=20,
    cache_read=5000,
    output_tokens=800,
    sidechain=True,
)  # the compaction's summary
M4 = Call("msg_04", "req_04", "2025-10-03T11:00:00.000Z", input_tokens=6, cache_read=5200, output_tokens=150)
TASK = Call(
    "msg_task",
    "req_task",
    "2025-10-01T09:03:00.000Z",
    input_tokens=30,
    cache_write_1h=1000,
    output_tokens=40,
    sidechain=True,
)  # a Task sub-agent's own request


def build_tree(root: Path) -> Path:
    """~/.claude/projects with one project: a session, its side question, its compaction, a Task
    sub-agent and the session resumed into a new file. Returns ~/.claude."""
    claude = root / ".claude"
    project = claude / "projects" / "-home-dev-app"
    write_lines(
        project / "sessA.jsonl",
        [
            user_line("sessA", "2025-10-01T08:59:00.000Z"),
            *assistant_lines("sessA", M1),
            *assistant_lines("sessA", M2),
            *assistant_lines("sessA", M3),
        ],
    )
    write_lines(
        project / "sessA" / "subagents" / "agent-aside_question-4f1c.jsonl",
        [
            *(line for c in (M1, M2, M3) for line in assistant_lines("sessA", c.replayed("req_btw", sidechain=True))),
            *assistant_lines("sessA", BTW),
        ],
    )
    write_lines(
        project / "sessA" / "subagents" / "agent-acompact-9e2d.jsonl",
        [
            *(
                line
                for c in (M1, M2, M3)
                for line in assistant_lines("sessA", c.replayed("req_compact", sidechain=True))
            ),
            *assistant_lines("sessA", COMPACT),
        ],
    )
    write_lines(project / "sessA" / "subagents" / "agent-7a3b.jsonl", assistant_lines("sessA", TASK))
    copy_without_request_id = json.loads(assistant_lines("sessC", M3)[0])
    del copy_without_request_id["requestId"]
    write_lines(
        project / "sessC.jsonl",
        [
            *assistant_lines("sessC", M2),
            *assistant_lines("sessC", M3),  # the resumed copy
            json.dumps(copy_without_request_id),
            user_line("sessC", "2025-10-03T10:59:00.000Z"),
            *assistant_lines("sessC", M4),
        ],
    )
    return claude


REQUESTS = 7  # M1, M2, M3, the side answer, the summary, M4, the Task agent's
COPIES = 1 + 3 + 3 + 2 + 1  # M1's 2nd block; 3 side-question replays; 3 compaction replays; 2 resumed; 1 no requestId
UNCACHED = 10 + 5 + 8 + 12 + 20 + 6 + 30  # 91
CACHE_READ = 4000 + 4500 + 4700 + 5000 + 5000 + 5200  # 28,400
WRITE_5M, WRITE_1H = 500 + 300, 1000
INPUT = UNCACHED + CACHE_READ + WRITE_5M + WRITE_1H  # 30,291
OUTPUT = 200 + 120 + 90 + 60 + 800 + 150 + 40  # 1,460
# Sonnet 4.5, dollars per million: input $3, cache read $0.30, 5-minute write $3.75, 1-hour write $6, output $15
USD = (UNCACHED * 3 + CACHE_READ * 0.30 + WRITE_5M * 3.75 + WRITE_1H * 6 + OUTPUT * 15) / 1e6  # $0.039693
# The days as a hand count: 10-01 has M1-M3, the side answer and the Task agent's; 10-02 the summary; 10-03 M4
DAY_REQUESTS = {"2025-10-01": 5, "2025-10-02": 1, "2025-10-03": 1}


def test_copies_of_a_response_count_once_whatever_their_request_id(tmp_path: Path) -> None:
    m = import_usage(build_tree(tmp_path), default_catalog(), quiet=True)
    assert m.records == REQUESTS
    assert m.duplicates == COPIES
    assert m.skipped == 0
    assert m.monthly_input_tokens * m.window.days / 30 == pytest.approx(INPUT)
    assert m.monthly_output_tokens * m.window.days / 30 == pytest.approx(OUTPUT)
    assert m.cached_input_share == pytest.approx(CACHE_READ / INPUT)
    assert m.cache_write_share == pytest.approx(WRITE_5M / INPUT)
    assert m.cache_write_1h_share == pytest.approx(WRITE_1H / INPUT)
    assert m.usd == pytest.approx(USD)
    assert m.window.days == 3


def test_a_copy_read_before_its_original_is_still_one_request(tmp_path: Path) -> None:
    """File order must not matter: the resumed file sorts first here, so its copies are met before
    the originals."""
    claude = build_tree(tmp_path)
    project = claude / "projects" / "-home-dev-app"
    (project / "sessC.jsonl").rename(project / "0-sessC.jsonl")
    m = import_usage(claude, default_catalog(), quiet=True)
    assert (m.records, m.duplicates) == (REQUESTS, COPIES)
    assert m.usd == pytest.approx(USD)


def test_cli_json_counts_the_copies(tmp_path: Path, capsys) -> None:
    assert main(["import", str(build_tree(tmp_path)), "--json", "--quiet"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["records"] == REQUESTS and doc["duplicates"] == COPIES
    assert doc["measured"]["usd"] == pytest.approx(USD)
