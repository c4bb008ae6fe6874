"""The reader's words, per language, from ``catalog/reading.toml`` (validated on load): token units
and their factors, periods, the people or sites a rate is per, the words for input and output, scale
and "about" words, and cue words. ``alternation`` turns a list of them into one regex alternative."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import cache
from importlib import resources
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

READING_FILE = "reading.toml"
LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl")
PERIODS = ("day", "week", "month", "quarter", "year", "hour", "weekday")
SCALES = {"thousand": 1e3, "lakh": 1e5, "million": 1e6, "crore": 1e7, "billion": 1e9}

ByLanguage = dict[str, list[str]]
M = TypeVar("M", bound=BaseModel)


def _check_languages(value: ByLanguage) -> ByLanguage:
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"unknown language {unknown[0]!r}; languages are {', '.join(LANGUAGES)}")
    for lang, phrases in value.items():
        for phrase in phrases:
            if phrase != phrase.lower() or not phrase.strip():
                raise ValueError(f"{lang}: {phrase!r} must be a non-empty lower-case phrase")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TokenUnit(_Strict):
    factor: float = Field(gt=0, le=10_000, description="tokens per one of it")
    basis: str = Field(min_length=1, description="the factor in words, said in the answer")
    source: str = Field(min_length=1)
    as_of: date
    words: ByLanguage

    _languages = field_validator("words")(_check_languages)


class Answers(_Strict):
    yes: list[str]
    no: list[str]
    none: list[str] = []  # "keine", "nessuno": nothing of what was asked (the questions offer it)
    unknown: list[str] = []  # "weiß nicht", "non so": the default, as the questions say
    ordinals: dict[str, list[str]] = {}  # "2" → "second", "zweite", "deuxième": an option named by its place


class Vocabulary(_Strict):
    token_units: dict[str, TokenUnit]
    periods: dict[str, ByLanguage]
    people: ByLanguage
    not_requests: ByLanguage
    directions: dict[str, ByLanguage]
    scales: dict[str, ByLanguage]
    scales_own_language_only: dict[str, list[str]]
    number_words: ByLanguage
    markers: ByLanguage
    approx: ByLanguage
    per_request: ByLanguage
    range_words: ByLanguage
    range_between: ByLanguage
    unit_amounts: dict[str, list[str]]
    cues: dict[str, ByLanguage]
    months: dict[str, ByLanguage] = {}  # "1" … "12": each month's names; its short forms only in a range ("sept-oct")
    answers: Answers
    filler: ByLanguage

    @field_validator(
        "people",
        "not_requests",
        "approx",
        "filler",
        "number_words",
        "markers",
        "per_request",
        "range_words",
        "range_between",
    )
    @classmethod
    def _languages(cls, value: ByLanguage) -> ByLanguage:
        return _check_languages(value)

    @field_validator("periods", "directions", "cues", "scales")
    @classmethod
    def _tables(cls, value: dict[str, ByLanguage]) -> dict[str, ByLanguage]:
        for table in value.values():
            _check_languages(table)
        return value

    @field_validator("periods")
    @classmethod
    def _known_periods(cls, value: dict[str, ByLanguage]) -> dict[str, ByLanguage]:
        unknown = sorted(set(value) - set(PERIODS))
        if unknown:
            raise ValueError(f"unknown period {unknown[0]!r}; periods are {', '.join(PERIODS)}")
        return value

    @field_validator("scales")
    @classmethod
    def _known_scales(cls, value: dict[str, ByLanguage]) -> dict[str, ByLanguage]:
        unknown = sorted(set(value) - set(SCALES))
        if unknown:
            raise ValueError(f"unknown scale {unknown[0]!r}; scales are {', '.join(SCALES)}")
        return value

    # ---- views ----------------------------------------------------------------------------
    def words(self, table: ByLanguage, languages: tuple[str, ...] = LANGUAGES) -> list[str]:
        """Every phrase of ``table`` in ``languages``, once each."""
        return list(dict.fromkeys(p for lang in languages for p in table.get(lang, [])))

    def cue(self, name: str) -> list[str]:
        return self.words(self.cues[name])

    @property
    def affirmations(self) -> list[str]:
        return self.answers.yes

    def unit_of(self, word: str) -> TokenUnit | None:
        """The token unit ``word`` names ("words", "Seiten", "chars"), or None."""
        w = word.lower()
        return next((u for u in self.token_units.values() if w in self.words(u.words)), None)

    def unit_words(self) -> list[str]:
        return [w for u in self.token_units.values() for w in self.words(u.words)]

    def language(self, text: str) -> str:
        """The language ``text`` is most likely in, by its common words ("en" when none stands out)."""
        words = re.findall(r"[^\W\d_]+", text.lower())
        if not words:
            return "en"
        counts = {lang: sum(w in set(markers) for w in words) for lang, markers in self.markers.items()}
        best = max(counts, key=lambda lang: counts[lang])
        return best if counts[best] >= 1 and counts[best] > counts.get("en", 0) else "en"


def alternation(phrases: list[str]) -> str:
    """One regex alternative matching any of ``phrases`` (longest first; a space matches any run of
    spaces). The phrases are data: every character is matched literally."""
    parts = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)


class VocabularyError(ValueError):
    """The reading vocabulary file does not validate: the file, the entry and the reason."""


def validated(text: str, model: type[M], name: str, error: type[ValueError]) -> M:
    """``text`` (catalog/``name``, TOML) as ``model``, or ``error`` naming the file, the entry and why."""
    try:
        return model.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise error(f"catalog/{name}: not TOML ({exc})") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise error(f"catalog/{name}: {where}: {err['msg']}") from None


def parse(text: str, name: str = READING_FILE) -> Vocabulary:
    return validated(text, Vocabulary, name, VocabularyError)


@cache
def vocab() -> Vocabulary:
    """The shipped vocabulary, read once."""
    return parse((resources.files("advisor.catalog") / READING_FILE).read_text(encoding="utf-8"))
