"""Waiting in line for a serving slot (cost-model.md, "Time per request and fleets"): the M/M/c
queue. Pure arithmetic, no catalog.

A unit serving B parallel streams is B slots; R units behind a load balancer pool their slots.
Utilisation is the share of the units' time the traffic takes in its busiest window, so the wait
grows without bound as it nears 1 — which is why a fleet is planned with headroom.
"""

from __future__ import annotations

import math


def erlang_c(servers: int, offered: float) -> float:
    """The chance an arrival has to wait: Erlang's C formula for ``servers`` slots and ``offered``
    erlangs of load (arrival rate × holding time). 1 when the load is at or over the slots."""
    if offered <= 0:
        return 0.0
    if offered >= servers:
        return 1.0
    blocked = 1.0  # Erlang B, built up one server at a time (stable for any number of servers)
    for k in range(1, servers + 1):
        blocked = offered * blocked / (k + offered * blocked)
    busy = offered / servers
    return blocked / (1 - busy + busy * blocked)


def wait_s(servers: int, utilisation: float, holding_s: float) -> float:
    """Mean seconds a request waits for a slot: C(c, a) × S / (c − a), with a = utilisation × c
    and S the seconds a request holds its slot; infinite at or past full utilisation."""
    if utilisation >= 1:
        return math.inf
    if utilisation <= 0 or holding_s <= 0:
        return 0.0
    offered = utilisation * servers
    return erlang_c(servers, offered) * holding_s / (servers - offered)
