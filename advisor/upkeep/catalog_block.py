"""One marked block of the user's ``catalog.toml`` that a command owns and rewrites.

``advisor catalog update`` (cloud prices) and ``advisor bench`` (this machine's measurements) each
keep their entries between their own two marker lines; everything outside a block is the user's
and is kept as written. A new file replaces the old only after the catalog's own validation passed,
atomically, with the old file's permissions.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path

from advisor.tools.catalog import default_catalog, load_catalog
from advisor.tools.userfile import TOML_MAX_BYTES, read_text
from advisor.upkeep.catalog_schema import with_schema_line, write_schema_beside


def read_catalog_text(path: Path) -> str:
    """The user's catalog file as text ("" when there is none yet); a UserFileError naming it when
    it is not a regular UTF-8 file within the TOML limit (advisor.tools.userfile)."""
    if not path.exists():
        return ""
    return read_text(path, TOML_MAX_BYTES, "catalog file")


def split_block(text: str, begin: str, end: str) -> tuple[str, str]:
    """(the text outside the block, the block's own text) of a catalog file."""
    if begin not in text:
        return text, ""
    head, _, rest = text.partition(begin)
    block, _, tail = rest.partition(end)
    return head.rstrip("\n") + ("\n" if head.strip() else "") + tail.lstrip("\n"), block


def replace_block(path: Path, own: str, block: str) -> None:
    """Write ``own`` text then ``block`` to ``path``: validated first (CatalogError), then atomic. A
    file made anew starts with the ``#:schema`` line, the schema written beside it (an editor checks
    the user's own entries as they are typed)."""
    new = not path.exists()
    if new:
        own = with_schema_line(own)
    new_text = (own.rstrip("\n") + "\n\n" if own.strip() else "") + block.rstrip("\n") + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".catalog-", suffix=".toml", dir=path.parent)
    os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)  # as the file was, not mkstemp's 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(new_text)
            handle.flush()
            os.fsync(handle.fileno())
        load_catalog((Path(tmp),))
        os.replace(tmp, path)
        default_catalog.cache_clear()  # the next look in this process sees the new entries
        if new:
            write_schema_beside(path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value), ensure_ascii=False)


def toml_table(values: dict) -> list[str]:
    return [f"{k} = {toml_value(v)}" for k, v in values.items() if v is not None and v != [] and v != ""]
