"""Fault injection: the real command line, each in its own process, run under a broken environment —
a FIFO where a file should be, /dev/full as its output, a read-only or full data dir, a database
another process has locked, a process killed part-way. Each fault is one line on stderr naming it,
the documented exit status (2: the input or the data dir is the user's to fix; 1: the output could
not be written), never a hang or a traceback, and the sessions database as it was (or, for a
process killed part-way, as it was or with the whole change — never half of it).

A read-only data dir is a read-only bind mount in a mount namespace of its own when the suite runs
as root (root writes through file modes), else the directory's modes; a full disk is a tiny tmpfs in
such a namespace, so it runs only where `unshare -m` works."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from advisor.paths import data_dir, db_path

ROOT = Path(__file__).resolve().parents[2]
VOLUME = "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data"
SET = "/set electricity_usd_per_kwh 0.31"
CSV = "timestamp,model,input_tokens,output_tokens\n2026-11-01T10:00:00Z,claude-sonnet-4-5,100,50\n"


def _argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "advisor.cli", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _cli(*args: str, wrap: list[str] | None = None, stdout=subprocess.PIPE, timeout: float = 60):
    """The real command line in its own process (a hang is a TimeoutExpired, not a stuck suite)."""
    return subprocess.run(
        [*(wrap or []), *_argv(*args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


PROGRESS = ("import: ", "advisor: importing ")  # what an import says it did, before the store refuses


def _one_line(stderr: str, *parts: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if not line.startswith(PROGRESS)]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("advisor: error: ") and "Traceback" not in stderr, stderr
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


def _snapshot(db: Path) -> tuple:
    """What the sessions database holds: each session's state, its turns and the ledger. The
    connection is closed before this returns, so it leaves no -wal or -shm file behind."""
    with closing(sqlite3.connect(db)) as conn:
        return (
            conn.execute("SELECT name, state FROM sessions ORDER BY id").fetchall(),
            conn.execute("SELECT id, user_text, answer, status FROM turns ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM usage ORDER BY id").fetchall(),
            conn.execute("PRAGMA integrity_check").fetchone()[0],
        )


@pytest.fixture
def store(tmp_path) -> Path:
    """A session with a workload in it, and a usage file to import: the database's path."""
    assert _cli("ask", "--local", "none", "--session", "s", VOLUME).returncode == 0
    (tmp_path / "usage.csv").write_text(CSV)
    return db_path(data_dir())


def _mount_namespace() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


NAMESPACE = _mount_namespace()


# ---- a FIFO where a file should be ---------------------------------------------------------------
@pytest.mark.parametrize(
    "args, named",
    [
        (["import", "{fifo}", "--session", "s"], "path: "),
        (["catalog", "validate", "{fifo}"], "is a FIFO"),
        (["catalog", "update", "--from", "{fifo}"], "from: "),
        (["report", "--session", "s", "--out", "{fifo}"], "out: "),
        (["ask", "--local", "none", "--session", "s", "/import {fifo}"], "is a FIFO"),
    ],
    ids=["import", "catalog validate", "catalog update", "report --out", "ask /import"],
)
def test_a_fifo_is_one_line_and_never_a_hang(args, named, store, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    before = _snapshot(store)
    done = _cli(*(a.format(fifo=fifo) for a in args), timeout=30)
    assert done.returncode == 2
    _one_line(done.stderr, named, "pipe")  # the FIFO named
    assert _snapshot(store) == before


def test_a_fifo_for_the_config_or_the_users_catalog_is_one_line(store):
    from advisor.paths import config_dir

    config_dir().mkdir(parents=True, exist_ok=True)
    before = _snapshot(store)
    for name, args in (
        ("config.toml", ["ask", "--local", "none", "--session", "s", "/profile"]),
        (
            "catalog.toml",
            ["calc", "cloud-cost", "--model", "claude-sonnet-4-6", "--input-tokens", "1000", "--output-tokens", "100"],
        ),
    ):
        fifo = config_dir() / name
        os.mkfifo(fifo)
        done = _cli(*args, timeout=30)
        assert done.returncode == 2 and "FIFO" in _one_line(done.stderr, name)
        fifo.unlink()
    assert _snapshot(store) == before


# ---- /dev/full as the output ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["calc", "cloud-cost", "--model", "claude-sonnet-4-6", "--input-tokens", "1000", "--output-tokens", "100"],
        ["catalog", "list"],
        ["report", "--session", "s"],
        ["report", "--session", "s", "--format", "json"],
        ["ask", "--local", "none", "--session", "s", "/profile"],
    ],
    ids=["calc", "catalog list", "report", "report json", "ask /profile"],
)
def test_a_full_output_is_one_line_and_status_1(args, store):
    before = _snapshot(store)
    with open("/dev/full", "w") as full:
        done = _cli(*args, stdout=full)
    assert done.returncode == 1
    _one_line(done.stderr, "cannot write the output: No space left on device")
    assert _snapshot(store) == before


def test_a_report_written_to_dev_full_is_one_line_and_status_2(store):
    before = _snapshot(store)
    done = _cli("report", "--session", "s", "--out", "/dev/full")
    assert done.returncode == 2
    _one_line(done.stderr, "out: cannot write '/dev/full': No space left on device")
    assert _snapshot(store) == before


# ---- a read-only data dir ------------------------------------------------------------------------
CHANGES = [
    ["ask", "--local", "none", "--session", "s", "3k tokens out instead"],
    ["ask", "--local", "none", "--session", "s", SET],
    ["ask", "--local", "none", "--new", VOLUME],
    ["import", "{csv}", "--session", "s"],
]
CHANGE_IDS = ["ask", "ask /set", "ask --new", "import"]


@pytest.fixture
def read_only(store):
    """A wrapper running a command with the data dir read-only; the modes are put back after."""
    folder = store.parent
    if NAMESPACE:
        mount = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$@"'
        yield ["unshare", "-m", "sh", "-c", mount, "sh"]
        return
    modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
    for path in modes:
        path.chmod(0o555 if path.is_dir() else 0o444)
    yield []
    for path, mode in modes.items():
        path.chmod(mode)


@pytest.mark.parametrize("args", CHANGES, ids=CHANGE_IDS)
def test_a_read_only_data_dir_is_one_line_and_nothing_changes(args, read_only, store, tmp_path):
    before = _snapshot(store)
    done = _cli(*(a.format(csv=tmp_path / "usage.csv") for a in args), wrap=read_only)
    assert done.returncode == 2
    _one_line(done.stderr, str(store), "read-only", "--data-dir")
    assert _snapshot(store) == before


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_a_report_reads_a_read_only_data_dir(fmt, read_only, store):
    """A report only reads: after a clean close (no -wal file) it opens the database read-only and
    needs no write to the folder (SQLite's -shm file), so it is written and the database unchanged."""
    before = _snapshot(store)
    done = _cli("report", "--session", "s", "--format", fmt, wrap=read_only)
    assert done.returncode == 0, done.stderr
    assert (json.loads(done.stdout)["session"] == "s") if fmt == "json" else done.stdout.startswith("# LLM deployment")
    assert _snapshot(store) == before


@pytest.mark.skipif(os.geteuid() == 0 and not NAMESPACE, reason="a read-only folder to root is a read-only mount")
def test_a_report_beside_changes_not_written_back_in_a_read_only_data_dir_is_one_line(store):
    """An advisor killed while writing leaves its changes in the -wal file; in a read-only data dir
    the report cannot read them (SQLite needs its -shm file, which it cannot make there) and must not
    read the database without them: one line naming the -wal file and what to do, exit 2."""
    killed = (  # a commit goes to the -wal file; exiting without closing leaves it there, not written back
        "import os, sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute('PRAGMA journal_mode=wal');"
        " db.execute('UPDATE sessions SET name = name'); db.commit(); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", killed, str(store)], check=True)
    wal, shm = store.with_name(f"{store.name}-wal"), store.with_name(f"{store.name}-shm")
    shm.unlink()  # as after a reboot: nothing of the killed writer's shared memory is left
    assert wal.exists() and not shm.exists()
    folder = store.parent
    modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
    mount = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" && exec "$@"'
    if not NAMESPACE:
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        done = _cli("report", "--session", "s", wrap=["unshare", "-m", "sh", "-c", mount, "sh"] if NAMESPACE else [])
    finally:
        for path, mode in modes.items():
            path.chmod(mode)
    assert done.returncode == 2, done.stdout[:200]
    _one_line(done.stderr, str(store), "read-only", f"{store.name}-wal", "--data-dir")


@pytest.mark.skipif(not NAMESPACE, reason="a read-only folder to root is a read-only mount: needs root and unshare")
def test_an_export_into_a_read_only_exports_folder_is_one_line_and_status_2(store):
    """The data dir writable, its exports folder a read-only mount: /export says where it could not
    write and what to do, exit 2 — not "/export failed: OSError" and status 1."""
    exports = store.parent / "exports"
    exports.mkdir()
    mount = f'mount --bind "{exports}" "{exports}" && mount -o remount,bind,ro "{exports}" && exec "$@"'
    done = _cli("ask", "--session", "s", "/export", wrap=["unshare", "-m", "sh", "-c", mount, "sh"])
    assert done.returncode == 2
    _one_line(done.stderr, f"export: cannot write in '{exports}': Read-only file system", "/export FILE")
    assert list(exports.iterdir()) == []


# ---- a full data dir -----------------------------------------------------------------------------
@pytest.mark.skipif(not NAMESPACE, reason="a full disk is a tmpfs in a mount namespace: needs root and unshare")
@pytest.mark.parametrize("args", CHANGES, ids=CHANGE_IDS)
def test_a_full_data_dir_is_one_line_and_nothing_changes(args, store, tmp_path):
    """The data dir on a 512 KiB tmpfs filled to the last block; what the command left is copied
    out of the namespace and compared with what was there."""
    folder, kept = store.parent, tmp_path / "after"
    kept.mkdir()
    script = (
        f'cp -a "{folder}" "{tmp_path}/before" && mount -t tmpfs -o size=512k tmpfs "{folder}"'
        f' && cp -a "{tmp_path}/before/." "{folder}/"'
        f' && (dd if=/dev/zero of="{folder}/filler" bs=4k 2>/dev/null; true)'
        f' && "$@"; status=$?; rm -f "{folder}/filler"; cp -a "{folder}/." "{kept}/"; exit $status'
    )
    before = _snapshot(store)
    done = _cli(*(a.format(csv=tmp_path / "usage.csv") for a in args), wrap=["unshare", "-m", "sh", "-c", script, "sh"])
    assert done.returncode == 2
    _one_line(done.stderr, str(store), "free some disk space")
    assert _snapshot(kept / store.name) == before


# ---- a database another process has locked -------------------------------------------------------
def test_a_locked_database_is_one_line_for_each_command_and_nothing_changes(store, tmp_path):
    """Another process holds the write lock past the advisor's patience (10 s): every command that
    would write says so in one line; all run at once, so the suite waits once."""
    before = _snapshot(store)
    lock = sqlite3.connect(store, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        running = [
            subprocess.Popen(
                _argv(*(a.format(csv=tmp_path / "usage.csv") for a in args)),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=_env(),
                stdin=subprocess.DEVNULL,
            )
            for args in CHANGES
        ]
        outcomes = [(p.communicate(timeout=90)[1], p.returncode) for p in running]
    finally:
        lock.rollback()
        lock.close()
    for stderr, status in outcomes:
        assert status == 2, stderr
        _one_line(stderr, str(store), "locked", "another advisor is writing")
    assert _snapshot(store) == before


# ---- a process killed part-way -------------------------------------------------------------------
def test_a_process_killed_at_any_moment_leaves_the_store_whole(store):
    """`ask /set` killed at moments spread over its run: the database is intact each time, its
    state is the one before or the one after (never half), and the next command works."""
    before = _snapshot(store)
    done = _cli("ask", "--local", "none", "--session", "s", SET)
    assert done.returncode == 0
    after = _snapshot(store)
    state = json.loads(after[0][0][1])
    assert state["profile"]["electricity_usd_per_kwh"] == 0.31
    _cli("ask", "--local", "none", "--session", "s", "/set electricity_usd_per_kwh 0.16")
    reset = _snapshot(store)
    for delay in (0.05, 0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.2):
        process = subprocess.Popen(
            _argv("ask", "--local", "none", "--session", "s", SET),
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        now = _snapshot(store)
        assert now[3] == "ok"
        assert now[0] in (reset[0], after[0]), "the state is half written"
        again = _cli("ask", "--local", "none", "--session", "s", "/set electricity_usd_per_kwh 0.16")
        assert again.returncode == 0, again.stderr
    assert before[3] == "ok"
