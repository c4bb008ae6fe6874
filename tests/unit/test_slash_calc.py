"""/calc in the chat goes through the same registry as `advisor calc`."""

from __future__ import annotations

import pytest

from advisor.errors import UsageError
from advisor.slash.calc import parse_calc, run_calc


def test_parse_flags_values_and_booleans():
    name, args = parse_calc('cloud-cost --model "sonnet 4.5" --input-tokens 300M --batch')
    assert name == "cloud-cost"
    assert args == {"model": "sonnet 4.5", "input_tokens": "300M", "batch": True}


def test_run_renders_the_tool_result(catalog):
    text = run_calc("payback --hardware-cost-usd 3200 --monthly-cloud-usd 500 --running-usd 1", catalog)
    assert "6.4 months" in text


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("rocket --x 1", "unknown"),
        ("payback --nope 1", "--hardware-cost-usd"),
        ("payback --hardware-cost-usd", "needs a value"),
        ("cloud-cost --model gpt-5 --input-tokens -5M", "input-tokens"),
    ],
)
def test_bad_input_is_one_line(line, fragment, catalog):
    with pytest.raises(UsageError) as err:
        run_calc(line, catalog)
    assert fragment in str(err.value) and "\n" not in str(err.value)


def test_the_serving_engine_is_one_flag_for_capacity_and_compare(catalog):
    """`--serving-engine` (the profile's field, as the README writes it) works for capacity as for
    compare; `--engine`, capacity's former name for it, still does the same."""
    from advisor.slash.calc import calculate

    box = "capacity --hardware rtx-4090-24gb --local-model llama-3.1-8b --engine-streams"
    new = calculate(*parse_calc(f"{box} --serving-engine vllm"), catalog)
    old = calculate(*parse_calc(f"{box} --engine vllm"), catalog)
    default = calculate(*parse_calc(box), catalog)
    assert new.engine == old.engine == "vllm" and default.engine == "llama.cpp"
    assert new.streams == old.streams > default.streams
    # a datacenter card or GPU server serves with its own engine (vLLM), as compare serves it
    server = "capacity --hardware h100-sxm-80gb --local-model llama-3.1-8b --engine-streams"
    assert calculate(*parse_calc(server), catalog).engine == "vllm"
    assert calculate(*parse_calc(f"{server} --serving-engine llama.cpp"), catalog).engine == "llama.cpp"
    _, args = parse_calc("compare --requests-per-day 1000 --input-tokens-per-request 500 --serving-engine vllm")
    assert args["serving_engine"] == "vllm"
    with pytest.raises(UsageError, match="serving-engine: 'vlm' is not in the catalog; did you mean vllm"):
        calculate(*parse_calc(f"{box} --serving-engine vlm"), catalog)
