"""`ollama pull` through the real `ollama` client's streaming pull against a loopback server that
speaks Ollama's POST /api/pull NDJSON stream (tests/loopback.py: manifest, per-layer digest with
total/completed, digest check, success — or an ``{"error": …}`` line, or a connection dropped
mid-stream). No Ollama server and no network here: 127.0.0.1 only. Covers the progress figures,
each failure as one line, the session switching to the pulled model, offline refusing to pull,
and the CLI's bar."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from itertools import pairwise

import pytest

from advisor.config import load_config
from advisor.models.ollama_pull import pull_client, pull_ollama
from advisor.models.pull import PullError, PullProgress
from advisor.session import Session
from advisor.tui.app import AdvisorApp
from advisor.tui.widgets.status import StatusBar
from tests.loopback import Reply, dead_port, loopback, ollama_pull, ollama_show, ollama_stream, ollama_tags
from tests.tui.test_tui_fake import notices, ready, say, settle, type_in, until

GB = 1_000_000_000
LAYERS = (2 * GB, 10_000)  # the weights, and a small template layer


def _pull(url: str, model: str = "qwen3:4b") -> tuple[PullProgress, list[PullProgress]]:
    seen: list[PullProgress] = []
    return pull_ollama(pull_client(url), model, seen.append), seen


def test_progress_sums_the_layers_bytes_and_ends_in_success():
    with loopback({"/api/pull": [ollama_pull(*LAYERS)]}) as (url, rec):
        last, seen = _pull(url)
    assert rec.requests[0]["body"] == {"model": "qwen3:4b", "insecure": False, "stream": True}
    assert last.status == "success" and last.completed == last.total == sum(LAYERS)
    shown = [p.percent for p in seen if p.percent is not None]
    assert shown[-1] == 100  # a later layer's total joins when it starts: the figure may dip, barely
    assert all(later > earlier - 1 for earlier, later in pairwise(shown))
    assert any(0 < p < 100 for p in shown)
    middle = next(p for p in seen if p.completed == GB)
    assert middle.line() == "pulling qwen3:4b: 1.00 GB of 2.00 GB (50%) — pulling 000000000000"
    assert seen[0].line() == "pulling qwen3:4b: pulling manifest"


def test_an_error_inside_the_stream_is_one_line_with_how_far_it_got():
    reply = ollama_pull(*LAYERS, error="max retries exceeded: unexpected EOF")
    with loopback({"/api/pull": [reply]}) as (url, _), pytest.raises(PullError) as err:
        _pull(url)
    assert str(err.value) == "Ollama stopped pulling qwen3:4b: max retries exceeded: unexpected EOF at 50%"


def test_an_unknown_model_is_one_line():
    reply = Reply(lines=[{"status": "pulling manifest"}, {"error": "pull model manifest: file does not exist"}])
    with loopback({"/api/pull": [reply]}) as (url, _), pytest.raises(PullError, match="file does not exist"):
        _pull(url, "qwen9:99b")


def test_a_dropped_stream_says_run_it_again():
    reply = ollama_pull(*LAYERS)
    reply.cut_after_lines = 3
    with loopback({"/api/pull": [reply]}) as (url, _), pytest.raises(PullError) as err:
        _pull(url)
    assert "broke off" in str(err.value) and "at 25%" in str(err.value) and "again to resume" in str(err.value)


def test_a_refusal_before_the_stream_and_a_dead_server():
    with loopback({"/api/pull": [Reply(500, {"error": "disk full"})]}) as (url, _), pytest.raises(PullError) as err:
        _pull(url)
    assert str(err.value) == "Ollama refused to pull qwen3:4b (500): disk full"
    with pytest.raises(PullError, match=r"not reachable at http://127.0.0.1:\d+ — start it with `ollama serve`"):
        _pull(dead_port())


def _server(pull: Reply) -> dict[str, list[Reply]]:
    """An Ollama without qwen3:4b until the pull; then with it, tool-capable."""
    return {
        "/api/tags": [ollama_tags("llama3.2:1b"), ollama_tags("llama3.2:1b", "qwen3:4b")],
        "/api/pull": [pull],
        "/api/show": [ollama_show("completion", "tools")],
        "/api/chat": [ollama_stream("qwen3:4b", ["Fine."])],
    }


def test_a_session_offers_the_pull_and_switches_to_the_pulled_model(monkeypatch):
    with loopback(_server(ollama_pull(*LAYERS))) as (url, rec):
        monkeypatch.setenv("OLLAMA_HOST", url)
        session = Session.open(load_config(local="ollama:qwen3:4b"), new=True)
        assert session.local is None and session.pullable == "qwen3:4b"
        assert any("/pull" in n and "qwen3:4b" in n for n in session.startup_notices)
        seen: list[PullProgress] = []
        line = session.pull_ollama(None, seen.append)
        events = list(session.turn("We answer 2,000 support tickets a day"))
    assert seen[-1].status == "success"
    assert session.local_label == "ollama:qwen3:4b" and session.pullable is None
    assert line.startswith("pulled qwen3:4b: the local model is now ollama:qwen3:4b")
    assert [r["path"] for r in rec.requests].count("/api/pull") == 1
    assert events and session.history()[-1].status == "ok"


def test_a_failed_pull_leaves_the_session_as_it_was(monkeypatch):
    with loopback(_server(ollama_pull(*LAYERS, error="connection reset by peer"))) as (url, _):
        monkeypatch.setenv("OLLAMA_HOST", url)
        session = Session.open(load_config(local="ollama:qwen3:4b"), new=True)
        with pytest.raises(PullError, match="stopped pulling qwen3:4b: connection reset by peer at 50%"):
            session.pull_ollama(None, lambda _p: None)
        list(session.turn("We answer 2,000 support tickets a day"))
    assert session.local is None and session.pullable == "qwen3:4b"
    assert session.history()[-1].status == "ok" and session.state.profile.requests_per_day == 2000


def test_offline_never_pulls(monkeypatch):
    with loopback(_server(ollama_pull(*LAYERS))) as (url, rec):
        monkeypatch.setenv("OLLAMA_HOST", url)
        session = Session.open(load_config(local="ollama:qwen3:4b", offline=True), new=True)
        assert session.pullable is None  # offline: the server would fetch from the registry
        with pytest.raises(PullError, match="offline"):
            session.pull_ollama("qwen3:4b", lambda _p: None)
    assert "/api/pull" not in [r["path"] for r in rec.requests]


def _cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "OLLAMA_HOST": url}
    command = [sys.executable, "-m", "advisor.cli", "model", "pull", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)


def test_the_cli_shows_a_bar_and_a_clear_error():
    with loopback({"/api/pull": [ollama_pull(*LAYERS)]}) as (url, _):
        done = _cli(url, "ollama:qwen3:4b")
    assert done.returncode == 0, done.stderr
    assert "pulling qwen3:4b" in done.stderr and "100%" in done.stderr and "2.00G" in done.stderr
    assert done.stdout.strip() == "pulled qwen3:4b into Ollama; the next start uses it"
    with loopback({"/api/pull": [ollama_pull(*LAYERS, error="unexpected EOF")]}) as (url, _):
        failed = _cli(url, "ollama")  # the configured model
    assert failed.returncode == 1
    assert "advisor: error: Ollama stopped pulling qwen3:4b: unexpected EOF at 50%" in failed.stderr
    assert "Traceback" not in failed.stderr


# ---- in the chat -----------------------------------------------------------------------------
async def _pull_in_the_app(monkeypatch, pull: Reply, check_live, check_after) -> None:
    with loopback(_server(pull)) as (url, _):
        monkeypatch.setenv("OLLAMA_HOST", url)
        app = AdvisorApp(lambda progress: Session.open(load_config(local="ollama:qwen3:4b"), on_progress=progress))
        async with app.run_test(size=(160, 48)) as pilot:
            await ready(pilot, app)
            assert any("/pull" in n for n in notices(app, "warning"))
            await say(pilot, "/pull")
            await check_live(pilot, app)
            await settle(pilot)
            check_after(app)


async def test_pull_in_the_chat_shows_progress_keeps_the_prompt_live_and_switches(monkeypatch):
    slow = ollama_pull(*LAYERS, chunks=30)
    slow.line_delay = 0.05  # 11 lines ≥ 0.55 s before the hold: the chat redraws its line at most every 0.25 s
    slow.release, slow.hold_at_line = threading.Event(), 12  # the stream waits there until the test has typed
    progress = re.compile(r"pulling qwen3:4b: [\d.]+ [MG]B of 2\.00 GB \(\d+%\)")

    async def live(pilot, app):
        await until(lambda: any(progress.search(n) for n in notices(app)), "the pull's progress")
        assert app.pulling == "qwen3:4b"
        await type_in(app, "abc")  # the prompt takes keys while the pull streams
        assert app.pulling == "qwen3:4b"
        slow.release.set()

    def after(app):
        assert any(n.startswith("pulled qwen3:4b: the local model is now ollama:qwen3:4b") for n in notices(app))
        assert "2.00 GB of 2.00 GB (100%) — success" in " ".join(notices(app))
        assert "ollama:qwen3:4b" in str(app.query_one(StatusBar).render()) and app.pulling is None

    await _pull_in_the_app(monkeypatch, slow, live, after)


async def test_a_pull_failing_mid_stream_in_the_chat_is_one_error_line(monkeypatch):
    async def nothing(pilot, app):
        pass

    def after(app):
        assert notices(app, "error") == [
            "Ollama stopped pulling qwen3:4b: unexpected EOF at 50% — the chat goes on without a local model"
        ]
        assert app.session.local is None and app.pulling is None

    await _pull_in_the_app(monkeypatch, ollama_pull(*LAYERS, error="unexpected EOF"), nothing, after)


def test_model_list_says_whether_ollama_has_the_configured_model(monkeypatch, capsys):
    from advisor.cli import main

    with loopback({"/api/tags": [ollama_tags("llama3.2:1b")]}) as (url, _):
        monkeypatch.setenv("OLLAMA_HOST", url)
        assert main(["model", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == (
        f"ollama: Ollama at {url} has no model 'qwen3:4b' — pull it with /pull in the chat,"
        " `advisor model pull ollama:qwen3:4b` or `ollama pull qwen3:4b`"
    )
    monkeypatch.setenv("OLLAMA_HOST", dead_port())
    assert main(["model", "list"]) == 0
    assert "not reachable" in capsys.readouterr().out.splitlines()[-1]
