"""A capable local model helps read (issue 13): its structured reading fills a field the reader
missed, is refused where it invents a number, and a disagreement with the reader becomes a
question. Through the real `ollama` client against the loopback Ollama server (tests/loopback.py)
with scripted structured replies: `format=` carries the flat schema."""

from __future__ import annotations

import json

from advisor.config import load_config
from advisor.events import Notice, ProfileChanged, TurnFinished
from advisor.models.extract import SCHEMA, merge
from advisor.session import Session
from tests.loopback import Reply, loopback, ollama_show, ollama_stream, ollama_tags

TEXT = "we push about 800 contracts through daily; prompts run 6000 tokens, replies 800"
MODEL = "qwen3:8b"


def structured(values: dict) -> Reply:
    return Reply(
        body={
            "model": MODEL,
            "created_at": "2026-11-25T00:00:00Z",
            "message": {"role": "assistant", "content": json.dumps(values)},
            "done": True,
            "done_reason": "stop",
            "prompt_eval_count": 80,
            "eval_count": 30,
        }
    )


def agentic_session(url: str) -> Session:
    return Session.open(load_config(local=f"ollama:{MODEL}", ollama_host=url, offline=True))


CALLS = [
    {"name": "cloud_cost", "arguments": {"model": "claude-sonnet-4-5", "input_tokens": 3e8}},
    {"name": "payback", "arguments": {"hardware_cost_usd": 3200, "monthly_cloud_usd": 500}},
    {"name": "capacity", "arguments": {"hardware": "rtx-4090-24gb", "local_model": "qwen3-8b"}},
]
PROBE = [
    *(ollama_stream(MODEL, [], [call]) for call in CALLS),
    ollama_stream(MODEL, ["The Mac Studio carries this workload at 65% of one unit's capacity."]),
    ollama_stream(MODEL, ["The cloud option is cheaper than buying hardware."]),
]


def run_turn(reply: Reply) -> tuple[list, list[dict], Session]:
    script = {
        "/api/tags": [ollama_tags(MODEL)],
        "/api/show": [ollama_show("completion", "tools")],
        "/api/chat": [*PROBE, reply, ollama_stream(MODEL, ["Here is how the options compare."])],
    }
    with loopback(script) as (url, rec):
        session = agentic_session(url)
        assert session.mode == "agentic"
        events = list(session.turn(TEXT))
    return events, [r["body"] for r in rec.requests if r["path"] == "/api/chat"], session


def test_the_model_fills_the_field_the_reader_missed():
    reply = structured({"requests_per_day": 800, "input_tokens_per_request": 6000, "output_tokens_per_request": 800})
    events, bodies, session = run_turn(reply)
    asked = bodies[len(PROBE)]
    assert asked["format"] == SCHEMA and asked["stream"] is False  # the flat schema, no $ref
    assert session.state.profile.output_tokens_per_request == 800
    changed = {k for e in events if isinstance(e, ProfileChanged) for k in e.changes}
    assert "output_tokens_per_request" in changed
    answer = next(e.answer for e in events if isinstance(e, TurnFinished))
    assert "local model read 800 as output tokens" in answer  # what the turn read is the answer's first line


def test_a_lying_reply_is_refused():
    reply = structured({"requests_per_day": 800, "output_tokens_per_request": 1200})  # 1,200 is nowhere
    events, _, session = run_turn(reply)
    assert session.state.profile.output_tokens_per_request != 1200
    refused = [e.text for e in events if isinstance(e, Notice) and "not taken" in e.text]
    assert refused and "1200" in refused[0]


def test_a_disagreement_becomes_a_question():
    reply = structured({"requests_per_day": 6000})  # 6000 is in the text, but it is the prompt size
    events, _, session = run_turn(reply)
    assert session.state.profile.requests_per_day == 800  # the reader's reading stands
    answer = next(e for e in events if isinstance(e, TurnFinished)).answer
    assert "the local model read 6,000 — which is it?" in answer


def test_merge_rules():
    read = {"requests_per_day": 800.0}
    out = merge(TEXT, read, {"requests_per_day": 800, "input_tokens_per_request": 6000, "privacy": "public"}, {})
    assert out.changes == {"input_tokens_per_request": 6000, "privacy": "public"} and not out.questions
    lower = merge(TEXT, {"privacy": "regulated"}, {"privacy": "public"}, {})
    assert "privacy" not in lower.changes and not lower.questions  # never lowered
    made_up = merge(TEXT, {}, {"monthly_input_tokens": 144_000_000}, {})  # arithmetic, not the user's words
    assert not made_up.changes and made_up.refused


def test_the_model_never_replaces_a_value_the_user_set():
    """/set output_tokens_per_request 500, then a message the model reads 800 from: 500 stays (the
    model's reading is weaker than the user's own word)."""
    reply = structured({"requests_per_day": 800, "input_tokens_per_request": 6000, "output_tokens_per_request": 800})
    script = {
        "/api/tags": [ollama_tags(MODEL)],
        "/api/show": [ollama_show("completion", "tools")],
        "/api/chat": [*PROBE, reply, ollama_stream(MODEL, ["Here is how the options compare."])],
    }
    with loopback(script) as (url, _):
        session = agentic_session(url)
        session.state.apply({"output_tokens_per_request": 500.0}, "set")
        list(session.turn(TEXT))
    assert session.state.profile.output_tokens_per_request == 500
    assert session.state.source("output_tokens_per_request") == "set"
