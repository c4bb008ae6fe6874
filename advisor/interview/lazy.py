"""Patterns compiled on first use, not at import: the interview holds many regexes, and a turn that
never needs one (no electricity, no budget, no number at all) should not pay for it. A pattern may
also name its cues — literal strings at least one of which every match contains: a text holding
none of them cannot match, so the pattern is neither compiled nor run for it. A pattern built from
phrases (words joined by any run of spaces or hyphens) has the phrases as cues, spaces and hyphens
left out on both sides (`phrases`). Compiled patterns live in memory only (``re``'s own cache and
this object): nothing compiled is kept on disk, so nothing is ever loaded back from a writable place.

A pattern is also cut to what the text searched can match before it is compiled (pruning.py): the
alternatives of its word lists that the text does not hold are left out, and a pattern nothing of
which can match is not compiled at all. A pattern searched in a few different texts (a chat's later
turns) is compiled whole once and used as it is from then on."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from advisor.interview.pruning import Group, parse, pruned

_SPACES_AND_HYPHENS = re.compile(r"[\s-]+")
_CUT_TEXTS = 2  # the texts a pattern is cut for before it is compiled whole
_NOT_PARSED: Any = object()
_HOLDS: dict[str, dict[str, bool]] = {}  # per text searched lately: which pieces it holds


class LazyPattern:
    """Stands in for ``re.compile(pattern, flags)``; compiles when first searched."""

    __slots__ = ("_compiled", "_cut", "_last", "_tree", "cues", "flags", "pattern", "squeeze")

    def __init__(self, pattern: str, flags: int = 0, cues: Iterable[str] | None = None, squeeze: bool = False):
        self.pattern, self.flags, self.squeeze = pattern, flags, squeeze
        self._compiled: re.Pattern[str] | None = None
        self._tree: Group | None = _NOT_PARSED
        self._cut = 0  # the texts it was cut for so far
        self._last: tuple[str, re.Pattern[str] | None] | None = None  # the last text cut for, and its pattern
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

    def for_text(self, text: str) -> re.Pattern[str] | None:
        """The pattern to search ``text`` with: cut to what ``text`` can match while it has been
        searched in few texts, else whole; None when nothing of it can match in ``text``."""
        if self.cannot_match(text):
            return None
        if self._compiled is not None or self._cut >= _CUT_TEXTS:
            return self.compiled()
        if self._last is not None and self._last[0] == text:
            return self._last[1]
        if self._tree is _NOT_PARSED:
            self._tree = parse(self.pattern, self.flags)
        if self._tree is None:
            return self.compiled()
        holds = _HOLDS.get(text)
        if holds is None:
            if len(_HOLDS) >= 8:
                _HOLDS.clear()
            holds = _HOLDS[text] = {}
        source = pruned(self._tree, text, holds)
        if source is not None:
            self._cut += 1
        self._last = (text, None if source is None else re.compile(source, self.flags))
        return self._last[1]

    def search(self, string: str, *args: Any) -> re.Match[str] | None:
        rx = self.for_text(string)
        return None if rx is None else rx.search(string, *args)

    def match(self, string: str, *args: Any) -> re.Match[str] | None:
        rx = self.for_text(string)
        return None if rx is None else rx.match(string, *args)

    def fullmatch(self, string: str, *args: Any) -> re.Match[str] | None:
        rx = self.for_text(string)
        return None if rx is None else rx.fullmatch(string, *args)

    def finditer(self, string: str, *args: Any) -> Iterator[re.Match[str]]:
        rx = self.for_text(string)
        return iter(()) if rx is None else rx.finditer(string, *args)

    def findall(self, string: str, *args: Any) -> list[Any]:
        rx = self.for_text(string)
        return [] if rx is None else rx.findall(string, *args)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        rx = self.for_text(string)
        return string if rx is None else rx.sub(repl, string, count)

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        rx = self.for_text(string)
        return (string, 0) if rx is None else rx.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        rx = self.for_text(string)
        return [string] if rx is None else rx.split(string, maxsplit)

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
