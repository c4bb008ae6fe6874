"""A workload said to be a batch job ("an essay-grading batch job", "a nightly batch", "not
time-sensitive") can wait for the providers' batch APIs: its batch share is taken as all of it, a
stated default the answer names (the user said it can wait — their word, unlike 'overnight' taken as
hours); "no batch API" or "it can't wait" takes it back. The words are data
(catalog/workload_words.toml)."""

from __future__ import annotations

import re

from advisor.interview.draft import Draft
from advisor.interview.negation import negated_at
from advisor.interview.traffic_windows import phrase_pattern, workload_words

# A wait stated under this (seconds) is someone waiting for the answer: words that it "can wait" in
# the same message are not the providers' batch APIs (their answers take up to a day).
WAITS_FOR_AN_ANSWER = 2 * 3600

# The reader runs this stage only when one of these is in the text.
CUES = ("batch", "lots", "lotes", "stapel", "time", "wait", "warten", "urgent", "zeitkritisch", "overnight", "night")
CUES += ("nacht", "nuit", "noche", "notte", "nachts", "madrugada", "rush", "hurry", "real", "latenc", "deadline")
CUES += ("eile", "eilig", "pressé", "prisa", "fretta", "haast", "pressa", "pilne", "pilna", "turnaround", "next day")
CUES += ("weekend", "sofort", "egal", "réel", "reel", "tiempo", "tempo")


def _find(d: Draft, table: str) -> re.Match[str] | None:
    words = phrase_pattern(workload_words().every(table))
    return re.search(rf"(?<![\w-])(?:{words})(?![\w'-])", d.text)


def read_batch(d: Draft) -> None:
    if "batch_share" in d.changes:
        return
    denied = _find(d, "batch_denied")
    if denied is not None:
        quote = d.quote(*denied.span())
        d.set("batch_share", 0.0, f"read '{quote}' as no traffic through the providers' batch APIs", denied.span())
        return
    said = _find(d, "batch")
    if said is None or negated_at(d, said.start()) is not None or d.profile.batch_share is not None:
        return
    if any(c.field == "latency_seconds" and c.value < WAITS_FOR_AN_ANSWER for c in d.claims):
        return  # "no need for real time, within the hour is enough": a deadline an answer waits for, not batch
    quote = d.quote(*said.span())
    d.set(
        "batch_share",
        1.0,
        f"took '{quote}' as able to wait for the providers' batch APIs (answers later, at their batch price;"
        ' say "no batch API" if it cannot wait)',
        spans=[said.span()],
        basis={"words": "a batch job may wait for the providers' batch APIs"},
    )
