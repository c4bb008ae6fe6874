"""Patterns compiled on first use, not at import: the interview holds many regexes, and a turn that
never needs one (no electricity, no budget, no number at all) should not pay for it. A pattern may
also name its cues — literal strings at least one of which every match contains: a text holding
none of them cannot match, so the pattern is neither compiled nor run for it. A pattern built from
phrases (words joined by any run of spaces or hyphens) has the phrases as cues, spaces and hyphens
left out on both sides (`phrases`). Compiled patterns live in memory only (``re``'s own cache and
this object): nothing compiled is kept on disk, so nothing is ever loaded back from a writable place."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

_SPACES_AND_HYPHENS = re.compile(r"[\s-]+")


class LazyPattern:
    """Stands in for ``re.compile(pattern, flags)``; compiles when first searched."""

    __slots__ = ("_compiled", "cues", "flags", "pattern", "squeeze")

    def __init__(self, pattern: str, flags: int = 0, cues: Iterable[str] | None = None, squeeze: bool = False):
        self.pattern, self.flags, self.squeeze = pattern, flags, squeeze
        self._compiled: re.Pattern[str] | None = None
        self.cues = None if cues is None else frozenset(c for c in map(self._plain, cues) if c)

    def _plain(self, text: str) -> str:
        """``text`` as cues are compared: lower case for a case-blind pattern, without spaces and
        hyphens for one built from phrases."""
        text = text.lower() if self.flags & re.IGNORECASE else text
        return _SPACES_AND_HYPHENS.sub("", text) if self.squeeze else text

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def cannot_match(self, text: str) -> bool:
        """No cue in ``text``: no match is possible (a pattern without cues may always match)."""
        if self.cues is None:
            return False
        haystack = self._plain(text)
        return not any(cue in haystack for cue in self.cues)

    def search(self, string: str, *args: Any) -> re.Match[str] | None:
        return None if self.cannot_match(string) else self.compiled().search(string, *args)

    def match(self, string: str, *args: Any) -> re.Match[str] | None:
        return None if self.cannot_match(string) else self.compiled().match(string, *args)

    def fullmatch(self, string: str, *args: Any) -> re.Match[str] | None:
        return None if self.cannot_match(string) else self.compiled().fullmatch(string, *args)

    def finditer(self, string: str, *args: Any) -> Iterator[re.Match[str]]:
        return iter(()) if self.cannot_match(string) else self.compiled().finditer(string, *args)

    def findall(self, string: str, *args: Any) -> list[Any]:
        return [] if self.cannot_match(string) else self.compiled().findall(string, *args)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return string if self.cannot_match(string) else self.compiled().sub(repl, string, count)

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        return (string, 0) if self.cannot_match(string) else self.compiled().subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        return [string] if self.cannot_match(string) else self.compiled().split(string, maxsplit)

    def __getattr__(self, name: str) -> Any:  # groupindex, groups, … of the compiled pattern
        return getattr(self.compiled(), name)


def lazy(pattern: str, flags: int = 0, cues: Iterable[str] | None = None) -> Any:
    """A pattern compiled on first use (typed ``Any``: it answers as an ``re.Pattern``); with
    ``cues``, only for a text that holds one of them."""
    return LazyPattern(pattern, flags, cues)


def of_phrases(pattern: str, phrases: Iterable[str], flags: int = 0) -> Any:
    """A lazy pattern every match of which is one of ``phrases`` as written, but for the runs of
    spaces or hyphens between its words: searched only in a text holding one of them."""
    return LazyPattern(pattern, flags, phrases, squeeze=True)
