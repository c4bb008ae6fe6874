"""The breakdown people read first: `advisor import … --by day|week|month|session|project|model`,
days and hours in the zone `--tz` names (UTC by default), against hand counts; the local clock
against the standard library's conversion, DST days included."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.cli import main
from advisor.measure.measured import window_start
from advisor.measure.source import import_usage
from advisor.measure.zone import LocalClock, day_date
from advisor.text.measured import import_markdown
from advisor.tools.catalog import default_catalog
from tests.unit.test_import_replays import DAY_REQUESTS, REQUESTS, USD
from tests.unit.test_import_replays import build_tree as build_replays
from tests.usage_fixtures import Call, assistant_lines, write_lines


def _json(argv: list[str], capsys) -> dict:
    assert main([*argv, "--json", "--quiet"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_by_day_prints_the_days_of_a_hand_count(tmp_path: Path, capsys) -> None:
    claude = build_replays(tmp_path)
    assert main(["import", str(claude), "--by", "day", "--quiet"]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line.split() for line in out.splitlines()[2:] if line[:4].isdigit()}
    assert {day: int(cells[1]) for day, cells in lines.items()} == DAY_REQUESTS
    assert "Total" in out and out.splitlines()[0].startswith("By day (UTC), 2025-10-01 to 2025-10-03 UTC")
    doc = _json(["import", str(claude), "--by", "day"], capsys)
    assert doc["by"] == "day"
    assert {r["key"]: r["requests"] for r in doc["rows"]} == DAY_REQUESTS
    assert sum(r["usd"] for r in doc["rows"]) == pytest.approx(USD)
    assert doc["rows"] == doc["days"]
    assert all(r["models"][0]["model"] == "claude-sonnet-4-5-20250929" for r in doc["rows"])


@pytest.mark.parametrize("by", ["week", "month", "session", "project", "model"])
def test_every_breakdown_adds_up_to_the_total(tmp_path: Path, capsys, by: str) -> None:
    doc = _json(["import", str(build_replays(tmp_path)), "--by", by], capsys)
    assert sum(r["requests"] for r in doc["rows"]) == REQUESTS
    assert sum(r["usd"] for r in doc["rows"]) == pytest.approx(USD)
    keys = {r["key"] for r in doc["rows"]}
    expected = {
        "week": {"2025-09-29"},
        "month": {"2025-10"},
        "session": {"sessA", "sessC"},
        "project": {"-home-dev-app"},
        "model": {"claude-sonnet-4-5-20250929"},
    }[by]
    assert keys == expected


def test_sessions_hold_their_sub_agents(tmp_path: Path, capsys) -> None:
    """The side question, the compaction and the Task agent ran inside sessA; sessC is the resumed one."""
    doc = _json(["import", str(build_replays(tmp_path)), "--by", "session"], capsys)
    assert {r["key"]: r["requests"] for r in doc["rows"]} == {"sessA": 6, "sessC": 1}


def _late_evening_tree(tmp_path: Path) -> Path:
    """Two requests: 2025-10-01 21:30 UTC (23:30 in Berlin, summer time) and 22:30 UTC (00:30 the next
    day in Berlin)."""
    calls = [
        Call("m1", "r1", "2025-10-01T21:30:00Z", input_tokens=100, output_tokens=10),
        Call("m2", "r2", "2025-10-01T22:30:00Z", input_tokens=100, output_tokens=10),
    ]
    return write_lines(tmp_path / "s.jsonl", [line for c in calls for line in assistant_lines("s", c)])


def test_tz_moves_the_days_and_the_hours(tmp_path: Path, capsys) -> None:
    path = _late_evening_tree(tmp_path)
    utc = _json(["import", str(path), "--by", "day"], capsys)
    berlin = _json(["import", str(path), "--by", "day", "--tz", "Europe/Berlin"], capsys)
    assert {r["key"]: r["requests"] for r in utc["rows"]} == {"2025-10-01": 2}
    assert {r["key"]: r["requests"] for r in berlin["rows"]} == {"2025-10-01": 1, "2025-10-02": 1}
    assert berlin["measured"]["tz"] == "Europe/Berlin" and berlin["window"]["tz"] == "Europe/Berlin"
    assert berlin["window"]["start"].startswith("2025-09-30T22:00:00")  # Berlin's midnight, in UTC
    assert berlin["window"]["days"] == 2
    hours = berlin["measured"]["hours"]
    assert hours[23] == 1 and hours[0] == 1 and sum(hours) == 2
    assert utc["measured"]["hours"][21] == 1 and utc["measured"]["hours"][22] == 1
    # --since and --until are the zone's days too: Berlin's 2 October holds the second request alone
    one = _json(
        ["import", str(path), "--tz", "Europe/Berlin", "--since", "2025-10-02", "--until", "2025-10-02"], capsys
    )
    assert one["records"] == 1 and one["outside_window"] == 1


def test_a_bad_zone_is_one_line(tmp_path: Path, capsys) -> None:
    path = _late_evening_tree(tmp_path)
    for bad in ("Mars/Olympus", "../../etc/passwd", ""):
        assert main(["import", str(path), "--tz", bad]) == 2
        err = capsys.readouterr().err
        assert "tz:" in err and "IANA" in err and err.count("\n") == 1 and "Traceback" not in err


ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "America/St_Johns",
]


@settings(max_examples=400, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    at=st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)),
)
def test_the_local_clock_agrees_with_zoneinfo(zone: str, at: datetime) -> None:
    """Half-hour and 45-minute offsets, DST days (Lord Howe moves by 30 minutes) included."""
    clock = LocalClock(ZoneInfo(zone))
    day, hour = clock.day_hour(at)
    local = at.astimezone(ZoneInfo(zone))
    assert (day_date(day), hour) == (local.date(), local.hour)


def test_the_local_clock_on_a_dst_night() -> None:
    """Every 15 minutes across New York's fall-back night and Berlin's spring-forward one."""
    for zone, start in (
        ("America/New_York", datetime(2025, 11, 2, 0, tzinfo=UTC)),
        ("Europe/Berlin", datetime(2025, 3, 29, 12, tzinfo=UTC)),
    ):
        clock = LocalClock(ZoneInfo(zone))
        for i in range(4 * 36):
            at = start + timedelta(minutes=15 * i)
            local = at.astimezone(ZoneInfo(zone))
            assert (day_date(clock.day_hour(at)[0]), clock.day_hour(at)[1]) == (local.date(), local.hour)


@given(hours=st.lists(st.integers(0, 1000), min_size=24, max_size=24), length=st.floats(1, 24))
def test_the_window_opens_where_its_hours_carry_the_most(hours: list[int], length: float) -> None:
    span = max(1, min(24, -int(-length // 1)))
    start = window_start(hours, length)
    carried = sum(hours[(start + i) % 24] for i in range(span))
    assert all(carried >= sum(hours[(h + i) % 24] for i in range(span)) for h in range(24))


def test_busiest_window_is_the_profiles_start_hour(tmp_path: Path) -> None:
    """300 requests, most of them 13:00-15:59 New York time: the window opens at 13:00 there."""
    calls = []
    for i in range(300):
        hour_utc = 17 + i % 3 if i < 240 else 2 + i % 5  # 13-15 in New York (EDT, UTC-4), else the night
        calls.append(
            Call(
                f"m{i}",
                f"r{i}",
                f"2025-10-0{1 + i % 3}T{hour_utc:02d}:{i % 60:02d}:00Z",
                input_tokens=100,
                output_tokens=10,
            )
        )
    write_lines(tmp_path / "s.jsonl", [line for c in calls for line in assistant_lines("s", c)])
    m = import_usage(tmp_path / "s.jsonl", default_catalog(), quiet=True, tz="America/New_York")
    assert m.busiest_hour in (13, 14, 15)
    fields = m.profile_fields()
    assert fields["traffic_hours"] == m.traffic_hours == 3.75  # 80 of 300 in the busiest hour
    assert fields["traffic_start_hour"] == m.traffic_start_hour == 13
    text = import_markdown(m, None)
    marked = [line[:2] for line in text.splitlines() if line[3:4] == "▲"]
    assert marked == ["13", "14", "15", "16"]  # the 3.75 h window, whole hours, from 13:00
    assert "The traffic window is 13-17 (America/New_York); `/set traffic_window HH-HH` sets another" in text


def test_a_measurement_saved_before_the_hours_keeps_its_traffic_window(tmp_path: Path) -> None:
    """A session saved by an earlier version holds no hours, days or zone: its measured traffic
    window stays measured."""
    from advisor.measure.measured import Measured

    calls = [
        Call(f"m{i}", f"r{i}", f"2025-10-0{1 + i % 2}T{8 + i % 6:02d}:00:00Z", input_tokens=100, output_tokens=10)
        for i in range(300)
    ]
    write_lines(tmp_path / "s.jsonl", [line for c in calls for line in assistant_lines("s", c)])
    now = import_usage(tmp_path / "s.jsonl", default_catalog(), quiet=True)
    saved = now.model_dump(mode="json")
    for key in ("tz", "requests_known", "hours", "busiest_hour", "traffic_start_hour", "days", "projects"):
        saved.pop(key)
    saved["window"].pop("tz")
    old = Measured.model_validate(saved)
    assert old.profile_fields()["traffic_hours"] == now.profile_fields()["traffic_hours"] == 6.0
    assert "traffic_start_hour" not in old.profile_fields()
    assert old.describe() == now.describe()


def test_a_load_spread_over_the_day_says_its_window_is_the_whole_day(tmp_path: Path) -> None:
    """240 requests, ten in each hour: the window spans the day, and the hint says so rather than
    'from 00 to 00' (which reads as no hours at all)."""
    calls = [
        Call(
            f"m{i}", f"r{i}", f"2025-10-0{1 + i % 2}T{i % 24:02d}:{i % 60:02d}:00Z", input_tokens=100, output_tokens=10
        )
        for i in range(240)
    ]
    write_lines(tmp_path / "s.jsonl", [line for c in calls for line in assistant_lines("s", c)])
    m = import_usage(tmp_path / "s.jsonl", default_catalog(), quiet=True)
    assert m.traffic_hours == 24
    text = import_markdown(m, None)
    assert f"The traffic window is the whole day (24 h from {m.traffic_start_hour:02d}:00, UTC);" in text
    assert [line[:2] for line in text.splitlines() if line[3:4] == "▲"] == [f"{h:02d}" for h in range(24)]


def test_the_total_of_a_table_with_an_unpriced_model_is_marked_as_part(tmp_path: Path, capsys) -> None:
    """A day with a model the catalog cannot price shows its cost as '$…+'; so does the total."""
    calls = [
        Call("m1", "r1", "2025-10-01T09:00:00Z", input_tokens=1000, output_tokens=10),
        Call("m2", "r2", "2025-10-01T10:00:00Z", input_tokens=1000, output_tokens=10, model="claude-nova-9"),
    ]
    write_lines(tmp_path / "s.jsonl", [line for c in calls for line in assistant_lines("s", c)])
    assert main(["import", str(tmp_path / "s.jsonl"), "--by", "day", "--quiet"]) == 0
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert rows["2025-10-01"][6].endswith("+") and rows["Total"][6].endswith("+")
