"""Every file the advisor reads from someone else is opened safely (advisor/tools/userfile.py):
regular files only, never blocking, within named size and line limits; every record in it typed and
bounded. Each hostile input is one line naming the file (and the line and field), exit status 2,
never a hang, a MemoryError or a traceback.

The FIFO cases run the real command line in a subprocess with a timeout: a regression would hang
there, not the suite."""

from __future__ import annotations

import json
import math
import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor.cli import main
from advisor.measure import csv_usage, jsonl, llm_logs
from advisor.measure.records import (
    EARLIEST,
    LATEST,
    MAX_MODEL_NAME,
    MAX_TOKENS_PER_REQUEST,
    RecordError,
    model_name,
    parse_utc,
    token_count,
)
from advisor.measure.source import import_usage
from advisor.paths import config_dir
from advisor.tools.catalog import default_catalog
from advisor.tools.userfile import TOML_MAX_BYTES, UserFileError, bounded_lines, open_regular, read_bytes
from tests.cli.test_hostile_input import _one_line
from tests.unit.test_import_llm_csv import make_logs_db

ROOT = Path(__file__).resolve().parents[2]
LINE = {  # one request as Claude Code logs it
    "type": "assistant",
    "timestamp": "2026-11-01T10:00:00Z",
    "requestId": "r1",
    "message": {"id": "m1", "model": "claude-sonnet-4-5", "usage": {"input_tokens": 100, "output_tokens": 50}},
}
CSV_HEAD = "timestamp,model,input_tokens,output_tokens\n"


def _cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """The real command line in its own process: a hang is a TimeoutExpired, not a stuck suite."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "advisor.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def _refused(done: subprocess.CompletedProcess, *parts: str) -> None:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and lines[0].startswith("advisor: error:"), lines
    for part in parts:
        assert part in lines[0]


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "records.jsonl"
    os.mkfifo(path)
    return path


# ---- not a regular file ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["import", "{p}"],
        ["catalog", "update", "--from", "{p}"],
        ["catalog", "validate", "{p}"],
    ],
)
def test_a_fifo_is_one_line_and_never_a_hang(argv, fifo):
    done = _cli(*(a.format(p=fifo) for a in argv))
    _refused(done, str(fifo), "FIFO (named pipe), not a regular file")


def test_report_out_to_a_fifo_nothing_reads_is_refused_at_once(fifo):
    assert _cli("ask", "--local", "none", "--session", "s", "5,000 requests a day, 2k in, 300 out").returncode == 0
    done = _cli("report", "--session", "s", "--out", str(fifo))
    _refused(done, "out:", str(fifo), "nothing reads from")


@pytest.mark.parametrize("name", ["config.toml", "catalog.toml", "keymap.toml"])
def test_a_fifo_in_the_config_dir_is_named_not_waited_on(name):
    os.mkfifo(config_dir() / name)
    done = _cli("ask", "--local", "none", "5,000 requests a day, 2k in, 300 out")
    if name == "keymap.toml":  # only the chat reads it
        assert done.returncode == 0, done.stderr
        return
    _refused(done, name, "FIFO")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize(
    "argv", [["import", "{p}"], ["catalog", "update", "--from", "{p}"], ["catalog", "validate", "{p}"]]
)
def test_a_device_is_one_line_never_a_memory_error(argv, device, capsys):
    line = _one_line(capsys, main([a.format(p=device) for a in argv]))
    assert device in line and "character device, not a regular file" in line


@pytest.mark.parametrize(
    "argv", [["import", "{p}"], ["catalog", "validate", "{p}"], ["catalog", "update", "--from", "{p}"]]
)
def test_a_symlink_to_a_device_is_followed_and_refused(argv, tmp_path, capsys):
    link = tmp_path / "usage.csv"
    link.symlink_to("/dev/zero")
    line = _one_line(capsys, main([a.format(p=link) for a in argv]))
    assert "character device" in line


def test_a_directory_where_a_file_belongs(tmp_path, capsys):
    line = _one_line(capsys, main(["catalog", "validate", str(tmp_path)]))
    assert str(tmp_path) in line and "a directory" in line
    (config_dir() / "catalog.toml").mkdir()
    line = _one_line(capsys, main(["catalog", "list"]))
    assert "catalog.toml" in line and "a directory" in line


def test_report_out_to_a_directory_or_a_full_disk_is_one_line(tmp_path, capsys):
    assert main(["ask", "--local", "none", "--session", "s", "5,000 requests a day, 2k in, 300 out"]) == 0
    line = _one_line(capsys, main(["report", "--session", "s", "--out", str(tmp_path)]))
    assert "out:" in line and "is a directory" in line
    line = _one_line(capsys, main(["report", "--session", "s", "--out", "/dev/full"]))
    assert "out:" in line and "No space left on device" in line


# ---- size and line limits --------------------------------------------------------------------------
def test_a_config_past_the_toml_limit_names_the_limit(capsys):
    path = config_dir() / "config.toml"
    with path.open("wb") as out:
        out.write(b"# " + b"x" * TOML_MAX_BYTES + b"\n")
    line = _one_line(capsys, main(["ask", "--local", "none", "5,000 requests a day"]))
    assert str(path) in line and "larger than a TOML file may be (8 MiB)" in line


def test_read_bytes_reads_no_more_than_its_limit_plus_one(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(UserFileError, match=r"larger than a price file may be \(1,000 bytes\)"):
        read_bytes(path, 1000, "price file")
    assert read_bytes(path, 5000) == b"x" * 5000


def test_a_line_past_its_limit_is_skipped_whole_and_the_next_read(tmp_path):
    path = tmp_path / "lines"
    path.write_bytes(b"short\n" + b"y" * 10_000 + b"\nafter\nno newline at the end")
    with open_regular(path) as handle:
        got = list(bounded_lines(handle, 100))
    assert got[0] == b"short\n" and got[1].size == 10_001
    assert got[2:] == [b"after\n", b"no newline at the end"]


def test_a_log_line_past_the_limit_is_skipped_and_named(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 4096)
    good = json.dumps(LINE)
    huge = json.dumps({**LINE, "requestId": "r2", "padding": "z" * 100_000})
    path = tmp_path / "s.jsonl"
    path.write_text(f"{huge}\n{good}\n")
    m = import_usage(path, default_catalog(), quiet=True)
    assert m.records == 1 and m.skipped == 1
    assert any(f"{path}: line 1: longer than 4 KiB" in n for n in m.notes)


def test_a_csv_line_past_the_limit_and_a_field_past_csvs_are_skipped_and_named(tmp_path):
    path = tmp_path / "usage.csv"
    long_line = f"2026-11-01T10:00:00Z,gpt-5,{'9' * (csv_usage.MAX_LINE_BYTES + 10)},10\n"
    open_quote = '2026-11-01T11:00:00Z,"' + "x" * 140_000 + "\n"
    path.write_text(CSV_HEAD + "2026-11-01T09:00:00Z,gpt-5,100,10\n" + long_line + open_quote)
    m = import_usage(path, default_catalog(), quiet=True)
    assert m.records == 1
    assert any("line 3: longer than 1 MiB" in n for n in m.notes)
    assert any("field larger than field limit" in n for n in m.notes)


# ---- records typed and bounded ----------------------------------------------------------------------
JSONL = {
    "an infinite count": ('"input_tokens": 1e400', "message.usage.input_tokens: inf is not a finite number"),
    "1e300 tokens": ('"input_tokens": 1e300', "message.usage.input_tokens: 1e+300 is more than 100,000,000"),
    "int64 max": ('"input_tokens": 9223372036854775807', "9223372036854775807 is more than 100,000,000"),
    "a negative count": ('"input_tokens": -5', "message.usage.input_tokens: -5 is negative"),
    "a count as text": ('"input_tokens": "lots"', "message.usage.input_tokens: 'lots' is not a number"),
}


@pytest.mark.parametrize("name", JSONL)
def test_a_hostile_count_in_a_log_is_one_line_naming_file_line_and_field(name, tmp_path, capsys):
    value, words = JSONL[name]
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(LINE).replace('"input_tokens": 100', value) + "\n")
    line = _one_line(capsys, main(["import", "--quiet", str(path)]))
    assert f"{path}: line 1:" in line and words in line


@pytest.mark.parametrize(
    "timestamp, words",
    [
        (1e20, "is not a time"),
        ("9999-12-31T23:59:59Z", "is outside 2015–2099"),
        ("0001-01-01T00:00:00+01:00", "is not a time"),
        ("1999-12-31T23:00:00Z", "is outside 2015–2099"),
    ],
)
def test_an_absurd_timestamp_is_named(timestamp, words, tmp_path, capsys):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({**LINE, "timestamp": timestamp}) + "\n")
    line = _one_line(capsys, main(["import", "--quiet", str(path)]))
    assert "line 1: timestamp:" in line and words in line


def test_json_nested_past_reason_is_named_not_a_recursion_error(tmp_path, capsys):
    path = tmp_path / "s.jsonl"
    path.write_text('{"usage": ' + "[" * 200_000 + "]" * 200_000 + "}\n")
    line = _one_line(capsys, main(["import", "--quiet", str(path)]))
    assert "line 1: JSON nested too deeply" in line


def test_good_records_beside_bad_ones_are_kept_and_the_bad_named(tmp_path):
    path = tmp_path / "s.jsonl"
    bad = json.dumps(
        {
            **LINE,
            "requestId": "r9",
            "message": {**LINE["message"], "id": "m9", "usage": {"input_tokens": 1e300, "output_tokens": 1}},
        }
    )
    path.write_text(json.dumps(LINE) + "\n" + bad + "\n")
    m = import_usage(path, default_catalog(), quiet=True)
    assert m.records == 1 and m.skipped == 1
    assert any(n.startswith(f"skipped: {path}: line 2: message.usage.input_tokens: 1e+300") for n in m.notes)


def test_a_terminal_escape_in_a_model_name_is_never_printed(tmp_path, capsys):
    path = tmp_path / "s.jsonl"
    message = {**LINE["message"], "model": "\x1b]52;c;aGk=\x07gpt\x1b[2J"}
    path.write_text(json.dumps({**LINE, "message": message}) + "\n")
    assert main(["import", "--quiet", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\ufffd]52;c;aGk=\ufffdgpt" in out


@pytest.mark.parametrize(
    "cell, words",
    [
        ("inf", "input_tokens: 'inf' is not a finite number"),
        ("1e300", "'1e300' is more than"),
        ("nan", "is not a finite number"),
        ("12 tokens", "'12 tokens' is not a number"),
    ],
)
def test_a_hostile_csv_cell_is_named_with_its_line_and_column(cell, words, tmp_path, capsys):
    path = tmp_path / "usage.csv"
    path.write_text(CSV_HEAD + f"2026-11-01T10:00:00Z,gpt-5,{cell},10\n")
    line = _one_line(capsys, main(["import", "--quiet", str(path)]))
    assert f"{path}: line 2:" in line and words in line


@pytest.mark.parametrize(
    "flag, words",
    [
        ("--since", "since: '' is not a date"),
        ("--until", "until: '' is not a date"),
        ("--columns", "columns: '' names no column"),
    ],
)
def test_an_empty_option_is_refused_not_taken_as_not_given(flag, words, tmp_path, capsys):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(LINE) + "\n")
    line = _one_line(capsys, main(["import", flag, "", str(path)]))
    assert words in line


def test_a_window_past_the_sane_range_is_refused(tmp_path, capsys):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(LINE) + "\n")
    line = _one_line(capsys, main(["import", "--until", "9999-12-31", str(path)]))
    assert "until: '9999-12-31' is not a date from 2015 to 2099" in line


# ---- SQLite sources: read-only, what they claim, within a time limit ---------------------------------
def test_a_view_posing_as_the_turns_table_is_refused_unread(tmp_path, capsys):
    path = tmp_path / "logs.db"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE responses (id TEXT, model TEXT, datetime_utc TEXT, input_tokens INT, output_tokens INT);"
        "CREATE VIEW turns AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r)"
        " SELECT x AS model, x AS datetime_utc, x AS input_tokens, x AS output_tokens FROM r;"
    )
    db.close()
    line = _one_line(capsys, main(["import", str(path)]))
    assert "`turns` is a view, not a table" in line


def test_a_read_past_the_time_limit_is_stopped(tmp_path, monkeypatch, capsys):
    path = make_logs_db(tmp_path / "logs.db")
    monkeypatch.setattr(llm_logs, "MAX_SECONDS", 0.0)
    monkeypatch.setattr(llm_logs, "_CHECK_EVERY", 1)
    line = _one_line(capsys, main(["import", str(path)]))
    assert "took longer than 0 s" in line and "nothing was imported" in line


def test_an_int64_count_in_a_logs_db_is_named(tmp_path, capsys):
    path = make_logs_db(tmp_path / "logs.db")
    db = sqlite3.connect(path)
    db.execute("UPDATE responses SET input_tokens = 9223372036854775807")
    db.commit()
    db.close()
    line = _one_line(capsys, main(["import", str(path)]))
    assert "responses row 1: input_tokens: 9223372036854775807 is more than 100,000,000" in line


# ---- the field checks, as properties -----------------------------------------------------------------
@given(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=30),
        st.lists(st.integers(), max_size=2),
        st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    )
)
def test_a_token_count_is_a_bounded_int_or_one_named_refusal(value):
    try:
        count = token_count(value, "input_tokens")
    except RecordError as exc:
        assert str(exc).startswith("input_tokens: ") and len(str(exc)) < 200
        return
    assert type(count) is int and 0 <= count <= MAX_TOKENS_PER_REQUEST


@given(
    st.one_of(
        st.text(max_size=40),
        st.floats(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.datetimes().map(lambda d: d.isoformat()),
    )
)
def test_a_timestamp_is_in_range_or_one_named_refusal(value):
    try:
        at = parse_utc(value)
    except RecordError as exc:
        assert str(exc).startswith("timestamp: ")
        return
    assert at.tzinfo is not None and EARLIEST <= at < LATEST


@given(st.one_of(st.none(), st.text(), st.integers(), st.floats()))
def test_a_model_name_prints_safely(value):
    name = model_name(value)
    assert name and name.isprintable() and len(name) <= MAX_MODEL_NAME


@given(st.lists(st.tuples(st.text(max_size=25), st.text(max_size=12), st.text(max_size=12)), min_size=1, max_size=6))
def test_any_csv_text_imports_within_bounds_or_is_one_named_refusal(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("csv") / "usage.csv"
    lines = [CSV_HEAD.strip()]
    lines += [",".join(json.dumps(cell) for cell in (at, "gpt-5", tin, tout)) for at, tin, tout in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        m = import_usage(path, default_catalog(), quiet=True)
    except ValueError as exc:  # NotUsageRecords / CsvColumnsError: one line
        assert "\n" not in str(exc)
        return
    for stats in (m.input_per_request, m.output_per_request):
        assert 0 <= stats.max <= MAX_TOKENS_PER_REQUEST and math.isfinite(stats.mean)
    if m.records:
        assert EARLIEST <= m.window.start < m.window.end <= LATEST + timedelta(days=1)
