"""Offline means loopback only, whatever the environment says.

An offline session talks to Ollama only at a literal loopback address (``localhost`` is rewritten
to 127.0.0.1 so no name is ever resolved), refuses any other host by name before a client exists,
and builds its HTTP client with ``trust_env`` off (no ``HTTP_PROXY``/``ALL_PROXY``, no ``.netrc``)
and without following redirects (a loopback server cannot send it elsewhere).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

DEFAULT_PORT = 11434
OFFLINE_CLIENT: dict[str, object] = {"trust_env": False, "follow_redirects": False}
_WILDCARD = {"0.0.0.0": "127.0.0.1", "::": "::1", "localhost": "127.0.0.1"}


def loopback_url(host: str | None) -> str | None:
    """``host`` as a URL with a literal loopback address, or None when it is not on this machine.

    None or "" is the client's default (127.0.0.1:11434). Hostnames other than ``localhost`` are
    refused without a lookup: resolving them would already leave the machine.
    """
    host = (host or "").strip()
    if not host:
        return f"http://127.0.0.1:{DEFAULT_PORT}"
    parts = urlsplit(host if "://" in host else f"http://{host}")
    try:
        name, port = parts.hostname or "", parts.port or DEFAULT_PORT
    except ValueError:  # a port that is not a number
        return None
    name = _WILDCARD.get(name, name)
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return None
    if not address.is_loopback:
        return None
    literal = f"[{address}]" if address.version == 6 else str(address)
    scheme = parts.scheme if parts.scheme in ("http", "https") else "http"
    return f"{scheme}://{literal}:{port}{parts.path.rstrip('/')}"


def is_loopback(host: str | None) -> bool:
    return loopback_url(host) is not None


def refusal(host: str | None) -> str:
    return (
        f"offline: Ollama at {host} is not on this machine, so it is not used "
        "(offline allows only loopback: 127.0.0.1, ::1 or localhost)"
    )
