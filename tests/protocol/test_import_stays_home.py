"""No record leaves the machine: `advisor import` of each kind of records, with --session, runs
under the audit-hook network guard (tests/netguard.py) with a hostile environment (remote
OLLAMA_HOST, proxies) and opens no socket at all, not even to loopback."""

from __future__ import annotations

import json
from pathlib import Path

from advisor.cli import main
from tests.cli.test_import_claude_code import build_tree
from tests.netguard import HOSTILE_ENV, guard
from tests.unit.test_import_codex import build_codex
from tests.unit.test_import_gemini_cli import build_gemini
from tests.unit.test_import_llm_csv import OPENAI_STYLE, make_logs_db
from tests.unit.test_import_reports import ANTHROPIC_USAGE


def test_imports_open_no_connection(tmp_path: Path, monkeypatch, capsys) -> None:
    for key, value in HOSTILE_ENV.items():
        monkeypatch.setenv(key, value)
    build_tree(tmp_path)
    make_logs_db(tmp_path / "logs.db")
    (tmp_path / "usage.csv").write_text(OPENAI_STYLE)
    build_codex(tmp_path)
    build_gemini(tmp_path)
    (tmp_path / "usage_report.json").write_text(json.dumps(ANTHROPIC_USAGE))
    paths = (".claude", "logs.db", "usage.csv", ".codex", ".gemini", "usage_report.json")
    with guard() as record:
        codes = [main(["import", str(tmp_path / path), "--session", "home", "--quiet"]) for path in paths]
    assert codes == [0] * len(paths), capsys.readouterr().err
    assert record.refused == [] and record.allowed == []
