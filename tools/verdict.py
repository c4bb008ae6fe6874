"""The pick among options that cost nearly the same (cost-model.md, "The pick"): within the near-tie
share of the cheapest passing option (the catalog's ``near-tie`` rule, catalog/verdict.toml), hardware
the team already owns and that carries the load is picked before anything bought or rented, and among
local options one whose request is at least ``faster_factor`` times as fast as the cheapest's is
picked. Outside a near-tie, the cheapest passing option stands."""

from __future__ import annotations

from advisor.tools.catalog import NEAR_TIE, Catalog, VerdictRule
from advisor.tools.options import Option
from advisor.tools.wording import Reason


def near_tie(catalog: Catalog) -> VerdictRule:
    """The catalog's near-tie rule (load_catalog refuses a catalog without one)."""
    return catalog.verdict[NEAR_TIE]


def all_owned(option: Option) -> bool:
    """Every unit the option needs is hardware the team already has: there is no payback."""
    return option.units > 0 and option.owned_units >= option.units


def near_tie_pick(passing: list[Option], tie: VerdictRule) -> tuple[Option, Reason | None]:
    """From ``passing`` (ranked cheapest first over the horizon): the pick, and why it is not the
    cheapest (None when it is)."""
    cheapest = passing[0]
    within = [o for o in passing if o.horizon_usd <= cheapest.horizon_usd * (1 + tie.share)]
    if all_owned(cheapest):
        faster = much_faster(cheapest, within, tie)
        return cheapest, None if faster is None else _slow(Reason(kind="owned_slow"), cheapest, faster)
    owned = [o for o in within if all_owned(o)]
    if owned:
        pick = owned[0]
        why = _reason("near_tie_owned", pick, cheapest, tie.share)
        faster = much_faster(pick, within, tie)  # what you have wins, but not without saying how slow it is
        return pick, why if faster is None else _slow(why, pick, faster)
    timed = [o for o in within if o.request_s is not None and o.deployment != "cloud"]
    if cheapest.request_s is None or not timed:
        return cheapest, None
    fastest = min(timed, key=lambda o: (o.request_s, o.horizon_usd))
    if fastest.request_s * tie.faster_factor <= cheapest.request_s:  # type: ignore[operator]
        return fastest, _reason("near_tie_faster", fastest, cheapest, tie.share)
    return cheapest, None


def much_faster(pick: Option, within: list[Option], tie: VerdictRule) -> Option | None:
    """The fastest other local option of the near-tie when a request on ``pick`` takes at least
    ``faster_factor`` times as long as there (5.6 min against seconds); None when ``pick`` is not that slow,
    has no time, or only options costing well beyond the tie are faster."""
    timed = [o for o in within if o is not pick and o.request_s is not None and o.deployment != "cloud"]
    if pick.request_s is None or not timed:
        return None
    fastest = min(timed, key=lambda o: (o.request_s, o.horizon_usd))
    return fastest if fastest.request_s * tie.faster_factor <= pick.request_s else None  # type: ignore[operator]


def _slow(why: Reason, pick: Option, faster: Option) -> Reason:
    """``why`` with how slow a request is on ``pick`` against ``faster`` ('near_tie_owned' → '…_slow')."""
    values = dict(request_s=pick.request_s, other_s=faster.request_s, other=faster.hardware or faster.id)
    kind = why.kind if why.kind.endswith("_slow") else f"{why.kind}_slow"
    return Reason(kind=kind, values={**why.values, **values})


def _reason(kind: str, pick: Option, cheapest: Option, share: float) -> Reason:
    values = dict(
        tie_share=share,
        cheapest=cheapest.label.split(": ", 1)[-1],
        more_usd=pick.monthly_usd - cheapest.monthly_usd,
    )
    if kind == "near_tie_faster":
        values |= dict(request_s=pick.request_s, other_s=cheapest.request_s)
    return Reason(kind=kind, values=values)
