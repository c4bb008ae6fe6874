"""The prompts, as text files in this package, loaded by name. Imported as ``advisor.prompts``."""

from functools import lru_cache
from importlib import resources

if __name__ != "advisor.prompts":  # one module object per file: never a second, top-level `prompts`
    raise ImportError(f"import advisor.prompts, not {__name__}: prompts/ installs inside advisor")


@lru_cache(maxsize=32)
def load(name: str) -> str:
    """The text of prompts/<name> (e.g. ``load("system_local.md")``)."""
    return (resources.files(__package__) / name).read_text(encoding="utf-8")
