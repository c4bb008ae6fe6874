"""One turn's answer as a person reads it: what was asked first, in a sentence or two with the
figure; then only what changed since the last answer (the pick, its figures, a new warning, a new
assumption). The full options table and the assumptions stay in the panel, `/options`, `/profile`,
the report and `--json`; the assumptions are listed once, then only when one is new or changes.

``turn_answer`` returns the Markdown and what it has now shown (``Shown``): the session keeps that,
and the next answer is worded against it."""

from __future__ import annotations

from typing import Any

from advisor.state import Shown
from advisor.text.boundary import boundary_bullets, boundary_of
from advisor.text.reasons import pick_reasons, reason_text, warnings
from advisor.text.words import ENGLISH, N_, Words
from advisor.tools.compare import CompareResult, Option
from advisor.tools.profile import WorkloadProfile, frontier_share_default


def option_name(option: Option, w: Words = ENGLISH) -> str:
    """The option as the headline names it: its label (in the reader's words) without the deployment
    in front."""
    return option_name_said(option.label, w)


def shown_label(shown: Shown, w: Words) -> str:
    """The option shown last, as option_name names it (its label is kept without the deployment)."""
    if w is ENGLISH or shown.deployment not in ("cloud", "local", "hybrid"):
        return shown.label
    return option_name_said(f"{deployment_word(shown.deployment, ENGLISH)}: {shown.label}", w)


def option_name_said(label: str, w: Words) -> str:
    return w.phrase(label).split(": ", 1)[-1]


def deployment_word(kind: str, w: Words) -> str:
    """The deployment as a heading names it: 'Cloud', 'Local', 'Hybrid'."""
    return {"cloud": w._("Cloud"), "local": w._("Local"), "hybrid": w._("Hybrid")}[kind]


def deployment_noun(kind: str, w: Words) -> str:
    """The deployment inside a sentence: 'cloud', 'local', 'hybrid'."""
    return {"cloud": w._("cloud"), "local": w._("local"), "hybrid": w._("hybrid")}[kind]


def _chosen(result: CompareResult) -> Option:
    rec = result.recommendation
    return next(o for o in result.options if o.id == rec.option_id)


def headline(result: CompareResult, w: Words = ENGLISH) -> str:
    """The pick with its monthly and horizon cost, and by how much it beats the best other kind."""
    rec, chosen = result.recommendation, _chosen(result)
    h = f"{result.horizon_months:g}"
    line = w._(
        "**Recommendation: {kind}, {option}** — {monthly} a month, {total} over {h} months.",
        kind=deployment_noun(rec.deployment, w),
        option=option_name(chosen, w),
        monthly=w.money(chosen.monthly_usd),
        total=w.money(chosen.horizon_usd),
        h=h,
    )
    return line + (" " + margin_sentence(result, w) if rec.runner_up else "")


def margin_sentence(result: CompareResult, w: Words = ENGLISH) -> str:
    """How much more the best option of another kind costs; a close call says so here, once."""
    rec = result.recommendation
    runner = next((o for o in result.options if o.id == rec.runner_up), None)
    if runner is None or rec.margin_usd is None:
        return ""
    values = {
        "kind": deployment_noun(runner.deployment, w),
        "margin": w.money(abs(rec.margin_usd)),
        "pct": w.pct(abs(rec.margin_pct or 0.0)),
        "h": f"{result.horizon_months:g}",
    }
    if rec.margin_usd < 0:  # a near-tie picked owned hardware, or a faster request, over a slightly cheaper one
        return w._(
            "The best {kind} option costs {margin} ({pct}) less over {h} months — a near-tie, decided by the"
            " first reason below.",
            **values,
        )
    if rec.close:
        return w._(
            "The best {kind} option costs only {margin} ({pct}) more over {h} months — a close call:"
            " a small change in volume or price can flip it.",
            **values,
        )
    return w._("The best {kind} option costs {margin} ({pct}) more over {h} months.", **values)


def _changed_headline(result: CompareResult, shown: Shown, w: Words) -> str:
    """The pick against the one shown last: the same (and whether its cost moved) or a new one."""
    rec, chosen = result.recommendation, _chosen(result)
    kind, name = deployment_noun(rec.deployment, w), option_name(chosen, w)
    monthly = w.money(chosen.monthly_usd)
    if shown.option_id != rec.option_id:
        line = w._(
            "**Now {kind}: {option}** — {monthly} a month, {total} over {h} months (was {old}, {old_monthly} a month).",
            kind=kind,
            option=name,
            monthly=monthly,
            total=w.money(chosen.horizon_usd),
            h=f"{result.horizon_months:g}",
            old=shown_label(shown, w),
            old_monthly=w.money(shown.monthly_usd),
        )
        return line + (" " + margin_sentence(result, w) if rec.runner_up else "")
    if shown.monthly_usd is not None and w.money(shown.monthly_usd) != monthly:
        return w._(
            "Still {kind}: {option}, now {monthly} a month (was {old_monthly}).",
            kind=kind,
            option=name,
            monthly=monthly,
            old_monthly=w.money(shown.monthly_usd),
        )
    return w._("Still {kind}: {option}, {monthly} a month.", kind=kind, option=name, monthly=monthly)


def _runner_up_line(result: CompareResult, shown: Shown, w: Words) -> str:
    """When the pick stays but the best option of another kind is a new one, that is what changed."""
    rec = result.recommendation
    runner = next((o for o in result.options if o.id == rec.runner_up), None)
    if runner is None or shown.option_id != rec.option_id or runner.id == shown.runner_up or rec.margin_usd is None:
        return ""
    if rec.margin_usd < 0:  # a near-tie: the headline's margin sentence says it
        return ""
    return w._(
        "The best {kind} option is now {option}: {monthly} a month, {margin} more over {h} months.",
        kind=deployment_noun(runner.deployment, w),
        option=option_name(runner, w),
        monthly=w.money(runner.monthly_usd),
        margin=w.money(rec.margin_usd),
        h=f"{result.horizon_months:g}",
    )


def shown_now(result: CompareResult, said_warnings: list[str]) -> Shown:
    chosen = _chosen(result)
    return Shown(
        option_id=chosen.id,
        label=option_name(chosen),
        deployment=chosen.deployment,
        monthly_usd=chosen.monthly_usd,
        horizon_usd=chosen.horizon_usd,
        runner_up=result.recommendation.runner_up,
        assumptions=list(result.assumptions),
        warnings=said_warnings,
    )


def recommendation_answer(
    result: CompareResult,
    shown: Shown,
    *,
    provisional: bool = False,
    panel: bool = False,
    w: Words = ENGLISH,
) -> tuple[str, Shown]:
    """The recommendation part of a turn's answer, worded against what was ``shown`` before."""
    first = shown.option_id is None
    parts: list[str] = [headline(result, w) if first else _changed_headline(result, shown, w)]
    if not first and (runner := _runner_up_line(result, shown, w)):
        parts[0] += " " + runner
    if provisional and result.recommendation.deployment != "local":
        parts[0] += " " + w._(
            "_Provisional: I don't know yet what data this handles, so this assumes it may go to a cloud API._"
        )
    if first or shown.option_id != result.recommendation.option_id:
        parts.append("\n".join(f"- {r}" for r in pick_reasons(result, w, brief=True)))
    found = warnings(result, w, close_said=True)  # a close call is the margin sentence's
    new = [text for text in found if text not in shown.warnings]
    if new:
        parts.append("\n".join(f"- ⚠ {text}" for text in new))
    where = boundary_bullets(boundary_of(result), limit=3 if panel else 6, w=w)
    if where and where[0] not in shown.warnings:  # where the data may go: said when it is new or changes
        parts.append("\n".join(where))
    found += where[:1]
    assumed = [a for a in result.assumptions if a not in shown.assumptions]
    if assumed and not panel:  # beside the panel, the panel lists them
        label = w._("Assuming") if first else w._("Now assuming")
        parts.append(w.labelled(label, "; ".join(w.phrase(a) for a in assumed) + "."))
    if first:
        parts.append(
            w._("_The side panel has every option's figures and the assumptions (F8 hides it)._")
            if panel
            else w._("_`/options` lists every option with its figures, `/profile` the profile and what it assumes._")
        )
    return "\n\n".join(p for p in parts if p), shown_now(result, found)


def question_text(message: str, w: Words = ENGLISH, profile: WorkloadProfile | None = None) -> str:
    """An interview question (its template in prompts/questions.toml) in the reader's words, the
    defaults it names in their currency and locale (the frontier share's: the one ``profile`` gets)."""
    from advisor.tools import defaults

    values = {
        "electricity_default": w.per_kwh(defaults.ELECTRICITY_USD_PER_KWH),
        "frontier_default": w.pct(frontier_share_default(profile or WorkloadProfile())[0]),
    }
    return w._(message, **values)


def enough_text(w: Words = ENGLISH) -> str:
    return w._(
        'I have what I need. Ask a what-if ("what if volume doubles?"), `/set` a field, or `/export` the report.'
    )


KIND_WORDS = {"new": N_("new"), "changed": N_("changed"), "corrected": N_("corrected")}


def entry_line(entry: dict[str, Any], w: Words = ENGLISH) -> str:
    """One field a turn read (``ReadEntry`` as a dict): ``requests per day: 800 ← '800 contracts a day' (new)``,
    the field named as /profile names it (Words.field_name)."""
    field, value = entry["field"], entry["value"]
    name = w.field_name(field)
    shown = w.format_value(field, value) if value is not None else w._("not set")  # € for a reader in euros
    kind = w._(KIND_WORDS.get(entry["kind"], entry["kind"]))
    parts = [") (".join(map(w.phrase, part.split(") ("))) for part in entry.get("how", "").split("; ") if part]
    how = ", " + "; ".join(parts) if parts else ""
    who = w._("for {workload}: ", workload=entry["workload"]) if entry.get("workload") else ""
    return who + w.labelled(name, f"{shown} ← '{entry['quote']}' ({kind}{how})")


def read_line(entries: list[dict[str, Any]], remarks: list[str], w: Words = ENGLISH) -> str:
    """What this turn read from the user's words — a line a field — and what else it noted."""
    lines = ["_" + w._("Read:") + f"_ {entry_line(e, w)}" for e in entries]
    lines += [f"_{w.phrase(n.rstrip('.'))}._" for n in remarks]
    return "  \n".join(lines)


WHATIF_ROWS = 4  # the options a what-if's table shows: the two picks and the next best


def whatif_answer(description: str, before: CompareResult, after: CompareResult, w: Words = ENGLISH) -> str:
    """A what-if: the pick then, with its figures, against the pick now; then a short table of
    the options both runs share (the picks first); the profile stays as it is."""
    now, then = _chosen(before), _chosen(after)
    values = {
        "what": w.phrase(description),
        "kind": deployment_noun(then.deployment, w),
        "option": option_name(then, w),
        "monthly": w.money(then.monthly_usd),
        "total": w.money(then.horizon_usd),
        "h": f"{after.horizon_months:g}",
        "now": w.money(now.monthly_usd),
    }
    if now.id == then.id:
        line = w._(
            "**If {what}: still {kind}, {option}** — {monthly} a month (now {now}), {total} over {h} months.", **values
        )
    else:
        line = w._(
            "**If {what}: {kind}, {option}** — {monthly} a month, {total} over {h} months"
            " (now {now_kind}, {now_option} at {now} a month).",
            now_kind=deployment_noun(now.deployment, w),
            now_option=option_name(now, w),
            **values,
        )
    parts = [line]
    # the units the load then needs beyond the ones owned, and what they cost
    parts += [f"- {reason_text(r, w)}" for r in then.why if r.kind.startswith("more_units")]
    newly = [x for x in after.recommendation.not_offered if x not in before.recommendation.not_offered]
    parts += [f"- ⚠ {x}" for x in newly]
    parts.append(_whatif_table(before, after, w))
    parts.append(w._("_A scenario: the profile is unchanged; `/set` keeps it._"))
    return "\n\n".join(parts)


def _whatif_table(before: CompareResult, after: CompareResult, w: Words) -> str:
    from advisor.text.render import markdown_table, short_label

    old = {o.id: o for o in before.options}
    picks = [after.recommendation.option_id, before.recommendation.option_id]
    order = list(dict.fromkeys([*picks, *(o.id for o in after.options)]))
    rows = []
    for option_id in order:
        new = next((o for o in after.options if o.id == option_id), None)
        was = old.get(option_id)
        if new is None or len(rows) == WHATIF_ROWS:
            continue
        rows.append(
            [
                short_label(new, w),
                w.money(was.monthly_usd) if was else "—",
                w.money(new.monthly_usd),
                w.money(new.horizon_usd),
            ]
        )
    h = f"{after.horizon_months:g}"
    headers = [w._("option"), w._("monthly now"), w._("monthly then"), w._("{h} months then", h=h)]
    return markdown_table(headers, rows, right=(1, 2, 3))
