"""Beyond one machine (cost-model.md, "Time per request and fleets"): a local option is R replicas
of one serving group behind a load balancer. A replica is a tensor-parallel group of g GPUs inside
one box (vLLM or SGLang split a model by tensor; llama.cpp runs a box as one replica); a box of G
GPUs holds G / g replicas; boxes are added until none is busier than the profile allows at the
busy hour. The plan names the existing stacks that run such replicas — it deploys nothing.
"""

from __future__ import annotations

from advisor.tools.catalog import Catalog, Engine, Hardware, ServingStack
from advisor.tools.wording import Reason

TENSOR_GROUPS = (1, 2, 4, 8, 16)


def replica_sizes(box: Hardware, engine: Engine | None) -> list[int]:
    """GPUs one replica may span inside ``box``: every power-of-two group that divides its cards
    when the engine splits a model by tensor; else the whole box (llama.cpp splits by layers)."""
    if box.units > 1 and box.card and engine is not None and engine.tensor_parallel:
        return [g for g in TENSOR_GROUPS if g <= box.units and box.units % g == 0]
    return [box.units]


def replica_box(box: Hardware, gpus: int) -> Hardware:
    """The part of ``box`` one replica of ``gpus`` GPUs runs on: its share of memory and power,
    tensor parallel across those GPUs (the box itself when the replica spans all of it)."""
    if gpus == box.units:
        return box
    share = gpus / box.units
    return box.model_copy(
        update={
            "id": f"{box.id}:{gpus}gpu",
            "name": f"{gpus} GPU{'s' if gpus > 1 else ''} of {box.name}",
            "units": gpus,
            "memory_gb": box.memory_gb * share,
            "watts": None if box.watts is None else box.watts * share,
            "price_usd": None if box.price_usd is None else box.price_usd * share,
            "parallelism": "tensor",
            "measured": [],
        }
    )


def with_box(catalog: Catalog, box: Hardware) -> Catalog:
    """``catalog`` with ``box`` in it (a replica's part of a box is not a catalog entry)."""
    if box.id in catalog.hardware:
        return catalog
    return catalog.model_copy(update={"hardware": {**catalog.hardware, box.id: box}})


def nodes_of(catalog: Catalog, card: str) -> list[Hardware]:
    """The multi-GPU boxes built of ``card`` (an owned pile of H100s is also so many HGX nodes)."""
    return [h for h in catalog.hardware.values() if h.card == card and h.units > 1]


def unit_kind(box: Hardware) -> str:
    """'GPU' for a datacenter card sold alone (it sits in a host), else 'machine'."""
    return "GPU" if box.engine and not box.server and box.units == 1 else "machine"


def stacks_for(catalog: Catalog, engine: str | None) -> list[ServingStack]:
    """The serving stacks that run replicas of ``engine`` across machines."""
    return [s for s in catalog.stacks.values() if engine in s.engines and s.across_machines]


def fleet_reason(
    replicas: int, gpus: int, boxes: int, streams: int, stacks: list[ServingStack], hardware: str, unit: str = "machine"
) -> Reason:
    """How the replicas are served, as a reason: '16 replicas of one GPU (64 streams each) on 2 ×
    hgx-h100-8gpu behind a load balancer; run them with vLLM production stack, llm-d or KServe (on
    Kubernetes), or Ray Serve, SGLang router or LiteLLM proxy (without Kubernetes)' (what each needs:
    ``advisor catalog list stacks``). ``unit``: what one box is — a machine, or a GPU in a host of the
    team's own (a datacenter card sold alone)."""
    on_k8s = [st.name for st in stacks if "Kubernetes" in st.needs]
    without = [st.name for st in stacks if "Kubernetes" not in st.needs]
    groups = [f"{_or(on_k8s)} (on Kubernetes)"] if on_k8s else []
    plain = [f"{_or(without)} (without Kubernetes)"] if without else []
    # one machine, or GPUs in the team's own hosts: a plain router before a cluster scheduler
    groups = plain + groups if boxes == 1 or unit == "GPU" else groups + plain
    kind = "serving_hosts" if unit == "GPU" else "serving_tensor" if gpus > 1 else "serving"
    named = ", or ".join(groups) or "a load balancer of your choice"
    values = dict(replicas=replicas, gpus=gpus, streams=streams, boxes=boxes, hardware=hardware, stacks=named)
    return Reason(kind=kind, values=values)


def _or(names: list[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
