"""`advisor import PATH --session S`, then `advisor ask --session S …`: the answer comes from the
measured profile and says so; the interview asks what records cannot say; the report marks the
measured fields. Run as a user would, through the CLI (--local none: no model, no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.config import load_config
from advisor.session import Session
from tests.cli.test_import_claude_code import HAND_INPUT, HAND_OUTPUT, build_tree


@pytest.fixture
def imported(tmp_path: Path, capsys) -> Path:
    build_tree(tmp_path)
    data = tmp_path / "data"
    argv = ["import", str(tmp_path / ".claude"), "--session", "S", "--data-dir", str(data), "--quiet"]
    assert main(argv) == 0
    assert "Saved to session 'S' as its measured profile." in capsys.readouterr().out
    return data


def test_ask_answers_from_the_measured_profile(imported: Path, capsys) -> None:
    argv = [
        "ask",
        "--local",
        "none",
        "--session",
        "S",
        "--data-dir",
        str(imported),
        "--json",
        "what would this cost locally?",
    ]
    assert main(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["profile"]["monthly_input_tokens"] == HAND_INPUT * 3
    assert doc["profile"]["monthly_output_tokens"] == HAND_OUTPUT * 3
    assert "Volume measured, not asked: 0.5 requests a day" in doc["answer"]
    assert "2025-10-01 to 2025-10-10 UTC" in doc["answer"]
    assert set(doc["measured"]["fields"]) >= {"monthly_input_tokens", "monthly_output_tokens", "requests_per_day"}
    assert "data goes through it" in doc["answer"]  # the interview asks privacy, not volume
    assert "requests a day" not in doc["answer"].split("not asked:")[0]
    assert doc["recommendation"] is not None


def test_set_overrides_a_measured_field_and_report_marks_them(imported: Path, capsys, tmp_path: Path) -> None:
    config = load_config(data_dir=imported)
    session = Session.load(config, "S", create=False)
    try:
        assert session.state.measured is not None and session.state.measured.records == 5
        session.set_field("monthly_output_tokens", "1M")
        assert "monthly_output_tokens" not in session.state.measured_fields()
        assert "monthly_input_tokens" in session.state.measured_fields()
    finally:
        session.close()
    out = tmp_path / "report.md"
    assert main(["report", "--session", "S", "--data-dir", str(imported), "--out", str(out)]) == 0
    text = out.read_text()
    assert "Volume measured from 5 requests in Claude Code logs" in text
    assert "| monthly input tokens | 48.4K | measured |" in text
    assert "| monthly output tokens | 1M | given |" in text


def test_empty_window_leaves_the_session_alone(imported: Path, tmp_path: Path, capsys) -> None:
    argv = [
        "import",
        str(tmp_path / ".claude"),
        "--session",
        "S",
        "--data-dir",
        str(imported),
        "--since",
        "2030-01-01",
        "--quiet",
    ]
    assert main(argv) == 2
    assert "no requests in the window" in capsys.readouterr().err
