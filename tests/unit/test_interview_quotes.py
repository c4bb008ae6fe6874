"""Every quote the reader echoes is exactly what the user typed, even where the reader rewrote a
number or a word before reading it ("2.500", "pro Tag", "3 000", "a few thousand")."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile
from tests.bench.bench_reading import QUOTED, echoed_quotes, load

CATALOG = load_catalog()
SPACES = [" ", "\u00a0", "\u202f", "\u2009", "  ", "'", ",", "."]  # thousands separators people type


def _read(text: str, asked: str | None = None):
    return read_answer(text, WorkloadProfile(), CATALOG, asked=asked)


def _notes(reading) -> str:
    return "\n".join([*reading.notes, *reading.ambiguous])


def test_german_rate_is_quoted_whole():
    reading = _read("Wir schreiben 2.500 Arztbriefe pro Tag")
    assert reading.changes["requests_per_day"] == 2500
    assert "'2.500 Arztbriefe pro Tag'" in _notes(reading)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Nous traitons 3\u00a0000 dossiers par jour", "3\u00a0000 dossiers par jour"),
        ("ca. 12.000 Tickets im Monat", "12.000 Tickets im Monat"),
        ("we get a few thousand emails a day", "a few thousand emails a day"),
        ("between 400 and 600 calls a day", "between 400 and 600 calls a day"),
        ("Our volume is 1\u202f200 chats a week", "1\u202f200 chats a week"),
    ],
)
def test_rewritten_forms_are_quoted_as_typed(text, quote):
    reading = _read(text)
    assert f"'{quote}'" in _notes(reading)


def test_privacy_and_offline_words_are_quoted_as_typed():
    reading = _read("Patient records under HIPAA. Air-gapped network.")
    notes = _notes(reading)
    assert "'HIPAA'" in notes
    assert "'Air-gapped'" in notes


_number = st.builds(
    lambda lead, groups, sep: lead + "".join(sep + g for g in groups),
    st.integers(1, 999).map(str),
    st.lists(st.integers(0, 999).map(lambda n: f"{n:03d}"), min_size=0, max_size=2),
    st.sampled_from(SPACES),
)
_amount = st.builds(
    lambda cur, n, scale: f"{cur}{n}{scale}",
    st.sampled_from(["", "", "$", "€", "£", "$ ", "€\u00a0"]),
    _number,
    st.sampled_from(["", "", "k", "K", " Mio.", " tausend", " million", "\u00a0k"]),
)
_tail = st.sampled_from(
    [
        " requests a day",
        " Anfragen pro Tag",
        " dossiers par jour",
        " tickets im Monat",
        " tokens in",
        " Token rein",
        " out",
        " cents per kWh",
        "/kWh",
        " a month budget",
        " contracts each week",
        "",
        " lawyers",
        "\u00a0calls\u00a0per\u00a0hour",
    ]
)
_filler = st.sampled_from(["", "About ", "Wir schreiben ", "We’re at ", "ca. ", "~", "— ", "roughly\u00a0", "\n"])
_part = st.builds(lambda f, a, t: f + a + t, _filler, _amount, _tail)
_joiner = st.sampled_from([", ", "; ", ". ", " and ", " – ", "\u00a0", "  ", "\n"])
_message = st.builds(lambda parts, j: j.join(parts), st.lists(_part, min_size=1, max_size=4), _joiner)
_asked = st.sampled_from([None, None, "requests_per_day", "electricity_usd_per_kwh", "input_tokens_per_request"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_message, _asked)
def test_every_echoed_quote_is_what_the_user_typed(text, asked):
    reading = _read(text, asked)
    for quote in echoed_quotes(reading):
        assert quote in text, f"{quote!r} is not in {text!r}"


# ---- a phrase that was read is not also reported as unread ------------------------------------
@pytest.mark.parametrize(
    ("text", "asked", "field", "value"),
    [
        ("22 cents", "electricity_usd_per_kwh", "electricity_usd_per_kwh", 0.22),
        ("we pay 27 cents", "electricity_usd_per_kwh", "electricity_usd_per_kwh", 0.27),
        ("0.31", "electricity_usd_per_kwh", "electricity_usd_per_kwh", 0.31),
        ("about 300", "output_tokens_per_request", "output_tokens_per_request", 300),
        ("roughly 5000 a day", "requests_per_day", "requests_per_day", 5000),
    ],
)
def test_a_bare_answer_read_is_not_unread(text, asked, field, value):
    reading = _read(text, asked)
    assert reading.changes[field] == pytest.approx(value)
    assert reading.unread == []
    assert not any("didn't use" in line for line in reading.ambiguous)


def test_a_number_left_unread_is_not_also_said_to_be_read():
    reading = _read("Hochschule: 3.000 Studierende, 2.000 tokens in, 300 out.")
    assert reading.unread == []  # a headcount: noted as the team's size, not a figure read
    assert "noted '3.000 Studierende' as the team's size — the volume is what they send" in reading.notes
    assert not any(note.startswith("read '3.000'") for note in reading.notes)
    assert any(note.startswith("read '2.000'") for note in reading.notes)


def _read_quotes(reading) -> list[str]:
    return [q for note in reading.notes if note.startswith(("read ", "took ")) for q in QUOTED.findall(note)]


def test_over_the_corpus_nothing_read_is_also_unread():
    overlaps = []
    for row in load():
        reading = _read(row["text"], row.get("asked"))
        read = _read_quotes(reading)
        overlaps += [(row["id"], u) for u in reading.unread if any(u in q or q in u for q in read)]
    assert overlaps == []


def test_cents_answer_only_the_electricity_question():
    """A price in cents is not a share of traffic: '22 cents' to the frontier question is asked about."""
    reading = _read("22 cents", "frontier_share")
    assert "frontier_share" not in reading.changes
    assert reading.unread == ["22 cents"]
