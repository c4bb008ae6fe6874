"""When the requests arrive, as people write it: a clock range is the user's figure; a named part of
the day ('overnight', 'office hours') is a default taken on their word — used, said as an assumption,
and never the profile's stated value (a batch job's batch-API share is said: it stays the user's); a
range after a word for the busy hours is not the window."""

from __future__ import annotations

import pytest

from advisor.interview.draft import normalise
from advisor.interview.forms import canonical
from advisor.interview.reader import read_answer
from advisor.interview.traffic_windows import read_windows
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile


def windows(text: str) -> list[tuple[float, float]]:
    return [(w.start, w.hours) for w in read_windows(canonical(normalise(text)).text)]


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("open 7am to midnight every day", [(7.0, 17.0)]),
        ("from noon to 6pm", [(12.0, 6.0)]),
        ("7am to midnight, busiest 6pm-11pm", [(7.0, 17.0)]),  # the busy hours are inside the window
        ("around 3k a day, peaks 2-3x between 6pm and midnight", []),  # only the busy hours: no window
        ("school hours, 7:30 to 3, then homework at night", [(7.5, 7.5)]),  # 3 is the afternoon
        ("we do about 6 to 8 a month", []),  # 'a m' of 'a month' is not 'am'
        ("we do 6-8 a month", []),
    ],
)
def test_clock_ranges_as_people_write_them(text, expect):
    assert windows(text) == expect


@pytest.mark.parametrize(
    "text",
    ["it can run overnight, nothing urgent", "a bot for the staff during the day", "Nachts reicht, nicht zeitkritisch"],
)
def test_a_named_part_of_the_day_is_an_assumption_not_a_stated_window(text):
    reading = read_answer(text, WorkloadProfile(), load_catalog())
    assert "traffic_hours" in reading.changes  # used by the answer …
    assert reading.sources["traffic_hours"] == "assumed" == reading.sources["traffic_start_hour"]  # … as one
    assert any(n.startswith("took '") for n in reading.notes)


def test_a_named_part_of_the_day_in_answer_to_the_question_stays_an_assumption():
    reading = read_answer(
        "doesn't matter, overnight batch is fine", WorkloadProfile(), load_catalog(), asked="traffic_hours"
    )
    assert reading.sources["traffic_hours"] == "assumed"


def test_a_clock_range_is_the_users_figure():
    reading = read_answer("requests come in 1am–6am", WorkloadProfile(), load_catalog())
    assert reading.changes["traffic_hours"] == 5 and reading.sources["traffic_hours"] == "read"


def test_a_batch_job_is_the_users_word_quoting_its_words():
    reading = read_answer(
        "We triage 3,000 abstracts a day. Overnight batch is fine.", WorkloadProfile(), load_catalog()
    )
    assert reading.changes["batch_share"] == 1.0 and reading.sources["batch_share"] == "read"  # it can wait: said
    (entry,) = [e for e in reading.read if e.field == "batch_share"]
    assert entry.quote == "Overnight batch"  # its words, not the whole message


def test_profile_shows_a_default_taken_on_the_users_word_as_assumed():
    from advisor.state import SessionState
    from advisor.text.profile_table import assumed_fields, field_rows

    state = SessionState()
    reading = read_answer("3,000 abstracts a day, it can run overnight", state.profile, load_catalog())
    state.apply(reading.changes, reading.sources)
    rows = {f: source for f, _, source in field_rows(state.profile, state.given, None, (), assumed_fields(state))}
    assert rows["traffic_hours"] == "assumed" and rows["requests_per_day"] == "given"
