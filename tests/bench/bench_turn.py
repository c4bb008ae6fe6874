"""Benchmark (pytest-benchmark, opt-in): the advisor's own cost per turn beyond the model, with no
model and with a zero-latency scripted model. Run:
    python -m pytest tests/bench/bench_turn.py --benchmark-enable -q
"""

from __future__ import annotations

from advisor.agent import TurnContext, run_turn
from advisor.state import SessionState
from advisor.tools.compare import CompareInput, compare, sweep
from tests.scripted import ScriptedModel, Step

ROUTER = "A router agent handles 5,000 requests a day at 2K tokens each; public data"


def _turn(catalog, model=None, mode="none"):
    ctx = TurnContext(catalog=catalog, state=SessionState(), local=model, mode=mode)
    return list(run_turn(ctx, ROUTER))


def test_turn_without_model(benchmark, catalog):
    benchmark(_turn, catalog)


def test_turn_with_zero_latency_model(benchmark, catalog):
    def go():
        model = ScriptedModel([Step(text="Thanks, that helps.")])
        return _turn(catalog, model, "guided")

    benchmark(go)


def test_compare_once(benchmark, catalog):
    inp = CompareInput(
        requests_per_day=5000, input_tokens_per_request=2000, output_tokens_per_request=300, privacy="public"
    )
    benchmark(compare, inp, catalog)


def test_sweep_10000_volumes(benchmark, catalog):
    inp = CompareInput(
        requests_per_day=5000, input_tokens_per_request=2000, output_tokens_per_request=300, privacy="public"
    )
    scales = [0.01 * 1.001**i for i in range(10_000)]
    points = benchmark.pedantic(sweep, args=(inp, catalog, scales), rounds=3, iterations=1)
    assert len(points) == 10_000
