"""One request's usage as the readers yield it, and the counts every reader keeps.

A record is a plain tuple, not a pydantic model: a year of heavy use is millions of them, and each
lives only until the aggregator has counted it."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

# The bounds a record's fields must lie within; a record outside them is skipped and named.
MAX_TOKENS_PER_REQUEST = 100_000_000  # ten times the longest context window on offer
EARLIEST = datetime(2015, 1, 1, tzinfo=UTC)  # before any LLM usage log
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
MAX_MODEL_NAME = 200  # characters
PROBLEMS_NAMED = 5  # the first few skipped records named in the import's notes


class RecordError(ValueError):
    """One field of one record is out of its range: the message names the field and the value."""


def shown(value: object, limit: int = 40) -> str:
    """A value as a message may quote it: its repr, cut in the middle past ``limit``."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 12]}…{text[-8:]}"


def token_count(value: object, field: str) -> int:
    """A token count as a record gives it (None: 0): a finite, non-negative number of at most
    MAX_TOKENS_PER_REQUEST; a RecordError naming ``field`` otherwise."""
    if type(value) is int and 0 <= value <= MAX_TOKENS_PER_REQUEST:  # the common case, first
        return value
    if value is None:
        return 0
    given = value  # as the record wrote it, for the message
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("_", "")
        if not text:
            return 0
        try:
            value = float(text)
        except ValueError:
            raise RecordError(f"{field}: {shown(given)} is not a number") from None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RecordError(f"{field}: {shown(given)} is not a token count")
    if isinstance(value, float) and not math.isfinite(value):
        raise RecordError(f"{field}: {shown(given)} is not a finite number")
    if value < 0:
        raise RecordError(f"{field}: {shown(given)} is negative")
    if value > MAX_TOKENS_PER_REQUEST:
        raise RecordError(f"{field}: {shown(given)} is more than {MAX_TOKENS_PER_REQUEST:,} tokens for one request")
    return int(value)


def model_name(value: object) -> str:
    """A model name as the records give it, fit to print: control characters (a terminal escape)
    shown as U+FFFD, at most MAX_MODEL_NAME characters; "unknown" for none."""
    if type(value) is str and 0 < len(value) <= MAX_MODEL_NAME and value.isprintable() and not value[0].isspace():
        return value.rstrip() or "unknown"  # the common case, first
    text = str(value).strip() if value is not None else ""
    if not text:
        return "unknown"
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else "\ufffd" for ch in text)
    return text if len(text) <= MAX_MODEL_NAME else text[: MAX_MODEL_NAME - 1] + "…"


class Record(NamedTuple):
    at: datetime  # UTC, timezone-aware
    model: str
    input_tokens: int  # all input: uncached + cache writes + cache reads
    output_tokens: int
    cache_read_tokens: int = 0
    cache_write_5m_tokens: int = 0  # the standard write: Anthropic's 5-minute, OpenAI's 30-minute
    cache_write_1h_tokens: int = 0  # the extended write: Anthropic's 1-hour, OpenAI's 12-hour
    session: str = ""  # the agent session (Claude Code, Codex, Gemini CLI) or conversation it belongs to
    project: str = ""  # the project (a working folder) or the workspace, API key or project of an export
    requests: int = 1  # requests this record stands for: 1 a request; a usage report's bucket its count, 0 unknown
    long_context: bool = False  # billed at the long-context rate as a whole (a report's "200k-1M" row)


@dataclass
class ReadCounts:
    """What a reader saw besides the records: lines (or rows) read, unreadable ones skipped,
    repeated streaming entries dropped, usage entries that were not requests."""

    files: int = 0
    lines: int = 0
    skipped: int = 0
    duplicates: int = 0
    not_requests: int = 0
    bytes: int = 0
    problems: list[str] = field(default_factory=list)  # the first few skipped, named: file, line, field, value

    def problem(self, text: str) -> None:
        if len(self.problems) < PROBLEMS_NAMED:
            self.problems.append(text)


def parse_utc(text: str | float | int) -> datetime:
    """An ISO-8601 timestamp ("…Z", "…+02:00", or naive = UTC) or Unix seconds, as aware UTC,
    between EARLIEST and LATEST; a RecordError (a ValueError) naming it otherwise."""
    try:
        if isinstance(text, int | float) or (isinstance(text, str) and text.replace(".", "", 1).isdigit()):
            seconds = float(text)
            if seconds > 1e11:  # milliseconds
                seconds /= 1000
            at = datetime.fromtimestamp(seconds, UTC)
        else:
            at = datetime.fromisoformat(text.strip())
            at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    except (OverflowError, OSError, ValueError, TypeError, AttributeError):
        raise RecordError(f"timestamp: {shown(text)} is not a time") from None
    if not EARLIEST <= at < LATEST:
        raise RecordError(f"timestamp: {shown(text)} is outside {EARLIEST:%Y}–{LATEST.year - 1}")
    return at
