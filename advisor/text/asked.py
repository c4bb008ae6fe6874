"""Answers to the questions people ask about an answer, each from the tools, in a sentence: what a
token is (with the words-and-pages rule of thumb the reader converts by, from the catalog), what
caching saves this workload a month, what the cheapest acceptable option costs, why an option was
ruled out, how long one request takes, what the figures assume, and why the pick."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from advisor.text.answer import deployment_noun, headline, option_name
from advisor.text.reasons import pick_reasons, reason_text
from advisor.text.words import ENGLISH, Words
from advisor.tools.base import ToolError
from advisor.tools.catalog import Catalog
from advisor.tools.compare import CompareResult, Option, compare_profile
from advisor.tools.local_cost import LocalCostInput, local_cost
from advisor.tools.profile import WorkloadProfile
from advisor.tools.wording import N_


@lru_cache(maxsize=1)
def token_units() -> dict[str, dict[str, Any]]:
    """The reader's token units (catalog/reading.toml): word, page, character, each with its factor
    and source; empty where the catalog has none."""
    path = resources.files("advisor.catalog") / "reading.toml"
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8")).get("token_units", {})


def token_text(w: Words = ENGLISH) -> str:
    units = token_units()
    line = w._("A token is a piece of text a model reads or writes — a short word, or part of a longer one.")
    word, page, char = units.get("word"), units.get("page"), units.get("character")
    if word and page and char:
        line += " " + w._(
            "As a rule of thumb a word is about {word} tokens, a page about {page} tokens and a token about"
            " {chars} characters ({source}).",
            word=w.number(word["factor"], 1),
            page=w.number(page["factor"]),
            chars=w.number(round(1 / char["factor"])),
            source=word["source"].split(":")[0],
        )
    return line


def caching_text(
    profile: WorkloadProfile, result: CompareResult, catalog: Catalog, w: Words = ENGLISH, asked: float | None = None
) -> str:
    """What caching saves the recommended option a month: its cost with the cached share (the one the
    question names — "our 80% caching" — else the profile's) against with none; with none, what half
    the input cached would save."""
    share = float(result.profile.get("cached_input_share") or 0.0)
    if asked and abs(asked - share) > 1e-9:  # the question's share: the pick and its cost at it
        profile = profile.model_copy(update={"cached_input_share": asked})
        try:
            result = compare_profile(profile, catalog)
        except ToolError:
            return ""
        share = asked
    other_share = 0.0 if share > 0 else 0.5
    try:
        other = compare_profile(profile.model_copy(update={"cached_input_share": other_share}), catalog)
    except ToolError:
        return ""
    rec = result.recommendation
    chosen = next(o for o in result.options if o.id == rec.option_id)
    same = next((o for o in other.options if o.id == chosen.id), None)
    elsewhere = same or next(o for o in other.options if o.id == other.recommendation.option_id)
    cached, uncached = (chosen, elsewhere) if share > 0 else (elsewhere, chosen)
    values = {
        "share": w.pct(share or other_share),
        "other_share": w.pct(other_share),
        "option": option_name(chosen, w),
        "other": option_name(elsewhere, w),
        "with_it": w.money(cached.monthly_usd),
        "without": w.money(uncached.monthly_usd),
        "saving": w.money(uncached.monthly_usd - cached.monthly_usd),
    }
    if share > 0 and same is not None:
        template = N_(
            "Caching {share} of the input saves {saving} a month on {option}: {without} a month without it,"
            " {with_it} with it."
        )
    elif share > 0:  # another model wins without the cache: the picks side by side
        template = N_(
            "Caching {share} of the input saves {saving} a month: {option} costs {with_it} a month with it; with"
            " {other_share} cached the pick would be {other} at {without}."
        )
    elif same is not None:
        template = N_(
            "Nothing is cached now; with {share} of the input cached, {option} would cost {with_it} a month instead of"
            " {without} — {saving} less."
        )
    else:  # another model wins with a cache
        template = N_(
            "Nothing is cached now; with {share} of the input cached the pick would be {other} at {with_it} a month,"
            " {saving} less than {option} costs now."
        )
    return w._(template, **values)


def cheapest_text(result: CompareResult, w: Words = ENGLISH) -> str:
    passing = [o for o in result.options if o.passes]
    if not passing:
        return w._("No option meets every constraint; `/options` shows why each fails.")
    cheapest = min(passing, key=lambda o: o.monthly_usd)
    values = {
        "kind": deployment_noun(cheapest.deployment, w),
        "option": option_name(cheapest, w),
        "monthly": w.money(cheapest.monthly_usd),
        "total": w.money(cheapest.horizon_usd),
        "h": f"{result.horizon_months:g}",
    }
    if cheapest.id == result.recommendation.option_id:
        return w._(
            "The cheapest option that meets every constraint is the recommended one, {kind}: {option} — {monthly} a"
            " month, {total} over {h} months.",
            **values,
        )
    return w._(
        "The cheapest option that meets every constraint is {kind}: {option} — {monthly} a month, {total} over {h}"
        " months.",
        **values,
    )


@lru_cache(maxsize=1)
def _option_words() -> dict[str, list[str]]:
    """The words that name an option's kind, and the articles before it (catalog/asking.toml)."""
    text = (resources.files("advisor.catalog") / "asking.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["option_words"]


def _named(subject: str, options: list[Option]) -> Option | None:
    """The option the user's words name: by its deployment, hardware, model or label."""
    table = _option_words()
    words = [word for word in subject.lower().replace("-", " ").split() if word not in table["articles"]]
    if not words:
        return None
    kinds = {word: kind for kind in ("local", "cloud", "hybrid") for word in table[kind]}

    def score(option: Option) -> int:
        text = (
            " ".join([option.label, option.id, option.hardware or "", *option.cloud_models]).lower().replace("-", " ")
        )
        hits = sum(1 for word in words if word in text)
        return hits + sum(2 for word in words if kinds.get(word) == option.deployment)

    best = max(options, key=score, default=None)
    return best if best is not None and score(best) > 0 else None


def ruled_out_text(subject: str, result: CompareResult, w: Words = ENGLISH) -> str:
    option = _named(subject, [o for o in result.options if o.id != result.recommendation.option_id] or result.options)
    if option is None:
        return w._("No option in this comparison matches '{subject}'; `/options` lists them.", subject=subject)
    if option.failed:
        return w._(
            "{option} is ruled out: {why}.",
            option=w.phrase(option.label),
            why="; ".join(w.phrase(f) for f in option.failed),
        )
    chosen = next(o for o in result.options if o.id == result.recommendation.option_id)
    if option.id == chosen.id:
        return w._("{option} is the one recommended.", option=w.phrase(option.label))
    return w._(
        "{option} meets every constraint but costs {more} more over {h} months than {pick}.",
        option=w.phrase(option.label),
        more=w.money(option.horizon_usd - chosen.horizon_usd),
        h=f"{result.horizon_months:g}",
        pick=option_name(chosen, w),
    )


def request_time_text(profile: WorkloadProfile, result: CompareResult, w: Words = ENGLISH) -> str:
    """How long one typical request takes: on the pick when it runs locally, else on the hardware
    the team owns or named, else on the cheapest option that runs one (each option's
    ``time_per_request`` reason, as the recommendation words it)."""
    timed = [(o, r) for o in result.options for r in o.why if r.kind == "time_per_request"]
    rec = next((r for r in result.recommendation.why if r.kind == "time_per_request"), None)
    named = [h for h in (profile.owned_hardware, profile.hardware) if h]
    mine = next((r for h in named for o, r in timed if o.hardware == h), None)
    cheapest = min(timed, key=lambda t: (not t[0].passes, t[0].monthly_usd), default=(None, None))[1]
    reason = rec or mine or cheapest
    if reason is None:
        return w._(
            "No option in this comparison runs on local hardware, and the catalog gives no typical latency"
            " for the cloud APIs."
        )
    text = reason_text(reason, w)
    return text[:1].upper() + text[1:] + "."


def failover_text(profile: WorkloadProfile, result: CompareResult, catalog: Catalog, w: Words = ENGLISH) -> str:
    """Failover is not modelled, said so — with what one more unit of the pick's hardware, standing by
    powered and idle, would add a month (tools/local_cost.py at no load); for a cloud pick, that there
    is no box of the team's to double."""
    chosen = next(o for o in result.options if o.id == result.recommendation.option_id)
    if chosen.hardware is None:
        return w._(
            "I don't model failover. The pick runs on cloud APIs ({option}): there is no box of yours to double;"
            " a second provider as a fallback costs only the requests it takes.",
            option=option_name(chosen, w),
        )
    fields = ("hours_per_day", "electricity_usd_per_kwh", "amortization_months", "hourly_rate_usd")
    given = {f: getattr(profile, f) for f in fields if getattr(profile, f, None) is not None}
    owned = (profile.owned_units or 1) if profile.owned_hardware == chosen.hardware else 0
    spare = 1 if owned > chosen.units else 0  # one the team owns and the plan leaves free
    try:
        standby = local_cost(
            LocalCostInput(hardware=chosen.hardware, units=1, owned_units=spare, busy_share=0.0, **given), catalog
        )
    except ToolError:
        return ""
    if spare:
        return w._(
            "I don't model failover. The plan runs on {units_count} × {hardware} of the {owned_count} you own; one"
            " of the others standing by, powered and idle, adds {electricity_usd} a month of electricity (no"
            " purchase).",
            units_count=w.value("units_count", chosen.units),
            hardware=chosen.hardware,
            owned_count=w.value("owned_count", owned),
            electricity_usd=w.value("electricity_usd", standby.electricity_usd),
        )
    values = {
        "units_count": chosen.units,
        "hardware": chosen.hardware,
        "monthly_usd": standby.monthly_usd,
        "electricity_usd": standby.electricity_usd,
        "amortization_usd": standby.amortization_usd,
        "upfront_usd": standby.upfront_usd,
    }
    said = {k: w.value(k, v) for k, v in values.items()}
    if standby.upfront_usd > 0:
        return w._(
            "I don't model failover. The plan runs on {units_count} × {hardware}; one more standing by, powered and"
            " idle, would add {monthly_usd} a month: {amortization_usd} a month paying off its {upfront_usd}"
            " price, and {electricity_usd} of idle electricity.",
            **said,
        )
    return w._(
        "I don't model failover. The plan runs on {units_count} × {hardware}; one more standing by would add"
        " {monthly_usd} a month (rented; {electricity_usd} of it electricity).",
        **{k: v for k, v in said.items() if k not in ("amortization_usd", "upfront_usd")},
    )


RULED_OUT_SHOWN = 3  # the constraints that ruled most options out, one line each
NAMES_SHOWN = 2  # options named a line, then "and N more"


def why_text(result: CompareResult, w: Words = ENGLISH) -> str:
    """Why the pick: its figures against the best option of another kind, its reasons, and the
    constraints that ruled the others out (each with the options it ruled out)."""
    parts = [headline(result, w), "\n".join(f"- {r}" for r in pick_reasons(result, w))]
    failed: dict[str, list[Option]] = {}
    for option in result.options:
        if option.failed:
            failed.setdefault(option.failed[0], []).append(option)
    lines = []
    for why, options in sorted(failed.items(), key=lambda kv: -len(kv[1]))[:RULED_OUT_SHOWN]:
        names = ", ".join(option_name(o, w) for o in options[:NAMES_SHOWN])
        if len(options) > NAMES_SHOWN:
            names = w._("{names} and {more_count} more", names=names, more_count=len(options) - NAMES_SHOWN)
        lines.append(f"- ✗ {w.phrase(why)}: {names}")
    if lines:
        parts.append(w._("Ruled out:") + "\n" + "\n".join(lines))
    return "\n\n".join(p for p in parts if p)


def assumptions_text(result: CompareResult, w: Words = ENGLISH) -> str:
    return w.labelled(w._("Assuming"), "; ".join(w.phrase(a) for a in result.assumptions) + ".")


def asked_text(
    kind: str,
    subject: str,
    profile: WorkloadProfile,
    result: CompareResult | None,
    catalog: Catalog,
    w: Words,
    share: float | None = None,
) -> str:
    """The answer to a question about the answer (advisor.interview.asking), or "" when it needs a
    comparison there is not yet."""
    if kind == "token":
        return token_text(w)
    if result is None:
        return ""
    if kind == "caching":
        return caching_text(profile, result, catalog, w, share)
    if kind == "cheapest":
        return cheapest_text(result, w)
    if kind == "ruled_out":
        return ruled_out_text(subject, result, w)
    if kind == "request_time":
        return request_time_text(profile, result, w)
    if kind == "why":
        return why_text(result, w)
    if kind == "failover":
        return failover_text(profile, result, catalog, w)
    return assumptions_text(result, w)
