"""Configuration: flags beat environment beat the config file beat defaults.

The config file is ``config.toml`` in the platform's config dir; a ``catalog.toml`` beside it
extends and overrides the shipped catalog. The API key is read from the environment by the Claude
adapter and never held here, written or shown.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from advisor.errors import UsageError

DEFAULT_OLLAMA_MODEL = "qwen3:4b"
DEFAULT_CLAUDE_MODEL = "claude-sonnet-4-6"
DEFAULT_BUDGET_USD = 0.25
# The languages the answers are written in (advisor/text/locale has each one's catalog).
Language = Literal["en", "de", "fr", "es", "it", "nl", "pt", "pl"]
LANGUAGES: tuple[str, ...] = get_args(Language)

_ENV = {
    "ollama_host": "OLLAMA_HOST",
    "ollama_model": "ADVISOR_OLLAMA_MODEL",
    "claude_model": "ADVISOR_CLAUDE_MODEL",
    "claude_platform": "ADVISOR_CLAUDE_PLATFORM",
    "claude_region": "ADVISOR_CLAUDE_REGION",
    "claude_project": "ADVISOR_CLAUDE_PROJECT",
    "budget_usd": "ADVISOR_BUDGET_USD",
    "offline": "ADVISOR_OFFLINE",
    "local": "ADVISOR_LOCAL",
    "lang": "ADVISOR_LANG",
    "currency": "ADVISOR_CURRENCY",
}


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    ollama_host: str | None = None  # None: the client's default, 127.0.0.1:11434
    ollama_model: str = DEFAULT_OLLAMA_MODEL
    local: str | None = None  # auto | ollama:MODEL | embedded[:PATH] | none
    claude_model: str = DEFAULT_CLAUDE_MODEL
    claude_platform: Literal["api", "bedrock", "vertex"] = "api"  # where the advisor's own Claude calls go
    claude_region: str | None = None  # bedrock: an AWS region or 'global'; vertex: a location; api: 'us'
    claude_project: str | None = None  # vertex: the Google Cloud project id
    budget_usd: float = Field(default=DEFAULT_BUDGET_USD, ge=0)
    offline: bool = False
    data_dir: Path | None = None
    catalog_files: list[Path] = []
    lang: Language | None = None  # None: the language the user writes in
    currency: str | None = Field(default=None, pattern=r"^[A-Za-z]{3}$")  # None: the one they write amounts in

    def catalog(self):  # -> tools.catalog.Catalog
        from advisor.tools.catalog import CatalogError, default_catalog

        try:
            return default_catalog(tuple(self.catalog_files))
        except CatalogError as exc:
            raise UsageError(f"catalog: {exc}") from None


def config_file() -> Path:
    from advisor.paths import config_dir

    return config_dir() / "config.toml"


def load_config(path: Path | None = None, **flags: object) -> Config:
    """Defaults, then the file, then the environment, then flags (None means "not given")."""
    from advisor.paths import config_dir

    values: dict[str, object] = {}
    path = path or config_file()
    if path.exists():  # a FIFO or a folder there is named, not skipped (read_toml)
        from advisor.tools.tomlfile import TomlFileError, read_toml

        try:
            values.update(read_toml(path))
        except TomlFileError as exc:
            raise UsageError(f"config: {exc}") from None
    for field, var in _ENV.items():
        if os.environ.get(var):
            values[field] = os.environ[var]
    values.update({k: v for k, v in flags.items() if v is not None})
    _check_today()
    user_catalog = config_dir() / "catalog.toml"
    values.setdefault("catalog_files", [])
    if user_catalog.exists():
        values["catalog_files"] = [user_catalog, *values["catalog_files"]]  # type: ignore[list-item]
    try:
        return Config.model_validate(values)
    except ValidationError as exc:
        from advisor.tools.base import short

        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        where = f"{path} or ${_ENV[field]}" if field in _ENV else str(path)
        if err["type"] == "extra_forbidden":
            known = ", ".join(Config.model_fields)
            raise UsageError(f"config: {field}: unknown setting (in {where}); settings are {known}") from None
        raise UsageError(f"config: {field}: {short(err.get('input'))} {err['msg'].lower()} (in {where})") from None


def _check_today() -> None:
    """A bad ``ADVISOR_TODAY`` is the user's error, said once at start, not a failed turn later."""
    from advisor.tools import clock
    from advisor.tools.base import ToolError

    try:
        clock.today()
    except ToolError as exc:
        raise UsageError(str(exc)) from None
