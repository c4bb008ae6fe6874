"""A CSV with one row per request, as providers' consoles and gateways export usage. Columns are
found by name (case, spaces and punctuation ignored) among common spellings, or named with
``--columns timestamp=…,model=…,input=…,output=…[,cached=…][,cache_write=…]``.

Cached input: a cache-read column named the Anthropic way (``cache_read_input_tokens``,
``cache_read…``) is *added* to the input, as Anthropic's API reports it apart; any other cached
column (OpenAI's ``cached_tokens``, ``cached_input_tokens``, …) is taken as part of the input
already. Cache writes (only Anthropic-style APIs report them) are always added."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from advisor.measure.records import ReadCounts, Record, parse_utc

ROLES = ("timestamp", "model", "input", "output", "cached", "cache_write")
SPELLINGS: dict[str, tuple[str, ...]] = {
    "timestamp": ("timestamp", "timestamputc", "datetimeutc", "datetime", "time", "createdat", "created",
                  "date", "requesttime", "starttime", "ts"),
    "model": ("model", "modelname", "modelid", "resolvedmodel", "engine", "modelversion"),
    "input": ("inputtokens", "prompttokens", "tokensin", "input", "ncontexttokenstotal", "usageinputtokens",
              "uncachedinputtokens", "inputtokensuncached", "prompt"),
    "output": ("outputtokens", "completiontokens", "tokensout", "output", "ngeneratedtokenstotal",
               "usageoutputtokens", "generatedtokens", "completion"),
    "cached": ("cachereadinputtokens", "cachereadtokens", "cachedinputtokens", "cachedtokens", "cacheread",
               "inputcachedtokens", "ncachedcontexttokenstotal", "promptcachedtokens", "cached"),
    "cache_write": ("cachecreationinputtokens", "cachewritetokens", "cachecreationtokens", "cachewrite",
                    "cachewriteinputtokens"),
}
ADDED_TO_INPUT = {"cachereadinputtokens", "cachereadtokens", "cacheread"}
REQUIRED = ("timestamp", "model", "input", "output")


class CsvColumnsError(ValueError):
    pass


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def parse_columns(spec: str | None) -> dict[str, str]:
    """``timestamp=Time,input=Prompt Tokens`` → {role: column}; a clear error for a bad role."""
    if not spec:
        return {}
    out: dict[str, str] = {}
    for part in spec.split(","):
        role, sep, column = part.partition("=")
        role = role.strip().replace("-", "_")
        if not sep or role not in ROLES or not column.strip():
            raise CsvColumnsError(
                f"columns: {part.strip()!r} is not ROLE=COLUMN; roles: {', '.join(ROLES)}"
            )
        out[role] = column.strip()
    return out


def find_columns(header: list[str], named: dict[str, str]) -> dict[str, int]:
    """Role → column index: the ``--columns`` names first, then the common spellings."""
    by_norm = {_norm(h): i for i, h in reversed(list(enumerate(header)))}
    found: dict[str, int] = {}
    for role, column in named.items():
        if _norm(column) not in by_norm:
            raise CsvColumnsError(f"columns: {role}={column!r} is not a column; the CSV has: {', '.join(header)}")
        found[role] = by_norm[_norm(column)]
    for role in ROLES:
        if role in found:
            continue
        for spelling in SPELLINGS[role]:
            index = by_norm.get(spelling)
            if index is not None and index not in found.values():
                found[role] = index
                break
    missing = [r for r in REQUIRED if r not in found]
    if missing:
        raise CsvColumnsError(
            f"columns: no {' or '.join(missing)} column among {', '.join(header)};"
            f" name it with --columns {missing[0]}=COLUMN"
        )
    return found


def read_csv(
    path: Path,
    counts: ReadCounts,
    columns: str | None = None,
    on_bytes: Callable[[int], None] = lambda _n: None,
) -> Iterator[Record]:
    counts.files += 1
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        lines = _metered(handle, counts, on_bytes)
        reader = csv.reader(lines)
        header = next(reader, None)
        if not header:
            raise CsvColumnsError(f"{path}: empty CSV (no header row)")
        found = find_columns(header, parse_columns(columns))
        cached_added = "cached" in found and _norm(header[found["cached"]]) in ADDED_TO_INPUT
        t, m, i, o = found["timestamp"], found["model"], found["input"], found["output"]
        c, w = found.get("cached"), found.get("cache_write")
        for row in reader:
            if not row or not any(cell.strip() for cell in row):
                continue
            try:
                tin, tout = _tokens(row[i]), _tokens(row[o])
                read = _tokens(row[c]) if c is not None else 0
                written = _tokens(row[w]) if w is not None else 0
                tin += written + (read if cached_added else 0)
                if read > tin:
                    raise ValueError("cached above input")
                record = Record(parse_utc(row[t]), row[m].strip() or "unknown", tin, tout, read, written, 0)
            except (ValueError, IndexError, OverflowError):
                counts.skipped += 1
                continue
            yield record


def _tokens(cell: str) -> int:
    text = cell.strip().replace(",", "").replace("_", "")
    if not text:
        return 0
    value = float(text)
    if value < 0 or value != value:
        raise ValueError(cell)
    return int(value)


def _metered(handle: io.TextIOBase, counts: ReadCounts, on_bytes: Callable[[int], None]) -> Iterator[str]:
    for line in handle:
        counts.lines += 1
        size = len(line)
        counts.bytes += size
        on_bytes(size)
        yield line
