"""The chat pane: the user's messages, replies streamed as Markdown, notices, and tool calls and
escalations shown inline and expandable. Click a message to copy it."""

from __future__ import annotations

import json

from textual.containers import VerticalScroll
from textual.widgets import Collapsible, Markdown, Static
from textual.widgets.markdown import MarkdownStream


class Bubble(Markdown):
    """A message: click to copy its text."""

    def __init__(self, text: str, role: str) -> None:
        super().__init__(text, classes=f"bubble {role}")
        self.role = role
        self.copy_text = text

    def on_click(self) -> None:
        self.app.copy_to_clipboard(self.copy_text)
        self.notify("message copied to the clipboard")


class ChatLog(VerticalScroll):
    def on_mount(self) -> None:
        self.anchor()

    async def add_user(self, text: str) -> None:
        await self.mount(Bubble(text, "user"))

    async def add_markdown(self, text: str, role: str = "assistant") -> Bubble:
        bubble = Bubble(text, role)
        await self.mount(bubble)
        return bubble

    async def add_notice(self, text: str, level: str = "info") -> None:
        await self.mount(Static(text, classes=f"notice {level}", markup=False))

    async def add_tool(self, title: str, payload: dict, error: str | None = None) -> None:
        body = error or json.dumps(payload, indent=1, default=str)[:4000]
        panel = Collapsible(Static(body, markup=False, classes="tool-body"), title=title, collapsed=True)
        panel.add_class("tool error" if error else "tool")
        await self.mount(panel)


class Reply:
    """One streamed reply: a Bubble fed through a MarkdownStream (batches fast writes)."""

    def __init__(self, log: ChatLog) -> None:
        self.log = log
        self.bubble: Bubble | None = None
        self.stream: MarkdownStream | None = None
        self.side: str | None = None

    async def write(self, text: str, side: str) -> None:
        if self.bubble is None or side != self.side:
            await self.stop()
            self.side = side
            self.bubble = await self.log.add_markdown("", "claude" if side == "claude" else "assistant")
            self.stream = Markdown.get_stream(self.bubble)
        self.bubble.copy_text += text
        await self.stream.write(text)  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self.stream is not None:
            await self.stream.stop()
            self.stream = None
