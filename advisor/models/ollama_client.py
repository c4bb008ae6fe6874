"""Ollama's official client, safe from the environment's proxy settings.

- `import ollama` builds a module-level default client, and that client reads `HTTP_PROXY`,
  `HTTPS_PROXY` and `ALL_PROXY`. A SOCKS proxy there (without httpx's optional `socksio`) makes the
  import itself raise, so any command that looked for Ollama crashed, offline ones included. The
  advisor never uses that default client, so the import runs with the proxy variables hidden.
- A client for an Ollama on this machine never goes through a proxy: a loopback address through a
  proxy reaches the proxy's machine, not this one.
- A proxy the client cannot use for a remote Ollama is one line naming the variable and the fix.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from advisor.models.base import ModelError
from advisor.models.offline import OFFLINE_CLIENT, is_loopback

_IMPORT_LOCK = threading.Lock()


def _proxy_variables() -> list[str]:
    return [name for name in os.environ if name.lower().endswith("_proxy") and name.lower() != "no_proxy"]


def _import_ollama() -> Any:
    with _IMPORT_LOCK:
        hidden = {name: os.environ.pop(name) for name in _proxy_variables()}
        try:
            import ollama
        finally:
            os.environ.update(hidden)
    return ollama


ollama = _import_ollama()


def ollama_client(host: str | None, **kwargs: Any) -> Any:
    """`ollama.Client(host, **kwargs)`; no proxy for a loopback host (`None` is OLLAMA_HOST or the
    default 127.0.0.1:11434); a proxy it cannot use raises ModelError with what to do."""
    if is_loopback(host or os.environ.get("OLLAMA_HOST")):
        kwargs = {**OFFLINE_CLIENT, **kwargs}
    try:
        return ollama.Client(host=host, **kwargs)
    except ImportError as exc:  # httpx: a SOCKS proxy needs the `socksio` extra
        names = ", ".join(f"{name}={os.environ[name][:60]}" for name in _proxy_variables())
        raise ModelError(
            "unreachable",
            f"ollama: the proxy setting ({names or 'a proxy variable'}) needs `pip install 'httpx[socks]'`;"
            f" or add the Ollama host to NO_PROXY ({str(exc).splitlines()[0][:80]})",
        ) from None
