"""The reading benchmark's grading (tests/reading_grades.py) and its runner (tests/bench/bench_reading.py):
a value the text did not state counts as wrong, hardware is matched by chip and memory, an ambiguous
label wants a question, and a dialogue carries its state from turn to turn as a session does."""

from __future__ import annotations

import json

from tests.bench.bench_reading import bench, field_of_question, summary
from tests.reading_corpus import load_dir
from tests.reading_grades import (
    ASKED,
    BEYOND,
    OPEN,
    RIGHT,
    UNSTATED,
    WRONG,
    grade,
    hardware_right,
    hardware_unnamed,
    privacy_downgrade,
)


def test_a_field_written_that_the_label_does_not_have_is_wrong(catalog):
    final = {"requests_per_day": 800.0, "input_tokens_per_request": 20.0}
    grades = grade({"requests_per_day": 800}, final, set(), catalog)
    assert grades["requests_per_day"][0] == RIGHT
    assert grades["input_tokens_per_request"][0] == UNSTATED


def test_labels_that_name_only_some_facts_do_not_grade_the_rest(catalog):
    grades = grade({"requests_per_day": 800}, {"input_tokens_per_request": 20.0}, set(), catalog, complete=False)
    assert grades["input_tokens_per_request"][0] == BEYOND
    assert grades["requests_per_day"][0] == OPEN


def test_a_value_off_by_more_than_a_percent_is_wrong_and_an_open_field_is_asked_when_questioned(catalog):
    label = {"requests_per_day": 800, "privacy": "sensitive"}
    grades = grade(label, {"requests_per_day": 32000.0}, {"privacy"}, catalog)
    assert grades["requests_per_day"][0] == WRONG
    assert grades["privacy"][0] == ASKED


def test_an_ambiguous_label_is_right_when_asked_and_wrong_when_written(catalog):
    label = {"requests_per_day": {"ambiguous": [800, 32000]}}
    assert grade(label, {}, {"requests_per_day"}, catalog)["requests_per_day"][0] == RIGHT
    assert grade(label, {"requests_per_day": 800.0}, set(), catalog)["requests_per_day"][0] == WRONG
    assert grade(label, {}, set(), catalog)["requests_per_day"][0] == OPEN


def test_money_in_another_currency_is_compared_at_the_catalogs_rate(catalog):
    from advisor.interview.currency import rates

    eur = rates()["EUR"].usd_per_unit
    assert (
        grade({"budget_usd_per_month": {"eur": 2000}}, {"budget_usd_per_month": 2000 * eur}, set(), catalog)[
            "budget_usd_per_month"
        ][0]
        == RIGHT
    )


def test_hardware_is_right_by_chip_and_memory(catalog):
    assert hardware_right("RTX 3090 24GB", "rtx-3090-24gb-used", catalog)
    assert hardware_right("RTX 3090 24GB", "dual-rtx-3090-48gb-used", catalog)  # two of the same card
    assert not hardware_right("RTX 4090 24GB", "rtx-3090-24gb-used", catalog)
    assert hardware_right("RTX 4090", "rtx-4090-24gb", catalog)
    assert not hardware_right("Mac Studio M4 Ultra 192GB", "mac-studio-m4-ultra-128gb", catalog)
    assert hardware_right("Mac Studio M4 Ultra 192GB", "mac-studio-m4-ultra-192gb", catalog)
    assert not hardware_right("H100 SXM 80GB", "rtx-4090-24gb", catalog)


def test_a_box_of_cards_owned_is_right_as_that_many_cards(catalog):
    box = {"owned_hardware": "8x H100 server", "owned_units": 1}
    cards = {"owned_hardware": "h100-sxm-80gb", "owned_units": 8}
    assert {k: g[0] for k, g in grade(box, cards, set(), catalog).items()} == {
        "owned_hardware": RIGHT,
        "owned_units": RIGHT,
    }
    # four cards of a box of eight, or eight cards of another chip, stay wrong
    assert grade(box, {**cards, "owned_units": 4}, set(), catalog)["owned_units"][0] == WRONG
    assert grade(box, {"owned_hardware": "a100-80gb", "owned_units": 8}, set(), catalog)["owned_hardware"][0] == WRONG


def test_privacy_read_lower_or_not_at_all_and_hardware_from_no_name_are_counted_apart():
    assert privacy_downgrade({"privacy": "regulated"}, {"privacy": "internal"}) == "lower"
    assert privacy_downgrade({"privacy": "regulated"}, {}) == "missed"
    assert privacy_downgrade({"privacy": "internal"}, {"privacy": "regulated"}) is None
    assert hardware_unnamed({"requests_per_day": 5}, {"hardware": "this-machine"}) == ["hardware"]
    assert hardware_unnamed({"owned_hardware": "RTX 4090"}, {"hardware": "rtx-4090-24gb"}) == []


def test_the_interviews_own_question_is_the_field_it_asks(catalog):
    from advisor.interview.questions import question_texts

    assert field_of_question(question_texts()["privacy"]) == "privacy"
    assert field_of_question("How's the weather?") is None


def test_a_dialogue_carries_its_state_and_the_final_profile_is_graded(tmp_path, catalog):
    from advisor.interview.questions import question_texts

    item = {
        "id": "d-1",
        "persona": "test",
        "lang": "en",
        "domain": "support",
        "kind": "dialogue",
        "turns": [
            {"question": "", "text": "We answer 800 tickets a day, 2k tokens in and 300 out."},
            {"question": question_texts()["privacy"], "text": "internal"},
        ],
        "expect": {
            "requests_per_day": 800,
            "input_tokens_per_request": 2000,
            "output_tokens_per_request": 300,
            "privacy": "internal",
        },
    }
    folder = tmp_path / "train"
    folder.mkdir()
    (folder / "items.jsonl").write_text(json.dumps(item) + "\n", encoding="utf-8")
    splits = bench(load_dir(folder), catalog)
    result = summary(splits["train"])
    assert result["right"] == 4 and result["wrong"] == 0


def test_a_region_and_a_contracts_parties_are_graded_as_the_profile_holds_them(catalog):
    """The sheet writes 'EU' and platforms ('aws-bedrock'); the profile holds region ids and companies."""
    label = {"region": "EU", "contract_providers": ["aws-bedrock", "anthropic"], "data_boundary": "contract"}
    held = {"region": "eu", "contract_providers": ["anthropic", "aws"], "data_boundary": "contract"}
    grades = grade(label, held, set(), catalog)
    assert {k: g[0] for k, g in grades.items()} == dict.fromkeys(label, RIGHT)
    assert grade(label, {**held, "region": "de"}, set(), catalog)["region"][0] == WRONG


def test_a_field_one_of_several_workloads_states_is_right_when_it_holds_that_value(catalog):
    workloads = [{"name": "a", "requests_per_day": 3000}, {"name": "b", "requests_per_day": 0.14}]
    label = {"privacy": "public", "workloads": workloads}

    def graded(final: dict) -> str:
        return grade(label, {"privacy": "public", **final}, set(), catalog)["requests_per_day"][0]

    assert graded({"requests_per_day": 3000.0}) == RIGHT
    assert graded({"requests_per_day": 50.0}) == WRONG
    assert graded({}) == OPEN


def test_no_hardware_not_read_is_open_not_a_wrong_value(tmp_path, catalog):
    """'we dont have a server' unread leaves declined_hardware open (nothing was written), it is not
    a False written against the label's True; read, it is right."""

    def item(text: str) -> dict:
        return {
            "id": "h-1",
            "persona": "test",
            "lang": "en",
            "domain": "support",
            "kind": "first",
            "turns": [{"question": "", "text": text}],
            "expect": {"declined_hardware": True},
        }

    folder = tmp_path / "train"
    folder.mkdir()
    lines = [item("we want a bot, we dont have a server or anything weird"), item("We have no hardware yet.")]
    (folder / "items.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    result = summary(bench(load_dir(folder), catalog)["train"])
    assert result["wrong"] == 0 and result["right"] == 1
