"""Configuration layering (flags > environment > file > defaults) and the user's catalog file."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from advisor.config import load_config
from advisor.errors import UsageError


def test_layers(monkeypatch, tmp_path):
    config_dir = tmp_path / "config"
    config_dir.mkdir(exist_ok=True)
    (config_dir / "config.toml").write_text('ollama_model = "llama3.1:8b"\nbudget_usd = 1.0\n')
    assert load_config().ollama_model == "llama3.1:8b"
    monkeypatch.setenv("ADVISOR_OLLAMA_MODEL", "qwen3:8b")
    assert load_config().ollama_model == "qwen3:8b"
    assert load_config(budget_usd=0.5).budget_usd == 0.5
    assert load_config().budget_usd == 1.0


def test_bad_config_value_is_one_line(tmp_path):
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "config.toml").write_text("budget_usd = -3\n")
    with pytest.raises(UsageError, match="budget_usd"):
        load_config()


def test_user_catalog_overrides_a_shipped_price(tmp_path):
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "catalog.toml").write_text(
        """
[[cloud]]
id = "claude-haiku-4-5"
name = "Claude Haiku 4.5"
provider = "anthropic"
tier = "strong"
tier_basis = "our contract"
[cloud.price]
input = 0.5
output = 2.5
source = "our negotiated rate"
as_of = 2026-11-20
"""
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "advisor.cli",
            "calc",
            "cloud-cost",
            "--model",
            "claude-haiku-4-5",
            "--input-tokens",
            "10M",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["monthly_usd"] == pytest.approx(5.0)


def test_broken_user_catalog_names_file_entry_and_field(tmp_path):
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "catalog.toml").write_text(
        '[[hardware]]\nid = "my-box"\nname = "Box"\nmemory_gb = -1\nprice_usd = 10\nsource = "me"\nas_of = 2026-11-01\n'
    )
    run = subprocess.run(
        [sys.executable, "-m", "advisor.cli", "catalog", "list", "hardware"],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )
    assert run.returncode == 2
    line = run.stderr.strip()
    assert "catalog.toml" in line and "my-box" in line and "memory_gb" in line
    assert len(line.splitlines()) == 1
