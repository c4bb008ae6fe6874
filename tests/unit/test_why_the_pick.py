"""'Why?' ('warum?', 'pourquoi cette option ?') is answered with the reasons of the pick, from the
comparison that made it: its figures against the best option of another kind, each reason the
recommendation gives, and the constraint that ruled the other options out. Before, it got one line
repeating the pick (a blind tester's 'Warum?' in last session's notes)."""

from __future__ import annotations

import pytest

from advisor.interview.asking import asked_about
from advisor.text.reasons import pick_reasons
from advisor.text.words import Words
from advisor.tools.compare import compare_profile
from tests.unit.test_asked import SUPPORT, _ask, _session

LETTERS = "Wir haben 3.000 Anfragen am Tag, je 2.000 Token rein und 400 raus, interne Daten."


@pytest.mark.parametrize(
    "text", ["why?", "Why this one?", "and why that?", "Warum?", "Wieso das?", "pourquoi cette option ?", "¿Por qué?"]
)
def test_why_is_asked_in_each_language(text):
    assert asked_about(text).kind == "why"


@pytest.mark.parametrize(
    "text",
    ["that's why it must stay on-prem", "we don't know why the bill grew", "why not local?", "Warum nicht lokal?"],
)
def test_why_inside_a_statement_or_about_another_option_is_not_why_the_pick(text):
    asked = asked_about(text)
    assert asked is None or asked.kind == "ruled_out"


def test_why_gives_the_picks_reasons_and_what_ruled_the_others_out(catalog):
    ctx = _session(catalog, SUPPORT)
    before = ctx.state.profile.model_copy()
    result = compare_profile(ctx.state.profile, catalog)
    answer = _ask(ctx, "why?")
    for reason in pick_reasons(result):
        assert f"- {reason}" in answer
    failed = [o for o in result.options if o.failed]
    assert failed and "Ruled out:" in answer
    assert f"- ✗ {failed[0].failed[0]}" in answer
    assert ctx.state.profile == before  # asked, not stated


def test_warum_is_answered_in_german_with_the_reasons(catalog):
    ctx = _session(catalog, LETTERS)
    result = compare_profile(ctx.state.profile, catalog)
    answer = _ask(ctx, "Warum?")
    assert answer.startswith("**Empfehlung:")
    for reason in pick_reasons(result, Words(lang="de")):
        assert reason in answer


def test_asking_why_does_not_use_up_the_interviews_question(catalog):
    """A turn that only asks about the answer ('why?', 'what about failover?') shows the interview's
    question again in its first wording: the user had no chance to answer it, so it is not asked
    'once more' (nor dropped) on their account."""
    ctx = _session(catalog, SUPPORT)
    field = ctx.state.asked
    counted = dict(ctx.state.asked_count)
    for question in ("why?", "what about failover?", "Warum?"):
        _ask(ctx, question)
        assert ctx.state.asked == field and ctx.state.asked_count == counted
