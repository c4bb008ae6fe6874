"""The capability probe: canned prompts decide how far a local model is trusted. It must restate a
given fact in one clean sentence to phrase at all (else **quiet**: the advisor's own sentences
stand in); if it also calls the right tool with the right arguments in every case it drives the
tools itself (**agentic**); otherwise the interview drives and the model only phrases (**guided**).
Cached per model, with the reason in words for the status bar."""

from __future__ import annotations

import json
import time
import tomllib
from pathlib import Path

from pydantic import BaseModel

from advisor.gate import SentenceGate
from advisor.models.base import ChatModel, Message, ModelError, TextDelta, ToolCallsReady, ToolSpec
from advisor.prompts import load as load_prompt
from advisor.tools.userfile import JSON_MAX_BYTES, UserFileError, read_bytes, replace_atomically
from advisor.tools.wording import N_  # the modes, as the status bar says them

PROBE_VERSION = 2  # cached results of an older probe are run again


class ProbeResult(BaseModel):
    mode: str  # agentic | guided | quiet
    passed: int  # tool cases
    total: int
    seconds: float
    phrased: int = 0
    phrase_total: int = 0
    why: str = ""  # short, for the status bar: "failed the phrasing check (0/2)"
    version: int = PROBE_VERSION


def _probe_data() -> dict:
    return tomllib.loads(load_prompt("probe.toml"))


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


def phrases(model: ChatModel, case: dict) -> bool:
    """Does the model restate ``case["fact"]`` in clean sentences the voice gate lets through?"""
    messages = [
        Message(role="system", content=load_prompt("probe_phrase.md")),
        Message(role="user", content=case["fact"]),
    ]
    gate = SentenceGate([case["fact"]], user_text=case["fact"])
    shown: list[str] = []
    try:
        for event in model.chat(messages, None):
            if isinstance(event, TextDelta):
                shown += gate.feed(event.text)
    except ModelError:
        return False
    shown += gate.flush()
    text = " ".join(shown).lower()
    if not shown or gate.dropped:
        return False
    return all(w in text for w in case.get("must", [])) and not any(w in text for w in case.get("must_not", []))


def _same(got: object, want: object) -> bool:
    try:
        return float(str(got).replace(",", "")) == float(str(want))
    except ValueError:
        return str(got).strip().lower() == str(want).lower()


def decide(passed: int, total: int, phrased: int, phrase_total: int, *, tools_probed: bool) -> tuple[str, str]:
    """The mode and the short reason for it (status-bar length)."""
    phrasing = f"phrasing {phrased}/{phrase_total}"
    if phrased < phrase_total:
        return N_("quiet"), f"failed {phrasing}"
    if not tools_probed:
        return N_("guided"), f"{phrasing}; embedded, no tool calls"
    tools = f"tools {passed}/{total}"
    return (N_("agentic") if passed == total else N_("guided")), f"{tools}, {phrasing}"


def probe(model: ChatModel, tools: list[ToolSpec] | None, cache_dir: Path) -> ProbeResult:
    """Run the probe once per model (``tools=None``: phrasing only, for models without tool calls)."""
    cache = cache_dir / "probe.json"
    known = _known(cache)
    cached = known.get(model.label)
    if cached and cached.get("version") == PROBE_VERSION:
        return ProbeResult.model_validate(cached)
    started = time.perf_counter()
    data = _probe_data()
    cases = data["case"] if tools else []
    passed = sum(_passes(model, tools, case) for case in cases) if tools else 0
    phrase_cases = data["phrase"]
    phrased = sum(phrases(model, case) for case in phrase_cases)
    mode, why = decide(passed, len(cases), phrased, len(phrase_cases), tools_probed=bool(tools))
    result = ProbeResult(
        mode=mode,
        passed=passed,
        total=len(cases),
        phrased=phrased,
        phrase_total=len(phrase_cases),
        why=why,
        seconds=time.perf_counter() - started,
    )
    known[model.label] = result.model_dump()
    replace_atomically(cache, json.dumps(known, indent=1))
    return result


def _known(cache: Path) -> dict:
    """The probe results kept in the cache dir: data only, and anything unreadable is no result
    (the probe runs again)."""
    if not cache.exists():
        return {}
    try:
        known = json.loads(read_bytes(cache, JSON_MAX_BYTES, "probe record"))
    except (UserFileError, ValueError, RecursionError):
        return {}
    return known if isinstance(known, dict) else {}


def cached_results(cache_dir: Path) -> dict[str, ProbeResult]:
    """Every model probed on this machine so far (for `/model`)."""
    cache = cache_dir / "probe.json"
    known = _known(cache)
    out: dict[str, ProbeResult] = {}
    for label, value in known.items():
        if isinstance(value, dict) and value.get("version") == PROBE_VERSION:
            out[label] = ProbeResult.model_validate(value)
    return out
