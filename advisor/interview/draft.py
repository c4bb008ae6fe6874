"""The working state of one reading: the text (with what has been read blanked out, so no number
is read twice), the changes so far, and the notes, ambiguities and rejections to report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from advisor.interview.claims import Claim, Kind, Strength
from advisor.interview.forms import canonical
from advisor.interview.lazy import lazy
from advisor.interview.numbers import days_in, human, mask
from advisor.interview.quote import Quote
from advisor.tools.catalog import Catalog
from advisor.tools.defaults import DAYS_PER_MONTH
from advisor.tools.profile import WorkloadProfile

TOKEN_FIELDS = ("input_tokens_per_request", "output_tokens_per_request")
MONTHLY_FIELDS = ("monthly_input_tokens", "monthly_output_tokens")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "×": "x", "–": "-", "—": "-"})
_QUOTES |= str.maketrans(dict.fromkeys("\u00a0\u2007\u2009\u202f", " "))  # no-break, figure, thin spaces
_CLAUSE_MARK = lazy(r"[.;!?…](?=\s|$)|\n|\s-\s|\s—\s")


def normalise(text: str) -> str:
    """Lowercase, straight quotes, one kind of dash; same length as the input."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text.translate(_QUOTES))


@dataclass
class Draft:
    original: str
    profile: WorkloadProfile
    catalog: Catalog
    asked: str | None = None
    text: str = ""  # normalised, with consumed spans blanked
    changes: dict[str, Any] = field(default_factory=dict)  # proposed while reading; what the arbiter wrote after
    claims: list[Claim] = field(default_factory=list)  # every reading of a field, for the arbiter
    held: set[str] = field(default_factory=set)  # fields the arbiter asked about instead of writing
    sources: dict[str, str] = field(default_factory=dict)  # field → how it was given (claims.How)
    accepted: dict[str, Claim] = field(default_factory=dict)  # the claim behind each value written
    explained: set[tuple[int, int]] = field(default_factory=set)  # unused numbers a question already names
    prior_bases: dict[str, dict[str, Any]] = field(default_factory=dict)  # what earlier values were worked from
    canonical: str = ""  # the text in one number form, nothing consumed
    lang: str = "en"  # the language it is most likely in
    notes: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    choices: list[Any] = field(default_factory=list)  # the ambiguities asked with options (pending.Choice)
    declined: list[str] = field(default_factory=list)
    hours_window: float | None = None  # hours a day the workload runs, when this text says
    shifts: tuple[float, str] | None = None  # shifts a day this text states, and the words that say so
    vague: list[tuple[int, int, float]] = field(default_factory=list)  # vague counts: span, value taken
    rewritten: list[tuple[int, int]] = field(default_factory=list)  # spans forms.canonical wrote over
    form_notes: list[tuple[int, int, str]] = field(default_factory=list)  # how a number's form was read, by span
    chip_guessed: dict[str, str] = field(default_factory=dict)  # hardware id → the words that named no chip
    size_guessed: dict[str, str] = field(default_factory=dict)  # hardware id → the words that named no memory

    def __post_init__(self) -> None:
        if not self.text:
            forms = canonical(normalise(self.original))
            self.text, self.vague, self.rewritten = forms.text, forms.offers, forms.rewritten
            self.canonical, self.lang = forms.text, forms.lang
            self.form_notes = forms.noted
            self.notes += forms.notes

    def widen(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) of the working text, widened over any rewritten form ("2.500", "pro Tag",
        "a few thousand") it starts or ends inside."""
        for s, e in self.rewritten:
            if s < start < e:
                start = s
            if s < end < e:
                end = e
        return start, end

    def quote(self, start: int, end: int) -> Quote:
        """What the user typed over [start, end) of the working text, exactly (widened over rewritten forms)."""
        return Quote.span(self.original, *self.widen(start, end))

    def consume(self, start: int, end: int) -> None:
        self.text = mask(self.text, start, end)

    def set(
        self,
        name: str,
        value: Any,
        note: str | None = None,
        span: tuple[int, int] | None = None,
        *,
        spans: list[tuple[int, int]] | None = None,
        kind: Kind = "read",
        strength: Strength = "strong",
        why_weak: str = "",
        label: str = "",
        together: str | None = None,
        basis: dict[str, Any] | None = None,
        steps: list[str] | None = None,
    ) -> Claim:
        """Claim ``name`` = ``value`` from the words at ``span`` (or ``spans``): the arbiter decides
        what is written. While reading, ``changes`` shows the latest claim of each field."""
        claim = Claim(
            field=name,
            value=value,
            spans=list(spans or ([span] if span else [])),
            note=note,
            strength=strength,
            kind=kind,
            numeric=isinstance(value, int | float) and not isinstance(value, bool),
            why_weak=why_weak,
            label=label,
            together=together,
            basis=dict(basis or {}),
            steps=list(steps or []),
        )
        self.claims.append(claim)
        self.changes[name] = value
        if span:
            self.consume(*span)
        return claim

    def drop(self, name: str) -> None:
        """Take back every claim of ``name`` (a reading refused after it was made)."""
        self.claims = [c for c in self.claims if c.field != name]
        self.changes.pop(name, None)

    def reject(self, note: str, span: tuple[int, int] | None = None) -> None:
        self.notes.append(note)
        if span:
            self.consume(*span)

    def clause(self, pos: int) -> tuple[int, int]:
        """The span of the clause around ``pos``: between sentence marks and line breaks (commas do
        not part a clause: "40 people, 20 questions each" is one)."""
        start = max((m.end() for m in _CLAUSE_MARK.finditer(self.text, 0, pos)), default=0)
        after = _CLAUSE_MARK.search(self.text, pos)
        return start, (after.start() if after else len(self.text))

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The span of the sentence around ``pos`` in the working text."""
        start = max(self.text.rfind(". ", 0, pos), self.text.rfind("; ", 0, pos), self.text.rfind("\n", 0, pos))
        end_candidates = [
            i for i in (self.text.find(". ", pos), self.text.find("; ", pos), self.text.find("\n", pos)) if i >= 0
        ]
        return (start + 1 if start >= 0 else 0, min(end_candidates) if end_candidates else len(self.text))


def hours_said(d: Draft) -> bool:
    """Whether the hours a day the workload runs were said (this text or the profile), not assumed."""
    return d.hours_window is not None or d.profile.traffic_hours is not None or d.profile.hours_per_day is not None


def window_hours(d: Draft) -> tuple[float, str]:
    """Hours a day the workload runs: this text's word, else the profile's, else around the clock."""
    if d.hours_window is not None:
        return d.hours_window, ""
    if d.profile.traffic_hours is not None:
        return d.profile.traffic_hours, f", over the {human(d.profile.traffic_hours)} hours a day requests arrive in"
    if d.profile.hours_per_day is not None:
        return d.profile.hours_per_day, f", over the {human(d.profile.hours_per_day)} hours a day already given"
    return 24.0, ", assuming around the clock"


def per_day(value: float, period: str, d: Draft) -> tuple[float, str]:
    """``value`` per ``period`` as a daily figure; sub-day periods scale by the hours it runs."""
    if days_in(period) < 1:
        hours, how = window_hours(d)
        return value / days_in(period) * hours / 24, how
    return value / days_in(period), ""


def per_month(value: float, period: str, d: Draft) -> float:
    """``value`` per ``period`` as a monthly figure (exact for whole days: 300M a month stays 300M)."""
    if days_in(period) < 1:
        return per_day(value, period, d)[0] * DAYS_PER_MONTH
    return value * DAYS_PER_MONTH / days_in(period)
