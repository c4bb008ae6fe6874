"""``Quote``: words the user typed, and nothing else. A quote is made only from a span of the
message it came from (``Quote.span``), or by joining quotes (``Quote.join``), so a read line cannot
quote a phrase the user did not type — a figure worked out, a word the reader wrote over, an ellipsis
of its own."""

from __future__ import annotations

import re
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

_EDGE = re.compile(r"^[\s,.;:]+|[\s,.;:]+$")
JOINER = " … "  # between the quotes of one reading: the user's words, never one of them
_NOT_TYPED = object()  # the key only this module holds: str(…) and Quote(…) make no quote


class Quote(str):
    """What the user typed over one or more spans of their message, each exactly as typed."""

    parts: tuple[str, ...]

    def __new__(cls, words: str, key: object = None, parts: tuple[str, ...] = ()) -> Quote:
        if key is not _NOT_TYPED:
            raise TypeError("a Quote is made from the message: Quote.span(text, start, end)")
        quote = super().__new__(cls, words)
        quote.parts = parts or ((words,) if words else ())
        return quote

    @classmethod
    def span(cls, text: str, start: int, end: int) -> Quote:
        """``text[start:end]`` without the spaces and punctuation at its edges."""
        return cls(_EDGE.sub("", text[max(0, start) : max(0, end)]), _NOT_TYPED)

    @classmethod
    def words(cls, text: str, limit: int = 60) -> Quote:
        """The message's opening words, up to ``limit`` characters cut at a word's end (no ellipsis
        is added: it would be a character the user did not type)."""
        end = len(text)
        if len(text.strip()) > limit:
            start = len(text) - len(text.lstrip())
            cut = text.rfind(" ", start, start + limit)
            end = cut if cut > start else start + limit
        return cls.span(text, 0, end)

    @classmethod
    def join(cls, quotes: list[Quote]) -> Quote:
        """Several quotes of one reading, each once, in the order given."""
        kept = list(dict.fromkeys(q for q in quotes if q))
        for q in kept:
            if not isinstance(q, Quote):
                raise TypeError(f"{q!r} is not a quote of the message")
        parts = tuple(p for q in kept for p in q.parts)
        return cls(JOINER.join(kept), _NOT_TYPED, parts)

    def __copy__(self) -> Quote:
        return self  # a quote never changes: a copy of a profile or a reading keeps it as it is

    def __deepcopy__(self, memo: dict[int, Any]) -> Quote:
        return self

    def typed_in(self, text: str) -> bool:
        """Whether every part is in ``text`` as typed (a check for tests and benchmarks)."""
        return all(part in text for part in self.parts)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        # In Python only a Quote is taken (a str typed into a model is refused); as JSON it is the text.
        return core_schema.json_or_python_schema(
            json_schema=core_schema.str_schema(),
            python_schema=core_schema.is_instance_schema(cls),
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="always"),
        )
