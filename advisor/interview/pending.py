"""A choice the advisor asked ("on the API, or on your own hardware?"), kept in the session so the
next answer can pick it by name ("own hardware", "the API one", "opus") or by number ("the second",
"option 2", "2nd"). An answer that gives the field itself, or says "neither", drops it; an answer
about something else keeps it open for one more answer (and asks it again), then lets it go."""

from __future__ import annotations

import re

from advisor.interview.draft import Draft
from advisor.interview.lazy import lazy
from advisor.interview.numbers import human
from advisor.interview.vocab import vocab
from advisor.state import Choice, Option

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
# Questions whose bare answer is never a small count: a lone "2" after them picks an option.
_BARE_NUMBER_ASKED = (None, "privacy", "hardware", "cloud_model", "local_model")
_BARE_NUMBER_ASKED += ("input_tokens_per_request", "monthly_input_tokens", "monthly_output_tokens")  # never 1 or 2


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
    count = len(choice.options)
    found = [m for m in _ORDINAL_RE.finditer(d.text)]
    if len(found) == 1:
        m = found[0]
        n = count if m["o"] == "last" else _ORDINAL[m["o"]] if m["o"] else int(m["n"])
        return (n - 1, m.span()) if 1 <= n <= count else None
    bare_picks = d.asked in _BARE_NUMBER_ASKED or d.asked in choice.fields  # "2" to "1) … or 2) …" about it
    if not found and bare_picks and (m := _BARE_NUMBER.match(d.text)):
        n = int(m["n"])
        return (n - 1, m.span("n")) if n <= count else None
    return None


def read_pick(d: Draft, pending: list[Choice]) -> list[Choice]:
    """Read the answer as a pick of a pending choice: the picked option's fields set (with a note), its
    words consumed. The choices still open afterwards (before this text's own readings drop more)."""
    still = []
    for choice in pending:
        if _NEITHER.search(d.text):
            m = _NEITHER.search(d.text)
            assert m is not None
            d.notes.append(f"read '{d.quote(*m.span())}': none of {', '.join(o.label for o in choice.options)}")
            d.consume(*m.span())
            continue
        if choice.per and choice.each and _read_count(d, choice):
            continue
        picked = _by_name(d, choice) or (_by_number(d, choice) if len(pending) == 1 else None)
        if picked is None:
            still.append(choice)
            continue
        i, span = picked
        if tail := _ONE_AFTER.match(d.text, span[1]):  # "the API one", "the 4.5 one"
            span = (span[0], tail.end())
        option = choice.options[i]
        for name, value in option.changes.items():
            d.set(name, value, kind="pick", spans=[span])
        d.notes.append(f"read '{d.quote(*span)}' as the choice: {option.label}")
        d.consume(*span)
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
