"""A session of several workloads, as a user drives it from the shell: `/workload add|use|rename|drop|
list`, `ask --workload NAME`, `/set` on the workload in use (team fields on the team), `ask --json`
with `workloads` and `plan`, what-ifs for one workload or all, and the report. --local none."""

from __future__ import annotations

import json
import re

import pytest

from advisor.cli import main
from advisor.config import load_config
from advisor.session import Session

ASK = ["ask", "--local", "none", "--offline", "--session", "uni"]
BOT = "8,000 requests a day, 1500 tokens in and 400 out, sensitive data"
GRADING = "2857 essays a day, 5000 tokens in and 600 out, sensitive data"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main([*ASK, *argv])
    out, err = capsys.readouterr()
    return status, out, err


def ask_json(capsys, *argv: str) -> dict:
    status, out, err = run(capsys, "--json", *argv)
    assert status == 0, err
    return json.loads(out)


def saved() -> Session:
    return Session.load(load_config(local="none", offline=True), "uni", create=False)


@pytest.fixture
def university(capsys) -> None:
    assert run(capsys, "--workload", "tutoring bot", BOT)[0] == 0
    assert run(capsys, "--workload", "essay grading", GRADING)[0] == 0
    assert run(capsys, "/set", "traffic_window", "1am-6am")[0] == 0
    assert run(capsys, "--workload", "tutoring bot", "/set", "traffic_window", "09-19")[0] == 0


def test_ask_workload_names_the_first_then_adds(capsys):
    status, _, err = run(capsys, "--workload", "tutoring bot", BOT)
    assert status == 0 and "workload 'tutoring bot' (named)" in err
    status, _, err = run(capsys, "--workload", "essay grading", GRADING)
    assert status == 0 and "workload 'essay grading' (new)" in err
    state = saved().state
    assert state.workload_names() == ["tutoring bot", "essay grading"]
    profiles = dict(state.workload_profiles())
    assert profiles["tutoring bot"].requests_per_day == 8000
    assert profiles["essay grading"].requests_per_day == 2857


def test_json_has_workloads_and_a_plan_whose_parts_add_up(capsys, university):
    doc = ask_json(capsys, "/profile")
    assert [w["name"] for w in doc["workloads"]] == ["tutoring bot", "essay grading"]
    assert [w["current"] for w in doc["workloads"]] == [True, False]
    plan = doc["plan"]
    assert plan["monthly_usd"] == pytest.approx(sum(p["monthly_usd"] for p in plan["placements"]), rel=1e-12)
    assert {p["workload"]: p["window"] for p in plan["placements"]} == {
        "tutoring bot": "09:00–19:00",
        "essay grading": "01:00–06:00",
    }
    placed = {w["name"]: w["placement"] for w in doc["workloads"]}
    assert placed == {p["workload"]: p["option"] for p in plan["placements"]}
    assert plan["saves_vs_all_cloud_usd"] is not None and "saves_vs_all_local_usd" in plan


def test_set_acts_on_the_workload_in_use_and_team_fields_on_the_team(capsys, university):
    assert run(capsys, "/workload", "use", "essay grading")[0] == 0
    assert run(capsys, "/set", "privacy", "public")[0] == 0
    assert run(capsys, "/set", "electricity_usd_per_kwh", "0.31")[0] == 0
    profiles = dict(saved().state.workload_profiles())
    assert profiles["essay grading"].privacy == "public"
    assert profiles["tutoring bot"].privacy == "sensitive"
    assert {p.electricity_usd_per_kwh for p in profiles.values()} == {0.31}


def test_workload_list_rename_and_drop(capsys, university):
    status, out, _ = run(capsys, "/workload")
    assert status == 0
    assert re.search(r"▶ \| tutoring bot", out) and "essay grading" in out
    assert "Plan for 2 workloads" in out
    assert run(capsys, "/workload", "rename", "essay grading to grading")[0] == 0
    assert run(capsys, "/workload", "rename", "bot")[0] == 0  # the one in use
    assert saved().state.workload_names() == ["bot", "grading"]
    status, out, _ = run(capsys, "/workload", "drop", "grading")
    assert status == 0 and "dropped workload 'grading'" in out
    assert saved().state.workload_names() == ["bot"]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["/workload", "use", "chatbot"], "no 'chatbot'"),
        (["/workload", "add", "Essay Grading"], "exists already"),
        (["/workload", "fly"], "is not add, use, rename, drop or list"),
        (["/workload", "add"], "add which?"),
        (["/set", "traffic_window", "dusk"], "traffic_window: 'dusk'"),
    ],
)
def test_workload_commands_that_cannot_be_done_are_one_line(capsys, university, argv, says):
    status, _, err = run(capsys, *argv)
    lines = err.strip().splitlines()
    assert status == 2 and len(lines) == 1 and says in lines[0], err


def test_a_turn_answers_with_the_plan_first_and_names_the_workload_in_use(capsys, university):
    status, out, _ = run(capsys, "--workload", "essay grading", "we run it every night")
    assert status == 0
    assert out.lower().index("plan") < out.index("**essay grading** (the workload in use")
    # 'every night' is a named part of the day: it does not replace the 01:00–06:00 the user set
    assert dict(saved().state.workload_profiles())["essay grading"].traffic_start_hour == 1


def test_a_message_naming_a_workload_moves_to_it(capsys, university):
    status, _, err = run(capsys, "the grading job: 50% of input is cached")
    assert status == 0 and "what you say now goes to essay grading" in err
    state = saved().state
    assert state.workload == "essay grading"
    assert dict(state.workload_profiles())["essay grading"].cached_input_share == 0.5


def test_a_whatif_for_one_workload_scales_it_alone(capsys, university):
    doc = ask_json(capsys, "what if the grading doubles?")
    scenario = doc["scenario"]
    assert scenario["title"] == "essay grading: volume ×2"
    assert {c["workload"] for c in scenario["changes"]} == {"essay grading"}
    assert all(c["to"] == 2 * c["from"] for c in scenario["changes"])
    then = scenario["plan"]
    assert then["monthly_usd"] == pytest.approx(sum(p["monthly_usd"] for p in then["placements"]), rel=1e-12)
    assert then["monthly_usd"] > doc["plan"]["monthly_usd"]
    assert dict(saved().state.workload_profiles())["essay grading"].requests_per_day == 2857  # unchanged


def test_a_whatif_for_all_scales_every_workload(capsys, university):
    scenario = ask_json(capsys, "what if both double?")["scenario"]
    assert scenario["title"] == "all workloads: volume ×2"
    assert {c["workload"] for c in scenario["changes"]} == {"tutoring bot", "essay grading"}


def test_move_a_workload_to_the_cloud(capsys, university):
    doc = ask_json(capsys, "move the bot to the cloud")
    then = {p["workload"]: p for p in doc["scenario"]["plan"]["placements"]}
    assert then["tutoring bot"]["deployment"] == "cloud"
    assert {"workload": "tutoring bot", "field": "placement", "to": "cloud"}.items() <= next(
        c for c in doc["scenario"]["changes"] if c["field"] == "placement"
    ).items()


def test_a_workload_the_scenario_leaves_alone_that_moves_is_said_to_and_why(capsys, university):
    # at $0.60/kWh the grading alone does not pay for a box (its electricity follows how busy it is:
    # at the default rate a box idle most of the day pays even for the grading alone)
    assert run(capsys, "/set", "electricity_usd_per_kwh", "0.60")[0] == 0
    doc = ask_json(capsys, "move the bot to the cloud")
    now = {p["workload"]: p for p in doc["plan"]["placements"]}
    then = {p["workload"]: p for p in doc["scenario"]["plan"]["placements"]}
    assert now["essay grading"]["shares_with"] == ["tutoring bot"]  # the grading rode on the bot's box
    assert then["essay grading"]["option"] != now["essay grading"]["option"]  # alone, the box does not pay
    line = next(line for line in doc["answer"].splitlines() if "moves too" in line)
    assert line.startswith("- essay grading moves too (it shared ") and "with tutoring bot" in line
    assert "where it would go alone" in line
    assert "tutoring bot moves too" not in doc["answer"]  # the one it is about is in the title


def test_hours_a_day_said_of_one_workload_are_its_window_not_the_teams_powered_hours(capsys, university):
    assert run(capsys, "the bot runs 12 hours a day")[0] == 0
    profiles = dict(saved().state.workload_profiles())
    assert profiles["tutoring bot"].traffic_hours == 12
    assert profiles["tutoring bot"].hours_per_day is None and profiles["essay grading"].hours_per_day is None
    assert profiles["essay grading"].traffic_hours == 5  # the night batch keeps its window and its box's hours


def test_words_about_both_are_read_into_each_workload(capsys, university):
    _, out, _ = run(capsys, "both take 3,000 tokens in and 500 out")
    assert "for all of them: input tokens per request: 3K ← '3,000 tokens in and 500 out'" in out
    for name, profile in saved().state.workload_profiles():
        assert (profile.input_tokens_per_request, profile.output_tokens_per_request) == (3000, 500), name


def test_a_first_workloads_working_day_is_its_own_window_once_a_second_comes(capsys):
    assert run(capsys, "a support bot, 3,000 chats a day from 9 to 5, 2K tokens in and 300 out")[0] == 0
    assert saved().state.profile.hours_per_day == 8  # one workload: the box is powered those 8 hours, as before
    assert run(capsys, "and also a nightly summary job, 10,000 documents a night from 10pm to 4am, 8K in")[0] == 0
    state = saved().state
    profiles = dict(state.workload_profiles())
    assert state.profile.hours_per_day is None  # the shared box serves the night too
    bot = profiles["support bot"]
    assert (bot.traffic_start_hour, bot.traffic_hours, bot.hours_per_day) == (9, 8, None)
    assert profiles["nightly summary"].traffic_hours == 6


def test_a_team_whatif_is_for_all_workloads(capsys, university):
    scenario = ask_json(capsys, "what if cloud prices drop 20%?")["scenario"]
    assert scenario["title"].startswith("all workloads:")


def test_the_report_has_the_plan_first_and_a_section_per_workload(capsys, university):
    assert main(["report", "--session", "uni"]) == 0
    report = capsys.readouterr().out
    headings = [line for line in report.splitlines() if line.startswith("## ")]
    assert headings[0].startswith("## Plan for 2 workloads")
    assert headings[1:3] == ["## Workload: tutoring bot", "## Workload: essay grading"]
    assert report.count("### Options") == 2
    rows = [line for line in report.splitlines() if re.match(r"^\| (tutoring bot|essay grading|combined) \|", line)]
    figures = [float(re.search(r"\$([\d,.]+) \|$", row)[1].replace(",", "")) for row in rows]
    assert sum(figures[:2]) == pytest.approx(figures[2], abs=1e-9)
    assert main(["report", "--session", "uni", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [w["name"] for w in doc["workloads"]] == ["tutoring bot", "essay grading"]
    assert doc["plan"]["placements"]
