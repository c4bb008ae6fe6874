"""Two processes answering one session at once lose nothing: each turn's change is read, applied
and written in one transaction (BEGIN IMMEDIATE) on top of what the other saved, and creating a
session that another process is creating at the same moment gives both the same row.

Real processes (`advisor ask`, `--local none`), one real SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from advisor.paths import data_dir, db_path
from advisor.state import SessionState
from advisor.store import Store


def _ask(session: str, text: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "advisor.cli", "ask", "--local", "none", "--session", session, text]
    return subprocess.run(command, capture_output=True, text=True, env=os.environ.copy(), timeout=120)


def _pair(session: str, first: str, second: str) -> list[subprocess.CompletedProcess]:
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(lambda text: _ask(session, text), (first, second)))


def _state(store: Store, name: str) -> SessionState:
    return SessionState.model_validate_json(store.load_state(store.get_session(name).id))


def test_ten_parallel_answer_pairs_keep_every_field():
    lost: list[str] = []
    for i in range(10):
        rate, price = 1000 + i, round(0.11 + i / 100, 2)
        done = _pair("pairs", f"{rate} requests a day", f"electricity is ${price} per kWh")
        assert all(p.returncode == 0 for p in done), [p.stderr for p in done]
        store = Store(db_path(data_dir()))
        state = _state(store, "pairs")
        store.close()
        if state.profile.requests_per_day != rate:
            lost.append(f"pair {i}: requests_per_day {state.profile.requests_per_day} (said {rate})")
        if state.profile.electricity_usd_per_kwh != price:
            lost.append(f"pair {i}: electricity {state.profile.electricity_usd_per_kwh} (said {price})")
        assert {"requests_per_day", "electricity_usd_per_kwh"} <= set(state.given)
    assert lost == []
    store = Store(db_path(data_dir()))
    assert len(store.turns(store.get_session("pairs").id)) == 20  # every turn kept, none failed
    assert [s.name for s in store.list_sessions()] == ["pairs"]  # created once, by whichever came first


def test_two_processes_creating_one_new_session_share_its_row():
    for i in range(5):
        done = _pair(f"fresh-{i}", "2,000 requests a day", "public data")
        assert all(p.returncode == 0 for p in done), [p.stderr for p in done]
    store = Store(db_path(data_dir()))
    for i in range(5):
        state = _state(store, f"fresh-{i}")
        assert state.profile.requests_per_day == 2000 and state.profile.privacy == "public"
        assert len(store.turns(store.get_session(f"fresh-{i}").id)) == 2


def test_a_lost_update_is_merged_not_overwritten(tmp_path):
    """In one process: two sessions on one row, each answering from the same start."""
    from advisor.config import Config
    from advisor.session import Session

    config = Config(local="none", offline=True, data_dir=tmp_path)
    a = Session.load(config, "one")
    b = Session.load(config, "one")
    list(a.turn("5,000 requests a day"))
    b.state.apply({"electricity_usd_per_kwh": 0.2})  # b read before a saved
    b.state.declined.append("hardware")
    b.save()
    assert b.state.profile.requests_per_day == 5000 and b.state.profile.electricity_usd_per_kwh == 0.2
    list(a.turn("2k tokens in and 300 out"))
    final = Session.load(config, "one").state
    assert final.profile.requests_per_day == 5000 and final.profile.electricity_usd_per_kwh == 0.2
    assert final.profile.input_tokens_per_request == 2000 and final.declined == ["hardware"]
