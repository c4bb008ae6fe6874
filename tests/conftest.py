"""Shared fixtures: the real shipped catalog, and per-test data/config dirs so no test touches the
user's own sessions or settings."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from advisor.tools.catalog import Catalog, load_catalog

# CI replays the same examples every run (a property failure there is reproducible, never a coin toss);
# on a developer's machine hypothesis explores new ones each run.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


# The day every test runs on: results that depend on the calendar (stale prices, retired models, the
# price in force) are computed for this date, not the day the suite happens to run (CI also runs the
# suite with the system clock a year ahead). Subprocesses inherit it through the environment.
TODAY = "2026-11-20"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_TODAY", TODAY)
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ADVISOR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.setenv("OLLAMA_HOST", "http://127.0.0.1:9")
