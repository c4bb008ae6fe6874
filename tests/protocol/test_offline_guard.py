"""Offline means nothing leaves the machine, whatever the environment says.

Whole sessions — `advisor ask --offline`, the TUI, `advisor report` — run under an audit hook
(tests/netguard.py) that refuses any non-loopback connect or any name lookup *before* it runs,
with hostile environment values: a remote OLLAMA_HOST, HTTP(S)/ALL proxies, hostnames under
example.invalid, all documentation addresses. Ollama is a loopback server speaking its documented
wire protocol (tests/loopback.py), reached through the real `ollama` client."""

from __future__ import annotations

import socket

import pytest

from advisor.cli import main
from advisor.config import load_config
from advisor.events import Escalated, Notice, TurnFinished
from advisor.models.offline import loopback_url
from advisor.models.ollama_model import OllamaModel
from advisor.session import Session
from tests.loopback import loopback, ollama_show, ollama_stream, ollama_tags
from tests.netguard import HOSTILE_ENV, NetworkRefused, guard

TRIAGE = "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data"


@pytest.fixture
def hostile(monkeypatch):
    for key, value in HOSTILE_ENV.items():
        monkeypatch.setenv(key, value)


def test_the_guard_refuses_before_anything_is_sent():
    with guard() as record:
        with pytest.raises(NetworkRefused):
            socket.create_connection(("192.0.2.1", 443), timeout=0.1)
        with pytest.raises(NetworkRefused):
            socket.getaddrinfo("ollama.example.invalid", 11434)
        with pytest.raises(NetworkRefused):
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("192.0.2.1", 53))
    assert len(record.refused) == 3


@pytest.mark.parametrize(
    ("host", "url"),
    [
        (None, "http://127.0.0.1:11434"),
        ("localhost", "http://127.0.0.1:11434"),
        ("http://localhost:8080", "http://127.0.0.1:8080"),
        ("0.0.0.0", "http://127.0.0.1:11434"),
        ("[::1]:11434", "http://[::1]:11434"),
        ("127.0.0.2:9", "http://127.0.0.2:9"),
        ("http://192.0.2.1:11434", None),
        ("ollama.example.invalid", None),
        ("127.0.0.1.example.invalid", None),
        ("http://127.0.0.1:notaport", None),
    ],
)
def test_offline_hosts_are_literal_loopback_or_refused(host, url):
    assert loopback_url(host) == url


def test_ask_offline_with_a_hostile_environment_stays_home(hostile, capsys):
    """`advisor ask --offline` (auto: Ollama, else the embedded model), then `advisor report`."""
    with guard() as record:
        code = main(["ask", "--offline", "--session", "hostile", TRIAGE])
        code_memo = main(["ask", "--offline", "--session", "hostile", "write the final memo for our board"])
        code_report = main(["report", "--session", "hostile", "--format", "json"])
    out = capsys.readouterr()
    assert record.refused == []
    assert (code, code_memo, code_report) == (0, 0, 0)
    assert "Ollama at http://192.0.2.1:11434 is not on this machine" in out.err
    assert "Claude not called" in out.err and "offline" in out.err
    assert '"recommendation"' in out.out


def test_a_hostname_in_ollama_host_is_refused_without_a_lookup(monkeypatch):
    monkeypatch.setenv("OLLAMA_HOST", "http://ollama.example.invalid:11434")
    with guard() as record:
        session = Session.open(load_config(offline=True, local="ollama:qwen3:4b"), new=True)
    assert record.refused == []
    assert session.local is None
    assert "ollama.example.invalid:11434 is not on this machine" in session.startup_notices[0]


def test_a_loopback_ollama_is_reached_directly_not_through_the_proxies(hostile, monkeypatch):
    script = {
        "/api/tags": [ollama_tags("qwen3:4b")],
        "/api/show": [ollama_show("completion")],
        "/api/chat": [ollama_stream("qwen3:4b", ["Noted."])],
    }
    with loopback(script) as (url, recorder):
        monkeypatch.setenv("OLLAMA_HOST", url.replace("127.0.0.1", "localhost"))
        with guard() as record:
            session = Session.open(load_config(offline=True, local="ollama:qwen3:4b"), new=True)
            events = list(session.turn(TRIAGE))
            events += list(session.turn("write the final recommendation memo"))
    assert record.refused == []
    assert session.local_label == "ollama:qwen3:4b"
    assert {a[0] for a in record.allowed if isinstance(a, tuple)} == {"127.0.0.1"}
    assert any(r["path"] == "/api/chat" for r in recorder.requests)  # reached the server itself
    assert not any(isinstance(e, Escalated) for e in events)
    assert isinstance(events[-1], TurnFinished)


def test_switching_offline_drops_a_remote_ollama(hostile):
    with guard() as record:
        session = Session.open(load_config(local="none"), new=True)
        session.local = OllamaModel("qwen3:4b", host="http://192.0.2.1:11434")  # built, never called
        session.local_label, session.mode = session.local.label, "guided"
        line = session.set_offline(True)
        events = list(session.turn(TRIAGE))
    assert record.refused == []
    assert line is not None and "192.0.2.1" in line
    assert session.local is None and session.claude is None
    assert isinstance(events[-1], TurnFinished)


async def test_the_tui_offline_with_a_hostile_environment_stays_home(hostile, tmp_path):
    from advisor.tui.app import AdvisorApp
    from tests.tui.test_tui_fake import ready, replies, say, settle

    def open_session(progress):
        config = load_config(offline=True, local="ollama:qwen3:4b")
        return Session.open(config, session_name="tui", on_progress=progress)

    with guard() as record:
        app = AdvisorApp(open_session)
        async with app.run_test(size=(140, 45)) as pilot:
            await ready(pilot, app)
            await say(pilot, TRIAGE)
            await settle(pilot)
            await say(pilot, "write the final recommendation memo for our board")
            await settle(pilot)
            await app.run_command(f"/export {tmp_path / 'report.md'}")
            await settle(pilot)
            answers = replies(app)
    assert record.refused == []
    assert (tmp_path / "report.md").is_file()
    assert any("Recommendation" in a for a in answers)
    assert not any(isinstance(e, Escalated) for t in app.session.history() for e in t.events)
    assert any(isinstance(e, Notice) and "offline" in e.text for t in app.session.history() for e in t.events)
