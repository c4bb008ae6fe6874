"""`ollama pull` through the official client's streaming pull (POST /api/pull, NDJSON): the
layers' bytes summed into one progress figure (bytes and percent) for the CLI's bar and the TUI's
activity line, and every way the stream can fail turned into one line (PullError).

Per sdk-notes: a refused connection is the built-in ConnectionError before a stream or a raw
``httpx.ConnectError`` on its first iteration; an error *inside* the stream (``{"error": …}``) is a
``ResponseError`` with ``status_code == -1``; a dropped or stalled stream is a bare httpx error."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from advisor.models.ollama_client import ollama, ollama_client
from advisor.models.pull import PullError, PullProgress

READ_TIMEOUT_SECONDS = 300.0  # between two lines of the stream: a big layer's checksum takes a while


def pull_client(host: str | None) -> ollama.Client:
    """A client for pulling: quick to say the server is down, patient with a long stream."""
    return ollama_client(host, timeout=httpx.Timeout(READ_TIMEOUT_SECONDS, connect=3.0))


def pull_ollama(client: ollama.Client, model: str, on_progress: Callable[[PullProgress], None]) -> PullProgress:
    """Pull ``model`` into the Ollama server behind ``client``, reporting each step; the last
    progress on success. Raises PullError (one line) on any failure, before or inside the stream."""
    layers: dict[str, tuple[int, int]] = {}  # digest → (completed, total)
    progress = PullProgress(model=model, status="asking the server")
    host = str(client._client.base_url).rstrip("/")
    try:
        for part in client.pull(model, stream=True):
            if part.digest and part.total:
                layers[part.digest] = (part.completed or 0, part.total)
            progress = PullProgress(
                model=model,
                status=part.status or "",
                completed=sum(done for done, _ in layers.values()),
                total=sum(total for _, total in layers.values()),
            )
            on_progress(progress)
    except ollama.ResponseError as exc:
        detail = (exc.error or "").strip()[:200]
        if exc.status_code == -1:  # the server said so inside the stream
            raise PullError(f"Ollama stopped pulling {model}: {detail}{_at(progress)}") from None
        raise PullError(f"Ollama refused to pull {model} ({exc.status_code}): {detail}") from None
    except (ConnectionError, httpx.ConnectError):
        raise PullError(f"Ollama is not reachable at {host} — start it with `ollama serve`") from None
    except httpx.TimeoutException:
        raise PullError(f"Ollama went quiet while pulling {model}{_at(progress)}; run it again to resume") from None
    except httpx.HTTPError as exc:
        raise PullError(
            f"the pull of {model} broke off ({type(exc).__name__}){_at(progress)}; run it again to resume"
        ) from None
    if progress.status != "success":
        raise PullError(f"Ollama ended the pull of {model} without success (last: {progress.status!r})")
    return progress


def _at(progress: PullProgress) -> str:
    return f" at {progress.percent:.0f}%" if progress.percent is not None else ""
