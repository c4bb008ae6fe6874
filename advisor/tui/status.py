"""The status bar: the local backend and its mode, Claude's state, and the hybrid meter — turns
local vs Claude, what the advisor spent, and what an all-Claude advisor would have."""

from __future__ import annotations

from textual.widgets import Static

from advisor.render import money


class StatusBar(Static):
    def show(self, session, busy: str = "") -> None:
        if session is None:
            self.update(busy or "starting…")
            return
        spend = session.spend()
        claude = "offline" if session.offline else session.claude_label
        meter = (
            f"turns {spend.local_turns} local / {spend.claude_turns} Claude · spent {money(spend.claude_usd)}"
            f" (all-Claude: {money(spend.all_claude_usd)})"
        )
        parts = [
            f"local: {session.local_label} ({session.mode})",
            f"Claude: {claude}",
            meter,
            f"session {session.name}",
        ]
        if busy:
            parts.insert(0, busy)
        self.update(" │ ".join(parts))
