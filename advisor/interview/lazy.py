"""Patterns compiled on first use, not at import: the interview holds many regexes, and a turn that
never needs one (no electricity, no budget, no number at all) should not pay for it. Compiled
patterns live in memory only (``re``'s own cache and this object): nothing compiled is kept on disk,
so nothing is ever loaded back from a writable place."""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """Stands in for ``re.compile(pattern, flags)``; compiles when first searched."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # search, match, finditer, sub, … of the compiled pattern
        return getattr(self.compiled(), name)


def lazy(pattern: str, flags: int = 0) -> Any:
    """A pattern compiled on first use (typed ``Any``: it answers as an ``re.Pattern``)."""
    return LazyPattern(pattern, flags)
