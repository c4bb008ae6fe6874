"""The lines of an agent's JSONL log, read as every log reader here reads them: the file opened
without blocking (advisor.tools.userfile), each line bounded (a line past MAX_LINE_BYTES is skipped
unread and named), counted and metered, and only the lines holding one of the reader's needles
handed on — most of a log (tool output, file contents) is never decoded."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from advisor.measure.records import ReadCounts, RecordError
from advisor.tools.userfile import MIB, UserFileError, open_regular, size_words, skip_rest_of_line

MAX_LINE_BYTES = 64 * MIB  # a log line past this is skipped unread (agents' own lines with images stay below)
LINE_ERRORS = (RecordError, RecursionError, ValueError, TypeError, KeyError, AttributeError, IndexError)

decode = json.JSONDecoder().decode


def log_lines(
    path: Path, counts: ReadCounts, on_bytes: Callable[[int], None], needles: tuple[bytes, ...]
) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for each line of ``path`` that holds one of ``needles``. A file that
    cannot be opened is skipped and named; a line cut short (a crash mid-write) is counted skipped."""
    counts.files += 1
    try:
        handle = open_regular(path)
    except UserFileError as exc:
        counts.skipped += 1
        counts.problem(f"not read: {exc}")
        return
    lines = size = unreported = 0
    with handle:
        readline = handle.readline  # bounded, not `for line in handle`: a line of gigabytes is never held
        while line := readline(MAX_LINE_BYTES + 1):
            lines += 1
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                size += skip_rest_of_line(readline, len(line), MAX_LINE_BYTES)
                counts.skipped += 1
                counts.problem(f"{path}: line {lines}: longer than {size_words(MAX_LINE_BYTES)}")
                continue
            size += len(line)
            if lines & 1023 == 0:
                on_bytes(size - unreported)
                unreported = size
            for needle in needles:
                if needle in line:
                    yield lines, line
                    break
            else:
                if not line.endswith(b"}\n") and not line.rstrip().endswith(b"}") and line.strip():
                    counts.skipped += 1  # a line cut short (a crash mid-write), or no JSON at all
                    counts.problem(f"{path}: line {lines}: not a whole JSON object (cut short, or not a log line)")
    counts.lines += lines
    counts.bytes += size
    on_bytes(size - unreported)


def skipped(counts: ReadCounts, path: Path, number: int, exc: BaseException) -> None:
    """Count a line that could not be read; name it when the reason is worth saying."""
    counts.skipped += 1
    if isinstance(exc, RecordError):
        counts.problem(f"{path}: line {number}: {exc}")
    elif isinstance(exc, RecursionError):
        counts.problem(f"{path}: line {number}: JSON nested too deeply to read")
