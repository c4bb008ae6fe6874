"""A CSV with one row per request, as providers' consoles and gateways export usage. Columns are
found by name (case, spaces and punctuation ignored) among common spellings, or named with
``--columns timestamp=…,model=…,input=…,output=…[,cached=…][,cache_write=…][,cache_write_1h=…][,requests=…]``;
a ``requests`` column (``num_model_requests``, as OpenAI's usage export has it) makes each row a report's
row of that many requests, not one request.

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
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from advisor.measure.records import ReadCounts, Record, RecordError, model_name, parse_utc, token_count
from advisor.tools.userfile import MIB, TooLong, bounded_lines, open_regular, size_words

MAX_LINE_BYTES = 1 * MIB  # a row of usage is a few hundred bytes; csv's own field limit is 128 KiB

ROLES = ("timestamp", "model", "input", "output", "cached", "cache_write", "cache_write_1h", "requests")
STANDARD_WRITES = (
    "cachecreationephemeral5minputtokens",
    "ephemeral5minputtokens",
    "cachewrite5mtokens",
    "cachewrite5m",
    "cachewritetokensdetailsttl30mtokens",
    "ttl30mtokens",
    "cachewrite30mtokens",
)
SPELLINGS: dict[str, tuple[str, ...]] = {
    "timestamp": (
        "timestamp",
        "timestamputc",
        "datetimeutc",
        "datetime",
        "time",
        "createdat",
        "created",
        "date",
        "requesttime",
        "starttime",
        "ts",
        "usagedateutc",
        "startingat",
        "bucketstart",
    ),
    "model": ("model", "modelname", "modelid", "resolvedmodel", "engine", "modelversion"),
    "input": (
        "inputtokens",
        "prompttokens",
        "tokensin",
        "input",
        "ncontexttokenstotal",
        "usageinputtokens",
        "uncachedinputtokens",
        "inputtokensuncached",
        "prompt",
    ),
    "output": (
        "outputtokens",
        "completiontokens",
        "tokensout",
        "output",
        "ngeneratedtokenstotal",
        "usageoutputtokens",
        "generatedtokens",
        "completion",
    ),
    "cached": (
        "cachereadinputtokens",
        "cachereadtokens",
        "cachedinputtokens",
        "cachedtokens",
        "cacheread",
        "inputcachedtokens",
        "ncachedcontexttokenstotal",
        "promptcachedtokens",
        "promptcachehittokens",
        "cached",
    ),
    "cache_write": (
        "cachecreationinputtokens",
        "cachewritetokens",
        "cachecreationtokens",
        "cachewrite",
        "cachewriteinputtokens",
        *STANDARD_WRITES,
    ),
    "cache_write_1h": (
        "cachecreationephemeral1hinputtokens",
        "ephemeral1hinputtokens",
        "cachewrite1htokens",
        "cachewrite1h",
        "cachewritetokensdetailsttl12htokens",
        "ttl12htokens",
        "cachewrite12htokens",
    ),
    "requests": ("nummodelrequests", "requests", "requestcount", "numrequests"),  # a row of a report: its count
}
ADDED_TO_INPUT = {"cachereadinputtokens", "cachereadtokens", "cacheread"}
UNCACHED_INPUT = {"uncachedinputtokens", "inputtokensuncached"}
ALWAYS_ADDED_WRITES = {"cachecreationinputtokens", "cachecreationtokens"}  # Anthropic's names
REQUIRED = ("timestamp", "model", "input", "output")
COST_COLUMNS = {"amount", "cost", "costusd", "amountusd", "totalcost", "usd", "amountvalue"}  # a cost export's


class CsvColumnsError(ValueError):
    pass


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def parse_columns(spec: str | None) -> dict[str, str]:
    """``timestamp=Time,input=Prompt Tokens`` → {role: column}; a clear error for a bad role."""
    if spec is None:
        return {}
    if not spec.strip():
        raise CsvColumnsError(f"columns: {spec!r} names no column; write ROLE=COLUMN,…; roles: {', '.join(ROLES)}")
    out: dict[str, str] = {}
    for part in spec.split(","):
        role, sep, column = part.partition("=")
        role = role.strip().replace("-", "_")
        if not sep or role not in ROLES or not column.strip():
            raise CsvColumnsError(f"columns: {part.strip()!r} is not ROLE=COLUMN; roles: {', '.join(ROLES)}")
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
    if missing and {"input", "output"} <= set(missing) and COST_COLUMNS & {_norm(h) for h in header}:
        raise CsvColumnsError(
            f"columns: {', '.join(header)} is a cost export (dollars, no token counts); import the usage"
            " export of the same days to measure the workload"
        )
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
    with open_regular(path) as handle:
        reader = csv.reader(_metered(path, handle, counts, on_bytes))
        header = next(reader, None)
        if not header:
            raise CsvColumnsError(f"{path}: empty CSV (no header row)")
        found = find_columns(header, parse_columns(columns))
        names = {role: header[index] for role, index in found.items()}
        reads_added, writes_added, standard_only = _added(header, found)
        t, m, i, o = found["timestamp"], found["model"], found["input"], found["output"]
        c, w, w1h = found.get("cached"), found.get("cache_write"), found.get("cache_write_1h")
        q = found.get("requests")
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:  # a field past csv's limit (an unclosed quote runs into one)
                counts.skipped += 1
                counts.problem(f"{path}: line {reader.line_num}: {exc}")
                continue
            if not row or not any(cell.strip() for cell in row):
                continue
            try:
                tin, tout = token_count(row[i], names["input"]), token_count(row[o], names["output"])
                read = token_count(row[c], names["cached"]) if c is not None else 0
                written = token_count(row[w], names["cache_write"]) if w is not None else 0
                extended = token_count(row[w1h], names["cache_write_1h"]) if w1h is not None else 0
                if standard_only or w is None:
                    written += extended
                extended = min(extended, written)
                tin += (written if writes_added else 0) + (read if reads_added else 0)
                if read + written > tin:
                    raise ValueError("cache reads and writes above input")
                at = parse_utc(row[t])
                requests = token_count(row[q], names["requests"]) if q is not None else 1
                record = Record(
                    at, model_name(row[m]), tin, tout, read, written - extended, extended, requests=requests
                )
            except RecordError as exc:
                counts.skipped += 1
                counts.problem(f"{path}: line {reader.line_num}: {exc}")
                continue
            except (ValueError, IndexError):
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


def _metered(path: Path, handle: BinaryIO, counts: ReadCounts, on_bytes: Callable[[int], None]) -> Iterator[str]:
    """The file's lines as text, counted; a line past MAX_LINE_BYTES is skipped and named, a line
    that is not UTF-8 ends the import with one line naming it."""
    for number, line in enumerate(bounded_lines(handle, MAX_LINE_BYTES), start=1):
        counts.lines += 1
        size = line.size if isinstance(line, TooLong) else len(line)
        counts.bytes += size
        on_bytes(size)
        if isinstance(line, TooLong):
            counts.skipped += 1
            counts.problem(f"{path}: line {number}: longer than {size_words(MAX_LINE_BYTES)}")
            continue
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise CsvColumnsError(
                f"{path}: line {number}: not UTF-8 text (byte 0x{line[exc.start]:02x}); export the CSV as UTF-8"
            ) from None
        yield text
