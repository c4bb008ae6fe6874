"""A plan across several workloads, written out: the placements with each one's part of the monthly
figure (shown so that the parts add up to the combined figure as printed), the shared boxes and
their hours, what the split saves against all-cloud and all-local, and why each workload is where
it is. Plain text for `advisor calc compare --workloads`, Markdown for the chat and the report.
Every figure is the plan's own (tools/plan.py); this module only formats."""

from __future__ import annotations

import math
from typing import Any

from advisor.text.render import markdown_cell, markdown_table
from advisor.text.words import ENGLISH, N_, Words

HEADERS = [N_("workload"), N_("placement"), N_("window"), N_("monthly")]


def money_parts(parts: list[float], w: Words = ENGLISH) -> tuple[list[str], str]:
    """The parts and their sum as money in the reader's currency, rounded so that the shown parts add
    up to the shown sum (largest remainder: no part moves by more than one unit of what is shown)."""
    rate = 1.0 if w.rate.is_dollar else w.rate.per_usd
    total = sum(parts) * rate
    step = 1.0 if abs(total) >= 100 else 0.01
    scaled = [p * rate / step for p in parts]
    floors = [math.floor(s) for s in scaled]
    missing = round(total / step) - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: scaled[i] - floors[i], reverse=True)
    for i in order[: max(0, missing)]:
        floors[i] += 1
    digits = 0 if step == 1.0 else 2
    shown = [w.money_in_currency(f * step, digits) for f in floors]
    return shown, w.money_in_currency(round(total / step) * step, digits)


def short_placement(placement: Any, *, shared: bool = True, w: Words = ENGLISH) -> str:
    """'local rtx-5090-32gb (shared)', 'cloud groq-gpt-oss-120b', 'hybrid rtx-3090-24gb-used + claude-…'."""
    pl = placement if isinstance(placement, dict) else placement.model_dump()
    units = ""
    if pl["hardware"]:
        label = pl["label"]
        units = label.split(" × ", 1)[0].rsplit(" ", 1)[-1] + "× " if " × " in label else ""
    parts = [f"{units}{pl['hardware']}"] if pl["hardware"] else []
    parts += pl["cloud_models"][-1:] if pl["deployment"] == "hybrid" else pl["cloud_models"]
    together = w._(" (shared)") if shared and pl["shares_with"] else ""
    return f"{w._(pl['deployment'])} " + " + ".join(parts) + together


def _title(title: str, w: Words) -> str:
    """A scenario's title ('support chatbot: volume ×2 and on cloud APIs') in the reader's words: the
    workloads as named, each change as phrases.py's forms say it."""
    if w.lang == "en":
        return title
    who, _, said = title.partition(": ")
    who = w._("all workloads") if who == "all workloads" else who
    return f"{who}: " + f" {w._('and')} ".join(w.phrase(part) for part in said.split(" and "))


def _data(plan: Any) -> dict[str, Any]:
    return plan if isinstance(plan, dict) else plan.model_dump(mode="json")


def placement_rows(plan: Any, w: Words = ENGLISH) -> list[list[str]]:
    """One row a workload, then the combined row: their monthly figures add up as shown."""
    data = _data(plan)
    shown, total = money_parts([pl["monthly_usd"] for pl in data["placements"]], w)
    rows = [
        [pl["workload"], w.phrase(pl["label"]), w.phrase(pl["window"]), figure]
        for pl, figure in zip(data["placements"], shown, strict=True)
    ]
    return [*rows, [w._("combined"), "", "", total]]


def headline(plan: Any, w: Words = ENGLISH) -> str:
    data = _data(plan)
    _, total = money_parts([pl["monthly_usd"] for pl in data["placements"]], w)
    n = len(data["placements"])
    months = w.number(data["horizon_months"])
    line = w.n_(
        "Plan for {n} workload — {total} a month, {horizon} over {months} months",
        "Plan for {n} workloads — {total} a month, {horizon} over {months} months",
        n,
        total=total,
        horizon=w.money(data["horizon_usd"]),
        months=months,
    )
    return line + (w._(" ({upfront} upfront)", upfront=w.money(data["upfront_usd"])) if data["upfront_usd"] else "")


ALTERNATIVES = {"all_cloud": N_("all-cloud"), "all_local": N_("all-local")}


def saving_lines(plan: Any, w: Words = ENGLISH) -> list[str]:
    """What the split saves against all-cloud and all-local (over the horizon, and a month)."""
    data = _data(plan)
    months = w.number(data["horizon_months"])
    lines = []
    for key, name in ALTERNATIVES.items():
        words = w._(name)
        alternative = data.get(key)
        if alternative is None:
            if key == "all_local":
                lines.append(w._("all-local: not possible (a workload has no local option in the catalog)"))
            continue
        figures = w._(
            "{horizon} over {months} months, {monthly} a month",
            horizon=w.money(alternative["horizon_usd"]),
            months=months,
            monthly=w.money(alternative["monthly_usd"]),
        )
        if not alternative["passes"]:
            failed = "; ".join(w.phrase(f) for f in alternative["failed"])
            lines.append(
                w._("{alternative} ({figures}) is ruled out: {why}", alternative=words, figures=figures, why=failed)
            )
            continue
        saved = data[f"saves_vs_{key}_usd"]
        if abs(saved) <= 0.005:
            lines.append(w._("costs the same as {alternative} ({figures})", alternative=words, figures=figures))
        elif saved > 0:
            lines.append(
                w._(
                    "saves {amount} over {months} months against {alternative} ({figures})",
                    amount=w.money(saved),
                    months=months,
                    alternative=words,
                    figures=figures,
                )
            )
        else:
            lines.append(
                w._(
                    "costs {amount} more over {months} months against {alternative} ({figures})",
                    amount=w.money(-saved),
                    months=months,
                    alternative=words,
                    figures=figures,
                )
            )
    return lines


def box_lines(plan: Any, w: Words = ENGLISH) -> list[str]:
    return [w.phrase(box["verdict"]) for box in _data(plan)["boxes"]]


def reason_lines(plan: Any, w: Words = ENGLISH) -> list[str]:
    return [
        f"{pl['workload']}: {'; '.join(w.phrase(r) for r in pl['reasons'])}"
        for pl in _data(plan)["placements"]
        if pl["reasons"]
    ]


def plan_text(plan: Any) -> str:
    """`advisor calc compare --workloads`: the plan as plain text."""
    data = _data(plan)
    rows = [HEADERS, *placement_rows(data)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADERS))]
    table = [
        "  ".join(c.rjust(w) if i == 3 else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()
        for r in rows
    ]
    out = [headline(data), *(f"  - {line}" for line in saving_lines(data)), "", *table]
    if data["conflicts"]:
        out += ["", *(f"⚠ {c}" for c in data["conflicts"])]
    if data["boxes"]:
        out += ["", "Shared hardware:" if any(len(b["workloads"]) > 1 for b in data["boxes"]) else "Hardware:"]
        out += [f"  {line}" for line in box_lines(data)]
    out += ["", "Why:", *(f"  {line}" for line in reason_lines(data))]
    out += ["", "Each alone:", *(f"  {w['name']}: {w['recommendation']['summary']}" for w in data["workloads"])]
    if data.get("assumptions"):
        out += ["", "Assuming:", *(f"  - {a}" for a in data["assumptions"])]
    return "\n".join(out)


def plan_markdown(
    plan: Any, *, heading: str = "**{}**", brief: bool = False, table: bool = True, w: Words = ENGLISH
) -> str:
    """The plan for the report (and `brief`, for an answer): headline, the placements table (not
    beside a panel that shows it), what it saves, the shared boxes, and why — in an answer only
    where a workload is not on its own pick."""
    data = _data(plan)
    lines = [heading.format(headline(data, w)), ""]
    if table:
        lines += [markdown_table([w._(h) for h in HEADERS], placement_rows(data, w), right=(3,)), ""]
    savings = saving_lines(data, w)
    lines += [f"- {line}" for line in (savings[:1] if brief else savings)]
    lines += [f"- ⚠ {markdown_cell(w.phrase(c))}" for c in data["conflicts"]]
    lines += [f"- {line}" for line in box_lines(data, w)]
    moved = [pl for pl in data["placements"] if pl["option"] != pl["alone"]]
    lines += [f"- {line}" for line in (reason_lines({"placements": moved}, w) if brief else reason_lines(data, w))]
    return "\n".join(lines).rstrip()


def plan_why_markdown(plan: Any, w: Words = ENGLISH) -> str:
    """'Why?' after a plan: where each workload goes and why (each one's own reasons, what it shares
    and what it would be alone), the shared boxes, and what the split saves."""
    data = _data(plan)
    lines = ["**" + w._("Why this plan") + "**", ""]
    for pl in data["placements"]:
        reasons = "; ".join(w.phrase(r) for r in pl["reasons"]) or w._("its cheapest option that passes, alone too")
        lines.append(f"- **{markdown_cell(pl['workload'])}** → {markdown_cell(w.phrase(pl['label']))}: {reasons}")
    lines += [f"- {line}" for line in box_lines(data, w)]
    lines += [f"- {line}" for line in saving_lines(data, w)]
    return "\n".join(lines)


def workloads_markdown(state: Any, plan: Any | None, w: Words = ENGLISH) -> str:
    """`/workload list`: each workload, the one in use marked, with its placement and monthly part."""
    from advisor.state import profile_has_volume

    data = _data(plan) if plan is not None else None
    placed = {pl["workload"]: pl for pl in data["placements"]} if data else {}
    parts = dict(zip(placed, money_parts([pl["monthly_usd"] for pl in placed.values()], w)[0], strict=True))
    rows = []
    for name, profile in state.workload_profiles():
        mark = "▶" if name == state.workload else ""
        volume = (
            w._("{n} a day", n=w.number(round(profile.requests_per_day)))
            if profile.requests_per_day
            else (w._("tokens a month") if profile_has_volume(profile) else w._("no volume yet"))
        )
        privacy = w.format_value("privacy", profile.privacy) if profile.privacy else "—"
        pl = placed.get(name)
        rows.append([mark, name, volume, privacy, w.phrase(pl["label"]) if pl else "—", parts.get(name, "—")])
    headers = ["", *(w._(h) for h in (N_("workload"), N_("volume"), N_("privacy"), N_("placement"), N_("monthly")))]
    table = markdown_table(headers, rows, right=(5,))
    using = w._(
        "What you say goes to **{name}**; `/workload use NAME` switches, `/workload add NAME` adds one.",
        name=markdown_cell(state.workload),
    )
    lines = ["**" + w._("Workloads") + f"** — {len(rows)}", "", table, "", using]
    if data and len(placed) > 1:
        lines += ["", headline(data, w)]
    return "\n".join(lines)


def plan_answer(
    plan: Any | None,
    workload: str,
    answer: str,
    *,
    changed: bool,
    unpriced: list[str] = (),
    panel: bool = False,
    w: Words = ENGLISH,
    why: bool = False,
) -> str:
    """A turn's answer in a session of several workloads: the plan across them first (in full when
    something changed, why each goes where it does when asked why, else its one line), then the
    answer about the workload in use, named."""
    parts = []
    if plan is not None and why:
        parts.append(plan_why_markdown(plan, w))
    elif plan is not None:
        brief = plan_markdown(plan, brief=True, table=not panel, w=w)
        parts.append(brief if changed else "**" + w._("Current plan") + f" — {_summary(_data(plan), w)}**")
    if unpriced:
        parts.append("_" + w._("Not in the plan yet (no volume): {names}.", names=", ".join(unpriced)) + "_")
    parts.append(f"**{markdown_cell(workload)}** (" + w._("the workload in use; `/workload` lists them") + ")")
    placed = next((pl for pl in _data(plan)["placements"] if pl["workload"] == workload), None) if plan else None
    if answer and placed is not None and placed["option"] != placed["alone"]:  # the answer below is it alone
        said = w._("in the plan it goes to {where}; what follows is it alone", where=w.phrase(placed["label"]))
        parts.append(f"_{markdown_cell(said)}_")
    parts.append(answer)
    return "\n\n".join(p for p in parts if p)


def _summary(data: dict[str, Any], w: Words) -> str:
    """The plan in a line: where each workload goes, the monthly figure and what it saves."""
    if w.lang == "en" and w.rate.is_dollar:
        return data["summary"]
    where = "; ".join(f"{pl['workload']} → {w.phrase(pl['label']).split(': ', 1)[-1]}" for pl in data["placements"])
    line = f"{where} — " + w._("{amount} a month", amount=w.money(data["monthly_usd"]))
    against = _against_cloud(data, w)
    return line + (" (" + w._("against all-cloud: {amount}", amount=against) + ")" if against else "")


def _units(plan: dict[str, Any], name: str) -> int | None:
    """How many units the box ``name`` shares in has in ``plan``."""
    return next((box["units"] for box in plan.get("boxes", []) if name in box["workloads"]), None)


def _moved_too(
    was: dict[str, Any],
    will: dict[str, Any],
    targets: list[str],
    w: Words = ENGLISH,
    units: tuple[dict[str, int | None], dict[str, int | None]] = ({}, {}),
) -> list[str]:
    """Why a workload the scenario leaves alone moves anyway, or pays another part: what it shared, and where
    it goes; or that the box it shares costs the same and is split by the time each takes of it."""
    lines = []
    for name, pl in will.items():
        old = was.get(name)
        if name in targets or old is None:
            continue
        if old["option"] == pl["option"]:
            if old["shares_with"] and abs(pl["monthly_usd"] - old["monthly_usd"]) >= 0.005 * max(old["monthly_usd"], 1):
                lines.append(_part_moved(name, old, pl, targets, w, (units[0].get(name), units[1].get(name))))
            continue
        before = (
            w._(" (it shared {hardware} with {names})", hardware=old["hardware"], names=", ".join(old["shares_with"]))
            if old["shares_with"]
            else ""
        )
        alone = w._(" — where it would go alone") if pl["option"] == pl["alone"] else ""
        lines.append(
            w._(
                "{name} moves too{before}: {where}{alone}",
                name=name,
                before=before,
                where=short_placement(pl, w=w),
                alone=alone,
            )
        )
    return lines


def _part_moved(
    name: str, old: dict[str, Any], new: dict[str, Any], targets: list[str], w: Words, units: tuple[Any, Any]
) -> str:
    """A workload left alone on the same kind of box whose part moves: the shared box grows (or
    shrinks) by units, or it costs the same and is split by the time each takes of it."""
    others = ", ".join(t for t in targets if t in old["shares_with"]) or ", ".join(old["shares_with"])
    if None not in units and units[0] != units[1]:
        why = w._(
            "the {hardware} it shares with {others} needs {then_units} units then instead of {now_units}",
            hardware=old["hardware"],
            others=others,
            then_units=w.number(units[1]),
            now_units=w.number(units[0]),
        )
    else:
        why = w._(
            "it shares {hardware} with {others}, and a shared box's cost is split by the time each workload"
            " takes of it",
            hardware=old["hardware"],
            others=others,
        )
    return w._(
        "{name} is unchanged, but its part goes from {before} to {after} a month: {why}",
        name=name,
        before=w.money(old["monthly_usd"]),
        after=w.money(new["monthly_usd"]),
        why=why,
    )


def _against_cloud(plan: dict[str, Any], w: Words = ENGLISH) -> str | None:
    """'saves $10,904', 'costs $300 more', 'the same' against all-cloud over the horizon (None: none to compare)."""
    saved, alternative = plan.get("saves_vs_all_cloud_usd"), plan.get("all_cloud")
    if saved is None or alternative is None or not alternative["passes"]:
        return None
    if abs(saved) <= 0.005:
        return w._("the same")
    return (
        w._("saves {amount}", amount=w.money(saved))
        if saved > 0
        else w._("costs {amount} more", amount=w.money(-saved))
    )


def plan_whatif_markdown(
    title: str, now: Any, then: Any, targets: list[str] | None = None, w: Words = ENGLISH, season: str | None = None
) -> str:
    """A scenario across the workloads: each one's placement (short) and part now and then, the
    combined figures (each column adds up as shown), what each saves against all-cloud; a workload not in ``targets``
    (what the scenario is about) that moves all the same is said to, with why. ``season``: the words
    that make it a busy time ("at Christmas"), said to be read as the months it lasts, not the year."""
    before, after = _data(now), _data(then)
    was = {pl["workload"]: pl for pl in before["placements"]}
    will = {pl["workload"]: pl for pl in after["placements"]}
    names = list(dict.fromkeys([*was, *will]))
    now_shown, now_total = money_parts([was[n]["monthly_usd"] for n in names if n in was], w)
    then_shown, then_total = money_parts([will[n]["monthly_usd"] for n in names if n in will], w)
    now_by, then_by = (
        dict(zip([n for n in names if n in was], now_shown, strict=True)),
        dict(zip([n for n in names if n in will], then_shown, strict=True)),
    )
    rows = [
        [
            n,
            short_placement(was[n], w=w) if n in was else "—",
            now_by.get(n, "—"),
            short_placement(will[n], w=w) if n in will else "—",
            then_by.get(n, "—"),
        ]
        for n in names
    ]
    rows.append([w._("combined"), "", now_total, "", then_total])
    months = w.number(after["horizon_months"])
    against = (_against_cloud(before, w), _against_cloud(after, w))
    headers = [w._(h) for h in (N_("workload"), N_("now"), N_("monthly now"), N_("then"), N_("monthly then"))]
    table = markdown_table(headers, rows, right=(2, 4))
    over = w._(
        "over {months} months: {now} now, {then} then",
        months=months,
        now=w.money(before["horizon_usd"]),
        then=w.money(after["horizon_usd"]),
    )
    if season:
        over = w._(
            "{season}: a busy time, not the whole year — 'monthly then' is what a month like it costs; over"
            " {months} months: {now} now, {then} if every month were like it",
            season=f"'{season}'",
            months=months,
            now=w.money(before["horizon_usd"]),
            then=w.money(after["horizon_usd"]),
        )
    lines = [
        "**" + w._("Scenario") + f" — {markdown_cell(_title(title, w))}**",
        "",
        table,
        "",
        f"- {over}",
        *(
            ["- " + w._("against all-cloud: {now} now, {then} then", now=against[0], then=against[1])]
            if None not in against
            else []
        ),
        *(
            f"- {markdown_cell(line)}"
            for line in _moved_too(
                was,
                will,
                list(targets or will),
                w,
                ({n: _units(before, n) for n in names}, {n: _units(after, n) for n in names}),
            )
        ),
        *(
            "- ⚠ " + w._("then") + f": {markdown_cell(w.phrase(c))}"
            for c in after["conflicts"]
            if c not in before["conflicts"]
        ),
        "",
        "_"
        + w._("This is a scenario; the workloads are unchanged. `/workload use NAME` then `/set` keeps a change.")
        + "_",
    ]
    return "\n".join(lines)
