"""Every turn shows what it read — one line a field changed, with the words it came from and whether
it is new, changed or a correction — in `advisor ask` (stdout, and `read` in --json) and in the chat;
the session records how each field was given; the JSON profile is null wherever the user said
nothing (privacy too), the defaults being in `assumptions`."""

from __future__ import annotations

import json

from advisor.commands.ask import ask
from advisor.config import Config, load_config
from advisor.session import Session
from advisor.tui.app import AdvisorApp
from tests.tui.test_tui_fake import ready, replies, say, settle

CONTRACTS = "We summarise 800 reports a day, 6,000 tokens in and 800 out each."


def _config() -> Config:
    return load_config(local="none", offline=True)


def _ask_json(text: str, capsys, session: str = "s") -> dict:
    assert ask(_config(), text, session_name=session, new=False, as_json=True) == 0
    return json.loads(capsys.readouterr().out)


def test_ask_prints_a_line_for_each_field_read(capsys):
    assert ask(_config(), CONTRACTS, session_name=None, new=True, as_json=False) == 0
    out = capsys.readouterr().out
    assert "_Read:_ requests per day: 800 ← '800 reports a day' (new)" in out
    assert out.index("requests per day: 800") < out.index("Recommendation")


def test_ask_json_has_read_and_a_profile_null_where_nothing_was_said(capsys):
    doc = _ask_json(CONTRACTS, capsys)
    read = {e["field"]: e for e in doc["read"]}
    assert read["requests_per_day"] == {
        "field": "requests_per_day",
        "value": 800.0,
        "quote": "800 reports a day",
        "kind": "new",
        "how": "",
    }
    assert read["input_tokens_per_request"]["value"] == 6000
    profile = doc["profile"]
    assert profile["requests_per_day"] == 800 and profile["monthly_input_tokens"] == 800 * 6000 * 30
    assert profile["privacy"] is None and profile["electricity_usd_per_kwh"] is None  # not said
    assert any("privacy: internal" in a for a in doc["assumptions"])  # the default, said as one
    assert any("electricity" in a for a in doc["assumptions"])


def test_a_changed_value_says_changed_and_a_turn_reading_nothing_has_no_lines(capsys):
    _ask_json("800 requests a day", capsys, "c")
    doc = _ask_json("we now see 900 requests a day", capsys, "c")
    assert [(e["field"], e["value"], e["kind"]) for e in doc["read"]] == [("requests_per_day", 900.0, "changed")]
    doc = _ask_json("no wait, 950 requests a day", capsys, "c")
    assert [(e["field"], e["value"], e["kind"]) for e in doc["read"]] == [("requests_per_day", 950.0, "corrected")]
    assert _ask_json("thanks", capsys, "c")["read"] == []


def test_the_session_records_how_each_field_was_given():
    session = Session.open(_config(), session_name="how")
    list(session.turn("the summaries: 800 reports a day"))
    assert session.state.sources["requests_per_day"] == "read"
    session.set_field("electricity_usd_per_kwh", "0.3")
    assert session.state.sources["electricity_usd_per_kwh"] == "set"
    session.state.asked = "input_tokens_per_request"
    list(session.turn("2k in, 300 out"))
    assert session.state.sources["input_tokens_per_request"] == "answered"
    session.state.asked = "frontier_share"
    list(session.turn("don't know"))
    assert session.state.sources["frontier_share"] == "assumed"
    assert "frontier_share" not in session.state.given


def test_a_value_set_with_slash_set_is_not_overwritten_by_a_reading_in_passing(capsys):
    session = Session.open(_config(), session_name="kept")
    session.set_field("requests_per_day", "800")
    events = list(session.turn("our team of 12 sees 900 tickets a day"))
    assert session.state.profile.requests_per_day == 800
    read = next(e for e in events if e.type == "read")
    asked = "'900 tickets a day': 1) 900 requests a day instead, or 2) keep 800 as you set it?"
    assert any(q["question"] == asked and q["fields"] == ["requests_per_day"] for q in read.questions), read.questions
    list(session.turn("yes"))
    assert session.state.profile.requests_per_day == 900
    assert session.state.sources["requests_per_day"] == "answered"


async def test_the_chat_shows_the_read_lines():
    def open_session(progress):
        return Session.open(Config(local="none", offline=True), session_name="tui-read", on_progress=progress)

    app = AdvisorApp(open_session)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, CONTRACTS)
        await settle(pilot)
        assert any("requests per day: 800 ← '800 reports a day' (new)" in text for text in replies(app))
