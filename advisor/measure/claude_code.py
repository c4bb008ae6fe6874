"""Claude Code's session logs: ``~/.claude/projects/<project>/<session>.jsonl`` and the sub-agent
sidechains under ``<session>/subagents/*.jsonl``. One JSON object a line; an assistant entry
carries ``message.usage``. A message streamed in several content blocks is logged once per block
with the same ``message.id`` and ``requestId``; a resumed session copies earlier messages into its
new file, and a side question (`/btw`, ``subagents/agent-aside_question-*.jsonl``) or an
auto-compaction (``agent-acompact-*``) re-logs its parent's messages under its own request id. A
``message.id`` names one API response, so each is counted once, whichever request id a line
carries, with the largest count logged for each field.

Only lines that mention ``"usage"`` are parsed at all; of those, only the ids, the model, the
timestamp and the usage numbers are read. Memory: the ids of the requests seen (one 64-bit hash
each, about 60 bytes a request in Python) plus at most ``PENDING`` requests waiting for their last
streamed line."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from advisor.measure.jsonl import LINE_ERRORS, decode, log_lines, skipped
from advisor.measure.records import ReadCounts, Record, model_name, parse_utc, token_count

PENDING = 256
_NEEDLES = (b'"usage"',)


def session_files(root: Path) -> list[Path]:
    """Every ``.jsonl`` below ``root`` (``~/.claude`` itself reads its ``projects`` folder),
    sidechains included, in a stable order; one file when ``root`` is one."""
    if root.is_file():
        return [root]
    if (root / "projects").is_dir():
        root = root / "projects"
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        found.extend(Path(folder) / name for name in sorted(files) if name.endswith(".jsonl"))
    return found


def is_sidechain_file(path: Path) -> bool:
    return path.parent.name == "subagents"


def session_and_project(path: Path) -> tuple[str, str]:
    """A log file's session id and project folder: ``<project>/<session>.jsonl``, or
    ``<project>/<session>/subagents/agent-….jsonl`` for a sub-agent's (a side question's, a
    compaction's) requests, which belong to the session that ran it."""
    if is_sidechain_file(path):
        return path.parent.parent.name, path.parent.parent.parent.name
    return path.stem, path.parent.name


def read_claude_code(
    files: list[Path], counts: ReadCounts, on_bytes: Callable[[int], None] = lambda _n: None
) -> Iterator[Record]:
    seen: set[int] = set()
    for path in files:
        session, project = session_and_project(path)
        pending: dict[int, list] = {}
        for number, line in log_lines(path, counts, on_bytes, _NEEDLES):
            try:
                entry = decode(line.decode("utf-8"))
                key = _request_key(entry)
                if key is not None and key in seen:
                    counts.duplicates += 1  # logged again (a resumed session's copy, a side question's replay)
                    continue
                fields = _usage_fields(entry)
            except LINE_ERRORS as exc:
                skipped(counts, path, number, exc)
                continue
            if fields is None:
                continue
            if fields is _NOT_A_REQUEST:
                counts.not_requests += 1
            elif key is None:
                yield _record(fields, session, project)
            elif key in pending:
                counts.duplicates += 1  # the same request, streamed: keep each field's largest count
                merged = pending[key]
                for i in range(2, 7):
                    if fields[i] > merged[i]:
                        merged[i] = fields[i]
            else:
                pending[key] = fields
                if len(pending) > PENDING:
                    oldest = next(iter(pending))
                    seen.add(oldest)
                    yield _record(pending.pop(oldest), session, project)
        for key, fields in pending.items():
            seen.add(key)
            yield _record(fields, session, project)


_NOT_A_REQUEST: list = []


def _request_key(entry: dict) -> int | None:
    """A hash of what names the response: its ``message.id`` (one API response), whichever
    ``requestId`` the line carries — a side question (`/btw`) or an auto-compaction replays its
    parent's messages under its own request id, and a gateway may leave ``requestId`` out; the
    ``requestId`` only when there is no message id."""
    message = entry.get("message")
    key = message.get("id") if isinstance(message, dict) else None
    if not key or not isinstance(key, str):
        key = entry.get("requestId")
    return hash(key) if key and isinstance(key, str) else None


def _usage_fields(entry: object) -> list | None:
    """[timestamp, model, uncached in, out, cache read, write 5m, write 1h] of an assistant entry
    with usage; _NOT_A_REQUEST for a synthetic one (an error Claude Code logged: no request was
    made); None for anything else."""
    if not isinstance(entry, dict) or entry.get("type") != "assistant":
        return None
    message = entry.get("message")
    if not isinstance(message, dict):
        return None
    usage = message.get("usage")
    if not isinstance(usage, dict):
        return None
    model = message.get("model") or "unknown"
    if model == "<synthetic>":
        return _NOT_A_REQUEST
    creation = usage.get("cache_creation")
    written = token_count(usage.get("cache_creation_input_tokens"), "message.usage.cache_creation_input_tokens")
    write_1h = (
        token_count(creation.get("ephemeral_1h_input_tokens"), "message.usage.cache_creation.ephemeral_1h_input_tokens")
        if isinstance(creation, dict)
        else 0
    )
    return [
        parse_utc(entry["timestamp"]),
        model_name(model),
        token_count(usage.get("input_tokens"), "message.usage.input_tokens"),
        token_count(usage.get("output_tokens"), "message.usage.output_tokens"),
        token_count(usage.get("cache_read_input_tokens"), "message.usage.cache_read_input_tokens"),
        max(written - write_1h, 0),
        write_1h,
    ]


def _record(f: list, session: str, project: str) -> Record:
    uncached, out, read, w5, w1 = f[2], f[3], f[4], f[5], f[6]
    return Record(f[0], f[1], uncached + w5 + w1 + read, out, read, w5, w1, session, project)
