"""How long one typical request takes on a local option at its load (cost-model.md, "Time per
request and fleets"): the wait for a free stream, the prompt's prefill, the answer's decode.

At the busy hour each unit is ``busy`` (0..1) of its time; its streams are slots pooled behind a
load balancer (an M/M/c queue, ``queueing.py``). A stream decodes at its lone speed on an idle
unit and at its share of the batch when every stream runs; between the two, in proportion to
how busy the unit is.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.tools import roofline as rl
from advisor.tools.quantity import duration_words
from advisor.tools.queueing import wait_s


@dataclass(frozen=True)
class RequestTime:
    busy: float  # how busy each unit is, 0..1
    queue_s: float
    ttft_s: float
    request_s: float


def request_time(
    *,
    units: int,
    streams: int,
    busy: float,
    box_s: float,
    prompt_tokens: float,
    answer_tokens: float,
    prefill_tps: float,
    decode_tps_alone: float,
    decode_tps_busy: float,
    first_token_s: float = 0.0,
) -> RequestTime:
    """One request's queue, time to first token and time to its last token. ``box_s``: the unit
    time a request takes (prompt at the prefill rate, answer at the batch's aggregate rate);
    ``first_token_s``: the engine's fixed time before a request's first token."""
    queue = wait_s(units * streams, busy, box_s * streams)
    ttft = rl.first_token_seconds(prompt_tokens, prefill_tps, queue, first_token_s)
    seconds_a_token = 1 / decode_tps_alone + min(busy, 1.0) * (1 / decode_tps_busy - 1 / decode_tps_alone)
    return RequestTime(busy, queue, ttft, ttft + rl.answer_seconds(answer_tokens, 1 / seconds_a_token))


def latency_failures(
    ttft_s: float | None, request_s: float | None, latency_s: float | None, first_token_s: float | None
) -> list[str]:
    """Why an option misses the profile's latency need, with the numbers; [] when it meets it or
    there is nothing to compare."""
    out: list[str] = []
    if latency_s is not None and request_s is not None and request_s > latency_s:
        out.append(
            f"a request takes about {duration_words(request_s)} here ({duration_words(ttft_s)} to the first token);"
            f" answers are needed within {duration_words(latency_s)}"
        )
    if first_token_s is not None and ttft_s is not None and ttft_s > first_token_s:
        out.append(
            f"the first token comes after about {duration_words(ttft_s)} here;"
            f" it is needed within {duration_words(first_token_s)}"
        )
    return out


def time_words(ttft_s: float | None, request_s: float | None) -> str:
    """'3.7 min (first token 2.1 min)' — the options table's cell."""
    if request_s is None:
        return "—"
    return f"{duration_words(request_s)} (first token {duration_words(ttft_s)})"
