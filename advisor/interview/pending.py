"""A choice the advisor asked ("on the API, or on your own hardware?"), kept in the session so the
next answer can pick it by name ("own hardware", "the API one", "opus") or by number ("the second",
"option 2", "2nd"). An answer that gives the field itself, or says "neither", drops it; an answer
about something else keeps it open for one more answer (and asks it again), then lets it go.

An answer that is only an option's number ("2", "the second") answers a choice, never the question
asked beside it (it is never 2 output tokens or 2 requests a day): with one open choice it has that
many options for, it picks that one; with several, it asks which of them it answers."""

from __future__ import annotations

import re

from advisor.interview.draft import Draft
from advisor.interview.lazy import lazy
from advisor.interview.numbers import human
from advisor.interview.vocab import alternation, vocab
from advisor.state import ANSWERS_ALLOWED, Choice, Option

# The words for each side of an API-or-own-hardware choice.
_SIDE_WORDS = {
    "cloud": lazy(
        r"(?<![\w-])(?:(?:the\s+|an?\s+|via\s+|through\s+(?:the\s+|an?\s+)?|on\s+(?:the\s+|an?\s+)?)?"
        r"(?:apis?|hosted|cloud|provider|endpoint|managed|pay[- ]per[- ]token|per[- ]token|openrouter|groq|together"
        r"|fireworks)(?:\s+(?:one|1|option|version|provider|route))?)(?![\w-])"
    ),
    "local": lazy(
        r"(?<![\w-])(?:(?:on\s+)?(?:the\s+|our\s+|my\s+|a\s+)?(?:own\s+)?(?:hardware|gpus?|box(?:es)?|machines?|servers?"
        r"|metal)(?:\s+(?:one|1|option))?|(?:our|my)\s+own|own|ourselves|local(?:ly)?|on[- ]?prem\w*|self[- ]?host\w*"
        r"|in[- ]house|host\s+it\s+ourselves|run\s+it\s+ourselves|ollama|llama\.cpp)(?![\w-])"
    ),
}
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5}
_ORDINAL_RE = lazy(
    r"(?<![\w-])(?:the\s+)?(?P<o>first|1st|second|2nd|third|3rd|fourth|4th|fifth|last)"
    r"(?:\s+(?:one|1|option|choice))?(?![\w-])(?!\s+(?!one\b|1\b|option\b|choice\b)[a-z0-9])"
    r"|(?<![\w-])(?:option|choice|number|no\.|#)\s*(?P<n>[1-9])(?![\w.])"
)
_BARE_NUMBER = lazy(r"^\s*(?:the\s+)?(?P<n>[1-9])\s*[.!)]?\s*$")
_ONE_AFTER = lazy(r"\s+(?:one|1|option|version)(?![\w.])")
_NEITHER = lazy(r"(?<![\w-])(?:neither|none\s+of\s+(?:them|those|these|the\s+above))(?![\w-])")
# What may come before a "yes" that answers: nothing but marks, or an "oh", "ah", "well".
_OPENING = lazy(r"[\W_]*(?:(?:oh|ah|well|hm+|um+|so|and)\b[\W_]*)?")
_NOT_BEFORE = lazy(r"(?:\bnot|\bno|n't|\bnever|\bwithout)\s+(?:(?:use|using|on|via|through|the|an?|our|it)\s+)*$")


def names_of(labels: list[list[str]]) -> list[list[str]]:
    """For options each called by several labels ("sonnet 4.5", "Claude Sonnet 4.5"): each option's
    labels plus the words of them no other option has ("4.5", "opus")."""
    words = [{w for label in option for w in _words(label)} for option in labels]
    out = []
    for i, option in enumerate(labels):
        others = set().union(*(w for j, w in enumerate(words) if j != i))
        own = sorted(words[i] - others)
        out.append(list(dict.fromkeys([*(label.lower() for label in option), *own])))
    return out


def _words(label: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)+|[a-z0-9]+", label.lower().replace("-", " "))


def _name_spans(d: Draft, option: Option, short: bool) -> list[tuple[int, int]]:
    spans = []
    if option.side:
        spans += [m.span() for m in _SIDE_WORDS[option.side].finditer(d.text)]
    for name in option.names:
        if name.replace(".", "").isdigit() and not short:
            continue  # "5" names Sonnet 5 only in a short answer, not inside "5 agents"
        pattern = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", name))
        found = [m.span() for m in re.finditer(rf"(?<![\w.]){pattern}(?![\w]|\.\d)", d.text)]
        if name in vocab().affirmations:  # "yes" answers as the answer's first word, not "ok" mid-sentence
            found = [span for span in found if _OPENING.fullmatch(d.text, 0, span[0])]
        spans += found
    return spans


def _by_yes(d: Draft, option: Option, spans: list[tuple[int, int]]) -> bool:
    """Whether ``option`` is named only by a "yes" that goes on to say more ("Ja, 8x H100 Server"): a
    bare "yes" still confirms it."""
    yes = set(vocab().affirmations) & set(option.names)
    said_more = any(re.search(r"[^\W_]", d.text[e:]) for _, e in spans)
    return bool(yes) and said_more and all(d.text[s:e] in yes for s, e in spans)


def _negated(d: Draft, start: int) -> bool:
    return bool(_NOT_BEFORE.search(d.text[max(0, start - 24) : start]))


def _by_name(d: Draft, choice: Choice) -> tuple[int, tuple[int, int]] | None:
    """The option the answer names (one named, or one left when the others are refused: "not the
    API — our own hardware")."""
    short = len(d.text.split()) <= 4
    hits = {i: _name_spans(d, o, short) for i, o in enumerate(choice.options)}
    if d.asked and d.asked not in choice.fields:  # "Ja, 8x H100" answers the question asked last, not this one
        hits = {i: spans for i, spans in hits.items() if not _by_yes(d, choice.options[i], spans)}
    said = {i: spans for i, spans in hits.items() if spans}
    wanted = {i: spans for i, spans in said.items() if not all(_negated(d, s) for s, _ in spans)}
    if len(wanted) == 1:
        ((i, spans),) = wanted.items()
        return i, (min(s for s, _ in spans), max(e for _, e in spans))
    refused = set(said) - set(wanted)
    if not wanted and refused and len(choice.options) - len(refused) == 1:
        (i,) = set(range(len(choice.options))) - refused
        spans = said[next(iter(refused))]
        return i, (min(s for s, _ in spans), max(e for _, e in spans))
    return None


def _by_number(d: Draft, choice: Choice) -> tuple[int, tuple[int, int]] | None:
    """An ordinal inside a longer answer ("the second one, and it's public data")."""
    count = len(choice.options)
    found = [m for m in _ORDINAL_RE.finditer(d.text)]
    if len(found) == 1:
        m = found[0]
        n = count if m["o"] == "last" else _ORDINAL[m["o"]] if m["o"] else int(m["n"])
        return (n - 1, m.span()) if 1 <= n <= count else None
    return None


_PLACED: dict[str, re.Pattern[str]] = {}


def _placed_word(text: str) -> tuple[int, tuple[int, int]] | None:
    """A whole answer naming an option by its place in any language read ("die zweite", "la première
    option", "el segundo", "Nummer 2"): the number and the span of its word."""
    if "rx" not in _PLACED:
        words = {w: int(n) for n, ws in vocab().answers.ordinals.items() for w in ws}
        _PLACED["words"] = words  # type: ignore[assignment]
        _PLACED["rx"] = re.compile(
            rf"^\W*(?:[^\W\d_]{{1,4}}\s+)?(?:(?P<w>{alternation(list(words))})(?:\s+[^\W\d_]+)?"
            r"|(?:option|choice|number|nummer|variante|numéro|opción|opzione|optie|opção|opcja|nr\.?)\s*(?P<n>[1-9]))"
            r"\W*$"
        )
    m = _PLACED["rx"].match(text)
    if m is None:
        return None
    if m["n"]:
        return int(m["n"]), m.span("n")
    return _PLACED["words"][m["w"]], m.span("w")  # type: ignore[index]


# The questions that offer "none" as an answer (prompts/questions.toml): a bare "keine" answers them;
# after any other, with one choice open, it says none of that choice's options.
_NONE_OFFERED = ("output_tokens_per_request", "monthly_output_tokens", "hardware", "frontier_share", "privacy")
_NONE_OFFERED += ("budget_usd_per_month",)


def _whole_none(text: str) -> re.Match[str] | None:
    """A whole answer of a word for none ("none", "keine", "aucune", "nada")."""
    words = alternation(["none", *vocab().answers.none])
    return re.match(rf"^\W*(?P<w>{words})\W*$", text)


def _lone_number(d: Draft) -> tuple[int | None, tuple[int, int]] | None:
    """A whole answer that is only an option's number ("2", "2.", "the second", "option 2", "die
    zweite"): the number (None for "the last") and its span."""
    if m := _BARE_NUMBER.match(d.text):
        return int(m["n"]), m.span("n")
    if placed := _placed_word(d.text):
        return placed
    found = list(_ORDINAL_RE.finditer(d.text))
    if len(found) != 1 or re.search(r"[^\W_]", d.text[: found[0].start()] + d.text[found[0].end() :]):
        return None
    m = found[0]
    n = None if m["o"] == "last" else _ORDINAL[m["o"]] if m["o"] else int(m["n"])
    return n, m.span()


def _pick(d: Draft, choice: Choice, i: int, span: tuple[int, int]) -> list[Choice]:
    """Option ``i`` of ``choice`` picked by the words at ``span``; the choices it opens again (for a
    "which question?" choice, those whose option was not picked)."""
    if tail := _ONE_AFTER.match(d.text, span[1]):  # "the API one", "the 4.5 one"
        span = (span[0], tail.end())
    option = choice.options[i]
    for name, value in option.changes.items():
        d.set(name, value, kind="pick", spans=[span])
    d.notes.append(f"read '{d.quote(*span)}' as the choice: {option.label}")
    d.consume(*span)
    return [c for j, c in enumerate(choice.among) if j != i]


def _read_lone_number(d: Draft, pending: list[Choice]) -> list[Choice] | None:
    """A lone option number with choices open: the one choice it fits picked, or — when it fits
    several — one question which of them it answers (their options of that number as its options).
    The choices still open afterwards; None when the answer is not a lone number that fits one."""
    lone = _lone_number(d)
    if lone is None:
        return None
    n, span = lone
    fits = [c for c in pending if n is None or n <= len(c.options)]
    if not fits:
        return None
    others = [c for c in pending if c not in fits]
    if len(fits) == 1:
        (choice,) = fits
        return [*others, *_pick(d, choice, len(choice.options) - 1 if n is None else n - 1, span)]
    options = [c.options[-1 if n is None else n - 1] for c in fits]
    fields = list(dict.fromkeys(f for c in fits for f in c.fields))
    among = [c.model_copy(update={"answers_left": ANSWERS_ALLOWED}) for c in fits]  # each asked again once
    which = Choice(question="", fields=fields, options=options, among=among)
    which.question = f"which question does '{d.quote(*span)}' answer? {which.shown()}"
    d.ambiguous.append(which.question)
    d.choices.append(which)
    d.consume(*span)
    return others


def read_pick(d: Draft, pending: list[Choice]) -> list[Choice]:
    """Read the answer as a pick of a pending choice: the picked option's fields set (with a note), its
    words consumed. The choices still open afterwards (before this text's own readings drop more)."""
    lone = _read_lone_number(d, pending)
    if lone is not None:
        return lone
    if len(pending) == 1 and d.asked not in _NONE_OFFERED and (m := _whole_none(d.text)):
        d.notes.append(f"read '{d.quote(*m.span())}': none of {pending[0].shown()}")
        d.consume(*m.span())
        return []
    still = []
    for choice in pending:
        if _NEITHER.search(d.text):
            m = _NEITHER.search(d.text)
            assert m is not None
            d.notes.append(f"read '{d.quote(*m.span())}': none of {choice.shown()}")
            d.consume(*m.span())
            continue
        if choice.per and choice.each and _read_count(d, choice):
            continue
        if choice.fields == ["owned_units"] and _read_units(d, choice):
            continue
        picked = _by_name(d, choice) or (_by_number(d, choice) if len(pending) == 1 else None)
        if picked is None:
            still.append(choice)
            continue
        still += _pick(d, choice, *picked)
    return still


def _count_pattern(noun: str) -> re.Pattern[str]:
    """A count of ``noun``, or a short answer that is only a count: "14 stores", "we have 40 clinicians",
    "about 3" — with the noun's stem, so "Filialen" answers "pro Filiale"."""
    stem = re.escape(noun[: max(4, len(noun) - 2)])
    return re.compile(
        rf"(?<![\w.,])(?P<n>\d[\d,]*)\s+(?:[^\W\d_]+\s+){{0,2}}?{stem}[^\W\d_]*"
        rf"|^\W*(?:(?:about|around|roughly|~|we\s+have|there\s+are)\s*)?(?P<bare>\d[\d,]*)\s*(?:[^\W\d_]+\s*)?[.!]?\s*$"
    )


_COUNT_ANSWER_WORDS = 6


def _read_count(d: Draft, choice: Choice) -> bool:
    """An answer to "it is per store — how many are there?" that gives the count ("14 stores", "40"):
    the figure per one times the count. A bare "1" or "2" still picks the numbered choice."""
    if len(d.text.split()) > _COUNT_ANSWER_WORDS:  # a longer message says more than the count: read as it is
        return False
    m = _count_pattern(choice.per).search(d.text)
    if m is None or choice.each is None:
        return False
    n = float((m["n"] or m["bare"]).replace(",", ""))
    if n < 1 or (m["bare"] and n <= len(choice.options)):
        return False
    field = choice.fields[0]
    value = choice.each * n
    span = m.span("n") if m["n"] else m.span("bare")
    note = f"read '{d.quote(*m.span())}' as {human(n)} × {human(choice.each)} a day: {human(value)} requests a day"
    words = f"{human(n)} × {human(choice.each)} a day"
    d.set(
        field,
        value,
        note,
        spans=[m.span()],
        kind="answer",
        label=f"{human(value)} requests a day",
        basis={"words": words},
    )
    d.consume(*span)
    d.consume(*m.span())
    return True


_UNITS_ANSWER = lazy(r"^\W*(?:(?:we\s+(?:have|own)|about|around)\s+)?(?P<n>\d{1,3})\s*[.!]?\s*$")


def _read_units(d: Draft, choice: Choice) -> bool:
    """A figure answering "how many do you own? 1) 8 (one node) 2) another number 3) none": the count
    owned ("4", "we have 16"), when it is no option's number."""
    m = _UNITS_ANSWER.match(d.text)
    if m is None or not len(choice.options) < int(m["n"]) <= 1000:
        return False
    n = int(m["n"])
    d.set(
        "owned_units",
        n,
        f"read '{d.quote(*m.span())}' as {n} owned",
        spans=[m.span()],
        kind="answer",
        label=f"{n} owned",
    )
    d.consume(*m.span())
    return True


def still_open(d: Draft, unanswered: list[Choice]) -> list[Choice]:
    """The choices open after this answer: this text's new ones, then the older ones it did not
    settle — unless it gave their fields itself, or they have had their answers. Each older one kept
    is asked again."""
    kept = []
    for choice in unanswered:
        left = choice.answers_left - 1
        if left <= 0 or set(choice.fields) & set(d.changes):
            continue
        kept.append(choice.model_copy(update={"answers_left": left}))
        d.ambiguous.append(choice.reminder())
    new_fields = {f for c in d.choices for f in c.fields}
    return [*d.choices, *(c for c in kept if not set(c.fields) & new_fields)]


# ---- the choices the reader asks --------------------------------------------------------------
_SECTION_OF_FIELD = {"cloud_model": "cloud", "local_model": "local-models", "hardware": "hardware"}


def _labels(d: Draft, field: str, entry_id: str) -> list[str]:
    entry = d.catalog.section(_SECTION_OF_FIELD[field]).get(entry_id)
    return [entry_id, *((entry.name, *entry.aliases) if entry is not None else ())]


def ask_side(d: Draft, question: str, cloud_ids: list[str], local_ids: list[str]) -> None:
    """ "on the API, or on your own hardware?" for one model name that is both."""
    d.ambiguous.append(question)
    if len(cloud_ids) == 1 and len(local_ids) == 1:
        options = [
            Option(label=f"{cloud_ids[0]} on the API", changes={"cloud_model": cloud_ids[0]}, side="cloud"),
            Option(label=f"{local_ids[0]} on your own hardware", changes={"local_model": local_ids[0]}, side="local"),
        ]
        d.choices.append(Choice(question=question, fields=["cloud_model", "local_model"], options=options))


def ask_which(d: Draft, question: str, field: str, ids: list[str], said: list[str] | None = None) -> None:
    """ "which one is the cloud model to price?" / "could be A, B, C — which?": one option an id;
    ``said``, the user's words for each (when each was named apart)."""
    d.ambiguous.append(question)
    labels = [[*([said[i]] if said else []), *_labels(d, field, x)] for i, x in enumerate(ids)]
    options = [Option(label=x, changes={field: x}, names=names) for x, names in zip(ids, names_of(labels), strict=True)]
    d.choices.append(Choice(question=question, fields=[field], options=options))


def ask_options(
    d: Draft, question: str, field: str, options: list[Option], per: str = "", each: float | None = None
) -> None:
    """Any other question with named options (a budget a month or one-off; 1% or all of it). With
    ``per``, the figure asked about is ``each`` per one of that thing: a count of them answers it."""
    d.ambiguous.append(question)
    d.choices.append(Choice(question=question, fields=[field], options=options, per=per, each=each))
