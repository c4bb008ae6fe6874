"""Gemini CLI's chat recordings, as its ``ChatRecordingService`` writes them
(``packages/core/src/services/chatRecording*.ts``): ``~/.gemini/tmp/<project>/chats/`` holds
``session-<time>-<id>.jsonl`` (a sub-agent's in ``chats/<parent session>/<id>.jsonl``), one record a
line — first the session's ``{"sessionId", "projectHash", …}``, then each message as it is written
and again each time it changes (its ``id`` the same), ``{"$set": …}`` metadata updates and
``{"$rewindTo": id}``. Older versions wrote one ``session-….json`` document with a ``messages``
list (a resumed one is copied into a ``.jsonl`` beside it).

A request is a ``"type": "gemini"`` message with ``tokens`` — the response's usage metadata:
``input`` (promptTokenCount, cached tokens included), ``cached`` (cachedContentTokenCount),
``output`` (candidatesTokenCount), ``thoughts`` (thoughtsTokenCount, billed as output) and ``tool``
(toolUsePromptTokenCount, billed as input) — and ``model``. It is counted once by its message id,
however often it is written (its tokens arrive after its text, and a copy comes with every change
or resumed file); a rewound message was still a request, and is counted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from advisor.measure.jsonl import LINE_ERRORS, decode, log_lines, skipped
from advisor.measure.records import ReadCounts, Record, model_name, parse_utc, token_count
from advisor.tools.userfile import MIB, UserFileError, read_bytes

MAX_JSON_BYTES = 256 * MIB  # an old single-document session (tool outputs are capped at 50 KB each)
_NEEDLES = (b'"tokens"', b'"projectHash"')


def is_gemini_file(path: Path) -> bool:
    """``chats/session-….json[l]``, or a sub-agent's ``chats/<parent>/<id>.jsonl``."""
    if path.suffix not in (".json", ".jsonl"):
        return False
    return (path.parent.name == "chats" and path.name.startswith("session-")) or (
        path.suffix == ".jsonl" and path.parent.parent.name == "chats"
    )


def session_files(root: Path) -> list[Path]:
    """Every chat recording below ``root`` (``~/.gemini`` itself reads ``tmp``), in a stable order."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.json*") if p.is_file() and is_gemini_file(p))


def _project(path: Path) -> str:
    """The folder above ``chats``: the project's hash (or, in newer versions, its short name)."""
    parts = path.parts
    return parts[parts.index("chats") - 1] if "chats" in parts[1:] else ""


def read_gemini_cli(
    files: list[Path], counts: ReadCounts, on_bytes: Callable[[int], None] = lambda _n: None
) -> Iterator[Record]:
    seen: set[int] = set()
    for path in files:
        session, project = path.stem, _project(path)
        if path.suffix == ".json":
            entries: Iterator[tuple[int, object]] = _document(path, counts, on_bytes)
        else:
            entries = log_lines(path, counts, on_bytes, _NEEDLES)
        for number, entry in entries:
            try:
                if isinstance(entry, bytes):
                    entry = decode(entry.decode("utf-8"))
                if not isinstance(entry, dict):
                    continue
                if "projectHash" in entry and "id" not in entry:  # the session's own record
                    session = str(entry.get("sessionId") or session)
                    continue
                record = _message(entry, seen, counts, session, project)
            except LINE_ERRORS as exc:
                skipped(counts, path, number, exc)
                continue
            if record is not None:
                yield record


def _document(path: Path, counts: ReadCounts, on_bytes: Callable[[int], None]) -> Iterator[tuple[int, object]]:
    """An older version's single JSON document, ``{"sessionId", "projectHash", …, "messages": [...]}``:
    its own record, then each message (numbered from 1)."""
    counts.files += 1
    try:
        raw = read_bytes(path, MAX_JSON_BYTES, "Gemini CLI session")
        document = decode(raw.decode("utf-8"))
    except UserFileError as exc:
        counts.skipped += 1
        counts.problem(f"not read: {exc}")
        return
    except LINE_ERRORS as exc:
        skipped(counts, path, 1, exc)
        return
    counts.lines += 1
    counts.bytes += len(raw)
    on_bytes(len(raw))
    if not isinstance(document, dict) or not isinstance(document.get("messages"), list):
        return
    yield 0, {key: value for key, value in document.items() if key != "messages"}
    yield from enumerate(document["messages"], start=1)


def _message(entry: object, seen: set[int], counts: ReadCounts, session: str, project: str) -> Record | None:
    if not isinstance(entry, dict) or entry.get("type") != "gemini":
        return None
    tokens = entry.get("tokens")
    if not isinstance(tokens, dict):
        return None  # written before its usage arrived: the copy with tokens follows
    key = hash(entry.get("id"))
    if key in seen:
        counts.duplicates += 1
        return None
    prompt = token_count(tokens.get("input"), "tokens.input") + token_count(tokens.get("tool"), "tokens.tool")
    cached = min(token_count(tokens.get("cached"), "tokens.cached"), prompt)
    output = token_count(tokens.get("output"), "tokens.output") + token_count(tokens.get("thoughts"), "tokens.thoughts")
    record = Record(
        parse_utc(entry["timestamp"]), model_name(entry.get("model")), prompt, output, cached, 0, 0, session, project
    )
    if entry.get("id") is not None:
        seen.add(key)
    return record
