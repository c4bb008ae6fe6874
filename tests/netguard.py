"""A socket guard that refuses, before it runs, any connection or name lookup beyond loopback.

It is a ``sys.addaudithook`` on ``socket.connect``, ``socket.sendto``, ``socket.getaddrinfo`` and
the gethostby* lookups: the hook runs before the C call, so a refused call never leaves the
machine — even when the code under test is wrong and the test fails. An audit hook cannot be
removed, so it is installed once and armed only inside ``guard()``. Every refused call is recorded
(the code under test may swallow the exception) and the test asserts that none happened.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


class NetworkRefused(PermissionError):
    """Raised by the guard in place of a non-loopback connection or a name lookup."""


@dataclass
class Guard:
    armed: bool = False
    allowed: list[object] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


_GUARD = Guard()
_INSTALLED = False


def _literal_loopback(host: object) -> bool:
    if host is None:
        return True  # getaddrinfo(None, port): a local bind, no lookup
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False  # a name: resolving it may already ask a DNS server


def _address_ok(address: object) -> bool:
    if isinstance(address, (str, bytes)):
        return True  # AF_UNIX path: this machine
    if isinstance(address, tuple) and address:
        return _literal_loopback(address[0])
    return False


def _hook(event: str, args: tuple) -> None:
    if not _GUARD.armed or not event.startswith("socket."):
        return
    if event in ("socket.connect", "socket.sendto"):
        sock, address = args[0], args[1]
        if getattr(sock, "family", None) == socket.AF_UNIX or _address_ok(address):
            _GUARD.allowed.append(address)
            return
        _refuse(f"{event} {address!r}")
    elif event == "socket.getaddrinfo":
        if not _literal_loopback(args[0]):
            _refuse(f"{event} {args[0]!r}")
    elif event in ("socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr"):
        _refuse(f"{event} {args[0]!r}")


def _refuse(what: str) -> None:
    _GUARD.refused.append(what)
    raise NetworkRefused(f"network guard refused {what}: only loopback is allowed here")


@contextmanager
def guard() -> Iterator[Guard]:
    """Arm the guard; yields the record of allowed and refused calls."""
    global _INSTALLED
    if not _INSTALLED:
        sys.addaudithook(_hook)
        _INSTALLED = True
    _GUARD.allowed.clear()
    _GUARD.refused.clear()
    _GUARD.armed = True
    try:
        yield _GUARD
    finally:
        _GUARD.armed = False


HOSTILE_ENV = {
    "OLLAMA_HOST": "http://192.0.2.1:11434",
    "HTTP_PROXY": "http://192.0.2.2:3128",
    "HTTPS_PROXY": "http://192.0.2.2:3128",
    "ALL_PROXY": "socks5://192.0.2.3:1080",
    "http_proxy": "http://proxy.example.invalid:3128",
    "https_proxy": "http://proxy.example.invalid:3128",
    "all_proxy": "http://proxy.example.invalid:3128",
    "NO_PROXY": "",
    "ANTHROPIC_BASE_URL": "http://api.example.invalid",
    "ANTHROPIC_API_KEY": "sk-ant-test-not-a-real-key",
}
