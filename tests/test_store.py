"""The SQLite store: round trips, migrations from an older schema, and a kill -9 mid-reply that
loses nothing but the unfinished reply."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys

import pytest

from advisor.events import Notice, ToolAnswered, UsageRecorded
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
    store.save_profile(s.id, {"requests_per_day": 5000.0}, ["requests_per_day"])
    [record] = store.turns(s.id)
    assert record.user_text == "hello" and record.answer == "answer" and record.status == "ok"
    assert isinstance(record.events[0], ToolAnswered) and record.events[0].result == {"x": 1}
    assert store.load_profile(s.id) == ({"requests_per_day": 5000.0}, ["requests_per_day"])
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
    store.set_setting(old.id, "declined", ["hardware"])
    assert store.settings(old.id) == {"declined": ["hardware"]}


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
