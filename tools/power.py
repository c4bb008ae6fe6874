"""The power a box draws: its idle watts while powered and serving nothing, its load watts while it
works, and in between as busy as it is (cost-model.md, "Owned and rented hardware"). Idle figures are
catalog data (catalog/idle_power.toml); a kind without one idles at the ``default`` share of its load,
flagged as an estimate."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.tools.catalog import Catalog, Hardware, IdlePower


@dataclass(frozen=True)
class IdleDraw:
    """One box's idle watts and where the figure comes from."""

    watts: float
    estimate: bool
    source: str


def idle_draw(catalog: Catalog | None, box: Hardware | None, load_watts: float) -> IdleDraw:
    """Idle watts of one ``box`` drawing ``load_watts`` under load: its own catalog figure, else its
    cards' figure × cards (a box of cards alone; a server's host draws too), else the default share of its
    load — never above the load."""
    figures = catalog.idle_power if catalog is not None else {}
    entry = figures.get(box.id) if box is not None else None
    units = 1
    if entry is None and box is not None and box.card is not None and not box.server:  # a server adds its host
        entry = figures.get(box.card)
        units = box.units if entry is not None and entry.watts is not None else 1
    if entry is None:
        entry = figures.get("default")
    if entry is None:  # a catalog without idle figures: the box draws its load watts whenever powered
        return IdleDraw(load_watts, True, "no idle figure in the catalog: load watts")
    watts = entry.watts * units if entry.watts is not None else load_watts * (entry.share_of_load or 0.0)
    return IdleDraw(min(watts, load_watts), _is_estimate(entry), entry.source)


def _is_estimate(entry: IdlePower) -> bool:
    return entry.estimate or entry.watts is None


def watts_at(idle_watts: float, load_watts: float, busy: float) -> float:
    """The average draw of a box busy for ``busy`` of its powered hours (0–1) — or, given what its idle
    and load draws cost, what it costs (the cost is linear in the watts)."""
    busy = min(max(busy, 0.0), 1.0)
    return idle_watts + (load_watts - idle_watts) * busy
