"""Compiled patterns kept between runs. The interview's first message needs about 180 large
regexes, and Python spends ~45 ms parsing them into SRE code on every start. Here the code is
kept in the advisor's cache dir (one file per interpreter version) and handed back to ``_sre``,
which validates it before use; a pattern missing from the file, a file from another Python, a
corrupt or unwritable file all fall back to ``re.compile``. Only the advisor's own pattern text is
stored, never the user's words.

CPython's ``re`` exposes no public way to keep compiled code, so this uses ``re._parser``,
``re._compiler._code`` and ``_sre.compile`` the way ``re._compiler.compile`` does; anything
unexpected there switches the cache off for the run."""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

FORMAT = 1
MAX_ENTRIES = 2000  # the advisor holds a few hundred patterns; a runaway caller must not grow the file
Key = tuple[str, int]
Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

try:  # CPython 3.11+ internals; elsewhere the cache stays off
    import _sre
    from re import _compiler, _parser

    _HEADER: Any = (FORMAT, sys.hexversion, _sre.MAGIC, _sre.CODESIZE)
except (ImportError, AttributeError):  # pragma: no cover - not CPython
    _sre = None
    _HEADER = None


def default_path() -> Path | None:
    """``<cache dir>/patterns-cpython-311.marshal``; None when there is no usable cache dir."""
    if _HEADER is None or os.environ.get("ADVISOR_PATTERN_CACHE") == "off":
        return None
    import platformdirs

    root = os.environ.get("ADVISOR_CACHE_DIR") or platformdirs.user_cache_dir("advisor")
    return Path(root) / f"patterns-{sys.implementation.cache_tag}.marshal"


class PatternCache:
    """Compiled SRE code by (pattern, flags), read once from ``path`` and written back at exit
    when this run compiled something new."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.entries: dict[Key, Entry] = {}
        self.loaded = False
        self.new = 0

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        if not self.loaded:  # where the cache lives is read at first use, not at import
            self.path = self.path or default_path()
            self.entries, self.loaded = (self._read() if self.path else {}), True
        if _HEADER is None or self.path is None:
            return re.compile(pattern, flags)
        flags = int(flags)
        entry = self.entries.get((pattern, flags))
        if entry is not None:
            compiled = _rebuild(pattern, entry)
            if compiled is not None:
                return compiled
            del self.entries[(pattern, flags)]
        compiled, entry = _compile(pattern, flags)
        if entry is not None and len(self.entries) < MAX_ENTRIES:
            self.entries[(pattern, flags)] = entry
            self.new += 1
        return compiled

    def _read(self) -> dict[Key, Entry]:
        assert self.path is not None
        try:
            header, entries = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return entries if header == _HEADER and isinstance(entries, dict) else {}

    def save(self) -> None:
        """Write the file atomically (a temp file renamed over it); any failure leaves it as it was."""
        if not self.new or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".patterns-")
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps((_HEADER, self.entries)))
            os.replace(tmp, self.path)
            self.new = 0
        except (OSError, ValueError):
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)


def _compile(pattern: str, flags: int) -> tuple[re.Pattern[str], Entry | None]:
    """``re.compile``, also returning the SRE code it was built from (None if that failed)."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        final_flags = int(flags | parsed.state.flags)
        entry: Entry = (final_flags, [int(op) for op in code], parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except re.error:
        raise
    except Exception:
        return re.compile(pattern, flags), None
    compiled = _rebuild(pattern, entry)
    return (compiled, entry) if compiled is not None else (re.compile(pattern, flags), None)


def _rebuild(pattern: str, entry: Entry) -> re.Pattern[str] | None:
    """The pattern object from stored code; None when ``_sre`` refuses it (it validates the code)."""
    try:
        final_flags, code, groups, groupindex, indexgroup = entry
        compiled = _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)
    except Exception:
        return None
    return compiled if compiled.pattern == pattern and compiled.groups == groups else None


CACHE = PatternCache()
atexit.register(CACHE.save)
