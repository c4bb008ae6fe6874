"""Where a workload's traffic lies in the day: "1am–6am", "from 22:00 to 06:00", "9 to 5", "between
9am and 7pm", or a named part of the day ("during the day", "overnight", "tagsüber") from
catalog/workload_words.toml. A clock range is read as said; a named part is a stated default the
answer names ("took 'overnight' as 22:00–06:00"), and a clock range beside it wins."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from advisor.interview.draft import Draft
from advisor.interview.numbers import human
from advisor.interview.settings import BUSINESS_HOURS

WORDS_FILE = "workload_words.toml"


class NamedWindow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    start: float = Field(ge=0, lt=24)
    hours: float = Field(gt=0, le=24)
    words: dict[str, list[str]]


class WorkloadWords(BaseModel):
    """The words of catalog/workload_words.toml, per language."""

    model_config = ConfigDict(extra="forbid")

    heads: dict[str, list[str]]
    articles: dict[str, list[str]]
    determiners: dict[str, list[str]]
    another: dict[str, list[str]]
    also: dict[str, list[str]]
    not_names: dict[str, list[str]]
    generic: dict[str, list[str]]
    window: list[NamedWindow]
    batch: dict[str, list[str]]
    batch_denied: dict[str, list[str]]
    hour_words: dict[str, list[str]]

    def every(self, table: str) -> list[str]:
        """A table's phrases in every language, longest first (a longer phrase wins where both fit)."""
        words = {w for phrases in getattr(self, table).values() for w in phrases}
        return sorted(words, key=len, reverse=True)


@lru_cache(maxsize=1)
def workload_words() -> WorkloadWords:
    text = (resources.files("advisor.catalog") / WORDS_FILE).read_text(encoding="utf-8")
    return WorkloadWords.model_validate(tomllib.loads(text))


def phrase_pattern(phrases: list[str]) -> str:
    """Phrases as one alternation: whole words, a space standing for any run of spaces."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


@dataclass(frozen=True)
class Window:
    start: float  # the hour it opens
    hours: float  # how long it lasts
    span: tuple[int, int]  # where the text says so
    quote: str
    named: bool = False  # a named part of the day ("overnight"): a stated default, not a clock


_SUFFIX = r"(?P<{0}>a\.?\s?m\b\.?|p\.?\s?m\b\.?|h\b|uhr\b|hrs\b)?"  # 'a m' of 'a month' is no am
_HOUR = r"(?P<{0}h>\d{{1,2}})(?::(?P<{0}m>[0-5]\d))?\s*" + _SUFFIX.format("{0}s")
_CLOCK = re.compile(
    rf"(?P<lead>\b(?:from|between|von|zwischen|de|entre|del)\s+)?(?<![\d.,]){_HOUR.format('a')}\s*"
    rf"(?P<sep>-|–|—|\bto\b|\buntil\b|\btill\b|\band\b|\bbis\b|\bà\b|\ba\b|\by\b|\bhasta\b)\s*"
    rf"{_HOUR.format('b')}(?![\d.,]\d)",
    re.IGNORECASE,
)
# After a range with no am/pm and no minutes: the end of a clause or a word about time, never a count's
# noun ("from 5 to 10 requests", "between 2 and 3 thousand").
_AFTER_PLAIN = re.compile(
    r"\s*(?:$|[,.;:)!?–—-]|(?:o'?clock|every|each|daily|nightly|on|at|utc|gmt|cet|local|time|weekdays?|uhr|h)\b)",
    re.IGNORECASE,
)


def _suffix(value: str | None) -> str:
    return (value or "").lower().replace(".", "").replace(" ", "")


def _past_noon(a: int, b: int, sep: str) -> bool:
    """'9 to 5', '8-6': a plain range that goes down is a working day across noon — counts go up."""
    return 6 <= a <= 11 and 1 <= b < a and sep.lower() not in ("and", "y", "a", "à")


def _hour(hour: str, minutes: str | None, suffix: str) -> float | None:
    value = int(hour)
    if suffix in ("am", "pm"):
        if not 1 <= value <= 12:
            return None
        value = value % 12 + (12 if suffix == "pm" else 0)
    elif value > 24:
        return None
    return (value + (int(minutes) / 60 if minutes else 0.0)) % 24


def _clock(m: re.Match[str]) -> tuple[float, float] | None:
    """A clock range as (start, hours), or None when it is not one (a range of counts: '5-10 a day')."""
    sa, sb = _suffix(m["as"]), _suffix(m["bs"])
    ha, hb = int(m["ah"]), int(m["bh"])
    if m["sep"].lower() in ("and", "y", "a", "à") and not m["lead"]:
        return None  # "3 and 4", "2 a day": a clock needs "between … and …"
    if not (sa or sb or m["am"] or m["bm"]):
        after = _AFTER_PLAIN.match(m.string, m.end())
        clocklike = m["lead"] or max(ha, hb) > 12 or m["ah"].startswith("0") or _past_noon(ha, hb, m["sep"])
        if after is None or not clocklike:
            return None
    if sb in ("am", "pm") and not sa and ha < hb <= 12:  # "1 to 6am": both am
        sa = sb
    start, end = _hour(m["ah"], m["am"], sa), _hour(m["bh"], m["bm"], sb)
    if start is None or end is None:
        return None
    plain = not (sa or sb or m["am"] or m["bm"])
    # "from 9 to 5", "7:30 to 3": a plain range that goes down ends in the afternoon
    if (plain and ha <= 12 and hb <= 12 and hb < ha) or (not (sa or sb) and _past_noon(ha, hb, m["sep"])):
        end += 12
    hours = (end - start) % 24 or 24.0
    return start, hours


def _hours_as_figures(text: str) -> str:
    """``text`` with 'midnight' and 'noon' (per catalog/workload_words.toml) written as 12am and 12pm,
    padded to the same length, so a range's span stays the text's."""
    for name, figure in (("midnight", "12am"), ("noon", "12pm")):
        words = workload_words().hour_words.get(name, [])
        if words:
            rx = re.compile(rf"(?<![\w-])(?:{phrase_pattern(words)})(?![\w-])", re.IGNORECASE)
            text = rx.sub(lambda m, f=figure: f.ljust(len(m[0])), text)
    return text


def _after_peak_word(text: str, start: int) -> bool:
    """Whether a clock range at ``start`` follows a word naming the busy hours ('busiest 6pm-11pm',
    'peaks 2-3x between 6pm and midnight'): up to three words between, no clause mark."""
    from advisor.interview.vocab import alternation, vocab

    pattern = alternation(vocab().cue("peak"))  # catalog/reading.toml [cues.peak]
    before = text[max(0, start - 60) : start]
    return (
        re.search(rf"(?<![\w-])(?:{pattern})(?![\w-])(?:[^\w.,;:!?\n]+[\w-]+){{0,3}}[^\w.,;:!?\n]*$", before, re.I)
        is not None
    )


def _before_peak_word(text: str, end: int) -> bool:
    """Whether a named part of the day at ``end`` is the busy time's ('overdag pieken naar 6k/uur',
    'during the day it peaks at'): a peak word within the next three words, no clause mark."""
    from advisor.interview.vocab import alternation, vocab

    pattern = alternation(vocab().cue("peak"))
    after = text[end : end + 40]
    return re.match(rf"(?:[^\w.,;:!?\n]+[\w-]+){{0,2}}?[^\w.,;:!?\n]+(?:{pattern})(?![\w-])", after, re.I) is not None


def read_windows(text: str) -> list[Window]:
    """Every window ``text`` states, in order: clock ranges, then named parts of the day that no
    clock range in the text overrides."""
    found: list[Window] = []
    clock_text = _hours_as_figures(text)
    for m in _CLOCK.finditer(clock_text):
        read = _clock(m)
        if read is not None and not _after_peak_word(clock_text, m.start()):
            end = m.end()
            while end < len(text) and clock_text[end] == " " and text[end] != " ":  # the rest of 'midnight'
                end += 1
            found.append(Window(read[0], read[1], (m.start(), end), text[m.start() : end].strip()))
    if found:
        return found
    low = text.casefold()
    for named in workload_words().window:
        pattern = phrase_pattern(sorted({w for ws in named.words.values() for w in ws}, key=len, reverse=True))
        m = re.search(rf"(?<![\w-])(?:{pattern})(?![\w-])", low)
        if m and not _before_peak_word(low, m.end()) and not _after_peak_word(low, m.start()):
            found.append(Window(named.start, named.hours, m.span(), text[m.start() : m.end()], named=True))
    return sorted(found, key=lambda w: w.span)


def read_window(d: Draft, *, named: bool) -> None:
    """The reader's stage: the traffic window this text states, into the draft — clock ranges
    (``named`` False: before the hours-a-day readings; '9 to 5' is also, as before windows were
    read, the 8 hours a day a box is powered) or named parts of the day (``named`` True: after
    them, so 'business hours' stays the 8 hours a day it was). A clock range's words are consumed
    ('nightly' may still be a rate's period); a rate an hour is over the window's hours."""
    if named and "traffic_start_hour" in d.changes:
        return  # a clock range given wins over 'overnight' beside it
    windows = [replace(w, quote=d.quote(*w.span)) for w in read_windows(d.text) if w.named == named]
    working_day = [w for w in windows if BUSINESS_HOURS.search(d.text[w.span[0] : w.span[1]])]
    changes, notes, ambiguous = _reading(windows, placed=d.profile.traffic_start_hour is not None)
    d.ambiguous += ambiguous
    for w in windows:
        if not w.named:
            d.consume(*w.span)
    if not changes:
        return
    w = next(w for w in windows if (w.start, w.hours) == (changes["traffic_start_hour"], changes["traffic_hours"]))
    said = notes[0].split(" as ", 1)[-1] if " as " in notes[0] else ""  # "requests arriving 01:00–06:00"
    basis: dict[str, str] = {"words": said} if said else {}
    taken = notes[0].startswith("took")  # a stated default ('during the day' as 09:00–19:00): said aside too
    if taken:
        d.notes.append(notes[0])
        basis["how"] = "assumed"  # the user named no hours: an assumption the answer uses, not their figure
    d.set("traffic_start_hour", changes["traffic_start_hour"], None if taken else notes[0], spans=[w.span], basis=basis)
    d.set("traffic_hours", changes["traffic_hours"], spans=[w.span], basis=basis)
    d.hours_window = changes["traffic_hours"]
    if w in working_day and "hours_per_day" not in d.changes:
        d.set("hours_per_day", w.hours, f"read '{w.quote}' as {human(w.hours)} hours a day")


def window_reading(text: str, placed: bool = False) -> tuple[dict[str, float], list[str], list[str]]:
    """The traffic window ``text`` gives, as profile changes with the notes that say how it was read,
    and a question when it gives two that differ. ``placed``: the workload has a window already — a
    named part of the day ("overnight") does not replace it, a clock range does."""
    return _reading(read_windows(text), placed)


def _reading(windows: list[Window], placed: bool) -> tuple[dict[str, float], list[str], list[str]]:
    from advisor.tools.workloads import window_words

    windows = [w for w in windows if not (placed and w.named)]
    if not windows:
        return {}, [], []
    distinct = {(w.start, w.hours) for w in windows}
    if len(distinct) > 1:
        said = " or ".join(f"'{w.quote}'" for w in windows)
        return {}, [], [f"which hours does the traffic come in: {said}? Say e.g. '1am–6am'"]
    w = windows[0]
    where = window_words(w.start, w.hours)
    if w.named:
        note = f"took '{w.quote}' as {where} (say the hours if they differ, e.g. 1am–6am)"
    else:
        note = f"read '{w.quote}' as requests arriving {where}"
    return {"traffic_start_hour": w.start, "traffic_hours": w.hours}, [note], []
