"""Reading a TOML file someone else wrote: every way it can be unreadable becomes one line naming
the file and what to do — not UTF-8, not TOML, nested past reason, not there — never a traceback."""

from __future__ import annotations

import tomllib
from pathlib import Path


class TomlFileError(ValueError):
    """A file that cannot be read as TOML; the message names the file."""


def read_toml(path: Path) -> dict:
    """The file's tables; a TomlFileError naming ``path`` when it cannot be read as TOML."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TomlFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start]
        raise TomlFileError(f"{path}: line {line}: not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlFileError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise TomlFileError(f"{path}: nested too deeply to read (arrays or tables inside each other)") from None
