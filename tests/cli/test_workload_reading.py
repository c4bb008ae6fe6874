"""Reading several workloads from a message: the workloads it introduces ("a tutoring bot", "an
essay-grading batch job"), the words about each, the traffic window each names ("1am–6am", "during
the day"), and — through `advisor ask` as a new user types it — the university of issue 22 ending
with two workloads, the batch placed where its five-hour window fits and the parts adding up."""

from __future__ import annotations

import json
import re

import pytest

from advisor.cli import main
from advisor.interview.traffic_windows import read_windows, window_reading
from advisor.interview.workload_mentions import introductions, mentions, placement_wish, standing_in
from advisor.interview.workload_split import split_message

UNIVERSITY = (
    "a tutoring bot for 8,000 students during the day, and an essay-grading batch job overnight, 1am–6am,"
    " 20k essays a week"
)


@pytest.mark.parametrize(
    ("text", "start", "hours"),
    [
        ("overnight, 1am–6am", 1, 5),
        ("from 9 to 5", 9, 8),
        ("between 9am and 7pm", 9, 10),
        ("22:00-06:00", 22, 8),
        ("nachts von 22 bis 6 Uhr", 22, 8),
        ("1 to 6am", 1, 5),
        ("it runs 9-17, every weekday", 9, 8),
        ("10am-2pm", 10, 4),
        ("during the day", 9, 10),
        ("tagsüber", 9, 10),
        ("9 to 6, sensitive", 9, 9),  # a plain range that goes down crosses noon: a working day
        ("8-6 on weekdays", 8, 10),
    ],
)
def test_windows_as_people_say_them(text, start, hours):
    (window,) = read_windows(text)
    assert (window.start, window.hours) == (start, hours)


@pytest.mark.parametrize(
    "text",
    [
        "5-10 requests a day",
        "between 2 and 3 thousand",
        "from 5 to 10 requests",
        "2,000-3,000 a day",
        "3 and 4 pm",
        "1.5-2 hours each",
        "2 a day",
        "we get 9 to 6 requests",
        "9-5 tickets a day",
    ],
)
def test_ranges_of_counts_are_not_windows(text):
    assert read_windows(text) == []


def test_a_named_part_of_the_day_is_said_to_be_a_default_and_two_windows_are_asked():
    changes, notes, asked = window_reading("a bot during the day")
    assert changes == {"traffic_start_hour": 9, "traffic_hours": 10} and "took 'during the day'" in notes[0]
    changes, notes, asked = window_reading("from 9am to 5pm, or maybe 8am to 6pm")
    assert changes == {} and asked and "9am to 5pm" in asked[0]


def test_introductions_name_each_workload_from_its_words():
    assert [i.name for i in introductions(UNIVERSITY)] == ["tutoring bot", "essay grading"]
    assert [i.name for i in introductions("our coding assistant and a RAG search")] == [
        "coding assistant",
        "RAG search",
    ]
    assert introductions("We triage 5,000 tickets a day, 2k tokens in and 300 out each") == []
    assert introductions("we process a batch of 20k essays nightly") == []
    german = "ein Tutor-Bot tagsüber, und ein nächtlicher Korrektur-Job von 1 bis 6 Uhr, 20.000 Aufsätze pro Woche"
    assert [i.name for i in introductions(german)] == ["Tutor Bot", "nächtlicher Korrektur"]  # 'von 1': a time


def test_mentions_pick_a_workload_by_a_word_only_it_has():
    names = ["tutoring bot", "essay grading"]
    assert [m.name for m in mentions("what if the grading job doubles and the bot too", names)] == [
        "essay grading",
        "tutoring bot",
    ]
    assert mentions("two bots", ["support bot", "tutoring bot"]) == []  # 'bot' is in both: it picks neither
    assert standing_in("what if the grading doubles?", names) == "what if it doubles?"
    assert placement_wish(standing_in("move the bot to the cloud", names)) == "cloud"
    assert placement_wish(standing_in("what if the grading ran on our own hardware", names)) == "local"


def test_the_university_message_splits_into_its_two_workloads():
    split = split_message(UNIVERSITY, ["workload 1"], "workload 1", fresh=True, unnamed=True)
    assert split is not None
    assert split.rename == ("workload 1", "tutoring bot") and split.add == ["essay grading"]
    assert [(s.workload, re.sub(r",? and$", "", s.text.strip())) for s in split.segments] == [
        ("tutoring bot", "a tutoring bot for 8,000 students during the day"),
        ("essay grading", "an essay-grading batch job overnight, 1am–6am, 20k essays a week"),
    ]


@pytest.mark.parametrize(
    ("text", "names", "current", "fresh", "expect"),
    [
        ("We triage 5,000 tickets a day", ["workload 1"], "workload 1", True, None),  # no workload named
        ("our support bot gets 5k a day", ["workload 1"], "workload 1", False, ("support bot", [])),  # names it
        (
            "and also a support bot, 2k requests a day",
            ["bot", "grading"],
            "grading",
            False,
            ("support bot", ["support bot"]),
        ),
        ("our bot gets 9k a day", ["tutoring bot", "grading"], "grading", False, ("tutoring bot", [])),
        ("the grading job is public", ["tutoring bot", "essay grading"], "essay grading", False, None),
    ],
)
def test_which_workload_a_message_is_about(text, names, current, fresh, expect):
    split = split_message(text, names, current, fresh=fresh, unnamed=current == "workload 1")
    assert (None if split is None else (split.first, split.add)) == expect


def test_a_figure_before_any_workload_is_named_is_asked_not_guessed():
    split = split_message(
        "we have 3k a day: a support bot with 2k and a search with 1k",
        ["workload 1"],
        "workload 1",
        fresh=True,
        unnamed=True,
    )
    assert split is not None and split.unplaced == "we have 3k a day:"


ASK = ["ask", "--local", "none", "--offline", "--session", "university"]


def ask(capsys, text: str) -> tuple[str, str]:
    assert main([*ASK, text]) == 0
    out, err = capsys.readouterr()
    return out, err


def test_the_university_as_a_new_user_types_it(capsys):
    out, err = ask(capsys, UNIVERSITY)
    assert "tutoring bot, essay grading" in err
    assert "for essay grading: requests per day: ~2,857 ← '20k essays a week' (new)" in out
    assert "'1am–6am'" in out and "took 'overnight'" not in out  # as typed, and no 'overnight' beside it
    assert "took 'during the day' as 09:00–19:00" in out
    ask(capsys, "the bot gets 40,000 questions a day, 1,500 tokens in and 400 out; student data, so sensitive")
    answer, _ = ask(capsys, "the grading job: 5,000 tokens in and 600 out per essay, also sensitive")
    assert "Plan for 2 workloads" in answer
    assert main([*ASK, "--json", "/workload"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [w["name"] for w in doc["workloads"]] == ["tutoring bot", "essay grading"]
    plan = doc["plan"]
    placed = {p["workload"]: p for p in plan["placements"]}
    assert placed["essay grading"]["window"] == "01:00–06:00" and placed["tutoring bot"]["window"] == "09:00–19:00"
    assert placed["tutoring bot"]["option"] != "" and plan["monthly_usd"] == pytest.approx(
        sum(p["monthly_usd"] for p in plan["placements"]), rel=1e-12
    )
    for box in plan["boxes"]:  # every box carries what its workloads send in the hours they send it
        assert max(box["busy_by_hour"]) <= box["units"] + 1e-9
    grading = next(w for w in doc["workloads"] if w["name"] == "essay grading")
    assert grading["profile"]["traffic_hours"] == 5 and grading["profile"]["traffic_start_hour"] == 1
    # the bot where it is cheapest within its privacy: its placement is an option that passes alone
    bot = next(w for w in doc["workloads"] if w["name"] == "tutoring bot")
    assert placed["tutoring bot"]["option"] in {o["id"] for o in bot["options"] if o["passes"]} | {
        placed["tutoring bot"]["option"]
    }
    shown = [line for line in answer.splitlines() if re.match(r"^\| (tutoring bot|essay grading|combined) \|", line)]
    figures = [float(re.search(r"\$([\d,.]+) \|$", row)[1].replace(",", "")) for row in shown]
    assert len(figures) == 3 and sum(figures[:2]) == pytest.approx(figures[2], abs=1e-9)


CLINIC = (
    "a support bot for our clinic staff 8am-4pm with 7,000 requests a day; a search over patient notes 4pm-11pm"
    " with 6,000 a day; and a nightly summarization batch 11pm-8am with 8,000 a day. All of them: 1500 tokens in"
    " and 300 out, patient data under HIPAA, and we want a 4090."
)


def test_three_workloads_in_one_message_share_one_box_where_the_hours_allow(capsys):
    assert main(["ask", "--local", "none", "--offline", "--session", "clinic", "--json", CLINIC]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [w["name"] for w in doc["workloads"]] == ["support bot", "search", "nightly summarization"]
    for w in doc["workloads"]:  # the closing sentence is read into each
        assert w["profile"]["privacy"] == "regulated" and w["profile"]["input_tokens_per_request"] == 1500
    (box,) = doc["plan"]["boxes"]
    assert box["hardware"] == "rtx-4090-24gb" and box["units"] == 1
    assert sorted(box["workloads"]) == ["nightly summarization", "search", "support bot"]
    assert min(box["busy_by_hour"]) > 0.5 and max(box["busy_by_hour"]) < 1  # one at a time, round the clock
    assert {p["window"] for p in doc["plan"]["placements"]} == {"08:00–16:00", "16:00–23:00", "23:00–08:00"}
    assert doc["plan"]["all_cloud"]["passes"] is False  # regulated: the cloud is ruled out, and said so


def _ask_json(capsys, session: str, text: str) -> dict:
    assert main(["ask", "--local", "none", "--offline", "--json", "--session", session, text]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_one_workload_session_reads_the_window_and_sizes_the_box_for_it(capsys):
    """Issue 22's first complaint, in a session of one: '1am–6am' was ignored and one 3090 was said
    to carry the batch at a fraction of its capacity. Now the window is read, and the answer is the
    one `calc compare --traffic-hours 5 --traffic-start-hour 1` gives."""
    doc = _ask_json(capsys, "batch", "an essay grading job, 1am–6am, 20k essays a week, 5K in and 600 out, internal")
    assert (doc["profile"]["traffic_start_hour"], doc["profile"]["traffic_hours"]) == (1, 5)
    assert "← '1am–6am' (new, requests arriving 01:00–06:00)" in doc["answer"] and doc["unread"] == []
    flags = ["--requests-per-day", "2857.142857142857", "--input-tokens-per-request", "5000"]
    flags += ["--output-tokens-per-request", "600", "--privacy", "internal", "--json"]
    for window, expect in (([], False), (["--traffic-hours", "5", "--traffic-start-hour", "1"], True)):
        assert main(["calc", "compare", *flags, *window]) == 0
        rec = json.loads(capsys.readouterr().out)["recommendation"]
        assert (rec["summary"] == doc["recommendation"]["summary"]) is expect


def test_a_plain_working_day_is_a_window_and_a_rate_an_hour_is_over_its_hours(capsys):
    doc = _ask_json(capsys, "coding", "a coding assistant, 400 requests a day, 6K in and 800 out, 9 to 6, sensitive")
    assert (doc["profile"]["traffic_start_hour"], doc["profile"]["traffic_hours"]) == (9, 9) and doc["unread"] == []
    doc = _ask_json(capsys, "hourly", "300 an hour from 1am to 6am")
    assert doc["profile"]["requests_per_day"] == 1500 and doc["profile"]["traffic_hours"] == 5


def test_nine_to_five_is_a_window_and_still_the_hours_a_box_is_powered(capsys):
    """'9 to 5' was the 8 hours a day a box is powered before windows were read; it still is (the
    one-workload answer does not change), and it is now also where the requests lie."""
    doc = _ask_json(capsys, "helpdesk", "a support bot, 3,000 chats a day from 9 to 5, 2K tokens in and 300 out")
    profile = doc["profile"]
    assert (profile["traffic_start_hour"], profile["traffic_hours"], profile["hours_per_day"]) == (9, 8, 8)


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("an essay-grading batch job, 20k essays a week", 1.0),
        ("a nightly batch of product descriptions", 1.0),
        ("it's not time-sensitive, 3,000 a day", 1.0),
        ("eine nächtliche Stapelverarbeitung, 5.000 am Tag", 1.0),
        ("this is not a batch job, 2000 a day", None),  # denied
        ("2M rows a month in batches of 100 rows per call", None),  # calls grouped, not a batch API
        ("a support bot, 2,000 chats a day", None),
        ("no batch API, it feeds the morning report", 0.0),
        ("the batch job can't wait, results by 7am", 0.0),
    ],
)
def test_a_batch_job_may_wait_for_the_batch_apis_unless_it_says_not(text, share):
    from advisor.interview import read_answer
    from advisor.tools.catalog import load_catalog
    from advisor.tools.profile import WorkloadProfile

    reading = read_answer(text, WorkloadProfile(), load_catalog())
    assert reading.changes.get("batch_share") == share
    if share == 1.0:
        assert any("batch APIs" in n and 'say "no batch API"' in n for n in reading.notes)  # a stated default


@pytest.mark.parametrize(
    "text",
    ["we have a second one, a RAG search: 500 queries a day", "and another one: a RAG search, 500 queries a day"],
)
def test_a_second_one_names_a_workload_and_is_not_a_count_asked_about(text):
    from advisor.interview import read_answer
    from advisor.tools.catalog import load_catalog
    from advisor.tools.profile import WorkloadProfile

    split = split_message(text, ["support bot"], "support bot", fresh=False, unnamed=False)
    assert split is not None and split.add == ["RAG search"]
    (segment,) = split.segments
    reading = read_answer(segment.text, WorkloadProfile(), load_catalog())
    assert reading.changes["requests_per_day"] == 500 and reading.unread == []
