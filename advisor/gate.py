"""Streams a model's reply sentence by sentence, holding back any sentence whose figures no tool
produced: a figure the tools did not compute is never shown as fact."""

from __future__ import annotations

import re
from typing import Any

from advisor.factcheck import unsupported_figures

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
WITHHELD = "[a figure here was not computed by a tool, so it is not shown]"


class SentenceGate:
    def __init__(self, sources: list[Any]):
        self.sources = sources  # grows as tools answer
        self.buffer = ""
        self.withheld: list[str] = []

    def feed(self, text: str) -> list[str]:
        self.buffer += text
        out: list[str] = []
        while (match := _SENTENCE_END.search(self.buffer)) is not None:
            sentence, self.buffer = self.buffer[: match.end()], self.buffer[match.end() :]
            out.append(self._check(sentence))
        return out

    def flush(self) -> list[str]:
        rest, self.buffer = self.buffer, ""
        return [self._check(rest)] if rest else []

    def _check(self, sentence: str) -> str:
        bad = unsupported_figures(sentence, self.sources)
        if not bad:
            return sentence
        self.withheld += bad
        return WITHHELD + (" " if sentence.endswith((" ", "\n")) else "")
