"""No hardware of their own, in the words people use in any language ('Keine Hardware', 'on n'a
rien', 'não temos nada', 'nothing on-prem'), declines hardware (compare what to buy); so does an
answer to the hardware question that opens with a word for none and goes on about something else
('nessuno. Ah, correggo: …'); hardware named in it is not none."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile


def read(text: str, asked: str | None = None):
    return read_answer(text, WorkloadProfile(), load_catalog(), asked=asked)


@pytest.mark.parametrize(
    "text",
    [
        "Keine Hardware. Budget: 900 € im Monat.",
        "on n'a rien. budget 250 € par mois max",
        "não temos nada, tudo em nuvem hoje",
        "Nothing on-prem, we're all on Azure.",
        "Hardware hebben we niet, alles draait bij een hoster.",
    ],
)
def test_no_hardware_in_any_language_is_declined(text):
    assert "hardware" in read(text).declined


@pytest.mark.parametrize(
    "text", ["nessuno. Ah, correggo: 9.000 sono per lingua", "none currently. Also 2 lakh is only CT, not X-ray"]
)
def test_an_answer_opening_with_none_declines_hardware(text):
    assert "hardware" in read(text, asked="hardware").declined


def test_hardware_named_is_not_none():
    assert (
        "hardware" not in read("None of the cloud ones, we have an RTX 4090 in the office.", asked="hardware").declined
    )
