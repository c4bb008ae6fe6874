"""Progress on stderr: a bar redrawn in place on a terminal, otherwise a plain line now and then
(and one at the end), so a log file gets lines and not carriage returns."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from advisor.measure.records import ReadCounts

_WIDTH = 24


class Progress:
    def __init__(
        self,
        total: int,
        unit: str,
        counts: ReadCounts,
        stream: TextIO | None = None,
        quiet: bool = False,
        items: str = "lines",
    ) -> None:
        """``total`` in ``unit`` (bytes or rows) to read; ``items`` what ``counts.lines`` counts."""
        self.total, self.unit, self.counts = max(total, 1), unit, counts
        self.items = "rows" if unit == "rows" else items
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.quiet = quiet
        self.done = 0
        self.started = time.monotonic()
        self._next = self.started + (0.1 if self.tty else 10.0)
        self._records = self._uncounted = 0

    def advance(self, n: int) -> None:
        self.done += n
        if not self.quiet and time.monotonic() >= self._next:
            self._draw(final=False)
            self._next = time.monotonic() + (0.1 if self.tty else 10.0)

    def finish(self, records: int, uncounted_rows: int = 0) -> None:
        """The last line: ``records`` requests counted, and ``uncounted_rows`` rows of a report
        that gives tokens but no request count."""
        self._records, self._uncounted = records, uncounted_rows
        if not self.quiet:
            self._draw(final=True)

    def _draw(self, final: bool) -> None:
        c = self.counts
        share = min(self.done / self.total, 1.0)
        seconds = max(time.monotonic() - self.started, 1e-9)
        counts = (
            f"{c.files:,} file{'' if c.files == 1 else 's'}, {c.lines:,} {self.items}"
            f" ({c.lines / seconds:,.0f}/s), {c.skipped:,} skipped, {c.duplicates:,} duplicates"
        )
        if final:
            if self._records or not self._uncounted:  # a report of tokens alone: no '0 requests'
                counts += f", {self._records:,} request{'' if self._records == 1 else 's'}"
            if self._uncounted:
                counts += f", {self._uncounted:,} rows of tokens without a request count"
        if self.tty:
            filled = int(share * _WIDTH)
            bar = "█" * filled + "·" * (_WIDTH - filled)
            end = "\n" if final else ""
            self.stream.write(f"\r\x1b[2Kimport {bar} {share:4.0%}  {counts}{end}")
        else:
            self.stream.write(f"import: {share:.0%} {counts}\n")
        self.stream.flush()
