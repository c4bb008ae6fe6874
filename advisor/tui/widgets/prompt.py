"""The prompt: a TextArea where Enter sends, Shift+Enter or Ctrl+J breaks the line, Up/Down on the
first/last line walk the history of what was sent, and Tab completes a slash command, a profile
field or a session name (the completion shows as grey text; Tab or Right takes it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

from advisor.slash.commands import common_prefix
from advisor.text.words import N_

NEWLINE_KEYS = {"shift+enter", "ctrl+j", "ctrl+enter", "alt+enter"}
PLACEHOLDER = N_("Describe your workload, ask a what-if, or / for commands")
TITLE = N_("Message — Enter sends · Shift+Enter new line · Tab completes")


class PromptInput(TextArea):
    BINDINGS = [
        Binding("pageup", "scroll_chat(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_chat(1)", "Scroll down", show=False),
    ]

    class Submitted(Message):
        """The user pressed Enter. The prompt was emptied at once (the text went to its history),
        so keys typed before the app reads this message start the next message, not glue onto it."""

        def __init__(self, prompt: PromptInput, text: str) -> None:
            super().__init__()
            self.prompt = prompt
            self.text = text

    def __init__(self, completer: Callable[[str], list[str]] | None = None, **kwargs) -> None:
        super().__init__(
            soft_wrap=True, show_line_numbers=False, tab_behavior="focus", placeholder=PLACEHOLDER, **kwargs
        )
        self.completer = completer or (lambda _text: [])
        self.sent: list[str] = []
        self._position: int | None = None  # index into `sent` while walking the history

    def take(self) -> str:
        """Accept the text: it goes to the history and the prompt is emptied."""
        text = self.text.strip()
        if text and (not self.sent or self.sent[-1] != text):
            self.sent.append(text)
        self._position = None
        self.clear()
        return text

    def update_suggestion(self) -> None:
        text = self.text
        at_end = self.cursor_location == self.document.end
        options = self.completer(text) if at_end and text.startswith("/") and "\n" not in text else []
        prefix = common_prefix(options)
        self.suggestion = prefix[len(text) :] if prefix.startswith(text) else ""
        self.border_subtitle = "  ".join(o.strip().split(" ")[-1] for o in options[:8]) if len(options) > 1 else ""

    async def _on_key(self, event: events.Key) -> None:
        key = event.key
        handled = True
        if key == "enter":
            text = self.take()
            if text:
                self.post_message(self.Submitted(self, text))
        elif key in NEWLINE_KEYS:
            self.insert("\n")
        elif key == "tab" and self.suggestion:
            self.insert(self.suggestion)
        elif key == "tab" and self.text.strip():
            pass  # nothing to complete: the prompt keeps its text and the focus (what is typed next joins it, not
            # another widget, and Enter still sends it)
        elif key == "up" and self.cursor_location[0] == 0 and self.sent:
            self._recall(-1)
        elif key == "down" and self.cursor_location[0] == self.document.line_count - 1 and self._position is not None:
            self._recall(+1)
        else:
            handled = False
        if handled:
            event.prevent_default()
            event.stop()
            return
        await super()._on_key(event)

    def action_scroll_chat(self, direction: int) -> None:
        """PageUp/PageDown in the prompt scroll the chat (the prompt is rarely a page long)."""
        chat = self.screen.query_one("#chat")
        chat.scroll_page_up() if direction < 0 else chat.scroll_page_down()

    def _recall(self, step: int) -> None:
        position = len(self.sent) if self._position is None else self._position
        position = max(0, min(len(self.sent), position + step))
        self._position = None if position == len(self.sent) else position
        self.text = "" if self._position is None else self.sent[position]
        self.move_cursor(self.document.end)

    def speak(self, w: Any) -> None:
        """The title and the placeholder in the session's language."""
        self.border_title = w._(TITLE)
        self.placeholder = w._(PLACEHOLDER)
