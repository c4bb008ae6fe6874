"""The providers' own usage and cost reports as their Admin APIs return them (saved as JSON: one
page, a list of pages, or one page a line), read by their documented fields:

- **Anthropic usage report** (``GET /v1/organizations/usage_report/messages``): ``data`` is a list
  of time buckets ``{starting_at, ending_at, results}``; a result counts ``uncached_input_tokens``,
  ``cache_read_input_tokens``, ``cache_creation`` {``ephemeral_5m_input_tokens``,
  ``ephemeral_1h_input_tokens``} and ``output_tokens`` for its ``model``, ``workspace_id``,
  ``api_key_id``, ``service_tier`` and ``context_window`` (``"200k-1M"``: billed at the long-context
  rate) where the report was grouped by them. It counts tokens, not requests.
- **OpenAI usage report** (``GET /v1/organization/usage/completions``): ``data`` is a list of
  buckets ``{object: "bucket", start_time, end_time, results}`` (Unix seconds); a result
  (``organization.usage.completions.result``) counts ``input_tokens`` (cached included),
  ``input_cached_tokens``, ``output_tokens`` and ``num_model_requests`` for its ``model``,
  ``project_id``, ``api_key_id`` and ``batch``.
- **Cost reports** (Anthropic ``GET /v1/organizations/cost_report``: ``amount`` a decimal string
  in cents; OpenAI ``GET /v1/organization/costs``: ``amount.value`` in dollars): what was billed,
  a dollar figure beside the catalog's — they hold no tokens, so they measure no workload.

A bucket's tokens are counted at its start; a report has no single request's time or size, so the
traffic window and the sizes' spread are not measured from it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from advisor.measure.jsonl import LINE_ERRORS, decode
from advisor.measure.records import ReadCounts, Record, RecordError, model_name, parse_utc, shown, token_count
from advisor.tools.userfile import MIB, read_bytes

MAX_REPORT_BYTES = 256 * MIB
KINDS = ("anthropic-usage", "anthropic-cost", "openai-usage", "openai-cost")


class NotAReport(ValueError):
    pass


@dataclass
class Billed:
    """A cost report's dollars: in all, and by the day each bucket starts (UTC)."""

    usd: float = 0.0
    by_day: dict[str, float] = field(default_factory=dict)
    currencies: set[str] = field(default_factory=set)


def report_kind(head: bytes) -> str | None:
    """Which report the file's first bytes look like (None: not one of them)."""
    text = head.decode("utf-8", "replace")
    if '"data"' not in text and not text.lstrip().startswith("["):
        return None
    if '"starting_at"' in text:
        return "anthropic-cost" if '"amount"' in text and '"output_tokens"' not in text else "anthropic-usage"
    if "organization.usage.completions" in text or '"num_model_requests"' in text:
        return "openai-usage"
    if "organization.costs.result" in text:
        return "openai-cost"
    return None


def pages(path: Path) -> list[dict]:
    """The report's pages: a page object, a list of them, or one a line."""
    raw = read_bytes(path, MAX_REPORT_BYTES, "usage report").decode("utf-8")
    try:
        document = decode(raw)
    except ValueError:
        document = [decode(line) for line in raw.splitlines() if line.strip()]
    found = document if isinstance(document, list) else [document]
    return [page for page in found if isinstance(page, dict)]


def read_report(
    path: Path, kind: str, counts: ReadCounts, billed: Billed, on_bytes: Callable[[int], None] = lambda _n: None
) -> Iterator[Record]:
    counts.files += 1
    size = path.stat().st_size
    counts.bytes += size
    on_bytes(size)
    read = _RESULT_READERS[kind]
    for page in pages(path):
        buckets = page.get("data")
        if not isinstance(buckets, list):
            raise NotAReport(f"path: {str(path)!r}: a page without a `data` list is not a usage or cost report")
        for number, bucket in enumerate(buckets, start=1):
            results = bucket.get("results") if isinstance(bucket, dict) else None
            if not isinstance(results, list):
                counts.skipped += 1
                continue
            for result in results:
                counts.lines += 1
                try:
                    record = read(bucket, result, billed)
                except LINE_ERRORS as exc:
                    counts.skipped += 1
                    if isinstance(exc, RecordError):
                        counts.problem(f"{path}: bucket {number}: {exc}")
                    continue
                if record is not None:
                    yield record


def _anthropic_usage(bucket: dict, r: dict, _billed: Billed) -> Record:
    at = parse_utc(bucket["starting_at"])
    creation = r.get("cache_creation") if isinstance(r.get("cache_creation"), dict) else {}
    w5 = token_count(
        creation.get("ephemeral_5m_input_tokens", r.get("cache_creation_5m_input_tokens")),
        "cache_creation.ephemeral_5m_input_tokens",
    )
    w1 = token_count(
        creation.get("ephemeral_1h_input_tokens", r.get("cache_creation_1h_input_tokens")),
        "cache_creation.ephemeral_1h_input_tokens",
    )
    uncached = token_count(r.get("uncached_input_tokens"), "uncached_input_tokens")
    read = token_count(r.get("cache_read_input_tokens"), "cache_read_input_tokens")
    output = token_count(r.get("output_tokens"), "output_tokens")
    project = r.get("workspace_id") or r.get("api_key_id") or ""
    return Record(
        at,
        model_name(r.get("model")),
        uncached + read + w5 + w1,
        output,
        read,
        w5,
        w1,
        "",
        str(project),
        0,
        r.get("context_window") == "200k-1M",
    )


def _openai_usage(bucket: dict, r: dict, _billed: Billed) -> Record:
    at = parse_utc(bucket["start_time"])
    prompt = token_count(r.get("input_tokens"), "input_tokens")
    cached = min(token_count(r.get("input_cached_tokens"), "input_cached_tokens"), prompt)
    output = token_count(r.get("output_tokens"), "output_tokens")
    requests = token_count(r.get("num_model_requests"), "num_model_requests")
    project = r.get("project_id") or r.get("api_key_id") or ""
    return Record(at, model_name(r.get("model")), prompt, output, cached, 0, 0, "", str(project), requests)


def _anthropic_cost(bucket: dict, r: dict, billed: Billed) -> None:
    _bill(billed, bucket["starting_at"], _amount(r.get("amount")) / 100, r.get("currency"))  # cents


def _openai_cost(bucket: dict, r: dict, billed: Billed) -> None:
    amount = r.get("amount") if isinstance(r.get("amount"), dict) else {}
    _bill(billed, bucket["start_time"], _amount(amount.get("value")), amount.get("currency"))


def _amount(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise RecordError(f"amount: {shown(value)} is not a number") from None
    if not 0 <= number < 1e12:
        raise RecordError(f"amount: {shown(value)} is out of range")
    return number


def _bill(billed: Billed, start: object, usd: float, currency: object) -> None:
    day = f"{parse_utc(start):%Y-%m-%d}"  # type: ignore[arg-type]
    billed.usd += usd
    billed.by_day[day] = billed.by_day.get(day, 0.0) + usd
    billed.currencies.add(str(currency or "usd").upper())


_RESULT_READERS = {
    "anthropic-usage": _anthropic_usage,
    "openai-usage": _openai_usage,
    "anthropic-cost": _anthropic_cost,
    "openai-cost": _openai_cost,
}
