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


def meter(spend: Any, w: Any = None) -> Text:
    from advisor.text.words import ENGLISH  # lazily: pydantic is not needed for the first paint

    w = w or ENGLISH
    text = Text()
    text.append(w._("turns {n} local", n=spend.local_turns), style="green")
    text.append(" / ")
    text.append(w._("{n} Claude", n=spend.claude_turns), style="yellow")
    local_tokens = spend.local_input_tokens + spend.local_output_tokens
    text.append(" · Claude " + _dollars(spend.claude_usd, w))
    if spend.all_claude_usd > 0:
        share = spend.claude_usd / spend.all_claude_usd
        text.append(
            " = " + w._("{share} of all-Claude {money}", share=w.pct(share), money=_dollars(spend.all_claude_usd, w)),
            style="dim",
        )
    text.append(" · " + w._("{tokens} local tok", tokens=w.tokens(local_tokens)))
    return text


def _dollars(usd: float, w: Any) -> str:
    """What the advisor spent, in dollars (Claude bills in dollars) to the cent, as the reader's locale writes it."""
    from advisor.text.render import price

    if w.lang == "en":
        return price(usd)
    from advisor.text.words import Words

    return Words(lang=w.lang).money(usd)


class StatusBar(Static):
    def show(self, session: Any | None, starting: str = "") -> None:
        if session is None:
            self.update(Text(starting or "starting…", style="dim"))
            return
        from advisor.text.words import ENGLISH

        w = session.words() if hasattr(session, "words") else ENGLISH
        claude = w._("offline") if session.offline else w._(session.claude_label)  # a state or a model id
        text = Text()
        text.append(w._("local: {label}", label=session.local_label), style="bold")
        if session.mode != "none":
            why = getattr(session, "mode_reason", "")
            label = f" {w._(session.mode)}" + (f" ({w.phrase(why)})" if why else "")
            text.append(label, style="dim" if session.mode == "quiet" else "")
        text.append(" │ ")
        text.append(f"Claude: {claude}", style="bold yellow" if claude.startswith("claude") else "bold")
        text.append(" │ ")
        text.append_text(meter(session.spend(), w))
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
