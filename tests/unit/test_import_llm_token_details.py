"""`advisor import` of an llm logs.db: the `turns` table llm 0.32+ logs to, the legacy `responses`
table older versions logged to, and the ``token_details`` JSON each plugin writes.

The database is made by the real `llm` package: its migrations, and (for `turns`) its own
``Response.log_to_db`` on a response whose usage was set the way each plugin sets it —
- llm's OpenAI models: the real ``set_usage`` / ``_set_usage_responses`` of
  ``llm/default_plugins/openai_models.py`` on the real `openai` SDK's usage objects (llm drops
  zero values: ``llm/utils.py`` ``simplify_usage_dict``);
- llm-anthropic (simonw/llm-anthropic ``llm_anthropic.py`` ``_Shared.set_usage``): the real
  `anthropic` SDK's ``Usage.model_dump()`` without input_tokens and output_tokens, logged only with
  ``-o cache 1`` (or server tool use); Anthropic's input_tokens exclude cache reads and writes;
- llm-gemini (simonw/llm-gemini ``llm_gemini.py`` ``_SharedGemini.set_usage``): ``usageMetadata``
  without promptTokenCount and totalTokenCount; output = candidates + thoughts (before
  llm-gemini commit 9a1ccac, May 2025: candidatesTokenCount popped, thoughts not in output).
Expected figures are hand counts of the rows written here."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import llm
import pytest
import sqlite_utils
from anthropic.types import CacheCreation
from anthropic.types import Usage as AnthropicUsage
from hypothesis import given
from hypothesis import strategies as st
from llm.default_plugins.openai_models import _Shared as OpenAIChatShared
from llm.default_plugins.openai_models import _SharedResponses as OpenAIResponsesShared
from llm.migrations import migrate
from openai.types import CompletionUsage
from openai.types.responses import ResponseUsage

from advisor.cli import main
from advisor.measure.llm_logs import read_llm_logs
from advisor.measure.llm_token_details import parse_details, with_details
from advisor.measure.records import ReadCounts
from advisor.measure.source import import_usage
from advisor.tools.catalog import default_catalog


class PluginShaped(llm.Model):
    """A model whose execute sets usage as the named plugin does; nothing leaves the process."""

    can_stream = False

    def __init__(self, model_id: str, set_usage: Callable[[llm.Response], None]):
        self.model_id = model_id
        self._set_usage = set_usage

    def execute(self, prompt, stream, response, conversation):
        self._set_usage(response)
        yield "secret response text"


def openai_chat(prompt: int, completion: int, cached: int, reasoning: int = 0) -> Callable:
    usage = CompletionUsage(
        prompt_tokens=prompt,
        completion_tokens=completion,
        total_tokens=prompt + completion,
        prompt_tokens_details={"cached_tokens": cached, "audio_tokens": 0},
        completion_tokens_details={
            "reasoning_tokens": reasoning,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    ).model_dump()
    return lambda response: OpenAIChatShared.set_usage(None, response, copy.deepcopy(usage))


def openai_responses(prompt: int, completion: int, cached: int, reasoning: int = 0) -> Callable:
    usage = ResponseUsage(
        input_tokens=prompt,
        output_tokens=completion,
        total_tokens=prompt + completion,
        input_tokens_details={"cached_tokens": cached, "cache_write_tokens": 0},
        output_tokens_details={"reasoning_tokens": reasoning},
    ).model_dump()
    return lambda response: OpenAIResponsesShared._set_usage_responses(None, response, copy.deepcopy(usage))


def anthropic_usage(uncached: int, out: int, read: int = 0, write_5m: int = 0, write_1h: int = 0) -> dict:
    return AnthropicUsage(
        input_tokens=uncached,
        output_tokens=out,
        cache_read_input_tokens=read,
        cache_creation_input_tokens=write_5m + write_1h,
        cache_creation=CacheCreation(ephemeral_5m_input_tokens=write_5m, ephemeral_1h_input_tokens=write_1h),
        service_tier="standard",
    ).model_dump()


def llm_anthropic(usage: dict, cache_option: bool = True) -> Callable:
    def set_usage(response: llm.Response) -> None:
        details = copy.deepcopy(usage)
        tin, tout = details.pop("input_tokens"), details.pop("output_tokens")
        response.set_usage(input=tin, output=tout, details=details if cache_option else None)

    return set_usage


def llm_gemini(usage_metadata: dict) -> Callable:
    def set_usage(response: llm.Response) -> None:
        details = copy.deepcopy(usage_metadata)
        tin = details.pop("promptTokenCount")
        details.pop("totalTokenCount", None)
        tout = (details.get("candidatesTokenCount") or 0) + (details.get("thoughtsTokenCount") or 0)
        response.set_usage(input=tin, output=tout, details=details or None)

    return set_usage


def log_turn(db: sqlite_utils.Database, model: PluginShaped, at: str) -> None:
    response = model.prompt("secret prompt text")
    response.text()
    response.log_to_db(db)
    db.execute("UPDATE turns SET datetime_utc = ? WHERE id = ?", [at, response.id])
    db.conn.commit()


TURNS = [  # (model, how its plugin set usage, datetime_utc as llm 0.36 writes it)
    # llm's OpenAI chat: prompt 1,000 of which 600 cached (included in the prompt count)
    ("gpt-5-mini", openai_chat(1000, 200, cached=600, reasoning=64), "2026-09-01T08:00:00.000001+00:00"),
    # no cache hit: llm drops the zero, so token_details holds no cached_tokens at all
    ("gpt-5-mini", openai_chat(3000, 300, cached=0), "2026-09-01T09:00:00+00:00"),
    # llm's OpenAI Responses API: 2,000 input of which 1,500 cached
    ("gpt-5", openai_responses(2000, 100, cached=1500, reasoning=40), "2026-09-01T10:00:00+00:00"),
    # llm-anthropic with -o cache 1: 10 uncached + 6,000 read + 600 written (5m) + 400 written (1h)
    (
        "claude-sonnet-4-5",
        llm_anthropic(anthropic_usage(10, 200, read=6000, write_5m=600, write_1h=400)),
        "2026-09-02T08:30:00+00:00",
    ),
    # llm-anthropic without -o cache: no token_details
    ("claude-sonnet-4-5", llm_anthropic(anthropic_usage(20, 100), cache_option=False), "2026-09-02T11:00:00+00:00"),
    # llm-gemini: prompt 5,000 of which 4,000 from the cache; 100 candidates + 300 thoughts
    (
        "gemini-2.5-flash",
        llm_gemini(
            {
                "promptTokenCount": 5000,
                "candidatesTokenCount": 100,
                "thoughtsTokenCount": 300,
                "totalTokenCount": 5400,
                "cachedContentTokenCount": 4000,
                "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 5000}],
                "cacheTokensDetails": [{"modality": "TEXT", "tokenCount": 4000}],
            }
        ),
        "2026-09-02T12:00:00+00:00",
    ),
]

LEGACY = [  # rows older llm versions wrote to `responses`: (id, model, at, input, output, token_details)
    # llm-anthropic before 0.16 logged its usage details always (`details=usage or None`)
    (
        "01legacy0000000000000000a",
        "claude-haiku-4-5",
        "2025-04-01T10:00:00.123456",
        50,
        10,
        json.dumps({"cache_creation_input_tokens": 0, "cache_read_input_tokens": 2000}),
    ),
    # llm-gemini before 9a1ccac: output is candidatesTokenCount alone, thoughts left in the details
    (
        "01legacy0000000000000000b",
        "gemini-2.5-flash",
        "2025-04-01T11:00:00",
        700,
        50,
        json.dumps({"thoughtsTokenCount": 150, "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 700}]}),
    ),
    ("01legacy0000000000000000c", "gpt-5-mini", "2025-04-02T10:00:00", 300, 30, "{not json"),  # malformed
    ("01legacy0000000000000000d", "gpt-5-mini", "2025-04-02T10:30:00", 400, 40, "[1, 2]"),  # not an object
    ("01legacy0000000000000000e", "gpt-5-mini", "2025-04-02T11:00:00", 500, 50, None),
    (
        "01legacy0000000000000000f",
        "gpt-5-mini",
        "2025-04-02T11:30:00",
        600,
        60,  # a count that is not one
        json.dumps({"prompt_tokens_details": {"cached_tokens": "lots"}}),
    ),
    # OpenAI-format details (prompt count already all input) that also carry Anthropic-style keys:
    # nothing is added to the input
    (
        "01legacy0000000000000000g",
        "claude-sonnet-4-5",
        "2025-04-02T12:00:00",
        8000,
        80,
        json.dumps({"prompt_tokens_details": {"cached_tokens": 6000}, "cache_read_input_tokens": 6000}),
    ),
]


def make_logs_db(path: Path, turns=TURNS, legacy=LEGACY) -> Path:
    db = sqlite_utils.Database(path)
    migrate(db)
    for model_id, set_usage, at in turns:
        log_turn(db, PluginShaped(model_id, set_usage), at)
    for rid, model, at, tin, tout, details in legacy:
        db["responses"].insert(
            {
                "id": rid,
                "model": model,
                "prompt": "secret prompt text",
                "response": "secret response text",
                "datetime_utc": at,
                "input_tokens": tin,
                "output_tokens": tout,
                "token_details": details,
            }
        )
    db.close()
    return path


def records_by_model(path: Path) -> dict[str, list]:
    found: dict[str, list] = {}
    for r in read_llm_logs(path, ReadCounts()):
        found.setdefault(r.model, []).append(r)
    return {k: sorted(v) for k, v in found.items()}


def test_llm_writes_token_details_as_the_fixtures_say(tmp_path: Path) -> None:
    """The shapes the reader relies on, as the real llm stored them (not as this test assumes)."""
    path = make_logs_db(tmp_path / "logs.db", legacy=[])
    db = sqlite_utils.Database(path)
    stored = db.execute("SELECT token_details FROM turns ORDER BY datetime_utc").fetchall()
    details = [json.loads(d) if d else None for (d,) in stored]
    assert db["responses"].count == 0  # llm 0.32+ no longer writes the legacy table
    assert details[0] == {
        "completion_tokens_details": {"reasoning_tokens": 64},
        "prompt_tokens_details": {"cached_tokens": 600},
    }
    assert details[1] is None  # zeros simplified away, an empty dict stored as NULL
    assert details[2]["input_tokens_details"]["cached_tokens"] == 1500  # kept whole: zeros and nulls too
    assert details[2]["output_tokens_details"] == {"reasoning_tokens": 40}
    assert details[3]["cache_read_input_tokens"] == 6000 and details[3]["cache_creation_input_tokens"] == 1000
    assert details[3]["cache_creation"] == {"ephemeral_5m_input_tokens": 600, "ephemeral_1h_input_tokens": 400}
    assert details[4] is None
    assert details[5]["cachedContentTokenCount"] == 4000


def test_turns_are_read_with_each_plugins_cache_counts(tmp_path: Path) -> None:
    by_model = records_by_model(make_logs_db(tmp_path / "logs.db", legacy=[]))
    # (input: all input, output, cache read, cache write 5m, cache write 1h)
    fields = {
        m: [
            (r.input_tokens, r.output_tokens, r.cache_read_tokens, r.cache_write_5m_tokens, r.cache_write_1h_tokens)
            for r in rs
        ]
        for m, rs in by_model.items()
    }
    assert fields["gpt-5-mini"] == [(1000, 200, 600, 0, 0), (3000, 300, 0, 0, 0)]
    assert fields["gpt-5"] == [(2000, 100, 1500, 0, 0)]
    assert fields["claude-sonnet-4-5"] == [(10 + 6000 + 600 + 400, 200, 6000, 600, 400), (20, 100, 0, 0, 0)]
    assert fields["gemini-2.5-flash"] == [(5000, 400, 4000, 0, 0)]


def test_legacy_responses_details_and_bad_values(tmp_path: Path) -> None:
    counts = ReadCounts()
    records = list(read_llm_logs(make_logs_db(tmp_path / "logs.db", turns=[]), counts))
    assert counts.skipped == 0  # a bad token_details is no details, never a lost row
    got = sorted((r.model, r.input_tokens, r.output_tokens, r.cache_read_tokens) for r in records)
    assert got == [
        ("claude-haiku-4-5", 50 + 2000, 10, 2000),
        ("claude-sonnet-4-5", 8000, 80, 6000),
        ("gemini-2.5-flash", 700, 50 + 150, 0),
        ("gpt-5-mini", 300, 30, 0),
        ("gpt-5-mini", 400, 40, 0),
        ("gpt-5-mini", 500, 50, 0),
        ("gpt-5-mini", 600, 60, 0),
    ]


def test_gemini_thoughts_only_response_is_not_counted_twice(tmp_path: Path) -> None:
    """Today's llm-gemini with no candidatesTokenCount (all thinking, no answer): output is the
    thoughts already."""
    turns = [
        (
            "gemini-2.5-flash",
            llm_gemini({"promptTokenCount": 900, "thoughtsTokenCount": 250, "totalTokenCount": 1150}),
            "2026-09-01T00:00:00+00:00",
        )
    ]
    (record,) = read_llm_logs(make_logs_db(tmp_path / "logs.db", turns=turns, legacy=[]), ReadCounts())
    assert (record.input_tokens, record.output_tokens) == (900, 250)


def test_a_response_in_both_tables_is_counted_once(tmp_path: Path) -> None:
    """llm's own `llm logs` reads legacy rows `where responses.id not in (select id from turns)`."""
    path = make_logs_db(tmp_path / "logs.db", legacy=[])
    db = sqlite_utils.Database(path)
    turn = next(db.query("SELECT id, model, datetime_utc, input_tokens, output_tokens FROM turns LIMIT 1"))
    db["responses"].insert({**turn, "prompt": "secret"})
    db.close()
    assert len(list(read_llm_logs(path, ReadCounts()))) == len(TURNS)


def test_logs_db_without_token_details_column(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    db["responses"].insert_all(
        [
            {
                "id": i,
                "model": "gpt-5-mini",
                "datetime_utc": f"2024-06-01T1{i}:00:00",
                "input_tokens": tin,
                "output_tokens": 5,
            }
            for i, tin in ((0, 100), (1, 300))
        ]
    )
    db.close()
    records = list(read_llm_logs(path, ReadCounts()))
    assert [(r.input_tokens, r.cache_read_tokens) for r in records] == [(100, 0), (300, 0)]


def test_measured_share_and_monthly_tokens(tmp_path: Path, capsys) -> None:
    """The figures a user sees: on today's code the cached share was 0 and the cached Anthropic
    and legacy input missing (and every turn llm 0.32+ logged unread)."""
    path = make_logs_db(tmp_path / "logs.db", legacy=[])
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    m = import_usage(path, default_catalog(), quiet=True)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # opened read-only
    total_in = 1000 + 3000 + 2000 + 7010 + 20 + 5000
    read = 600 + 1500 + 6000 + 4000
    assert m.records == 6 and m.window.days == 2
    assert "read 6 rows from `turns` (llm 0.32 and later) and 0 from the legacy `responses` table" in m.notes
    assert m.monthly_input_tokens == pytest.approx(total_in * 30 / 2)
    assert m.monthly_output_tokens == pytest.approx((200 + 300 + 100 + 200 + 100 + 400) * 30 / 2)
    assert m.cached_input_share == pytest.approx(read / total_in)
    assert m.monthly_cache_write_tokens == pytest.approx(1000 * 30 / 2)
    sonnet = next(u for u in m.models if u.model == "claude-sonnet-4-5")
    # $3 in, $0.30 cache read, $3.75 5-minute write, $6 1-hour write, $15 out (per million)
    assert sonnet.usd == pytest.approx((30 * 3 + 6000 * 0.30 + 600 * 3.75 + 400 * 6 + 300 * 15) / 1e6)

    assert main(["import", str(path), "--json", "--quiet"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["profile"]["monthly_input_tokens"] == round(total_in * 15)
    assert doc["profile"]["cached_input_share"] == round(read / total_in, 4)
    assert doc["measured"]["monthly_cache_write_tokens"] == 1000 * 15
    assert "secret" not in json.dumps(doc)

    assert main(["import", str(path), "--quiet"]) == 0
    shown = capsys.readouterr().out
    assert f"270K input, 19.5K output, {read / total_in:.0%} of input read from cache, 15K cache writes" in shown


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**9) | st.floats(allow_nan=True) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "cache_read_input_tokens",
                    "cache_creation_input_tokens",
                    "cache_creation",
                    "ephemeral_5m_input_tokens",
                    "ephemeral_1h_input_tokens",
                    "prompt_tokens_details",
                    "input_tokens_details",
                    "cached_tokens",
                    "cachedContentTokenCount",
                    "cache_write_tokens",
                    "cache_write_tokens_details",
                    "ttl_30m_tokens",
                    "ttl_12h_tokens",
                    "prompt_cache_hit_tokens",
                    "prompt_cache_miss_tokens",
                    "thoughtsTokenCount",
                    "candidatesTokenCount",
                    "other",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@given(details=_JSON, tin=st.integers(0, 10**7), tout=st.integers(0, 10**6))
def test_any_details_give_consistent_counts(details, tin, tout) -> None:
    """Whatever a plugin stored (or garbage): no exception, input and output never shrink, and the
    cache reads and writes are a part of the input."""
    counted = with_details(tin, tout, parse_details(json.dumps(details)))
    assert counted.input_tokens >= tin and counted.output_tokens >= tout
    assert min(counted) >= 0
    cached = counted.cache_read_tokens + counted.cache_write_5m_tokens + counted.cache_write_1h_tokens
    assert cached <= counted.input_tokens
