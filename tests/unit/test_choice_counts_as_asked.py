"""A numbered choice the reader asks about a field ('350 notices a day': 1) 350 requests a day or 2)
another figure?) is that field's asking: left unanswered, it is asked again once ('still open from
before'), then the interview asks the field once more in its second wording (with choices and a
default) — not its first wording and then the second, four asks of one thing (the German insurer's
volume took eight turns last session). tests/bench/bench_dialogue_questions.py counts the repeats."""

from __future__ import annotations

from advisor.agent import TurnContext, run_turn
from advisor.events import TurnFinished
from advisor.interview.questions import again_texts, question_texts
from advisor.state import SessionState

VAGUE = "We send tax notices, about 350 notices a day across 3 departments, 2K tokens in and 300 out."


def _answer(ctx: TurnContext, text: str) -> str:
    return next(e.answer for e in run_turn(ctx, text) if isinstance(e, TurnFinished))


def test_an_unanswered_choice_then_one_last_asking_of_its_field(catalog):
    ctx = TurnContext(catalog=catalog, state=SessionState())
    first = _answer(ctx, VAGUE)
    assert "1) 350 requests a day or 2) another figure?" in first
    reminded = _answer(ctx, "it's internal data")
    assert "still open from before" in reminded
    last = _answer(ctx, "electricity is 20 cents")
    assert ctx.state.open_choices == []
    assert again_texts()["requests_per_day"] in last  # the second wording: choices and a default
    assert question_texts()["requests_per_day"] not in last
    after = _answer(ctx, "no hardware yet")
    assert again_texts()["requests_per_day"] not in after  # never a third time
