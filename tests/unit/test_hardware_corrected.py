"""Hardware the user corrects in the same message ('two L40S … sorry, they're L4s'; 'an M2 Ultra.
Sorry, it's an M1 Ultra'; 'two used 3090s. actually scratch that') is asked, never written as the
first name — and a correction about something else leaves the hardware read."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile


def read(text: str, asked: str | None = None):
    return read_answer(text, WorkloadProfile(), load_catalog(), asked=asked)


@pytest.mark.parametrize(
    "text",
    [
        "We have a server with two L40S in it. Sorry — just checked, they're L4s, not L40S. Two L4s.",
        "Marketing bought a Mac Studio M2 Ultra that sits idle. Sorry, just checked, it's an M1 Ultra, 64GB.",
        "we've got two used 3090s. actually scratch that, those are going to another project",
        "There's a 4090 in a lab PC, but it's a colleague's for his experiments, don't count on it.",
    ],
)
def test_hardware_corrected_after_it_is_asked_not_written(text):
    for asked in (None, "hardware"):
        reading = read(text, asked)
        assert "owned_hardware" not in reading.changes and "hardware" not in reading.changes
        assert "owned_units" not in reading.changes
        assert any("owned" in q or "hardware" in q for q in reading.ambiguous)


def test_a_correction_of_something_else_leaves_the_hardware_read():
    reading = read("We already have two used 3090s. Actually the volume is more like 500 a day.")
    assert reading.changes["owned_hardware"] == "rtx-3090-24gb-used"


def test_the_hardware_question_waits_while_its_reading_is_asked():
    """Two questions about one thing in one turn make a bare 'no' ambiguous: with the corrected
    hardware asked about, the turn asks the next thing instead, and 'no' never declines the hardware."""
    from advisor.agent import TurnContext, run_turn
    from advisor.state import SessionState

    state = SessionState()
    ctx = TurnContext(catalog=load_catalog(), state=state)
    text = (
        "410 visits a day, 30k tokens in, 200 out, PHI, must stay on our own hardware. We have a server"
        " with two L40S. Sorry — just checked with infra, they're L4s, not L40S."
    )
    list(run_turn(ctx, text))
    assert state.open_choices and state.asked not in ("hardware", "owned_hardware", "owned_units")
    list(run_turn(ctx, "no"))
    assert "hardware" not in state.declined
