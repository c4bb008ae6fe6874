"""A plan across several workloads, written out: the placements with each one's part of the monthly
figure (shown so that the parts add up to the combined figure as printed), the shared boxes and
their hours, what the split saves against all-cloud and all-local, and why each workload is where
it is. Plain text for `advisor calc compare --workloads`, Markdown for the chat and the report.
Every figure is the plan's own (tools/plan.py); this module only formats."""

from __future__ import annotations

import math
from typing import Any

from advisor.text.render import markdown_cell, markdown_table, money

HEADERS = ["workload", "placement", "window", "monthly"]


def money_parts(parts: list[float]) -> tuple[list[str], str]:
    """The parts and their sum as money, rounded so that the shown parts add up to the shown sum
    (largest remainder: no part moves by more than one unit of what is shown)."""
    total = sum(parts)
    step = 1.0 if abs(total) >= 100 else 0.01
    scaled = [p / step for p in parts]
    floors = [math.floor(s) for s in scaled]
    missing = round(total / step) - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: scaled[i] - floors[i], reverse=True)
    for i in order[: max(0, missing)]:
        floors[i] += 1
    shown = [money(f * step) if step == 0.01 else f"${f:,.0f}" for f in floors]
    return shown, money(round(total / step) * step) if step == 0.01 else f"${round(total):,.0f}"


def short_placement(placement: Any, *, shared: bool = True) -> str:
    """'local rtx-5090-32gb (shared)', 'cloud groq-gpt-oss-120b', 'hybrid rtx-3090-24gb-used + claude-…'."""
    pl = placement if isinstance(placement, dict) else placement.model_dump()
    units = ""
    if pl["hardware"]:
        label = pl["label"]
        units = label.split(" × ", 1)[0].rsplit(" ", 1)[-1] + "× " if " × " in label else ""
    parts = [f"{units}{pl['hardware']}"] if pl["hardware"] else []
    parts += pl["cloud_models"][-1:] if pl["deployment"] == "hybrid" else pl["cloud_models"]
    together = " (shared)" if shared and pl["shares_with"] else ""
    return f"{pl['deployment']} " + " + ".join(parts) + together


def _data(plan: Any) -> dict[str, Any]:
    return plan if isinstance(plan, dict) else plan.model_dump(mode="json")


def placement_rows(plan: Any) -> list[list[str]]:
    """One row a workload, then the combined row: their monthly figures add up as shown."""
    data = _data(plan)
    shown, total = money_parts([pl["monthly_usd"] for pl in data["placements"]])
    rows = [
        [pl["workload"], pl["label"], pl["window"], figure]
        for pl, figure in zip(data["placements"], shown, strict=True)
    ]
    return [*rows, ["combined", "", "", total]]


def headline(plan: Any) -> str:
    data = _data(plan)
    _, total = money_parts([pl["monthly_usd"] for pl in data["placements"]])
    n = len(data["placements"])
    return (
        f"Plan for {n} workload{'s' if n != 1 else ''} — {total} a month,"
        f" {money(data['horizon_usd'])} over {data['horizon_months']:g} months"
        + (f" ({money(data['upfront_usd'])} upfront)" if data["upfront_usd"] else "")
    )


def saving_lines(plan: Any) -> list[str]:
    """What the split saves against all-cloud and all-local (over the horizon, and a month)."""
    data = _data(plan)
    months = f"{data['horizon_months']:g} months"
    lines = []
    for key, words in (("all_cloud", "all-cloud"), ("all_local", "all-local")):
        alternative = data.get(key)
        if alternative is None:
            if key == "all_local":
                lines.append("all-local: not possible (a workload has no local option in the catalog)")
            continue
        figures = f"{money(alternative['horizon_usd'])} over {months}, {money(alternative['monthly_usd'])} a month"
        if not alternative["passes"]:
            lines.append(f"{words} ({figures}) is ruled out: " + "; ".join(alternative["failed"]))
            continue
        saved = data[f"saves_vs_{key}_usd"]
        if abs(saved) <= 0.005:
            lines.append(f"costs the same as {words} ({figures})")
        else:
            verb = f"saves {money(saved)}" if saved > 0 else f"costs {money(-saved)} more"
            lines.append(f"{verb} over {months} against {words} ({figures})")
    return lines


def box_lines(plan: Any) -> list[str]:
    return [box["verdict"] for box in _data(plan)["boxes"]]


def reason_lines(plan: Any) -> list[str]:
    return [f"{pl['workload']}: {'; '.join(pl['reasons'])}" for pl in _data(plan)["placements"] if pl["reasons"]]


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


def plan_markdown(plan: Any, *, heading: str = "**{}**", brief: bool = False, table: bool = True) -> str:
    """The plan for the report (and `brief`, for an answer): headline, the placements table (not
    beside a panel that shows it), what it saves, the shared boxes, and why — in an answer only
    where a workload is not on its own pick."""
    data = _data(plan)
    lines = [heading.format(headline(data)), ""]
    if table:
        lines += [markdown_table(HEADERS, placement_rows(data), right=(3,)), ""]
    savings = saving_lines(data)
    lines += [f"- {line}" for line in (savings[:1] if brief else savings)]
    lines += [f"- ⚠ {markdown_cell(c)}" for c in data["conflicts"]]
    lines += [f"- {line}" for line in box_lines(data)]
    moved = [pl for pl in data["placements"] if pl["option"] != pl["alone"]]
    lines += [f"- {line}" for line in (reason_lines({"placements": moved}) if brief else reason_lines(data))]
    return "\n".join(lines).rstrip()


def workloads_markdown(state: Any, plan: Any | None) -> str:
    """`/workload list`: each workload, the one in use marked, with its placement and monthly part."""
    from advisor.state import profile_has_volume
    from advisor.text.render import count, format_value

    data = _data(plan) if plan is not None else None
    placed = {pl["workload"]: pl for pl in data["placements"]} if data else {}
    parts = dict(zip(placed, money_parts([pl["monthly_usd"] for pl in placed.values()])[0], strict=True))
    rows = []
    for name, profile in state.workload_profiles():
        mark = "▶" if name == state.workload else ""
        volume = (
            f"{count(profile.requests_per_day)} a day"
            if profile.requests_per_day
            else ("tokens a month" if profile_has_volume(profile) else "no volume yet")
        )
        privacy = format_value("privacy", profile.privacy) if profile.privacy else "—"
        pl = placed.get(name)
        rows.append([mark, name, volume, privacy, pl["label"] if pl else "—", parts.get(name, "—")])
    table = markdown_table(["", "workload", "volume", "privacy", "placement", "monthly"], rows, right=(5,))
    using = f"What you say goes to **{markdown_cell(state.workload)}**; `/workload use NAME` switches,"
    using += " `/workload add NAME` adds one."
    lines = [f"**Workloads** — {len(rows)}", "", table, "", using]
    if data and len(placed) > 1:
        lines += ["", headline(data)]
    return "\n".join(lines)


def plan_answer(
    plan: Any | None, workload: str, answer: str, *, changed: bool, unpriced: list[str] = (), panel: bool = False
) -> str:
    """A turn's answer in a session of several workloads: the plan across them first (in full when
    something changed, else its one line), then the answer about the workload in use, named."""
    parts = []
    if plan is not None:
        brief = plan_markdown(plan, brief=True, table=not panel)
        parts.append(brief if changed else f"**Current plan — {_data(plan)['summary']}**")
    if unpriced:
        parts.append(f"_Not in the plan yet (no volume): {', '.join(unpriced)}._")
    parts.append(f"**{markdown_cell(workload)}** (the workload in use; `/workload` lists them)")
    parts.append(answer)
    return "\n\n".join(p for p in parts if p)


def _moved_too(was: dict[str, Any], will: dict[str, Any], targets: list[str]) -> list[str]:
    """Why a workload the scenario leaves alone moves anyway: what it shared, and where it goes."""
    lines = []
    for name, pl in will.items():
        old = was.get(name)
        if name in targets or old is None or old["option"] == pl["option"]:
            continue
        before = f" (it shared {old['hardware']} with {', '.join(old['shares_with'])})" if old["shares_with"] else ""
        alone = " — where it would go alone" if pl["option"] == pl["alone"] else ""
        lines.append(f"{name} moves too{before}: {short_placement(pl)}{alone}")
    return lines


def _against_cloud(plan: dict[str, Any]) -> str | None:
    """'saves $10,904', 'costs $300 more', 'the same' against all-cloud over the horizon (None: none to compare)."""
    saved, alternative = plan.get("saves_vs_all_cloud_usd"), plan.get("all_cloud")
    if saved is None or alternative is None or not alternative["passes"]:
        return None
    if abs(saved) <= 0.005:
        return "the same"
    return f"saves {money(saved)}" if saved > 0 else f"costs {money(-saved)} more"


def plan_whatif_markdown(title: str, now: Any, then: Any, targets: list[str] | None = None) -> str:
    """A scenario across the workloads: each one's placement (short) and part now and then, the
    combined figures (each column adds up as shown), what each saves against all-cloud; a workload not in ``targets``
    (what the scenario is about) that moves all the same is said to, with why."""
    before, after = _data(now), _data(then)
    was = {pl["workload"]: pl for pl in before["placements"]}
    will = {pl["workload"]: pl for pl in after["placements"]}
    names = list(dict.fromkeys([*was, *will]))
    now_shown, now_total = money_parts([was[n]["monthly_usd"] for n in names if n in was])
    then_shown, then_total = money_parts([will[n]["monthly_usd"] for n in names if n in will])
    now_by, then_by = (
        dict(zip([n for n in names if n in was], now_shown, strict=True)),
        dict(zip([n for n in names if n in will], then_shown, strict=True)),
    )
    rows = [
        [
            n,
            short_placement(was[n]) if n in was else "—",
            now_by.get(n, "—"),
            short_placement(will[n]) if n in will else "—",
            then_by.get(n, "—"),
        ]
        for n in names
    ]
    rows.append(["combined", "", now_total, "", then_total])
    months = f"{after['horizon_months']:g} months"
    against = (_against_cloud(before), _against_cloud(after))
    table = markdown_table(["workload", "now", "monthly now", "then", "monthly then"], rows, right=(2, 4))
    lines = [
        f"**Scenario — {markdown_cell(title)}**",
        "",
        table,
        "",
        f"- over {months}: {money(before['horizon_usd'])} now, {money(after['horizon_usd'])} then",
        *([f"- against all-cloud: {against[0]} now, {against[1]} then"] if None not in against else []),
        *(f"- {markdown_cell(line)}" for line in _moved_too(was, will, list(targets or will))),
        *(f"- ⚠ then: {markdown_cell(c)}" for c in after["conflicts"] if c not in before["conflicts"]),
        "",
        "_This is a scenario; the workloads are unchanged. `/workload use NAME` then `/set` keeps a change._",
    ]
    return "\n".join(lines)
