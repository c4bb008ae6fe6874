"""A model name is read only when the words spell that model: a common word is not a typo of a model
name ('code' is not 'codex'), and a size the words give rules out the catalog's other sizes ('Llama
3.1 70B' is not the catalog's Llama 3.1 8B)."""

from __future__ import annotations

import pytest

from advisor.interview.names import find_mentions
from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile


def named(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for match in find_mentions(text, load_catalog()):
        for section, ids in match.by_section.items():
            out.setdefault(section, []).extend(ids)
    return out


@pytest.mark.parametrize(
    "text",
    [
        "it's customer code so confidential",
        "migrating COBOL code to Java",
        "could we run something like Qwen2.5-Coder 32B locally",
        "Hindi + English + code-mixed speech",
        "our branches in the South West",
    ],
)
def test_a_common_word_is_not_a_typo_of_a_model_name(text):
    assert named(text) == {}


def test_typos_inside_a_name_are_still_read():
    assert named("we use claude sonet 4.5")["cloud"]
    assert named("antropic's opus")["cloud"]
    assert named("deepsek r1")


def test_a_size_the_words_give_rules_out_another_size():
    assert "llama-3.1-8b" not in named("run Llama 3.1 70B on our 2x 4090 box").get("local-models", [])
    assert named("llama 3.3 70b")["local-models"] == ["llama-3.3-70b"]
    assert named("Llama 3.1 8B")["local-models"] == ["llama-3.1-8b"]


@pytest.mark.parametrize(
    ("text", "hardware"),
    [
        ("We already own a server with two NVIDIA L40S cards.", "l40s-48gb"),
        ("Wir haben zwei NVIDIA A100 Karten im Rack.", "a100-80gb"),
    ],
)
def test_a_brand_before_a_card_is_part_of_that_cards_name(text, hardware):
    """'two NVIDIA' is the start of the 2 × H100 server's label, but before 'L40S' it is the L40S's own
    words: one reading of the card, not a second one asked against it (it offered a dual H100)."""
    reading = read_answer(text, WorkloadProfile(), load_catalog())
    assert reading.changes.get("owned_hardware") == hardware
    assert reading.changes.get("owned_units") == 2
    assert not reading.open_choices


@pytest.mark.parametrize(
    "text",
    [
        "We have two L40S on order, not delivered yet.",
        "Wir haben zwei A100 bestellt.",
        "On a deux L40S commandées, pas encore livrées.",
    ],
)
def test_hardware_ordered_is_hardware_to_buy_not_owned(text):
    reading = read_answer(text, WorkloadProfile(), load_catalog())
    assert "owned_hardware" not in reading.changes
    assert reading.changes.get("hardware") in ("l40s-48gb", "a100-80gb")
