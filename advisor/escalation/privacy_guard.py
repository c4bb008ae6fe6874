"""The second check on the user's own words, when they asked for them to go to Claude for one
message (advisor.escalation.consent): does the text name sensitive data?

It is not what keeps words home — Claude is sent typed values only (advisor.escalation.payload),
and words only with consent; no list of words can recognise every way of writing a patient's name.
It catches the obvious on the way out: a mention is enough, negated or in doubt ("not anonymised
patient records", "not sure if HIPAA applies"), in any language it knows. A false alarm costs a
rephrasing; a miss is what the consent screen, which shows the exact text, is for.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import NamedTuple


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, list[str]]:
    """The words the guard looks for: data, in catalog/sensitive_words.toml."""
    return tomllib.loads((resources.files("advisor.catalog") / "sensitive_words.toml").read_text(encoding="utf-8"))


# Shapes of personal data, whatever the words around them (matched on the normalised text).
_SHAPES = (
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # an e-mail address
    r"[\w.+-]+\s*[\[({]\s*at\s*[\])}]\s*[\w-]+",  # one written "name [at] host"
    r"(?<![\d.,])\d{3}[- ]\d{2}[- ]\d{4}(?![\d.,])",  # a US social security number, dashes or spaces
    r"(?<![\d.,])\d{9}(?![\d.,])(?!\s*(?:tokens?|requests?|calls?|messages?|words?|characters?|pages?|"
    r"documents?|docs?|rows?|records?|a |an |per |/|k\b|m\b))",  # nine bare digits: an SSN, a BSN, an ID
    r"(?<![\d,.])(?:\d[ .-]?){12,18}\d(?![\d,.])",  # a payment card number: spaces, dashes or dots
    r"(?i)\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){3,7}(?: ?[a-z0-9]{1,3})?\b",  # an IBAN, any case
    r"(?<![\w+])\+\d{1,3}[ .-]?(?:\(?\d{1,5}\)?[ .-]?){2,5}\d{2,5}(?!\d)",  # a phone number, +CC …
    r"(?<!\d)\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?!\d)",  # a North American phone number
)
_DOUBT = r"\b(?:don't|dont|do not|doesn't|does not|not|never)\s+(?:\w+\s+)?(?:know|sure|certain)\b"
# Cyrillic and Greek letters that look like Latin ones ("pаtient" with a Cyrillic а).
_LOOK_ALIKES = str.maketrans(
    "аеорсухіјѕԁԛԝАВЕКМНОРСТУХІЈЅαοτνκΑΒΕΗΙΚΜΝΟΡΤΥΧ", "aeopcyxijsdqwABEKMHOPCTYXIJSaotvkABEHIKMNOPTYX"
)


class _Patterns(NamedTuple):
    shapes: list[re.Pattern[str]]
    words: list[re.Pattern[str]]  # on the lower-cased text: stems, whole words, doubt
    dotted: re.Pattern[str]
    spaced: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """Compiled here, on first use, from the advisor's own text — never loaded from a cache file:
    nothing on disk can change what the guard finds."""
    v = _vocabulary()
    stems = "|".join(re.escape(s) for s in sorted(v["stems"] + v["doubt"], key=len, reverse=True))
    words = r"(?<![\w])(?:" + "|".join(map(re.escape, v["words"])) + r")(?![\w])"
    return _Patterns(
        shapes=[re.compile(shape) for shape in _SHAPES],
        words=[re.compile(stems), re.compile(words), re.compile(_DOUBT)],
        dotted=re.compile(r"\b(?:\w\.){2,}"),  # "H.I.P.A.A." → "HIPAA", "P.H.I." → "PHI"
        spaced=re.compile(r"(?<!\w)(?:\w ){3,}\w(?!\w)"),  # "p a t i e n t" → "patient"
    )


def _normal(text: str) -> str:
    """The text as it reads: full-width letters plain (NFKC), invisible characters (zero-width
    spaces, soft hyphens: Unicode format characters) dropped, look-alike letters Latin, letters
    spaced out or dotted closed up."""
    p = _patterns()
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").translate(_LOOK_ALIKES).replace("’", "'")
    text = p.spaced.sub(lambda m: m.group(0).replace(" ", ""), text)
    return p.dotted.sub(lambda m: m.group(0).replace(".", "") + " ", text)


def sensitive_mentions(text: str) -> list[str]:
    """Every sensitive word, doubt or personal-data shape in ``text`` (empty: nothing found)."""
    p = _patterns()
    normal = _normal(text)
    shaped = [m.group(0) for rx in p.shapes for m in rx.finditer(normal)]
    low = normal.lower()
    return shaped + [m.group(0) for rx in p.words for m in rx.finditer(low)]
