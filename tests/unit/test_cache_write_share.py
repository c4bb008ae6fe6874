"""The profile's cache-write shares: validated, kept in saved sessions, priced where the catalog
has a write price (cost-model.md: writes add ``I_written/1e6 × (p_cache_write − p_in)``), and a
profile without them priced exactly as before."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from advisor.cli import main
from advisor.measure.measured import Measured
from advisor.measure.source import import_usage
from advisor.state import SessionState
from advisor.store import Store
from advisor.tools.catalog import load_catalog
from advisor.tools.cloud_cost import CloudCostInput, cloud_cost
from advisor.tools.compare import compare_profile
from advisor.tools.options import cloud_part
from advisor.tools.profile import WorkloadProfile, resolve
from tests.unit.test_import_cache_writes import TURNS
from tests.unit.test_import_llm_token_details import make_logs_db

CATALOG = load_catalog()
WITH_PREMIUM = sorted(
    m.id
    for m in CATALOG.cloud.values()
    if m.price.cache_write_5m is not None and m.price.cache_write_5m > m.price.input
)
NO_WRITE_PRICE = sorted(m.id for m in CATALOG.cloud.values() if m.price.cache_write_5m is None)


def monthly(model: str, **fields) -> float:
    return cloud_part(CATALOG, resolve(WorkloadProfile(**fields)), 1.0, model).monthly_usd


def test_sonnet_by_hand() -> None:
    """300M input a month on Sonnet 4.5 ($3 in, $0.30 read, $3.75 5-minute write, $6 1-hour write,
    $15 out), 30% read, 10% written for 5 minutes, 5% for an hour, 30M output."""
    fields = dict(monthly_input_tokens=300e6, monthly_output_tokens=30e6, cached_input_share=0.3)
    before = 300 * (3 * 0.7 + 0.30 * 0.3) + 30 * 15  # $1,107
    assert monthly("claude-sonnet-4-5", **fields) == pytest.approx(before)
    written = 30 * (3.75 - 3) + 15 * (6 - 3)  # $22.50 + $45
    assert monthly("claude-sonnet-4-5", **fields, cache_write_share=0.1, cache_write_1h_share=0.05) == pytest.approx(
        before + written
    )
    # half of it through the batch API: Anthropic's 50% stacks with caching, writes included
    assert monthly(
        "claude-sonnet-4-5", **fields, cache_write_share=0.1, cache_write_1h_share=0.05, batch_share=0.5
    ) == pytest.approx((before + written) * 0.75)


def test_openai_extended_writes_at_the_standard_price_when_the_catalog_has_no_other() -> None:
    """gpt-5.6-terra ($2 in, $2.50 30-minute write, no 12-hour price in the catalog)."""
    base = monthly("gpt-5.6-terra", monthly_input_tokens=100e6)
    assert monthly("gpt-5.6-terra", monthly_input_tokens=100e6, cache_write_1h_share=0.2) == pytest.approx(
        base + 20 * (2.5 - 2)
    )


@pytest.mark.parametrize("value", [-0.1, 1.5, float("nan"), "lots"])
def test_a_share_outside_0_to_1_is_refused(value) -> None:
    for field in ("cache_write_share", "cache_write_1h_share"):
        with pytest.raises(ValidationError):
            WorkloadProfile(**{field: value})
    profile = WorkloadProfile()
    with pytest.raises(ValidationError):
        profile.cache_write_share = value  # validated on assignment too (/set)


def test_reads_and_writes_above_all_input_are_scaled_and_said() -> None:
    p = resolve(
        WorkloadProfile(
            monthly_input_tokens=1e6, cached_input_share=0.9, cache_write_share=0.15, cache_write_1h_share=0.05
        )
    )
    assert p.cache_write_share + p.cache_write_1h_share == pytest.approx(0.1)
    assert p.cache_write_share == pytest.approx(0.075)
    assert any("cache writes scaled to 10% of input" in a for a in p.assumptions)


def test_kept_in_saved_sessions_and_old_ones_load(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.sqlite3")
    s = store.create_session("new")
    state = SessionState(profile=WorkloadProfile(cache_write_share=0.12, cache_write_1h_share=0.03))
    store.save_state(s.id, state)
    again = SessionState.model_validate_json(store.load_state(s.id))
    assert (again.profile.cache_write_share, again.profile.cache_write_1h_share) == (0.12, 0.03)

    old = store.create_session("old")  # saved before the fields existed, with an import's aggregates
    measured = json.loads(_measured().model_dump_json())
    for key in ("cache_write_share", "cache_write_1h_share"):
        del measured[key]
    document = {"profile": {"monthly_input_tokens": 5e6, "cached_input_share": 0.4}, "measured": measured}
    store.db.execute("UPDATE sessions SET state = ? WHERE id = ?", (json.dumps(document), old.id))
    loaded = SessionState.model_validate_json(store.load_state(old.id))
    assert loaded.profile.cache_write_share is None and loaded.measured.cache_write_share == 0.0


def _measured() -> Measured:
    with tempfile.TemporaryDirectory() as folder:
        return import_usage(make_logs_db(Path(folder) / "logs.db", turns=TURNS, legacy=[]), CATALOG, quiet=True)


def test_import_fills_the_shares() -> None:
    m = _measured()
    total_in = 16_000 + 15_500
    fields = m.profile_fields()
    assert fields["cache_write_share"] == round((2500 + 3000 + 1200) / total_in, 4)
    assert fields["cache_write_1h_share"] == round(500 / total_in, 4)


shares = st.floats(min_value=0, max_value=0.5)


@settings(max_examples=150, deadline=None)
@given(
    model=st.sampled_from(WITH_PREMIUM),
    cached=shares,
    low=shares,
    extra=shares,
    extended=st.booleans(),
    per_request=st.sampled_from([None, 2000, 250_000, 400_000]),
    batch=st.sampled_from([None, 0.0, 0.6]),
)
def test_more_cache_writes_never_cost_less_where_writes_cost_a_premium(
    model, cached, low, extra, extended, per_request, batch
) -> None:
    field = "cache_write_1h_share" if extended else "cache_write_share"
    base = dict(
        monthly_input_tokens=80e6,
        monthly_output_tokens=5e6,
        cached_input_share=cached,
        input_tokens_per_request=per_request,
        requests_per_day=1000 if per_request else None,
        batch_share=batch,
    )
    base = {k: v for k, v in base.items() if v is not None}
    high = min(low + extra, 1 - cached)
    low = min(low, high)
    assert monthly(model, **base, **{field: high}) >= monthly(model, **base, **{field: low}) - 1e-9


@settings(max_examples=150, deadline=None)
@given(
    model=st.sampled_from(sorted(CATALOG.cloud)),
    cached=st.floats(0, 1),
    batch=st.floats(0, 1),
    tokens_in=st.floats(0, 1e12),
    tokens_out=st.floats(0, 1e11),
)
def test_no_share_prices_exactly_as_before(model, cached, batch, tokens_in, tokens_out) -> None:
    """Without the fields (or at 0) every option's cloud part is the write-free cloud-cost, to the cent and below."""
    fields = dict(
        monthly_input_tokens=tokens_in, monthly_output_tokens=tokens_out, cached_input_share=cached, batch_share=batch
    )
    without = monthly(model, **fields)
    assert monthly(model, **fields, cache_write_share=0.0, cache_write_1h_share=0.0) == without
    batched = batch if CATALOG.cloud[model].batch_discount is not None else 0.0
    old = sum(
        cloud_cost(
            CloudCostInput(
                model=model,
                input_tokens=tokens_in * part,
                output_tokens=tokens_out * part,
                cached_input_share=cached,
                batch=is_batch,
            ),
            CATALOG,
        ).monthly_usd
        for part, is_batch in ((1 - batched, False), (batched, True))
        if part > 0
    )
    assert without == old


@pytest.mark.parametrize("model", NO_WRITE_PRICE[:4])
def test_a_provider_without_a_write_price_bills_writes_as_input(model) -> None:
    base = monthly(model, monthly_input_tokens=50e6, monthly_output_tokens=1e6)
    assert monthly(model, monthly_input_tokens=50e6, monthly_output_tokens=1e6, cache_write_share=0.3) == base


def test_compare_options_unchanged_without_writes_and_dearer_with_them() -> None:
    profile = WorkloadProfile(
        monthly_input_tokens=600e6, monthly_output_tokens=40e6, cached_input_share=0.5, cloud_model="claude-sonnet-4-5"
    )
    plain = compare_profile(profile, CATALOG)
    zero = compare_profile(profile.model_copy(update={"cache_write_share": 0.0}), CATALOG)
    assert [o.monthly_usd for o in plain.options] == [o.monthly_usd for o in zero.options]
    written = compare_profile(profile.model_copy(update={"cache_write_1h_share": 0.2}), CATALOG)
    assert written.profile["cache_write_1h_share"] == 0.2
    chosen = {o.id: o.monthly_usd for o in written.options}
    for o in plain.options:
        if o.id in chosen:
            assert chosen[o.id] >= o.monthly_usd - 1e-9


def test_calc_compare_takes_the_flag_and_refuses_a_bad_one(capsys) -> None:
    argv = [
        "calc",
        "compare",
        "--monthly-input-tokens",
        "300M",
        "--monthly-output-tokens",
        "30M",
        "--cache-write-share",
        "0.1",
        "--json",
    ]
    assert main(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["profile"]["cache_write_share"] == 0.1
    assert main([*argv[:-2], "1.7"]) == 2
    err = capsys.readouterr().err.strip()
    assert "cache_write_share" in err.replace("-", "_") and "1.7" in err and "Traceback" not in err


def test_a_user_sees_the_shares_in_import_ask_and_report(tmp_path: Path, capsys) -> None:
    """Run as a user: import an llm logs.db into a session, ask (--local none), write the report."""
    logs = make_logs_db(tmp_path / "logs.db", turns=TURNS, legacy=[])
    data = str(tmp_path / "data")
    assert main(["import", str(logs), "--session", "S", "--data-dir", data, "--quiet"]) == 0
    shown = capsys.readouterr().out
    total_in = 16_000 + 15_500
    written, extended = (2500 + 3000 + 1200 + 500) / total_in, 500 / total_in
    assert f"cache writes ({written:.1%} of input; extended, 1 h or 12 h: {extended:.1%})" in shown
    assert main(["import", str(logs), "--json", "--quiet"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["measured"]["cache_write_share"] == pytest.approx(written - extended)
    assert doc["measured"]["cache_write_1h_share"] == pytest.approx(extended)
    assert doc["profile"]["cache_write_1h_share"] == round(extended, 4)

    ask = ["ask", "--local", "none", "--session", "S", "--data-dir", data, "--json", "what would this cost?"]
    assert main(ask) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["profile"]["cache_write_share"] == round((written - extended), 4)
    assert doc["profile"]["cache_write_1h_share"] == round(extended, 4)
    assert {"cache_write_share", "cache_write_1h_share"} <= set(doc["measured"]["fields"])
    assert f"{written:.0%} written to the cache" in doc["answer"]
    assert any(a.startswith(f"{written:.0%} of input written to the prompt cache") for a in doc["assumptions"])

    assert main(["report", "--session", "S", "--data-dir", data]) == 0
    report = capsys.readouterr().out
    assert f"| cache write share | {written - extended:.0%} | measured |" in report
    assert f"| cache write 1h share | {extended:.0%} | measured |" in report
