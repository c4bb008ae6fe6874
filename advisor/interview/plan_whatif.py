"""A what-if in a session of several workloads: which workloads it is about ("the grading", "both",
else the one in use), what it changes for each (read by the one-workload what-if reader, with the
workload's name read as "it"), and where it would move them ("move the bot to the cloud")."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from advisor.interview.whatif import read_whatif
from advisor.interview.whatif_words import season_said
from advisor.interview.workload_mentions import means_all, named, placement_wish, standing_in
from advisor.tools.catalog import Catalog
from advisor.tools.profile import WorkloadProfile
from advisor.tools.workloads import TEAM_FIELDS

PLACES = {"cloud": "on cloud APIs", "local": "on your own hardware", "hybrid": "hybrid"}


class PlanWhatIf(BaseModel):
    title: str
    targets: list[str]  # the workloads it is about
    changes: dict[str, dict[str, Any]] = {}  # workload → field → value then (team fields: every workload)
    pins: dict[str, str] = {}  # workload → cloud | local | hybrid
    unsupported: str | None = None  # a what-if the advisor cannot model (as WhatIf.unsupported)
    season: str | None = None  # "at Christmas": a busy time, its monthly figures a month of it, not the year


def read_plan_whatif(
    text: str, profiles: list[tuple[str, WorkloadProfile]], current: str, catalog: Catalog
) -> PlanWhatIf | None:
    """The scenario ``text`` asks across the workloads, or None when it asks none."""
    names = [n for n, _ in profiles]
    mentioned = named(text, names)
    targets = names if means_all(text) else (mentioned or [current])
    reading = standing_in(text, names)
    where = placement_wish(reading)
    by_name = dict(profiles)
    changes: dict[str, dict[str, Any]] = {}
    words: list[str] = []
    for name in targets:
        whatif = read_whatif(reading, by_name[name], catalog)
        if whatif is None:
            continue
        if whatif.unsupported is not None:
            if where is None:
                return PlanWhatIf(title="", targets=targets, unsupported=whatif.unsupported)
            continue
        changes[name] = dict(whatif.changes)
        words.append(whatif.description)
    if not changes and where is None:
        return None
    team = {f: v for change in changes.values() for f, v in change.items() if f in TEAM_FIELDS}
    if team:  # a team setting moves for every workload
        for name in names:
            changes.setdefault(name, {}).update(team)
        if all(set(change) <= set(TEAM_FIELDS) for change in changes.values()):
            targets = names
    pins = {name: where for name in targets} if where else {}
    return PlanWhatIf(
        title=_title(targets, names, words, where),
        targets=targets,
        changes=changes,
        pins=pins,
        season=season_said(text) if changes else None,
    )


def _title(targets: list[str], names: list[str], words: list[str], where: str | None) -> str:
    who = "all workloads" if len(targets) > 1 and targets == names else ", ".join(targets)
    said = list(dict.fromkeys(words))
    if where is not None:
        said.append(PLACES[where])
    return f"{who}: {' and '.join(said)}"
