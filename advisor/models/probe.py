"""The capability probe: a few canned tool-calling prompts decide whether a local model drives
the tools itself (agentic) or only phrases what the interview computed (guided). Cached per model."""

from __future__ import annotations

import json
import time
import tomllib
from pathlib import Path

from pydantic import BaseModel

from advisor.models.base import ChatModel, Message, ModelError, ToolCallsReady, ToolSpec
from advisor.prompts import load as load_prompt


class ProbeResult(BaseModel):
    mode: str  # agentic | guided
    passed: int
    total: int
    seconds: float


def _cases() -> list[dict]:
    return tomllib.loads(load_prompt("probe.toml"))["case"]


def _passes(model: ChatModel, tools: list[ToolSpec], case: dict) -> bool:
    messages = [
        Message(role="system", content=load_prompt("probe_system.md")),
        Message(role="user", content=case["prompt"]),
    ]
    try:
        for event in model.chat(messages, tools):
            if isinstance(event, ToolCallsReady):
                call = event.calls[0]
                if call.name != case["tool"]:
                    return False
                return all(_same(call.arguments.get(k), v) for k, v in case["expect"].items())
    except ModelError:
        return False
    return False


def _same(got: object, want: object) -> bool:
    try:
        return float(str(got).replace(",", "")) == float(str(want))
    except ValueError:
        return str(got).strip().lower() == str(want).lower()


def probe(model: ChatModel, tools: list[ToolSpec], cache_dir: Path) -> ProbeResult:
    cache = cache_dir / "probe.json"
    known = json.loads(cache.read_text()) if cache.is_file() else {}
    if model.label in known:
        return ProbeResult.model_validate(known[model.label])
    started = time.perf_counter()
    cases = _cases()
    passed = sum(_passes(model, tools, case) for case in cases)
    result = ProbeResult(
        mode="agentic" if passed == len(cases) else "guided",
        passed=passed,
        total=len(cases),
        seconds=time.perf_counter() - started,
    )
    known[model.label] = result.model_dump()
    cache.write_text(json.dumps(known, indent=1))
    return result
