"""Waits as people say them: 'bis zu einer Minute', 'up to a minute', 'a couple of minutes is fine'
are the whole answer's wait (latency_seconds); a wait for the first words ('the first words within
2 s', 'streaming should start within 500 ms') is first_token_seconds, kept apart — a first-words cue
belongs to the figure beside it, so 'the first words within 2 s, the whole answer within 30 s' is
both, each in its field. Three blind testers' waits went unread last session."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.profile import WorkloadProfile


def _read(catalog, text: str, asked: str | None = None) -> dict:
    return read_answer(text, WorkloadProfile(), catalog, asked=asked).changes


@pytest.mark.parametrize(
    ("text", "field", "seconds"),
    [
        ("Die Antwort darf bis zu einer Minute dauern.", "latency_seconds", 60),
        ("the answer can take up to a minute", "latency_seconds", 60),
        ("a couple of minutes is fine", "latency_seconds", 120),
        ("la réponse peut prendre jusqu'à 2 minutes", "latency_seconds", 120),
        ("la respuesta puede tardar hasta 30 segundos", "latency_seconds", 30),
        ("streaming should start within 500 ms", "first_token_seconds", 0.5),
        ("Die ersten Wörter sollen nach höchstens 1 Sekunde kommen.", "first_token_seconds", 1),
        ("die ersten Woerter nach hoechstens 2 Sekunden", "first_token_seconds", 2),  # typed without umlauts
    ],
)
def test_a_wait_is_read_as_the_whole_answers_or_the_first_words(catalog, text, field, seconds):
    changes = _read(catalog, text)
    assert changes == {field: seconds}


def test_the_first_words_and_the_whole_answer_are_kept_apart(catalog):
    changes = _read(catalog, "the first words within 2 s, the whole answer within 30 s")
    assert changes == {"first_token_seconds": 2, "latency_seconds": 30}


def test_a_figure_between_keeps_a_first_words_cue_off_a_later_wait(catalog):
    changes = _read(catalog, "we start with 500 requests a day, answers under 5 s")
    assert changes.get("latency_seconds") == 5 and "first_token_seconds" not in changes
