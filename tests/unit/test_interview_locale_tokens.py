"""Token counts in German ("3k Kontext, 500 raus", "3.000 Token rein, 500 raus", "Eingabe …,
Ausgabe …") read as input and output, as the English words are; English stays as it was."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

CATALOG = load_catalog()


def _changes(text: str, asked: str | None = None) -> dict:
    return read_answer(text, WorkloadProfile(), CATALOG, asked=asked).changes


@pytest.mark.parametrize(
    ("text", "tokens_in", "tokens_out"),
    [
        ("3k Kontext, 500 raus", 3000, 500),
        ("3.000 Token rein, 500 raus", 3000, 500),
        ("Eingabe 2.000 Token, Ausgabe 400 Token", 2000, 400),
        ("etwa 1.200 Tokens Eingabe und 250 Tokens Ausgabe", 1200, 250),
        ("Kontext 8k, Antwort 700", 8000, 700),
        ("rund 5k Token rein und ca. 1k Token raus", 5000, 1000),
    ],
)
def test_german_token_words(text, tokens_in, tokens_out):
    changes = _changes(text)
    assert changes["input_tokens_per_request"] == tokens_in
    assert changes["output_tokens_per_request"] == tokens_out


@pytest.mark.parametrize(
    ("text", "tokens_in", "tokens_out"),
    [
        ("2k in, 300 out", 2000, 300),
        ("We need to rein in costs: 1,500 tokens in and 200 out.", 1500, 200),
        ("Context is 6k tokens, answers 400 tokens.", 6000, 400),
    ],
)
def test_english_token_words_are_unchanged(text, tokens_in, tokens_out):
    changes = _changes(text)
    assert changes["input_tokens_per_request"] == tokens_in
    assert changes["output_tokens_per_request"] == tokens_out


def test_rein_without_a_number_is_not_a_direction():
    """ "rein in" is English; only a count right before it makes "rein" German for "in"."""
    reading = read_answer("We want to rein in spending on 4k-token prompts.", WorkloadProfile(), CATALOG)
    assert reading.changes.get("input_tokens_per_request") == 4000
    assert "output_tokens_per_request" not in reading.changes


def test_german_words_are_quoted_as_typed():
    reading = read_answer("3.000 Token rein, 500 raus", WorkloadProfile(), CATALOG)
    assert any("'3.000 Token rein, 500 raus'" in note for note in reading.notes)
