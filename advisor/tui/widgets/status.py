"""The status bar — the local backend and its mode, Claude's state, and the hybrid meter: turns
answered locally vs by Claude, what the advisor itself spent (local tokens, Claude dollars) and
what an all-Claude advisor would have cost — and the activity line over the prompt (model loading,
waiting for the first token, a Claude call and its reason, retries; Esc stops)."""

from __future__ import annotations

import time
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import LoadingIndicator, Static


def meter(spend: Any) -> Text:
    from advisor.text.render import price, tokens  # lazily: pydantic is not needed for the first paint

    text = Text()
    text.append(f"turns {spend.local_turns} local", style="green")
    text.append(" / ")
    text.append(f"{spend.claude_turns} Claude", style="yellow")
    local_tokens = spend.local_input_tokens + spend.local_output_tokens
    text.append(f" · Claude {price(spend.claude_usd)}")
    if spend.all_claude_usd > 0:
        share = spend.claude_usd / spend.all_claude_usd
        text.append(f" = {share:.0%} of all-Claude {price(spend.all_claude_usd)}", style="dim")
    text.append(f" · {tokens(local_tokens)} local tok")
    return text


class StatusBar(Static):
    def show(self, session: Any | None, starting: str = "") -> None:
        if session is None:
            self.update(Text(starting or "starting…", style="dim"))
            return
        claude = "offline" if session.offline else session.claude_label
        text = Text()
        text.append(f"local: {session.local_label}", style="bold")
        if session.mode != "none":
            why = getattr(session, "mode_reason", "")
            label = f" {session.mode}" + (f" ({why})" if why else "")
            text.append(label, style="dim" if session.mode == "quiet" else "")
        text.append(" │ ")
        text.append(f"Claude: {claude}", style="bold yellow" if claude.startswith("claude") else "bold")
        text.append(" │ ")
        text.append_text(meter(session.spend()))
        self.update(text)


class ActivityLine(Horizontal):
    """One line over the prompt while something runs: a pulsing indicator, what it is, seconds."""

    def compose(self) -> ComposeResult:
        yield LoadingIndicator()
        yield Static("", id="activity-text", markup=False)

    def on_mount(self) -> None:
        self.display = False
        self.what = ""
        self.started = 0.0
        self.timer = self.set_interval(0.2, self._tick, pause=True)

    def start(self, what: str) -> None:
        self.started = time.monotonic()
        self.display = True
        self.timer.resume()
        self.say(what)

    def say(self, what: str) -> None:
        self.what = what
        self._tick()

    def stop(self) -> None:
        self.display = False
        self.timer.pause()

    def _tick(self) -> None:
        seconds = time.monotonic() - self.started
        self.query_one("#activity-text", Static).update(f"{self.what}  {seconds:.1f} s")
