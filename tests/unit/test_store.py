"""The SQLite store: round trips, migrations from an older schema, and a kill -9 mid-reply that
loses nothing but the unfinished reply."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys

import pytest

from advisor.events import Notice, ToolAnswered, UsageRecorded
from advisor.state import SessionState
from advisor.store import MIGRATIONS, Store


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "a.sqlite3")


def test_sessions_turns_events_profile_and_ledger(store):
    s = store.create_session("acme")
    assert store.get_session("acme").id == s.id
    with pytest.raises(ValueError, match="already exists"):
        store.create_session("acme")
    turn = store.begin_turn(s.id, "hello")
    store.add_event(turn, ToolAnswered(name="compare", result={"x": 1}))
    store.add_event(turn, UsageRecorded(side="claude", model="m", input_tokens=10, output_tokens=5, usd=0.5))
    store.record_usage(turn, "claude", "m", 10, 5, 1.0, 0.5)
    store.finish_turn(turn, "answer", "ok")
    assert store.load_state(s.id) is None
    state = SessionState(given=["requests_per_day"], declined=["hardware"], asked="privacy", memo="m")
    state.profile.requests_per_day = 5000
    store.save_state(s.id, state)
    [record] = store.turns(s.id)
    assert record.user_text == "hello" and record.answer == "answer" and record.status == "ok"
    assert isinstance(record.events[0], ToolAnswered) and record.events[0].result == {"x": 1}
    assert SessionState.model_validate_json(store.load_state(s.id)) == state
    spend = store.spend(s.id)
    assert spend.claude_turns == 1 and spend.claude_usd == 0.5 and spend.local_turns == 0
    assert store.claude_spent(s.id) == 0.5


def test_latest_session_is_the_most_recently_active(store):
    a = store.create_session("a")
    store.create_session("b")
    store.begin_turn(a.id, "back to a")
    assert store.latest_session().name in {"a", "b"}
    names = [x.name for x in store.list_sessions()]
    assert set(names) == {"a", "b"}


def test_migrates_a_first_version_database(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    db.execute("INSERT INTO sessions (name, created, active) VALUES ('old', 'x', 'x')")
    db.commit()
    db.close()
    store = Store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    old = store.get_session("old")
    assert store.load_state(old.id) is None
    store.save_state(old.id, SessionState(declined=["hardware"]))
    assert SessionState.model_validate_json(store.load_state(old.id)).declined == ["hardware"]


MEMO_HEADING = "**Memo (written by Claude):**"


def version_two_database(path):
    """A database as the advisor wrote it before the state was saved whole: the profile and given
    columns, declined fields in the settings table, the memo only inside an answer's text."""
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + MIGRATIONS[1] + "PRAGMA user_version = 2;")
    profile = {"requests_per_day": 5000.0, "input_tokens_per_request": 2000.0, "privacy": "public"}
    db.execute(
        "INSERT INTO sessions (id, name, created, active, profile, given) VALUES (1, 'acme', 'x', 'x', ?, ?)",
        (json.dumps(profile), json.dumps(["requests_per_day", "privacy"])),
    )
    db.execute("INSERT INTO sessions (id, name, created, active) VALUES (2, 'blank', 'x', 'x')")
    db.execute("INSERT INTO settings VALUES (1, 'declined', ?)", (json.dumps(["hardware", "budget_usd"]),))
    turns = [
        ("old memo", f"Local.\n\n{MEMO_HEADING}\n\nThe first memo."),
        ("hello", "no memo here"),
        ("memo again", f"Local.\n\n{MEMO_HEADING}\n\nThe last memo."),
        ("and now?", "Local only."),
    ]
    for text, answer in turns:
        db.execute(
            "INSERT INTO turns (session_id, user_text, answer, status, started) VALUES (1, ?, ?, 'ok', 'x')",
            (text, answer),
        )
    db.commit()
    db.close()


def test_migrates_todays_schema_into_one_state_column(tmp_path):
    path = tmp_path / "v2.sqlite3"
    version_two_database(path)
    store = Store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    columns = {r["name"] for r in store.db.execute("PRAGMA table_info(sessions)")}
    assert "state" in columns and not columns & {"profile", "given"}
    assert store.db.execute("SELECT name FROM sqlite_master WHERE name = 'settings'").fetchone() is None
    state = SessionState.model_validate_json(store.load_state(store.get_session("acme").id))
    assert state.profile.requests_per_day == 5000 and state.profile.privacy == "public"
    assert state.given == ["requests_per_day", "privacy"]
    assert state.declined == ["hardware", "budget_usd"]
    assert state.memo == "The last memo."
    assert store.load_state(store.get_session("blank").id) is None
    assert len(store.turns(1)) == 4  # the turns themselves untouched
    store.close()
    assert Store(path).load_state(1) is not None  # a second open does not migrate again


def test_a_state_saved_before_a_field_existed_still_loads(store):
    """Fields added to SessionState later carry defaults: an older document (and one with a field
    since dropped) loads."""
    s = store.create_session("old")
    store.db.execute(
        "UPDATE sessions SET state = ? WHERE id = ?",
        ('{"profile": {"requests_per_day": 10}, "given": ["requests_per_day"], "retired_field": 1}', s.id),
    )
    state = SessionState.model_validate_json(store.load_state(s.id))
    assert state.profile.requests_per_day == 10 and state.declined == [] and state.memo is None


def test_turns_reads_only_the_last_ones_asked_for(store):
    s = store.create_session("long")
    for i in range(6):
        turn = store.begin_turn(s.id, f"q{i}")
        store.add_event(turn, Notice(text=f"a{i}"))
        store.add_event(turn, Notice(text=f"b{i}"))
        store.finish_turn(turn, f"answer {i}")
    last = store.turns(s.id, limit=2)
    assert [t.user_text for t in last] == ["q4", "q5"]
    assert [e.text for e in last[1].events] == ["a5", "b5"]
    assert [t.events for t in store.turns(s.id, events=False)] == [[]] * 6
    assert store.count_turns(s.id) == 6


KILLED = """
import os, signal, sys
from advisor.store import Store
from advisor.events import Notice
store = Store(__import__("pathlib").Path(sys.argv[1]))
s = store.create_session("crash")
turn = store.begin_turn(s.id, "my precious question")
store.add_event(turn, Notice(text="first event"))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_kill_9_mid_reply_keeps_the_question_and_events(tmp_path):
    path = tmp_path / "crash.sqlite3"
    run = subprocess.run([sys.executable, "-c", KILLED, str(path)], capture_output=True, timeout=60)
    assert run.returncode == -signal.SIGKILL
    store = Store(path)
    [turn] = store.turns(store.get_session("crash").id)
    assert turn.user_text == "my precious question"
    assert turn.status == "interrupted"
    assert isinstance(turn.events[0], Notice) and turn.events[0].text == "first event"


def test_a_reader_sees_committed_turns_while_a_writer_writes(tmp_path):
    path = tmp_path / "wal.sqlite3"
    writer, reader = Store(path), Store(path)
    s = writer.create_session("w")
    for i in range(20):
        writer.begin_turn(s.id, f"q{i}")
        assert len(reader.turns(s.id)) == i + 1


def test_a_turns_events_come_in_id_order_whatever_order_the_rows_were_written(store):
    """The events of a turn are read in their id order: rows written with descending ids (as a
    restored or merged file may hold) come back ascending."""
    s = store.create_session("restored")
    turn = store.begin_turn(s.id, "q")
    for event_id, text in [(30, "third"), (10, "first"), (20, "second")]:
        store.db.execute(
            "INSERT INTO events (id, turn_id, type, data) VALUES (?, ?, 'notice', ?)",
            (event_id, turn, Notice(text=text).model_dump_json()),
        )
    [record] = store.turns(s.id)
    assert [e.text for e in record.events] == ["first", "second", "third"]


def test_an_unnamed_session_is_named_after_the_advisors_day_not_the_system_calendar(store, monkeypatch):
    """The day is an input (ADVISOR_TODAY), so a session opened 'on' a pinned day is dated that day;
    the time of day is the real one."""
    monkeypatch.setenv("ADVISOR_TODAY", "2030-01-02")
    first, second = store.create_session(), store.create_session()
    assert first.name.startswith("2030-01-02-") and len(first.name) == len("2030-01-02-hhmm")
    assert second.name.startswith("2030-01-02-") and second.name != first.name
