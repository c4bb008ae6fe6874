"""A model name is read only when the words spell that model: a common word is not a typo of a model
name ('code' is not 'codex'), and a size the words give rules out the catalog's other sizes ('Llama
3.1 70B' is not the catalog's Llama 3.1 8B)."""

from __future__ import annotations

import pytest

from advisor.interview.names import find_mentions
from advisor.tools.catalog import load_catalog


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
