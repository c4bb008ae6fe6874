"""A local model must hold one request (input + output) in its context window, as a cloud model must:
a model that cannot is never offered, another that can is chosen instead, and the answer says why."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.tools.base import ToolError
from advisor.tools.capacity import CapacityInput, capacity
from advisor.tools.catalog import Catalog, Hardware, LocalModel
from advisor.tools.compare import CompareInput, compare, sweep
from advisor.tools.hybrid import HybridInput, hybrid
from tests.shapes import shapeless

LONG = dict(requests_per_day=500, input_tokens_per_request=40_000, output_tokens_per_request=1_000)
TODAY = date(2026, 6, 1)


def _local_models(result) -> set[str]:
    return {o.local_model for o in result.options if o.local_model}


def _holds(catalog: Catalog, model_id: str, need: float) -> bool:
    window = catalog.local_models[model_id].context_tokens
    return window is not None and window >= need


def test_a_named_local_model_whose_window_cannot_hold_a_request_is_not_offered(catalog):
    """Qwen3 8B holds 32,768 tokens; 40,000 in + 1,000 out does not fit. Today's code capped the
    request at the window and recommended two Mac minis running it."""
    result = compare(CompareInput(**LONG, privacy="regulated", frontier_share=0, local_model="qwen3-8b"), catalog)
    assert "qwen3-8b" not in _local_models(result)
    rec = result.recommendation
    assert rec.deployment == "local"
    winner = next(o for o in result.options if o.id == rec.option_id)
    assert _holds(catalog, winner.local_model, 41_000), winner.local_model
    assert any("qwen3-8b holds 32,768 tokens" in n and "41,000" in n for n in rec.not_offered), rec.not_offered


def test_a_model_that_holds_the_request_is_still_chosen(catalog):
    """The same named model with requests that fit: offered as before (the rule removes nothing else)."""
    short = dict(LONG, input_tokens_per_request=20_000)
    result = compare(CompareInput(**short, privacy="regulated", frontier_share=0, local_model="qwen3-8b"), catalog)
    assert _local_models(result) == {"qwen3-8b"}
    assert result.recommendation.not_offered == []


def _one_box_catalog(catalog: Catalog, windows: dict[str, int]) -> Catalog:
    """The shipped RTX 4090 and cloud models, and strong-tier local models (Llama 3.1 8B's shape)
    with the windows the test sets."""
    box: Hardware = catalog.hardware["rtx-4090-24gb"]
    base: LocalModel = catalog.local_models["llama-3.1-8b"]
    models = {
        name: base.model_copy(
            update={"id": name, "name": name.title(), "aliases": [], "context_tokens": window, "tier": "strong"}
        )
        for name, window in windows.items()
    }
    return catalog.model_copy(update={"hardware": {box.id: box}, "local_models": models})


def test_no_local_model_holds_the_request_says_so_with_the_numbers(catalog):
    small = _one_box_catalog(catalog, {"short-8k": 8_192, "mid-32k": 32_768})
    result = compare(CompareInput(**LONG, privacy="public", frontier_share=0), small, today=TODAY)
    assert all(o.deployment == "cloud" for o in result.options)
    rec = result.recommendation
    line = next(n for n in rec.not_offered if "not possible" in n)
    assert "requests need 41,000 tokens" in line and "largest local context in the catalog is 32,768" in line


def test_the_local_side_is_impossible_even_for_a_regulated_profile_and_says_why(catalog):
    small = _one_box_catalog(catalog, {"mid-32k": 32_768})
    result = compare(CompareInput(**LONG, privacy="regulated", frontier_share=0), small, today=TODAY)
    assert not any(o.passes for o in result.options)
    assert any("largest local context in the catalog is 32,768" in n for n in result.recommendation.not_offered)


def test_owned_hardware_runs_a_model_that_holds_the_request(catalog):
    inp = CompareInput(
        **LONG,
        privacy="regulated",
        frontier_share=0,
        local_model="qwen3-8b",
        owned_hardware="rtx-3090-24gb-used",
        owned_units=2,
    )
    result = compare(inp, catalog)
    owned = [o for o in result.options if o.owned_units]
    assert owned, [o.id for o in result.options]
    for o in owned:
        assert _holds(catalog, o.local_model, 41_000), o.id


def test_sweep_never_picks_a_model_that_cannot_hold_the_request(catalog):
    inp = CompareInput(**LONG, privacy="regulated", frontier_share=0, local_model="qwen3-8b")
    for point in sweep(inp, catalog, [0.5, 1, 4], today=TODAY):
        assert "qwen3-8b" not in point.winner and "qwen3-8b" not in "".join(point.monthly_usd)


def test_hybrid_runs_its_local_share_on_a_model_that_holds_the_request(catalog):
    inp = HybridInput(**LONG, privacy="public", local_model="qwen3-8b", hardware="rtx-4090-24gb")
    result = hybrid(inp, catalog, today=TODAY)
    assert result.local_model != "qwen3-8b" and _holds(catalog, result.local_model, 41_000)
    assert any("qwen3-8b holds 32,768 tokens" in a for a in result.assumptions)


def test_capacity_refuses_a_context_longer_than_the_models_window(catalog):
    with pytest.raises(ToolError) as exc:
        capacity(CapacityInput(hardware="rtx-4090-24gb", local_model="qwen3-8b", context_tokens=40_000), catalog)
    assert exc.value.field == "context_tokens" and exc.value.value == 40_000
    assert "32,768" in str(exc.value) and "qwen3-8b" in str(exc.value)
    at_window = capacity(
        CapacityInput(hardware="rtx-4090-24gb", local_model="qwen3-8b", context_tokens=32_768), catalog
    )
    assert at_window.fits is True


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    tokens_in=st.integers(min_value=500, max_value=300_000),
    tokens_out=st.integers(min_value=0, max_value=8_000),
    named=st.sampled_from([None, "qwen3-8b", "llama-3-70b", "llama-3.1-8b", "llama-3.3-70b"]),
    tier=st.sampled_from(["budget", "strong"]),
    privacy=st.sampled_from(["public", "regulated"]),
)
def test_every_offered_local_model_holds_one_request(catalog, tokens_in, tokens_out, named, tier, privacy):
    """Whatever the request size, tier or named model: every local option shown (and so the
    recommended one) runs a model whose known window holds input + output."""
    inp = CompareInput(
        requests_per_day=300,
        input_tokens_per_request=tokens_in,
        output_tokens_per_request=tokens_out,
        privacy=privacy,
        routine_tier=tier,
        frontier_share=0,
        local_model=named,
    )
    try:
        result = compare(inp, catalog, today=TODAY)
    except ToolError:
        return  # nothing at all can serve it: said as an error, not a recommendation
    need = tokens_in + tokens_out
    for o in result.options:
        if o.local_model is not None:
            window = catalog.local_models[o.local_model].context_tokens
            assert window is not None and window >= need, (o.id, window, need)
    if named and not _holds(catalog, named, need):
        assert any(f"{named} holds" in n for n in result.recommendation.not_offered)


def _advisor(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "advisor.cli", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("flags", "line"),
    [
        (
            ["--context-tokens", "40K"],
            "context-tokens: 40000 is more than qwen3-8b's context window of 32,768 tokens; give at most 32,768",
        ),
        (
            ["--input-tokens", "40K", "--output-tokens", "1000"],
            "input-tokens: 40000 makes a 41,000-token request (input + output), more than qwen3-8b's context window",
        ),
    ],
)
def test_calc_capacity_beyond_the_window_is_one_line_exit_2(flags, line):
    """As a user types it: one line naming the field, the value and the window; no traceback."""
    run = _advisor("calc", "capacity", "--hardware", "rtx-4090-24gb", "--local-model", "qwen3-8b", *flags)
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert run.stderr.count("\n") == 1 and line in run.stderr and "Traceback" not in run.stderr


def test_calc_compare_says_why_the_named_model_is_not_offered():
    run = _advisor(
        *("calc", "compare", "--requests-per-day", "500", "--input-tokens-per-request", "40000"),
        *("--output-tokens-per-request", "1000", "--privacy", "regulated", "--frontier-share", "0"),
        *("--local-model", "qwen3-8b"),
    )
    assert run.returncode == 0, run.stderr
    assert "⚠ Context window — qwen3-8b holds 32,768 tokens; a request needs 41,000: not offered locally." in run.stdout
    assert "running Qwen3 8B" not in run.stdout


def test_every_shipped_local_model_has_a_context_window(catalog):
    """A model with no window would pass any request size: the catalog gives each one (sourced)."""
    assert [m.id for m in catalog.local_models.values() if not m.context_tokens] == []


def test_requests_no_model_holds_are_one_clear_error(catalog):
    """2M-token requests at the strong tier: before, a hosted Llama 3.3 70B (131K on its host, no
    window in the catalog) was recommended. Now: which field, the size, and which models would hold it."""
    with pytest.raises(ToolError) as exc:
        compare(CompareInput(requests_per_day=10, input_tokens_per_request=2_000_000, privacy="public"), catalog)
    assert exc.value.field == "input_tokens_per_request"
    assert "no strong-tier model in the catalog holds one" in str(exc.value)
    assert "llama-4-scout (budget)" in str(exc.value)
    assert all(w.context_tokens for w in catalog.cloud.values() if w.id.startswith(("groq-llama", "together-llama")))


def test_models_skipped_on_their_own_are_data_not_a_warning(catalog):
    """With no model named, a model too short for the requests is skipped like a cloud one: no
    warning in the answer, but listed for scripts and in the report's 'Why not'."""
    from advisor.state import SessionState
    from advisor.store import SpendSummary
    from advisor.text.render import render_result
    from advisor.text.report import render_markdown
    from advisor.tools.profile import WorkloadProfile

    inp = CompareInput(**LONG, privacy="regulated", frontier_share=0)
    result = compare(inp, catalog)
    rec = result.recommendation
    assert rec.not_offered == [] and rec.short_context_models == ["llama-3-70b"]
    assert "Context window" not in render_result(result)
    state = SessionState(profile=WorkloadProfile(**LONG, privacy="regulated", frontier_share=0), given=list(LONG))
    report = render_markdown(state, result, catalog, spend=SpendSummary(), session_name="t", generated=TODAY)
    why_not = report.split("Why not:", 1)[1].split("\n\n", 2)[1]
    assert "- ✗ Local: llama-3-70b — not offered: a 41,000-token request is longer than its context window" in why_not


def test_calc_compare_shows_each_options_notes_once(catalog):
    """A model with no attention shape has its KV cache left out at any context: `calc compare`
    says so under the table (once, however many options run it), as the report and the panel do."""
    from advisor.text.render import render_result

    inp = CompareInput(**LONG, privacy="regulated", frontier_share=0, hardware="rtx-3090-24gb-used")
    result = compare(inp, shapeless(catalog, "qwen-3.6-27b"))
    assert result.options[0].local_model == "qwen-3.6-27b" and result.options[0].notes
    text = render_result(result)
    for note in result.options[0].notes:
        assert text.count(f"  · {note}") == 1
