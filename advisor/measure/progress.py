"""Progress on stderr: a bar redrawn in place on a terminal, otherwise a plain line now and then
(and one at the end), so a log file gets lines and not carriage returns."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from advisor.measure.records import ReadCounts

_WIDTH = 24


class Progress:
    def __init__(self, total: int, unit: str, counts: ReadCounts, stream: TextIO | None = None,
                 quiet: bool = False) -> None:
        self.total, self.unit, self.counts = max(total, 1), unit, counts
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.quiet = quiet
        self.done = 0
        self.started = time.monotonic()
        self._next = self.started + (0.1 if self.tty else 10.0)
        self._records = 0

    def advance(self, n: int) -> None:
        self.done += n
        if not self.quiet and time.monotonic() >= self._next:
            self._draw(final=False)
            self._next = time.monotonic() + (0.1 if self.tty else 10.0)

    def finish(self, records: int) -> None:
        self._records = records
        if not self.quiet:
            self._draw(final=True)

    def _draw(self, final: bool) -> None:
        c = self.counts
        share = min(self.done / self.total, 1.0)
        seconds = max(time.monotonic() - self.started, 1e-9)
        counts = (
            f"{c.files:,} files, {c.lines:,} {'rows' if self.unit == 'rows' else 'lines'}"
            f" ({c.lines / seconds:,.0f}/s), {c.skipped:,} skipped, {c.duplicates:,} duplicates"
        )
        if final:
            counts += f", {self._records:,} requests"
        if self.tty:
            filled = int(share * _WIDTH)
            bar = "█" * filled + "·" * (_WIDTH - filled)
            end = "\n" if final else ""
            self.stream.write(f"\r\x1b[2Kimport {bar} {share:4.0%}  {counts}{end}")
        else:
            self.stream.write(f"import: {share:.0%} {counts}\n")
        self.stream.flush()
