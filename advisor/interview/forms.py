"""Number forms → one canonical form before the grammar runs, keeping every span where it was:
"5.000", "5 000", "5'000", "1,5k", "1,2 Mio.", "five thousand", "zwei tausend", and vague counts
("a few thousand", offered back to confirm). Each rewrite is written over the same characters (padded
with spaces), so a quote of the original text still lines up."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from advisor.interview.lazy import lazy, of_phrases
from advisor.interview.numbers import human
from advisor.interview.vocab import LANGUAGES, SCALES, alternation, vocab

# ---- digit forms ----------------------------------------------------------------------------
_APOSTROPHE = lazy(r"(?<![\d.,'])\d{1,3}(?:'\d{3})+(?![\d'])")
_SPACED = lazy(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d.,]| \d)")
_EU_MIXED = lazy(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d+(?![\d.,])")
_DOTTED = lazy(r"(?<![\d.,])(?P<cur>[$£]\s*)?(?P<n>[1-9]\d{0,2}(?:\.\d{3})+)(?![\d.,]|\s*(?:[kmb]|bn|mm)\b)")
_DECIMAL_COMMA = lazy(r"(?<![\d.,])\d+,\d{1,2}(?![\d,])(?!\s*(?:and|or|&)?\s*\d)")
# Periods, the words for input and output, "about" and "per request" in the other languages are
# written over in English of no greater length (catalog/reading.toml): the grammar reads English.
_PERIOD_ENGLISH = {
    "day": "a day",
    "week": "a week",
    "month": "a month",
    "quarter": "per quarter",  # not "a quarter": that is a share (quality.py)
    "year": "a year",
    "hour": "an hour",
    "weekday": "a weekday",
}
_SHORT = {"a day": "/d", "a week": "/wk", "a month": "/mo", "a year": "/yr", "an hour": "/h", "input": "in"}
_SHORT |= {"output": "out", "per quarter": "/qtr"}  # "al mes" → "/mo", "rein" → "in"
# "rein"/"raus" are "in"/"out" only right after a count or "Token" ("500 raus"; "rein in costs" stays English).
_ONLY_AFTER_A_COUNT = ("rein", "raus")
_AFTER_A_COUNT = lazy(r"(?:\d[kmb]?|\btok(?:en)?s?)\s*$")


@cache
def _foreign_table() -> tuple[Any, list[str]]:
    """One pattern for every foreign phrase the reader writes over, and the English of each group."""
    v = vocab()
    others = tuple(lang for lang in LANGUAGES if lang != "en")
    # The weekday first: "por dia útil" is a weekday before "por dia" is a day.
    ordered = sorted(v.periods, key=lambda p: p != "weekday")
    table: list[tuple[list[str], str]] = [(v.words(v.periods[p], others), _PERIOD_ENGLISH[p]) for p in ordered]
    table += [(v.words(v.periods["weekday"], ("en",)), "a weekday")]
    table += [
        (v.words(v.directions["in"], others), "input"),
        (v.words(v.directions["out"], others), "output"),
        (v.words(v.directions["answer_nouns"], others), "answer"),
        (v.words(v.per_request, others), "per request"),
        (v.words({k: w for k, w in v.cues["each"].items() if k != "en"}, others), "each"),
        (v.words({k: w for k, w in v.cues["shift"].items() if k != "en"}, others), "shift"),
        (["jetons", "jeton", "token"], "tokens"),
    ]
    approx = v.words(v.approx, others)
    table = [(words, e) for words, e in table if words]
    groups = [f"(?P<w{i}>{_bounded(words)})" for i, (words, _) in enumerate(table)]
    english = [e for _, e in table]
    groups.append(f"(?P<w{len(english)}>(?:{_bounded(approx)})(?=\\s*\\d))")
    english.append("~")
    phrases = [w for words, _ in table for w in words] + approx
    return of_phrases("(?:" + "|".join(groups) + ")(?![\\w-])", phrases), english


def _bounded(phrases: list[str]) -> str:
    """An alternative of ``phrases``, each starting a word ("pro tag", not inside "repro tag"); one
    written with a slash ("/jour") may follow a word ("dossiers/jour")."""
    words = [p for p in phrases if not p.startswith("/")]
    slashed = [p for p in phrases if p.startswith("/")]
    parts = [f"(?<![\\w-])(?:{alternation(words)})"] if words else []
    parts += [f"(?:{alternation(slashed)})"] if slashed else []
    return "|".join(parts)


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
# "one" as a pronoun, not a count: "which one", "the new one in soft launch", "our old one".
_LONE_ONE_SKIP = lazy(
    r"(?:no|any|every|each|which|the|this|that|last|only|another|other|next|same"
    r"|(?:the|this|that|a|an|our|my|your|their)\s+[a-z]+)\s+$"
)

# ---- vague counts ---------------------------------------------------------------------------
_VAGUE = lazy(
    r"(?<![\w-])(?P<q>a\s+few|a\s+couple(?:\s+of)?|couple\s+of|several|some|a\s+handful\s+of|many|a\s+number\s+of)\s+"
    r"(?P<s>dozens?|hundreds?|thousands?|millions?)(?![\w-])(?:\s+of)?"
    r"|(?<![\w\s]\s)(?<![\w-])(?P<bare>hundreds|thousands|dozens)(?![\w-])(?:\s+of)?"
)
_VAGUE_COUNT = {"a few": 3, "a couple": 2, "a couple of": 2, "couple of": 2, "several": 5, "some": 3}
_VAGUE_COUNT |= {"a handful of": 5, "many": 5, "a number of": 5}
_VAGUE_SCALE = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6}


@dataclass
class Forms:
    text: str
    lang: str = "en"  # the language the text is most likely in (vocab.language)
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
    f = Forms(text, vocab().language(text))
    _digit_forms(f)
    _foreign_words(f)
    _scales(f)
    _foreign_phrases(f)
    _vague(f)
    _unit_amounts(f)
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


@cache
def _scale_pattern(lang: str) -> Any:
    """A number then one of ``lang``'s scale words (and English's): "1.2 mio", "3.5 lakh", "45 mil"."""
    v = vocab()
    own_only = set(v.scales_own_language_only["words"])
    groups = []
    for i, name in enumerate(SCALES):
        table = v.scales.get(name, {})
        words = v.words(table, (lang,))  # the text's own, then any other that cannot be something else
        words += [w for w in v.words(table) if w not in own_only and w not in words]
        if words:
            groups.append(f"(?P<s{i}>{alternation(words)})")
    return lazy(rf"(?<![\w.,])(?P<n>\d+(?:\.\d+)?)\s*(?:{'|'.join(groups)})(?![\w])")


def _scales(f: Forms) -> None:
    """A number with a scale word written as the whole number ("45 mil" → "45k", "3.5 lakh" → "350k"),
    in the text's language: "mil" is a thousand in Spanish or Portuguese, not read in English."""
    names = list(SCALES)
    for m in _scale_pattern(f.lang).finditer(f.text):
        group = next(k for k, v in m.groupdict().items() if v and k != "n")
        value = float(m["n"]) * SCALES[names[int(group[1:])]]
        new = _compact(value)
        if _fits(new, m.start(), m.end()):
            _rewrite(f, m.start(), m.end(), new)


@cache
def _between_pattern() -> Any:
    pairs = [p.split() for p in vocab().words(vocab().range_between) if len(p.split()) == 2]
    alternatives = "|".join(
        rf"{re.escape(a)}\s+(?P<a{i}>\d[\d.,]*\s*[kmb]?)\s+{re.escape(b)}" for i, (a, b) in enumerate(pairs)
    )
    return lazy(rf"(?<![\w-])(?:{alternatives})\s+(?P<b>\d[\d.,]*)(?![\d.,])")


def _between(f: Forms) -> None:
    """ "between 400 and 600", "entre 5 000 et 7 000" → "400-600", a range like any other; so are "2 bis 5
    Seiten", "de 80 à 300 pages", "1 o 2 páginas" (the words joining a range, per language:
    catalog/reading.toml)."""
    for m in _between_pattern().finditer(f.text):
        first = next(v for k, v in m.groupdict().items() if k != "b" and v)
        _rewrite(f, m.start(), m.end(), f"{first.strip()}-{m['b']}")
    for m in _range_pattern(f.lang).finditer(f.text):
        new = f"{m['a']}-{m['b']}"
        if _fits(new, m.start(), m.end()):
            _rewrite(f, m.start(), m.end(), new)


@cache
def _range_pattern(lang: str) -> Any:
    v = vocab()
    words = v.words(v.range_words, (lang, "en")) + [w for w in v.words(v.range_words) if w not in ("a", "o", "of")]
    joins = alternation([w for w in words if w != "to"])  # "to": numbers.qty_range reads it already
    return lazy(
        rf"(?<![\w.,-])(?P<a>\d+(?:\.\d+)?)\s+(?:{joins})\s+(?P<b>\d+(?:\.\d+)?)(?![\d.,-])"
        rf"(?=\s*(?:[a-zà-ÿ'’]+|%|\$|€|£))"
    )


@cache
def _amount_pattern() -> Any:
    v = vocab()
    pages = alternation(v.words(v.token_units["page"].words))
    half, one = alternation(v.unit_amounts["half"]), alternation(v.unit_amounts["one"])
    return lazy(rf"(?<![\w-])(?:(?P<half>{half})|(?P<one>{one}))[\s-]*(?P<unit>{pages})(?![\w'])(?P<or>\s+or\s+two)?")


def _unit_amounts(f: Forms) -> None:
    """ "half a page" → "0.5 page", "eine Seite" → "1 Seite", "a page or two" → "1-2 page": a size in
    pages with its number written out."""
    for m in _amount_pattern().finditer(f.text):
        number = "0.5" if m["half"] else "1-2" if m["or"] else "1"
        new = f"{number} {m['unit']}"
        if _fits(new, m.start(), m.end()):
            _rewrite(f, m.start(), m.end(), new)


def _foreign_phrases(f: Forms) -> None:
    """Each foreign period, side, "about" or "per request" phrase written over with its English, where
    it fits (a period in its short form where only that fits: "al mes" → "/mo"); "rein"/"raus" only
    right after a count or "Token"."""
    rx, english_of = _foreign_table()
    for m in rx.finditer(f.text):
        if not m.lastgroup:
            continue
        english = english_of[int(m.lastgroup[1:])]
        if m.group(0) in _ONLY_AFTER_A_COUNT and not _AFTER_A_COUNT.search(f.text, max(0, m.start() - 12), m.start()):
            continue
        slashed = m.group(0).startswith("/")  # "dossiers/jour" → "dossiers/d", not "dossiersa day"
        english = english if _fits(english, m.start(), m.end()) and not slashed else _SHORT.get(english, english)
        if _fits(english, m.start(), m.end()):
            _rewrite(f, m.start(), m.end(), english)


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
            _LONE_ONE_SKIP.search(f.text[max(0, m.start() - 20) : m.start()]) or re.match(r"\s+of\b", f.text[m.end() :])
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
    """Number words in the text's language ("zwei", "cinq mille") as digits (text2num)."""
    if f.lang == "en" or f.lang not in vocab().number_words:
        return
    words = alternation(vocab().number_words[f.lang])
    if not re.search(rf"(?<![\w-])(?:{words})(?![\w-])", f.text):
        return
    from text_to_num import alpha2digit  # ~10 ms: only when the text has such words

    for m in re.finditer(rf"(?<![\w-])(?:(?:{words})(?:[\s-]+|$))+", f.text):
        phrase = m.group(0).rstrip(" -")
        converted = alpha2digit(phrase, f.lang, threshold=0)
        if re.fullmatch(r"\d+", converted) and _fits(converted, m.start(), m.start() + len(phrase)):
            _rewrite(f, m.start(), m.start() + len(phrase), converted)


def offered(value: float, quote: str) -> str:
    return f"'{quote}': I took it as {human(value)} — is that about right? Give me the figure if you know it."
