"""Benchmark (a script, not a test): how long the reader takes on long adversarial messages (a word
repeated thousands of times, a 5,000-digit number, 30,000 spaces) — a pattern that backtracks shows here
as seconds instead of milliseconds. Run: python tests/bench/bench_adversarial_reading.py"""

from __future__ import annotations

import time

from advisor.interview import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile
from tests.unit.test_interview_reader import ADVERSARIAL_TEXTS


def main() -> None:
    catalog = load_catalog()
    for text in ADVERSARIAL_TEXTS:
        start = time.perf_counter()
        read_answer(text, WorkloadProfile(), catalog)
        print(f"{time.perf_counter() - start:7.3f} s  {len(text):6,} chars  {text[:16]!r}…")


if __name__ == "__main__":
    main()
