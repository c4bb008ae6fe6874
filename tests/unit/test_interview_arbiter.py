"""The arbiter (advisor/interview/arbiter.py): readers propose claims, the arbiter writes one
uncontested strong claim per field and turns the rest into one question with the readings as
choices; a value the user set is not replaced by a reading in passing. And the reading vocabulary
(catalog/reading.toml) it reads by validates on load."""

from __future__ import annotations

import pytest

from advisor.interview.arbiter import arbitrate
from advisor.interview.draft import Draft
from advisor.interview.reader import read_answer
from advisor.interview.vocab import VocabularyError, parse, vocab
from advisor.tools.profile import WorkloadProfile

EMPTY = WorkloadProfile()


def _draft(text: str, catalog, profile: WorkloadProfile = EMPTY) -> Draft:
    return Draft(text, profile, catalog)


def test_one_strong_claim_is_written(catalog):
    d = _draft("800 a day for the support bot", catalog)
    d.set("requests_per_day", 800.0, "read '800 a day' as 800 requests a day", span=(0, 9))  # read: consumed
    arbitrate(d)
    assert d.changes == {"requests_per_day": 800.0} and d.sources == {"requests_per_day": "read"}
    assert d.notes == ["read '800 a day' as 800 requests a day"]


def test_two_readings_of_one_field_are_one_question_with_both_as_choices(catalog):
    d = _draft("800 a day or 32000", catalog)
    d.set("requests_per_day", 800.0, span=(0, 9), label="800 a day")
    d.set("requests_per_day", 32000.0, span=(13, 18), label="32,000 a day")
    arbitrate(d)
    assert d.changes == {} and d.held == {"requests_per_day"}
    (choice,) = d.choices
    assert [o.label for o in choice.options] == ["800 a day", "32,000 a day"]
    assert [o.changes for o in choice.options] == [{"requests_per_day": 800.0}, {"requests_per_day": 32000.0}]


def test_a_weak_claim_is_asked_and_yes_writes_it(catalog):
    reading = read_answer("Our 200-bed hospital sends 350 notes a day in 12 languages", EMPTY, catalog)
    assert "requests_per_day" not in reading.changes
    assert any("'12 languages'" in q for q in reading.ambiguous)
    yes = read_answer("yes", EMPTY, catalog, open_choices=reading.open_choices)
    assert yes.changes == {"requests_per_day": 350.0} and yes.sources == {"requests_per_day": "answered"}


def test_a_number_of_another_kind_does_not_weaken_a_reading(catalog):
    """A price or a headcount beside a token size says nothing about it."""
    reading = read_answer("50 developers, 2k tokens in and 300 out, $20 a seat today", EMPTY, catalog)
    assert reading.changes["input_tokens_per_request"] == 2000
    assert reading.changes["output_tokens_per_request"] == 300


def test_a_value_the_user_set_is_not_replaced_by_a_reading_in_passing(catalog):
    profile = WorkloadProfile(requests_per_day=800)
    reading = read_answer("we see 900 tickets a day", profile, catalog, sources={"requests_per_day": "set"})
    assert "requests_per_day" not in reading.changes
    (choice,) = reading.open_choices
    assert "'900 tickets a day': 1) 900 requests a day instead, or 2) keep 800 as you set it?" in reading.ambiguous
    assert [o.changes for o in choice.options] == [{"requests_per_day": 900.0}, {}]
    # … but a reading of a field only read before replaces it, and an answer to its question does too
    assert read_answer("we see 900 tickets a day", profile, catalog, sources={"requests_per_day": "read"}).changes == {
        "requests_per_day": 900.0
    }
    answered = read_answer("900 a day", profile, catalog, asked="requests_per_day", sources={"requests_per_day": "set"})
    assert answered.changes == {"requests_per_day": 900.0}


def test_a_stricter_privacy_class_is_never_held_back(catalog):
    profile = WorkloadProfile(privacy="internal")
    reading = read_answer("it holds patient records", profile, catalog, sources={"privacy": "set"})
    assert reading.changes == {"privacy": "regulated"}


def test_hardware_owned_is_owned_not_one_to_buy(catalog):
    reading = read_answer("We already have two used 3090s in a closet", EMPTY, catalog)
    assert "hardware" not in reading.changes
    assert reading.changes["owned_hardware"] in ("dual-rtx-3090-48gb-used", "rtx-3090-24gb-used")


# ---- the vocabulary ------------------------------------------------------------------------------
def test_the_shipped_vocabulary_validates_and_states_its_token_factors():
    v = vocab()
    assert v.unit_of("Seiten").factor == 650
    assert v.unit_of("words").factor == 1.3
    assert v.unit_of("chars").factor == 0.25
    assert all(u.source and u.basis for u in v.token_units.values())


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("words.en =", "words.xx =", 1), "unknown language 'xx'"),
        (lambda t: t.replace("factor = 1.3", "factor = -1", 1), "token_units.word.factor"),
        (lambda t: t.replace("[periods.day]", "[periods.fortnight]", 1), "unknown period 'fortnight'"),
        (lambda t: t.replace('de = ["pro tag"', 'de = ["Pro Tag"', 1), "lower-case"),
        (lambda t: t + "\n[surprise]\nx = 1\n", "surprise"),
        (lambda t: t + "\n[[[", "not TOML"),
    ],
)
def test_a_bad_vocabulary_file_is_one_line_naming_the_entry(edit, message):
    from importlib import resources

    text = (resources.files("advisor.catalog") / "reading.toml").read_text(encoding="utf-8")
    with pytest.raises(VocabularyError) as err:
        parse(edit(text))
    assert message in str(err.value) and str(err.value).startswith("catalog/reading.toml")
    assert "\n" not in str(err.value)


def test_a_reading_asked_back_is_answered_by_its_number_or_a_figure(catalog):
    """'… 1) 350 requests a day or 2) another figure?': '1' (or 'yes') takes the reading, '2' (or 'no')
    leaves the field to be given, a figure gives it — with the field's question pending, as it is."""
    reading = read_answer("We get 350 notes a day in 12 languages", EMPTY, catalog)
    (choice,) = reading.open_choices
    assert [o.label for o in choice.options] == ["350 requests a day", "another figure"]

    def answer(text: str):
        return read_answer(text, EMPTY, catalog, asked="requests_per_day", open_choices=reading.open_choices)

    assert answer("1").changes == {"requests_per_day": 350} and answer("yes").changes == {"requests_per_day": 350}
    for other in ("2", "no"):
        assert answer(other).changes == {} and answer(other).open_choices == [], other
    assert answer("4200").changes == {"requests_per_day": 4200}
