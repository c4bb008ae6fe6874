"""The agent turn with a scripted model: tool calls validated, errors fed back, loops capped,
invented figures held back, failures falling back to the deterministic answer."""

from __future__ import annotations

import pytest

from advisor.agent import MAX_TOOL_STEPS, TurnContext, run_turn
from advisor.events import Notice, ProfileChanged, TextChunk, ToolAnswered, ToolCalled, TurnFinished
from advisor.models.base import ModelError
from advisor.state import SessionState
from tests.scripted import ScriptedModel, Step

ROUTER = "A router agent handles 5,000 requests a day at 2K tokens each; public data"


def run(ctx, text, **kw):
    return list(run_turn(ctx, text, **kw))


def answer(events):
    return next(e for e in events if isinstance(e, TurnFinished)).answer


def test_no_model_reads_the_router_workload_and_recommends(catalog):
    ctx = TurnContext(catalog=catalog, state=SessionState())
    events = run(ctx, ROUTER)
    changed = next(e for e in events if isinstance(e, ProfileChanged))
    assert changed.changes["requests_per_day"][1] == 5000
    assert any(isinstance(e, ToolCalled) and e.name == "compare" for e in events)
    text = answer(events)
    assert "Recommendation" in text


def test_agentic_tool_call_round_trip(catalog):
    model = ScriptedModel(
        [
            Step(calls=[("cloud_cost", {"model": "claude-sonnet-4-5", "input_tokens": "300M"})]),
            Step(text="That comes to $900 a month on Sonnet 4.5."),
        ]
    )
    ctx = TurnContext(catalog=catalog, state=SessionState(), local=model, mode="agentic")
    events = run(ctx, "what does 300M input tokens cost on sonnet 4.5?")
    result = next(e for e in events if isinstance(e, ToolAnswered) and e.name == "cloud_cost")
    assert result.result["monthly_usd"] == pytest.approx(900)
    assert "$900" in answer(events)
    tool_message = model.requests[1][-1]
    assert tool_message.role == "tool" and tool_message.tool_name == "cloud_cost"


def test_invalid_arguments_go_back_to_the_model_as_a_tool_error(catalog):
    model = ScriptedModel(
        [
            Step(calls=[("cloud_cost", {"model": "claude-sonnet-4-5", "input_tokens": "-5M"})]),
            Step(calls=[("cloud_cost", {"model": "claude-sonnet-4-5", "input_tokens": "5M"})]),
            Step(text="Done."),
        ]
    )
    ctx = TurnContext(catalog=catalog, state=SessionState(), local=model, mode="agentic")
    events = run(ctx, "cost of 5M tokens on sonnet 4.5")
    errors = [e for e in events if isinstance(e, ToolAnswered) and e.error]
    assert errors and "input-tokens" in errors[0].error
    assert "input-tokens" in model.requests[1][-1].content


def test_unknown_tool_is_reported_not_crashed(catalog):
    model = ScriptedModel([Step(calls=[("launch_rocket", {})]), Step(text="Sorry.")])
    ctx = TurnContext(catalog=catalog, state=SessionState(), local=model, mode="agentic")
    events = run(ctx, "hi")
    assert any(isinstance(e, ToolAnswered) and "unknown tool" in (e.error or "") for e in events)


def test_endless_tool_loop_is_capped(catalog):
    model = ScriptedModel(
        [Step(calls=[("payback", {"hardware_cost_usd": 1, "monthly_cloud_usd": 2})])], repeat_last=True
    )
    ctx = TurnContext(catalog=catalog, state=SessionState(), local=model, mode="agentic")
    events = run(ctx, "loop forever")
    assert len(model.requests) == MAX_TOOL_STEPS
    assert any(isinstance(e, Notice) and "stopped after" in e.text for e in events)
    assert isinstance(events[-1], TurnFinished)


def test_invented_figures_are_withheld(catalog):
    model = ScriptedModel([Step(text="Honestly it is about $4,321 a month. Ask me anything.")])
    ctx = TurnContext(catalog=catalog, state=SessionState(), local=model, mode="agentic")
    events = run(ctx, "how much?")
    shown = "".join(e.text for e in events if isinstance(e, TextChunk))
    assert "4,321" not in shown
    assert any(isinstance(e, Notice) and "$4,321" in e.text for e in events)


def test_model_failure_falls_back_and_counts(catalog):
    model = ScriptedModel([Step(error=ModelError("unreachable", "Ollama is not reachable"))] * 2)
    ctx = TurnContext(catalog=catalog, state=SessionState(), local=model, mode="agentic")
    first = run(ctx, ROUTER)
    assert "Recommendation" in answer(first)
    assert any(isinstance(e, Notice) and "not reachable" in e.text for e in first)
    second = run(ctx, "and what do you think?")
    assert ctx.local_failures == 2
    assert any(isinstance(e, Notice) and "failed its turn twice" in e.text for e in second)


def test_whatif_doubles_the_figures(catalog):
    ctx = TurnContext(catalog=catalog, state=SessionState())
    run(ctx, ROUTER)
    events = run(ctx, "what if volume doubles?")
    results = [e.result for e in events if isinstance(e, ToolAnswered) and e.name == "compare"]
    before, after = results
    assert after["profile"]["monthly_input_tokens"] == pytest.approx(2 * before["profile"]["monthly_input_tokens"])
    cloud = lambda r: min(o["monthly_usd"] for o in r["options"] if o["deployment"] == "cloud")  # noqa: E731
    assert cloud(after) == pytest.approx(2 * cloud(before), rel=0.01)
    assert ctx.state.profile.requests_per_day == 5000  # a scenario, not a change


def test_guided_mode_model_only_phrases(catalog):
    model = ScriptedModel([Step(text="Thanks, that helps me compare your options.")])
    ctx = TurnContext(catalog=catalog, state=SessionState(), local=model, mode="guided")
    events = run(ctx, ROUTER)
    assert model.tools_seen == [None]
    text = answer(events)
    assert text.startswith("Thanks, that helps me compare your options.") and "Recommendation" in text
