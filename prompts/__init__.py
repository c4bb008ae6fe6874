"""The prompts, as text files in this package, loaded by name."""

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=32)
def load(name: str) -> str:
    """The text of prompts/<name> (e.g. ``load("system_local.md")``)."""
    return (resources.files(__package__) / name).read_text(encoding="utf-8")
