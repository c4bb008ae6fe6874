"""Every hostile file, value and argument gets one line naming the file, the entry, the field and
the value, and exit status 2 — never a traceback, never a value echoed whole. Run through the real
command line (`advisor.cli.main`, and a shell pipe where the pipe is the point)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from advisor.cli import main
from advisor.config import Config
from advisor.paths import config_dir, data_dir, db_path
from advisor.session import Session
from advisor.tools.registry import TOOLS

TEXT = "5,000 requests a day, 2k tokens in and 300 out each, public data"
ENTRY = """[[electricity]]
id = "{id}"
name = "Home"
source = "our bill"
as_of = 2026-11-01
usd_per_kwh = 0.3
"""
CLOUD = """[[cloud]]
id = "cheap-x"
name = "Cheap X"
provider = "x"
tier = "budget"
tier_basis = "our tests"
[cloud.price]
source = "our invoice"
as_of = 2026-11-01
input = {input}
output = {output}
"""

CATALOGS = {
    "infinite price": (CLOUD.format(input="inf", output="1.0"), ["[[cloud]] cheap-x", "price.input", "finite", "inf"]),
    "nan price": (CLOUD.format(input="1.0", output="nan"), ["[[cloud]] cheap-x", "price.output", "finite", "nan"]),
    "wrong shape": ('cloud = "oops"\n', ["cloud", "[[cloud]]", "'oops'"]),
    "entries not tables": ("electricity = [1, 2]\n", ["[[electricity]] #1", "table", "1"]),
    "5,000-deep arrays": ("x = " + "[" * 5000 + "]" * 5000 + "\n", ["nested too deeply"]),
    "duplicate ids": (ENTRY.format(id="home") + ENTRY.format(id="home"), ["[[electricity]] home", "duplicate id"]),
    "empty id": (ENTRY.format(id=" "), ["[[electricity]] #1", "id", "non-empty"]),
    "unknown section": ("[[clouds]]\nid = 'x'\n", ["[[clouds]]", "unknown section", "did you mean [[cloud]]"]),
    "1 MB value": (ENTRY.format(id="y" * 1_000_000).replace("usd_per_kwh = 0.3", "usd_per_kwh = 'z'"), ["usd_per_kwh"]),
}
CONFIGS = {
    "infinite budget": ("budget_usd = inf\n", ["budget_usd", "finite", "inf"]),
    "wrong shape": ('catalog_files = "oops"\n', ["catalog_files", "'oops'"]),
    "unknown setting": ("[cloud]\nx = 1\n", ["cloud", "unknown setting", "settings are"]),
    "5,000-deep arrays": ("budget_usd = " + "[" * 5000 + "]" * 5000 + "\n", ["nested too deeply"]),
    "1 MB value": ('budget_usd = "' + "x" * 1_000_000 + '"\n', ["budget_usd", "characters"]),
}


def _one_line(capsys, code: int) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2, err
    [line] = [e for e in err if e.startswith("advisor: error:")]
    assert "Traceback" not in line and len(line) < 800
    return line


@pytest.mark.parametrize("name", CATALOGS)
def test_a_hostile_user_catalog_is_one_line_naming_file_entry_and_field(name, capsys):
    text, parts = CATALOGS[name]
    path = config_dir() / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    line = _one_line(capsys, main(["ask", "--local", "none", TEXT]))
    assert str(path) in line
    for part in parts:
        assert part in line


@pytest.mark.parametrize("name", CONFIGS)
def test_a_hostile_config_is_one_line_naming_file_and_field(name, capsys):
    text, parts = CONFIGS[name]
    path = config_dir() / "config.toml"
    path.write_text(text, encoding="utf-8")
    line = _one_line(capsys, main(["ask", "--local", "none", TEXT]))
    assert str(path) in line
    for part in parts:
        assert part in line


@pytest.mark.parametrize("filename", ["catalog.toml", "config.toml"])
def test_a_file_that_is_not_utf8_is_named_with_its_line(filename, capsys):
    path = config_dir() / filename
    path.write_bytes("# Strompreis für München\nbudget_usd = 1\n".encode("latin-1"))
    line = _one_line(capsys, main(["ask", "--local", "none", TEXT]))
    assert f"{path}: line 1: not UTF-8" in line and "0xfc" in line


def test_a_database_newer_than_the_program_is_refused_by_name(capsys):
    assert main(["ask", "--local", "none", TEXT]) == 0
    path = db_path(data_dir())
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    line = _one_line(capsys, main(["ask", "--local", "none", TEXT]))
    assert str(path) in line and "version 99, newer than this advisor" in line and "upgrade" in line


def test_a_file_that_is_not_a_database_is_named_with_what_to_do(capsys):
    db_path(data_dir()).write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    line = _one_line(capsys, main(["ask", "--local", "none", TEXT]))
    assert str(db_path(data_dir())) in line and "not a database" in line and "move it aside" in line


@pytest.mark.parametrize(
    "argv",
    [
        ["ask", "--local", "none", "--", "-5", "requests", "a", "day"],
        ["ask", "--local", "none", "-5 requests a day"],
        ["ask", "--offline", "--local", "none", "-5", "requests", "a", "day"],
    ],
)
def test_ask_takes_the_rest_of_the_line_as_text(argv, capsys):
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "-5 requests a day" in out and "cannot be negative" in out  # read as text, and answered
    assert len(err.splitlines()) <= 1


def test_a_data_dir_that_is_a_file_and_a_model_that_is_not_gguf(tmp_path, capsys):
    not_a_dir = tmp_path / "passwd"
    not_a_dir.write_text("root:x:0:0::/root:/bin/sh\n")
    line = _one_line(capsys, main(["ask", "--local", "none", "--data-dir", str(not_a_dir), TEXT]))
    assert "--data-dir" in line and str(not_a_dir) in line and "not a directory" in line
    line = _one_line(capsys, main(["ask", "--local", f"embedded:{not_a_dir}", TEXT]))
    assert "--local" in line and str(not_a_dir) in line and "not a GGUF model file" in line


def test_calc_hybrid_honours_cloud_model(capsys):
    base = ["calc", "hybrid", "--json", "--requests-per-day", "5000", "--input-tokens-per-request", "2000"]
    base += ["--output-tokens-per-request", "300", "--hardware", "rtx-4090-24gb"]
    assert main([*base, "--cloud-model", "claude-opus-4-5"]) == 0
    assert json.loads(capsys.readouterr().out)["cloud_model"] == "claude-opus-4-5"
    with pytest.raises(SystemExit) as help_exit:  # help with a "%" in it renders
        main(["calc", "hybrid", "--help"])
    assert help_exit.value.code == 0 and "--cloud-model" in capsys.readouterr().out


ALTERNATIVES = {  # a second valid value for each profile flag of hybrid and compare
    "requests_per_day": 9000,
    "input_tokens_per_request": 3000,
    "output_tokens_per_request": 500,
    "monthly_input_tokens": "900M",
    "monthly_output_tokens": "90M",
    "cached_input_share": 0.5,
    "privacy": "regulated",
    "frontier_share": 0.5,
    "routine_tier": "strong",
    "hard_tier": "strong",
    "cloud_model": "claude-opus-4-5",
    "hardware": "mac-studio-m4-ultra-192gb",
    "local_model": "qwen3-8b",
    "electricity_usd_per_kwh": 0.9,
    "amortization_months": 12,
    "hours_per_day": 8,
    "horizon_months": 12,
    "setup_hours": 100,
    "hourly_rate_usd": 200,
    "maintenance_hours_per_month": 20,
    "budget_usd_per_month": 10,
    "offline_required": True,
    "local_share": 0.3,
    "model": "claude-opus-4-5",
}


@pytest.mark.parametrize("tool", ["hybrid", "compare"])
@pytest.mark.parametrize("field", sorted(ALTERNATIVES))
def test_every_profile_flag_a_tool_lists_changes_its_answer(tool, field, catalog):
    if field not in TOOLS[tool].input_model.model_fields:
        pytest.skip(f"{tool} has no {field}")
    base = {"requests_per_day": 5000, "input_tokens_per_request": 2000, "output_tokens_per_request": 300}
    base["hardware"] = "rtx-4090-24gb"
    before = TOOLS[tool].run(base, catalog).model_dump(mode="json")
    after = TOOLS[tool].run({**base, field: ALTERNATIVES[field]}, catalog).model_dump(mode="json")
    assert before != after, f"{tool} ignores --{field.replace('_', '-')}"


def test_a_closed_pipe_ends_quietly(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    done = subprocess.run(
        f"{sys.executable} -m advisor.cli catalog list | head -1",
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.stdout.strip() and done.stderr == ""


def test_a_session_whose_catalog_entry_was_removed_goes_on_with_a_notice(capsys):
    user = config_dir() / "catalog.toml"
    user.write_text(CLOUD.format(input="0.1", output="0.4"), encoding="utf-8")
    assert main(["ask", "--local", "none", "--session", "gone", TEXT]) == 0
    assert main(["ask", "--local", "none", "--session", "gone", "/set cloud_model cheap-x"]) in (0, 2)
    session = Session.load(Config(catalog_files=[user]), "gone")
    session.state.profile.cloud_model = "cheap-x"
    session.save()
    session.close()
    user.unlink()
    capsys.readouterr()
    assert main(["ask", "--local", "none", "--json", "--session", "gone", "what do you recommend?"]) == 0
    out = capsys.readouterr()
    assert out.err == ""  # with --json the notices are the document's
    document = json.loads(out.out, parse_constant=lambda c: pytest.fail(f"{c} in ask --json"))
    assert any("no longer has the cloud model 'cheap-x'" in line for line in document["notices"])
    assert document["recommendation"] is not None and document["profile"].get("cloud_model") is None


def test_ask_json_never_holds_nan(capsys):
    for text in (TEXT, "0 requests a day, 0 tokens in and 0 out", "1e308 requests a day, 2k in, 300 out"):
        assert main(["ask", "--local", "none", "--json", text]) == 0
        json.loads(capsys.readouterr().out, parse_constant=lambda c: pytest.fail(f"{c} in ask --json"))
