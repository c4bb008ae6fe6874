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
