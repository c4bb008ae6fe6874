"""The seeds' worked examples (cost-model.md), and the seeds' own mistakes done right."""

from __future__ import annotations

import pytest

from advisor.tools.breakeven import BreakevenInput, breakeven, breakeven_tokens
from advisor.tools.capacity import CapacityInput, capacity, kv_bytes_per_token
from advisor.tools.cloud_cost import CloudCostInput, blended_rate, cloud_cost
from advisor.tools.local_cost import LocalCostInput, local_cost
from advisor.tools.payback import PaybackInput, payback


def test_router_workload_on_sonnet_45_costs_900_not_300(catalog):
    # seed 000: 5,000 requests/day at 2K tokens = 300M input tokens a month; at $3/M that is $900.
    result = cloud_cost(
        CloudCostInput(model="claude-sonnet-4-5", input_tokens="300M", tokens_per_request=2000),
        catalog,
    )
    assert result.monthly_usd == pytest.approx(900.0)
    assert not result.long_context


def test_long_context_tier_applies_per_request_not_to_monthly_totals(catalog):
    small = cloud_cost(CloudCostInput(model="claude-sonnet-4-5", input_tokens="300M"), catalog)
    assert small.monthly_usd == pytest.approx(900.0)  # a monthly total never triggers the tier
    big = cloud_cost(
        CloudCostInput(
            model="claude-sonnet-4-5",
            input_tokens="300M",
            output_tokens="10M",
            tokens_per_request=250_000,
        ),
        catalog,
    )
    assert big.long_context
    assert big.monthly_usd == pytest.approx(300 * 6 + 10 * 22.5)


def test_blended_rate_seed_003():
    assert blended_rate(3.0, 15.0, 2.0) == pytest.approx(7.0)


@pytest.mark.parametrize(("cloud", "months"), [(50, 65), (200, 16), (500, 6.4), (2000, 1.6)])
def test_payback_table_seed_000(cloud, months):
    result = payback(PaybackInput(hardware_cost_usd=3200, monthly_cloud_usd=cloud, running_usd=1))
    assert result.payback_months == pytest.approx(months, rel=0.03)


def test_payback_is_never_when_running_costs_exceed_cloud():
    result = payback(PaybackInput(hardware_cost_usd=3200, monthly_cloud_usd=5, running_usd=6))
    assert result.payback_months is None
    assert "never" in result.verdict


def test_first_year_seed_001(catalog):
    # $4,000 + 8 h × $75 + 12 × $6 electricity = $4,672
    result = local_cost(
        LocalCostInput(
            hardware_cost_usd=4000,
            watts=150,
            hours_per_day=8,
            electricity_usd_per_kwh=6 / 36,
            setup_hours=8,
            hourly_rate_usd=75,
        ),
        catalog,
    )
    assert result.electricity_usd == pytest.approx(6.0)
    assert result.first_year_usd == pytest.approx(4672.0)


def test_mac_studio_monthly_electricity_seed_001(catalog):
    # 150 W, 8 h a day, $0.16/kWh → $5.76 a month
    result = local_cost(LocalCostInput(hardware_cost_usd=4000, watts=150, hours_per_day=8), catalog)
    assert result.electricity_usd == pytest.approx(5.76)


def test_breakeven_seed_003():
    # ($6,000/36 + $30) / $7 per M ≈ 28.1M tokens a month
    tokens = breakeven_tokens(6000 / 36 + 30, 7.0)
    assert tokens == pytest.approx(28.1e6, rel=0.01)


@pytest.mark.parametrize(("electricity", "expected"), [(15, 61e6), (30, 66e6)])
def test_breakeven_seed_004(electricity, expected):
    result = breakeven(BreakevenInput(local_monthly_usd=167 + electricity, blended_usd_per_million=3), None)
    assert result.breakeven_tokens_per_month == pytest.approx(expected, rel=0.01)


def test_three_tokens_a_second_is_78m_a_month_not_234m():
    # seed 003 wrote 7.8M a day and 234M a month; 3 tok/s × 86,400 s = 259,200 a day, ~7.8M a month
    result = capacity(CapacityInput(tokens_per_second=3, hours_per_day=24), None)
    assert result.tokens_per_month == pytest.approx(3 * 86_400 * 30)
    assert result.tokens_per_month < 8e6


def test_70b_in_fp16_needs_140gb_not_35(catalog):
    from advisor.tools.capacity import weights_gb

    model = catalog.local_models["llama-3.3-70b"]
    assert weights_gb(model, "F16") == pytest.approx(141, rel=0.02)
    assert 38 < weights_gb(model, "Q4_K_M") < 45


def test_llama_33_70b_kv_cache_per_cost_model(catalog):
    model = catalog.local_models["llama-3.3-70b"]
    assert kv_bytes_per_token(model) == 327_680
    result = capacity(
        CapacityInput(
            hardware="mac-studio-m4-ultra-192gb",
            local_model="llama-3.3-70b",
            context_tokens=128_000,
            hours_per_day=24,
        ),
        catalog,
    )
    assert result.kv_cache_gb == pytest.approx(41.9, rel=0.03)


def test_m4_ultra_speed_uses_m3_ultra_bandwidth(catalog):
    box = catalog.hardware["mac-studio-m4-ultra-128gb"]
    assert box.bandwidth_gb_s == 819
    assert "M3 Ultra" in box.note or "M3 Ultra" in box.bandwidth_basis


def test_catalog_keeps_seed_prices_as_history(catalog):
    opus41, opus45 = catalog.cloud["claude-opus-4-1"], catalog.cloud["claude-opus-4-5"]
    assert (opus41.price.input, opus41.price.output) == (15, 75)
    assert (opus45.price.input, opus45.price.output) == (5, 25)
    assert catalog.cloud["gpt-5"].price.input == 1.25
    assert catalog.cloud["gpt-5-mini"].price.output == 2.0
