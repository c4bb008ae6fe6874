"""Questions people ask about the answer, each answered from the tools in a sentence: what a token
is, what caching saves this workload in money, what the cheapest acceptable option costs, why an
option was ruled out, what the figures assume — and the question changes nothing in the profile."""

from __future__ import annotations

import pytest

from advisor.agent import TurnContext, run_turn
from advisor.events import TurnFinished
from advisor.interview.asking import asked_about
from advisor.state import SessionState
from advisor.text.render import money
from advisor.tools.compare import compare_profile

SUPPORT = "We run a support bot: 3,000 requests a day, about 2K tokens in and 400 out, internal data."
CACHED = SUPPORT + " 80% of the input is cached."


def _session(catalog, first: str) -> TurnContext:
    ctx = TurnContext(catalog=catalog, state=SessionState())
    list(run_turn(ctx, first))
    return ctx


def _ask(ctx: TurnContext, text: str) -> str:
    return next(e.answer for e in run_turn(ctx, text) if isinstance(e, TurnFinished))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("What's a token?", "token"),
        ("Was ist ein Token?", "token"),
        ("How many $ a month does our 80% caching save?", "caching"),
        ("what if we had no caching at all?", "caching"),
        ("¿Cuánto ahorra la caché?", "caching"),
        ("What does the cheapest acceptable option cost?", "cheapest"),
        ("why was the local rtx 3090 ruled out?", "ruled_out"),
        ("Pourquoi pas le local ?", "ruled_out"),
        ("What are you assuming?", "assumptions"),
        ("How long would one request take?", "request_time"),
        ("how long does a typical answer take", "request_time"),
        ("Wie lange dauert eine Anfrage?", "request_time"),
    ],
)
def test_the_questions_are_told_apart(text, kind):
    assert asked_about(text).kind == kind


def test_plain_statements_ask_nothing():
    for text in (
        SUPPORT,
        "we use the cheapest model",
        "2K tokens in and 300 out",
        "our cache hit rate is 60%",
        "how long does it take to pay back?",
        "answers within 5 seconds",
    ):
        assert asked_about(text) is None, text


def test_what_caching_saves_is_a_dollar_figure_from_the_tools(catalog):
    ctx = _session(catalog, CACHED)
    profile = ctx.state.profile
    assert profile.cached_input_share == 0.8
    answer = _ask(ctx, "How many $ a month does our 80% caching save?")
    with_it = compare_profile(profile, catalog)
    without = compare_profile(profile.model_copy(update={"cached_input_share": 0.0}), catalog)
    pick = lambda r: next(o for o in r.options if o.id == r.recommendation.option_id)  # noqa: E731
    saving = pick(without).monthly_usd - pick(with_it).monthly_usd
    assert answer.startswith(f"Caching 80% of the input saves {money(saving)} a month")
    assert ctx.state.profile == profile  # asked, not stated


def test_the_share_a_caching_question_names_is_the_one_priced(catalog):
    """'our 80% caching' when the profile holds none yet: the saving at 80%, not at a default 50%."""
    ctx = _session(catalog, SUPPORT)
    profile = ctx.state.profile
    assert not profile.cached_input_share
    answer = _ask(ctx, "How many $ a month does our 80% caching save?")
    with_it = compare_profile(profile.model_copy(update={"cached_input_share": 0.8}), catalog)
    without = compare_profile(profile, catalog)
    pick = lambda r: next(o for o in r.options if o.id == r.recommendation.option_id)  # noqa: E731
    saving = pick(without).monthly_usd - pick(with_it).monthly_usd
    assert answer.startswith("Caching 80% of the input saves " + money(saving)), answer
    assert "50%" not in answer and ctx.state.profile == profile


def test_no_caching_at_all_is_answered_not_refused(catalog):
    ctx = _session(catalog, CACHED)
    answer = _ask(ctx, "what if we had no caching at all?")
    assert answer.startswith("Caching 80% of the input saves $") and "can't model" not in answer


def test_the_cheapest_acceptable_option_and_the_profile_stays(catalog):
    ctx = _session(catalog, SUPPORT)
    before = ctx.state.profile.model_copy()
    answer = _ask(ctx, "What does the cheapest acceptable option cost?")
    result = compare_profile(before, catalog)
    cheapest = min((o for o in result.options if o.passes), key=lambda o: o.monthly_usd)
    assert answer.startswith("The cheapest option that meets every constraint is")
    assert f"{money(cheapest.monthly_usd)} a month" in answer.split("\n")[0]
    assert ctx.state.profile == before  # "cheapest acceptable" named the question, not a quality tier


def test_why_an_option_was_ruled_out_names_its_reason(catalog):
    ctx = _session(catalog, SUPPORT)
    before = ctx.state.profile.model_copy()
    answer = _ask(ctx, "why was the local rtx 3090 ruled out?")
    assert answer.startswith("Local: 1 × NVIDIA RTX 3090 (24 GB), used running ")
    assert "is ruled out: the hard 10% needs a frontier-tier model" in answer
    assert ctx.state.profile == before


def test_what_a_token_is_and_what_is_assumed(catalog):
    ctx = _session(catalog, SUPPORT)
    assert _ask(ctx, "What's a token?").startswith("A token is a piece of text a model reads or writes")
    assert _ask(ctx, "what are you assuming?").startswith("Assuming: no prompt caching")


def test_asked_in_german_answered_in_german(catalog):
    ctx = _session(catalog, "Wir haben 3.000 Anfragen am Tag, je 2.000 Token rein und 400 raus, interne Daten.")
    assert _ask(ctx, "Was ist ein Token?").startswith("Ein Token ist ein Stück Text")
    assert _ask(ctx, "Warum nicht lokal?").startswith("Lokal: ")


def test_how_long_one_request_takes_is_the_time_on_the_hardware_named(catalog):
    """A solo developer on an M3 Max whose pick is a cloud API still gets the time one request takes on
    the Mac — from the tools, the figure the options table shows — and 'one request' is not a count."""
    from advisor.tools.quantity import duration_words

    ctx = _session(catalog, "Solo developer on a 64 GB M3 Max: 50 requests a day, 8k in and 1k out, internal data.")
    before = ctx.state.profile.model_copy()
    answer = _ask(ctx, "How long would one request take?")
    result = compare_profile(before, catalog)
    mac = next(o for o in result.options if o.hardware == before.hardware and o.request_s)
    assert answer.startswith(f"Time per request on the {before.hardware}: about {duration_words(mac.request_s)}")
    assert f"the first token after {duration_words(mac.ttft_s)}" in answer
    assert "didn't use" not in answer and ctx.state.profile == before
