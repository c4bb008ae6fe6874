"""A standby unit (N+1) and a contract's price (issue 21): 'no single point of failure' buys one
more unit than the load needs, priced and said; '20% off list on Azure' prices that seller's cloud
offerings at list −20%, said beside the figure."""

from __future__ import annotations

import pytest

from advisor.tools.base import ToolError
from advisor.tools.compare import CompareInput, compare
from advisor.tools.profile import WorkloadProfile

# 2,000 requests a day, 1,500 in / 300 out, on one kind of box, so the units alone are under test.
SMALL = dict(
    requests_per_day=2000,
    input_tokens_per_request=1500,
    output_tokens_per_request=300,
    privacy="internal",
    hardware="rtx-4090-24gb",
    local_model="llama-3.1-8b",
    frontier_share=0,
    top=50,
)


def _local(catalog, **extra):
    result = compare(CompareInput(**{**SMALL, **extra}), catalog)
    return next(o for o in result.options if o.deployment == "local")


def test_a_standby_is_one_more_unit_than_the_load_needs_priced_and_said(catalog):
    """Worked by hand: the load needs u units (each b busy at the busy hour); N+1 buys u + 1 — the
    upfront grows by one card's price, the electricity by one card's idle draw (the load's energy is
    the same, spread over one more powered card), and each working unit stays b busy (the standby
    idles until one fails)."""
    alone, spare = _local(catalog), _local(catalog, standby_units=1)
    card = catalog.hardware["rtx-4090-24gb"]
    assert spare.units == alone.units + 1
    assert spare.upfront_usd == pytest.approx(alone.upfront_usd + card.price_usd)
    assert spare.busy == pytest.approx(alone.busy)
    assert spare.electricity_usd == pytest.approx(alone.electricity_usd + spare.idle_watts * 24 * 30 / 1000 * 0.16)
    said = next(r for r in spare.why if r.kind == "standby")
    assert said.english().startswith(f"{alone.units} × rtx-4090-24gb for the load + 1 standby (N+1)")
    assert f"{spare.units} × NVIDIA RTX 4090" in spare.label


def test_no_standby_by_default(catalog):
    assert not [r for r in _local(catalog).why if r.kind == "standby"]


def test_a_contract_discount_prices_that_sellers_offerings_at_list_minus_the_share(catalog):
    """Worked by hand: the same workload on Claude Sonnet 4.5 for everything: list $X a month; with
    20% off list at Anthropic, 0.8 × X — and the same model on Bedrock (sold by AWS) is not discounted."""
    base = dict(SMALL, cloud_model="claude-sonnet-4-5")
    base.pop("hardware")
    listed = compare(CompareInput(**base), catalog)
    mine = compare(CompareInput(**base, contract_discounts={"anthropic": 0.2}), catalog)

    def sonnet(result):
        return next(o for o in result.options if o.id == "cloud:claude-sonnet-4-5")

    assert sonnet(mine).monthly_usd == pytest.approx(0.8 * sonnet(listed).monthly_usd)
    assert "claude-sonnet-4-5 at list −20% (your contract with Anthropic)" in sonnet(mine).notes
    bedrock = [m.id for m in catalog.cloud.values() if m.same_as == "claude-sonnet-4-5"]
    for model in bedrock:
        from advisor.tools.options import contract_discount
        from advisor.tools.profile import resolve

        p = resolve(WorkloadProfile(requests_per_day=1, input_tokens_per_request=1, contract_discounts="anthropic=20%"))
        assert contract_discount(catalog, p, catalog.cloud[model]) is None, model


def test_a_contract_discount_on_azure_is_microsofts_price(catalog):
    from advisor.tools.options import contract_discount
    from advisor.tools.profile import resolve

    p = resolve(WorkloadProfile(requests_per_day=1, input_tokens_per_request=1, contract_discounts="Azure=15"))
    azure = [m for m in catalog.cloud.values() if m.provider == "azure"]
    assert azure and all(contract_discount(catalog, p, m) == (0.15, "Microsoft") for m in azure)
    openai = [m for m in catalog.cloud.values() if m.provider == "openai"]
    assert all(contract_discount(catalog, p, m) is None for m in openai)


@pytest.mark.parametrize("text", ["aws=120%", "aws", "aws=lots"])
def test_a_discount_that_is_no_share_off_list_is_refused(text):
    with pytest.raises(ValueError, match="contract_discounts"):
        WorkloadProfile(contract_discounts=text)


def test_a_discount_for_a_company_the_catalog_does_not_know_names_the_field(catalog):
    with pytest.raises(ToolError) as caught:
        compare(CompareInput(**{**SMALL, "contract_discounts": {"acme-cloud": 0.2}, "frontier_share": 0.1}), catalog)
    assert caught.value.field == "contract_discounts" and caught.value.value == "acme-cloud"
