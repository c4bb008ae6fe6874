"""OpenAI's cache writes and DeepSeek's cache hits in an llm logs.db, as the real `llm` logs them,
and in CSV exports (OpenAI-, DeepSeek- and Anthropic-usage-report-shaped, written here by hand).

Each usage object is built with the real `openai` SDK's types (``CompletionUsage`` for Chat
Completions — DeepSeek's API answers in that format with two extra fields, which the SDK keeps —
and ``ResponseUsage`` for the Responses API, whose ``input_tokens_details`` carries
``cache_write_tokens`` and the 30-minute / 12-hour split), passed through llm's own ``set_usage``
and ``_set_usage_responses`` and written by llm's ``Response.log_to_db``. Expected figures are hand
counts of the rows written here."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from llm.default_plugins.openai_models import _Shared as OpenAIChatShared
from llm.default_plugins.openai_models import _SharedResponses as OpenAIResponsesShared
from openai.types import CompletionUsage
from openai.types.responses import ResponseUsage

from advisor.measure.aggregate import Aggregator
from advisor.measure.csv_usage import read_csv
from advisor.measure.measured import measure, threshold_lookup
from advisor.measure.records import ReadCounts, Record
from advisor.measure.source import import_usage
from advisor.tools.catalog import default_catalog
from tests.unit.test_import_llm_token_details import make_logs_db, records_by_model


def chat_with_writes(prompt: int, completion: int, cached: int, written: int) -> Callable:
    usage = CompletionUsage(
        prompt_tokens=prompt,
        completion_tokens=completion,
        total_tokens=prompt + completion,
        prompt_tokens_details={"cached_tokens": cached, "cache_write_tokens": written, "audio_tokens": 0},
    ).model_dump()
    return lambda response: OpenAIChatShared.set_usage(None, response, copy.deepcopy(usage))


def responses_with_writes(
    prompt: int, completion: int, cached: int, ttl_30m: int, ttl_12h: int, split: bool = True
) -> Callable:
    details = {"cached_tokens": cached, "cache_write_tokens": ttl_30m + ttl_12h}
    if split:
        details["cache_write_tokens_details"] = {"ttl_30m_tokens": ttl_30m, "ttl_12h_tokens": ttl_12h}
    usage = ResponseUsage(
        input_tokens=prompt,
        output_tokens=completion,
        total_tokens=prompt + completion,
        input_tokens_details=details,
        output_tokens_details={"reasoning_tokens": 0},
    ).model_dump()
    return lambda response: OpenAIResponsesShared._set_usage_responses(None, response, copy.deepcopy(usage))


def deepseek_chat(hit: int, miss: int, completion: int, with_details: bool = True) -> Callable:
    """DeepSeek's usage: prompt = hit + miss; newer answers repeat the hits as cached_tokens."""
    fields = {"prompt_cache_hit_tokens": hit, "prompt_cache_miss_tokens": miss}
    if with_details:
        fields["prompt_tokens_details"] = {"cached_tokens": hit}
    usage = CompletionUsage(
        prompt_tokens=hit + miss, completion_tokens=completion, total_tokens=hit + miss + completion, **fields
    ).model_dump()
    return lambda response: OpenAIChatShared.set_usage(None, response, copy.deepcopy(usage))


TURNS = [
    # Chat Completions: 4,000 prompt tokens, 1,000 read from the cache, 2,500 written to it
    ("gpt-5.6-terra", chat_with_writes(4000, 300, cached=1000, written=2500), "2026-10-01T09:00:00+00:00"),
    # Responses API: 10,000 input, 6,000 read, 3,000 written at 30 minutes and 500 at 12 hours
    ("gpt-5.6-terra", responses_with_writes(10_000, 200, 6000, ttl_30m=3000, ttl_12h=500), "2026-10-01T10:00:00+00:00"),
    # Responses API without the split: every write is a standard (30-minute) one
    (
        "gpt-5.6-terra",
        responses_with_writes(2000, 100, 0, ttl_30m=1200, ttl_12h=0, split=False),
        "2026-10-02T10:00:00+00:00",
    ),
    # DeepSeek: 9,000 hits and 1,000 misses (the prompt is 10,000)
    ("deepseek-v4-pro", deepseek_chat(9000, 1000, 400), "2026-10-01T11:00:00+00:00"),
    # an older DeepSeek answer without prompt_tokens_details
    ("deepseek-v4-pro", deepseek_chat(3000, 500, 100, with_details=False), "2026-10-02T11:00:00+00:00"),
    # a full miss: llm drops the zero hit count, the miss count alone is stored
    ("deepseek-v4-pro", deepseek_chat(0, 2000, 50), "2026-10-02T12:00:00+00:00"),
]


def test_openai_writes_and_deepseek_hits_are_read(tmp_path: Path) -> None:
    by_model = records_by_model(make_logs_db(tmp_path / "logs.db", turns=TURNS, legacy=[]))
    # (all input, output, cache read, standard write, extended write)
    fields = {
        m: sorted(
            (r.input_tokens, r.output_tokens, r.cache_read_tokens, r.cache_write_5m_tokens, r.cache_write_1h_tokens)
            for r in rs
        )
        for m, rs in by_model.items()
    }
    assert fields["gpt-5.6-terra"] == [
        (2000, 100, 0, 1200, 0),
        (4000, 300, 1000, 2500, 0),  # included in the prompt count: nothing added to it
        (10_000, 200, 6000, 3000, 500),
    ]
    assert fields["deepseek-v4-pro"] == [(2000, 50, 0, 0, 0), (3500, 100, 3000, 0, 0), (10_000, 400, 9000, 0, 0)]


def test_openai_writes_are_priced_and_summed(tmp_path: Path) -> None:
    """gpt-5.6-terra at $2 in, $0.20 cache read, $2.50 30-minute write, $12 out; no 12-hour write
    price in the catalog: those 500 tokens at the standard write price, and the import says so."""
    m = import_usage(make_logs_db(tmp_path / "logs.db", turns=TURNS, legacy=[]), default_catalog(), quiet=True)
    terra = next(u for u in m.models if u.model == "gpt-5.6-terra")
    uncached, read, written = 16_000 - 7000 - 7200, 7000, 7200
    assert terra.cache_write_tokens == written
    assert terra.usd == pytest.approx((uncached * 2 + read * 0.2 + written * 2.5 + 600 * 12) / 1e6)
    assert any("12-hour" in n or "extended" in n for n in m.notes), m.notes
    deepseek = next(u for u in m.models if u.model == "deepseek-v4-pro")
    assert deepseek.cached_input_tokens == 12_000 and deepseek.cache_write_tokens == 0
    total_in = 16_000 + 15_500
    assert m.cached_input_share == pytest.approx((7000 + 12_000) / total_in)
    assert m.monthly_cache_write_tokens == pytest.approx(written * 30 / 2)


# ---- CSV exports ----------------------------------------------------------------------------
OPENAI_CSV = """\
timestamp,model,input_tokens,output_tokens,cached_tokens,cache_write_tokens,ttl_12h_tokens
2026-10-01T09:00:00Z,gpt-5.6-terra,10000,200,6000,3500,500
2026-10-01T10:00:00Z,gpt-5.6-terra,4000,300,1000,2500,0
2026-10-01T11:00:00Z,gpt-5.6-terra,1000,10,900,500,0
"""  # the last row reads and writes more than its input: unreadable, skipped

DEEPSEEK_CSV = """\
created,model,prompt_tokens,completion_tokens,prompt_cache_hit_tokens,prompt_cache_miss_tokens
2026-10-01T09:00:00Z,deepseek-v4-pro,10000,400,9000,1000
2026-10-01T10:00:00Z,deepseek-v4-pro,2000,50,0,2000
"""

# a per-request log in the names of Anthropic's usage report, flattened: the input is the uncached
# part, reads and writes apart
ANTHROPIC_REPORT_CSV = """\
timestamp,model,uncached_input_tokens,output_tokens,cache_read_input_tokens,\
cache_creation.ephemeral_5m_input_tokens,cache_creation.ephemeral_1h_input_tokens
2026-10-01T09:00:00Z,claude-sonnet-4-5,100,200,6000,600,400
"""


def _csv(tmp_path: Path, text: str):
    path = tmp_path / "usage.csv"
    path.write_text(text)
    return list(read_csv(path, counts := ReadCounts())), counts


def test_csv_openai_writes_are_part_of_the_input(tmp_path: Path) -> None:
    records, counts = _csv(tmp_path, OPENAI_CSV)
    got = [(r.input_tokens, r.cache_read_tokens, r.cache_write_5m_tokens, r.cache_write_1h_tokens) for r in records]
    assert got == [(10_000, 6000, 3000, 500), (4000, 1000, 2500, 0)]
    assert counts.skipped == 1


def test_csv_deepseek_hits_are_cache_reads(tmp_path: Path) -> None:
    records, _ = _csv(tmp_path, DEEPSEEK_CSV)
    assert [(r.input_tokens, r.cache_read_tokens, r.cache_write_5m_tokens) for r in records] == [
        (10_000, 9000, 0),
        (2000, 0, 0),
    ]


def test_csv_anthropic_report_adds_reads_and_both_writes(tmp_path: Path) -> None:
    (r,), _ = _csv(tmp_path, ANTHROPIC_REPORT_CSV)
    assert (r.input_tokens, r.cache_read_tokens, r.cache_write_5m_tokens, r.cache_write_1h_tokens) == (
        100 + 6000 + 600 + 400,
        6000,
        600,
        400,
    )
    m = import_usage(tmp_path / "usage.csv", default_catalog(), quiet=True)
    assert m.models[0].usd == pytest.approx((100 * 3 + 6000 * 0.3 + 600 * 3.75 + 400 * 6 + 200 * 15) / 1e6)
    fields = m.profile_fields()
    assert fields["cache_write_share"] == round(600 / 7100, 4)
    assert fields["cache_write_1h_share"] == round(400 / 7100, 4)


_CELL = st.one_of(st.integers(-5, 10**7).map(str), st.sampled_from(["", "x", "1e3", "nan", "2,500"]))
_CACHE_COLUMNS = [
    "cached_tokens",
    "cache_read_input_tokens",
    "prompt_cache_hit_tokens",
    "cache_write_tokens",
    "cache_creation_input_tokens",
    "ephemeral_5m_input_tokens",
    "ephemeral_1h_input_tokens",
    "ttl_12h_tokens",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    input_name=st.sampled_from(["input_tokens", "prompt_tokens", "uncached_input_tokens"]),
    extra=st.lists(st.sampled_from(_CACHE_COLUMNS), unique=True, max_size=3),
    rows=st.lists(st.lists(_CELL, min_size=5, max_size=5), min_size=1, max_size=4),
)
def test_csv_cache_counts_are_parts_of_the_input(tmp_path: Path, input_name, extra, rows) -> None:
    """Whatever cache columns a CSV has and whatever their cells hold: no exception, and the reads
    and both writes of every record are parts of its input."""
    header = ["timestamp", "model", input_name, "output_tokens", *extra]
    lines = [",".join(header)] + [
        ",".join(["2026-10-01T00:00:00Z", "m", *(f'"{c}"' for c in row[: 2 + len(extra)])]) for row in rows
    ]
    records, counts = _csv(tmp_path, "\n".join(lines) + "\n")
    assert len(records) + counts.skipped == len(rows)
    for r in records:
        assert min(r[2:7]) >= 0  # the token counts
        assert r.cache_read_tokens + r.cache_write_5m_tokens + r.cache_write_1h_tokens <= r.input_tokens


_PREMIUM = sorted(
    m.id
    for m in default_catalog().cloud.values()
    if m.price.cache_write_5m is not None and m.price.cache_write_5m > m.price.input
)


def _priced(model: str, uncached: int, read: int, w5: int, w1: int) -> float:
    at = datetime(2026, 10, 1, 12, tzinfo=UTC)
    catalog = default_catalog()
    aggregator = Aggregator(threshold_for=threshold_lookup(catalog))
    tally = aggregator.add_all([Record(at, model, uncached + read + w5 + w1, 100, read, w5, w1)])
    return measure(tally, ReadCounts(), catalog, source="csv", path="-").usd


@settings(max_examples=100, deadline=None)
@given(
    model=st.sampled_from(_PREMIUM),
    uncached=st.integers(0, 500_000),
    read=st.integers(0, 500_000),
    w5=st.integers(0, 100_000),
    w1=st.integers(0, 100_000),
    moved=st.integers(0, 500_000),
    extended=st.booleans(),
)
def test_imported_writes_never_cost_less_where_writes_cost_a_premium(
    model, uncached, read, w5, w1, moved, extended
) -> None:
    """The same input with more of it written to the cache (instead of sent uncached) is never
    priced lower by a provider whose write price is above its input price."""
    moved = min(moved, uncached)
    more = (w5, w1 + moved) if extended else (w5 + moved, w1)
    assert _priced(model, uncached - moved, read, *more) >= _priced(model, uncached, read, w5, w1) - 1e-12
