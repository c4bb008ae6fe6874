"""The report: every shown option, prices with dates and sources, assumptions, the chart; JSON
that matches the comparison; a clear error with no session."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from advisor.chart import cumulative_series, text_chart
from advisor.config import load_config
from advisor.errors import UsageError
from advisor.report import render_json, render_markdown, write_report
from advisor.session import Session

TRIAGE = "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data"


@pytest.fixture
def session():
    s = Session.open(load_config(local="none", offline=True), session_name="acme")
    list(s.turn(TRIAGE))
    return s


def test_markdown_holds_what_a_manager_needs(session):
    result = session.comparison()
    text = render_markdown(session.state, result, session.catalog, spend=session.spend(), session_name="acme")
    assert result.recommendation.summary in text
    for option in result.options:
        assert option.label in text
    for model_id in {m for o in result.options for m in o.cloud_models}:
        price = session.catalog.cloud[model_id].price
        assert model_id in text and price.as_of.isoformat() in text and price.source in text
    assert "```" in text and "cumulative cost" in text
    assert "| requests per day | 5,000 | given |" in text
    assert result.assumptions[0] in text


def test_json_matches_the_comparison(session):
    result = session.comparison()
    doc = json.loads(json.dumps(render_json(session.state, result, session.catalog)))
    assert doc["recommendation"]["option_id"] == result.recommendation.option_id
    assert [o["monthly_usd"] for o in doc["options"]] == pytest.approx([o.monthly_usd for o in result.options])


def test_text_chart_is_plain_and_marks_the_crossover(session):
    result = session.comparison()
    text = text_chart(cumulative_series(result), "cumulative cost", marker_x=12)
    assert text.strip() and "\x1b[" not in text
    assert "│" in text


def test_no_session_is_a_usage_error():
    with pytest.raises(UsageError, match="session"):
        write_report(load_config(), None, "md", None)


def test_advisor_report_command_writes_a_file(session, tmp_path):
    out = tmp_path / "report.md"
    run = subprocess.run(
        [sys.executable, "-m", "advisor.cli", "report", "--session", "acme", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "Recommendation" in out.read_text()
    missing = subprocess.run(
        [sys.executable, "-m", "advisor.cli", "report", "--session", "nope"], capture_output=True, text=True, timeout=60
    )
    assert missing.returncode == 2 and "nope" in missing.stderr
