"""Where the data may go: the data boundary (on-site, a contract, a region, any) against each cloud
offering's sourced terms (catalog/platforms.toml). Cases are the ones users brought: a hospital with
a BAA with Anthropic and AWS and zero retention, an insurer whose data may not leave the EU, a team
whose data may not leave its network, and regulated data with no boundary stated yet."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.tools import boundary as bd
from advisor.tools.base import ToolError
from advisor.tools.compare import CompareInput, compare
from advisor.tools.profile import WorkloadProfile, resolve

TRIAGE = dict(requests_per_day=5000, input_tokens_per_request=2000, output_tokens_per_request=300)
HOSPITAL = dict(TRIAGE, privacy="regulated", contract="anthropic, AWS Bedrock", agreement="baa", zero_retention=True)


def cloud_options(result):
    return [o for o in result.options if o.cloud_models]


def test_the_hospital_gets_only_offerings_its_baa_covers_each_saying_what_it_requires(catalog):
    result = compare(CompareInput(**HOSPITAL), catalog)
    passing = [o for o in cloud_options(result) if o.passes]
    assert passing, "a BAA with Anthropic and AWS leaves cloud offerings open"
    for option in passing:
        for model_id in option.cloud_models:
            platform = catalog.platform_of(catalog.cloud[model_id])
            assert platform.company in ("anthropic", "aws") and platform.baa.status == "yes"
            assert platform.zero_retention.status == "yes"
        assert any(r.startswith("your BAA with") for r in option.requires)
        assert any("zero data retention on" in r for r in option.requires)
    assert any(o.deployment == "local" for o in result.options), "local options stand beside them"
    ranked = sorted((o for o in result.options if o.passes), key=lambda o: o.horizon_usd)
    assert result.recommendation.option_id == ranked[0].id  # the cheaper one is recommended


def test_groq_is_ruled_out_for_the_hospital_and_says_groq_offers_a_baa_with_its_source(catalog):
    result = compare(CompareInput(**HOSPITAL), catalog)
    groq = next(c for c in result.data_boundary.offerings if c.platform == "groq")
    assert not groq.passes
    (reason,) = groq.failed
    assert "your BAA is with Anthropic and AWS, not Groq" in reason and "Groq offers one" in reason
    assert catalog.platforms["groq"].baa.source in reason
    failing = [o for o in cloud_options(result) if not o.passes]
    assert failing and all(o.hard_failures for o in failing)


def test_a_baa_with_google_covers_vertex_but_no_source_says_the_gemini_api(catalog):
    result = compare(CompareInput(**TRIAGE, privacy="regulated", contract="google", agreement="baa"), catalog)
    by_platform = {c.platform: c for c in result.data_boundary.offerings}
    assert by_platform["google-vertex"].passes
    gemini_api = by_platform["google-gemini-api"]
    assert not gemini_api.passes and "no source says it does cover Google Gemini API" in gemini_api.failed[0]


def test_eu_region_only_keeps_eu_processed_offerings_and_drops_the_rest_with_reasons(catalog):
    result = compare(CompareInput(**TRIAGE, privacy="sensitive", region="EU"), catalog)
    verdicts = result.data_boundary.offerings
    kept = [c for c in verdicts if c.passes]
    assert {c.platform for c in kept} >= {"mistral", "aws-bedrock"}
    for check in kept:
        region_facts = [f for f in check.facts if f.kind == "region"]
        assert region_facts and region_facts[0].passed and region_facts[0].source.startswith("https://")
    dropped = [c for c in verdicts if not c.passes]
    assert {c.platform for c in dropped} >= {"anthropic-api", "openai-api", "groq", "deepseek-api"}
    assert all(c.failed for c in dropped)
    for option in cloud_options(result):
        for model_id in option.cloud_models:
            check = bd.check(
                catalog,
                bd.requirement(catalog, resolve(WorkloadProfile(**TRIAGE, region="eu"))),
                catalog.cloud[model_id],
            )
            assert check.passes == (not any(model_id in f or check.platform_name in f for f in option.failed))


def test_claude_outside_the_eu_is_offered_through_bedrocks_eu_profile_at_its_regional_price(catalog):
    result = compare(CompareInput(**TRIAGE, privacy="sensitive", region="eu", cloud_model="claude-sonnet-5"), catalog)
    named = next(o for o in result.options if o.id == "cloud:claude-sonnet-5")
    assert not named.passes
    assert any("not processed in the European Union" in f and "bedrock-claude-sonnet-5" in f for f in named.failed)
    elsewhere = next(o for o in result.options if o.id == "cloud:bedrock-claude-sonnet-5")
    assert elsewhere.passes and "claude-sonnet-5 within your data boundary" in elsewhere.label
    regional, api = catalog.cloud["bedrock-claude-sonnet-5"].price, catalog.cloud["claude-sonnet-5"].price
    assert (regional.input, regional.output) == (pytest.approx(api.input * 1.1), pytest.approx(api.output * 1.1))
    assert elsewhere.monthly_usd == pytest.approx(named.monthly_usd * 1.1)


def test_a_region_premium_is_priced_from_the_platforms_terms(catalog):
    """Anthropic's API keeps Sonnet 4.6 in the US with inference_geo 'us', at 1.1× (platforms.toml)."""
    one_tier = dict(TRIAGE, privacy="public", frontier_share=0, cloud_model="claude-sonnet-4-6")
    anywhere = compare(CompareInput(**one_tier), catalog)
    in_us = compare(CompareInput(**one_tier, region="us"), catalog)
    a = next(o for o in anywhere.options if o.id == "cloud:claude-sonnet-4-6")
    b = next(o for o in in_us.options if o.id == "cloud:claude-sonnet-4-6")
    assert b.passes and b.monthly_usd == pytest.approx(a.monthly_usd * 1.1)
    assert any("inference_geo 'us'" in r and "1.1×" in r for r in b.requires)


def test_data_that_must_stay_in_switzerland_gets_azures_regional_deployment_at_its_own_price(catalog):
    """Only Azure's Regional Standard keeps processing in Switzerland North; its price (1.21× Global)
    is the entry's own, and GPT-4.1 mini in West Europe costs 12/11 of it (platforms.toml)."""
    swiss = dict(TRIAGE, privacy="sensitive", contract="microsoft", agreement="dpa", region="ch", frontier_share=0)
    result = compare(CompareInput(**swiss), catalog)
    passing = [o for o in cloud_options(result) if o.passes]
    assert passing and all(m.startswith("azure-rg-") for o in passing for m in o.cloud_models)
    assert any("Switzerland North region" in r for o in passing for r in o.requires)
    req = bd.requirement(catalog, resolve(WorkloadProfile(**dict(swiss, region="nl"))))
    mini = bd.check(catalog, req, catalog.cloud["azure-rg-gpt-4.1-mini"])
    assert mini.passes and mini.price_factor == pytest.approx(0.528 / 0.484, rel=1e-3)
    assert not bd.check(catalog, req, catalog.cloud["azure-rg-gpt-4.1"]).passes  # not offered in West Europe


def test_nothing_may_leave_our_network_still_gives_local_only(catalog):
    result = compare(CompareInput(**TRIAGE, privacy="regulated", data_boundary="on_site"), catalog)
    assert result.recommendation.deployment == "local"
    assert all(not o.passes for o in cloud_options(result))
    assert all(any("your data stays on your own hardware" in f for f in o.failed) for o in cloud_options(result))
    assert result.data_boundary.offerings == []


def test_regulated_data_with_no_boundary_stays_on_site_and_says_so(catalog):
    result = compare(CompareInput(**TRIAGE, privacy="regulated"), catalog)
    assert result.data_boundary.kind == "on_site" and result.data_boundary.assumed
    assert any("until you name a boundary" in a for a in result.assumptions)
    assert result.recommendation.deployment == "local"


def test_unknown_never_passes(catalog):
    """Together's BAA and every platform's unknown region fail the requirement they would meet."""
    req = bd.requirement(catalog, resolve(WorkloadProfile(**TRIAGE, contract="together", agreement="baa")))
    together = bd.check(catalog, req, catalog.cloud["together-gpt-oss-120b"])
    assert not together.passes and "no source says it does cover Together AI" in together.failed[0]
    in_eu = bd.requirement(catalog, resolve(WorkloadProfile(**TRIAGE, region="eu")))
    groq = bd.check(catalog, in_eu, catalog.cloud["groq-gpt-oss-120b"])
    assert not groq.passes and "no source says (unknown never passes)" in groq.failed[0]
    zdr = bd.requirement(catalog, resolve(WorkloadProfile(**TRIAGE, contract="deepseek", zero_retention=True)))
    assert not bd.check(catalog, zdr, catalog.cloud["deepseek-v4-pro"]).passes


def test_a_contract_of_no_stated_kind_is_read_as_a_dpa_and_said(catalog):
    result = compare(CompareInput(**TRIAGE, privacy="sensitive", contract="mistral"), catalog)
    assert any("read as a data-processing agreement" in a for a in result.assumptions)
    mistral = next(c for c in result.data_boundary.offerings if c.platform == "mistral")
    assert mistral.passes and mistral.requires == ["your DPA with Mistral"]


def test_any_boundary_changes_nothing(catalog):
    plain = compare(CompareInput(**TRIAGE, privacy="internal"), catalog)
    anywhere = compare(CompareInput(**TRIAGE, privacy="internal", data_boundary="any"), catalog)
    assert [o.model_dump() for o in plain.options] == [o.model_dump() for o in anywhere.options]
    assert plain.data_boundary.kind == "any" and plain.data_boundary.offerings == []


@pytest.mark.parametrize(
    ("field", "extra"),
    [("region", dict(region="atlantis")), ("contract", dict(contract="acme cloud"))],
)
def test_an_unknown_region_or_company_is_the_users_error_naming_the_field(catalog, field, extra):
    with pytest.raises(ToolError) as err:
        compare(CompareInput(**TRIAGE, privacy="internal", **extra), catalog)
    assert err.value.field == field


BOUNDARIES = st.sampled_from(
    [
        dict(),
        dict(region="eu"),
        dict(region="us"),
        dict(contract="aws", agreement="baa"),
        dict(contract="anthropic,aws", agreement="baa", zero_retention=True),
        dict(contract="mistral", region="eu"),
        dict(data_boundary="on_site"),
    ]
)


@settings(max_examples=25, deadline=None)
@given(boundary=BOUNDARIES, per_day=st.integers(min_value=50, max_value=200_000))
def test_a_boundary_never_makes_the_cheapest_passing_option_cheaper(catalog, boundary, per_day):
    """A boundary only removes offerings (or prices them where it keeps the data): the cheapest option
    that passes costs at least what it costs with no boundary."""
    base = dict(TRIAGE, requests_per_day=per_day, privacy="internal", frontier_share=0)
    free = compare(CompareInput(**base), catalog)
    bound = compare(CompareInput(**base, **boundary), catalog)

    def cheapest(result):
        return min((o.horizon_usd for o in result.options if o.passes), default=float("inf"))

    assert cheapest(bound) >= cheapest(free) - 1e-6


def test_every_platform_fact_has_a_source_and_a_date(catalog):
    for platform in catalog.platforms.values():
        for term in (platform.baa, platform.zero_retention, *platform.regions):
            assert term.source.startswith("https://"), (platform.id, term)
            assert term.as_of is not None
    for model in catalog.cloud.values():
        assert catalog.platform_of(model) is not None, f"{model.id} has no platform terms"


def test_a_catalog_naming_an_unknown_platform_or_region_is_refused(tmp_path):
    from advisor.tools.catalog import CatalogError, load_catalog

    user = tmp_path / "catalog.toml"
    user.write_text(
        '[[platforms]]\nid = "mine"\nname = "Mine"\ncompany = "me"\ncompany_name = "Me"\n'
        '[platforms.baa]\nstatus = "yes"\nsource = "https://example.invalid/baa"\nas_of = 2026-12-01\n'
        '[platforms.zero_retention]\nstatus = "unknown"\nsource = "https://example.invalid"\nas_of = 2026-12-01\n'
        '[[platforms.regions]]\nregion = "mars"\nvia = "a rocket"\nsource = "https://example.invalid"\n'
        "as_of = 2026-12-01\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogError, match="platform mine: regions: unknown region 'mars'"):
        load_catalog((user,))


def test_the_catalog_lists_every_platform_fact_with_its_date_and_source(catalog, tmp_path):
    """The shipped platforms, and one a team added in its own catalog.toml whose region is not priced
    (no shipped region is unpriced since Azure's Data Zones are)."""
    from tests.cli.test_cli import advisor

    (tmp_path / "catalog.toml").write_text(
        '[[platforms]]\nid = "mine"\nname = "Mine"\ncompany = "me"\ncompany_name = "Me"\n'
        '[platforms.baa]\nstatus = "yes"\nsource = "https://example.invalid/baa"\nas_of = 2026-12-01\n'
        '[platforms.zero_retention]\nstatus = "unknown"\nsource = "https://example.invalid"\nas_of = 2026-12-01\n'
        '[[platforms.regions]]\nregion = "ch"\nvia = "our Zurich contract"\npriced = false\n'
        'source = "https://example.invalid/ch"\nas_of = 2026-12-01\n',
        encoding="utf-8",
    )
    run = advisor("catalog", "list", "platforms", env_extra={"ADVISOR_CONFIG_DIR": str(tmp_path)})
    assert run.returncode == 0, run.stderr
    for platform in catalog.platforms.values():
        assert f"{platform.id}  " in run.stdout
        assert platform.baa.source in run.stdout and platform.zero_retention.source in run.stdout
    assert "yes, ×1.1" in run.stdout
    assert "mine  " in run.stdout and "yes, not priced" in run.stdout


@pytest.mark.parametrize(
    ("flags", "field"),
    [(["--region", "atlantis"], "region"), (["--contract", "acme"], "contract"), (["--agreement", "nda"], "agreement")],
)
def test_calc_compare_refuses_a_bad_boundary_in_one_line(flags, field):
    from tests.cli.test_cli import advisor

    run = advisor("calc", "compare", "--requests-per-day", "100", "--input-tokens-per-request", "1K", *flags)
    assert run.returncode == 2 and field in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_the_hybrid_tool_sends_its_cloud_share_where_the_data_may_go(catalog):
    from advisor.tools.hybrid import HybridInput, hybrid

    base = dict(TRIAGE, hardware="rtx-4090-24gb", privacy="regulated")
    with_aws = hybrid(HybridInput(**base, contract="aws", agreement="baa"), catalog)
    assert catalog.platform_of(catalog.cloud[with_aws.cloud_model]).company == "aws" and not with_aws.failed
    no_boundary = hybrid(HybridInput(**base, frontier_share=0.1), catalog)
    assert any("until you name a boundary" in f for f in no_boundary.failed)


def test_a_baa_with_no_provider_named_keeps_the_providers_who_offer_one(catalog):
    """'Not to any vendor without a signed BAA': a provider that signs one passes, naming it."""
    result = compare(CompareInput(**TRIAGE, privacy="regulated", data_boundary="contract", agreement="baa"), catalog)
    verdicts = {c.platform: c for c in result.data_boundary.offerings}
    assert verdicts["groq"].passes and verdicts["groq"].requires == ["a BAA with Groq, which it offers"]
    together = verdicts["together"]
    assert not together.passes and "no source says Together AI offers one (" in together.failed[0]
    assert "a BAA with a provider who signs one" in result.data_boundary.basis
