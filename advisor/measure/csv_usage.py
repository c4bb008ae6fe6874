"""A CSV with one row per request, as providers' consoles and gateways export usage. Columns are
found by name (case, spaces and punctuation ignored) among common spellings, or named with
``--columns timestamp=…,model=…,input=…,output=…[,cached=…][,cache_write=…][,cache_write_1h=…]``.

Cached input: a cache-read column named the Anthropic way (``cache_read_input_tokens``,
``cache_read…``) is *added* to the input, as Anthropic's API reports it apart; any other cached
column (OpenAI's ``cached_tokens``, ``cached_input_tokens``, DeepSeek's ``prompt_cache_hit_tokens``,
…) is taken as part of the input already. An input column named ``uncached_input_tokens`` (as
Anthropic's usage report names it) has reads and writes added whatever their names.

Cache writes follow the reads: inside the input when the cached column is (OpenAI's
``cache_write_tokens`` next to ``cached_tokens``: both parts of the prompt count), added otherwise
(Anthropic's ``cache_creation_input_tokens``, always added). ``cache_write`` is all writes — or
the standard ones alone when it is named so (``ephemeral_5m_input_tokens``, ``ttl_30m_tokens``) —
and ``cache_write_1h`` the extended ones (Anthropic's 1-hour ``ephemeral_1h_input_tokens``,
OpenAI's 12-hour ``ttl_12h_tokens``), priced at their own rate."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from advisor.measure.records import ReadCounts, Record, parse_utc

ROLES = ("timestamp", "model", "input", "output", "cached", "cache_write", "cache_write_1h")
STANDARD_WRITES = ("cachecreationephemeral5minputtokens", "ephemeral5minputtokens", "cachewrite5mtokens",
                   "cachewrite5m", "cachewritetokensdetailsttl30mtokens", "ttl30mtokens", "cachewrite30mtokens")
SPELLINGS: dict[str, tuple[str, ...]] = {
    "timestamp": ("timestamp", "timestamputc", "datetimeutc", "datetime", "time", "createdat", "created",
                  "date", "requesttime", "starttime", "ts"),
    "model": ("model", "modelname", "modelid", "resolvedmodel", "engine", "modelversion"),
    "input": ("inputtokens", "prompttokens", "tokensin", "input", "ncontexttokenstotal", "usageinputtokens",
              "uncachedinputtokens", "inputtokensuncached", "prompt"),
    "output": ("outputtokens", "completiontokens", "tokensout", "output", "ngeneratedtokenstotal",
               "usageoutputtokens", "generatedtokens", "completion"),
    "cached": ("cachereadinputtokens", "cachereadtokens", "cachedinputtokens", "cachedtokens", "cacheread",
               "inputcachedtokens", "ncachedcontexttokenstotal", "promptcachedtokens", "promptcachehittokens",
               "cached"),
    "cache_write": ("cachecreationinputtokens", "cachewritetokens", "cachecreationtokens", "cachewrite",
                    "cachewriteinputtokens", *STANDARD_WRITES),
    "cache_write_1h": ("cachecreationephemeral1hinputtokens", "ephemeral1hinputtokens", "cachewrite1htokens",
                       "cachewrite1h", "cachewritetokensdetailsttl12htokens", "ttl12htokens", "cachewrite12htokens"),
}
ADDED_TO_INPUT = {"cachereadinputtokens", "cachereadtokens", "cacheread"}
UNCACHED_INPUT = {"uncachedinputtokens", "inputtokensuncached"}
ALWAYS_ADDED_WRITES = {"cachecreationinputtokens", "cachecreationtokens"}  # Anthropic's names
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
        reads_added, writes_added, standard_only = _added(header, found)
        t, m, i, o = found["timestamp"], found["model"], found["input"], found["output"]
        c, w, w1h = found.get("cached"), found.get("cache_write"), found.get("cache_write_1h")
        for row in reader:
            if not row or not any(cell.strip() for cell in row):
                continue
            try:
                tin, tout = _tokens(row[i]), _tokens(row[o])
                read = _tokens(row[c]) if c is not None else 0
                written = _tokens(row[w]) if w is not None else 0
                extended = _tokens(row[w1h]) if w1h is not None else 0
                if standard_only or w is None:
                    written += extended
                extended = min(extended, written)
                tin += (written if writes_added else 0) + (read if reads_added else 0)
                if read + written > tin:
                    raise ValueError("cache reads and writes above input")
                at = parse_utc(row[t])
                record = Record(at, row[m].strip() or "unknown", tin, tout, read, written - extended, extended)
            except (ValueError, IndexError, OverflowError):
                counts.skipped += 1
                continue
            yield record


def _added(header: list[str], found: dict[str, int]) -> tuple[bool, bool, bool]:
    """Whether the reads and the writes are added to the input column (see the module docstring),
    and whether the cache_write column holds the standard writes alone."""
    name = {role: _norm(header[index]) for role, index in found.items()}
    uncached = name["input"] in UNCACHED_INPUT
    reads_added = uncached or name.get("cached") in ADDED_TO_INPUT
    writes_inside = "cached" in found and not reads_added and name.get("cache_write") not in ALWAYS_ADDED_WRITES
    return reads_added, not writes_inside, name.get("cache_write") in STANDARD_WRITES


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
