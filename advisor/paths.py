"""Where the advisor keeps things: the platform's data, config and cache dirs (platformdirs),
each overridable by an environment variable (tests use them) or a flag."""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs

APP = "advisor"


def _dir(env: str, default: str, override: Path | None = None) -> Path:
    path = override or (Path(os.environ[env]) if os.environ.get(env) else Path(default))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from advisor.errors import UsageError

        what = "--data-dir or $" + env if env == "ADVISOR_DATA_DIR" else "$" + env
        reason = "is a file, not a directory" if path.exists() and not path.is_dir() else (exc.strerror or str(exc))
        raise UsageError(f"{what}: {str(path)!r} {reason} — give a directory the advisor may write to") from None
    return path


def data_dir(override: Path | None = None) -> Path:
    return _dir("ADVISOR_DATA_DIR", platformdirs.user_data_dir(APP), override)


def config_dir() -> Path:
    return _dir("ADVISOR_CONFIG_DIR", platformdirs.user_config_dir(APP))


def cache_dir() -> Path:
    return _dir("ADVISOR_CACHE_DIR", platformdirs.user_cache_dir(APP))


def db_path(directory: Path) -> Path:
    return directory / "advisor.sqlite3"


def file_name_part(text: str) -> str:
    """``text`` as part of a file name on any platform: 'q3/acme: legal' → 'q3-acme-legal'."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "session"


def write_new_file(text: str, path: Path | None, folder: Path, stem: str, suffix: str = ".md") -> Path:
    """Write ``text`` to a file that did not exist, never over one that did, and return its path.
    No ``path``: ``folder``/``stem``.md, or ``stem``-2.md, -3.md … when that is taken. A ``path``
    that is a folder gets the same default name inside it; a taken ``path`` is a UsageError, and so
    is a place that cannot be written (a read-only data dir, ``folder`` taken by a file), with a hint."""
    from advisor.errors import UsageError

    if path is not None and not path.is_dir():
        if not path.parent.is_dir():
            raise UsageError(f"export: no folder {str(path.parent)!r} — give a path in an existing folder")
        try:
            with path.open("x", encoding="utf-8") as out:
                out.write(text)
        except FileExistsError:
            raise UsageError(f"export: {str(path)!r} exists and is kept — give a new name, or no path") from None
        except OSError as exc:
            raise UsageError(
                f"export: cannot write {str(path)!r}: {_reason(exc)} — give a path you can write"
            ) from None
        return path
    hint = "give a path you can write" if path else "make the data dir writable, or give a path: /export FILE"
    folder = path or folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = "a file has that name" if isinstance(exc, FileExistsError) else _reason(exc)
        raise UsageError(f"export: cannot make the folder {str(folder)!r}: {reason} — {hint}") from None
    for number in range(1, 10_000):
        candidate = folder / f"{stem}{'' if number == 1 else f'-{number}'}{suffix}"
        try:
            with candidate.open("x", encoding="utf-8") as out:
                out.write(text)
        except FileExistsError:
            continue
        except OSError as exc:
            raise UsageError(f"export: cannot write in {str(folder)!r}: {_reason(exc)} — {hint}") from None
        return candidate
    raise UsageError(f"export: {str(folder)!r} holds 9,999 files named {stem}…; give a path")


def _reason(exc: OSError) -> str:
    """An OSError in a few words: its strerror ("Read-only file system"), not its repr."""
    return exc.strerror or type(exc).__name__
