"""Which language a message is written in, from its short function words (catalog/languages.toml):
the one whose words it uses most, when it uses enough of them and clearly more than any other.
A short reply ("internal", "30 cents") decides nothing: the conversation keeps its language.
And which currency it gives amounts in (a sign or a word of the catalog's currencies beside a
number): the figures are shown in it."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, Field

LANGUAGES_FILE = "languages.toml"
MIN_WORDS = 2  # a message must use at least this many of a language's words to be said to be in it
MARGIN = 1.5  # … and this many times as many as the next language's
SWITCH_WORDS = 4  # to change the language a conversation is in, a message says more ("what if X?" does not)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


class Language(BaseModel):
    code: str = Field(pattern=r"^[a-z]{2}$")
    name: str  # as its speakers write it: Deutsch
    english: str  # as an English prompt names it: German
    answers: bool = False  # the advisor answers in it (its messages are translated)
    words: list[str]
    letters: str = ""  # letters only this language's text has ("ß", "ñ"): each counts as one word


@lru_cache(maxsize=1)
def languages() -> tuple[Language, ...]:
    text = (resources.files("advisor.catalog") / LANGUAGES_FILE).read_text(encoding="utf-8")
    return tuple(Language.model_validate(entry) for entry in tomllib.loads(text)["language"])


@lru_cache(maxsize=1)
def _word_sets() -> dict[str, frozenset[str]]:
    return {lang.code: frozenset(lang.words) for lang in languages()}


def scores(text: str) -> dict[str, int]:
    """How many of each language's words (and letters) ``text`` uses."""
    words = _WORD.findall(text.lower())
    out = {code: sum(1 for w in words if w in vocabulary) for code, vocabulary in _word_sets().items()}
    for lang in languages():
        out[lang.code] += sum(text.count(letter) for letter in lang.letters)
    return out


def detect(text: str, current: str | None = None) -> str | None:
    """The language ``text`` is written in, or None when it does not say clearly; a message in
    another language than ``current`` (the conversation's) must say it more clearly still."""
    ranked = sorted(scores(text).items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    least = SWITCH_WORDS if current is not None and best != current else MIN_WORDS
    if top < least or top < MARGIN * second:
        return None
    return best


def currency_in(text: str, catalog: Any) -> str | None:
    """The currency of the first amount ``text`` gives ("€2,000", "3.500 €", "£3,500", "500 euros"),
    as a catalog code; None when it gives none."""
    names: dict[str, str] = {}
    for code, currency in catalog.currencies.items():
        for alias in (code.lower(), *currency.aliases):
            names[alias] = code
    signs = "|".join(re.escape(a) for a in sorted(names, key=len, reverse=True))
    amount = r"\d[\d.,'’\u202f\u00a0 ]*(?:\s*(?:k|m|mio\.?|million|millionen|millones|mil|mille))?"
    pattern = rf"(?i)(?<![\w$€£])(?:({signs})\s?{amount}|{amount}\s?({signs}))(?![\w])"
    for match in re.finditer(pattern, text):
        sign = (match.group(1) or match.group(2) or "").lower()
        if sign in names:
            return names[sign]
    return None


def language_named(code: str) -> Language | None:
    return next((lang for lang in languages() if lang.code == code), None)


def answer_language(text: str, current: str | None = None) -> str | None:
    """The language to answer ``text`` in: its own when the advisor speaks it, English when it is
    another the advisor recognises, None when the message does not say (``current``: the
    conversation's language so far, which a short message does not change)."""
    code = detect(text, current)
    if code is None:
        return None
    spoken = {lang.code for lang in languages() if lang.answers}
    return code if code in spoken else "en"
