"""The Ollama adapter through the real `ollama` client against a loopback server that speaks
Ollama's documented wire protocol (no Ollama server exists here)."""

from __future__ import annotations

import json

import pytest

from advisor.models.base import Finished, Message, ModelError, TextDelta, ToolCallsReady, ToolSpec
from advisor.models.ollama_model import OllamaModel, ThinkFilter
from advisor.models.select import select_local
from tests.loopback import Reply, dead_port, loopback, ollama_show, ollama_stream, ollama_tags

TOOL = ToolSpec(name="payback", description="d", parameters={"type": "object", "properties": {}})


def chat(model, text="hi", tools=None):
    return list(model.chat([Message(role="user", content=text)], tools))


def test_streams_text_and_reports_usage():
    with loopback({"/api/chat": [ollama_stream("qwen3:4b", ["Hello ", "there."])]}) as (url, rec):
        events = chat(OllamaModel("qwen3:4b", host=url))
    assert [e.text for e in events if isinstance(e, TextDelta)] == ["Hello ", "there."]
    done = events[-1]
    assert isinstance(done, Finished) and done.message.content == "Hello there."
    assert done.usage.input_tokens == 42 and done.usage.output_tokens == 2
    assert rec.requests[0]["body"]["stream"] is True


def test_tool_calls_round_trip_and_schemas_are_sent():
    call = {"name": "payback", "arguments": {"hardware_cost_usd": 3200, "monthly_cloud_usd": 500}}
    with loopback({"/api/chat": [ollama_stream("qwen3:4b", [], [call])]}) as (url, rec):
        events = chat(OllamaModel("qwen3:4b", host=url), tools=[TOOL])
    calls = next(e for e in events if isinstance(e, ToolCallsReady)).calls
    assert calls[0].name == "payback" and calls[0].arguments["hardware_cost_usd"] == 3200
    sent = rec.requests[0]["body"]["tools"][0]
    assert sent["type"] == "function" and sent["function"]["name"] == "payback"


def test_tool_results_go_back_with_tool_name():
    with loopback({"/api/chat": [ollama_stream("m", ["ok"])]}) as (url, rec):
        model = OllamaModel("m", host=url)
        list(model.chat([Message(role="tool", content='{"x": 1}', tool_name="payback")]))
    assert rec.requests[0]["body"]["messages"][0] == {"role": "tool", "content": '{"x": 1}', "tool_name": "payback"}


def test_think_text_is_stripped_even_split_across_chunks():
    words = ["<thi", "nk>secret plan</th", "ink>Visible ", "answer."]
    with loopback({"/api/chat": [ollama_stream("qwen3:4b", words)]}) as (url, _):
        events = chat(OllamaModel("qwen3:4b", host=url))
    shown = "".join(e.text for e in events if isinstance(e, TextDelta))
    assert shown == "Visible answer." and "secret" not in events[-1].message.content


def test_think_filter_passes_plain_text_through():
    f = ThinkFilter()
    assert f.feed("a < b and c") + f.feed(" <") + f.feed("x") == "a < b and c <x"


def test_dead_port_is_unreachable_with_the_command_that_starts_it():
    with pytest.raises(ModelError) as err:
        chat(OllamaModel("qwen3:4b", host=dead_port()))
    assert err.value.kind == "unreachable" and "ollama serve" in str(err.value)


def test_missing_model_says_what_to_pull():
    reply = Reply(404, {"error": "model 'qwen3:4b' not found"})
    with loopback({"/api/chat": [reply]}) as (url, _), pytest.raises(ModelError) as err:
        chat(OllamaModel("qwen3:4b", host=url))
    assert err.value.kind == "missing_model" and "ollama pull qwen3:4b" in str(err.value)


def test_model_without_tools():
    reply = Reply(400, {"error": "registry.ollama.ai/library/gemma3:4b does not support tools"})
    with loopback({"/api/chat": [reply]}) as (url, _), pytest.raises(ModelError) as err:
        chat(OllamaModel("gemma3:4b", host=url), tools=[TOOL])
    assert err.value.kind == "no_tools"


def test_error_inside_the_stream():
    reply = Reply(lines=[{"message": {"role": "assistant", "content": "par"}, "done": False}, {"error": "boom"}])
    with loopback({"/api/chat": [reply]}) as (url, _), pytest.raises(ModelError) as err:
        chat(OllamaModel("m", host=url))
    assert err.value.kind == "server"


def test_health_and_selection():
    script = {"/api/tags": [ollama_tags("qwen3:4b")], "/api/show": [ollama_show("completion", "tools")]}
    with loopback(script) as (url, _):
        report = OllamaModel("qwen3:4b", host=url).health()
        assert report.ok and report.tools is True
        picked = select_local(None, ollama_host=url, ollama_model="qwen3:4b", offline=False)
        assert picked.label == "ollama:qwen3:4b"
        missing = select_local("ollama:llama3.1:8b", ollama_host=url, ollama_model="qwen3:4b", offline=False)
        assert missing.model is None and "ollama pull llama3.1:8b" in missing.reason


def test_selection_falls_back_when_ollama_is_dead():
    picked = select_local(None, ollama_host=dead_port(), ollama_model="qwen3:4b", offline=False)
    assert "not reachable" in picked.reason
    assert picked.label.startswith("embedded") or picked.label == "none"


def test_offline_refuses_a_remote_ollama_and_bad_specs_are_explained():
    picked = select_local("ollama:qwen3:4b", ollama_host="http://gpu-box:11434", ollama_model="x", offline=True)
    assert picked.model is None and "offline" in picked.reason
    with pytest.raises(ValueError, match="--local"):
        select_local("llamafile", ollama_host=None, ollama_model="x", offline=False)


def test_a_session_on_ollama_probes_once_and_answers():
    """Session → selection → capability probe → a turn, all through the real client."""
    from advisor.config import load_config
    from advisor.session import Session

    no_call = ollama_stream("qwen3:4b", ["I ", "would ", "call ", "a tool."])
    restated = [
        ollama_stream("qwen3:4b", ["The Mac Studio ", "carries it at 65% ", "of one unit's capacity."]),
        ollama_stream("qwen3:4b", ["The cloud ", "is cheaper ", "than buying hardware."]),
    ]
    script = {
        "/api/tags": [ollama_tags("qwen3:4b")],
        "/api/show": [ollama_show("completion", "tools")],
        "/api/chat": [no_call] * 3 + restated + [ollama_stream("qwen3:4b", ["Thanks ", "for ", "the workload."])],
    }
    with loopback(script) as (url, rec):
        session = Session.open(load_config(local="ollama:qwen3:4b", ollama_host=url, offline=True))
        assert session.local_label == "ollama:qwen3:4b"
        assert session.mode == "guided"  # the server never calls a tool: the probe says guided
        probes = len([r for r in rec.requests if r["path"] == "/api/chat"])
        events = list(session.turn("5,000 requests a day at 2K tokens each, public data"))
        again = Session.open(load_config(local="ollama:qwen3:4b", ollama_host=url, offline=True))
        assert again.mode == "guided"
        chats = len([r for r in rec.requests if r["path"] == "/api/chat"])
    assert probes == 3 + 2  # three tool cases, two phrasing cases
    assert chats == probes + 1  # one turn, and the cached probe is not run again
    assert events[-1].answer.startswith("Thanks for the workload.")
    assert "Recommendation" in events[-1].answer


def test_a_tool_calling_model_is_agentic_and_drives_the_tools():
    from advisor.config import load_config
    from advisor.events import ToolAnswered
    from advisor.session import Session

    probe_calls = [
        {"name": "cloud_cost", "arguments": {"model": "claude-sonnet-4-5", "input_tokens": 300000000}},
        {"name": "payback", "arguments": {"hardware_cost_usd": 3200, "monthly_cloud_usd": 500}},
        {"name": "capacity", "arguments": {"hardware": "rtx-4090-24gb", "local_model": "qwen3-8b"}},
    ]
    turn_call = {"name": "cloud_cost", "arguments": {"model": "claude-sonnet-4-5", "input_tokens": "300M"}}
    chat = [ollama_stream("qwen3:8b", [], [c]) for c in probe_calls]
    chat += [
        ollama_stream("qwen3:8b", ["The Mac Studio carries this workload at 65% of one unit's capacity."]),
        ollama_stream("qwen3:8b", ["The cloud option is cheaper than buying hardware."]),
    ]
    reading = {"model": "qwen3:8b", "message": {"role": "assistant", "content": "{}"}, "done": True}
    chat += [
        Reply(body=reading),  # the model's structured reading of the turn (nothing to add here)
        ollama_stream("qwen3:8b", [], [turn_call]),
        ollama_stream("qwen3:8b", ["That ", "is ", "$900 ", "a month."]),
    ]
    script = {"/api/tags": [ollama_tags("qwen3:8b")], "/api/show": [ollama_show("tools")], "/api/chat": chat}
    with loopback(script) as (url, rec):
        session = Session.open(load_config(local="ollama:qwen3:8b", ollama_host=url, offline=True))
        assert session.mode == "agentic"
        events = list(session.turn("what would 300M input tokens a month cost on sonnet 4.5?"))
    result = next(e for e in events if isinstance(e, ToolAnswered) and e.name == "cloud_cost")
    assert result.result["monthly_usd"] == pytest.approx(900)
    assert "$900" in events[-1].answer
    tool_message = rec.requests[-1]["body"]["messages"][-1]
    assert tool_message["role"] == "tool" and tool_message["tool_name"] == "cloud_cost"


def test_model_listing_shows_sizes_and_probe_verdicts(tmp_path):
    """`/model`'s table through the real client: Ollama's models with their size, the embedded
    files, and what the cached probe said of each."""
    from advisor.models.probe import ProbeResult
    from advisor.models.select import local_models_markdown

    result = ProbeResult(mode="agentic", passed=3, total=3, seconds=1, phrased=2, phrase_total=2, why="tools 3/3")
    (tmp_path / "probe.json").write_text(json.dumps({"ollama:qwen3:4b": result.model_dump()}))
    tags = Reply(body={"models": [{"name": "qwen3:4b", "model": "qwen3:4b", "size": 2_500_000_000, "digest": "x"}]})
    with loopback({"/api/tags": [tags]}) as (url, _):
        table = local_models_markdown(url, True, tmp_path)
    assert "| `ollama:qwen3:4b` | 2.50 GB | agentic (tools 3/3) |" in table
    dead = local_models_markdown(dead_port(), False, tmp_path)
    assert "ollama:" not in dead  # no server: only the embedded files, no hang
