"""Beyond one machine (issue 21): units a team buys (servers with their host, Apple chips by
generation and memory), fleets of replicas behind a load balancer sized for the busy hour, and the
serving stacks that run them — named from the catalog, never deployed."""

from __future__ import annotations

import pytest

from advisor.tools.capacity import CapacityInput, capacity
from advisor.tools.compare import CompareInput, compare
from advisor.tools.fleet import replica_box, replica_sizes
from advisor.tools.profile import WorkloadProfile, resolve

# A small team's workload, to price owned cards at.
SMALL = dict(requests_per_day=2000, input_tokens_per_request=1500, output_tokens_per_request=300, privacy="internal")
# The regulated team: 20 million requests a month, 2k in and 300 out.
REGULATED = dict(
    requests_per_day=20e6 / 30, input_tokens_per_request=2000, output_tokens_per_request=300, privacy="regulated"
)


def _passing_local(result):
    return [o for o in result.options if o.deployment == "local" and o.passes]


def test_twenty_million_regulated_requests_get_a_local_fleet_that_passes(catalog):
    result = compare(CompareInput(**REGULATED, top=50), catalog)
    fleets = [o for o in _passing_local(result) if o.replicas > 1]
    assert fleets, [o.failed for o in result.options]
    rec = result.recommendation
    assert rec.deployment == "local" and not rec.conflicts
    winner = next(o for o in result.options if o.id == rec.option_id)
    if winner.replicas > 1:  # the answer names how it is served across machines, in the chat's brief too
        from advisor.state import Shown
        from advisor.text.answer import recommendation_answer

        assert winner.serving_plan in rec.reasons and "behind a load balancer" in winner.serving_plan
        assert winner.serving_plan in recommendation_answer(result, Shown(), panel=True)[0]
    for o in fleets:
        assert o.busy <= 0.8 + 1e-9  # sized for the busy hour with headroom
        assert o.serving_stacks and any(n.startswith(f"{o.replicas} replicas of ") for n in o.notes)
        assert "of the load" not in o.capacity_verdict


def test_each_replicas_load_is_within_what_calc_capacity_says_it_carries(catalog):
    result = compare(CompareInput(**REGULATED, top=50), catalog)
    p = resolve(WorkloadProfile(**REGULATED))
    for o in (o for o in _passing_local(result) if o.replicas > 1):
        box = catalog.hardware[o.hardware]
        part = replica_box(box, o.gpus_per_replica)
        from advisor.tools.fleet import with_box

        cap = capacity(
            CapacityInput(
                hardware=part.id, local_model=o.local_model, engine=o.engine, streams=o.streams,
                input_tokens=2000, output_tokens=300, context_tokens=2300,
            ),
            with_box(catalog, part),
        )  # fmt: skip
        per_replica = p.requests_per_day / o.replicas
        assert per_replica <= cap.requests_per_day * 0.8 * (1 + 1e-6), o.id
        assert per_replica / cap.requests_per_day == pytest.approx(o.busy, rel=1e-3)


def test_eight_owned_h100s_are_one_owned_node(catalog):
    result = compare(
        CompareInput(**REGULATED, hardware="h100-sxm-80gb", owned_hardware="h100-sxm-80gb", owned_units=8, top=50),
        catalog,
    )
    node = next(o for o in result.options if o.hardware == "hgx-h100-8gpu")
    assert node.units == 1 and node.owned_units == 1 and node.upfront_usd == 0
    # its electricity, nothing else: idle whenever powered (no public idle figure for the node: the
    # catalog's default share of its 10.2 kW), the load's extra for the share of the hours it works
    idle = 10_200 * catalog.idle_power["default"].share_of_load
    watts = idle + (10_200 - idle) * node.powered_busy
    assert node.monthly_usd == pytest.approx(watts * 24 * 30 / 1000 * 0.16)
    assert node.monthly_usd < 10_200 * 24 * 30 / 1000 * 0.16
    assert node.passes and "already owned: no purchase to pay back" in node.notes


def test_a_server_runs_vllm_unless_the_profile_names_an_engine(catalog):
    result = compare(CompareInput(**REGULATED, hardware="hgx-h100-8gpu"), catalog)
    assert {o.engine for o in result.options if o.hardware} == {"vllm"}
    named = compare(CompareInput(**REGULATED, hardware="hgx-h100-8gpu", serving_engine="llama.cpp"), catalog)
    assert {o.engine for o in named.options if o.hardware} == {"llama.cpp"}


def test_replicas_split_a_server_by_tensor_only_under_a_tensor_parallel_engine(catalog):
    node = catalog.hardware["hgx-h100-8gpu"]
    assert replica_sizes(node, catalog.engines["vllm"]) == [1, 2, 4, 8]
    assert replica_sizes(node, catalog.engines["llama.cpp"]) == [8]
    half = replica_box(node, 4)
    assert half.units == 4 and half.memory_gb == pytest.approx(320) and half.price_usd == pytest.approx(158_500)


def test_every_server_and_multi_gpu_box_says_what_its_price_includes(catalog):
    for box in catalog.hardware.values():
        if box.server or (box.units > 1 and box.engine):
            assert box.note.startswith("Price:"), box.id
            assert ("host" in box.note) and box.source and box.as_of


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("M3 Max 64GB", ["macbook-pro-m3-max-64gb"]),
        ("m3 max", ["macbook-pro-m3-max-64gb", "macbook-pro-m3-max-36gb"]),
        ("M2 Ultra", ["mac-studio-m2-ultra-64gb"]),
        ("M3 Ultra", ["mac-studio-m3-ultra-96gb"]),
        ("M4 Pro", ["mac-mini-m4-pro-64gb"]),
        ("8 × H100", ["hgx-h100-8gpu"]),
        ("M1 Ultra", ["mac-studio-m1-ultra-64gb"]),
        ("M1 Ultra 128GB", ["mac-studio-m1-ultra-128gb"]),
        ("m1 max", ["mac-studio-m1-max-32gb", "macbook-pro-m1-max-64gb"]),
        ("M3 Max 128GB", ["macbook-pro-m3-max-128gb"]),
        ("M4 Max 128GB", ["macbook-pro-m4-max-128gb"]),
        ("L4", ["l4-24gb"]),
        ("L40S", ["l40s-48gb"]),
    ],
)
def test_hardware_is_named_as_people_write_it(catalog, text, ids):
    assert catalog.resolve("hardware", text) == ids


def test_an_m3_max_is_not_an_m4_max(catalog):
    m3, m4 = catalog.hardware["macbook-pro-m3-max-64gb"], catalog.hardware["macbook-pro-m4-max-64gb"]
    assert m3.bandwidth_gb_s == 400 and m4.bandwidth_gb_s == 546
    assert "macbook-pro-m4-max-64gb" not in catalog.resolve("hardware", "m3 max")


def test_a_64_gb_m4_max_is_the_40_core_chip_and_the_36_gb_base_the_32_core(catalog):
    """Apple sells the M4 Max with 64 GB only as the 16-core CPU / 40-core GPU chip (546 GB/s); the
    $1,999 Mac Studio base is the 32-core GPU with 36 GB (410 GB/s)."""
    studio, base = catalog.hardware["mac-studio-m4-max-64gb"], catalog.hardware["mac-studio-m4-max-36gb"]
    laptop = catalog.hardware["macbook-pro-m4-max-64gb"]
    assert studio.bandwidth_gb_s == laptop.bandwidth_gb_s == 546 and base.bandwidth_gb_s == 410
    assert studio.compute.fp16_tflops == laptop.compute.fp16_tflops > base.compute.fp16_tflops
    assert base.price_usd < studio.price_usd and not base.price_basis  # the base's price is Apple's own
    assert laptop.price_usd > 3200  # the 36 GB base's price, which seed 001 gave the 64 GB one


def test_a_price_no_source_states_is_labelled_with_how_it_was_built(catalog):
    """A configure-to-order price (a base price plus options) is an estimate, and says so and how; the
    L4 says there is no public price for a server to put it in."""
    built = [h for h in catalog.hardware.values() if "configure-to-order" in h.note + h.price_basis]
    assert len(built) >= 9
    for box in built:
        assert box.price_basis.startswith("estimate: ") and "$" in box.price_basis, box.id
        assert "configure-to-order" not in box.note, f"{box.id}: the note repeats how the price was built"
    assert "no public price for an L4 server" in catalog.hardware["l4-24gb"].price_basis


def test_stacks_name_what_they_need_and_run_known_engines(catalog):
    assert {"vllm-production-stack", "llm-d", "kserve", "ray-serve"} <= set(catalog.stacks)
    for stack in catalog.stacks.values():
        assert stack.needs and stack.routing and stack.source and set(stack.engines) <= set(catalog.engines)


def test_a_gpu_sold_alone_is_offered_only_to_a_team_that_owns_or_names_it(catalog):
    bare = {h.id for h in catalog.hardware.values() if not h.host_included}
    assert {"a100-80gb", "h100-sxm-80gb"} <= bare
    result = compare(CompareInput(**REGULATED, top=50), catalog)
    assert not {o.hardware for o in result.options} & bare  # a new team is priced hosts and all
    owned = compare(CompareInput(**REGULATED, owned_hardware="h100-sxm-80gb", owned_units=4, top=50), catalog)
    assert "h100-sxm-80gb" in {o.hardware for o in owned.options}


def test_eight_owned_h100s_are_offered_as_the_node_never_as_loose_cards(catalog):
    """An HGX node is powered as one machine: eight owned H100s are one owned node in the plan, not one
    card of it (whose electricity alone would hide the node's idle draw) nor four pairs."""
    owned = compare(CompareInput(**REGULATED, owned_hardware="h100-sxm-80gb", owned_units=8, top=50), catalog)
    mine = {o.hardware for o in owned.options if o.owned_units}
    assert mine == {"hgx-h100-8gpu"}
    assert not {"h100-sxm-80gb", "dual-h100-sxm-160gb"} & {o.hardware for o in owned.options}


def test_the_stacks_are_listed_with_what_each_needs(capsys):
    """`advisor catalog list stacks` prints every stack that runs replicas across machines, its
    engines and what it needs (the fleet's plan names them; this is where a reader looks them up)."""
    from advisor.cli import main
    from advisor.tools.catalog import load_catalog

    assert main(["catalog", "list", "stacks"]) == 0
    out = capsys.readouterr().out
    for stack in load_catalog().stacks.values():
        line = next(row for row in out.splitlines() if row.startswith(stack.id + " "))
        assert "; ".join(stack.needs) in line and stack.source in line


def test_the_fleet_groups_the_stacks_by_whether_they_need_kubernetes(catalog):
    """One machine (or cards in the team's own hosts): the plain routers first; several machines:
    the Kubernetes stacks first — each group named once, with what it needs."""
    from advisor.tools.fleet import fleet_reason, stacks_for

    stacks = stacks_for(catalog, "vllm")
    many = fleet_reason(16, 1, 2, 64, stacks, "hgx-h100-8gpu").english()
    one = fleet_reason(8, 1, 1, 64, stacks, "hgx-h100-8gpu").english()
    assert many.startswith("16 replicas of one GPU (64 streams each) on 2 × hgx-h100-8gpu behind a load balancer")
    assert many.index("(on Kubernetes)") < many.index("(without Kubernetes)")
    assert one.index("(without Kubernetes)") < one.index("(on Kubernetes)")
    assert all(many.count(s.name) == 1 for s in stacks)


def test_calc_capacity_sizes_a_stream_by_the_request_as_compare_does(catalog):
    """A replica checked with calc capacity's request flags alone (no --context-tokens) is the replica
    compare planned: the same streams and requests a day, not an 8,192-token allocation."""
    result = compare(CompareInput(**REGULATED, top=50), catalog)
    o = next(
        o for o in _passing_local(result) if o.replicas > 1 and o.gpus_per_replica == catalog.hardware[o.hardware].units
    )
    asked = dict(
        hardware=o.hardware, local_model=o.local_model, input_tokens=2000, output_tokens=300, engine_streams=True
    )
    plain = capacity(CapacityInput(**asked), catalog)
    sized = capacity(CapacityInput(**asked, context_tokens=2300), catalog)
    assert plain.streams == sized.streams == o.streams
    assert plain.requests_per_day == pytest.approx(sized.requests_per_day)
    assert any("2,300 tokens of context per stream" in a for a in plain.assumptions)


def test_two_owned_l4s_are_priced_as_the_cards_the_team_has(catalog):
    """'Two L4s in a Dell R760xa': the L4 is a card sold alone, offered to a team that owns it, at its
    electricity (72 W each), never its price."""
    result = compare(CompareInput(**SMALL, owned_hardware="l4-24gb", owned_units=2, top=50), catalog)
    l4 = [o for o in result.options if o.hardware == "l4-24gb"]
    assert l4 and all(o.upfront_usd == 0 and o.owned_units == o.units <= 2 for o in l4)
    new_team = compare(CompareInput(**SMALL, top=50), catalog)
    assert "l4-24gb" not in {o.hardware for o in new_team.options}  # a card alone needs a host the team has


def test_the_m1_generation_has_its_own_fit(catalog):
    """An M1 Ultra reads quantised weights at about 55% of its 800 GB/s (apple-m1), not at the 78% the
    M2 and later chips reach: the same model decodes about a quarter slower on it than on an M2
    Ultra's 800 GB/s (the fixed 2.5 ms a step is the same on both)."""
    m1 = capacity(CapacityInput(hardware="mac-studio-m1-ultra-64gb", local_model="llama-3.1-8b"), catalog)
    m2 = capacity(CapacityInput(hardware="mac-studio-m2-ultra-64gb", local_model="llama-3.1-8b"), catalog)
    assert any("(apple-m1/llama.cpp fit)" in a for a in m1.assumptions)
    assert m1.tokens_per_second < 0.8 * m2.tokens_per_second


def test_a_named_card_alone_is_priced_beside_its_node_as_the_table_prices_it(catalog):
    """'And with H200?' names the card; a team without hosts buys it as the HGX H200 node. Worked by
    hand: the comparison without hardware prices the node (host included) with the model that serves the
    most on it; named, the card alone (hosts not priced) and that same node with the same model and the
    same monthly figure are both in the options, and a card-alone pick says what the node costs."""
    table = compare(CompareInput(**REGULATED, traffic_hours=16, top=50), catalog)
    named = compare(CompareInput(**REGULATED, traffic_hours=16, hardware="h200-sxm-141gb", top=50), catalog)
    node = next(o for o in table.options if o.hardware == "hgx-h200-8gpu" and o.deployment == "local")
    same = next(o for o in named.options if o.hardware == "hgx-h200-8gpu" and o.deployment == "local")
    assert (same.local_model, same.units) == (node.local_model, node.units)
    assert same.monthly_usd == pytest.approx(node.monthly_usd)
    assert "h200-sxm-141gb" in {o.hardware for o in named.options}
    rec = named.recommendation
    if next(o for o in named.options if o.id == rec.option_id).hardware == "h200-sxm-141gb":
        said = next(r for r in rec.why if r.kind == "card_alone_node")
        assert said.values["node"] == "hgx-h200-8gpu" and said.values["node_usd"] == pytest.approx(node.monthly_usd)
        assert said.values["node_model"] == node.local_model
