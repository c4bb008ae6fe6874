"""The voice gate with the sentences the embedded SmolLM2-135M really wrote (issue 13): cut off,
off topic, babbling, contradicting the tools' verdicts — each is dropped, and the advisor's own
plain sentence stands in. Good sentences pass. Verdicts come from a real compare run."""

from __future__ import annotations

import pytest

from advisor.agent import TurnContext, run_turn
from advisor.events import Notice, TextChunk, TurnFinished
from advisor.gate import SentenceGate
from advisor.state import SessionState
from advisor.tools.compare import compare_profile
from advisor.tools.profile import WorkloadProfile
from advisor.voice import Verdicts, is_complete, judge, plain_sentence
from tests.scripted import ScriptedModel, Step

NEWCOMER = "hi, we're a small law firm and thinking about using AI for some stuff, not sure where to start"
CAPACITY = "can our mac studio carry 800 contracts a day, 6,000 tokens in and 800 out?"


@pytest.fixture(scope="module")
def mac_result(catalog):
    profile = WorkloadProfile(
        requests_per_day=800,
        input_tokens_per_request=6000,
        output_tokens_per_request=800,
        hardware="mac-studio-m4-ultra-192gb",
        privacy="sensitive",
    )
    return compare_profile(profile, catalog).model_dump(mode="json")


def test_the_mac_studio_carries_the_load_in_this_result(mac_result):
    verdicts = Verdicts.from_sources([mac_result])
    assert verdicts.fits and all(verdicts.fits.values())  # one unit, well under its capacity
    assert verdicts.recommended == "cloud" and verdicts.cheapest == "cloud"


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("You're welcome. I", "cut off"),
        ("I'm sorry for your loss.", "off the turn's topic"),
        ("Tokyo, Japan", "cut off"),
        ("Tokyo, Japan.", "off the turn's topic"),
        ("No, " * 80 + "no.", "repeats itself"),
        ("The network is designed to ensure that your data is delivered to your home.", "off the turn's topic"),
    ],
)
def test_real_bad_sentences_from_a_newcomer_turn_are_dropped(sentence, why):
    assert judge(sentence, sources=[NEWCOMER], user_text=NEWCOMER) == why


def test_the_mac_studio_contradiction_is_dropped(mac_result):
    why = judge("No, the Mac Studio does not carry the load.", sources=[CAPACITY, mac_result], user_text=CAPACITY)
    assert why is not None and "carries the load" in why


def test_a_sentence_agreeing_with_the_capacity_verdict_passes(mac_result):
    sentence = "Yes, the Mac Studio can handle that load."
    assert judge(sentence, sources=[CAPACITY, mac_result], user_text=CAPACITY) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Running it locally is cheaper than the cloud.",
        "The cloud is more expensive than your own hardware.",
        "I recommend the hybrid option for this workload.",
    ],
)
def test_cost_and_recommendation_contradictions_are_dropped(sentence, mac_result):
    assert judge(sentence, sources=[CAPACITY, mac_result], user_text=CAPACITY) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "The cloud is cheaper than running it locally.",
        "Thanks — here is how cloud, local and hybrid compare for your workload.",
        "I recommend the cloud option for now.",
    ],
)
def test_consistent_on_topic_sentences_pass(sentence, mac_result):
    assert judge(sentence, sources=[CAPACITY, mac_result], user_text=CAPACITY) is None


def test_an_invented_figure_is_dropped(mac_result):
    why = judge("The cloud costs $4,321 a month.", sources=[CAPACITY, mac_result], user_text=CAPACITY)
    assert why is not None and "$4,321" in why


def test_completeness():
    assert is_complete("Here is the comparison.")
    assert is_complete('He said "cloud."')
    assert not is_complete("You're welcome. I")
    assert is_complete("- cloud: the cheapest\n") and not is_complete("- cloud: the chea")


def test_the_gate_stops_at_a_sentence_end_and_drops_the_cut_fragment():
    gate = SentenceGate([NEWCOMER], user_text=NEWCOMER)
    shown = gate.feed("Thanks — let's work out what your workload costs. You're welcome. I")
    shown += gate.flush()
    assert shown == ["Thanks — let's work out what your workload costs. "]
    assert [why for _, why in gate.dropped] == ["off the turn's topic", "cut off"]


def test_a_repeated_sentence_is_shown_once():
    gate = SentenceGate([NEWCOMER], user_text=NEWCOMER)
    shown = gate.feed("Let's look at the cost. Let's look at the cost. ") + gate.flush()
    assert shown == ["Let's look at the cost. "]


def test_in_a_turn_the_plain_sentence_stands_in_for_a_dropped_one(catalog):
    model = ScriptedModel([Step(text="You're welcome. I")])
    ctx = TurnContext(catalog=catalog, state=SessionState(), local=model, mode="guided")
    events = list(run_turn(ctx, NEWCOMER))
    answer = next(e for e in events if isinstance(e, TurnFinished)).answer
    assert "welcome" not in answer
    assert answer.startswith(plain_sentence("question"))
    assert any(isinstance(e, Notice) and "not shown" in e.text for e in events)


def test_quiet_mode_never_asks_the_model_to_phrase(catalog):
    model = ScriptedModel([Step(text="I'm sorry for your loss.")])
    ctx = TurnContext(catalog=catalog, state=SessionState(), local=model, mode="quiet")
    events = list(run_turn(ctx, NEWCOMER))
    assert model.requests == []
    shown = "".join(e.text for e in events if isinstance(e, TextChunk))
    assert shown.startswith(plain_sentence("question"))
