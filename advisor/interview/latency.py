"""How long an answer may take, when the text gives a figure: "under 3 seconds or they won't use it",
"binnen 15 min na publicatie is prima", "1-2 segundos no máximo", "dans l'heure ça suffit" →
``latency_seconds``. A figure is read only beside a word that bounds the wait ("under", "within",
"max", "up to") in a sentence about an answer or what is acceptable; a vague one ("a few seconds") is
offered back, never written. The wait for the first words ("the first words within 2 s", "streaming
should start within 500 ms") is ``first_token_seconds``, kept apart from the whole answer's wait
("… and the whole answer within 30 s" is ``latency_seconds``): a first-words cue belongs to the
figure it stands next to, with no other figure between. Words alone ("needs to feel instant",
"overnight is fine") are left open. The words are data (catalog/latency_words.toml)."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.interview.draft import Draft, normalise
from advisor.interview.lazy import lazy
from advisor.interview.vocab import alternation
from advisor.tools.quantity import duration_words

WORDS_FILE = "latency_words.toml"
ByLanguage = dict[str, list[str]]
_FEW_WORDS = 3  # an answer of a figure and at most this many other words is the figure
_BEFORE, _AFTER = 40, 20  # characters before and after a figure searched for the first words or a call


class Unit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    seconds: float = Field(gt=0)
    words: ByLanguage


class Amounts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    one: list[str]
    few: list[str]
    few_value: float = Field(gt=0)


class LatencyWords(BaseModel):
    """catalog/latency_words.toml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    units: dict[str, Unit]
    bound_before: ByLanguage
    bound_after: ByLanguage
    need: ByLanguage
    first_token: ByLanguage
    not_waits: ByLanguage
    amounts: Amounts


def _every(table: ByLanguage) -> list[str]:
    return [w for words in table.values() for w in words]


@lru_cache(maxsize=1)
def latency_words() -> LatencyWords:
    text = (resources.files("advisor.catalog") / WORDS_FILE).read_text(encoding="utf-8")
    return LatencyWords.model_validate(tomllib.loads(text))


_NUMBER = r"(?<![\w.,])(?P<a>\d+(?:\.\d+)?)(?:\s*(?:-|to|bis|à|a|o|tot)\s*(?P<b>\d+(?:\.\d+)?))?"


def _words(phrases: list[str]) -> str:
    """Whole phrases (a phrase ending in a sign, '<' or "l'", needs no word edge after it)."""
    return rf"(?<![\w-])(?:{alternation(phrases)})"


# A figure followed by a period is a rate or a schedule ("max 8 h a day"), not a wait.
_PERIOD_AFTER = re.compile(
    r"\s*(?:a|an|per|each|every|/)\s*(?:day|week|month|year|night|shift)\b|\s*(?:daily|weekly)\b"
)


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[Any], Any, Any, Any, dict[str, float]]:
    """The reader's patterns, each compiled cut to the text it is first searched in (lazy.py)."""
    w = latency_words()
    unit_of = {word: u.seconds for u in w.units.values() for word in _every(u.words)}
    unit = rf"(?P<unit>{alternation(list(unit_of))})(?![\w])"
    amount = rf"(?:(?P<few>{alternation(w.amounts.few)})\s+|(?P<one>{alternation(w.amounts.one)})(?:\s+|(?<=')))"
    figure = rf"(?:{_NUMBER}\s*|{amount})(?:of\s+)?{unit}"
    before = lazy(rf"{_words(_every(w.bound_before))}(?:\s+|(?<=[<=≤']))~?\s*{figure}")
    after = lazy(rf"(?<![\w-]){figure}\s*(?:{_words(_every(w.bound_after))})(?![\w])")
    sub = lazy(rf"(?<![\w-])sub[- ]{unit}")  # "sub-second": under one
    need = lazy(rf"{_words(_every(w.need))}(?![\w])")
    aside = lazy(rf"{_words(_every(w.not_waits))}(?![\w])")
    first = lazy(rf"{_words(_every(w.first_token))}(?![\w])")
    alone = lazy(rf"(?<![\w-]){figure}")  # "30 s." answering the question
    return [before, after, sub, alone], need, aside, first, unit_of


def _seconds(m: re.Match[str], unit_of: dict[str, float]) -> tuple[float, bool]:
    """The seconds a match states, and whether the amount was vague ('a few')."""
    per = unit_of[re.sub(r"\s+", " ", m["unit"])]
    if m.groupdict().get("a"):
        lo = float(m["a"])
        hi = float(m["b"]) if m["b"] else lo
        return (lo + hi) / 2 * per, False
    if m.groupdict().get("few"):
        return latency_words().amounts.few_value * per, True
    return per, False  # "a minute", "l'heure", "sub-second"


def _first_words(first: re.Pattern[str], typed: str, m: re.Match[str], clause: tuple[int, int]) -> bool:
    """Whether a first-words cue ("first words", "streaming") stands next to the figure ``m``: just
    before or after it in its clause, with no other figure between."""
    c0, c1 = clause
    cues = list(first.finditer(typed, max(c0, m.start() - _BEFORE), m.start()))
    if cues and not re.search(r"\d", typed[cues[-1].end() : m.start()]):
        return True
    cue = first.search(typed, m.end(), min(c1, m.end() + _AFTER))
    return cue is not None and not re.search(r"\d", typed[m.end() : cue.start()])


def read_latency(d: Draft) -> None:
    """Claim ``latency_seconds`` for each bounded wait the text states (the arbiter asks between two),
    and ``first_token_seconds`` for a bounded wait for the first words."""
    if "latency_seconds" in d.changes:
        return
    patterns, need, aside, first, unit_of = _patterns()
    answer = d.asked == "latency_seconds"
    found: list[tuple[re.Match[str], bool]] = []
    typed = normalise(d.original)  # cue words as typed ('resumen' is not an answer, though read as one)
    before, after, sub, alone = patterns
    # "30 s." answering the question: a figure alone, the whole answer
    bare = answer and len(re.findall(r"\w+", alone.sub(" ", d.text))) <= _FEW_WORDS
    for rx in (before, after, sub, *([alone] if bare else [])):
        for m in rx.finditer(d.text):
            taken = any(m.start() < f.end() and f.start() < m.end() for f, _ in found)
            if taken or _PERIOD_AFTER.match(d.text, m.end()):
                continue
            c0, c1 = d.clause(m.start())
            opening = _first_words(first, typed, m, (c0, c1))
            if rx is not after and not answer and not opening and not need.search(typed, c0, c1):
                continue  # "calls under 5 minutes": no word of an answer or of what is acceptable
            if aside.search(typed, max(c0, m.start() - _BEFORE), min(c1, m.end() + _AFTER)):
                continue  # a call's length: not the wait for an answer
            found.append((m, opening))
    for m, opening in sorted(found, key=lambda x: x[0].start()):
        seconds, vague = _seconds(m, unit_of)
        span = (m.start(), m.end())
        quote = d.quote(*span)
        field = "first_token_seconds" if opening else "latency_seconds"
        label = f"{'the first words' if opening else 'answers'} within {duration_words(seconds)}"
        d.set(
            field,
            seconds,
            f"read '{quote}' as {label}",
            span,
            label=label,
            kind="answer" if answer else "read",
            strength="weak" if vague else "strong",
            why_weak=f"I took '{quote}' as {duration_words(seconds)}" if vague else "",
        )
