"""A question the advisor does not model — failover, a standby server — gets an honest answer with the
tools' figures instead of silence: it says failover is not modelled and what one more unit of the
pick's hardware standing by (powered, idle) would add a month, from tools/local_cost.py; one the team
owns and the plan leaves free costs only its idle electricity; a cloud pick has no box to double.
'A second identical server for failover' is not read as hardware the team owns (last session's
German insurer asked it and got no answer)."""

from __future__ import annotations

import pytest

from advisor.interview.asking import asked_about
from advisor.text.words import Words
from advisor.tools.compare import compare_profile
from advisor.tools.local_cost import LocalCostInput, local_cost
from tests.unit.test_asked import SUPPORT, _ask, _session

OWN_TWO = (
    "Wir haben einen Server mit zwei L40S, 260 Briefe am Tag, je 1.300 Token rein und 325 raus,"
    " Gesundheitsdaten, alles bleibt bei uns. Strom 0,28 € pro kWh."
)


@pytest.mark.parametrize(
    "text",
    [
        "what about failover?",
        "We'd get a second identical server for failover.",
        "Und Ausfallsicherheit?",
        "et la haute disponibilité ?",
        "¿y la redundancia?",
    ],
)
def test_failover_is_asked(text):
    assert asked_about(text).kind == "failover"


def test_a_standby_unit_of_the_picks_hardware_is_priced_by_the_tools(catalog):
    ctx = _session(catalog, SUPPORT)
    before = ctx.state.profile.model_copy()
    chosen = compare_profile(ctx.state.profile, catalog)
    pick = next(o for o in chosen.options if o.id == chosen.recommendation.option_id)
    assert pick.hardware, "the support bot's pick runs on a box"
    standby = local_cost(LocalCostInput(hardware=pick.hardware, units=1, busy_share=0.0), catalog)
    answer = _ask(ctx, "what about failover?")
    w = Words()
    assert answer.startswith("I don't model failover.")
    assert f"would add {w.money(standby.monthly_usd)} a month" in answer
    assert f"its {w.money(standby.upfront_usd)} price" in answer
    assert ctx.state.profile == before


def test_a_second_owned_card_the_plan_leaves_free_costs_only_its_idle_electricity(catalog):
    ctx = _session(catalog, OWN_TWO)
    answer = _ask(ctx, "Und Ausfallsicherheit? Wir würden einen zweiten identischen Server kaufen.")
    assert answer.startswith("Ausfallsicherheit (Failover) rechne ich nicht.")
    assert "der 2, die Sie haben" in answer and "(kein Kauf)" in answer
    assert ctx.state.profile.owned_units == 2  # the second server asked about is not read as owned
