"""What-ifs asked in German, French, Spanish, Italian, Dutch, Portuguese or Polish ("und wenn sich das
Volumen verdoppelt?", "et si le volume doublait ?", "e se o volume dobrasse?"): whether a message
opens as one, and the factor it scales the volume by. The words are data (catalog/whatif_words.toml);
English has its own grammar in advisor.interview.whatif."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from advisor.interview.numbers import NUM, to_float

_OPENING = r"^\s*(?:¿\s*)?(?:(?:und|et|y|e|en|a|also|alors|entonces|allora|dus|então|więc|ok(?:ay)?|so)[,\s]+)?"


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    text = (resources.files("advisor.catalog") / "whatif_words.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=2)
def _cue(table: str = "cues") -> re.Pattern[str]:
    words = [w for words in _table()[table].values() for w in words]
    return re.compile(_OPENING + r"(?:" + "|".join(words) + r")(?![\w])")


@lru_cache(maxsize=1)
def _scales() -> list[tuple[float, re.Pattern[str]]]:
    out = []
    for entry in _table()["scale"]:
        words = [w for code, words in entry.items() if code != "factor" for w in words]
        out.append((float(entry["factor"]), re.compile(r"(?<![\w])(?:" + "|".join(words) + r")(?![\w])")))
    return out


@lru_cache(maxsize=1)
def _percent() -> tuple[re.Pattern[str], re.Pattern[str]]:
    table = _table()["percent"]
    number = rf"(?P<p>{NUM})\s*(?:%|prozent|pour\s?cent|por\s?ciento|per\s?cento|procent|por\s?cento)\s+"
    return (
        re.compile(number + r"(?:" + "|".join(table["more"]) + r")(?![\w])"),
        re.compile(number + r"(?:" + "|".join(table["less"]) + r")(?![\w])"),
    )


def opens_whatif(low: str) -> bool:
    """Whether the lower-cased message opens as a what-if in one of the other languages (a short
    opening, "und bei …", only in a question)."""
    return bool(_cue().search(low) or (low.rstrip().endswith("?") and _cue("short_cues").search(low)))


def scale_factor(low: str) -> tuple[float, tuple[int, int]] | None:
    """The factor a what-if (already told to be one by ``opens_whatif``) scales volume by, and where
    it says so; None when it names none."""
    for factor, pattern in _scales():
        if m := pattern.search(low):
            return factor, m.span()
    more, less = _percent()
    if m := more.search(low):
        return 1 + to_float(m["p"]) / 100, m.span()
    if m := less.search(low):
        return 1 - to_float(m["p"]) / 100, m.span()
    return None


@lru_cache(maxsize=1)
def _season() -> re.Pattern[str]:
    words = sorted({w for words in _table()["season"].values() for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")(?![\w])")


def season_said(text: str) -> str | None:
    """The words that make a what-if a busy time ("at Christmas", "en Navidad"), as typed; None when none."""
    m = _season().search(text.lower())
    return text[m.start() : m.end()] if m else None
