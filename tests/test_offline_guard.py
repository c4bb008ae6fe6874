"""Offline means nothing leaves the machine: a socket guard around a whole session (open, an
interview turn, a request for the final memo) fails the test on any non-loopback connection."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from advisor.config import load_config
from advisor.events import Escalated, Notice, TurnFinished
from advisor.session import Session


def _is_loopback(address) -> bool:
    if isinstance(address, str):  # AF_UNIX path
        return True
    host = address[0]
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture
def socket_guard(monkeypatch):
    attempts: list = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guarded(method):
        def connect(self, address):
            attempts.append(address)
            if not _is_loopback(address):
                raise AssertionError(f"offline session tried to connect to {address!r}")
            return method(self, address)

        return connect

    monkeypatch.setattr(socket.socket, "connect", guarded(real_connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(real_connect_ex))

    def no_dns(host, *args, **kwargs):
        if host not in ("localhost", "127.0.0.1", "::1", None):
            raise AssertionError(f"offline session tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    return attempts


def test_offline_session_opens_no_connection_beyond_loopback(socket_guard, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key")
    monkeypatch.setenv("OLLAMA_HOST", "http://127.0.0.1:9")  # nothing listens: a loopback refusal
    config = load_config(offline=True, local="auto")
    session = Session.open(config, new=True)
    assert session.claude is None and session.claude_label == "offline"
    events = list(session.turn("We triage 5,000 tickets a day, 2k tokens in and 300 out, public data"))
    events += list(session.turn("write the final recommendation memo for our board"))
    assert not any(isinstance(e, Escalated) for e in events)
    assert any(isinstance(e, Notice) and "offline" in e.text for e in events)
    assert isinstance(events[-1], TurnFinished)
    assert all(_is_loopback(a) for a in socket_guard)


def test_guard_catches_a_real_outside_connection(socket_guard):
    with pytest.raises(AssertionError, match="offline session tried"):
        socket.create_connection(("192.0.2.1", 443), timeout=0.1)
