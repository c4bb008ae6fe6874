"""Owned hardware is written only when its evidence is complete in one clause: a hardware name, a word
of the team having it tied to that name (nothing but a hardware phrase's words between them), and —
for the count — a count that modifies the name. Someone else's hardware, having said of something else
and a name with no count tied to it are asked, not written. A question that probes ("why Qwen 27B?",
"what about Llama 70B?", "and with H200s?") never writes the model or hardware it names."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

CATALOG = load_catalog()
OWNED = ("owned_hardware", "owned_units")


def _read(text: str, profile: WorkloadProfile | None = None, asked: str | None = None, open_choices=None):
    return read_answer(text, profile or WorkloadProfile(), CATALOG, asked=asked, open_choices=open_choices)


@pytest.mark.parametrize(
    ("text", "box", "units"),
    [
        ("We have 4 H100s in our rack.", "h100-sxm-80gb", 4),
        ("Bei uns läuft ein Server mit zwei A100.", "a100-80gb", 2),
        ("Temos um servidor Dell com uma placa NVIDIA L40S parado.", "l40s-48gb", 1),
        ("Got 2x 3090 (24gb each) in a threadripper box.", "rtx-3090-24gb-used", 2),
        ("Can our 2 A100s run it overnight?", "a100-80gb", 2),
    ],
)
def test_a_name_a_having_and_a_count_tied_in_one_clause_are_written(text, box, units):
    reading = _read(text)
    assert reading.changes.get("owned_hardware") == box
    assert reading.changes.get("owned_units") == units


@pytest.mark.parametrize(
    "text",
    [
        "The other team owns 8 H100s.",
        "Our vendor has 8 H100s for us.",
        "Ein anderes Team hat zwei A100 im Keller.",
    ],
)
def test_someone_elses_hardware_is_asked_about_not_owned(text):
    reading = _read(text)
    assert not set(OWNED) & set(reading.changes)
    assert any("yours to use for this" in q or "leave it out" in q for q in reading.ambiguous)


@pytest.mark.parametrize(
    "text",
    ["We run everything on AWS, we have 40 engineers who use A100s there.", "Our 40 engineers use A100s in the cloud."],
)
def test_having_said_of_something_else_does_not_make_the_hardware_theirs(text):
    reading = _read(text)
    assert not set(OWNED) & set(reading.changes)


@pytest.mark.parametrize(
    ("text", "box", "usual"),
    [
        ("We have H100s in our rack.", "h100-sxm-80gb", 8),
        ("Eigene A100 vorhanden.", "a100-80gb", 4),
        ("Our 3 data scientists each have a 4090.", "rtx-4090-24gb", 1),
    ],
)
def test_a_name_with_no_count_tied_to_it_is_owned_and_its_count_asked(text, box, usual):
    reading = _read(text)
    assert reading.changes.get("owned_hardware") == box
    assert "owned_units" not in reading.changes
    (choice,) = [c for c in reading.open_choices if c.fields == ["owned_units"]]
    assert [o.changes.get("owned_units") for o in choice.options[:1]] == [usual]
    assert choice.options[2].changes.get("hardware") == box  # none owned: hardware to buy


def test_the_count_asked_is_taken_from_a_figure_or_a_pick():
    first = _read("We have H100s in our rack.")
    profile = WorkloadProfile(owned_hardware="h100-sxm-80gb")
    assert _read("4", profile, open_choices=first.open_choices).changes.get("owned_units") == 4
    assert _read("1", profile, open_choices=first.open_choices).changes.get("owned_units") == 8
    bought = _read("3", profile, open_choices=first.open_choices).changes
    assert bought.get("hardware") == "h100-sxm-80gb" and bought.get("owned_hardware", "x") is None


@pytest.mark.parametrize(
    "text",
    ["Why Qwen 27B?", "What about Llama 70B?", "and with H200s?", "Warum Qwen 27B?", "Et avec Llama 70B ?"],
)
def test_a_probing_question_writes_no_model_or_hardware(text):
    reading = _read(text)
    assert not {"local_model", "cloud_model", "hardware", *OWNED} & set(reading.changes)


def test_a_model_stated_is_still_read():
    assert _read("We'd run Llama 3.3 70B locally.").changes.get("local_model") == "llama-3.3-70b"


@pytest.mark.parametrize("text", ["Own 4090 + 3080 Ti.", "We have two A100s and a 4090 in the lab."])
def test_one_having_said_of_two_kinds_of_hardware_is_asked(text):
    reading = _read(text)
    assert not set(OWNED) & set(reading.changes)
    assert reading.ambiguous


@pytest.mark.parametrize("text", ["c'est une A40, pas une A100", "nie mamy A100", "Non abbiamo una A100"])
def test_a_name_denied_in_another_language_is_not_theirs(text):
    reading = _read(text, asked="hardware")
    assert not {"hardware", *OWNED} & set(reading.changes)


@pytest.mark.parametrize(
    "text", ["H100s would be nice", "A100s from the research group, maybe", "a 4090 maybe, not sure"]
)
def test_an_answer_to_the_hardware_question_saying_more_than_the_name_is_asked(text):
    reading = _read(text, asked="hardware")
    assert not set(OWNED) & set(reading.changes)
    assert reading.ambiguous


def test_the_owned_claims_record_their_ties_and_the_arbiter_enforces_them():
    from advisor.interview.derivation import derivations
    from advisor.interview.reader import read_draft

    d = read_draft("We have 4 H100s in our rack.", WorkloadProfile(), CATALOG)
    steps = {c.field: c.steps for c in d.claims if c.field in OWNED}
    assert steps == {"owned_hardware": ["having_tied"], "owned_units": ["having_tied", "count_tied"]}
    table = derivations()
    assert not table.allows("owned_units", "count_of_box_guessed")
    assert not table.allows("owned_hardware", "having_beside_another")
    guessed = _read("We have an H100 server in the basement.")  # the catalog's 8 cards: asked
    assert "owned_units" not in guessed.changes and guessed.ambiguous


@pytest.mark.parametrize(
    ("text", "box", "units"),
    [("Temos duas RTX 3090 paradas.", "rtx-3090-24gb-used", 2), ("Nous avons deux A100 au sous-sol.", "a100-80gb", 2)],
)
def test_a_count_in_another_languages_words_is_tied_to_the_card_it_counts(text, box, units):
    reading = _read(text)
    assert (reading.changes.get("owned_hardware"), reading.changes.get("owned_units")) == (box, units)
