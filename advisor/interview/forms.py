"""Number forms → one canonical form before the grammar runs, keeping every span where it was:
"5.000", "5 000", "5'000", "1,5k", "1,2 Mio.", "five thousand", "zwei tausend", and vague counts
("a few thousand", offered back to confirm). Each rewrite is written over the same characters (padded
with spaces), so a quote of the original text still lines up."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from advisor.interview.lazy import lazy
from advisor.interview.numbers import human

# ---- digit forms ----------------------------------------------------------------------------
_APOSTROPHE = lazy(r"(?<![\d.,'])\d{1,3}(?:'\d{3})+(?![\d'])")
_SPACED = lazy(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d.,]| \d)")
_EU_MIXED = lazy(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d+(?![\d.,])")
_DOTTED = lazy(r"(?<![\d.,])(?P<cur>[$£]\s*)?(?P<n>[1-9]\d{0,2}(?:\.\d{3})+)(?![\d.,]|\s*(?:[kmb]|bn|mm)\b)")
_DECIMAL_COMMA = lazy(r"(?<![\d.,])\d+,\d{1,2}(?![\d,])(?!\s*(?:and|or|&)?\s*\d)")
_FOREIGN_SCALE = lazy(
    r"(?<=\d)(?P<sp>\s*)(?P<w>mio\.?|millionen|millions|millones|mill\.|mrd\.?|milliarden|tsd\.?|tausend)(?![a-z])"
)
_FOREIGN_SCALE_VALUE = {"mio": "m", "millionen": "m", "millions": "m", "millones": "m", "mill": "m"}
_FOREIGN_SCALE_VALUE |= {"mrd": "b", "milliarden": "b", "tsd": "k", "tausend": "k"}

# Periods in the other languages people mix in ("pro Tag", "par jour", "al día") → English of no
# greater length.
_FOREIGN_PERIOD = {
    r"(?:pro|je)\s+tag|am\s+tag|jeden\s+tag|täglich|par\s+jour|chaque\s+jour|por\s+d[ií]a|al\s+d[ií]a|cada\s+d[ií]a"
    r"|diari[oa]s?": "a day",
    r"(?:pro|je)\s+woche|die\s+woche|in\s+der\s+woche|jede\s+woche|par\s+semaine|chaque\s+semaine|por\s+semana"
    r"|a\s+la\s+semana|cada\s+semana|wöchentlich|semanales?|hebdomadaires?": "a week",
    r"(?:pro|je)\s+monat|im\s+monat|jeden\s+monat|den\s+monat|par\s+mois|chaque\s+mois|por\s+mes|al\s+mes"
    r"|cada\s+mes|monatlich|mensual(?:es)?|mensuels?": "a month",
    r"(?:pro|je)\s+jahr|im\s+jahr|par\s+an|por\s+año|al\s+año|jährlich": "a year",
    r"(?:pro|je)\s+stunde|die\s+stunde|in\s+der\s+stunde|stündlich|par\s+heure|à\s+l'heure|por\s+hora"
    r"|a\s+la\s+hora|cada\s+hora": "an hour",
}


def _alternation(table: dict[str, str]) -> Any:
    """One pattern for a table of foreign words: each entry its own group (``w0``, ``w1``, …)."""
    return lazy("(?<![\\w-])(?:" + "|".join(f"(?P<w{i}>{k})" for i, k in enumerate(table)) + ")(?![\\w-])")


_FOREIGN_PERIOD_RE = _alternation(_FOREIGN_PERIOD)

# Token words in German → the English the token reader knows, of no greater length. "rein"/"raus"
# are "in"/"out" only right after a count or "Token" ("500 raus"; "rein in costs" stays English).
_FOREIGN_TOKEN = {
    r"kontext": "context",
    r"eingaben?": "input",
    r"ausgaben?": "output",
    r"antworten": "answers",
    r"antwort": "answer",
    r"zusammenfassungen": "summaries",
    r"zusammenfassung": "summary",
    r"rein": "in",
    r"raus": "out",
    r"(?:ca\.|circa|etwa|ungefähr|rund)(?=\s*\d)": "~",
    # Spanish and French: "8.000 tokens de entrada y 1.500 de salida", "2 000 jetons en entrée et 300 en sortie".
    r"de\s+entrada|d'entrée|en\s+entrée|de\s+prompt": "input",
    r"de\s+salida|de\s+sortie|en\s+sortie|de\s+respuestas?|de\s+réponses?": "output",
    r"de\s+contexto|de\s+contexte": "context",
    r"contexto\s+de|contexte\s+de": "context of",
    r"respuestas\s+de|réponses\s+de": "answers of",
    r"respuesta\s+de|réponse\s+de": "answer of",
    r"prompts?\s+de": "prompt of",
    r"entrada|entrée": "input",
    r"salida|sortie": "output",
    r"contexto|contexte": "context",
    r"respuestas|réponses": "answers",
    r"respuesta|réponse": "answer",
    r"jetons": "tokens",
    r"jeton": "token",
    r"cada\s+un[oa]\s+con|cada\s+un[oa]|chacune?|jeweils": "each",
    r"por\s+(?:consulta|petici[oó]n|solicitud|pregunta)|par\s+(?:requête|demande|question)": "per request",
    r"par\s+appel|por\s+llamada": "per call",
    r"(?:environ|unos|unas|aproximadamente|alrededor\s+de|cerca\s+de)(?=\s*\d)": "~",
}
_FOREIGN_TOKEN_RE = _alternation(_FOREIGN_TOKEN)
_AFTER_A_COUNT = lazy(r"(?:\d[kmb]?|\btok(?:en)?s?)\s*$")
_FOREIGN_TOKEN_CUES = ("kontext", "eingabe", "ausgabe", "antwort", "zusammenfassung", "rein", "raus", "ca.", "circa")
_FOREIGN_TOKEN_CUES += ("etwa", "ungefähr", "rund", "entrada", "entrée", "salida", "sortie", "jeton", "context")
_FOREIGN_TOKEN_CUES += ("respuesta", "réponse", "prompt", "cada un", "chacun", "jeweils", "por ", "par ", "environ")
_FOREIGN_TOKEN_CUES += ("unos", "unas", "aproximadamente", "alrededor", "cerca")

# ---- English number words -------------------------------------------------------------------
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
_UNITS += " seventeen eighteen nineteen"
UNIT_VALUE = {w: i for i, w in enumerate(_UNITS.split())}
TENS_VALUE = {
    w: 10 * (i + 2)
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
SCALE_VALUE = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_WORD = "|".join(sorted([*UNIT_VALUE, *TENS_VALUE, *SCALE_VALUE, "dozen"], key=len, reverse=True))
_NUMBER_WORD = lazy(rf"\b(?:{_WORD})\b")
_RUN = lazy(
    rf"(?<![\w-])(?:(?:an?|one)\s+and\s+a\s+half\s+|half\s+an?\s+|an?\s+)?(?:{_WORD})"
    rf"(?:(?:\s+and\s+a\s+half\s+|(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+|\s*-\s*|\s+)(?:{_WORD}))*(?![\w-])"
)
_LONE_ONE_SKIP = lazy(r"(?:no|any|every|each|which|the|this|that|last|only)\s+$")

# ---- vague counts ---------------------------------------------------------------------------
_VAGUE = lazy(
    r"(?<![\w-])(?P<q>a\s+few|a\s+couple(?:\s+of)?|couple\s+of|several|some|a\s+handful\s+of|many|a\s+number\s+of)\s+"
    r"(?P<s>dozens?|hundreds?|thousands?|millions?)(?![\w-])(?:\s+of)?"
    r"|(?<![\w\s]\s)(?<![\w-])(?P<bare>hundreds|thousands|dozens)(?![\w-])(?:\s+of)?"
)
_VAGUE_COUNT = {"a few": 3, "a couple": 2, "a couple of": 2, "couple of": 2, "several": 5, "some": 3}
_VAGUE_COUNT |= {"a handful of": 5, "many": 5, "a number of": 5}
_VAGUE_SCALE = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6}

# Number words in other languages the advisor reads: text2num does those (imported only when seen).
_FOREIGN_WORDS = {
    "de": r"zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwanzig|dreißig|vierzig|fünfzig|hundert|tausend",
    "fr": r"deux|trois|quatre|cinq|sept|huit|neuf|vingt|trente|quarante|cinquante|cent|cents|mille",
    "es": r"dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|veinte|treinta|cuarenta|cincuenta|cien|mil",
}
_FOREIGN_RE = {lang: lazy(rf"(?<![\w-])(?:{words})(?![\w-])") for lang, words in _FOREIGN_WORDS.items()}
_FOREIGN_CUE = {
    "de": lazy(r"\b(?:pro|am|im|und|wir|je)\b"),
    "fr": lazy(r"\b(?:par|nous|et|les|des)\b"),
    "es": lazy(r"\b(?:por|al|de|los|las|y)\b"),
}


@dataclass
class Forms:
    text: str
    notes: list[str] = field(default_factory=list)
    offers: list[tuple[int, int, float]] = field(default_factory=list)  # vague counts: span and value taken
    rewritten: list[tuple[int, int]] = field(default_factory=list)  # spans written over (quotes widen to them)
    noted: list[tuple[int, int, str]] = field(default_factory=list)  # the span each note is about


def _rewrite(f: Forms, start: int, end: int, new: str) -> None:
    """Write ``new`` over [start, end) of ``f.text`` and remember the span: a reading that ends
    inside it ("… a day" where the user wrote "pro Tag") quotes the whole of what was typed there."""
    f.text = _write(f.text, start, end, new)
    f.rewritten.append((start, end))


def _note(f: Forms, start: int, end: int, note: str) -> None:
    f.notes.append(note)
    f.noted.append((start, end, note))


def _write(text: str, start: int, end: int, new: str) -> str:
    """``text`` with [start, end) replaced by ``new`` padded to the same length (``new`` must fit)."""
    return text[:start] + new.ljust(end - start) + text[end:]


def _fits(new: str, start: int, end: int) -> bool:
    return len(new) <= end - start


def canonical(text: str) -> Forms:
    """``text`` (already lower-cased) with its numbers in one form; notes for forms read aloud."""
    f = Forms(text)
    _digit_forms(f)
    _foreign_words(f)
    _foreign_periods(f)
    _foreign_token_words(f)
    _vague(f)
    _english_words(f)
    _between(f)
    return f


def _digit_forms(f: Forms) -> None:
    for rx in (_APOSTROPHE, _SPACED):
        for m in rx.finditer(f.text):
            _rewrite(f, m.start(), m.end(), re.sub(r"[' ]", "", m.group(0)))
    for m in _EU_MIXED.finditer(f.text):
        _rewrite(f, m.start(), m.end(), m.group(0).replace(".", "").replace(",", "."))
    for m in _DOTTED.finditer(f.text):
        if m["cur"]:
            continue  # "$1.500" or "£1.500": a dollar or pound amount with cents
        digits = m["n"].replace(".", "")
        _rewrite(f, m.start("n"), m.end("n"), digits)
        note = f"read '{m['n']}' as {int(digits):,} (a dot between thousands, not a decimal point)"
        _note(f, m.start("n"), m.end("n"), note)
    for m in _DECIMAL_COMMA.finditer(f.text):
        _rewrite(f, m.start(), m.end(), m.group(0).replace(",", "."))
        _note(f, m.start(), m.end(), f"read '{m.group(0)}' as {m.group(0).replace(',', '.')} (a decimal comma)")
    for m in _FOREIGN_SCALE.finditer(f.text):
        key = m["w"].rstrip(".")
        _rewrite(f, m.start(), m.end(), _FOREIGN_SCALE_VALUE[key])


_BETWEEN = lazy(r"\bbetween\s+(?P<a>\d[\d.,]*\s*[kmb]?)\s+and\s+(?P<b>\d[\d.,]*)(?![\d.,])")


def _between(f: Forms) -> None:
    """ "between 400 and 600" → "400-600", a range like any other."""
    for m in _BETWEEN.finditer(f.text):
        _rewrite(f, m.start(), m.end(), f"{m['a'].strip()}-{m['b']}")


def _translate(f: Forms, rx: Any, table: dict[str, str], only_after_count: tuple[str, ...] = ()) -> None:
    """Each match of a table's ``_alternation`` written over with its English, where it fits (a period
    in its short form where only that fits: "al mes" → "/mo"); the words in ``only_after_count`` only
    right after a count or "Token"."""
    english_of = list(table.values())
    for m in rx.finditer(f.text):
        if not m.lastgroup:
            continue
        english = english_of[int(m.lastgroup[1:])]
        if m.group(0) in only_after_count and not _AFTER_A_COUNT.search(f.text, max(0, m.start() - 12), m.start()):
            continue
        english = english if _fits(english, m.start(), m.end()) else _SHORT.get(english, english)
        if _fits(english, m.start(), m.end()):
            _rewrite(f, m.start(), m.end(), english)


_SHORT = {"a day": "/d", "a week": "/wk", "a month": "/mo", "a year": "/yr", "an hour": "/h"}  # "al mes" → "/mo"


def _foreign_periods(f: Forms) -> None:
    _translate(f, _FOREIGN_PERIOD_RE, _FOREIGN_PERIOD)


def _foreign_token_words(f: Forms) -> None:
    if not any(cue in f.text for cue in _FOREIGN_TOKEN_CUES):
        return
    _translate(f, _FOREIGN_TOKEN_RE, _FOREIGN_TOKEN, only_after_count=("rein", "raus"))


def _vague(f: Forms) -> None:
    for m in _VAGUE.finditer(f.text):
        if m["bare"]:
            count, scale = 3.0, _VAGUE_SCALE[m["bare"].rstrip("s")]
        else:
            count = float(_VAGUE_COUNT[re.sub(r"\s+", " ", m["q"])])
            scale = _VAGUE_SCALE[m["s"].rstrip("s")]
        value = count * scale
        new = _compact(value)
        if _fits(new, m.start(), m.end()):
            _rewrite(f, m.start(), m.end(), new)
            f.offers.append((m.start(), m.end(), value))


def _compact(value: float) -> str:
    """``3000`` → ``3k``, ``2500000`` → ``2.5m``, ``350`` → ``350``: digits that fit where words were."""
    for scale, suffix in ((10**9, "b"), (10**6, "m"), (10**3, "k")):
        if value >= scale and (value / scale) * 1000 == int(value / scale * 1000):
            return f"{value / scale:g}{suffix}"
    return f"{value:g}"


def word_number(words: str) -> float | None:
    """The value of an English number-word run ("two thousand five hundred", "a dozen",
    "one and a half thousand", "half a million"); None when it is not one."""
    w = re.sub(r"\s*-\s*", " ", words.strip())
    half = False
    if m := re.match(r"(?:an?|one)\s+and\s+a\s+half\s+", w):
        w, half = w[m.end() :], True
    elif m := re.match(r"half\s+an?\s+", w):
        w = w[m.end() :]
        scale = SCALE_VALUE.get(w)
        return 0.5 * scale if scale else None
    w = re.sub(r"^an?\s+", "one ", w)
    w = re.sub(r"\s+and\s+a\s+half\b", " _half", w)
    total, current, seen = 0.0, 0.0, False
    for token in w.split():
        if token == "and":
            continue
        if token == "_half":
            current += 0.5
        elif token in UNIT_VALUE:
            current += UNIT_VALUE[token]
        elif token in TENS_VALUE:
            current += TENS_VALUE[token]
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in SCALE_VALUE:
            total += (current or 1) * SCALE_VALUE[token]
            current = 0.0
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    return value * 1.5 if half else value


_COUPLE = lazy(r"(?<![\w-])an?\s+(?:couple|pair)(?:\s+of)?(?=\s+(?!(?:dozen|hundred|thousand|million)s?\b)[a-z\d])")


def _english_words(f: Forms) -> None:
    for m in _COUPLE.finditer(f.text):  # "a couple of 3090s": two
        _rewrite(f, m.start(), m.end(), "2")
    if not _NUMBER_WORD.search(f.text):
        return
    for m in _RUN.finditer(f.text):
        phrase = m.group(0)
        if phrase == "zero" or phrase.split()[0] in SCALE_VALUE or phrase.startswith("dozen"):
            continue  # "zero PII" is a negation; "1.2 million" has its number already
        if phrase == "one" and (
            _LONE_ONE_SKIP.search(f.text[max(0, m.start() - 8) : m.start()]) or re.match(r"\s+of\b", f.text[m.end() :])
        ):
            continue
        if re.match(r"an?\s", phrase) and not re.match(
            r"an?\s+(?:hundred|thousand|million|billion|trillion|dozen)", phrase
        ):
            continue
        value = word_number(phrase)
        if value is None:
            continue
        last = phrase.split()[-1]
        if last in ("thousand", "million", "billion") and len(phrase.split()) == 2 and value < 10**12:
            new = f"{value / SCALE_VALUE[last]:g} {last}"  # "fifteen thousand": the scale stays, for ranges
        else:
            new = _compact(value) if value >= 10**4 else f"{value:g}"
        if _fits(new, m.start(), m.end()):
            _rewrite(f, m.start(), m.end(), new)


def _foreign_words(f: Forms) -> None:
    for lang, rx in _FOREIGN_RE.items():
        if not (rx.search(f.text) and _FOREIGN_CUE[lang].search(f.text)):
            continue
        from text_to_num import alpha2digit  # ~10 ms: only when the text has such words

        for m in re.finditer(rf"(?:(?:{_FOREIGN_WORDS[lang]})(?:[\s-]+|$))+", f.text):
            phrase = m.group(0).rstrip(" -")
            converted = alpha2digit(phrase, lang, threshold=0)
            if re.fullmatch(r"\d+", converted) and _fits(converted, m.start(), m.start() + len(phrase)):
                _rewrite(f, m.start(), m.start() + len(phrase), converted)


def offered(value: float, quote: str) -> str:
    return f"'{quote}': I took it as {human(value)} — is that about right? Give me the figure if you know it."
