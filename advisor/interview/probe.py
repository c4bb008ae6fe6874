"""A question that probes rather than states: "why Qwen 27B?", "what about Llama 70B?", "and with
H200s?", "warum Qwen?" (catalog/reading.toml cues.probe). The probing words open the sentence, and
the sentence is a question (it ends in "?") or the whole message. A model or hardware named in one is
what the user asks about, not what the workload uses: it never writes the field it names."""

from __future__ import annotations

from typing import Any

from advisor.interview.draft import Draft
from advisor.interview.lazy import lazy
from advisor.interview.vocab import alternation, vocab

_OPENER: dict[str, Any] = {}


def _opener() -> Any:
    if "rx" not in _OPENER:
        words = alternation(vocab().cue("probe"))
        _OPENER["rx"] = lazy(rf"[\s\"'(¿¡]*(?:(?:and|so|ok|okay|also|but|und|et|y|e|en)\s*,?\s+)?(?:{words})(?![\w-])")
    return _OPENER["rx"]


def probed_at(d: Draft, pos: int) -> int | None:
    """Where the probing words open the question holding ``pos``, or None when it states."""
    text = d.original  # as typed: the words of a name read before it may be consumed from d.text
    start, end = d.clause(pos)
    asked = text[end : end + 1] == "?" or text[start:end].rstrip().endswith("?")
    whole = not text[:start].strip() and not text[end:].strip(" \n?!.")
    if not (asked or whole):
        return None
    m = _opener().match(text.lower(), start, pos)
    return m.start() if m is not None else None
