"""`advisor import` on a Claude Code tree built as Claude Code writes it: sub-agent sidechains, a
message streamed over several lines, a resumed session that copies an earlier message, a synthetic
error message, a line cut mid-write and one that is not JSON. The expected figures are a hand count
of the calls below, written out."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.measure.source import import_usage
from advisor.tools.catalog import default_catalog
from tests.usage_fixtures import (
    Call,
    assistant_lines,
    synthetic_line,
    task_result_line,
    tool_result_line,
    user_line,
    write_lines,
)

MSG1 = Call(
    "msg_1",
    "req_1",
    "2025-10-01T09:00:00.000Z",
    input_tokens=10,
    cache_write_5m=1000,
    cache_read=5000,
    output_tokens=250,
    blocks=2,
)
MSG2 = Call("msg_2", "req_2", "2025-10-01T09:05:00.000Z", input_tokens=5, cache_read=6000, output_tokens=100)
MSG3 = Call(
    "msg_3",
    "req_3",
    "2025-10-05T14:00:00.000Z",
    input_tokens=20,
    cache_write_1h=2000,
    output_tokens=300,
    sidechain=True,
)
MSG4 = Call(
    "msg_4",
    "req_4",
    "2025-10-05T14:01:00.000Z",
    input_tokens=8,
    cache_read=2000,
    output_tokens=50,
    sidechain=True,
    blocks=3,
)
MSG5 = Call(
    "msg_5", "req_5", "2025-10-10T23:30:00.000Z", model="claude-haiku-4-5-20251001", input_tokens=100, output_tokens=40
)


def build_tree(home: Path) -> Path:
    """~/.claude with two projects; returns ~/.claude."""
    claude = home / ".claude"
    p1, p2 = claude / "projects" / "-home-dev-app", claude / "projects" / "-home-dev-site"
    write_lines(
        p1 / "sessA.jsonl",
        [
            user_line("sessA", "2025-10-01T08:59:59.000Z"),
            *assistant_lines("sessA", MSG1),  # 2 lines, one request
            tool_result_line("sessA", "2025-10-01T09:01:00.000Z", "def test_x():\n    assert usage\n" * 50),
            task_result_line("sessA", "2025-10-05T14:02:00.000Z", 2020 + 2008),  # sub-agent totals: not requests
            *assistant_lines("sessA", MSG2),
            synthetic_line("sessA", "2025-10-01T09:06:00.000Z"),
            *assistant_lines(
                "sessA", Call("msg_cut", "req_cut", "2025-10-01T09:07:00.000Z", input_tokens=7, output_tokens=7)
            ),
        ],
        cut_last=True,
    )  # the last request was being written when the process died: not counted
    write_lines(
        p1 / "sessA" / "subagents" / "agent-1a2b.jsonl",
        [
            *assistant_lines("sessA", MSG3),
            '{"type": "assistant", "message": {"usage": {"input_tokens": 5',  # unreadable: cut inside usage
            *assistant_lines("sessA", MSG4),  # 3 lines, one request
        ],
    )
    write_lines(
        p2 / "sessB.jsonl",
        [
            *assistant_lines("sessB", MSG2),  # a resumed session copies msg_2: counted once
            user_line("sessB", "2025-10-10T23:29:00.000Z"),
            *assistant_lines("sessB", MSG5),
        ],
    )
    return claude


# The hand count. Input per request = input + cache writes + cache reads:
#   msg1 10+1000+5000 = 6010, msg2 5+6000 = 6005, msg3 20+2000 = 2020, msg4 8+2000 = 2008, msg5 100
HAND_INPUT = 6010 + 6005 + 2020 + 2008 + 100  # 16,143
HAND_OUTPUT = 250 + 100 + 300 + 50 + 40  # 740 (msg1's and msg4's last, largest, streamed counts)
HAND_CACHE_READ = 5000 + 6000 + 2000  # 13,000
HAND_DAYS = 10  # 2025-10-01 00:00 to 2025-10-11 00:00 UTC
# Sonnet 4.5 (msg1-4): 43 uncached + 3,000 written at $3, 13,000 read at $0.30, 5m writes +$0.75,
# 1h writes +$3, 700 out at $15; Haiku 4.5 (msg5): 100 in at $1, 40 out at $5. Dollars per million.
HAND_USD = (3043 * 3 + 13000 * 0.30 + 1000 * 0.75 + 2000 * 3 + 700 * 15 + 100 * 1 + 40 * 5) / 1e6


@pytest.fixture
def claude_home(tmp_path: Path) -> Path:
    build_tree(tmp_path)
    return tmp_path


def test_hand_count(claude_home: Path) -> None:
    m = import_usage(claude_home / ".claude", default_catalog(), quiet=True)
    assert m.records == 5
    assert m.duplicates == 1 + 1 + 2  # msg1's 2nd line, msg2's copy, msg4's 2nd and 3rd lines
    assert m.skipped == 2  # the cut line and the unreadable one
    assert m.files == 3
    assert m.window.days == HAND_DAYS
    assert m.requests_per_day == pytest.approx(5 / HAND_DAYS)
    assert m.monthly_input_tokens == pytest.approx(HAND_INPUT * 30 / HAND_DAYS)  # 48,429
    assert m.monthly_output_tokens == pytest.approx(HAND_OUTPUT * 30 / HAND_DAYS)  # 2,220
    assert m.cached_input_share == pytest.approx(HAND_CACHE_READ / HAND_INPUT)  # 0.805
    assert m.monthly_cache_write_tokens == pytest.approx(3000 * 3)
    assert m.busiest_hour_utc == 9 and m.busiest_hour_share == pytest.approx(2 / 5)
    assert m.traffic_hours == 2.5
    assert m.input_per_request.max == 6010 and m.output_per_request.max == 300
    assert m.input_per_request.median == 2020  # 100, 2008, [2020], 6005, 6010
    assert m.usd == pytest.approx(HAND_USD)
    assert m.monthly_usd == pytest.approx(HAND_USD * 3)
    mix = {u.model: (u.catalog_id, u.requests) for u in m.models}
    assert mix == {
        "claude-sonnet-4-5-20250929": ("claude-sonnet-4-5", 4),
        "claude-haiku-4-5-20251001": ("claude-haiku-4-5", 1),
    }
    assert "2 session files and 1 sub-agent files read" in m.notes


def test_sidechains_alone_and_one_project(claude_home: Path) -> None:
    """One project folder is a valid PATH too; its sub-agent file's requests are in it."""
    m = import_usage(claude_home / ".claude" / "projects" / "-home-dev-app", default_catalog(), quiet=True)
    assert m.records == 4
    assert m.monthly_output_tokens == pytest.approx((250 + 100 + 300 + 50) * 30 / 5)  # window 10-01..10-05
    assert m.window.days == 5


def test_cli_json_with_home_pointed_at_the_tree(claude_home: Path, monkeypatch, capsys) -> None:
    """As a user types it: `advisor import ~/.claude --json`, HOME pointed at the tree."""
    monkeypatch.setenv("HOME", str(claude_home))
    assert main(["import", "~/.claude", "--json", "--quiet"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["records"] == 5 and doc["skipped"] == 2
    assert doc["profile"]["monthly_input_tokens"] == HAND_INPUT * 3
    assert doc["profile"]["monthly_output_tokens"] == HAND_OUTPUT * 3
    assert doc["profile"]["requests_per_day"] == 0.5
    assert doc["profile"]["cached_input_share"] == round(HAND_CACHE_READ / HAND_INPUT, 4)
    assert doc["profile"]["cloud_model"] == "claude-sonnet-4-5"
    assert doc["window"]["start"].startswith("2025-10-01T00:00:00")
    assert doc["window"]["end"].startswith("2025-10-11T00:00:00")
    assert {m["model"] for m in doc["models"]} == {"claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"}


def test_since_until_are_utc_days(claude_home: Path, capsys) -> None:
    """--until includes its day; timestamps are compared in UTC, not the machine's local time."""
    assert (
        main(
            [
                "import",
                str(claude_home / ".claude"),
                "--since",
                "2025-10-05",
                "--until",
                "2025-10-05",
                "--json",
                "--quiet",
            ]
        )
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["records"] == 2  # msg3 and msg4, the sidechain's
    assert doc["outside_window"] == 3
    assert doc["window"]["days"] == 1
    assert doc["profile"]["monthly_output_tokens"] == (300 + 50) * 30


def test_long_context_tier_is_per_request(tmp_path: Path) -> None:
    """One 250K-token request bills at Sonnet 4.5's long-context rate; the 1K ones do not."""
    big = Call("m_big", "r_big", "2025-10-01T10:00:00Z", input_tokens=250_000, output_tokens=1000)
    small = [Call(f"m{i}", f"r{i}", "2025-10-01T11:00:00Z", input_tokens=1000, output_tokens=100) for i in range(3)]
    write_lines(tmp_path / "s.jsonl", [line for c in (big, *small) for line in assistant_lines("s", c)])
    m = import_usage(tmp_path / "s.jsonl", default_catalog(), quiet=True)
    assert m.models[0].long_context_requests == 1
    assert m.usd == pytest.approx((250_000 * 6 + 1000 * 22.5) / 1e6 + (3000 * 3 + 300 * 15) / 1e6)


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["import", "/nonexistent/usage"], "does not exist"),
        (["import", "{tmp}", "--since", "yesterday"], "since: 'yesterday' is not a date"),
        (["import", "{tmp}"], "holds no Claude Code session files"),
    ],
)
def test_bad_input_is_one_line_and_status_2(tmp_path: Path, capsys, argv: list[str], needle: str) -> None:
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    ("files", "needle"),
    [
        ({"notes.jsonl": "not json\n"}, "notes.jsonl: line 1: not a whole JSON object (cut short, or not a log line)"),
        ({"s.jsonl": ""}, "s.jsonl' holds no records: the file is empty"),
        ({"p/a.jsonl": "", "p/b.jsonl": ""}, "holds no records: its 2 files are empty"),
    ],
)
def test_records_with_nothing_to_read_are_one_line(tmp_path: Path, capsys, files: dict[str, str], needle: str) -> None:
    """A log that is empty or holds no JSON is one line naming it, not a summary of 0 requests
    over today's date."""
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    path = tmp_path / next(iter(files)) if len(files) == 1 else tmp_path
    assert main(["import", str(path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1


def test_a_window_past_the_records_counts_no_days(claude_home: Path, capsys) -> None:
    """--since after the last record: the table says the window holds no days (not '2030-01-01 to
    2029-12-31') and its total costs nothing rather than 'not priced'."""
    assert main(["import", str(claude_home / ".claude"), "--since", "2030-01-01", "--by", "day", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "from 2030-01-01 UTC (no days)" in out and "2029" not in out
    assert out.splitlines()[-1].split() == ["Total", "0", "0", "0", "0", "0", "—"]


def test_one_day_is_one_day(claude_home: Path) -> None:
    m = import_usage(
        claude_home / ".claude",
        default_catalog(),
        quiet=True,
        since=datetime(2025, 10, 5, tzinfo=UTC),
        until=datetime(2025, 10, 6, tzinfo=UTC),
    )
    assert m.window.label() == "2025-10-05 to 2025-10-05 UTC (1 day)"


def test_a_window_without_records_is_the_pinned_day(monkeypatch) -> None:
    """Nothing read and no --since: the window is today as advisor.tools.clock says (ADVISOR_TODAY),
    not the system's calendar."""
    from advisor.measure.aggregate import Tally
    from advisor.measure.measured import window_of

    monkeypatch.setenv("ADVISOR_TODAY", "2031-03-04")
    assert window_of(Tally(), None, None).label() == "2031-03-04 to 2031-03-04 UTC (1 day)"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_counts_on_a_terminal_and_as_a_line(claude_home: Path) -> None:
    """A bar redrawn in place on a terminal; plain lines (no carriage returns) in a log."""
    tty, log = _Terminal(), io.StringIO()
    import_usage(claude_home / ".claude", default_catalog(), progress_stream=tty)
    import_usage(claude_home / ".claude", default_catalog(), progress_stream=log)
    assert tty.getvalue().startswith("\r") and "100%" in tty.getvalue() and "█" in tty.getvalue()
    line = log.getvalue()
    assert "\r" not in line and line.count("\n") == 1
    assert "3 files" in line and "2 skipped" in line and "4 duplicates" in line and "5 requests" in line


def test_traffic_window_from_the_busiest_hour(tmp_path: Path) -> None:
    """300 requests over 2 days, 60 of them at 14:00 UTC: the busiest hour holds 20% of a day's
    requests, so the box must carry them as if they came in a 5-hour window."""
    calls = []
    for i in range(300):
        day, hour = 1 + i % 2, 14 if i < 60 else 8 + i % 6
        calls.append(
            Call(f"m{i}", f"r{i}", f"2025-10-0{day}T{hour:02d}:{i % 60:02d}:00Z", input_tokens=100, output_tokens=10)
        )
    write_lines(tmp_path / "s.jsonl", [line for c in calls for line in assistant_lines("s", c)])
    m = import_usage(tmp_path / "s.jsonl", default_catalog(), quiet=True)
    assert m.busiest_hour_utc == 14 and m.busiest_hour_share == pytest.approx(0.2)
    assert m.traffic_hours == 5.0
    assert m.profile_fields()["traffic_hours"] == 5.0
    few = import_usage(claude_home_tree(tmp_path), default_catalog(), quiet=True)
    assert "traffic_hours" not in few.profile_fields()  # 5 requests: noise, the default stays
    assert any("busiest hour's share is not used" in n for n in few.notes)


def claude_home_tree(tmp_path: Path) -> Path:
    return build_tree(tmp_path / "home")
