"""The cache counts in an llm ``token_details`` value: the JSON each plugin passes to
``Response.set_usage(details=…)`` and llm stores as it is (``llm/logs.py``; the column comes from
llm's migration ``m013_usage``). Its shape is the plugin's, so it is read by its keys:

- **Anthropic** (simonw/llm-anthropic ``llm_anthropic.py``, ``_Shared.set_usage``): the API's
  ``usage`` without input_tokens and output_tokens — ``cache_read_input_tokens``,
  ``cache_creation_input_tokens`` and ``cache_creation`` {``ephemeral_5m_input_tokens``,
  ``ephemeral_1h_input_tokens``}. Logged only with ``-o cache 1`` or server tool use (since
  llm-anthropic 2fa6f9e, April 2025; always before). Anthropic's input_tokens EXCLUDE cache reads
  and writes, so both are added to the input.
- **OpenAI** (llm's own ``llm/default_plugins/openai_models.py``): Chat Completions
  ``_Shared.set_usage`` stores ``simplify_usage_dict`` of the usage (``llm/utils.py``: zero values
  dropped) — ``prompt_tokens_details.cached_tokens`` and ``.cache_write_tokens``; the Responses API
  ``_set_usage_responses`` stores ``input_tokens_details`` as it is — ``cached_tokens``,
  ``cache_write_tokens`` and ``cache_write_tokens_details`` {``ttl_30m_tokens``,
  ``ttl_12h_tokens``} (the `openai` SDK's ``ResponseUsage``). Cached and written tokens are part of
  the prompt tokens: counted as cache reads and writes, not added again. A 30-minute write is the
  catalog's standard write (``cache_write_5m``: for OpenAI that slot holds the 30-minute rate,
  1.25× input), a 12-hour one its extended write (``cache_write_1h``); writes without the split are
  standard ones. These keys win over Anthropic-style ones in the same details (an OpenAI-format
  gateway in front of Claude): llm's OpenAI plugin logs the ``prompt_tokens`` as the input, so
  nothing is added to it. (Anthropic's own usage has no such key; its ``output_tokens_details`` is
  not taken as a sign of either.)
- **DeepSeek** (an OpenAI-compatible API, logged by llm's OpenAI chat ``set_usage`` as above):
  ``prompt_cache_hit_tokens`` and ``prompt_cache_miss_tokens`` split the prompt tokens
  (api-docs.deepseek.com, "Context Caching"): the hits are cache reads, part of the input; DeepSeek
  bills no cache writes. llm drops a zero, so a full miss stores the miss count alone.
- **Gemini** (simonw/llm-gemini ``llm_gemini.py``, ``_SharedGemini.set_usage``): ``usageMetadata``
  without promptTokenCount and totalTokenCount. ``cachedContentTokenCount`` is part of the prompt
  count ("still the total effective prompt size", ai.google.dev/api/generate-content#UsageMetadata).
  Output is candidates + thoughts since llm-gemini 9a1ccac (May 2025); before it the output was
  candidatesTokenCount alone, popped from the details, with thoughtsTokenCount left there — so
  thoughts without candidatesTokenCount are added to the output, unless they are the output already
  (today's plugin, for a response that was all thinking).

Not read, for want of a confirmed meaning: Gemini's ``toolUsePromptTokenCount`` (added to the input by
llm-gemini since August 2025, not before; the two cannot be told apart). Only numbers are taken from
the JSON; a NULL, malformed or unexpected value is no details."""

from __future__ import annotations

import json
import math
from typing import NamedTuple


class Counts(NamedTuple):
    input_tokens: int  # all input: uncached + cache writes + cache reads
    output_tokens: int
    cache_read_tokens: int = 0
    cache_write_5m_tokens: int = 0
    cache_write_1h_tokens: int = 0


_ANTHROPIC_KEYS = ("cache_read_input_tokens", "cache_creation_input_tokens", "cache_creation")
_OPENAI_KEYS = (
    "prompt_tokens_details",
    "completion_tokens_details",
    "input_tokens_details",
    "prompt_cache_hit_tokens",
    "prompt_cache_miss_tokens",
)
_PROMPT_DETAILS = ("prompt_tokens_details", "input_tokens_details")


def parse_details(text: object) -> dict | None:
    """The stored JSON as a dict; None for NULL, malformed JSON or anything but an object."""
    if not isinstance(text, str | bytes) or not text:
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def with_details(input_tokens: int, output_tokens: int, details: dict | None) -> Counts:
    """The row's counts completed from its token details (see the module docstring)."""
    if not details:
        return Counts(input_tokens, output_tokens)
    if any(key in details for key in _OPENAI_KEYS):  # first: whatever else it holds, the prompt count is all input
        return _openai_format(input_tokens, output_tokens, details)
    if any(key in details for key in _ANTHROPIC_KEYS):
        read = _count(details, "cache_read_input_tokens")
        creation = details.get("cache_creation")
        write_5m = _count(creation, "ephemeral_5m_input_tokens")
        write_1h = _count(creation, "ephemeral_1h_input_tokens")
        written = max(_count(details, "cache_creation_input_tokens"), write_5m + write_1h)
        return Counts(input_tokens + read + written, output_tokens, read, written - write_1h, write_1h)
    if "cachedContentTokenCount" in details or "thoughtsTokenCount" in details:
        thoughts = _count(details, "thoughtsTokenCount")
        if "candidatesTokenCount" not in details and output_tokens != thoughts:
            output_tokens += thoughts
        return Counts(input_tokens, output_tokens, min(_count(details, "cachedContentTokenCount"), input_tokens))
    return Counts(input_tokens, output_tokens)


def _openai_format(input_tokens: int, output_tokens: int, details: dict) -> Counts:
    """OpenAI's and DeepSeek's counts: reads and writes are parts of the prompt count."""
    read = _count(details, "prompt_cache_hit_tokens")
    if read or "prompt_cache_miss_tokens" in details:
        input_tokens = max(input_tokens, read + _count(details, "prompt_cache_miss_tokens"))
    written = extended = 0
    for key in _PROMPT_DETAILS:
        holder = details.get(key)
        if not isinstance(holder, dict):
            continue
        read = max(read, _count(holder, "cached_tokens"))
        if "cache_write_tokens" not in holder and "cache_write_tokens_details" not in holder:
            continue
        split = holder.get("cache_write_tokens_details")
        ttl_30m, ttl_12h = _count(split, "ttl_30m_tokens"), _count(split, "ttl_12h_tokens")
        written = max(written, _count(holder, "cache_write_tokens"), ttl_30m + ttl_12h)
        extended = max(extended, ttl_12h)
    read = min(read, input_tokens)
    written = min(written, input_tokens - read)  # a part of the input, as reads are
    extended = min(extended, written)
    return Counts(input_tokens, output_tokens, read, written - extended, extended)


def _count(holder: object, key: str) -> int:
    """A token count, or 0 when it is missing or not a finite non-negative number."""
    value = holder.get(key) if isinstance(holder, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        return 0
    return int(value)
