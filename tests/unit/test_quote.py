"""A read line quotes only what the user typed, by construction: its quote is a `Quote`, made only
from a span of the message, and a reading's notes put the advisor's own words in double quotes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from advisor.interview.quote import Quote
from advisor.interview.reader import ReadEntry, read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile
from tests.bench.bench_reading import echoed_quotes

CATALOG = load_catalog()


def test_a_read_line_takes_no_quote_that_is_not_a_span_of_the_message():
    with pytest.raises(ValidationError):
        ReadEntry(field="requests_per_day", value=800, quote="800 a day (worked out)", kind="new")
    with pytest.raises(TypeError):
        Quote("whatever we like")
    message = "Roughly 800 contracts a day, sometimes more."
    entry = ReadEntry(field="requests_per_day", value=800, quote=Quote.span(message, 8, 27), kind="new")
    assert entry.quote == "800 contracts a day"
    assert entry.model_dump(mode="json")["quote"] == "800 contracts a day"


def test_joined_quotes_keep_each_part_as_typed():
    message = "We get 400 tickets a day. Each is about 3k tokens in."
    a, b = Quote.span(message, 7, 24), Quote.span(message, 40, 52)
    joined = Quote.join([a, b, a])
    assert joined.parts == ("400 tickets a day", "3k tokens in")
    assert joined.typed_in(message)
    assert not joined.typed_in("We get 400 tickets a day.")
    with pytest.raises(TypeError):
        Quote.join(["400 tickets a day"])  # type: ignore[list-item]


@given(st.text(min_size=1, max_size=200))
def test_opening_words_are_a_span_with_no_ellipsis_added(text):
    quote = Quote.words(text)
    assert quote in text
    assert len(quote) <= 60


def _read(text: str):
    return read_answer(text, WorkloadProfile(), CATALOG)


@pytest.mark.parametrize(
    "text",
    [
        "It's a nightly batch job over the day's tickets, about 2,000 of them.",
        "It has to stay in Europe, it is customer data.",
    ],
)
def test_the_advisor_own_words_in_a_note_are_not_echoed_as_the_users(text):
    reading = _read(text)
    assert reading.notes  # it read something and said so
    assert [q for q in echoed_quotes(reading) if q not in text] == []
    assert all(e.quote.typed_in(text) for e in reading.read)
