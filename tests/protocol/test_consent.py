"""The user's own words go to Claude only through the consent step, as a user meets it: in the chat
F6 (or `/escalate --with-my-words …`) shows the consent screen with exactly what would be sent, and
only Ctrl+S (or the Send button) sends it; from a shell the first `advisor ask` shows it and the
command to send it, whose digest ties the send to that text.

Claude is a loopback server speaking Anthropic's Messages API (tests/loopback.py), reached through
the real `anthropic` SDK; the TUI runs on Textual's pilot with the real Session."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.config import Config
from advisor.session import Session
from advisor.tui.app import AdvisorApp
from advisor.tui.widgets.consent import ConsentScreen
from advisor.tui.widgets.prompt import PromptInput
from tests.loopback import claude_message, loopback
from tests.tui.test_tui_fake import notices, ready, replies, say, settle, until

ROOT = Path(__file__).resolve().parents[2]
TRIAGE = "We triage 5,000 tickets a day, 2k tokens in and 300 out each, internal data"
QUESTION = "is vLLM worth it for a wiki search team of six?"


@pytest.fixture
def messages_api(monkeypatch):
    with loopback({"/v1/messages": [claude_message("Memo: one box is plenty.")]}) as (url, recorder):
        monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key")
        yield recorder


def _calls(recorder) -> list[dict]:
    return [r["body"] for r in recorder.requests if r["path"] == "/v1/messages"]


def _open(progress):
    return Session.open(Config(local="none"), session_name="consent", on_progress=progress)


async def _screen_for(pilot, app: AdvisorApp) -> ConsentScreen:
    await settle(pilot)
    await until(lambda: isinstance(app.screen, ConsentScreen), "the consent screen")
    return app.screen


async def test_f6_shows_exactly_what_goes_and_only_ctrl_s_sends_it(messages_api):
    app = AdvisorApp(_open)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, TRIAGE)
        await settle(pilot)
        prompt = app.query_one(PromptInput)
        prompt.focus()
        prompt.text = QUESTION
        await pilot.press("f6")
        screen = await _screen_for(pilot, app)
        assert QUESTION in screen.message and screen.system.startswith("You are a senior")
        await pilot.press("enter")  # the focused button keeps the words here
        await settle(pilot)
        assert not isinstance(app.screen, ConsentScreen) and _calls(messages_api) == []
        assert any("nothing was sent" in n for n in notices(app))
        prompt.text = QUESTION
        await pilot.press("f6")
        screen = await _screen_for(pilot, app)
        shown = (screen.system, screen.message)
        await pilot.press("ctrl+s")
        await settle(pilot)
        [body] = _calls(messages_api)
        assert (body["system"], body["messages"]) == (shown[0], [{"role": "user", "content": shown[1]}])
        assert "one box is plenty" in replies(app)[-1]


async def test_the_slash_command_and_esc_in_the_chat(messages_api):
    app = AdvisorApp(_open)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, TRIAGE)
        await settle(pilot)
        await say(pilot, f"/escalate --with-my-words {QUESTION}")
        await _screen_for(pilot, app)
        await pilot.press("escape")
        await settle(pilot)
        await say(pilot, f"/escalate {QUESTION}")  # without the flag: Claude gets no words
        await settle(pilot)
        [body] = _calls(messages_api)
        assert QUESTION not in json.dumps(body)
        await say(pilot, "/escalate --with-my-words our patients' discharge letters, is it worth it?")
        await settle(pilot)
        assert not isinstance(app.screen, ConsentScreen)
        assert any("sensitive data (patient" in n for n in notices(app, "error"))


def _ask(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "advisor.cli", "ask", "--local", "none", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_from_a_shell_the_first_ask_shows_and_the_printed_command_sends(messages_api):
    assert _ask("--session", "s", TRIAGE).returncode == 0
    shown = _ask("--session", "s", f"/escalate --with-my-words {QUESTION}")
    assert shown.returncode == 0, shown.stderr
    assert "Nothing was sent" in shown.stdout and QUESTION in shown.stdout
    assert _calls(messages_api) == []
    command = shown.stdout.strip().splitlines()[-1].removeprefix("To send exactly this: ")
    argv = shlex.split(command)
    assert argv[:4] == ["advisor", "ask", "--session", "s"]
    sent = _ask(*argv[2:])
    assert sent.returncode == 0, sent.stderr
    [body] = _calls(messages_api)
    assert body["messages"][0]["content"] in shown.stdout and QUESTION in body["messages"][0]["content"]


def test_from_a_shell_a_stale_or_forged_digest_sends_nothing(messages_api, capsys):
    assert main(["ask", "--local", "none", "--session", "s", TRIAGE]) == 0
    capsys.readouterr()
    assert main(["ask", "--local", "none", "--session", "s", "--json", f"/escalate --with-my-words {QUESTION}"]) == 0
    document = json.loads(capsys.readouterr().out)
    digest = document["consent"]["digest"]
    assert QUESTION in document["consent"]["user"] and _calls(messages_api) == []
    assert main(["ask", "--local", "none", "--session", "s", "/set electricity_usd_per_kwh 0.31"]) == 0
    again = f"/escalate --with-my-words --confirm {digest} {QUESTION}"
    code = main(["ask", "--local", "none", "--session", "s", again])
    assert code == 2 and "changed since you saw it" in capsys.readouterr().err
    code = main(["ask", "--local", "none", "--session", "s", f"/escalate --with-my-words --confirm 0 {QUESTION}"])
    assert code == 2 and _calls(messages_api) == []


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--offline", "--session", "s", f"/escalate --with-my-words {QUESTION}"], "offline"),
        (["--session", "s", "/escalate --with-my-words"], "no words to send"),
        (["--session", "s", "/escalate --confirm abc what now"], "--confirm goes with --with-my-words"),
        (["--session", "s", "/escalate --loud why"], "--loud is not an option"),
        (["--session", "s", "/escalate --with-my-words " + "why " * 600], "at most 2,000"),
    ],
)
def test_words_that_may_not_go_are_one_line(argv, words, messages_api, capsys):
    assert main(["ask", "--local", "none", "--session", "s", TRIAGE]) == 0
    capsys.readouterr()
    assert main(["ask", "--local", "none", *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0]
    assert _calls(messages_api) == []
