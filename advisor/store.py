"""Sessions, turns, every event of a turn, the profile and the spend ledger, in SQLite.

WAL journal, one commit per write: the user's text is stored before anything else happens, each
event as it happens, so a kill -9 loses at most the reply being written. Schema versions are
``PRAGMA user_version``; each migration runs once, in order, in a transaction.

The file is marked as the advisor's own (``PRAGMA application_id``). Another program's SQLite
file given as the data DB is refused by name, never migrated into; a database the advisor wrote
before the mark (its own tables only) gets it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from advisor.errors import UsageError
from advisor.events import AgentEvent
from advisor.tools import clock
from advisor.tools.userfile import UserFileError, check_regular

# The heading the agent puts before a Claude memo in the answer text; version 2 found the memo by it.
_OLD_MEMO_MARK = "**Memo (written by Claude):**"


def _state_whole(db: sqlite3.Connection) -> None:
    """Version 3: the session state in one JSON column. The profile and given columns, the
    ``settings`` table (declined fields) and the memo scraped out of answer text become one
    document, the shape of ``advisor.state.SessionState``."""
    db.execute("ALTER TABLE sessions ADD COLUMN state TEXT")
    for row in db.execute("SELECT id, profile, given FROM sessions").fetchall():
        state: dict[str, Any] = {}
        if row[1] is not None:
            state["profile"] = json.loads(row[1])
            state["given"] = json.loads(row[2])
        declined = db.execute(
            "SELECT value FROM settings WHERE session_id = ? AND key = 'declined'", (row[0],)
        ).fetchone()
        if declined is not None:
            state["declined"] = json.loads(declined[0])
        memo = db.execute(
            "SELECT answer FROM turns WHERE session_id = ? AND instr(answer, ?) > 0 ORDER BY id DESC LIMIT 1",
            (row[0], _OLD_MEMO_MARK),
        ).fetchone()
        if memo is not None and (text := memo[0].split(_OLD_MEMO_MARK, 1)[1].strip()):
            state["memo"] = text
        if state:
            db.execute("UPDATE sessions SET state = ? WHERE id = ?", (json.dumps(state), row[0]))
    db.execute("ALTER TABLE sessions DROP COLUMN profile")
    db.execute("ALTER TABLE sessions DROP COLUMN given")
    db.execute("DROP TABLE settings")


APPLICATION_ID = 0x41445653  # "ADVS": the advisor's own database
OWN_TABLES = frozenset({"sessions", "turns", "events", "usage", "settings"})


def _mark(db: sqlite3.Connection) -> None:
    """Version 5: the file says it is the advisor's (``PRAGMA application_id``)."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _set_aside(db: sqlite3.Connection) -> None:
    """Version 6: a session's saved state that could not be read is kept here, not overwritten."""
    db.execute("ALTER TABLE sessions ADD COLUMN state_set_aside TEXT")


def _reservations(db: sqlite3.Connection) -> None:
    """Version 4: a Claude call is reserved (``settled = 0``, its worst case in ``usd``) before it
    is made and settled from the response's usage; a call cancelled or killed keeps its reservation."""
    db.execute("ALTER TABLE usage ADD COLUMN settled INTEGER NOT NULL DEFAULT 1")


MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
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
    _state_whole,
    _reservations,
    _mark,
    _set_aside,
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


class StoreError(UsageError):
    """The database cannot be used as it is: one line naming the file and what to do."""


class Reservation(BaseModel):
    id: int | None  # None: refused, it would pass the budget
    usd: float  # the call's worst case
    spent_usd: float  # the session's Claude spend before it (settled and reserved)
    budget_usd: float


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
    claude_usd: float = 0.0  # settled calls plus the worst case of calls cancelled or killed in flight
    claude_reserved_usd: float = 0.0  # of which: reservations never settled
    all_claude_usd: float = 0.0  # what a Claude-only advisor would have spent (advisor/meter.py)
    all_claude_input_tokens: int = 0
    all_claude_output_tokens: int = 0
    all_claude_basis: str = ""

    @property
    def claude_share(self) -> float | None:
        """Claude's actual spend as a share of the all-Claude figure."""
        return self.claude_usd / self.all_claude_usd if self.all_claude_usd > 0 else None


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _readable_events(rows: str) -> list[Any]:
    """A turn's events in order; an event row that is not one (damaged, or written by something
    else) is left out: it costs that event, not the session's history."""
    events = []
    for _, data in sorted(json.loads(rows), key=lambda pair: pair[0]):
        if not isinstance(data, str):
            continue
        try:
            events.append(_EVENTS.validate_json(data))
        except (ValidationError, ValueError, TypeError):
            continue
    return events


def _use_wal(db: sqlite3.Connection, patience: float = 10.0) -> None:
    """Switch a new file to WAL. Two processes opening a new file at once race for it, and SQLite
    answers "locked" at once here (no busy wait), so wait for the other a little."""
    deadline = time.monotonic() + patience
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def database_problem(exc: BaseException, path: Path | None = None) -> str:
    """What went wrong with the database file, and what to do, in a few words (``path``: the file,
    to tell a read-only data dir from a damaged file)."""
    text = str(exc) or type(exc).__name__
    if path is not None and path.parent.is_dir() and not os.access(path.parent, os.W_OK):
        if path.with_name(f"{path.name}-wal").exists():  # changes not yet written back: reading them needs a write
            return (
                f"{text}: the data dir {path.parent} is read-only and {path.name}-wal holds changes an advisor has"
                " not written back yet — run the advisor once where the data dir is writable, or use another --data-dir"
            )
        return f"{text}: the data dir {path.parent} is read-only — make it writable or use another --data-dir"
    if "not a database" in text or "malformed" in text:
        return f"{text} — move it aside (the advisor starts a new one) or use another --data-dir"
    if "locked" in text or "busy" in text:
        return f"{text} — another advisor is writing; try again in a moment"
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return f"{text} — make it writable or use another --data-dir"
    if "disk" in text or "full" in text:
        return f"{text} — free some disk space"
    return f"{text} — check the file, or use another --data-dir"


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that only reads ``path``. A WAL database needs its -shm file, which SQLite
    cannot make in a read-only folder; closed cleanly (no -wal file, so nothing is waiting to be
    written back and nobody can be writing) it is read as an unchanging file instead."""
    uri = f"{path.absolute().as_uri()}?mode=ro"
    db = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA application_id").fetchone()
        return db
    except sqlite3.OperationalError:
        db.close()
        if path.with_name(f"{path.name}-wal").exists():
            raise
    return sqlite3.connect(f"{uri}&immutable=1", uri=True, isolation_level=None, check_same_thread=False)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: Path, read_only: bool = False):
        """The sessions database at ``path``, made (with its folder) when missing. ``read_only``
        opens an existing one for reading only (a report): it works in a read-only data dir, and
        nothing it does can change the file."""
        self.path, self.read_only = path, read_only
        try:
            check_regular(path)
        except UserFileError as exc:
            raise StoreError(f"{exc} — the sessions database must be a file; use another --data-dir") from None
        try:
            if read_only:
                self.db = _open_read_only(path)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"{path}: {database_problem(exc, path)}") from None
        try:
            self.db.row_factory = sqlite3.Row
            self.db.text_factory = _text  # a damaged text value reads with U+FFFD, never an exception
            self._check_identity()
            if not read_only:
                _use_wal(self.db)
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.migrate()  # read-only, a file that needs a migration is refused (one line, from SQLite)
        except (sqlite3.Error, OSError) as exc:
            self.db.close()
            raise StoreError(f"{path}: {database_problem(exc, path)}") from None
        except StoreError:
            self.db.close()
            raise

    def _check_identity(self) -> None:
        """The file is the advisor's: marked so, or new, or an unmarked one holding only the
        advisor's own tables (written before the mark). Anything else is another program's."""
        app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        if app_id == APPLICATION_ID:
            return
        if app_id != 0:
            raise StoreError(
                f"{self.path}: another program's SQLite database (application_id {app_id:#x}), not the advisor's"
                " — the advisor leaves it as it is; use another --data-dir"
            )
        rows = self.db.execute("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        foreign = sorted(name for kind, name, table in rows if (table if kind == "index" else name) not in OWN_TABLES)
        if foreign:
            shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
            raise StoreError(
                f"{self.path}: holds tables the advisor did not make ({shown}) — another program's database;"
                " the advisor leaves it as it is; use another --data-dir"
            )

    def migrate(self) -> int:
        """Run the migrations this file lacks, each once even when processes open it at once."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: the database is version {version}, newer than this advisor knows "
                f"({len(MIGRATIONS)}) — upgrade advisor, or use another --data-dir"
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction():
                if self.db.execute("PRAGMA user_version").fetchone()[0] >= number:
                    continue  # another process did it meanwhile
                if isinstance(script, str):
                    for statement in script.split(";"):
                        if statement.strip():
                            self.db.execute(statement)
                else:
                    script(self.db)
                self.db.execute(f"PRAGMA user_version = {number}")
        return len(MIGRATIONS)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction that holds the database's write lock from its first statement
        (``BEGIN IMMEDIATE``): read, decide, write — no other process writes in between."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    # ---- sessions ------------------------------------------------------------------------
    def create_session(self, name: str | None = None, exist_ok: bool = False) -> SessionInfo:
        """A new session. A named one that exists (another process made it a moment ago) is
        returned when ``exist_ok``, else refused; an unnamed one gets the next free dated name."""
        now = _now()
        if name is not None:
            inserted = self.db.execute(
                "INSERT INTO sessions (name, created, active) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING",
                (name, now, now),
            ).rowcount
            if not inserted and not exist_ok:
                raise StoreError(f"session {name!r} already exists — resume it with --session {name}")
            return self.get_session(name)  # type: ignore[return-value]
        base = f"{clock.today():%Y-%m-%d}-{datetime.now():%H%M}"  # the advisor's day, the real time of day
        for n in range(1, 10_000):
            candidate = base if n == 1 else f"{base}-{n}"
            cur = self.db.execute(
                "INSERT INTO sessions (name, created, active) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING",
                (candidate, now, now),
            )
            if cur.rowcount:
                return SessionInfo(id=cur.lastrowid, name=candidate, created=now, active=now)
        raise StoreError(f"{self.path}: no free session name left for {base}")

    def get_session(self, name: str) -> SessionInfo | None:
        row = self.db.execute("SELECT id, name, created, active FROM sessions WHERE name = ?", (name,)).fetchone()
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

    def save_state(self, session_id: int, state: BaseModel) -> None:
        """The session's state, whole (one JSON document)."""
        self.db.execute(
            "UPDATE sessions SET state = ?, active = ? WHERE id = ?",
            (state.model_dump_json(), _now(), session_id),
        )

    def update_state(self, session_id: int, change: Callable[[str | None], BaseModel]) -> BaseModel:
        """Read the saved state, ``change`` it, write it back — one transaction, so a change another
        process saved meanwhile is read and kept, never overwritten."""
        with self.transaction():
            state = change(self.load_state(session_id))
            self.save_state(session_id, state)
        return state

    def load_state(self, session_id: int) -> str | None:
        """The JSON saved by ``save_state`` (None for a session that has saved none); a value that
        is not text (a blob, a number written by something else) is given as text, for the caller's
        validation to refuse."""
        row = self.db.execute("SELECT state FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None or row["state"] is None:
            return None
        state = row["state"]
        return state if isinstance(state, str) else repr(state)

    def set_state_aside(self, session_id: int, clear: bool = True) -> None:
        """The saved state could not be read whole: keep it in ``state_set_aside`` and (``clear``)
        clear ``state``; without ``clear`` the state stays, to be saved over with what was read of it."""
        if self.read_only:
            return  # a reader leaves the file as it is; the next writer sets it aside
        if clear:
            self.db.execute("UPDATE sessions SET state_set_aside = state, state = NULL WHERE id = ?", (session_id,))
        else:
            self.db.execute("UPDATE sessions SET state_set_aside = state WHERE id = ?", (session_id,))

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

    def turns(self, session_id: int, limit: int | None = None, events: bool = True) -> list[TurnRecord]:
        """The session's turns, oldest first: the last ``limit`` of them (all by default), in one
        query. ``events=False`` leaves each turn's events out (the text alone, for a model's history).
        Events come with their ids and are put in order here: SQLite does not promise that an
        aggregate keeps a subquery's order."""
        rows = self.db.execute(
            f"""SELECT t.id, t.user_text, t.answer, t.status, t.started,
                       {
                "(SELECT json_group_array(json_array(e.id, CASE WHEN typeof(e.data) = 'text'"
                " THEN e.data END)) FROM events e WHERE e.turn_id = t.id)"
                if events
                else "'[]'"
            } AS events
                FROM turns t WHERE t.session_id = ? ORDER BY t.id DESC LIMIT ?""",
            (session_id, -1 if limit is None else limit),
        ).fetchall()
        return [
            TurnRecord(
                id=r["id"],
                user_text=r["user_text"],
                answer=r["answer"],
                status="interrupted" if r["status"] == "running" else r["status"],
                started=r["started"],
                events=_readable_events(r["events"]),
            )
            for r in reversed(rows)
        ]

    def count_turns(self, session_id: int) -> int:
        return self.db.execute("SELECT COUNT(*) FROM turns WHERE session_id = ?", (session_id,)).fetchone()[0]

    # ---- ledger --------------------------------------------------------------------------
    def record_usage(
        self,
        turn_id: int,
        side: str,
        model: str,
        input_tokens: int,
        output_tokens: int,
        seconds: float,
        usd: float,
    ) -> None:
        self.db.execute(
            "INSERT INTO usage (turn_id, side, model, input_tokens, output_tokens, seconds, usd)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (turn_id, side, model, input_tokens, output_tokens, seconds, usd),
        )

    def reserve(
        self,
        session_id: int,
        turn_id: int,
        model: str,
        input_tokens: int,
        output_tokens: int,
        usd: float,
        budget_usd: float,
    ) -> Reservation:
        """Reserve a Claude call's worst case against the session's budget, under the database's
        write lock: of processes reserving at once, only those that fit get an id."""
        with self.transaction():
            spent = self.claude_spent(session_id)
            if spent + usd > budget_usd + 1e-12:
                return Reservation(id=None, usd=usd, spent_usd=spent, budget_usd=budget_usd)
            cur = self.db.execute(
                "INSERT INTO usage (turn_id, side, model, input_tokens, output_tokens, seconds, usd, settled)"
                " VALUES (?, 'claude', ?, ?, ?, 0, ?, 0)",
                (turn_id, model, input_tokens, output_tokens, usd),
            )
        return Reservation(id=cur.lastrowid, usd=usd, spent_usd=spent, budget_usd=budget_usd)

    def settle(self, reservation_id: int, input_tokens: int, output_tokens: int, seconds: float, usd: float) -> None:
        """The call answered: its reservation becomes what the response's usage says it cost."""
        self.db.execute(
            "UPDATE usage SET input_tokens = ?, output_tokens = ?, seconds = ?, usd = ?, settled = 1"
            " WHERE id = ? AND settled = 0",
            (input_tokens, output_tokens, seconds, usd, reservation_id),
        )

    def release(self, reservation_id: int) -> None:
        """The API refused the call before doing any work (auth, bad request, rate limit): not billed."""
        self.db.execute("DELETE FROM usage WHERE id = ? AND settled = 0", (reservation_id,))

    def spend(self, session_id: int) -> SpendSummary:
        summary = SpendSummary()
        summary.turns = self.db.execute("SELECT COUNT(*) FROM turns WHERE session_id = ?", (session_id,)).fetchone()[0]
        rows = self.db.execute(
            """SELECT u.side, COUNT(DISTINCT u.turn_id) AS turns, SUM(u.input_tokens) AS i,
                      SUM(u.output_tokens) AS o, SUM(u.seconds) AS s, SUM(u.usd) AS usd,
                      SUM(CASE WHEN u.settled THEN 0 ELSE u.usd END) AS reserved
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
                summary.claude_usd, summary.claude_reserved_usd = r["usd"], r["reserved"]
        summary.local_turns = summary.turns - summary.claude_turns
        return summary

    def all_claude(self, session_id: int) -> tuple[int, int, float]:
        """The session's all-Claude estimates summed: input tokens, output tokens, dollars."""
        row = self.db.execute(
            """SELECT COALESCE(SUM(json_extract(e.data, '$.input_tokens')), 0) AS i,
                      COALESCE(SUM(json_extract(e.data, '$.output_tokens')), 0) AS o,
                      COALESCE(SUM(json_extract(e.data, '$.usd')), 0.0) AS usd
               FROM events e JOIN turns t ON e.turn_id = t.id
               WHERE t.session_id = ? AND e.type = 'all_claude' AND json_valid(e.data)""",
            (session_id,),
        ).fetchone()
        return int(row["i"]), int(row["o"]), float(row["usd"])

    def claude_spent(self, session_id: int) -> float:
        return self.spend(session_id).claude_usd
