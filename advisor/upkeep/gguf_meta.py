"""A GGUF file's metadata — the key/value header before its tensors — read without loading the model.

The header (GGUF v2/v3, little- or big-endian): the magic ``GGUF``, a version, the tensor and key
counts, then each key as a string and its typed value (scalars, strings, arrays of either). Large
arrays (the tokenizer's vocabulary) are walked over, not kept. Every count and length is bounded,
so a damaged or hostile file is a clear error, never a huge allocation.
"""

from __future__ import annotations

import mmap
import struct
from pathlib import Path
from typing import Any

MAGIC = b"GGUF"
STRING, ARRAY = 8, 9
SCALARS = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
MAX_KEYS = 100_000
MAX_ITEMS = 50_000_000
MAX_STRING = 1 << 24
KEEP_ITEMS = 4096  # arrays longer than this (vocabularies, merges) are skipped


class GGUFError(ValueError):
    """The file is not a GGUF file, or its header is damaged."""


class _Cursor:
    def __init__(self, data: mmap.mmap | bytes, order: str):
        self.data, self.order, self.at = data, order, 0

    def scalar(self, code: str) -> Any:
        fmt = self.order + code
        try:
            (value,) = struct.unpack_from(fmt, self.data, self.at)
        except struct.error:
            raise GGUFError(f"the header ends early (at byte {self.at:,})") from None
        self.at += struct.calcsize(fmt)
        return value

    def count(self, what: str, limit: int) -> int:
        n = self.scalar("Q")
        if n > limit:
            raise GGUFError(f"{what} of {n:,} at byte {self.at:,} is more than {limit:,}: a damaged header")
        return n

    def string(self) -> str:
        n = self.count("a string length", MAX_STRING)
        raw = self.data[self.at : self.at + n]
        if len(raw) != n:
            raise GGUFError(f"the header ends early (a string at byte {self.at:,})")
        self.at += n
        return bytes(raw).decode("utf-8", errors="replace")

    def value(self, kind: int) -> Any:
        if kind in SCALARS:
            return self.scalar(SCALARS[kind])
        if kind == STRING:
            return self.string()
        if kind == ARRAY:
            item = self.scalar("I")
            n = self.count("an array length", MAX_ITEMS)
            if item == ARRAY:
                raise GGUFError(f"a nested array at byte {self.at:,} (not used by any model's header)")
            if n > KEEP_ITEMS:
                self.skip(item, n)
                return None
            return [self.value(item) for _ in range(n)]
        raise GGUFError(f"unknown value type {kind} at byte {self.at:,}")

    def skip(self, item: int, n: int) -> None:
        if item in SCALARS:
            self.at += n * struct.calcsize(self.order + SCALARS[item])
            return
        for _ in range(n):
            self.value(item)


def parse_metadata(data: mmap.mmap | bytes) -> dict[str, Any]:
    """The key/value pairs of a GGUF header; arrays longer than KEEP_ITEMS map to None."""
    if bytes(data[:4]) != MAGIC:
        raise GGUFError("not a GGUF file (no 'GGUF' magic at its start)")
    order = "<"
    version = struct.unpack_from("<I", data, 4)[0] if len(data) >= 8 else 0
    if version > 0xFFFF:  # a big-endian file
        order, version = ">", struct.unpack_from(">I", data, 4)[0]
    if version not in (2, 3):
        raise GGUFError(f"GGUF version {version} is not one this reader knows (2 or 3)")
    cursor = _Cursor(data, order)
    cursor.at = 8
    cursor.count("a tensor count", MAX_ITEMS)
    keys = cursor.count("a key count", MAX_KEYS)
    meta: dict[str, Any] = {}
    for _ in range(keys):
        name = cursor.string()
        meta[name] = cursor.value(cursor.scalar("I"))
    return meta


def read_metadata(path: str | Path) -> dict[str, Any]:
    """The metadata of the GGUF file at ``path`` (memory-mapped: only the header is read)."""
    try:
        with open(path, "rb") as f:
            if f.seek(0, 2) < 8:
                raise GGUFError("not a GGUF file (shorter than its header)")
            with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
                return parse_metadata(data)
    except OSError as exc:
        raise GGUFError(f"cannot read {path}: {exc.strerror or exc}") from None
