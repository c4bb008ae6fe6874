"""`advisor ask "/…"` runs the slash command as the chat does (one command path, advisor.slash):
the output on stdout, bad input one line on stderr with exit status 2. Without --session it acts
on the session the chat would open (the latest); a command that only changes the running chat
(/offline, /sessions NAME, /catalog write) is refused with the `ask` way to do it. --local none."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.config import load_config
from advisor.session import Session
from advisor.slash.commands import COMMANDS

TRIAGE = "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data"
ASK = ["ask", "--local", "none", "--offline"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main([*ASK, *argv])
    out, err = capsys.readouterr()
    return status, out, err


def one_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("advisor: error: "), err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def acme(capsys) -> str:
    """A session 'acme' with a workload told."""
    assert run(capsys, "--session", "acme", TRIAGE)[0] == 0
    return "acme"


def saved(name: str) -> Session:
    return Session.load(load_config(local="none", offline=True), name, create=False)


@pytest.mark.parametrize("quoted", [True, False])
def test_calc_prints_what_advisor_calc_prints(capsys, quoted):
    line = ["/calc", "cloud-cost", "--model", "gpt-5", "--input-tokens", "3M", "--output-tokens", "1M"]
    assert main(["calc", *line[1:]]) == 0
    expected = capsys.readouterr().out
    status, out, err = run(capsys, *([" ".join(line)] if quoted else line))
    assert status == 0, err
    assert out == expected and "monthly" in out


@pytest.mark.parametrize(
    "line", ["cloud-cost --model gpt-55 --input-tokens 3M", "cloud-cost --model gpt-5 --input-tokens lots"]
)
def test_calc_bad_input_is_the_same_one_line_and_exit_2(capsys, line):
    assert main(["calc", *line.split()]) == 2
    expected = one_error(capsys.readouterr().err)
    status, out, err = run(capsys, f"/calc {line}")
    assert status == 2 and out == ""
    assert one_error(err) == expected and line.split()[-1 if "lots" in line else 2] in expected


@pytest.mark.parametrize("argv", [["/help"], ["--", "/help"], ["--json", "/help"]])
def test_help_lists_every_command(capsys, argv):
    status, out, _err = run(capsys, *argv)
    assert status == 0
    shown = json.loads(out)["answer"] if "--json" in argv else out
    assert all(command.usage in shown for command in COMMANDS.values())
    assert "Shift+Enter" not in shown and "advisor ask" in shown  # the chat's keys are no use here


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("/nope", ["/nope", "unknown command", "/help"]),
        ("/set", ["usage /set FIELD VALUE"]),
        ("/set bogus_field 3", ["bogus_field", "unknown field"]),
        ("/set electricity_usd_per_kwh -2", ["electricity_usd_per_kwh", "-2"]),
        ("/whatif", ["usage /whatif TEXT"]),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, text, words):
    status, out, err = run(capsys, "--session", "acme", text)
    assert status == 2 and out == ""
    line = one_error(err)
    assert all(word in line for word in words), line


def test_set_then_profile_and_export_on_the_named_session(capsys, acme):
    status, out, err = run(capsys, "--session", "acme", "/set electricity_usd_per_kwh 0.30")
    assert status == 0, err
    assert "electricity usd per kwh" in out and "$0.30/kWh" in out
    assert saved("acme").state.profile.electricity_usd_per_kwh == 0.30
    status, out, _err = run(capsys, "--session", "acme", "/profile")
    assert status == 0 and "| requests_per_day | 5,000 | given |" in out
    status, out, _err = run(capsys, "--session", "acme", "/export")
    written = out.strip().rsplit(" ", 1)[-1]
    assert status == 0 and written.endswith(".md") and "/exports/advisor-report-acme-" in written
    assert "## Recommendation" in Path(written).read_text(encoding="utf-8")


def test_set_is_confirmed_in_the_session_language_and_currency(capsys):
    """A German session in euros: /set says the field as /profile names it and the values as the
    locale writes them (euros at the catalog's rate, a decimal comma), not dollars in English."""
    german = (
        "Wir erstellen ca. 1.200 Schriftsätze die Woche, je 8.000 Token rein und 1.500 raus."
        " Heute zahlen wir 2.000 € im Monat."
    )
    assert run(capsys, "--session", "kanzlei", german)[0] == 0
    status, out, err = run(capsys, "--session", "kanzlei", "/set requests_per_day 2500")
    assert status == 0, err
    assert "gesetzt: Anfragen pro Tag: ~171 → 2.500" in out, out
    status, out, _err = run(capsys, "--session", "kanzlei", "/set electricity_usd_per_kwh 0.30")
    assert re.search(r"Strompreis: — → 0,\d\d\xa0€/kWh", out), out
    assert "$" not in out and "usd" not in out, out


def test_without_session_a_command_acts_on_the_latest_session_as_the_chat_opens_it(capsys):
    assert run(capsys, "--session", "older", "3,000 requests a day")[0] == 0
    assert run(capsys, "--session", "acme", TRIAGE)[0] == 0
    status, out, _err = run(capsys, "/profile")
    assert status == 0 and "| requests_per_day | 5,000 | given |" in out


def test_whatif_runs_a_turn_with_its_scenario(capsys, acme):
    status, out, err = run(capsys, "--json", "--session", "acme", "/whatif volume doubles")
    assert status == 0, err
    document = json.loads(out)
    assert document["scenario"]["changes"] and document["session"] == "acme"
    assert saved("acme").history()[-1].user_text == "what if volume doubles"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("/offline", "--offline"),
        ("/sessions acme", "--session acme"),
        ("/catalog write", "advisor catalog update"),
        ("/pull", "advisor model pull"),
        ("/catalog update https://example.invalid/data.json", "without --offline"),  # refused before any fetch
    ],
)
def test_a_command_for_the_running_chat_names_the_ask_way(capsys, acme, text, hint):
    status, _out, err = run(capsys, "--session", "acme", text)
    assert status == 2 and hint in one_error(err)


def test_sessions_lists_them(capsys, acme):
    status, out, _err = run(capsys, "/sessions")
    assert status == 0 and "`acme`" in out and "--session NAME" in out


def test_json_carries_the_commands_output(capsys, acme):
    status, out, _err = run(capsys, "--json", "--session", "acme", "/set hours_per_day 8")
    document = json.loads(out)
    assert status == 0 and "hours per day" in document["answer"] and document["profile"]["hours_per_day"] == 8


CHAT_AND_ASK = ["/profile", "/calc payback --hardware-cost-usd 4800 --monthly-cloud-usd 900"]


@pytest.mark.parametrize("text", CHAT_AND_ASK)
async def test_the_chat_shows_what_ask_prints(capsys, text):
    """One command path: the chat's reply to a command is what `advisor ask` prints for it."""
    from advisor.tui.app import AdvisorApp
    from tests.tui.test_tui import factory
    from tests.tui.test_tui_fake import ready, replies, say, settle

    assert (await asyncio.to_thread(run, capsys, "--session", "acme", TRIAGE))[0] == 0  # as from a shell:
    status, printed, _err = await asyncio.to_thread(run, capsys, "--session", "acme", text)  # no event loop
    assert status == 0
    app = AdvisorApp(factory("acme"))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, text)
        await settle(pilot)
        shown = replies(app)[-1]
    assert shown.strip("`\n") == printed.strip() if text.startswith("/calc") else shown == printed.rstrip("\n")


def test_help_is_one_table_row_of_two_cells_a_command():
    """A '|' in a usage ('/catalog update [URL|FILE]') must not split its cell."""
    from advisor.slash.commands import help_markdown

    rows = [line for line in help_markdown().splitlines() if line.startswith("| `")]
    assert len(rows) == len(COMMANDS)
    assert all(len(re.split(r"(?<!\\)\|", row)) == 4 for row in rows), rows
