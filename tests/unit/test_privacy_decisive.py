"""A privacy class is written only from a decisive cue: the class's own name, a named regulation or
regulated data category, a category of personal data or a person's identifier. A feeling
("confidential"), a document type ("the wiki", "client docs"), the people the work is for
("patients", "minors") or a law the labellers read both ways (FERPA, data residency) is asked, with
the class above it first — never written, so no wording can write a class lower than the data. The
sentences are written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.interview.privacy import read_privacy
from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import PRIVACY_LEVELS, WorkloadProfile

EMPTY = WorkloadProfile()
RANK = {level: i for i, level in enumerate(PRIVACY_LEVELS)}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _options(reading) -> list[str]:
    return [o.changes.get("privacy") for c in reading.open_choices if "privacy" in c.fields for o in c.options]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        # feelings and secrets: sensitive, or regulated?
        ("Everything in there is strictly confidential.", ["regulated", "sensitive"]),
        ("Es handelt sich um Geschäftsgeheimnisse unserer Kunden.", ["regulated", "sensitive"]),
        ("The formulas are our IP, that's the whole company.", ["regulated", "sensitive"]),
        ("Es geht um geistiges Eigentum aus der Entwicklung.", ["regulated", "sensitive"]),
        ("Callers tell us very private stuff about their families.", ["regulated", "sensitive"]),
        # a document type or the people the work is for
        ("We want a bot that doesnt leak client docs.", ["regulated", "sensitive"]),
        ("Der Code unserer Kunden ist Teil jedes Prompts.", ["regulated", "sensitive"]),
        ("A lot of the people in the chat are minors.", ["regulated", "sensitive"]),
        ("Mails von Patienten beantworten.", ["regulated", "sensitive"]),
        ("It answers patients' questions about opening hours.", ["regulated", "sensitive"]),
        ("It searches our Confluence wiki.", ["sensitive", "internal"]),
        # a law two careful readers took two ways
        ("FERPA applies, ~3000 essays a semester.", ["regulated", "sensitive"]),
        ("data residency rules apply", ["regulated", "sensitive"]),
    ],
)
def test_a_cue_that_is_not_decisive_is_asked_with_the_higher_class_first(catalog, text, asked):
    reading = read_answer(text, EMPTY, catalog)
    assert "privacy" not in reading.changes
    assert _options(reading) == asked


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("We summarise patient records from the ward.", "regulated"),
        ("On résume les dossiers du patient avant la consultation.", "regulated"),
        ("Card numbers show up in the chat logs.", "regulated"),
        ("It is customer data from the CRM.", "sensitive"),
        ("Each ticket has the caller's name and phone number.", "sensitive"),
        ("Internal process documents only.", "internal"),
        ("Alles daar is openbaar.", "public"),
        ("Datos públicos de la web del ayuntamiento.", "public"),
        # a feeling with the class above it denied: nothing is left to ask
        ("Confidential supplier prices, nothing regulated.", "sensitive"),
        # the class said alone, as the question offers it
        ("vertraulich", "sensitive"),
    ],
)
def test_a_decisive_cue_is_written(catalog, text, level):
    assert read_answer(text, EMPTY, catalog).changes.get("privacy") == level


def test_a_class_still_asked_is_not_lowered_by_examples_of_a_lower_one(catalog):
    """'bookings for our patients' asks regulated or sensitive; the answer 'name and phone' is an example
    of a lower class, not an answer to that question: it is asked again, regulated first, nothing written."""
    first = read_answer("A chatbot that takes bookings for our patients.", EMPTY, catalog)
    assert "privacy" not in first.changes and _options(first) == ["regulated", "sensitive"]
    second = read_answer("They give their name and phone.", EMPTY, catalog, open_choices=first.open_choices)
    assert "privacy" not in second.changes
    assert _options(second)[0] == "regulated"


# Cue phrases in our own words, with the class each names and whether it is decisive.
CUES = [
    ("the notes hold diagnoses", "regulated", True),
    ("HIPAA covers it", "regulated", True),
    ("it is personal data", "sensitive", True),
    ("customer emails come in", "sensitive", True),
    ("internal data", "internal", True),
    ("the data is public", "public", True),
    ("it is confidential stuff", "sensitive", False),
    ("proprietary formulas", "sensitive", False),
    ("our wiki pages", "internal", False),
    ("answers for patients", "regulated", False),
    ("lots of NDAs", "sensitive", False),
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(CUES), min_size=1, max_size=3, unique=True))
def test_a_class_is_written_only_when_the_strictest_cue_is_decisive(cues):
    """Whatever cues stand together, the class read is the strictest of them, and it is settled only
    when a decisive cue names it; otherwise the classes asked start above or at it — never below."""
    text = ". ".join(cue for cue, _, _ in cues) + "."
    reading = read_privacy(text.lower())
    top = max(RANK[level] for _, level, _ in cues)
    assert reading.level is not None and RANK[reading.level] == top
    decisive = any(ok and RANK[level] == top for _, level, ok in cues)
    assert reading.decisive == decisive
    if not decisive:
        assert RANK[reading.choices[0]] >= top and reading.level in reading.choices


def test_the_arbiter_writes_no_privacy_class_that_does_not_say_it_rests_on_a_decisive_cue(catalog):
    """The gate is the arbiter's (catalog/derivation.toml: privacy allows only 'class_named'): a
    privacy claim from any reader that records no step, or an inferred one, is asked, never written."""
    from advisor.interview import arbiter
    from advisor.interview.draft import Draft

    for steps in ([], ["class_inferred"]):
        d = Draft("our internal wiki", EMPTY, catalog, None)
        d.set("privacy", "internal", spans=[(0, 17)], steps=steps)
        arbiter.arbitrate(d)
        assert "privacy" not in d.changes and "privacy" in d.held
    d = Draft("our internal wiki", EMPTY, catalog, None)
    d.set("privacy", "internal", spans=[(0, 17)], steps=["class_named"])
    arbiter.arbitrate(d)
    assert d.changes == {"privacy": "internal"}
