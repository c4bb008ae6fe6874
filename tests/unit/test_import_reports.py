"""The providers' usage and cost reports, saved as their Admin APIs return them (the documented
response shapes: Anthropic's usage_report/messages and cost_report, OpenAI's usage/completions and
costs): tokens by bucket and model, priced per row (a "200k-1M" row at the long-context rate), and
the dollars a cost report says were billed. The expected figures are hand counts, written out; an
Anthropic report imported into a session then answers `advisor ask`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.measure.source import detect, import_usage
from advisor.tools.catalog import default_catalog
from tests.usage_fixtures import import_then_ask


def _anthropic_row(
    model: str,
    uncached: int,
    read: int,
    w5: int,
    w1: int,
    out: int,
    *,
    window: str = "0-200k",
    workspace: str | None = "wrkspc_01JwQ",
) -> dict:
    return {
        "uncached_input_tokens": uncached,
        "cache_read_input_tokens": read,
        "cache_creation": {"ephemeral_1h_input_tokens": w1, "ephemeral_5m_input_tokens": w5},
        "output_tokens": out,
        "server_tool_use": {"web_search_requests": 0},
        "api_key_id": None,
        "workspace_id": workspace,
        "model": model,
        "service_tier": "standard",
        "context_window": window,
    }


ANTHROPIC_USAGE = {
    "data": [
        {
            "starting_at": "2025-10-01T00:00:00Z",
            "ending_at": "2025-10-02T00:00:00Z",
            "results": [
                _anthropic_row("claude-sonnet-4-5-20250929", 1_500_000, 3_000_000, 200_000, 100_000, 400_000),
                _anthropic_row("claude-sonnet-4-5-20250929", 500_000, 0, 0, 0, 20_000, window="200k-1M"),
            ],
        },
        {
            "starting_at": "2025-10-02T00:00:00Z",
            "ending_at": "2025-10-03T00:00:00Z",
            "results": [
                _anthropic_row("claude-haiku-4-5-20251001", 2_000_000, 0, 0, 0, 100_000, workspace=None),
            ],
        },
    ],
    "has_more": False,
    "next_page": None,
}
# Sonnet 4.5: $3 input, $0.30 read, $3.75 5-minute write, $6 1-hour write, $15 output; the 200k-1M row
# at $6 and $22.50; Haiku 4.5: $1 and $5. Dollars per million.
SONNET_USD = (1_500_000 * 3 + 3_000_000 * 0.30 + 200_000 * 3.75 + 100_000 * 6 + 400_000 * 15) / 1e6  # $12.75
LONG_USD = (500_000 * 6 + 20_000 * 22.5) / 1e6  # $3.45
HAIKU_USD = (2_000_000 * 1 + 100_000 * 5) / 1e6  # $2.50
ANTHROPIC_INPUT = 1_500_000 + 3_000_000 + 200_000 + 100_000 + 500_000 + 2_000_000  # 7.3M

OPENAI_USAGE = {
    "object": "page",
    "data": [
        {
            "object": "bucket",
            "start_time": 1759276800,
            "end_time": 1759363200,
            "results": [  # 2025-10-01
                {
                    "object": "organization.usage.completions.result",
                    "input_tokens": 1_000_000,
                    "output_tokens": 50_000,
                    "input_cached_tokens": 600_000,
                    "input_audio_tokens": 0,
                    "output_audio_tokens": 0,
                    "num_model_requests": 400,
                    "project_id": "proj_abc",
                    "user_id": None,
                    "api_key_id": None,
                    "model": "gpt-5-2025-08-07",
                    "batch": False,
                },
                {
                    "object": "organization.usage.completions.result",
                    "input_tokens": 300_000,
                    "output_tokens": 10_000,
                    "input_cached_tokens": 0,
                    "input_audio_tokens": 0,
                    "output_audio_tokens": 0,
                    "num_model_requests": 100,
                    "project_id": "proj_abc",
                    "user_id": None,
                    "api_key_id": None,
                    "model": "o3-2025-04-16",
                    "batch": False,
                },
            ],
        },
    ],
    "has_more": False,
    "next_page": None,
}
GPT5_USD = (400_000 * 1.25 + 600_000 * 0.125 + 50_000 * 10) / 1e6  # $1.075


def _write(tmp_path: Path, name: str, document: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=2))
    return path


def test_anthropic_usage_report_hand_count(tmp_path: Path) -> None:
    path = _write(tmp_path, "usage_report.json", ANTHROPIC_USAGE)
    assert detect(path) == "anthropic-usage"
    m = import_usage(path, default_catalog(), quiet=True)
    assert not m.requests_known and m.records == 0 and m.counted
    assert m.usd == pytest.approx(SONNET_USD + LONG_USD + HAIKU_USD)
    assert m.window.days == 2
    assert m.monthly_input_tokens == pytest.approx(ANTHROPIC_INPUT * 15)
    sonnet = next(u for u in m.models if u.model.startswith("claude-sonnet"))
    assert sonnet.long_context_requests == 0 and sonnet.usd == pytest.approx(SONNET_USD + LONG_USD)
    fields = m.profile_fields()
    assert "requests_per_day" not in fields and "traffic_hours" not in fields
    assert fields["cache_write_1h_share"] == round(100_000 / ANTHROPIC_INPUT, 4)
    assert m.hours == [] and {r.key for r in m.projects} == {"wrkspc_01JwQ", "(none)"}
    assert any("counts tokens, not requests" in n for n in m.notes)


def test_a_list_of_pages_and_one_page_a_line_read_the_same(tmp_path: Path) -> None:
    first = {**ANTHROPIC_USAGE, "data": ANTHROPIC_USAGE["data"][:1], "has_more": True, "next_page": "page_2"}
    second = {**ANTHROPIC_USAGE, "data": ANTHROPIC_USAGE["data"][1:]}
    listed = _write(tmp_path, "pages.json", [first, second])
    lines = tmp_path / "pages.jsonl"
    lines.write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n")
    for path in (listed, lines):
        assert detect(path) == "anthropic-usage"
        assert import_usage(path, default_catalog(), quiet=True).usd == pytest.approx(SONNET_USD + LONG_USD + HAIKU_USD)


def test_openai_usage_report_hand_count(tmp_path: Path) -> None:
    path = _write(tmp_path, "completions.json", OPENAI_USAGE)
    assert detect(path) == "openai-usage"
    m = import_usage(path, default_catalog(), quiet=True)
    assert m.requests_known and m.records == 500 and m.requests_per_day == 500
    assert m.usd == pytest.approx(GPT5_USD)
    assert m.unpriced_models == ["o3-2025-04-16"]
    assert m.input_per_request.mean == pytest.approx(1_300_000 / 500)
    assert m.hours == [] and "traffic_hours" not in m.profile_fields()
    assert m.profile_fields()["requests_per_day"] == 500


@pytest.mark.parametrize(
    ("name", "document", "billed"),
    [
        (
            "cost_report.json",
            {
                "data": [
                    {
                        "starting_at": "2025-10-01T00:00:00Z",
                        "ending_at": "2025-10-02T00:00:00Z",
                        "results": [
                            {
                                "currency": "USD",
                                "amount": "1620.0",
                                "workspace_id": None,
                                "description": None,
                                "cost_type": None,
                                "context_window": None,
                                "model": None,
                                "service_tier": None,
                                "token_type": None,
                            }
                        ],
                    },
                    {
                        "starting_at": "2025-10-02T00:00:00Z",
                        "ending_at": "2025-10-03T00:00:00Z",
                        "results": [
                            {
                                "currency": "USD",
                                "amount": "250",
                                "workspace_id": None,
                                "description": None,
                                "cost_type": None,
                                "context_window": None,
                                "model": None,
                                "service_tier": None,
                                "token_type": None,
                            }
                        ],
                    },
                ],
                "has_more": False,
                "next_page": None,
            },
            "18.70 USD billed from 2025-10-01 to 2025-10-02",
        ),  # cents
        (
            "costs.json",
            {
                "object": "page",
                "data": [
                    {
                        "object": "bucket",
                        "start_time": 1759276800,
                        "end_time": 1759363200,
                        "results": [
                            {
                                "object": "organization.costs.result",
                                "amount": {"value": 1.075, "currency": "usd"},
                                "line_item": None,
                                "project_id": None,
                            }
                        ],
                    },
                ],
                "has_more": False,
                "next_page": None,
            },
            "1.07 USD billed from 2025-10-01 to 2025-10-01",
        ),
    ],
)
def test_a_cost_report_says_what_was_billed_and_what_to_import(tmp_path: Path, capsys, name, document, billed) -> None:
    path = _write(tmp_path, name, document)
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert billed in err and "import the usage report" in err and err.count("\n") == 1


def test_an_anthropic_report_answers_ask(tmp_path: Path, capsys) -> None:
    """As a user: the report into a session, then a question; the measured tokens carry the answer and
    the interview asks the volume the report cannot give."""
    path = _write(tmp_path, "usage_report.json", ANTHROPIC_USAGE)
    out, doc = import_then_ask(path, tmp_path / "data", "api", capsys)
    assert "Measured from an Anthropic usage report" in out and "not in the report" in out
    assert doc["profile"]["monthly_input_tokens"] == ANTHROPIC_INPUT * 15
    assert doc["profile"]["cloud_model"] == "claude-sonnet-4-5"
    assert doc["measured"]["source"] == "anthropic-usage"
    assert "monthly_input_tokens" in doc["measured"]["fields"]
    assert doc["recommendation"] is not None


def test_a_broken_report_is_one_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "usage_report.json"
    path.write_text(
        '{"data": [{"starting_at": "2025-10-01T00:00:00Z", "results": [{"uncached_input_tokens": -5,'
        ' "output_tokens": 1, "model": "claude-haiku-4-5"}]}], "has_more": false}'
    )
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "uncached_input_tokens: -5 is negative" in err and err.count("\n") == 1


def test_a_csv_report_with_a_request_count(tmp_path: Path) -> None:
    """A usage export as a CSV, a row a bucket with its request count (OpenAI's columns)."""
    path = tmp_path / "usage.csv"
    path.write_text(
        "start_time,end_time,model,project_id,input_tokens,input_cached_tokens,output_tokens,"
        "num_model_requests\n"
        "1759276800,1759363200,gpt-5-2025-08-07,proj_abc,1000000,600000,50000,400\n"
    )
    m = import_usage(path, default_catalog(), quiet=True)
    assert m.records == 400 and m.requests_known and m.hours == []
    assert m.usd == pytest.approx(GPT5_USD)


def test_a_cost_export_as_csv_is_named_as_one(tmp_path: Path, capsys) -> None:
    path = tmp_path / "cost.csv"
    path.write_text(
        "usage_date_utc,model,workspace,description,cost_usd\n2025-10-01,claude-sonnet-4-5,Default,Input tokens,12.75\n"
    )
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "is a cost export (dollars, no token counts)" in err and err.count("\n") == 1


def test_a_report_not_grouped_by_model_says_how_to_price_it(tmp_path: Path) -> None:
    ungrouped = {
        "data": [
            {
                "starting_at": "2025-10-01T00:00:00Z",
                "ending_at": "2025-10-02T00:00:00Z",
                "results": [{**_anthropic_row("claude-haiku-4-5", 1000, 0, 0, 0, 10), "model": None}],
            }
        ],
        "has_more": False,
    }
    m = import_usage(_write(tmp_path, "usage_report.json", ungrouped), default_catalog(), quiet=True)
    assert m.unpriced_models == ["unknown"] and m.usd is None
    assert any("group_by[]=model" in n for n in m.notes)


def test_the_progress_line_of_a_report_counts_rows_not_requests(tmp_path: Path) -> None:
    """A usage report gives tokens by row and no request count: its last progress line says so
    rather than '0 requests'."""
    import io

    log = io.StringIO()
    import_usage(_write(tmp_path, "usage_report.json", ANTHROPIC_USAGE), default_catalog(), progress_stream=log)
    line = log.getvalue()
    assert "1 file, 3 rows" in line and "3 rows of tokens without a request count" in line
    assert "0 requests" not in line
