"""`advisor import` on an llm logs.db made by llm's own migrations (llm.migrations.migrate on a
sqlite_utils Database, as `llm` itself creates it) and on CSV exports with different column
names. Expected figures are hand counts of the rows written here."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import sqlite_utils
from llm.migrations import migrate

from advisor.cli import main
from advisor.measure.source import import_usage
from advisor.tools.catalog import default_catalog

ROWS = [  # (datetime_utc as llm writes it, model, input, output)
    ("2025-06-01T08:15:00.123456", "gpt-5-mini", 1200, 300),
    ("2025-06-01T08:45:10.000001", "gpt-5-mini", 800, 100),
    ("2025-06-03T17:00:00", "claude-sonnet-4-5", 5000, 700),
    ("2025-06-04T08:05:00", "gpt-4o", 400, 50),
    ("2025-06-04T09:00:00", "gpt-5-mini", None, None),  # a row without token counts: skipped
]


def make_logs_db(path: Path) -> Path:
    db = sqlite_utils.Database(path)
    migrate(db)
    for i, (at, model, tin, tout) in enumerate(ROWS):
        db["responses"].insert(
            {
                "id": f"01j{i:023d}",
                "model": model,
                "prompt": "secret prompt text",
                "system": None,
                "response": "secret response text",
                "datetime_utc": at,
                "input_tokens": tin,
                "output_tokens": tout,
                "conversation_id": None,
                "duration_ms": 900,
            }
        )
    db.close()
    return path


def test_llm_logs_db_hand_count(tmp_path: Path) -> None:
    path = make_logs_db(tmp_path / "logs.db")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    m = import_usage(path, default_catalog(), quiet=True)
    assert m.source == "llm-logs"
    assert m.records == 4 and m.skipped == 1
    assert m.window.days == 4  # 2025-06-01 .. 2025-06-04, whole UTC days
    assert m.monthly_input_tokens == pytest.approx((1200 + 800 + 5000 + 400) * 30 / 4)  # 55,500
    assert m.monthly_output_tokens == pytest.approx((300 + 100 + 700 + 50) * 30 / 4)  # 8,625
    assert m.requests_per_day == 1.0
    assert m.busiest_hour_utc == 8 and m.busiest_hour_share == 0.75
    assert m.unpriced_models == ["gpt-4o"]  # not in the catalog: listed, not priced at a near miss
    # gpt-5-mini $0.25/$2.00, claude-sonnet-4-5 $3/$15 (catalog, dollars per million)
    gpt5mini = m.models[[u.model for u in m.models].index("gpt-5-mini")]
    assert gpt5mini.usd == pytest.approx((2000 * 0.25 + 400 * 2.0) / 1e6)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # opened read-only
    assert not list(tmp_path.glob("logs.db-*"))  # no journal or WAL files left behind


def test_llm_logs_db_cli_profile(tmp_path: Path, capsys) -> None:
    path = make_logs_db(tmp_path / "logs.db")
    assert main(["import", str(path), "--json", "--quiet"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["profile"]["monthly_input_tokens"] == 55500
    assert doc["profile"]["requests_per_day"] == 1.0
    assert doc["records"] == 4 and doc["skipped"] == 1
    assert "secret" not in json.dumps(doc)


def test_not_an_llm_database(tmp_path: Path, capsys) -> None:
    db = sqlite_utils.Database(tmp_path / "other.db")
    db["things"].insert({"a": 1})
    db.close()
    assert main(["import", str(tmp_path / "other.db")]) == 2
    assert "not an llm logs.db" in capsys.readouterr().err


OPENAI_STYLE = """Timestamp,Model,Prompt Tokens,Completion Tokens,Cached Tokens
2025-03-10T10:00:00Z,gpt-5,1000,200,600
2025-03-10T10:30:00Z,gpt-5,3000,100,0
2025-03-11T15:00:00+01:00,gpt-5,2000,300,1000
not a time,gpt-5,1,1,0
"""

ANTHROPIC_STYLE = """\
created_at,model_name,input_tokens,output_tokens,cache_read_input_tokens,cache_creation_input_tokens
2025-03-10 10:00:00,claude-sonnet-4-5,10,200,6000,1000
2025-03-12 23:59:59,claude-sonnet-4-5,20,100,0,0
"""


def test_csv_openai_style_cached_is_part_of_input(tmp_path: Path) -> None:
    path = tmp_path / "usage.csv"
    path.write_text(OPENAI_STYLE)
    m = import_usage(path, default_catalog(), quiet=True)
    assert m.records == 3 and m.skipped == 1
    assert m.window.days == 2
    assert m.monthly_input_tokens == pytest.approx(6000 * 15)
    assert m.cached_input_share == pytest.approx(1600 / 6000)
    assert m.busiest_hour_utc == 10 and m.busiest_hour_share == pytest.approx(2 / 3)  # 15:00+01:00 is 14 UTC


def test_csv_anthropic_style_cache_is_added(tmp_path: Path) -> None:
    path = tmp_path / "usage.csv"
    path.write_text(ANTHROPIC_STYLE)
    m = import_usage(path, default_catalog(), quiet=True)
    assert m.records == 2
    assert m.monthly_input_tokens == pytest.approx((10 + 6000 + 1000 + 20) * 30 / 3)
    assert m.cached_input_share == pytest.approx(6000 / 7030)
    assert m.monthly_cache_write_tokens == pytest.approx(1000 * 10)


def test_csv_columns_named_by_flag(tmp_path: Path, capsys) -> None:
    path = tmp_path / "gateway.csv"
    path.write_text("when,llm,tin,tout\n2025-01-01T00:00:00Z,gpt-5,100,10\n2025-01-01T01:00:00Z,gpt-5,300,30\n")
    assert main(["import", str(path), "--json", "--quiet"]) == 2
    assert "no timestamp or model or input or output column" in capsys.readouterr().err
    argv = ["import", str(path), "--columns", "timestamp=when,model=llm,input=tin,output=tout", "--json", "--quiet"]
    assert main(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["profile"]["monthly_input_tokens"] == 400 * 30
    assert doc["profile"]["requests_per_day"] == 2


def test_csv_bad_columns_flag(tmp_path: Path, capsys) -> None:
    path = tmp_path / "u.csv"
    path.write_text(OPENAI_STYLE)
    assert main(["import", str(path), "--columns", "stamp=Timestamp"]) == 2
    assert "columns: 'stamp=Timestamp' is not ROLE=COLUMN" in capsys.readouterr().err
