"""The hybrid meter: what a Claude-only advisor would have sent and written each turn, counted at
the stated 4 characters per token and priced at the Claude model's catalog price. The memo is
written by the real `anthropic` SDK against a loopback Messages API (no network)."""

from __future__ import annotations

import json

import pytest

from advisor.meter import CHARS_PER_TOKEN, TurnTranscript, all_claude_tokens, estimate
from advisor.prompts import load as load_prompt
from tests.bench.bench_hybrid_share import SESSION, play


def test_a_turn_is_counted_by_hand():
    turn = TurnTranscript(
        profile={}, history=["a" * 400, "b" * 400], user_text="c" * 80, tool_results=[], answer="d" * 200
    )
    system = load_prompt("system_local.md").replace("{profile}", "{}")
    i, o = all_claude_tokens(turn, tool_schemas="s" * 1000)
    assert i == -(-(len(system) + 1000 + 800 + 80) // CHARS_PER_TOKEN)
    assert o == 50


def test_a_tool_turn_costs_a_second_request_carrying_the_result():
    plain = TurnTranscript(profile={}, history=[], user_text="hi", tool_results=[], answer="ok")
    tooled = plain.model_copy(update={"tool_results": [json.dumps({"x": "y" * 4000})]})
    i0, _ = all_claude_tokens(plain, "")
    i1, _ = all_claude_tokens(tooled, "")
    assert i1 >= 2 * i0 + 1000


def test_priced_at_the_claude_price(catalog):
    from advisor.escalation.pricing import claude_usd

    turn = TurnTranscript(profile={}, history=[], user_text="x" * 4000, tool_results=[], answer="y" * 4000)
    guess = estimate(turn, "", lambda i, o: claude_usd(catalog, "claude-sonnet-4-6", i, o))
    assert guess.usd == pytest.approx(guess.input_tokens * 3e-6 + guess.output_tokens * 15e-6)
    assert "4 characters per token" in guess.basis


def test_six_turns_with_one_memo_put_all_claude_several_times_over_claude(tmp_path):
    turns = [*SESSION[2:7], SESSION[12]]
    spend = play(turns, str(tmp_path))["spend"]
    assert spend["claude_usd"] > 0
    assert spend["all_claude_usd"] >= 3 * spend["claude_usd"]
    assert spend["claude_share"] == pytest.approx(spend["claude_usd"] / spend["all_claude_usd"])
    assert spend["all_claude_input_tokens"] > spend["claude_input_tokens"]


def test_the_all_claude_figure_grows_every_turn_even_with_no_local_model(tmp_path):
    one = play(SESSION[:1], str(tmp_path / "a"))["spend"]
    two = play(SESSION[:2], str(tmp_path / "b"))["spend"]
    assert 0 < one["all_claude_usd"] < two["all_claude_usd"]


def test_twenty_turns_with_one_memo_call_claude_once_for_a_small_share(tmp_path):
    document = play(SESSION, str(tmp_path))
    spend = document["spend"]
    assert document["claude_calls"] == 1
    assert spend["claude_usd"] > 0 and spend["all_claude_usd"] > spend["claude_usd"]
    print(f"\nClaude's share of all-Claude over 20 turns: {spend['claude_share']:.1%}")
