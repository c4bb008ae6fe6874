"""Questions people ask about an answer — what a token is, what caching saves, what the cheapest
acceptable option costs, why an option was ruled out, how long one request takes, what is assumed,
failover (not modelled: what a standby unit would add), why the pick —
told from the words that ask them (catalog/asking.toml, per language).
advisor.text.asked answers each from the tools."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel

from advisor.interview.lazy import lazy

Kind = Literal["token", "caching", "cheapest", "ruled_out", "request_time", "assumptions", "failover", "why"]
# "why" last: "why not local?" asks why an option was ruled out, "why?" why the pick
KINDS: tuple[Kind, ...] = (
    "token",
    "caching",
    "cheapest",
    "ruled_out",
    "request_time",
    "assumptions",
    "failover",
    "why",
)


class Asked(BaseModel):
    kind: Kind
    subject: str = ""  # for ruled_out: the option the user named ("the 3090", "local")
    share: float | None = None  # for caching: the share of input cached it names ("our 80% caching")
    quote: str = ""  # the words that ask it, lower-cased ("how long would one request take")
    # the clause that asks it, as offsets of the message (its question word to its '?'): what it
    # names is asked about, not stated; None when the words ask inside a statement
    clause: tuple[int, int] | None = None

    def without_clause(self, text: str) -> str:
        """``text`` with the asking clause blanked (same length, so quotes stay spans of it)."""
        if self.clause is None:
            return text
        start, end = self.clause
        return text[:start] + " " * (end - start) + text[end:]

    def asks_with(self, question: str) -> bool:
        """Whether a reader's question about unused numbers quotes only words of this question
        ("I didn't use 'one request take'" beside "how long would one request take?")."""
        quoted = re.findall(r"(?<!\w)'([^']+)'(?!\w)", question)
        return bool(quoted) and question.startswith("I didn't use") and all(q.lower() in self.quote for q in quoted)


_SHARE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s*%")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[Any]]:
    """Each kind's patterns, compiled cut to the text they are first searched in (lazy.py): a
    message holds the words of few of them."""
    text = (resources.files("advisor.catalog") / "asking.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)
    return {kind: [lazy(p) for lang in table[kind].values() for p in lang] for kind in KINDS}


def _normalized(text: str) -> tuple[str, list[int]]:
    """``text`` lower-cased with its whitespace runs as one space, and each character's offset in
    ``text``."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                where.append(i)
            continue
        for low in ch.lower():
            chars.append(low)
            where.append(i)
    if chars and chars[-1] == " ":
        chars.pop()
        where.pop()
    return "".join(chars), where


_SENTENCE_END = re.compile(r"[?]|[.!](?=\s|$)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s)\W*$")


def _clause(low: str, start: int, end: int) -> tuple[int, int] | None:
    """The asking clause of a match at low[start:end]: up to its '?' — or, when the sentence opens
    with the asking words, to the sentence's end; None when it ends as a statement."""
    stop = _SENTENCE_END.search(low, end)
    at_start = bool(_SENTENCE_START.search(low[:start])) or start == 0
    if stop is not None and stop.group() == "?":
        return start, stop.end()
    if at_start:
        return start, stop.end() if stop else len(low)
    return None


def asked_about(text: str) -> Asked | None:
    """The question about the answer ``text`` asks, or None."""
    low, where = _normalized(text)
    for kind, patterns in _patterns().items():
        for pattern in patterns:
            if match := pattern.search(low):
                subject = match.groupdict().get("what") or ""
                share = _SHARE.search(low) if kind == "caching" else None
                cached = float(share.group(1).replace(",", ".")) / 100 if share else None
                cached = cached if cached and cached <= 1 else None
                start = match.start() + len(match.group(0)) - len(match.group(0).lstrip(" ¿¡-—–\"'«("))
                span = _clause(low, start, match.end())
                clause = (where[span[0]], where[span[1] - 1] + 1) if span and span[1] > span[0] else None
                return Asked(
                    kind=kind, subject=subject.strip(" ?!.,"), share=cached, quote=match.group(0), clause=clause
                )
    return None
