"""The words a comparison gives for its pick, as templates with named values: the one place they
are written. The tools fill them in English (``english``); the answers translate the same
templates (they are the msgids of advisor/text/locale) and format each value for the reader.

A value's name says what it is: ``…_usd`` money, ``…_months`` months, ``…_share`` a share shown as
a percentage, ``…_tokens`` a token count, ``…_s`` seconds (a request's time); anything else is shown as it is."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from advisor.tools.quantity import duration_words


def N_(text: str) -> str:  # the gettext marker the message extractor looks for
    return text


REASONS: dict[str, str] = {
    "regulated": N_("regulated data stays on your own hardware"),
    "on_site": N_("the data stays on your own hardware"),
    "offline": N_("the workload must run offline"),
    "cheaper": N_("{saving_usd}/month cheaper than {cloud} including amortisation"),
    "owned": N_("the {hardware} is already owned: no purchase, only electricity and upkeep"),
    "pays_back": N_("the hardware pays back in {payback_months}"),
    "late_payback": N_(
        "against {cloud} it would pay back only after {payback_months}, beyond the {horizon} months compared"
    ),
    "never_pays_back": N_("it never pays back against {cloud}: running it costs as much as that bill or more"),
    "pays_for": N_("what it pays for: {cloud} is ruled out ({ruled_out})"),
    "capacity": N_("{verdict}"),
    "more_units": N_("the load needs {needed}; you own {owned} — buy {more} more ({unit}) for {buy_usd}"),
    "more_units_or_rent": N_(
        "the load needs {needed}; you own {owned} — buy {more} more ({unit}) for {buy_usd},"
        " or rent {rent_more} ({rent_unit}) at {rent_usd} a month"
    ),
    "more_units_rented": N_(
        "the load needs {needed}; you own {owned} — rent {more} more ({unit}) at {rent_usd} a month"
    ),
    "serving": N_(
        "{replicas} replicas of one GPU ({streams} streams each) on {boxes} × {hardware} behind a load balancer;"
        " run them with {stacks}"
    ),
    "serving_tensor": N_(
        "{replicas} replicas of {gpus} tensor-parallel GPUs ({streams} streams each) on {boxes} × {hardware}"
        " behind a load balancer; run them with {stacks}"
    ),
    "serving_hosts": N_(
        "{replicas} replicas of one GPU ({streams} streams each) on {boxes} × {hardware} in your own hosts"
        " behind a load balancer; run them with {stacks}"
    ),
    "electricity": N_(
        "electricity {electricity_usd} a month: {units} × {idle_watts} W idle, {load_watts} W under load,"
        " {busy_share} busy"
    ),
    "electricity_estimate": N_(
        "electricity {electricity_usd} a month: {units} × {idle_watts} W idle (an estimate), {load_watts} W under"
        " load, {busy_share} busy"
    ),
    "electricity_above_idle": N_(
        "electricity {electricity_usd} a month: only the draw above idle ({units} × {load_watts} W under load"
        " against {idle_watts} W idle, {busy_share} busy); it stays on for other work anyway, so its idle draw is"
        " paid either way"
    ),
    "owned_spare_off": N_(
        "the load needs {needed} of the {owned} × {hardware} you own; the {spare} not needed: assumed switched off,"
        " not counted"
    ),
    "owned_spare_on": N_(
        "the load needs {needed} of the {owned} × {hardware} you own; the {spare} not needed: on for other work"
        " anyway, idle draw paid either way, not counted here"
    ),
    "card_alone": N_("priced as the {hardware} card alone, in hosts of your own that are not in its price"),
    "card_alone_node": N_(
        "priced as the {hardware} card alone, in hosts of your own that are not in its price; with its host,"
        " as the comparison prices it, the {node} costs {node_usd} a month running {node_model}"
    ),
    "host_not_counted": N_("the {hardware} is a card alone: the host it sits in draws power too, not counted here"),
    "owned_left_out": N_(
        "this leaves the {hardware} you own switched off, saving its idle draw ({idle_usd} a month); if it stays on"
        " anyway, running the work on it adds only {adds_usd} a month against {pick_usd}"
    ),
    "near_tie_owned": N_(
        "within {tie_share} of the cheapest option ({cheapest}, {more_usd} a month less) and on hardware you"
        " already own: a near-tie goes to what you have"
    ),
    "near_tie_owned_slow": N_(
        "within {tie_share} of the cheapest option ({cheapest}, {more_usd} a month less) and on hardware you"
        " already own: a near-tie goes to what you have — but a request takes about {request_s} on it against"
        " {other_s} on {other}; say how soon answers are needed if that is too slow"
    ),
    "owned_slow": N_(
        "on hardware you already own, the cheapest — but a request takes about {request_s} on it against"
        " {other_s} on {other}; say how soon answers are needed if that is too slow"
    ),
    "near_tie_faster": N_(
        "within {tie_share} of the cheapest option ({cheapest}, {more_usd} a month less) and faster: about"
        " {request_s} a request against {other_s}"
    ),
    "time_per_request": N_(
        "time per request on the {hardware}: about {request_s}, the first token after {ttft_s},"
        " each unit {busy_share} busy"
    ),
    "sized_for_peak": N_(
        "sized for the peak, {peak_count} requests an hour ({factor}× the traffic window's average of"
        " {average_count}): each unit {busy_share} busy then, {window_share} on average over the {hours} h window"
        " and {day_share} over the {powered} h a day it is powered (what its electricity follows)"
    ),
    "sized_for_window": N_(
        "sized for the busy hour as the traffic window's average, {average_count} requests an hour over {hours} h"
        " a day (no peak stated): each unit {busy_share} busy then, {day_share} over the {powered} h a day it is"
        " powered (what its electricity follows)"
    ),
    "peak_below_average": N_(
        "the stated peak, {peak_count} requests an hour, is not above the traffic window's average of"
        " {average_count}: the units are sized for the average, each {busy_share} busy then, {day_share} over the"
        " {powered} h a day it is powered"
    ),
    "precision": N_(
        "{model} runs at {precision}: {weights_gb} GB of weights, {memory_gb} GB with every stream's KV cache,"
        " of {replica_gb} GB a replica"
    ),
    "standby": N_(
        "{load_units} × {hardware} for the load + {standby} standby (N+1): one can fail or be serviced and the"
        " rest still carry the busy hour; the standby is bought and powered, and priced here"
    ),
    "contract_price": N_("{model} at list −{off_share} (your contract with {company})"),
    "split": N_("{local_share} of traffic runs locally; the hard {hard_share} goes to {models}"),
    "no_upfront": N_("no upfront spend; {monthly_usd}/month at this volume"),
    "within_boundary": N_("within your data boundary: it requires {requires}"),
}

# What a rule of thumb says when the pick goes the other way, by what decided the pick.
DECIDERS: dict[str, str] = {
    "regulated": N_("regulated data decides"),
    "on_site": N_("keeping the data on your own hardware decides"),
    "offline": N_("running offline decides"),
    "owned": N_("the hardware you already own decides"),
    "cost": N_("the figures for this workload decide"),
    "constraints": N_("the constraints decide"),
}


class Reason(BaseModel):
    """One reason for a pick: ``kind`` names its template in REASONS, ``values`` fill it."""

    kind: str
    values: dict[str, Any] = {}

    def english(self) -> str:
        return english(REASONS[self.kind], self.values)


def english(template: str, values: dict[str, Any]) -> str:
    return template.format(**{name: english_value(name, value) for name, value in values.items()})


def english_value(name: str, value: Any) -> str:
    """A value as the English text writes it, by what its name says it is."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return str(value)
    if name.endswith("_usd"):
        return f"${value:,.0f}" if abs(value) >= 100 else f"${value:,.2f}"
    if name.endswith("_months"):
        return f"about {value / 12:,.0f} years" if value >= 120 else f"{value:,.1f} months"
    if name.endswith("_share"):
        return "under 1%" if 0 < value < 0.005 else f"{value:.0%}"
    if name.endswith("_s"):
        return duration_words(value)
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
