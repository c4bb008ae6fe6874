"""Why the pick, and what to watch: the reasons and warnings an answer shows beside the
recommendation, worded from the comparison that made it."""

from __future__ import annotations

from advisor.text.render import breakeven_words, recommendation_warnings
from advisor.text.words import ENGLISH, Words
from advisor.tools.compare import CompareResult
from advisor.tools.rules import CONTRARY, RuleUse
from advisor.tools.wording import DECIDERS, REASONS, Reason


def pick_reasons(result: CompareResult, w: Words = ENGLISH, *, brief: bool = False) -> list[str]:
    """Why the pick, from the comparison that made it (``Recommendation.why``); ``brief`` beside a
    headline that already gives the monthly cost."""
    out = []
    for reason in result.recommendation.why:
        if brief and reason.kind == "no_upfront":
            out.append(w._("no upfront spend"))
        else:
            out.append(reason_text(reason, w))
    return out


def reason_text(reason: Reason, w: Words = ENGLISH) -> str:
    """One reason in the reader's words, each value formatted for them."""
    return w._(REASONS[reason.kind], **{name: w.value(name, value) for name, value in reason.values.items()})


def rule_text(rule: RuleUse, w: Words = ENGLISH) -> str:
    """A rule of thumb as context: quoted with its source; one that argues against the pick says so,
    and what decided it."""
    if rule.agrees:
        return f"{rule.text} ({rule.source})"
    side = w._("the cloud") if rule.favours == "cloud" else w._("own hardware")
    return w._(CONTRARY, rule=rule.text, source=rule.source, side=side, decider=w._(DECIDERS[rule.decider]))


def warnings(result: CompareResult, w: Words = ENGLISH, *, close_said: bool = False) -> list[str]:
    """Each warning on the recommendation, one line each: context window, memory, conflicts, a
    close call (unless the headline said it: ``close_said``), an unknown KV cache, stale prices."""
    from advisor.tools.catalog import STALE_AFTER_DAYS

    rec = result.recommendation
    close = w._("Close call")
    out = [
        f"**{title}** — {text}"
        for title, text in recommendation_warnings(rec.model_dump(), result.horizon_months, w)
        if not (close_said and title == close)
    ]
    if kv := kv_unknown(result, w):
        out.append(kv)
    if result.stale_prices:
        out.append(
            w._(
                "prices for {models} were last checked more than {days} days ago: `/catalog update` in the chat,"
                " or `advisor catalog update` in a shell, shows what genai-prices' maintained data changes and"
                " refreshes them",
                models=", ".join(result.stale_prices),
                days=STALE_AFTER_DAYS,
            )
        )
    return out


def kv_unknown(result: CompareResult, w: Words = ENGLISH) -> str | None:
    """The recommended option runs a model with no attention shape: its KV cache was not counted, so
    whether its streams fit is unknown — said in the answer, not only under calc's table."""
    rec = result.recommendation
    chosen = next((o for o in result.options if o.id == rec.option_id), None)
    if chosen is None or not chosen.local_model or chosen.fits is not None:
        return None
    p = result.profile
    tokens = (p.get("input_tokens_per_request") or 0) + (p.get("output_tokens_per_request") or 0)
    context = w._(" of {tokens} tokens", tokens=w.number(tokens)) if tokens else ""
    streams = w.n_("{n} stream", "{n} streams", chosen.streams) if chosen.streams else w._("its streams")
    return w._(
        "**KV cache not counted** — {model} has no attention shape in the catalog: whether {streams}{context}"
        " fit on the {hardware} is unknown",
        model=chosen.local_model,
        streams=streams,
        context=context,
        hardware=chosen.hardware,
    )


def breakeven_line(result: CompareResult, w: Words = ENGLISH) -> str | None:
    rec = result.recommendation
    if not rec.breakeven_tokens_per_month:
        return None
    return w._("break-even volume: {volume}", volume=breakeven_words(rec.model_dump(), w))
