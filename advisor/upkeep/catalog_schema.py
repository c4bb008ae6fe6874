"""The schema beside the user's ``catalog.toml`` (advisor.tools.catalog_schema), and the ``#:schema``
line that points an editor (Taplo, Even Better TOML) at it. A catalog.toml the advisor creates
starts with that line; `advisor catalog schema --write` adds it to one the user made."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from advisor.tools.catalog_schema import FILE_NAME, schema_text

SCHEMA_LINE = f"#:schema ./{FILE_NAME}"


def write_schema_beside(catalog: Path) -> Path:
    """Write the schema next to ``catalog`` (replacing an older one); its path."""
    target = catalog.with_name(FILE_NAME)
    write_atomically(target, schema_text())
    return target


def point_at_schema(catalog: Path, text: str) -> None:
    """Make ``catalog``'s first line the ``#:schema`` line (its ``text`` otherwise as it was)."""
    if not text.startswith("#:schema"):
        mode = catalog.stat().st_mode & 0o777 if catalog.exists() else 0o644  # as the file was
        write_atomically(catalog, with_schema_line(text), mode)


def write_atomically(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def with_schema_line(text: str) -> str:
    """``text`` with the ``#:schema`` line first (as it is, when it has one of its own)."""
    if text.startswith("#:schema"):
        return text
    return f"{SCHEMA_LINE}\n{text}" if text.strip() else f"{SCHEMA_LINE}\n"
