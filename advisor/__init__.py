"""advisor: run LLM workloads on your own hardware, on cloud APIs, or both — with real numbers.

``advisor.tools``, ``advisor.catalog`` and ``advisor.prompts`` are the repository's top-level
folders tools/, catalog/ and prompts/. An installed wheel holds them inside this package (hatchling's
``sources`` in pyproject.toml); a checkout — a clone, an editable install, an unpacked sdist — keeps
them beside it, where the finder below takes them from. Nothing else beside it is importable as
``advisor.…``."""

import sys
from importlib.machinery import ModuleSpec, PathFinder
from pathlib import Path

__version__ = "0.1.0"

_HERE = Path(__file__).resolve().parent
_BESIDE = ("tools", "catalog", "prompts")


class _Beside:
    """Finds ``advisor.tools`` (and catalog, prompts) in the folder beside advisor/."""

    @staticmethod
    def find_spec(name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        package, _, sub = name.partition(".")
        if package != __name__ or sub not in _BESIDE:
            return None
        return PathFinder.find_spec(name, [str(_HERE.parent)])


if not (_HERE / "tools").is_dir() and _Beside not in sys.meta_path:  # a checkout, not a wheel
    sys.meta_path.append(_Beside)
