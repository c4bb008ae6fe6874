"""`advisor import ~/.codex`: OpenAI Codex CLI's rollout files built as codex-rs writes them — a
token count before any response (rate limits only), the same count repeated when only the rate
limits change, a forked session that copies its parent's events, and an older version's log that
gives running totals alone. The expected figures are a hand count of the events below, written out;
then the session they were imported into answers `advisor ask` from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.measure.source import detect, import_usage
from advisor.tools.catalog import default_catalog
from tests.usage_fixtures import (
    CodexUsage,
    codex_meta_line,
    codex_output_lines,
    codex_token_count_line,
    codex_turn_context_line,
    codex_user_line,
    import_then_ask,
    write_lines,
)

U1 = CodexUsage(5000, 4000, 300, 200)  # gpt-5.1-codex-max: not in the catalog
U2 = CodexUsage(6000, 5500, 100, 0)
U3 = CodexUsage(7000, 6000, 50, 10)  # the fork's own request
T4 = CodexUsage(1000, 0, 100, 0)  # the old log's running totals
T5 = CodexUsage(2500, 500, 300, 50)
APP, SITE = "/home/dev/app", "/home/dev/site"


def build_codex(home: Path) -> Path:
    codex = home / ".codex"
    a = [
        codex_meta_line("2025-10-01T09:00:00.000Z", "0199a-aaaa", APP),
        codex_turn_context_line("2025-10-01T09:00:00.010Z", APP, "gpt-5.1-codex-max"),
        codex_user_line("2025-10-01T09:00:00.020Z"),
        codex_token_count_line("2025-10-01T09:00:01.000Z", None, None),  # rate limits only: no request
        *codex_output_lines("2025-10-01T09:00:05.000Z"),
        codex_token_count_line("2025-10-01T09:00:05.100Z", U1, U1),
        codex_token_count_line("2025-10-01T09:00:05.300Z", U1, U1),  # the same count again
    ]
    a_rest = [
        codex_turn_context_line("2025-10-01T09:01:00.000Z", APP, "gpt-5"),
        codex_user_line("2025-10-01T09:01:00.010Z"),
        *codex_output_lines("2025-10-01T09:01:09.000Z"),
        codex_token_count_line("2025-10-01T09:01:10.000Z", U2, U1.plus(U2)),
    ]
    write_lines(codex / "sessions" / "2025" / "10" / "01" / "rollout-2025-10-01T09-00-00-0199a-aaaa.jsonl", a + a_rest)
    fork = [
        codex_meta_line("2025-10-02T10:00:00.000Z", "0199b-bbbb", APP),
        *(
            line
            for line in a + a_rest
            if '"session_meta"' not in line and '"info":null' not in line and "09:00:05.300Z" not in line
        ),  # the parent's history, copied with its times
        codex_turn_context_line("2025-10-02T10:00:00.500Z", APP, "gpt-5"),
        codex_user_line("2025-10-02T10:00:01.000Z"),
        *codex_output_lines("2025-10-02T10:00:06.000Z"),
        codex_token_count_line("2025-10-02T10:00:07.000Z", U3, U1.plus(U2).plus(U3)),
    ]
    write_lines(codex / "archived_sessions" / "rollout-2025-10-02T10-00-00-0199b-bbbb.jsonl", fork)
    old = [
        codex_meta_line("2025-10-03T08:00:00.000Z", "0199c-cccc", SITE, cli_version="0.20.0"),
        codex_turn_context_line("2025-10-03T08:00:00.010Z", SITE, "gpt-5"),
        *codex_output_lines("2025-10-03T07:59:59.000Z"),
        codex_token_count_line("2025-10-03T08:00:00.000Z", None, T4),
        codex_token_count_line("2025-10-03T08:05:00.000Z", None, T5),
    ]
    write_lines(codex / "sessions" / "2025" / "10" / "03" / "rollout-2025-10-03T08-00-00-0199c-cccc.jsonl", old)
    return codex


# The hand count. gpt-5: R2 6,000 in (5,500 cached) 100 out; R3 7,000 (6,000) 50; R4 1,000 (0) 100;
# R5 = T5 - T4: 1,500 (500) 200. Output counts reasoning already (codex's blended_total adds none).
GPT5_INPUT, GPT5_CACHED, GPT5_OUTPUT = 6000 + 7000 + 1000 + 1500, 5500 + 6000 + 0 + 500, 100 + 50 + 100 + 200
# $1.25 a million uncached input, $0.125 cached, $10 output
GPT5_USD = ((GPT5_INPUT - GPT5_CACHED) * 1.25 + GPT5_CACHED * 0.125 + GPT5_OUTPUT * 10) / 1e6  # $0.010375
REQUESTS = 5
COPIES = 1 + 2  # the repeated count; the fork's two copies


def test_codex_hand_count(tmp_path: Path) -> None:
    codex = build_codex(tmp_path)
    assert detect(codex) == detect(codex / "sessions") == "codex"
    assert detect(next((codex / "archived_sessions").iterdir())) == "codex"
    m = import_usage(codex, default_catalog(), quiet=True)
    assert (m.records, m.duplicates, m.skipped, m.files) == (REQUESTS, COPIES, 0, 3)
    mix = {
        u.model: (u.catalog_id, u.requests, u.input_tokens, u.cached_input_tokens, u.output_tokens) for u in m.models
    }
    assert mix == {
        "gpt-5": ("gpt-5", 4, GPT5_INPUT, GPT5_CACHED, GPT5_OUTPUT),
        "gpt-5.1-codex-max": (None, 1, 5000, 4000, 300),
    }
    assert m.usd == pytest.approx(GPT5_USD)
    assert m.unpriced_models == ["gpt-5.1-codex-max"]
    assert "not in the catalog, so not priced: gpt-5.1-codex-max" in m.notes
    assert m.window.days == 3
    assert m.source_name == "Codex CLI logs"


def test_codex_sessions_and_projects(tmp_path: Path, capsys) -> None:
    codex = build_codex(tmp_path)
    assert main(["import", str(codex), "--by", "project", "--json", "--quiet"]) == 0
    by_project = {r["key"]: r["requests"] for r in json.loads(capsys.readouterr().out)["rows"]}
    assert by_project == {APP: 3, SITE: 2}
    assert main(["import", str(codex), "--by", "session", "--json", "--quiet"]) == 0
    by_session = {r["key"]: r["requests"] for r in json.loads(capsys.readouterr().out)["rows"]}
    assert by_session == {"0199a-aaaa": 2, "0199b-bbbb": 1, "0199c-cccc": 2}


def test_a_codex_tree_answers_ask(tmp_path: Path, capsys) -> None:
    """As a user: import the tree into a session, then ask; the answer rests on the measured volume."""
    out, doc = import_then_ask(build_codex(tmp_path), tmp_path / "data", "cx", capsys)
    assert "Measured from Codex CLI logs" in out and "not priced: gpt-5.1-codex-max" in out
    assert doc["profile"]["monthly_input_tokens"] == round((GPT5_INPUT + 5000) * 30 / 3)
    assert doc["profile"]["requests_per_day"] == round(REQUESTS / 3, 2)
    assert doc["profile"]["cloud_model"] == "gpt-5"
    assert doc["measured"]["source"] == "codex"
    assert "Volume measured, not asked" in doc["answer"]


def test_codex_default_model_bills_as_gpt5(tmp_path: Path) -> None:
    """gpt-5-codex, the model Codex CLI ran by default in 2025, is sold at GPT-5's price (the
    catalog's source, genai-prices, matches it to openai/gpt-5): its requests are priced as gpt-5's."""
    codex = tmp_path / ".codex"
    write_lines(
        codex / "sessions" / "rollout-2025-10-01T09-00-00-0199d-dddd.jsonl",
        [
            codex_meta_line("2025-10-01T09:00:00.000Z", "0199d-dddd", APP),
            codex_turn_context_line("2025-10-01T09:00:00.010Z", APP, "gpt-5-codex"),
            codex_token_count_line("2025-10-01T09:00:05.000Z", U2, U2),
        ],
    )
    m = import_usage(codex, default_catalog(), quiet=True)
    assert [(u.model, u.catalog_id) for u in m.models] == [("gpt-5-codex", "gpt-5")]
    assert m.unpriced_models == []
    assert m.usd == pytest.approx((500 * 1.25 + 5500 * 0.125 + 100 * 10) / 1e6)
