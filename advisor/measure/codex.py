"""OpenAI Codex CLI's session logs: ``~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl`` (and
``archived_sessions/``), one ``RolloutLine`` a line as codex-rs writes it
(``codex-rs/protocol/src/protocol.rs``): ``{"timestamp": …, "type": …, "payload": …}``.

- ``session_meta``: the session's ``id`` and ``cwd`` (its project);
- ``turn_context``: the ``model`` (and ``cwd``) of the turn that follows;
- ``event_msg`` whose payload is ``{"type": "token_count", "info": …}``: after each model response,
  ``info.last_token_usage`` is that request's ``TokenUsage`` and ``info.total_token_usage`` the
  session's running total (``input_tokens`` including ``cached_input_tokens`` and, in newer
  versions, ``cache_write_input_tokens``; ``output_tokens`` including ``reasoning_output_tokens`` —
  codex's own ``non_cached_input`` and ``blended_total`` count them so).

A request is a token count whose running total moved: codex repeats the last count when only the
rate limits change (``info`` the same), and a log without ``last_token_usage`` gives the request as
the difference of the totals. A resumed or forked session copies earlier events into its file with
their times: an event met again (same time, same running total) is a copy. Only lines naming one of
those three types are decoded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from advisor.measure.jsonl import LINE_ERRORS, decode, log_lines, skipped
from advisor.measure.records import ReadCounts, Record, model_name, parse_utc, token_count

_NEEDLES = (b'"token_count"', b'"turn_context"', b'"session_meta"')
_FIELDS = ("input_tokens", "cached_input_tokens", "cache_write_input_tokens", "output_tokens")


def is_codex_file(path: Path) -> bool:
    return path.name.startswith("rollout-") and path.suffix == ".jsonl"


def session_files(root: Path) -> list[Path]:
    """Every rollout file below ``root`` (``~/.codex`` itself reads ``sessions`` and
    ``archived_sessions``), oldest session first (the name holds its start): a fork's copies of its
    parent's events are met after the parent's own, and stay the parent's. ``root`` itself when it is one."""
    if root.is_file():
        return [root]
    return sorted((p for p in root.rglob("rollout-*.jsonl") if p.is_file()), key=lambda p: (p.name, str(p)))


def read_codex(
    files: list[Path], counts: ReadCounts, on_bytes: Callable[[int], None] = lambda _n: None
) -> Iterator[Record]:
    seen: set[int] = set()
    for path in files:
        session, project, model = path.stem, "", "unknown"
        previous: tuple[int, ...] | None = None  # the running total at the last token count
        for number, line in log_lines(path, counts, on_bytes, _NEEDLES):
            try:
                entry = decode(line.decode("utf-8"))
                kind, payload = entry.get("type"), entry.get("payload")
                if not isinstance(payload, dict):
                    continue
                if kind == "session_meta":
                    session = str(payload.get("id") or session)
                    project = str(payload.get("cwd") or project)
                    model = model_name(payload.get("model") or model)
                    continue
                if kind == "turn_context":
                    model = model_name(payload.get("model") or model)
                    project = str(payload.get("cwd") or project)
                    continue
                if kind != "event_msg" or payload.get("type") != "token_count":
                    continue
                info = payload.get("info")
                if not isinstance(info, dict):
                    counts.not_requests += 1  # a rate-limit update before any usage
                    continue
                total = _usage(info.get("total_token_usage"), "total_token_usage")
                if total == previous:
                    counts.duplicates += 1  # the same count again (rate limits changed)
                    continue
                key = hash((entry.get("timestamp"), total))
                if key in seen:
                    counts.duplicates += 1  # a resumed or forked session's copy
                    previous = total
                    continue
                last = info.get("last_token_usage")
                if isinstance(last, dict):
                    usage = _usage(last, "last_token_usage")
                elif previous is not None:
                    usage = tuple(max(t - p, 0) for t, p in zip(total, previous, strict=True))
                else:
                    usage = total
                record = _record(parse_utc(entry["timestamp"]), model, usage, session, project)
            except LINE_ERRORS as exc:
                skipped(counts, path, number, exc)
                continue
            seen.add(key)
            previous = total
            yield record


def _usage(value: object, where: str) -> tuple[int, ...]:
    if not isinstance(value, dict):
        raise ValueError(f"{where} is not an object")
    return tuple(token_count(value.get(name), f"payload.info.{where}.{name}") for name in _FIELDS)


def _record(at, model: str, usage: tuple[int, ...], session: str, project: str) -> Record:
    prompt, cached, written, output = usage
    cached = min(cached, prompt)
    written = min(written, prompt - cached)  # a part of the prompt, as the cached tokens are
    return Record(at, model, prompt, output, cached, written, 0, session, project)
