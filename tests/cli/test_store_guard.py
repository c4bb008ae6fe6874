"""The sessions database is the advisor's own and a damaged row costs that row, not the session:
another program's SQLite file is refused by name and left byte for byte as it was; a FIFO or a
folder where the file belongs is one line; a saved state that cannot be read is named, kept aside
(not overwritten) and the session goes on; a damaged event leaves the history readable. Real SQLite,
the real command line."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3

import pytest

from advisor.cli import main
from advisor.config import load_config
from advisor.paths import data_dir, db_path
from advisor.session import Session
from advisor.store import APPLICATION_ID, MIGRATIONS
from tests.cli.test_hostile_input import _one_line

TEXT = "5,000 requests a day, 2k tokens in and 300 out each, public data"


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sql(statement: str, *args: object) -> None:
    db = sqlite3.connect(db_path(data_dir()))
    db.execute(statement, args)
    db.commit()
    db.close()


@pytest.mark.parametrize(
    "make, words",
    [
        ("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)", "tables the advisor did not make (moz_places)"),
        ("PRAGMA application_id = 1234", "another program's SQLite database (application_id 0x4d2)"),
        ("CREATE TABLE sessions (x); CREATE TABLE history (y)", "did not make (history)"),
    ],
)
def test_another_programs_database_is_refused_and_left_as_it_was(make, words, capsys):
    path = db_path(data_dir())
    db = sqlite3.connect(path)
    db.executescript(make)
    db.close()
    before = _digest(path)
    line = _one_line(capsys, main(["ask", "--local", "none", TEXT]))
    assert str(path) in line and words in line and "use another --data-dir" in line
    assert _digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no -wal, no -shm left beside it


@pytest.mark.parametrize("make", [os.mkfifo, os.mkdir])
def test_a_fifo_or_a_folder_where_the_database_belongs_is_one_line(make, capsys):
    make(db_path(data_dir()))
    line = _one_line(capsys, main(["ask", "--local", "none", TEXT]))
    assert "not a regular file" in line and "sessions database must be a file" in line


def test_a_new_database_is_marked_and_an_unmarked_one_of_ours_gets_the_mark(capsys):
    path = db_path(data_dir())
    db = sqlite3.connect(path, isolation_level=None)  # as an advisor before the mark wrote it
    for number, script in enumerate(MIGRATIONS[:4], start=1):
        if isinstance(script, str):
            db.executescript(script)
        else:
            script(db)
        db.execute(f"PRAGMA user_version = {number}")
    db.execute("INSERT INTO sessions (name, created, active) VALUES ('old', '2026-01-01', '2026-01-01')")
    db.close()
    assert main(["ask", "--local", "none", "--session", "old", TEXT]) == 0
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("SELECT count(*) FROM turns").fetchone()[0] == 1
    db.close()


def test_a_report_of_no_session_makes_no_database(capsys):
    line = _one_line(capsys, main(["report", "--session", "nope"]))
    assert "no session 'nope'" in line
    assert not db_path(data_dir()).exists()


@pytest.mark.parametrize(
    "value, why",
    [
        ('\'{"profile": {"requests_per_day": "zz\'', "Invalid JSON"),
        ("x'deadbeef'", "Invalid JSON"),
        ("12", "Input should be an object"),
        ("'[]'", "Input should be an object"),
        ('\'{"profile": {"requests_per_day": -5}}\'', "profile.requests_per_day: Value error, must not be negative"),
    ],
)
def test_a_saved_state_that_cannot_be_read_is_named_kept_aside_and_the_session_goes_on(value, why, capsys):
    assert main(["ask", "--local", "none", "--session", "s", TEXT]) == 0
    _sql(f"UPDATE sessions SET state = {value}")
    db = sqlite3.connect(db_path(data_dir()))
    damaged = db.execute("SELECT state FROM sessions").fetchone()[0]
    db.close()
    capsys.readouterr()
    assert main(["ask", "--local", "none", "--session", "s", "what should we pick?"]) == 0
    err = capsys.readouterr().err
    assert "session 's': its saved profile could not be read" in err and why in err
    assert "kept aside in the database (sessions.state_set_aside)" in err
    db = sqlite3.connect(db_path(data_dir()))
    aside, turns = db.execute("SELECT state_set_aside, (SELECT count(*) FROM turns) FROM sessions").fetchone()
    db.close()
    assert aside == damaged and turns == 2
    assert main(["ask", "--local", "none", "--session", "s", TEXT]) == 0  # recovered: no word of it again
    assert "could not be read" not in capsys.readouterr().err


def test_a_saved_profile_with_fields_a_newer_advisor_wrote_keeps_the_rest(capsys):
    """A state whose profiles hold fields this advisor does not know: those are left out and named,
    everything else is read (the volume, privacy, the workloads); the state as saved is kept aside."""
    assert main(["ask", "--local", "none", "--session", "s", TEXT]) == 0
    db = sqlite3.connect(db_path(data_dir()))
    saved = json.loads(db.execute("SELECT state FROM sessions").fetchone()[0])
    db.close()
    saved["profile"] |= {"gpu_hours_budget": 12, "carbon_cap_kg": 3.5}
    newer = json.dumps(saved)
    _sql("UPDATE sessions SET state = ?", newer)
    capsys.readouterr()
    assert main(["report", "--session", "s", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert "fields this advisor does not know (carbon_cap_kg, gpu_hours_budget)" in err
    assert "could not be read" not in err
    assert json.loads(out)["profile"]["requests_per_day"] == saved["profile"]["requests_per_day"]
    db = sqlite3.connect(db_path(data_dir()))
    assert db.execute("SELECT state_set_aside FROM sessions").fetchone()[0] == newer
    db.close()


@pytest.mark.parametrize("value", ["'{'", "x'00ff'", '\'{"type": "nope"}\'', "'not json at all'"])
def test_a_damaged_event_costs_that_event_not_the_history(value, capsys):
    assert main(["ask", "--local", "none", "--session", "s", TEXT]) == 0
    db = sqlite3.connect(db_path(data_dir()))
    first = db.execute("SELECT min(id) FROM events").fetchone()[0]
    count = db.execute("SELECT count(*) FROM events").fetchone()[0]
    db.close()
    _sql(f"UPDATE events SET data = {value} WHERE id = ?", first)
    session = Session.load(load_config(), "s")
    [turn] = session.history()
    assert len(turn.events) == count - 1
    session.close()
    assert main(["report", "--session", "s", "--conversation"]) == 0
    assert main(["ask", "--local", "none", "--session", "s", "what if volume doubles?"]) == 0
