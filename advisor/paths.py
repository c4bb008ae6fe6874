"""Where the advisor keeps things: the platform's data, config and cache dirs (platformdirs),
each overridable by an environment variable (tests use them) or a flag."""

from __future__ import annotations

import os
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
