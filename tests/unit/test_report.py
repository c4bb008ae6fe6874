"""The report: the recommendation, every shown option, prices with dates and sources, assumptions,
the charts; JSON that matches the comparison; plain-text charts; clear errors with no session."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections import Counter
from datetime import date
from itertools import pairwise

import pytest

from advisor.commands.report import write_report
from advisor.config import Config, load_config
from advisor.errors import UsageError
from advisor.paths import db_path
from advisor.session import Session
from advisor.state import SessionState
from advisor.store import SpendSummary, Store
from advisor.text.chart import (
    breakeven,
    crossover,
    cumulative_series,
    text_chart,
    volume_scales,
    volume_series,
)
from advisor.text.render import money, tokens
from advisor.text.report import MEMO_MARK, memo_text, prices, render_json, render_markdown
from advisor.tools.catalog import Catalog, CloudModel, Hardware, LocalModel, PricePoint, default_catalog
from advisor.tools.compare import CompareInput, CompareResult, compare, cumulative_cost
from advisor.tools.profile import WorkloadProfile

TODAY = date(2026, 1, 1)
TRIAGE = "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data"
GIVEN = dict(requests_per_day=5000, input_tokens_per_request=2000, output_tokens_per_request=300, privacy="public")


def _cloud(model_id: str, tier: str, p_in: float, p_out: float, as_of: date, source: str) -> CloudModel:
    price = PricePoint(input=p_in, output=p_out, as_of=as_of, source=source)
    return CloudModel(
        id=model_id, name=model_id.title(), provider="Test", tier=tier, tier_basis=f"{tier} basis", price=price
    )


@pytest.fixture
def small() -> Catalog:
    """Two cloud models (one with an old price), one box (old price, a pipe in its note), one model."""
    box = Hardware(
        id="box-1",
        name="Box One",
        price_usd=2000,
        memory_gb=48,
        watts=300,
        bandwidth_gb_s=1000,
        source="test shop",
        as_of=date(2025, 6, 1),
        note="bought | used",
    )
    model = LocalModel(
        id="open-1",
        name="Open One 8B",
        params_b=8,
        layers=32,
        kv_heads=8,
        head_dim=128,
        context_tokens=32768,
        tier="strong",
        tier_basis="open basis",
        source="test card",
        as_of=date(2025, 12, 1),
    )
    cloud = [
        _cloud("mid-1", "strong", 1.0, 4.0, date(2025, 1, 1), "list A"),
        _cloud("top-1", "frontier", 5.0, 20.0, date(2025, 12, 1), "list B"),
    ]
    return Catalog(
        cloud={c.id: c for c in cloud},
        hardware={box.id: box},
        local_models={model.id: model},
        electricity={},
        workloads={},
        verdict=default_catalog().verdict,  # the shipped near-tie rule
    )


@pytest.fixture
def state() -> SessionState:
    return SessionState(profile=WorkloadProfile(**GIVEN), given=list(GIVEN))


@pytest.fixture
def result(small: Catalog, state: SessionState) -> CompareResult:
    return compare(CompareInput(**state.profile.model_dump(exclude_none=True)), small, today=TODAY)


SPEND = SpendSummary(turns=3, local_turns=2, claude_turns=1, local_input_tokens=1200, claude_usd=0.0421)


def _report(state: SessionState, result: CompareResult, small: Catalog, **kw: object) -> str:
    return render_markdown(state, result, small, spend=SPEND, session_name="acme", generated=TODAY, **kw)


# ---- Markdown ------------------------------------------------------------------------------------
def test_markdown_holds_the_recommendation_and_every_option(state, result, small):
    text = _report(state, result, small)
    rec = result.recommendation
    assert rec.deployment == "hybrid"  # the fixture is built so: local fails quality, cloud costs more
    assert "# LLM deployment recommendation — acme" in text and "2026-01-01" in text
    chosen = next(o for o in result.options if o.id == rec.option_id)
    assert f"**Recommendation: hybrid, {chosen.label.split(': ', 1)[1]}** — " in text  # the answer's headline
    assert "The best cloud option costs" in text
    for reason in rec.reasons:
        assert f"- {reason}" in text
    for o in result.options:
        assert o.label in text
        assert money(o.monthly_usd) in text and money(o.first_year_usd) in text and money(o.horizon_usd) in text
        for why in o.failed:
            assert why in text
    assert sum(o.deployment == "cloud" for o in result.options) and any(not o.passes for o in result.options)
    assert f"**{next(o.label for o in result.options if o.id == rec.option_id)}** (recommended)" in text


def test_markdown_says_given_or_assumed_and_every_assumption(state, result, small):
    text = _report(state, result, small)
    assert "| requests per day | 5,000 | given |" in text
    assert "| privacy | public | given |" in text
    assert "| monthly input tokens | 300M | derived |" in text
    assert "| electricity usd per kwh | $0.16/kWh | assumed |" in text
    for assumption in result.assumptions:
        assert f"- {assumption}" in text


def test_markdown_lists_prices_with_dates_sources_and_staleness(state, result, small):
    text = _report(state, result, small)
    section = text.split("## Prices used", 1)[1].split("\n## ", 1)[0]
    assert "| mid-1 | cloud API | $1.00 in / $4.00 out per M | 2025-01-01 ⚠ older than 120 days | list A |" in section
    assert "| top-1 | cloud API | $5.00 in / $20.00 out per M | 2025-12-01 | list B |" in section
    assert "| box-1 | hardware | $2,000 | 2025-06-01 ⚠ older than 120 days | test shop — bought \\| used |" in section
    assert result.stale_prices == ["mid-1"]
    stale_line = next(line for line in section.splitlines() if "Prices older than 120 days:" in line)
    assert "mid-1" in stale_line and "box-1" in stale_line and "top-1" not in stale_line
    assert "`advisor catalog update` refreshes the cloud prices" in stale_line


def test_markdown_has_the_charts_and_the_breakeven_volume(state, result, small):
    text = _report(state, result, small)
    chart = text.split("## Cumulative cost", 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]
    assert "┤" in chart and "A  " + result.options[0].label in chart
    for letter, o in zip("ABCDEFGH", result.options, strict=False):
        assert f"{letter}  {'' if o.passes else '✗ '}{o.label}" in chart
    month, usd = crossover(result)
    assert f"crossover at {month:.1f} months, {money(usd)} spent" in chart
    assert f"**{tokens(result.recommendation.breakeven_tokens_per_month)} tokens a month**" in text
    assert text.count("```text") == 2 and "\x1b[" not in text


def test_close_call_conflicts_memo_context_and_spend(state, result, small):
    rec = result.recommendation.model_copy(
        update={"close": True, "margin_usd": 120.0, "margin_pct": 0.04, "conflicts": ["over the $100/month budget"]}
    )
    shaky = result.model_copy(update={"recommendation": rec})
    memo = f"\n\n{MEMO_MARK}\n\nBuy the box; revisit in six months."
    text = _report(state, shaky, small, memo=memo)
    assert "⚠ **Close call** — the runner-up costs only $120 (4%) more over 36 months" in text
    assert "⚠ **Constraints in conflict** — no option meets them all: over the $100/month budget." in text
    memo_part = text.split("## Memo (written by Claude)", 1)[1]
    assert "Buy the box; revisit in six months." in memo_part and MEMO_MARK not in text
    assert "- local model: 2 turns, 1,200 tokens in, 0 out" in text
    assert "- Claude: 1 turn, 0 tokens in, 0 out — $0.042" in text
    assert "## Memo" not in _report(state, result, small) and "Close call" not in _report(state, result, small)


def test_rules_of_thumb_are_context_not_the_decision(state, result, small):
    """A rule is context, below the decision; one that argues against the pick says so, and what decided."""
    from advisor.tools.rules import RuleUse

    rule = RuleUse(
        text="below $200/month, stay cloud", source="seed 001", favours="cloud", agrees=False, decider="regulated"
    )
    rec = result.recommendation.model_copy(update={"rules": [rule]})
    text = _report(state, result.model_copy(update={"recommendation": rec}), small)
    head, context = text.split("## Rules of thumb (context, not the decision)", 1)
    assert "below $200/month, stay cloud (seed 001) — it argues for the cloud; here regulated data decides" in context
    assert "stay cloud" not in head


# ---- JSON ----------------------------------------------------------------------------------------
def test_json_round_trips_and_matches_the_comparison(state, result, small):
    doc = render_json(state, result, small, spend=SPEND, memo=f"{MEMO_MARK} Buy it.", generated=TODAY)
    again = json.loads(json.dumps(doc))
    assert again == doc
    assert again["recommendation"] == result.recommendation.model_dump(mode="json")
    assert [o["id"] for o in again["options"]] == [o.id for o in result.options]
    for got, o in zip(again["options"], result.options, strict=True):
        assert got["monthly_usd"] == o.monthly_usd and got["horizon_usd"] == o.horizon_usd
        assert got["first_year_usd"] == o.first_year_usd and got["payback_months"] == o.payback_months
    assert again["profile"] == result.profile and again["assumptions"] == result.assumptions
    assert again["profile_status"]["requests_per_day"] == "given"
    assert again["profile_status"]["hours_per_day"] == "assumed"
    by_id = {p["id"]: p for p in again["prices"]}
    assert set(by_id) == {"mid-1", "top-1", "box-1"}
    assert by_id["mid-1"]["as_of"] == "2025-01-01" and by_id["mid-1"]["source"] == "list A" and by_id["mid-1"]["stale"]
    assert by_id["box-1"]["price_usd"] == 2000 and by_id["box-1"]["stale"] and not by_id["top-1"]["stale"]
    assert again["memo"] == {"author": "Claude", "text": "Buy it."}
    assert again["spend"]["claude_usd"] == SPEND.claude_usd
    assert again["crossover"]["month"] == result.recommendation.crossover_month


# ---- charts --------------------------------------------------------------------------------------
def test_cumulative_series_follow_cumulative_cost(result):
    series = cumulative_series(result, limit=None)
    assert [s.option_id for s in series] == [o.id for o in result.options]
    assert [s.option_id for s in cumulative_series(result, limit=2)] == [o.id for o in result.options[:2]]
    for s, o in zip(series, result.options, strict=True):
        assert s.x == list(range(37)) and s.y == cumulative_cost(o, 36)
    assert len(cumulative_series(result, months=12)[0].x) == 13


def test_crossover_is_where_the_winner_drops_below_cloud(result):
    month, usd = crossover(result)
    cloud = next(o for o in result.options if o.deployment == "cloud" and o.passes)
    assert 0 < month < 36
    assert usd == pytest.approx(cloud.upfront_usd + cloud.running_usd * month)
    no_cross = result.recommendation.model_copy(update={"crossover_month": None})
    assert crossover(result.model_copy(update={"recommendation": no_cross})) is None


def test_volume_series_spans_log_spaced_volumes(result, small, state):
    inp = CompareInput(**state.profile.model_dump(exclude_none=True))
    series = volume_series(inp, small, points=60, result=result, limit=None)
    base = result.profile["monthly_input_tokens"] + result.profile["monthly_output_tokens"]
    assert [s.option_id for s in series] == [o.id for o in result.options]
    xs = series[0].x
    assert len(xs) == 60 and xs[0] == pytest.approx(0.05 * base) and xs[-1] == pytest.approx(20 * base)
    ratios = [b / a for a, b in pairwise(xs)]
    assert max(ratios) == pytest.approx(min(ratios))
    assert volume_scales(60)[0] == pytest.approx(0.05)
    cloud = next(s for s in series if s.option_id.startswith("cloud"))
    assert cloud.y[-1] == pytest.approx(400 * cloud.y[0])  # cloud cost is linear in volume
    assert breakeven(result) == result.recommendation.breakeven_tokens_per_month


def _plot_rows(chart: str) -> list[str]:
    return [line for line in chart.splitlines() if line.endswith("│")]


def _inner_bars(row: str) -> list[int]:
    """Columns of "│" inside the plot frame (between the y axis and the right border)."""
    left = min(i for i in (row.find("┤"), row.find("│")) if i >= 0)
    return [i for i in range(left + 1, len(row) - 1) if row[i] == "│"]


def test_text_chart_is_plain_and_marks_the_crossover(result):
    series = cumulative_series(result)
    plain = text_chart(series, "cumulative cost")
    marked = text_chart(series, "cumulative cost", marker_x=12, xlabel="months", marker_label="crossover at 12")
    assert marked.strip() and "\x1b" not in marked and "\x1b" not in plain
    assert "crossover at 12" in marked and "crossover" not in plain
    rows = _plot_rows(marked)
    _, hits = Counter(i for row in rows for i in _inner_bars(row)).most_common(1)[0]
    assert hits >= len(rows) // 2  # a vertical line, at the same column on most rows
    assert not any(_inner_bars(row) for row in _plot_rows(plain))
    assert marked.count("│") > plain.count("│") + 10
    assert "A  " + series[0].label in marked and "B  " + series[1].label in marked
    assert max(len(line) for line in marked.splitlines()[: -len(series)]) <= 80


def test_text_chart_log_axes_label_tokens_and_dollars(result, small, state):
    inp = CompareInput(**state.profile.model_dump(exclude_none=True))
    text = text_chart(volume_series(inp, small, result=result), "volume", log_x=True, log_y=True)
    assert "1B" in text and "$100" in text and "\x1b" not in text


# ---- `advisor report` ----------------------------------------------------------------------------
def test_no_session_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="session: none yet"):
        write_report(Config(data_dir=tmp_path), None, "md", None)
    with pytest.raises(UsageError, match="no session 'nope'"):
        write_report(Config(data_dir=tmp_path), "nope", "md", None)


def test_session_without_volume_is_a_usage_error(tmp_path):
    store = Store(db_path(tmp_path))
    store.create_session("empty")
    store.close()
    with pytest.raises(UsageError, match="no volume yet"):
        write_report(Config(data_dir=tmp_path), None, "md", None)


def test_write_report_reads_the_store(tmp_path, capsys):
    store = Store(db_path(tmp_path))
    record = store.create_session("acme")
    state = SessionState(profile=WorkloadProfile(**GIVEN), given=list(GIVEN), memo="The memo body.")
    store.save_state(record.id, state)
    turn = store.begin_turn(record.id, "final memo please")
    store.finish_turn(turn, f"Local answer.\n\n{MEMO_MARK}\n\nThe memo body.")
    store.close()
    out = tmp_path / "r.md"
    assert write_report(Config(data_dir=tmp_path), "acme", "md", out) == 0
    assert f"wrote {out}" in capsys.readouterr().err
    text = out.read_text()
    assert "## Recommendation" in text and "The memo body." in text and "Local answer." not in text
    assert write_report(Config(data_dir=tmp_path), None, "json", None) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["session"] == "acme" and doc["memo"]["text"] == "The memo body."
    assert doc["options"] and all(p["as_of"] and p["source"] for p in doc["prices"])
    assert math.isclose(doc["profile"]["monthly_input_tokens"], 300e6)


def test_report_from_a_database_of_the_previous_schema(tmp_path, capsys):
    """A store written before the state was saved whole migrates on open; its report keeps the
    memo that used to be scraped out of the answers."""
    from tests.unit.test_store import version_two_database

    version_two_database(db_path(tmp_path))
    assert write_report(Config(data_dir=tmp_path), "acme", "json", None) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["memo"]["text"] == "The last memo."
    assert math.isclose(doc["profile"]["monthly_input_tokens"], 300e6)


@pytest.fixture
def session():
    s = Session.open(load_config(local="none", offline=True), session_name="acme")
    list(s.turn(TRIAGE))
    return s


def test_shipped_catalog_report_names_every_price(session):
    result = session.comparison()
    text = render_markdown(session.state, result, session.catalog, spend=session.spend(), session_name="acme")
    for row in prices(result, session.catalog):
        assert row["id"] in text and row["as_of"] in text and row["source"].split("|")[0].strip() in text
    assert {m for o in result.options for m in o.cloud_models} <= {r["id"] for r in prices(result, session.catalog)}


def test_advisor_report_command_writes_a_file(session, tmp_path):
    out = tmp_path / "report.md"
    run = subprocess.run(
        [sys.executable, "-m", "advisor.cli", "report", "--session", "acme", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "Recommendation" in out.read_text() and f"wrote {out}" in run.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "advisor.cli", "report", "--session", "nope"], capture_output=True, text=True, timeout=60
    )
    assert missing.returncode == 2 and "nope" in missing.stderr


def test_export_holds_every_turn_even_those_the_chat_no_longer_shows(tmp_path):
    """The chat keeps only its last turns on screen and says '/export writes them all': the export
    carries each turn's question and answer, oldest first, and a failed turn says so."""
    s = Session.open(load_config(local="none", offline=True), session_name="long-export")
    list(s.turn(TRIAGE))
    for i in range(30):
        turn = s.store.begin_turn(s.session_id, f"question {i}")
        s.store.finish_turn(turn, f"answer {i}", "failed" if i == 7 else "ok")
    path = s.export(tmp_path / "export.md")
    text = path.read_text(encoding="utf-8")
    appendix = text.split("## Conversation", 1)[1]
    assert "_31 turns, oldest first._" in appendix
    assert f"> {TRIAGE}" in appendix
    assert appendix.index("question 0") < appendix.index("question 29") and "answer 29" in appendix
    assert "(failed)" in appendix.split("question 7", 1)[0].rsplit("###", 1)[1]


def test_report_conversation_only_when_asked(tmp_path, capsys):
    store = Store(db_path(tmp_path))
    record = store.create_session("acme")
    store.save_state(record.id, SessionState(profile=WorkloadProfile(**GIVEN), given=list(GIVEN)))
    turn = store.begin_turn(record.id, "two lines\nof question")
    store.finish_turn(turn, "The answer.")
    store.close()
    assert write_report(Config(data_dir=tmp_path), "acme", "md", None) == 0
    assert "## Conversation" not in capsys.readouterr().out
    assert write_report(Config(data_dir=tmp_path), "acme", "md", None, conversation=True) == 0
    text = capsys.readouterr().out
    assert "> two lines\n> of question" in text and "The answer." in text
    assert write_report(Config(data_dir=tmp_path), "acme", "json", None, conversation=True) == 0
    [exchange] = json.loads(capsys.readouterr().out)["conversation"]
    assert exchange["user"] == "two lines\nof question" and exchange["answer"] == "The answer."
    assert write_report(Config(data_dir=tmp_path), "acme", "json", None) == 0
    assert "conversation" not in json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("memo", "state_memo", "expected"),
    [
        (f"\n\n{MEMO_MARK}\n\n Buy the box. ", None, "Buy the box."),  # the mark and the blank lines go
        (None, f"{MEMO_MARK} From the state.", "From the state."),  # no memo given: the session's
        ("", "Not this one.", ""),  # an empty memo given: none, whatever the state holds
        (f"  {MEMO_MARK}  ", None, ""),  # the mark alone is no memo
    ],
)
def test_markdown_and_json_read_the_memo_one_way(state, result, small, memo, state_memo, expected):
    """One reading of the memo for both formats: the same text, or none in both."""
    held = state.model_copy(update={"memo": state_memo})
    text = _report(held, result, small, memo=memo)
    doc = render_json(held, result, small, memo=memo, generated=TODAY)
    assert memo_text(memo, state_memo) == expected
    if expected:
        body = text.split("_Written by Claude from the figures above._", 1)[1].split("\n## ", 1)[0]
        assert body.strip() == expected == doc["memo"]["text"]
    else:
        assert "## Memo" not in text and doc["memo"] is None
    assert MEMO_MARK not in text
