"""'I didn't use …' is asked of numbers that may be a quantity, never of one that is none: a year
('since 2021'), a time of day ('at 8:15', '7 am', '18 Uhr'), a list's numbering ('1) … 2) …'), a
model's version ('4.1-mini', 'Llama 3.1'), a number the user says does not count ('3, ça ne compte
pas'); a count of something ('12 languages') still is."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.profile import WorkloadProfile


def _unused_asked(catalog, text: str) -> list[str]:
    reading = read_answer(text, WorkloadProfile(), catalog)
    return [a for a in reading.ambiguous if "didn't use" in a] + [
        c.question for c in reading.open_choices if "didn't use" in c.question
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Since 2021 we handle 600 claims a day, 3k in and 400 out.",
        "Seit 2019 bearbeiten wir 600 Anträge am Tag, je 3.000 Token rein und 400 raus.",
        "The batch starts at 8:15 every morning: 600 claims a day, 3k in and 400 out.",
        "Traffic peaks around 7 am; 600 claims a day, 3k in and 400 out.",
        "Ab 18 Uhr ist Ruhe; 600 Anträge am Tag, je 3.000 Token rein und 400 raus.",
        "Our work: 1) triage 2) replies; 600 claims a day, 3k in and 400 out.",
        "We moved off 4.1-mini last month; 600 claims a day, 3k in and 400 out.",
        "On a 3 services, enfin 3, ça ne compte pas: 600 dossiers par jour, 3 000 jetons en entrée et 400 en sortie.",
    ],
)
def test_a_number_that_is_no_volume_or_size_is_not_asked_about(catalog, text):
    assert _unused_asked(catalog, text) == []


def test_a_count_of_something_is_still_asked_about(catalog):
    asked = _unused_asked(catalog, "600 notes a day in 12 languages, 3k in and 400 out.")
    assert asked and "12 languages" in asked[0]
