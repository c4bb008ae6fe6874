"""A session holds workloads: each its own fields and interview state, the team's fields shared;
an old session (saved before workloads existed) loads as one workload."""

from __future__ import annotations

import json

import pytest

from advisor.state import FIRST_WORKLOAD, SessionState, WorkloadError

# A state as the code before workloads saved it (advisor/state.py at 5af5229), whole.
SAVED_BEFORE_WORKLOADS = json.dumps(
    {
        "profile": {
            "requests_per_day": 800.0,
            "input_tokens_per_request": 6000.0,
            "output_tokens_per_request": 800.0,
            "privacy": "sensitive",
            "electricity_usd_per_kwh": 0.3,
            "hardware": "rtx-4090-24gb",
        },
        "given": ["requests_per_day", "input_tokens_per_request", "output_tokens_per_request", "privacy"],
        "asked": "hardware",
        "declined": ["budget_usd_per_month"],
        "memo": None,
        "measured": None,
        "asked_count": {"privacy": 1, "hardware": 1},
        "unread": [],
        "open_choices": [],
    }
)


def test_an_old_session_loads_as_one_workload():
    state = SessionState.model_validate_json(SAVED_BEFORE_WORKLOADS)
    assert state.workload_names() == [FIRST_WORKLOAD]
    ((name, profile),) = state.workload_profiles()
    assert name == FIRST_WORKLOAD and profile is state.profile
    assert profile.requests_per_day == 800 and state.asked == "hardware"


def university() -> SessionState:
    state = SessionState.model_validate_json(SAVED_BEFORE_WORKLOADS)
    state.rename_workload(FIRST_WORKLOAD, "tutoring bot")
    state.add_workload("essay grading")
    state.apply({"requests_per_day": 2857, "input_tokens_per_request": 5000, "traffic_hours": 5})
    return state


def test_a_new_workload_has_the_teams_fields_and_none_of_the_others():
    state = university()
    assert state.workload == "essay grading"
    assert state.workload_names() == ["tutoring bot", "essay grading"]
    p = state.profile
    assert p.electricity_usd_per_kwh == 0.3 and p.hardware == "rtx-4090-24gb"  # the team's
    assert p.privacy is None and p.output_tokens_per_request is None  # the bot's own stay with the bot
    assert "privacy" not in state.given and state.asked is None
    assert state.declined == ["budget_usd_per_month"]  # the budget is the team's: declined once for all
    assert state.asked_count == {"hardware": 1}  # privacy was asked of the bot, not of the grading


def test_switching_keeps_each_workloads_own_fields_and_shares_the_teams():
    state = university()
    state.apply({"electricity_usd_per_kwh": 0.12})  # the team's, set while discussing the grading
    state.use_workload("Tutoring  BOT")
    assert state.workload == "tutoring bot"
    assert state.profile.requests_per_day == 800 and state.profile.privacy == "sensitive"
    assert state.profile.electricity_usd_per_kwh == 0.12
    assert "privacy" in state.given
    profiles = dict(state.workload_profiles())
    assert profiles["essay grading"].requests_per_day == 2857
    assert profiles["essay grading"].electricity_usd_per_kwh == 0.12
    assert profiles["essay grading"].privacy is None


def test_the_state_round_trips_through_json():
    state = university()
    again = SessionState.model_validate_json(state.model_dump_json())
    assert again.workload_profiles() == state.workload_profiles()
    assert again.workload == "essay grading"


def test_rename_and_drop():
    state = university()
    state.rename_workload("essay grading", "grading")
    assert state.workload == "grading" and state.workload_names() == ["tutoring bot", "grading"]
    state.drop_workload("grading")
    assert state.workload == "tutoring bot" and state.workload_names() == ["tutoring bot"]
    assert state.profile.requests_per_day == 800
    with pytest.raises(WorkloadError, match="only one"):
        state.drop_workload("tutoring bot")


@pytest.mark.parametrize(
    ("action", "says"),
    [
        (lambda s: s.add_workload("Essay  Grading"), "exists already"),
        (lambda s: s.add_workload("  "), "give it a name"),
        (lambda s: s.use_workload("chatbot"), "no 'chatbot'"),
        (lambda s: s.rename_workload("tutoring bot", "essay grading"), "exists already"),
        (lambda s: s.drop_workload("nope"), "no 'nope'"),
    ],
)
def test_workload_commands_that_cannot_be_done_say_why(action, says):
    with pytest.raises(WorkloadError, match=says):
        action(university())


def test_a_parked_workloads_state_is_what_it_would_be_alone():
    state = university()
    bot = state.workload_state("tutoring bot")
    assert bot.profile.requests_per_day == 800 and "privacy" in bot.given
    assert state.workload == "essay grading"  # looking does not switch


def test_two_processes_on_different_workloads_keep_both_workloads_whole():
    """Session.save merges workload by workload: a process that added and filled one workload and
    another that switched to a second and changed it both keep their work, and the team's field
    set by one reaches every workload (concurrent `ask --workload` calls on one session)."""
    from advisor.config import Config
    from advisor.session import Session

    config = Config(local="none", offline=True)
    first = Session.load(config, "shared")
    first.state.apply({"requests_per_day": 800, "input_tokens_per_request": 6000})
    first.rename_workload("workload 1", "contracts")
    second = Session.load(config, "shared")  # opens what the first saved
    first.add_workload("grading")
    first.state.apply({"requests_per_day": 2857, "privacy": "public"})
    first.save()
    second.state.apply({"privacy": "regulated", "electricity_usd_per_kwh": 0.3})  # contracts, and the team's
    second.save()
    merged = Session.load(config, "shared").state
    profiles = dict(merged.workload_profiles())
    assert sorted(profiles) == ["contracts", "grading"]
    assert profiles["contracts"].requests_per_day == 800 and profiles["contracts"].privacy == "regulated"
    assert profiles["grading"].requests_per_day == 2857 and profiles["grading"].privacy == "public"
    assert {p.electricity_usd_per_kwh for p in profiles.values()} == {0.3}
    assert merged.workload == "grading"  # the first switched to it; the second did not switch


def test_a_rename_in_one_process_leaves_no_ghost_of_the_old_name():
    from advisor.config import Config
    from advisor.session import Session

    config = Config(local="none", offline=True)
    first = Session.load(config, "renamed")
    first.state.apply({"requests_per_day": 800})
    first.save()
    second = Session.load(config, "renamed")
    first.rename_workload("workload 1", "contracts")
    second.state.apply({"privacy": "public"})
    second.save()
    merged = Session.load(config, "renamed").state
    assert merged.workload_names() == ["contracts"]  # one workload, renamed, with the other's change
    assert merged.profile.requests_per_day == 800 and merged.profile.privacy == "public"
