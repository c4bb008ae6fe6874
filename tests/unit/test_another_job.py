"""A team that describes its jobs one message at a time: a message that introduces another job starts
a workload of its own (named from its words) and its figures go there; a volume with another work
noun is another job's; when it cannot tell which workload a volume is for, it asks with the workloads
as the choices, and the next "1" or "2" puts it there — never a silent replacement of another job's
volume. Restating several jobs as 'name: figures' fills each one. --local none, the real Session."""

from __future__ import annotations

import json

import pytest

from advisor.cli import main
from advisor.config import load_config
from advisor.interview.workload_split import split_message
from advisor.session import Session

ASK = ["ask", "--local", "none", "--offline", "--session", "shop", "--json"]


def ask(capsys, text: str) -> dict:
    assert main([*ASK, text]) == 0
    return json.loads(capsys.readouterr().out)


def volumes() -> dict[str, float | None]:
    state = Session.load(load_config(local="none", offline=True), "shop", create=False).state
    return {name: p.requests_per_day for name, p in state.workload_profiles()}


def test_also_a_chatbot_is_a_new_workload_and_the_first_keeps_its_volume(capsys):
    ask(capsys, "We write 500 product descriptions a day, 1,500 tokens in and 400 out, public data")
    doc = ask(capsys, "We also want a support chatbot, 3,000 conversations a day")
    assert volumes() == {"workload 1": 500, "support chatbot": 3000}
    assert "new workload 'support chatbot'" in doc["answer"]


@pytest.mark.parametrize(
    "text",
    [
        "Además queremos un chatbot de soporte: 3.000 conversaciones al día",
        "Außerdem haben wir einen Chatbot, 3.000 Gespräche am Tag",
        "Ensuite, un chatbot de support : 3 000 conversations par jour",
    ],
)
def test_another_job_in_other_languages(capsys, text):
    ask(capsys, "500 descriptions a day, 1,500 tokens in and 400 out, public data")
    ask(capsys, text)
    got = volumes()
    assert got["workload 1"] == 500 and len(got) == 2
    assert [v for n, v in got.items() if n != "workload 1"] == [3000]


def test_a_volume_of_another_work_noun_is_another_job(capsys):
    ask(capsys, "800 tickets a day, 2k tokens in and 300 out, internal data")
    doc = ask(capsys, "5,000 invoices a week")
    got = volumes()
    assert got["workload 1"] == 800 and got["invoices"] == pytest.approx(5000 / 7)
    assert "new workload 'invoices'" in doc["answer"]


def test_the_same_work_noun_again_is_the_same_job(capsys):
    ask(capsys, "800 tickets a day, 2k tokens in and 300 out, internal data")
    ask(capsys, "900 tickets a day")
    assert volumes() == {"workload 1": 900}


@pytest.mark.parametrize(
    ("pick", "expect"), [("2", {"workload 1": 1000, "conversations": 500}), ("1", {"workload 1": 500})]
)
def test_a_volume_it_cannot_place_is_asked_with_the_workloads_as_choices(capsys, pick, expect):
    ask(capsys, "1,000 a day, 2k tokens in and 300 out, public data")
    doc = ask(capsys, "15,000 conversations a month")
    assert volumes() == {"workload 1": 1000}  # nothing replaced in silence
    (question,) = [q["question"] for q in doc["questions"] if "new workload" in q["question"]]
    assert "1) for workload 1, instead of 1,000 requests a day or 2) a new workload 'conversations'" in question
    ask(capsys, pick)
    assert volumes() == expect


def test_restating_each_job_by_name_fills_each_and_names_the_unnamed_one():
    split = split_message(
        "descripciones: 2.000 al día, públicas; chatbot: 15.000 conversaciones al mes",
        ["workload 1", "chatbot"],
        "chatbot",
        fresh=False,
        unnamed=False,
    )
    assert split is not None and split.rename == ("workload 1", "descripciones") and split.add == []
    assert [(s.workload, s.text.strip(" ;")) for s in split.segments] == [
        ("descripciones", "descripciones: 2.000 al día, públicas"),
        ("chatbot", "chatbot: 15.000 conversaciones al mes"),
    ]


def test_a_label_that_is_a_field_is_not_a_workload():
    split = split_message(
        "chatbot: input 2k, output: 300", ["workload 1", "chatbot"], "workload 1", fresh=False, unnamed=True
    )
    assert split is not None and split.rename is None and [s.workload for s in split.segments] == ["chatbot"]


def test_the_chatbot_named_with_a_spanish_article_picks_that_workload():
    split = split_message(
        "el chatbot es OTRO job, no las descripciones",
        ["descripciones", "chatbot"],
        "descripciones",
        fresh=False,
        unnamed=False,
    )
    assert split is not None and split.first == "chatbot" and split.add == []
