"""Streams a model's reply sentence by sentence through the voice gate (advisor/voice.py): a
sentence is shown only when it is complete, on topic, free of figures no tool produced and
consistent with the tools' verdicts. A fragment left at the end (the token limit) is dropped.
The judgement of each sentence, the figure check included, is advisor.voice's."""

from __future__ import annotations

from typing import Any

from advisor.interview.lazy import lazy
from advisor.voice import judge, unsupported_figures

_SENTENCE_END = lazy(r"(?<=[.!?])[\"')\]*_]*\s+|\n")


class SentenceGate:
    def __init__(self, sources: list[Any], user_text: str = "", lang: str = "en"):
        self.sources = sources  # grows as tools answer
        self.user_text = user_text
        self.lang = lang  # the language the model is asked to answer in
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
        why = judge(sentence, sources=self.sources, user_text=self.user_text, lang=self.lang)
        if why is None:
            self.shown.append(sentence)
            return [sentence]
        self.dropped.append((sentence.strip(), why))
        if why.startswith("figures"):
            self.withheld += unsupported_figures(sentence, self.sources, self.lang)
        return []
