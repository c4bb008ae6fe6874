"""Loopback HTTP servers that speak the documented wire protocols of Ollama (/api/chat streaming
NDJSON, /api/tags, /api/show) and Anthropic's Messages API (/v1/messages). No Ollama server and
no network exist here, so the adapters are tested through the real `ollama` and `anthropic`
clients against these, on 127.0.0.1 only."""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CLIENT_GONE = (BrokenPipeError, ConnectionResetError)  # a client that hung up mid-reply, as timeout tests make it


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    lines: list[dict] | None = None  # NDJSON stream
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    line_delay: float = 0.0  # NDJSON: a pause before each line after the first, as a slow server streams
    cut_after_lines: int | None = None  # NDJSON: drop the connection after this many lines
    release: threading.Event | None = None  # NDJSON: hold the stream at line `hold_at_line` until it is set
    hold_at_line: int = 0


@dataclass
class Recorder:
    requests: list[dict] = field(default_factory=list)  # {"path", "headers", "body"}
    script: dict[str, list[Reply]] = field(default_factory=dict)  # path → replies, last one repeats

    def next(self, path: str) -> Reply:
        """The next reply for ``path``, or for it without its query string when only that is scripted."""
        replies = self.script.get(path) or self.script.get(path.split("?")[0])
        replies = replies or [Reply(404, {"error": f"no route {path}"})]
        return replies.pop(0) if len(replies) > 1 else replies[0]


class LoopbackServer(ThreadingHTTPServer):
    """A threading HTTP server on 127.0.0.1 whose handler threads end with it. `stop()` wakes a
    handler waiting out a scripted delay (it then answers nothing), shuts every connection and joins
    every handler thread: nothing a handler does after its test — a reply written to a client that
    gave up long ago — can land in a later test's output. A client that hangs up mid-reply is what
    the timeout tests make happen: it is counted in `hung_up`, not printed as a traceback."""

    daemon_threads = True

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.stopping = threading.Event()
        self.handlers: list[threading.Thread] = []
        self.connections: list[socket.socket] = []
        self.hung_up = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def process_request(self, request: Any, client_address: Any) -> None:
        self.connections.append(request)
        thread = threading.Thread(target=self.process_request_thread, args=(request, client_address), daemon=True)
        self.handlers.append(thread)
        thread.start()

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], CLIENT_GONE) or self.stopping.is_set():
            self.hung_up += 1
            return
        super().handle_error(request, client_address)

    def wait(self, seconds: float) -> bool:
        """A handler's scripted pause; False when the server stops meanwhile (answer nothing then)."""
        return _sleep_unless(self.stopping, seconds)

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
        for connection in self.connections:  # a kept-alive socket would keep its handler reading
            with suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        for thread in self.handlers:
            _join(thread)
        alive = [t.name for t in self.handlers if t.is_alive()]
        assert not alive, f"loopback handler threads outlived their server: {alive}"


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[LoopbackServer]:
    """A LoopbackServer running `handler` for the block, stopped (its handlers ended) on leaving it."""
    server = LoopbackServer(handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop()
        _join(thread)


# The server's waits are short sleeps, never a timed wait on a lock or an Event: under faketime (the
# clock a year ahead, as CI's second pass runs the suite) a timed wait's deadline is read on the
# faked clock and handed to the real one, and it never ends; a sleep of a given length does.
STEP = 0.01


def _sleep_unless(stop: threading.Event, seconds: float) -> bool:
    """Sleep ``seconds`` in steps; False as soon as ``stop`` is set."""
    for _ in range(max(1, round(seconds / STEP))):
        if stop.is_set():
            return False
        time.sleep(min(STEP, seconds))
    return not stop.is_set()


def _join(thread: threading.Thread, seconds: float = 60.0) -> None:
    """Wait (in steps) for ``thread`` to end, at most ``seconds``."""
    for _ in range(round(seconds / STEP)):
        if not thread.is_alive():
            return
        time.sleep(STEP)


def _handler(recorder: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            recorder.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
            reply = recorder.next(self.path)
            if reply.delay and not self.server.wait(reply.delay):
                self.close_connection = True  # the server stopped while the reply was held back
                return
            if reply.lines is not None:
                payload = "".join(json.dumps(line) + "\n" for line in reply.lines).encode()
                content_type = "application/x-ndjson"
            else:
                payload = json.dumps(reply.body).encode()
                content_type = "application/json"
            self.send_response(reply.status)
            self.send_header("content-type", content_type)
            self.send_header("content-length", str(len(payload)))
            for key, value in reply.headers.items():
                self.send_header(key, value)
            self.end_headers()
            if reply.lines is not None and (reply.line_delay or reply.cut_after_lines is not None or reply.release):
                self._stream(reply, payload)
                return
            self.wfile.write(payload)

        def _stream(self, reply: Reply, payload: bytes) -> None:
            for i, line in enumerate(payload.splitlines(keepends=True)):
                if reply.cut_after_lines is not None and i >= reply.cut_after_lines:
                    self.close_connection = True  # short of the content-length: the client sees it broken off
                    return
                if i and reply.line_delay and not self.server.wait(reply.line_delay):
                    self.close_connection = True
                    return
                while reply.release is not None and i == reply.hold_at_line and not reply.release.is_set():
                    if not self.server.wait(STEP):
                        self.close_connection = True
                        return
                self.wfile.write(line)
                self.wfile.flush()

        do_GET = do_POST = do_HEAD = _serve

    return Handler


@contextmanager
def loopback(script: dict[str, list[Reply]]) -> Iterator[tuple[str, Recorder]]:
    recorder = Recorder(script={k: list(v) for k, v in script.items()})
    with serving(_handler(recorder)) as server:
        yield server.url, recorder


def dead_port() -> str:
    """A loopback address where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# ---- Ollama shapes -------------------------------------------------------------------------
def ollama_tags(*names: str) -> Reply:
    return Reply(body={"models": [{"name": n, "model": n, "size": 1, "digest": "x"} for n in names]})


def ollama_show(*capabilities: str) -> Reply:
    return Reply(body={"capabilities": list(capabilities), "modelfile": "", "details": {}, "model_info": {}})


def ollama_stream(model: str, words: list[str], tool_calls: list[dict] | None = None) -> Reply:
    lines = [
        {
            "model": model,
            "created_at": "2026-11-24T00:00:00Z",
            "message": {"role": "assistant", "content": w},
            "done": False,
        }
        for w in words
    ]
    final: dict[str, Any] = {"role": "assistant", "content": ""}
    if tool_calls:
        final["tool_calls"] = [{"function": call} for call in tool_calls]
    lines.append(
        {
            "model": model,
            "created_at": "2026-11-24T00:00:01Z",
            "message": final,
            "done": True,
            "done_reason": "stop",
            "prompt_eval_count": 42,
            "eval_count": len(words),
            "total_duration": 1000,
        }
    )
    return Reply(lines=lines)


def ollama_pull(*layers: int, chunks: int = 4, error: str | None = None) -> Reply:
    """POST /api/pull streamed as Ollama's docs show it: the manifest, each layer's digest with
    ``total`` and a growing ``completed``, then the digest check, the manifest and ``success``
    — or ``{"error": …}`` in place of the rest (an error inside the stream)."""
    lines: list[dict] = [{"status": "pulling manifest"}]
    for n, size in enumerate(layers):
        digest = f"sha256:{n:064x}"
        steps = chunks if error is None else chunks // 2  # an error comes halfway through the first layer
        for step in range(steps + 1):
            completed = size * step // chunks
            lines.append({"status": f"pulling {digest[7:19]}", "digest": digest, "total": size, "completed": completed})
        if error is not None:
            lines.append({"error": error})
            return Reply(lines=lines)
    lines += [{"status": "verifying sha256 digest"}, {"status": "writing manifest"}, {"status": "success"}]
    return Reply(lines=lines)


# ---- Anthropic shapes ----------------------------------------------------------------------
def claude_message(text: str, input_tokens: int = 1200, output_tokens: int = 300) -> Reply:
    return Reply(
        body={
            "id": "msg_test",
            "type": "message",
            "role": "assistant",
            "model": "claude-sonnet-4-6",
            "content": [{"type": "text", "text": text}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens},
        }
    )


def claude_error(status: int, kind: str, message: str = "test", **headers: str) -> Reply:
    return Reply(status=status, body={"type": "error", "error": {"type": kind, "message": message}}, headers=headers)


def claude_model_info(
    model_id: str,
    line: str | None = None,
    lifecycle: str = "active",
    created: str = "2026-01-01",
    retires: str | None = None,
) -> dict:
    """One entry of the Models API (GET /v1/models/{id}, and each item of GET /v1/models)."""
    return {
        "type": "model",
        "id": model_id,
        "display_name": model_id.replace("-", " ").title(),
        "created_at": f"{created}T00:00:00Z",
        "lifecycle": lifecycle,
        "line": line,
        "retires_at": f"{retires}T00:00:00Z" if retires else None,
        "deprecated_at": None,
    }


def claude_models(*infos: dict) -> Reply:
    """GET /v1/models: one page, newest first as the API lists them."""
    ids = [i["id"] for i in infos]
    first, last = (ids[0], ids[-1]) if ids else (None, None)
    return Reply(body={"data": list(infos), "has_more": False, "first_id": first, "last_id": last})
