"""Benchmarks (bench_*.py): scripts and opt-in pytest-benchmark files, never collected by the suite."""
