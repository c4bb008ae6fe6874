"""How long an answer may take (``latency_seconds``), read only from a figure bounded as a wait: 'under
4 seconds or nobody will use it', 'binnen 20 min is prima', 'dans l'heure ça suffit', '2-4 segundos
no máximo'. A vague one ('a few minutes is fine') is offered back, not written; the wait for the
first words, a call's length, a schedule ('max 6 h a day') and words alone ('needs to feel instant')
are left open; two waits are asked between."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile


def read(text: str, asked: str | None = None):
    return read_answer(text, WorkloadProfile(), load_catalog(), asked=asked)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("Clerks sit waiting on it, so under 4 seconds or nobody will use it.", 4),
        ("It must answer within a minute of the upload.", 60),
        ("Latency should be < 2.5 sec, agents are on the phone.", 2.5),
        ("Needs to be snappy, sub-second ideally.", 1),
        ("We only need the tags within 45 mins of the upload, that is fine.", 2700),
        ("Die Antwort sollte unter 8 s kommen.", 8),
        ("De samenvatting binnen 20 min na binnenkomst is prima.", 1200),
        ("Pas d'urgence, dans l'heure ça suffit.", 3600),
        ("Tiene que ser rápido, 2-4 segundos como máximo.", 3),
        ("Deve rispondere entro 6 secondi, altrimenti il cliente chiude.", 6),
        ("Resposta em menos de 7 segundos senão o usuário desiste.", 7),
    ],
)
def test_a_bounded_wait_is_read_in_seconds(text, seconds):
    reading = read(text)
    assert reading.changes.get("latency_seconds") == pytest.approx(seconds)
    (entry,) = [r for r in reading.read if r.field == "latency_seconds"]
    assert entry.quote and entry.quote in text


def test_a_figure_alone_answers_the_question_about_it():
    assert read("20 s.", asked="latency_seconds").changes.get("latency_seconds") == 20
    # a longer answer is read like any text: 'the shift handover lasts 15 minutes' is no bound
    long = read("The shift handover lasts 15 minutes, it should be ready before it.", asked="latency_seconds")
    assert "latency_seconds" not in long.changes


def test_a_vague_wait_is_offered_back_not_written():
    reading = read("It doesn't need to be instant, within a few minutes is fine.")
    assert "latency_seconds" not in reading.changes
    assert any("a few minutes" in q for q in reading.ambiguous)


def test_two_waits_are_asked_between():
    reading = read("Under a minute is fine. Honestly 10 min is fine too.")
    assert "latency_seconds" not in reading.changes
    assert any("60 s" in q and "10.0 min" in q for q in reading.ambiguous)


@pytest.mark.parametrize(
    "text",
    [
        "Our calls are under 5 minutes, which is fine.",  # a call's length
        "Streaming should start within 2 seconds, that's all we ask.",  # the first words
        "The box may run max 6 h a day, that is fine.",  # a schedule
        "It needs to feel instant.",  # words alone
        "Overnight is fine.",
        "They are used to waiting a day for a call back.",  # no bound on the answer's wait
        "We process 5000 in 2 hours every night.",  # a rate, no answer waited on
    ],
)
def test_what_is_not_a_bounded_wait_is_left_open(text):
    assert "latency_seconds" not in read(text).changes
