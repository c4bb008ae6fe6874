"""One request's usage as the readers yield it, and the counts every reader keeps.

A record is a plain tuple, not a pydantic model: a year of heavy use is millions of them, and each
lives only until the aggregator has counted it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple


class Record(NamedTuple):
    at: datetime  # UTC, timezone-aware
    model: str
    input_tokens: int  # all input: uncached + cache writes + cache reads
    output_tokens: int
    cache_read_tokens: int = 0
    cache_write_5m_tokens: int = 0  # the standard write: Anthropic's 5-minute, OpenAI's 30-minute
    cache_write_1h_tokens: int = 0  # the extended write: Anthropic's 1-hour, OpenAI's 12-hour


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


def parse_utc(text: str | float | int) -> datetime:
    """An ISO-8601 timestamp ("…Z", "…+02:00", or naive = UTC) or Unix seconds, as aware UTC."""
    if isinstance(text, int | float) or (isinstance(text, str) and text.replace(".", "", 1).isdigit()):
        seconds = float(text)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        return datetime.fromtimestamp(seconds, UTC)
    at = datetime.fromisoformat(text.strip())
    if at.tzinfo is None:
        return at.replace(tzinfo=UTC)
    return at.astimezone(UTC)
