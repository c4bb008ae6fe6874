"""The environment's proxy settings cannot break the Ollama client or send a loopback Ollama's
traffic to a proxy. Ollama is a loopback server speaking its documented wire protocol
(tests/loopback.py), reached through the real `ollama` client; every connection runs under the
network guard (tests/netguard.py), which refuses anything but loopback before it is sent."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from advisor.config import load_config
from advisor.events import TurnFinished
from advisor.models.base import ModelError
from advisor.models.ollama_client import ollama_client
from advisor.session import Session
from tests.loopback import loopback, ollama_show, ollama_stream, ollama_tags
from tests.netguard import HOSTILE_ENV, guard

ROOT = Path(__file__).resolve().parents[2]
TRIAGE = "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data"

FRESH_PROCESS = textwrap.dedent(
    """
    import sys
    from tests.netguard import guard
    from advisor.cli import main
    with guard() as record:
        code = main(["ask", "--offline", "--local", "ollama:qwen3:4b", "--data-dir", sys.argv[1], sys.argv[2]])
    print("refused:", len(record.refused), file=sys.stderr)
    sys.exit(code)
    """
)


def test_a_fresh_process_with_a_socks_proxy_in_the_environment_still_runs_offline(tmp_path):
    """`import ollama` builds a default client that reads the proxy variables, and a SOCKS ALL_PROXY
    makes that import raise (httpx needs its `socksio` extra): `ask --offline` crashed with exit 1.
    A fresh process, because in this one `ollama` was imported long ago with a clean environment."""
    socks = {"ALL_PROXY": "socks5://192.0.2.3:1080", "all_proxy": "socks5://192.0.2.3:1080"}
    env = {**os.environ, **HOSTILE_ENV, **socks, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS, str(tmp_path), TRIAGE],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "refused: 0" in done.stderr
    assert "Ollama at http://192.0.2.1:11434 is not on this machine" in done.stderr
    assert "Traceback" not in done.stderr and "ImportError" not in done.stderr


@pytest.fixture
def hostile(monkeypatch):
    for key, value in HOSTILE_ENV.items():
        monkeypatch.setenv(key, value)


def test_online_a_loopback_ollama_is_reached_directly_not_through_the_proxies(hostile, monkeypatch):
    """Online too: the proxies are documentation addresses, NO_PROXY is empty; a loopback Ollama
    through a proxy would reach the proxy's machine, not this one."""
    script = {
        "/api/tags": [ollama_tags("qwen3:4b")],
        "/api/show": [ollama_show("completion")],
        "/api/chat": [ollama_stream("qwen3:4b", ["Noted."])],
    }
    with loopback(script) as (url, recorder):
        monkeypatch.setenv("OLLAMA_HOST", url)
        with guard() as record:
            session = Session.open(load_config(offline=False, local="ollama:qwen3:4b"), new=True)
            events = list(session.turn(TRIAGE))
    assert record.refused == []
    assert session.local_label == "ollama:qwen3:4b"
    assert any(r["path"] == "/api/chat" for r in recorder.requests)
    assert isinstance(events[-1], TurnFinished)


def test_a_remote_ollama_behind_a_proxy_the_client_cannot_use_is_one_line(monkeypatch):
    monkeypatch.setenv("ALL_PROXY", "socks5://192.0.2.3:1080")
    monkeypatch.delenv("all_proxy", raising=False)
    with guard() as record, pytest.raises(ModelError) as error:  # building a client sends nothing
        ollama_client("http://192.0.2.1:11434")
    assert record.refused == []
    message = str(error.value)
    assert "ALL_PROXY=socks5://192.0.2.3:1080" in message and "httpx[socks]" in message
    assert "\n" not in message
