"""read_whatif: what-if questions → the profile changes to compare against, and their description."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.interview import read_whatif
from advisor.tools.catalog import Catalog
from advisor.tools.profile import WorkloadProfile
from tests.unit.test_interview_support import (
    MONTHLY,
    PER_REQUEST,
    approx_changes,
    build_small_catalog,
)


@pytest.fixture(scope="module")
def small_catalog() -> Catalog:
    return build_small_catalog()


# (text, changes on PER_REQUEST (5,000/day × 2,000 in / 300 out), description)
PER_REQUEST_CASES = [
    ("what if volume doubles", {"requests_per_day": 10000.0}, "volume ×2"),
    ("what if traffic doubled?", {"requests_per_day": 10000.0}, "volume ×2"),
    ("double the traffic", {"requests_per_day": 10000.0}, "volume ×2"),
    ("triple the traffic", {"requests_per_day": 15000.0}, "volume ×3"),
    ("what if we had 10x the requests", {"requests_per_day": 50000.0}, "volume ×10"),
    ("ten times the traffic?", {"requests_per_day": 50000.0}, "volume ×10"),
    ("half the volume", {"requests_per_day": 2500.0}, "volume ×0.5"),
    ("what if traffic grows 50%", {"requests_per_day": 7500.0}, "volume ×1.5"),
    ("20% less traffic?", {"requests_per_day": 4000.0}, "volume ×0.8"),
    ("what if the volume drops by half", {"requests_per_day": 2500.0}, "volume ×0.5"),
    ("what if it were 8,000 requests a day", {"requests_per_day": 8000.0}, "traffic were 8,000 requests a day"),
    ("what if we used Haiku instead", {"cloud_model": "claude-haiku-4-5"}, "you used claude-haiku-4-5"),
    ("what if we used haiku instead of sonnet 4.5", {"cloud_model": "claude-haiku-4-5"}, "you used claude-haiku-4-5"),
    ("and at $0.30/kWh?", {"electricity_usd_per_kwh": 0.30}, "electricity cost $0.30/kWh"),
    ("what about 30 cents a kWh", {"electricity_usd_per_kwh": 0.30}, "electricity cost $0.30/kWh"),
    (
        "what about two used 3090s?",
        {"hardware": "dual-rtx-3090-48gb-used"},
        "the hardware were dual-rtx-3090-48gb-used",
    ),
    ("what if it were HIPAA data", {"privacy": "regulated"}, "the data were regulated"),
    ("what if it were public data", {"privacy": "public"}, "the data were public"),  # a what-if may lower it
    ("over 5 years?", {"amortization_months": 60.0}, "the hardware were amortised over 60 months"),
    ("what if we amortised over 5 years", {"amortization_months": 60.0}, "the hardware were amortised over 60 months"),
    ("what if 20% needed Opus", {"frontier_share": 0.20}, "20% of traffic needed the frontier tier"),
    ("what if it ran 8 hours a day", {"hours_per_day": 8.0}, "the hardware ran 8 hours a day"),
    (
        "what if volume doubles and we used haiku",
        {"requests_per_day": 10000.0, "cloud_model": "claude-haiku-4-5"},
        "volume ×2 and you used claude-haiku-4-5",
    ),
]


@pytest.mark.parametrize(("text", "changes", "description"), PER_REQUEST_CASES, ids=[c[0] for c in PER_REQUEST_CASES])
def test_whatif_on_a_per_request_profile(text, changes, description, small_catalog):
    whatif = read_whatif(text, PER_REQUEST, small_catalog)
    assert whatif is not None
    assert whatif.changes == approx_changes(changes)
    assert whatif.description == description


@pytest.mark.parametrize(
    ("text", "factor"),
    [
        ("what if volume doubles", 2),
        ("triple the traffic", 3),
        ("what if we had 10x the requests", 10),
        ("half the volume", 0.5),
        ("What if volume were 30 times higher?", 30),  # as 'grows 30x' (issue 21)
        ("what if traffic is 10x bigger", 10),
        ("what if the volume was 3 times as much", 3),
    ],
)
def test_scaling_a_monthly_profile_scales_its_monthly_tokens(text, factor, small_catalog):
    whatif = read_whatif(text, MONTHLY, small_catalog)
    assert whatif is not None
    assert whatif.changes == approx_changes(
        {"monthly_input_tokens": 300e6 * factor, "monthly_output_tokens": 40e6 * factor}
    )


def test_scaling_scales_every_volume_field_the_profile_holds(small_catalog):
    both = WorkloadProfile(requests_per_day=100, input_tokens_per_request=1000, monthly_input_tokens=9e6)
    whatif = read_whatif("what if volume doubles", both, small_catalog)
    assert whatif is not None
    assert whatif.changes == approx_changes({"requests_per_day": 200.0, "monthly_input_tokens": 18e6})


def test_the_profile_itself_is_not_changed(small_catalog):
    before = PER_REQUEST.model_dump()
    read_whatif("what if volume doubles", PER_REQUEST, small_catalog)
    assert PER_REQUEST.model_dump() == before


@pytest.mark.parametrize(
    "text",
    [
        "5,000 requests a day",  # an answer, not a what-if
        "$0.30/kWh",
        "over 5 years",
        "we have a 4090",
        "hello",
        "what if we went local?",  # a what-if the interview cannot read into fields
        "what if we used opus",  # ambiguous: read_answer asks which
    ],
)
def test_not_a_whatif_or_nothing_to_change(text, small_catalog):
    assert read_whatif(text, PER_REQUEST, small_catalog) is None


def test_a_whatif_that_changes_nothing_is_none(small_catalog):
    assert read_whatif("what if it were internal data", PER_REQUEST, small_catalog) is None


def test_scaling_without_a_volume_is_none(small_catalog):
    assert read_whatif("what if volume doubles", WorkloadProfile(), small_catalog) is None


@settings(max_examples=100, deadline=None)
@given(n=st.integers(min_value=2, max_value=1000))
def test_nx_the_requests_scales_by_n(n, small_catalog):
    whatif = read_whatif(f"what if we had {n}x the requests", PER_REQUEST, small_catalog)
    assert whatif is not None
    assert whatif.changes == {"requests_per_day": pytest.approx(5000 * n)}
    assert whatif.description == f"volume ×{n}"


@settings(max_examples=100, deadline=None)
@given(p=st.integers(min_value=1, max_value=99))
def test_percent_less_scales_down(p, small_catalog):
    whatif = read_whatif(f"what if traffic falls by {p}%", MONTHLY, small_catalog)
    assert whatif is not None
    assert whatif.changes["monthly_input_tokens"] == pytest.approx(300e6 * (1 - p / 100))
