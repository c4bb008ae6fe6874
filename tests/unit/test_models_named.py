"""Models as people name them: one the catalog lacks is said, never swapped for one it has; a model
beside it, or one side of 'X/Y', is asked, not written as the pick; a variant's word ('Sol') in
ordinary text names no model; a share taken back to none is none."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

CATALOG = load_catalog()


def _read(text: str, asked: str | None = None):
    return read_answer(text, WorkloadProfile(), CATALOG, asked=asked)


@pytest.mark.parametrize(
    ("text", "said"), [("we use GPT-4o today", "GPT-4o"), ("GPT-4o-mini via the API", "GPT-4o-mini")]
)
def test_a_model_the_catalog_lacks_is_said_not_swapped(text, said):
    assert "gpt-4o" not in CATALOG.cloud  # the premise: the catalog has no GPT-4o
    reading = _read(text)
    assert "cloud_model" not in reading.changes
    assert any(n.startswith(f"'{said}' is not in the catalog") for n in reading.notes)
    assert not any("gpt-oss" in q for q in reading.ambiguous)


@pytest.mark.parametrize(
    "text",
    [
        "GPT-4o via Azure ça passe côté coût ou on reste sur Mistral Large ?",
        "For the hardest 5% we'd want Claude/GPT-5 level.",
    ],
)
def test_a_model_named_beside_another_is_asked_not_the_pick(text):
    reading = _read(text)
    assert "cloud_model" not in reading.changes
    assert any("cloud model" in q for q in reading.ambiguous)


def test_a_model_named_alone_is_still_read():
    assert _read("we use gpt-5 through the API today").changes["cloud_model"] == "gpt-5"


def test_a_variant_word_in_ordinary_text_names_no_model():
    reading = _read("Tenemos muchos compradores en la Costa del Sol y unas 40 fichas nuevas al día.")
    assert "cloud_model" not in reading.changes
    assert _read("we'd price it on GPT-5.6 Sol").changes.get("cloud_model") == "gpt-5.6-sol"


def test_a_share_taken_back_to_none_is_none():
    text = "maybe 5% are fraud cases that need a smart model. actually no, those go to humans anyway, so none"
    reading = _read(text, asked="frontier_share")
    assert reading.changes["frontier_share"] == 0.0
    assert reading.unread == []


@pytest.mark.parametrize("text", ["mac 1e9 mac", "gpt 5o gpt", "gpt-4o gpt-4o"])
def test_a_version_beside_any_name_never_breaks_the_reading(text):
    reading = _read(text)  # hypothesis found "mac 1e9 mac" raising StopIteration
    assert "cloud_model" not in reading.changes
