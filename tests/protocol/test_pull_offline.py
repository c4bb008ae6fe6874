"""Offline pulls nothing: `advisor model pull` (Hugging Face) and `advisor model pull ollama`
with ADVISOR_OFFLINE set, and a session's /pull, run under the socket audit hook
(tests/netguard.py) with a hostile environment (documentation addresses, example.invalid names):
one line says why, and no connection or name lookup is even attempted."""

from __future__ import annotations

import pytest

from advisor.cli import main
from advisor.config import load_config
from advisor.models.pull import PullError
from advisor.session import Session
from tests.netguard import HOSTILE_ENV, guard


@pytest.fixture
def hostile_offline(monkeypatch):
    for key, value in HOSTILE_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("HF_ENDPOINT", "https://hub.example.invalid")
    monkeypatch.setenv("ADVISOR_OFFLINE", "1")


@pytest.mark.parametrize(
    ("name", "says"),
    [
        (None, "would download it from https://hub.example.invalid, so nothing is pulled"),
        ("ollama", "pulling qwen3:4b would download it from the Ollama registry, so nothing is pulled"),
        ("ollama:llama3.2:3b", "pulling llama3.2:3b would download it"),
    ],
)
def test_model_pull_offline_says_so_and_connects_nowhere(hostile_offline, capsys, name, says):
    with guard() as record:
        status = main(["model", "pull", *([name] if name else [])])
    err = capsys.readouterr().err
    assert status == 1 and "advisor: error: offline: " in err and says in err
    assert record.refused == [] and record.allowed == []


def test_a_session_offline_refuses_pull_before_any_client(hostile_offline):
    with guard() as record:
        session = Session.open(load_config(local="none"), new=True)
        assert session.offline and session.pullable is None
        with pytest.raises(PullError, match=r"^offline: pulling qwen3:4b"):
            session.pull_ollama(None, lambda _p: None)
    assert record.refused == []
