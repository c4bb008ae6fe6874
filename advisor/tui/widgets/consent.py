"""The consent screen: before the user's own words go to Claude (`/escalate --with-my-words …`, F6),
the exact text Claude would be sent — the system prompt, then the message with the words in it —
shown whole, with two ways out. Nothing is sent unless the user presses Ctrl+S or the Send button;
Esc, n or the other button keep it here. The screen answers True (send) or False."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from advisor.tools.wording import N_

DEFAULT_CSS = """
ConsentScreen { align: center middle; }
ConsentScreen > Vertical { width: 90%; height: 90%; border: thick $warning; background: $surface; padding: 0 1; }
ConsentScreen #consent-title { text-style: bold; padding: 0 0 1 0; }
ConsentScreen VerticalScroll { height: 1fr; border: round $panel; }
ConsentScreen #consent-buttons { height: auto; align-horizontal: right; padding: 1 0 0 0; }
ConsentScreen Button { margin: 0 0 0 2; }
"""


class ConsentScreen(ModalScreen[bool]):
    DEFAULT_CSS = DEFAULT_CSS
    BINDINGS = [
        Binding("ctrl+s", "send", N_("Send to Claude"), id="advisor.consent_send"),
        Binding("escape,n", "keep", N_("Keep it here"), id="advisor.consent_keep"),
    ]

    def __init__(self, system: str, message: str, note: str, words: str = "") -> None:
        super().__init__()
        self.system, self.message, self.note, self.words = system, message, note, words

    def compose(self) -> ComposeResult:
        with Vertical():
            quoted = f"“{self.words[:80]}{'…' if len(self.words) > 80 else ''}”" if self.words else "Your words"
            title = f"{quoted} would go to Claude. This is exactly what it would be sent (your words at the end):"
            yield Static(title, id="consent-title", markup=False)
            exact = f"── system ──\n{self.system.rstrip()}\n\n── message ──\n{self.message.rstrip()}"
            with VerticalScroll(id="consent-text"):
                yield Static(exact, markup=False)
            yield Static(self.note, markup=False)
            with Horizontal(id="consent-buttons"):
                yield Button("Keep it here (Esc)", id="keep", variant="primary")
                yield Button("Send to Claude (Ctrl+S)", id="send", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()  # Enter keeps the words here: sending takes a choice

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "send")

    def action_send(self) -> None:
        self.dismiss(True)

    def action_keep(self) -> None:
        self.dismiss(False)
