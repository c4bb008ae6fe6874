"""One answer, one point: a turn answers first, then says only what changed since the last answer.
The options table and the assumptions stay in `/options`, `/profile`, the report and `--json`; the
assumptions are listed once, then only when one is new. `advisor ask` writes at most one stderr
line a turn, and none with `--json` (the document's "notices" holds them)."""

from __future__ import annotations

import json

from advisor.cli import main
from advisor.state import Shown
from advisor.text.answer import recommendation_answer
from advisor.tools.compare import CompareInput, compare

SESSION = [
    "We run a support bot: 3,000 requests a day, about 2K tokens in and 400 out.",
    "it's internal data",
    "we have no hardware",
    "electricity is 30 cents",
    "actually 6,000 requests a day",
]


def _turn(capsys, text: str, *flags: str) -> tuple[str, str]:
    code = main(["ask", "--offline", "--local", "none", "--session", "five", *flags, text])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out, captured.err


def test_a_five_turn_session_lists_the_assumptions_once_and_never_the_table(capsys):
    answers = []
    for text in SESSION:
        out, err = _turn(capsys, text)
        assert len(err.splitlines()) <= 1, err
        answers.append(out)
    assert [a.count("Assuming:") for a in answers] == [1, 0, 0, 0, 0]
    assert not any("| option |" in a for a in answers)
    assert "Recommendation:" in answers[0] and "a month" in answers[0]
    assert all("Recommendation:" not in a for a in answers[1:])  # the pick again only as what changed
    assert "(was " in answers[-1]  # twice the volume: the new cost against the one shown before
    assert (
        "electricity usd per kwh: $0.30/kWh ← 'electricity is 30 cents'" in answers[3]
        and "Now assuming" not in answers[3]
    )


def test_json_writes_nothing_on_stderr_and_carries_the_notices(capsys):
    out, err = _turn(capsys, SESSION[0], "--json")
    assert err == ""
    doc = json.loads(out)
    assert isinstance(doc["notices"], list)
    assert doc["assumptions"] and doc["options"]  # the whole of it stays in the document


def test_an_answer_is_a_fraction_of_the_old_table_and_block(catalog):
    """The second answer on an unchanged pick is one line; the first is the point, why, and the
    assumptions once — the table is `/options`'."""
    result = compare(
        CompareInput(requests_per_day=1000, input_tokens_per_request=2000, output_tokens_per_request=400), catalog
    )
    first, shown = recommendation_answer(result, Shown())
    again, _ = recommendation_answer(result, shown)
    assert "| option |" not in first and first.count("Assuming:") == 1
    assert again.startswith("Still ") and len(again.split()) < 20
