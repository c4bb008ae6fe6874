"""The advisor's own Claude calls follow the data boundary and the configured platform: Anthropic's API
through `anthropic.Anthropic`, AWS Bedrock through the SDK's `AnthropicBedrock`, Google Vertex AI
through its `AnthropicVertex` — each tested through the real SDK client against a loopback server
speaking that platform's wire protocol (tests/loopback.py): Bedrock's `POST /model/{id}/invoke` with a
Bedrock API key as a bearer token, Vertex's `POST /projects/{p}/locations/{r}/publishers/anthropic/
models/{id}:rawPredict` with an access token, the Messages API's `POST /v1/messages`. A boundary the
route is outside of keeps the call home, with the way out named."""

from __future__ import annotations

import pytest

from advisor.config import load_config
from advisor.escalation.platform import claude_route
from advisor.events import Escalated, Notice
from advisor.session import Session
from tests.loopback import claude_message, loopback

PHI_WITH_AWS = "PHI; we have a BAA with AWS. 2,000 notes a day, 3K tokens in and 500 out."
MEMO = "Write the final memo for our board."
BEDROCK_PATH = "/model/eu.anthropic.claude-sonnet-4-6/invoke"
VERTEX_PATH = "/projects/clinic-42/locations/europe-west1/publishers/anthropic/models/claude-sonnet-4-6:rawPredict"


def run(turns: list[str], **config) -> tuple[Session, list]:
    session = Session.open(load_config(local="none", budget_usd=100, **config), new=True)
    return session, [event for text in turns for event in session.turn(text)]


def notices(events: list) -> str:
    return " ".join(e.text for e in events if isinstance(e, Notice))


@pytest.mark.parametrize(
    ("platform", "region", "where", "api_model", "offering"),
    [
        ("api", None, "global", "claude-sonnet-4-6", "claude-sonnet-4-6"),
        ("api", "us", "us", "claude-sonnet-4-6", "claude-sonnet-4-6"),
        ("bedrock", "eu-central-1", "eu", "eu.anthropic.claude-sonnet-4-6", "bedrock-claude-sonnet-4-6"),
        ("bedrock", "ap-northeast-1", "jp", "jp.anthropic.claude-sonnet-4-6", "bedrock-claude-sonnet-4-6"),
        ("bedrock", "global", "global", "global.anthropic.claude-sonnet-4-6", "bedrock-global-claude-sonnet-4-6"),
        ("vertex", "europe-west1", "eu", "claude-sonnet-4-6", "vertex-claude-sonnet-4-6"),
        ("vertex", "global", "global", "claude-sonnet-4-6", "vertex-claude-sonnet-4-6"),
    ],
)
def test_a_route_is_the_model_as_sold_where_it_is_called(catalog, platform, region, where, api_model, offering):
    route = claude_route(catalog, "claude-sonnet-4-6", platform, region)
    assert (route.geo, route.api_model, route.offering) == (where, api_model, offering)


def test_a_route_the_catalog_has_no_terms_for_is_unpriced(catalog):
    route = claude_route(catalog, "claude-sonnet-4-6", "bedrock", "ca-central-1")  # no geographic profile known
    assert route.offering is None and route.geo is None


def test_bedrock_through_the_sdks_bedrock_client_within_a_baa_with_aws(monkeypatch):
    with loopback({BEDROCK_PATH: [claude_message("Memo: Bedrock in the EU.", 1000, 200)]}) as (url, server):
        monkeypatch.setenv("ANTHROPIC_BEDROCK_BASE_URL", url)
        monkeypatch.setenv("AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-test-not-real")
        session, events = run([PHI_WITH_AWS, MEMO], claude_platform="bedrock", claude_region="eu-central-1")
    assert any(isinstance(e, Escalated) for e in events), notices(events)
    (request,) = server.requests
    assert request["path"] == BEDROCK_PATH
    assert request["headers"]["Authorization"] == "Bearer bedrock-api-key-test-not-real"
    assert "model" not in request["body"] and request["body"]["anthropic_version"]
    assert session.claude_label == "bedrock eu-central-1: eu.anthropic.claude-sonnet-4-6"
    regional = session.catalog.cloud["bedrock-claude-sonnet-4-6"].price
    assert session.spend().claude_usd == pytest.approx((1000 * regional.input + 200 * regional.output) / 1e6)


def test_vertex_through_the_sdks_vertex_client_in_the_eu_at_its_regional_price(monkeypatch):
    with loopback({VERTEX_PATH: [claude_message("Memo: Vertex in the EU.", 1000, 200)]}) as (url, server):
        monkeypatch.setenv("ANTHROPIC_VERTEX_BASE_URL", url)
        monkeypatch.setenv("ADVISOR_VERTEX_ACCESS_TOKEN", "ya29.test-not-real")
        session, events = run(
            ["Customer contracts, EU region only. 2,000 a day, 3K tokens in and 500 out.", MEMO],
            claude_platform="vertex",
            claude_region="europe-west1",
            claude_project="clinic-42",
        )
    assert any(isinstance(e, Escalated) for e in events), notices(events)
    (request,) = server.requests
    assert request["path"] == VERTEX_PATH
    assert request["headers"]["Authorization"] == "Bearer ya29.test-not-real"
    price = session.catalog.cloud["vertex-claude-sonnet-4-6"].price
    assert session.spend().claude_usd == pytest.approx(1.1 * (1000 * price.input + 200 * price.output) / 1e6)


def test_anthropics_api_keeps_inference_in_the_us_when_the_region_is_us(monkeypatch):
    with loopback({"/v1/messages": [claude_message("Memo: in the US.", 1000, 200)]}) as (url, server):
        monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key")
        session, _ = run(["Customer data, must stay in the US. 2,000 a day, 3K in, 500 out.", MEMO], claude_region="us")
    (request,) = [r for r in server.requests if r["path"] == "/v1/messages"]
    assert request["body"]["inference_geo"] == "us" and request["body"]["model"] == "claude-sonnet-4-6"
    price = session.catalog.cloud["claude-sonnet-4-6"].price
    assert session.spend().claude_usd == pytest.approx(1.1 * (1000 * price.input + 200 * price.output) / 1e6)


def test_a_route_outside_the_boundary_is_not_called_and_the_way_in_is_named(monkeypatch):
    with loopback({"/v1/messages": [claude_message("never")]}) as (url, server):
        monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key")
        _, events = run([PHI_WITH_AWS, MEMO])  # Anthropic's API, but the BAA is with AWS
    assert not [r for r in server.requests if r["path"] == "/v1/messages"]
    said = notices(events)
    assert "Claude on Anthropic's API is outside your data boundary" in said and "AWS Bedrock" in said
    assert "claude_platform" in said


@pytest.mark.parametrize(
    "first",
    [
        "Patient records. 2,000 notes a day, 3K tokens in and 500 out.",  # regulated, no boundary yet
        "Nothing may leave our network. 2,000 notes a day, 3K tokens in and 500 out.",
    ],
)
def test_data_that_stays_on_site_keeps_the_advisors_own_claude_call_home(monkeypatch, first):
    with loopback({"/v1/messages": [claude_message("never")]}) as (url, server):
        monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key")
        _, events = run([first, MEMO])
    assert not [r for r in server.requests if r["path"] == "/v1/messages"]
    assert "keeps its own Claude call home" in notices(events)


def test_bedrock_with_no_credentials_is_off_with_one_line_saying_what_it_needs(monkeypatch):
    monkeypatch.delenv("AWS_BEARER_TOKEN_BEDROCK", raising=False)
    session = Session.open(load_config(local="none", claude_platform="bedrock", claude_region="eu-west-1"), new=True)
    assert session.claude is None and session.claude_label == "off (no credentials)"
    assert any("AWS_BEARER_TOKEN_BEDROCK" in n for n in session.startup_notices)


def test_a_bad_platform_is_the_users_error_naming_the_setting(monkeypatch):
    from advisor.errors import UsageError

    monkeypatch.setenv("ADVISOR_CLAUDE_PLATFORM", "azure")
    with pytest.raises(UsageError, match="claude_platform"):
        load_config()
