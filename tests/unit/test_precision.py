"""Each local option states the precision it runs at, as its engine names it, and a model is offered
only at a precision its engine serves and in the memory it has (issue 21: 'Llama 4 Maverick on
4 × H100 = 320 GB — at which precision does it fit? FP8 weights alone are ~400 GB')."""

from __future__ import annotations

import pytest

from advisor.tools.base import ToolError
from advisor.tools.capacity import CapacityInput, capacity
from advisor.tools.compare import CompareInput, compare
from advisor.tools.fleet import replica_box, with_box

REGULATED = dict(
    requests_per_day=20e6 / 30,
    input_tokens_per_request=2000,
    output_tokens_per_request=300,
    privacy="regulated",
    hardware="hgx-h100-8gpu",
    local_model="llama-4-maverick",
    top=50,
)


def test_maverick_on_an_h100_node_runs_at_int4_and_says_so(catalog):
    """Worked by hand: 400B parameters × 4.85 bits / 8 = 242.5 GB at 4 bits a weight (vLLM: an INT4
    W4A16 checkpoint), within a 4-GPU replica's 4 × 80 = 320 GB; at FP8 (8.5 bits with scales) the
    weights alone are 425 GB: more than 4 GPUs hold, so FP8 needs the whole 8-GPU node."""
    result = compare(CompareInput(**REGULATED), catalog)
    o = next(o for o in result.options if o.hardware == "hgx-h100-8gpu")
    assert o.quant == "Q4_K_M" and o.precision == "INT4 (AWQ/GPTQ W4A16)"
    said = next(r for r in o.why if r.kind == "precision")
    assert said.values["weights_gb"] == 242 and said.values["replica_gb"] == 80 * o.gpus_per_replica
    assert said.english().startswith("llama-4-maverick runs at INT4 (AWQ/GPTQ W4A16): 242 GB of weights")
    node = catalog.hardware["hgx-h100-8gpu"]
    four, eight = replica_box(node, 4), node

    def fp8(box):
        inp = CapacityInput(hardware=box.id, local_model="llama-4-maverick", quant="Q8_0", context_tokens=2300)
        return capacity(inp, with_box(catalog, box))

    assert fp8(four).weights_gb == pytest.approx(425) and fp8(four).fits is False
    assert fp8(eight).fits is True and fp8(eight).precision == "FP8"


def test_a_desktop_box_names_its_gguf_quant(catalog):
    cap = capacity(CapacityInput(hardware="rtx-4090-24gb", local_model="llama-3.1-8b"), catalog)
    assert cap.quant == "Q4_K_M" and cap.precision == "Q4_K_M"  # llama.cpp serves every GGUF quant


def test_a_precision_the_engine_does_not_serve_is_refused_naming_what_it_serves(catalog):
    with pytest.raises(ToolError) as caught:
        capacity(CapacityInput(hardware="hgx-h100-8gpu", local_model="llama-3.1-8b", quant="Q5_K_M"), catalog)
    assert caught.value.field == "quant" and "Q4_K_M, Q8_0, F16" in caught.value.hint


def test_a_model_with_no_precision_its_engine_serves_is_not_offered_on_that_box(catalog):
    """A model sold only as a K-quant GGUF vLLM does not serve: no option on the vLLM node, not a
    figure for a precision nobody would run there."""
    only_gguf = catalog.local_models["llama-4-maverick"].model_copy(update={"quants": {"Q5_K_M": 5.7}})
    shop = catalog.model_copy(update={"local_models": {**catalog.local_models, "llama-4-maverick": only_gguf}})
    result = compare(CompareInput(**REGULATED), shop)
    assert not [o for o in result.options if o.hardware == "hgx-h100-8gpu" and o.local_model == "llama-4-maverick"]
