"""Reading a TOML file someone else wrote: every way it can be unreadable becomes one line naming
the file and what to do — not a regular file, too large, not UTF-8, not TOML, nested past reason,
not there — never a traceback and never a hang (advisor.tools.userfile)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from advisor.tools.userfile import TOML_MAX_BYTES, UserFileError, decode_utf8, read_bytes


class TomlFileError(ValueError):
    """A file that cannot be read as TOML; the message names the file."""


def read_toml(path: Path) -> dict:
    """The file's tables; a TomlFileError naming ``path`` when it cannot be read as TOML."""
    try:
        text = decode_utf8(read_bytes(path, TOML_MAX_BYTES, "TOML file"), path)
    except UserFileError as exc:
        raise TomlFileError(str(exc)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlFileError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise TomlFileError(f"{path}: nested too deeply to read (arrays or tables inside each other)") from None
