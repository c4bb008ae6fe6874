"""Properties the calculators must hold for any input (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.tools.breakeven import breakeven_tokens
from advisor.tools.cloud_cost import CloudCostInput, blended_rate, cloud_cost
from advisor.tools.payback import payback_months

tokens = st.floats(min_value=0, max_value=1e13, allow_nan=False)
prices = st.floats(min_value=0.01, max_value=200, allow_nan=False)
MODELS = ["claude-sonnet-4-5", "claude-haiku-4-5", "gpt-5", "deepseek-v4-flash", "gemini-2.5-flash"]


@settings(max_examples=200, deadline=None)
@given(
    model=st.sampled_from(MODELS),
    base_in=tokens,
    base_out=tokens,
    extra_in=tokens,
    extra_out=tokens,
    share=st.floats(min_value=0, max_value=1),
)
def test_more_tokens_never_cost_less(catalog, model, base_in, base_out, extra_in, extra_out, share):
    def cost(i, o):
        return cloud_cost(
            CloudCostInput(model=model, input_tokens=i, output_tokens=o, cached_input_share=share),
            catalog,
        ).monthly_usd

    assert cost(base_in + extra_in, base_out + extra_out) >= cost(base_in, base_out) - 1e-9


@given(p_in=prices, p_out=prices, ratio=st.floats(min_value=0.01, max_value=1000))
def test_blended_rate_lies_between_input_and_output_price(p_in, p_out, ratio):
    rate = blended_rate(p_in, p_out, ratio)
    assert min(p_in, p_out) - 1e-9 <= rate <= max(p_in, p_out) + 1e-9


@given(
    hardware=st.floats(min_value=100, max_value=100_000),
    months=st.integers(min_value=1, max_value=120),
    running=st.floats(min_value=0, max_value=500),
    rate=prices,
)
def test_payback_and_breakeven_agree(hardware, months, running, rate):
    # At the break-even volume, the cloud bill equals amortisation + running cost, so the hardware
    # pays back in exactly the amortisation period.
    local_monthly = hardware / months + running
    volume = breakeven_tokens(local_monthly, rate)
    cloud_bill = volume / 1e6 * rate
    assert payback_months(hardware, cloud_bill, running) == pytest.approx(months, rel=1e-6)


@given(
    hardware=st.floats(min_value=1, max_value=1e6),
    cloud=st.floats(min_value=0, max_value=1e5),
    running=st.floats(min_value=0, max_value=1e5),
)
def test_payback_exists_only_when_cloud_beats_running(hardware, cloud, running):
    months = payback_months(hardware, cloud, running)
    assert (months is None) == (cloud <= running)
    if months is not None:
        assert months > 0


@settings(max_examples=50, deadline=None)
@given(scale=st.floats(min_value=1.01, max_value=50))
def test_compare_more_volume_never_lowers_the_cloud_bill(catalog, scale):
    from advisor.tools.compare import CompareInput, compare

    base = CompareInput(
        requests_per_day=1000, input_tokens_per_request=2000, output_tokens_per_request=300, privacy="public"
    )
    bigger = base.model_copy(update={"requests_per_day": 1000 * scale})
    cloud = lambda r: min(o.monthly_usd for o in r.options if o.deployment == "cloud")  # noqa: E731
    assert cloud(compare(bigger, catalog)) >= cloud(compare(base, catalog))
