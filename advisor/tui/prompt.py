"""The prompt: a TextArea where Enter sends, Shift+Enter or Ctrl+J breaks the line, and Up/Down on
the first/last line walk the history of what was sent."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import TextArea

from advisor.tui.commands import complete

NEWLINE_KEYS = {"shift+enter", "ctrl+j", "ctrl+enter", "alt+enter"}


class PromptInput(TextArea):
    class Submitted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, **kwargs) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs)
        self.sent: list[str] = []
        self._position: int | None = None

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.prevent_default()
            event.stop()
            text = self.text.strip()
            if text:
                self.sent.append(text)
                self._position = None
                self.clear()
                self.post_message(self.Submitted(text))
            return
        if event.key in NEWLINE_KEYS:
            event.prevent_default()
            event.stop()
            self.insert("\n")
            return
        if event.key == "tab" and self.text.startswith("/"):
            event.prevent_default()
            event.stop()
            options = complete(self.text)
            if len(options) == 1:
                self.text = options[0] + " "
                self.move_cursor(self.document.end)
            elif options:
                self.notify("  ".join(options), title="commands")
            return
        row = self.cursor_location[0]
        if event.key == "up" and row == 0 and self.sent:
            event.prevent_default()
            event.stop()
            self._recall(-1)
            return
        if event.key == "down" and row == self.document.line_count - 1 and self._position is not None:
            event.prevent_default()
            event.stop()
            self._recall(+1)
            return
        await super()._on_key(event)

    def _recall(self, step: int) -> None:
        position = len(self.sent) if self._position is None else self._position
        position = max(0, min(len(self.sent), position + step))
        self._position = None if position == len(self.sent) else position
        self.text = "" if self._position is None else self.sent[position]
        self.move_cursor(self.document.end)
