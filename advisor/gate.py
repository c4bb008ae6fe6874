"""Streams a model's reply sentence by sentence through the voice gate (advisor/voice.py): a
sentence is shown only when it is complete, on topic, free of figures no tool produced and
consistent with the tools' verdicts. A fragment left at the end (the token limit) is dropped.
The figure check itself is at the bottom (``unsupported_figures``)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from advisor.voice import judge

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]*_]*\s+|\n")


class SentenceGate:
    def __init__(self, sources: list[Any], user_text: str = ""):
        self.sources = sources  # grows as tools answer
        self.user_text = user_text
        self.buffer = ""
        self.withheld: list[str] = []  # figures no tool computed
        self.dropped: list[tuple[str, str]] = []  # (sentence, why)
        self.shown: list[str] = []

    def feed(self, text: str) -> list[str]:
        self.buffer += text
        out: list[str] = []
        while (match := _SENTENCE_END.search(self.buffer)) is not None:
            sentence, self.buffer = self.buffer[: match.end()], self.buffer[match.end() :]
            out += self._check(sentence)
        return out

    def flush(self) -> list[str]:
        rest, self.buffer = self.buffer, ""
        return self._check(rest) if rest.strip() else []

    def _check(self, sentence: str) -> list[str]:
        if not sentence.strip():
            return [sentence] if self.shown else []
        if sentence.strip() in (s.strip() for s in self.shown):
            self.dropped.append((sentence.strip(), "repeats itself"))
            return []
        why = judge(sentence, sources=self.sources, user_text=self.user_text)
        if why is None:
            self.shown.append(sentence)
            return [sentence]
        self.dropped.append((sentence.strip(), why))
        if why.startswith("figures"):
            self.withheld += unsupported_figures(sentence, self.sources)
        return []


# ---- the figure check: a reply's figures must come from tool results --------------------------
_FIGURE = re.compile(r"(?<![\w.])\$?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(%|[kKmMbB](?![a-zA-Z])|million|billion)?")
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9, "million": 1e6, "billion": 1e9, "%": 0.01}
SMALL_INTEGERS = 12  # "two options", "3 years": counting words, not figures


def figures(text: str) -> list[tuple[str, float]]:
    """Every figure written in ``text`` with its value (``$1,234``, ``2.5M``, ``15%``)."""
    out: list[tuple[str, float]] = []
    for match in _FIGURE.finditer(text):
        whole, frac, unit = match.group(1), match.group(2) or "", (match.group(3) or "").lower()
        value = float(whole.replace(",", "") + frac) * _SCALE.get(unit, 1.0)
        out.append((match.group(0).strip(), value))
    return out


def known_values(sources: Iterable[Any]) -> list[float]:
    """All numbers in tool results, profiles and the user's own words."""
    values: list[float] = []

    def walk(node: Any) -> None:
        if isinstance(node, bool) or node is None:
            return
        if isinstance(node, int | float):
            if math.isfinite(node):
                values.append(float(node))
        elif isinstance(node, str):
            values.extend(v for _, v in figures(node))
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list | tuple):
            for v in node:
                walk(v)

    for source in sources:
        walk(source)
    return values


def _matches(value: float, known: list[float]) -> bool:
    for k in known:
        for candidate in (k, k * 100, k / 1e3, k / 1e6, k / 1e9):  # shares as %, K/M/B shorthand
            if candidate == 0:
                if value == 0:
                    return True
                continue
            if abs(value - candidate) <= max(0.5, abs(candidate) * 0.02):
                return True
    return False


def unsupported_figures(reply: str, sources: Iterable[Any]) -> list[str]:
    """Figures in ``reply`` that no source holds (within rounding); small counts are allowed."""
    known = known_values(sources)
    return [
        text
        for text, value in figures(reply)
        if not (value <= SMALL_INTEGERS and float(value).is_integer()) and not _matches(value, known)
    ]
