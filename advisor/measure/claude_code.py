"""Claude Code's session logs: ``~/.claude/projects/<project>/<session>.jsonl`` and the sub-agent
sidechains under ``<session>/subagents/*.jsonl``. One JSON object a line; an assistant entry
carries ``message.usage``. A message streamed in several content blocks is logged once per block
with the same ``message.id`` and ``requestId`` (and a resumed session copies earlier messages into
its new file): each such request is counted once, with the largest count logged for each field.

Only lines that mention ``"usage"`` are parsed at all; of those, only the ids, the model, the
timestamp and the usage numbers are read. Memory: the ids of the requests seen (one 64-bit hash
each, about 60 bytes a request in Python) plus at most ``PENDING`` requests waiting for their last
streamed line."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from advisor.measure.records import ReadCounts, Record, parse_utc

PENDING = 256
_USAGE = b'"usage"'


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


def read_claude_code(
    files: list[Path], counts: ReadCounts, on_bytes: Callable[[int], None] = lambda _n: None
) -> Iterator[Record]:
    seen: set[int] = set()
    for path in files:
        counts.files += 1
        pending: dict[int, list] = {}
        try:
            handle = path.open("rb")
        except OSError:
            counts.skipped += 1
            continue
        with handle:
            for line in handle:
                counts.lines += 1
                counts.bytes += len(line)
                on_bytes(len(line))
                if _USAGE not in line:
                    stripped = line.rstrip()
                    if stripped and not stripped.endswith(b"}"):
                        counts.skipped += 1  # a line cut short (a crash mid-write)
                    continue
                try:
                    found = _usage_entry(json.loads(line))
                except (ValueError, TypeError, KeyError, AttributeError):
                    counts.skipped += 1
                    continue
                if found is None:
                    continue
                key, fields = found
                if fields is None:
                    counts.not_requests += 1
                    continue
                if key is None:
                    yield _record(fields)
                elif key in pending:
                    counts.duplicates += 1
                    merged = pending[key]
                    for i in range(2, 7):
                        if fields[i] > merged[i]:
                            merged[i] = fields[i]
                elif key in seen:
                    counts.duplicates += 1
                else:
                    pending[key] = fields
                    if len(pending) > PENDING:
                        oldest = next(iter(pending))
                        seen.add(oldest)
                        yield _record(pending.pop(oldest))
        for key, fields in pending.items():
            seen.add(key)
            yield _record(fields)


def _usage_entry(entry: object) -> tuple[int | None, list | None] | None:
    """(dedup key, [timestamp, model, uncached in, out, cache read, write 5m, write 1h]) of an
    assistant entry with usage; fields None for a synthetic one (no request was made); None for
    anything else."""
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
        return None, None
    message_id, request_id = message.get("id"), entry.get("requestId")
    key = hash((message_id, request_id)) if message_id or request_id else None
    creation = usage.get("cache_creation")
    written = _int(usage.get("cache_creation_input_tokens"))
    write_1h = _int(creation.get("ephemeral_1h_input_tokens")) if isinstance(creation, dict) else 0
    fields = [
        parse_utc(entry["timestamp"]),
        str(model),
        _int(usage.get("input_tokens")),
        _int(usage.get("output_tokens")),
        _int(usage.get("cache_read_input_tokens")),
        max(written - write_1h, 0),
        write_1h,
    ]
    return key, fields


def _int(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ValueError(f"token count {value!r}")
    return int(value)


def _record(f: list) -> Record:
    uncached, out, read, w5, w1 = f[2], f[3], f[4], f[5], f[6]
    return Record(f[0], f[1], uncached + w5 + w1 + read, out, read, w5, w1)
