"""A question about the answer inside a longer message is answered in the chat ('Thanks. Why this
pick?', 'Good. How long does a memo take?'), and what its clause names — a card, a model, a count — is
asked about, never written to the profile ('why an A100 rather than an L40S?' owned nothing)."""

from __future__ import annotations

import pytest

from advisor.interview.asking import asked_about
from tests.unit.test_asked import SUPPORT, _ask, _session

LETTERS = "Wir haben 3.000 Anfragen am Tag, je 2.000 Token rein und 400 raus, interne Daten."


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Thanks, that helps. Why this pick?", "why"),
        ("Alles klar. Wieso diese Wahl?", "why"),
        ("ok. why an A100 rather than an L40S?", "why"),
        ("D'accord. Pourquoi Mistral plutôt que Llama ?", "why"),
        ("Fine. How long does a memo take?", "request_time"),
        ("and how long would each one take?", "request_time"),
        ("Verstanden. Wie lange dauert eine Zusammenfassung?", "request_time"),
        ("Merci. Combien de temps prend une synthèse ?", "request_time"),
        ("Which electricity price did you assume?", "assumptions"),
        ("Welchen Strompreis haben Sie angenommen?", "assumptions"),
    ],
)
def test_a_question_after_other_words_is_told_apart(text, kind):
    asked = asked_about(text)
    assert asked is not None and asked.kind == kind
    assert asked.clause is not None and text[asked.clause[0] : asked.clause[1]].rstrip().endswith("?")


@pytest.mark.parametrize(
    "text",
    ["how long does it take to pay back?", "wie lange dauert die Amortisation?", "that is why we stay on-prem."],
)
def test_payback_and_a_stated_why_are_not_these_questions(text):
    asked = asked_about(text)
    assert asked is None or asked.kind not in ("request_time", "why")


def test_a_question_clause_keeps_the_statement_before_it():
    text = "We now get 5,000 a day. Why this pick?"
    asked = asked_about(text)
    assert asked.without_clause(text).rstrip() == "We now get 5,000 a day."


def test_why_inside_a_longer_message_gets_the_reasons(catalog):
    ctx = _session(catalog, SUPPORT)
    answer = _ask(ctx, "Thanks, that helps. Why this pick?")
    assert "Ruled out:" in answer or "- " in answer.split("\n\n")[0]
    assert "**Recommendation:" in answer


def test_a_question_naming_hardware_writes_no_hardware(catalog):
    ctx = _session(catalog, SUPPORT)
    before = ctx.state.profile.model_copy()
    answer = _ask(ctx, "ok thanks. why an A100 rather than an L40S?")
    assert ctx.state.profile == before
    assert "owned" not in answer.split("**")[0].lower()


def test_a_question_naming_a_model_writes_no_model(catalog):
    ctx = _session(catalog, LETTERS)
    before = ctx.state.profile.model_copy()
    _ask(ctx, "Verstanden. Warum empfehlen Sie Llama 3.3 70B?")
    assert ctx.state.profile == before


def test_how_long_a_request_takes_is_said_in_the_chat_after_other_words(catalog):
    ctx = _session(catalog, LETTERS)
    answer = _ask(ctx, "Gut. Wie lange dauert eine Antwort auf einen Brief?")
    assert "Zeit je Anfrage" in answer
    answer = _ask(ctx, "Gut, danke. Und wie lange dauert ein Brief?")
    assert "Zeit je Anfrage" in answer


def test_a_statement_before_the_question_is_still_read(catalog):
    ctx = _session(catalog, SUPPORT)
    _ask(ctx, "We now get 5,000 requests a day. Why this pick?")
    assert ctx.state.profile.requests_per_day == 5000
