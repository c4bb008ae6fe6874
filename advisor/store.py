"""Sessions, turns, every event of a turn, the profile and the spend ledger, in SQLite.

WAL journal, one commit per write: the user's text is stored before anything else happens, each
event as it happens, so a kill -9 loses at most the reply being written. Schema versions are
``PRAGMA user_version``; each migration runs once, in order, in a transaction.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from advisor.events import AgentEvent

MIGRATIONS: list[str] = [
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created TEXT NOT NULL,
        active TEXT NOT NULL,
        profile TEXT,
        given TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE turns (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        user_text TEXT NOT NULL,
        answer TEXT,
        status TEXT NOT NULL DEFAULT 'running',
        started TEXT NOT NULL,
        finished TEXT
    );
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE usage (
        id INTEGER PRIMARY KEY,
        turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
        side TEXT NOT NULL CHECK (side IN ('local', 'claude')),
        model TEXT NOT NULL,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        seconds REAL NOT NULL,
        usd REAL NOT NULL
    );
    CREATE INDEX turns_session ON turns(session_id);
    CREATE INDEX events_turn ON events(turn_id);
    CREATE INDEX usage_turn ON usage(turn_id);
    """,
    """
    CREATE TABLE settings (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (session_id, key)
    );
    """,
]

_EVENTS: TypeAdapter = TypeAdapter(AgentEvent)


class SessionInfo(BaseModel):
    id: int
    name: str
    created: str
    active: str


class SessionSummary(SessionInfo):
    turns: int
    claude_usd: float


class TurnRecord(BaseModel):
    id: int
    user_text: str
    answer: str | None
    status: str  # ok | failed | cancelled | interrupted
    started: str
    events: list[Any]


class SpendSummary(BaseModel):
    turns: int = 0
    local_turns: int = 0
    claude_turns: int = 0
    local_input_tokens: int = 0
    local_output_tokens: int = 0
    local_seconds: float = 0.0
    local_usd: float = 0.0
    claude_input_tokens: int = 0
    claude_output_tokens: int = 0
    claude_usd: float = 0.0
    all_claude_usd: float = 0.0  # filled by the session: had every turn's tokens gone to Claude


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.migrate()

    def migrate(self) -> int:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            self.db.executescript(f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;")
        return len(MIGRATIONS)

    def close(self) -> None:
        self.db.close()

    # ---- sessions ------------------------------------------------------------------------
    def create_session(self, name: str | None = None) -> SessionInfo:
        now = _now()
        if name is None:
            base = datetime.now().strftime("%Y-%m-%d-%H%M")
            name, n = base, 1
            while self.get_session(name) is not None:
                n += 1
                name = f"{base}-{n}"
        elif self.get_session(name) is not None:
            raise ValueError(f"session {name!r} already exists")
        cur = self.db.execute(
            "INSERT INTO sessions (name, created, active) VALUES (?, ?, ?)", (name, now, now)
        )
        return SessionInfo(id=cur.lastrowid, name=name, created=now, active=now)

    def get_session(self, name: str) -> SessionInfo | None:
        row = self.db.execute(
            "SELECT id, name, created, active FROM sessions WHERE name = ?", (name,)
        ).fetchone()
        return SessionInfo(**dict(row)) if row else None

    def latest_session(self) -> SessionInfo | None:
        row = self.db.execute(
            "SELECT id, name, created, active FROM sessions ORDER BY active DESC, id DESC LIMIT 1"
        ).fetchone()
        return SessionInfo(**dict(row)) if row else None

    def list_sessions(self) -> list[SessionSummary]:
        rows = self.db.execute(
            """SELECT s.id, s.name, s.created, s.active,
                      (SELECT COUNT(*) FROM turns t WHERE t.session_id = s.id) AS turns,
                      (SELECT COALESCE(SUM(u.usd), 0) FROM usage u JOIN turns t ON u.turn_id = t.id
                        WHERE t.session_id = s.id AND u.side = 'claude') AS claude_usd
               FROM sessions s ORDER BY s.active DESC, s.id DESC"""
        ).fetchall()
        return [SessionSummary(**dict(r)) for r in rows]

    def _touch(self, session_id: int) -> None:
        self.db.execute("UPDATE sessions SET active = ? WHERE id = ?", (_now(), session_id))

    def save_profile(self, session_id: int, profile: dict, given: list[str]) -> None:
        self.db.execute(
            "UPDATE sessions SET profile = ?, given = ?, active = ? WHERE id = ?",
            (json.dumps(profile), json.dumps(given), _now(), session_id),
        )

    def load_profile(self, session_id: int) -> tuple[dict, list[str]] | None:
        row = self.db.execute(
            "SELECT profile, given FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None or row["profile"] is None:
            return None
        return json.loads(row["profile"]), json.loads(row["given"])

    def set_setting(self, session_id: int, key: str, value: Any) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO settings (session_id, key, value) VALUES (?, ?, ?)",
            (session_id, key, json.dumps(value)),
        )

    def settings(self, session_id: int) -> dict[str, Any]:
        rows = self.db.execute(
            "SELECT key, value FROM settings WHERE session_id = ?", (session_id,)
        ).fetchall()
        return {r["key"]: json.loads(r["value"]) for r in rows}

    # ---- turns ---------------------------------------------------------------------------
    def begin_turn(self, session_id: int, user_text: str) -> int:
        cur = self.db.execute(
            "INSERT INTO turns (session_id, user_text, started) VALUES (?, ?, ?)",
            (session_id, user_text, _now()),
        )
        self._touch(session_id)
        return cur.lastrowid  # type: ignore[return-value]

    def add_event(self, turn_id: int, event: BaseModel) -> None:
        self.db.execute(
            "INSERT INTO events (turn_id, type, data) VALUES (?, ?, ?)",
            (turn_id, getattr(event, "type", "event"), event.model_dump_json()),
        )

    def finish_turn(self, turn_id: int, answer: str, status: str = "ok") -> None:
        self.db.execute(
            "UPDATE turns SET answer = ?, status = ?, finished = ? WHERE id = ?",
            (answer, status, _now(), turn_id),
        )

    def turns(self, session_id: int) -> list[TurnRecord]:
        rows = self.db.execute(
            "SELECT id, user_text, answer, status, started FROM turns WHERE session_id = ? ORDER BY id",
            (session_id,),
        ).fetchall()
        out: list[TurnRecord] = []
        for r in rows:
            events = [
                _EVENTS.validate_json(e["data"])
                for e in self.db.execute(
                    "SELECT data FROM events WHERE turn_id = ? ORDER BY id", (r["id"],)
                )
            ]
            status = "interrupted" if r["status"] == "running" else r["status"]
            out.append(
                TurnRecord(
                    id=r["id"], user_text=r["user_text"], answer=r["answer"], status=status,
                    started=r["started"], events=events,
                )
            )
        return out

    # ---- ledger --------------------------------------------------------------------------
    def record_usage(
        self, turn_id: int, side: str, model: str, input_tokens: int, output_tokens: int,
        seconds: float, usd: float,
    ) -> None:
        self.db.execute(
            "INSERT INTO usage (turn_id, side, model, input_tokens, output_tokens, seconds, usd)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (turn_id, side, model, input_tokens, output_tokens, seconds, usd),
        )

    def spend(self, session_id: int) -> SpendSummary:
        summary = SpendSummary()
        summary.turns = self.db.execute(
            "SELECT COUNT(*) FROM turns WHERE session_id = ?", (session_id,)
        ).fetchone()[0]
        rows = self.db.execute(
            """SELECT u.side, COUNT(DISTINCT u.turn_id) AS turns, SUM(u.input_tokens) AS i,
                      SUM(u.output_tokens) AS o, SUM(u.seconds) AS s, SUM(u.usd) AS usd
               FROM usage u JOIN turns t ON u.turn_id = t.id
               WHERE t.session_id = ? GROUP BY u.side""",
            (session_id,),
        ).fetchall()
        for r in rows:
            if r["side"] == "local":
                summary.local_input_tokens, summary.local_output_tokens = r["i"], r["o"]
                summary.local_seconds, summary.local_usd = r["s"], r["usd"]
            else:
                summary.claude_turns = r["turns"]
                summary.claude_input_tokens, summary.claude_output_tokens = r["i"], r["o"]
                summary.claude_usd = r["usd"]
        summary.local_turns = summary.turns - summary.claude_turns
        return summary

    def claude_spent(self, session_id: int) -> float:
        return self.spend(session_id).claude_usd
