"""The chat pane: the user's messages, replies streamed as Markdown, one-line notices, and tool
calls and Claude calls shown inline and expandable. A click on a message copies it.

`TurnView` renders one turn's events (live, or stored ones on resume); events are matched by
their `type` tag, so this module does not import the engine (the first paint does not wait for it)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Collapsible, Markdown, Static
from textual.widgets.markdown import MarkdownStream

from advisor.text.words import N_
from advisor.tui.widgets.markdown_blocks import ListBlock, TableBlock

NOTICE_MARK = {"info": "·", "warning": "⚠", "error": "✗"}
BODY_LIMIT = 12_000  # characters of JSON shown in an expanded tool call


def copy(widget: Static | Markdown, text: str, what: str) -> None:
    """A click copies the whole message; a drag that selected text copies the selection."""
    selected = widget.screen.get_selected_text() if widget.screen.selections else None
    widget.app.copy_to_clipboard(selected or text)
    widget.notify(f"{'selection' if selected else what} copied to the clipboard", timeout=2)


class UserMessage(Static):
    def __init__(self, text: str) -> None:
        super().__init__(Content(text), classes="message user")
        self.copy_text = text
        self.tooltip = "click to copy"

    def on_click(self) -> None:
        copy(self, self.copy_text, "message")


class ReplyMessage(Markdown):
    """A reply, local (green edge) or Claude's (orange edge); `copy_text` is its Markdown source.
    Its tables and lists are one widget each (markdown_blocks), not one per cell or item."""

    BLOCKS = {**Markdown.BLOCKS, "table_open": TableBlock}
    BLOCKS.update(bullet_list_open=ListBlock, ordered_list_open=ListBlock)

    def __init__(self, text: str = "", side: str = "local") -> None:
        super().__init__(text, classes=f"message reply {side}")
        self.copy_text = text
        self.side = side

    def on_click(self) -> None:
        if self.copy_text:
            copy(self, self.copy_text, "reply")


class NoticeLine(Static):
    def __init__(self, text: str, level: str = "info") -> None:
        mark = NOTICE_MARK.get(level, "·")
        super().__init__(Content(f"{mark} {text}"), classes=f"notice {level}")
        self.text = text
        self.level = level


def _json(value: Any) -> str:
    return json.dumps(value, indent=1, default=str, ensure_ascii=False)


class Expandable(Collapsible):
    """A one-line title that expands to a body built on first expansion (long JSON costs nothing
    until asked for). A click on the body copies it."""

    def __init__(self, title: str, classes: str) -> None:
        super().__init__(title=Content(title), collapsed=True, classes=f"inline {classes}")  # type: ignore[arg-type]
        self._filled = False

    def body(self) -> str:
        raise NotImplementedError

    def set_title(self, title: str) -> None:
        self.title = Content(title)  # type: ignore[assignment]

    def compose(self) -> ComposeResult:
        yield self._title  # the body's container comes with the body: one widget a line until expanded

    async def on_collapsible_expanded(self, event: Collapsible.Expanded) -> None:
        if event.collapsible is self and not self._filled:
            self._filled = True
            await self.mount(Collapsible.Contents(BodyText(self.body())))


class BodyText(Static):
    def __init__(self, text: str) -> None:
        super().__init__(Content(text), classes="inline-body")
        self.copy_text = text

    def on_click(self) -> None:
        copy(self, self.copy_text, "details")


class ToolCallView(Expandable):
    """`⚙ compare (interview) ✓` — expands to the arguments and the result (or the error)."""

    def __init__(
        self, name: str, arguments: dict, by: str, result: dict | None, error: str | None, w: Any = None
    ) -> None:
        self.name_ = name
        self.arguments, self.result, self.error = arguments, result, error
        outcome = f"✗ {error.splitlines()[0][:80]}" if error else "✓"
        said = {"model": N_("by the model"), "interview": N_("by the interview")}.get(by)
        who = (w._(said) if w is not None else said) if said else f"by the {by}"
        super().__init__(f"⚙ {name} — {who} {outcome}", "tool error" if error else "tool")

    def body(self) -> str:
        text = f"arguments\n{_json(self.arguments)}\n\n"
        text += f"error\n{self.error}" if self.error else f"result\n{_json(self.result)}"
        if len(text) > BODY_LIMIT:
            text = text[:BODY_LIMIT] + "\n… (cut; /export writes the whole report)"
        return text


class EscalationView(Expandable):
    """`☁ asked claude-sonnet-4-6: reason` — expands to what was sent and what it cost."""

    def __init__(self, reason: str, model: str) -> None:
        self.reason, self.model = reason, model
        self.usage: str | None = None
        super().__init__(f"☁ asked {model}: {reason}", "claude")

    def record(self, usage: str) -> None:
        self.usage = usage
        self.set_title(f"☁ asked {self.model} ({usage}): {self.reason}")

    def body(self) -> str:
        lines = [
            f"reason: {self.reason}",
            f"model: {self.model}",
            "sent: the structured profile and the tool results, not the transcript",
        ]
        return "\n".join([*lines, f"usage: {self.usage}" if self.usage else "usage: not reported"])


LIVE_TURNS = 20  # turns kept on screen; older ones stay in the store, the report and /export


class ChatLog(VerticalScroll):
    """The scrolling list of messages, anchored to the bottom while a reply streams (scrolling up
    releases the anchor; scrolling back to the end takes it again). Only the last LIVE_TURNS turns
    stay on screen, so a long session keeps its pace and its memory."""

    hidden_turns = 0

    def on_mount(self) -> None:
        self.anchor()

    async def prune(self, keep: int | None = None) -> None:
        """Old turns leave the screen; one line at the top says how many and where they are."""
        keep = keep or LIVE_TURNS
        children = list(self.children)
        starts = [i for i, w in enumerate(children) if isinstance(w, UserMessage)]
        if len(starts) <= keep:
            return
        old = [w for w in children[: starts[-keep]] if w.id != "earlier"]
        self.hidden_turns += sum(isinstance(w, UserMessage) for w in old)
        await self.remove_children(old)
        await self.say_earlier()

    async def say_earlier(self) -> None:
        text = f"{self.hidden_turns} earlier turns not shown — kept in the session; /export writes them all"
        for line in self.query("#earlier"):
            await line.remove()
        earlier = NoticeLine(text)
        earlier.id = "earlier"
        await self.mount(earlier, before=0) if self.children else await self.mount(earlier)

    async def add(self, *widgets: Static | Markdown | Collapsible) -> None:
        await self.mount_all(widgets)

    async def add_notice(self, text: str, level: str = "info") -> None:
        await self.mount(NoticeLine(text, level))

    def follow(self) -> None:
        """Back to the bottom (a new message was sent)."""
        self.anchor()


class ReplyStream:
    """One reply streamed into a ReplyMessage through a MarkdownStream (which batches fast writes).
    A new message starts when the side changes or after anything else was shown."""

    def __init__(self, log: ChatLog, words: Callable[[], Any] | None = None) -> None:
        self.log = log
        self.words = words  # the session's words as they are when a line is made (the first turn sets them)
        self.message: ReplyMessage | None = None
        self.stream: MarkdownStream | None = None

    async def write(self, text: str, side: str) -> None:
        if self.message is None or self.message.side != side:
            await self.close()
            self.message = ReplyMessage("", side)
            await self.log.mount(self.message)
            self.stream = Markdown.get_stream(self.message)
        self.message.copy_text += text
        assert self.stream is not None
        await self.stream.write(text)

    async def close(self) -> None:
        if self.stream is not None:
            await self.stream.stop()
        self.stream, self.message = None, None


class TurnView:
    """Renders the events of one turn into the chat: text streams, tool and Claude calls become
    expandable lines, notices one line each."""

    def __init__(self, log: ChatLog, words: Callable[[], Any] | None = None) -> None:
        self.log = log
        self.words = words  # the session's words as they are when a line is made (the first turn sets them)
        self.reply = ReplyStream(log)
        self.calls: dict[str, list[Any]] = {}
        self.escalation: EscalationView | None = None
        self.answer = ""

    async def show(self, event: Any) -> None:
        kind = getattr(event, "type", "")
        if kind == "text":
            await self.reply.write(event.text, event.side)
            return
        widget = self.widget_for(event)
        if widget is not None:
            await self.reply.close()
            await self.log.mount(widget)

    def widget_for(self, event: Any) -> Static | Collapsible | None:
        """The line an event adds to the chat, if any (text is streamed, not made here)."""
        kind = getattr(event, "type", "")
        if kind == "notice":
            return NoticeLine(event.text, event.level)
        if kind == "tool_call":
            self.calls.setdefault(event.name, []).append(event)
        elif kind == "tool_result":
            pending = self.calls.get(event.name) or []
            call = pending.pop(0) if pending else None
            arguments, by = (call.arguments, call.by) if call is not None else ({}, "model")
            w = self.words() if self.words is not None else None
            return ToolCallView(event.name, arguments, by, event.result, event.error, w)
        elif kind == "escalation":
            self.escalation = EscalationView(event.reason, event.model)
            return self.escalation
        elif kind == "usage" and event.side == "claude" and self.escalation is not None:
            self.escalation.record(_usage_line(event))
        elif kind == "error":
            return NoticeLine(f"the turn failed ({event.kind}): {event.message}", "error")
        elif kind == "done":
            self.answer = event.answer
        return None

    async def close(self) -> None:
        await self.reply.close()


def _usage_line(event: Any) -> str:
    from advisor.text.render import price, tokens  # lazily: pydantic is not needed for the first paint

    return f"{price(event.usd)}, {tokens(event.input_tokens)} tokens in, {tokens(event.output_tokens)} out"


def turn_widgets(log: ChatLog, turn: Any) -> list[Static | Markdown | Collapsible]:
    """A stored turn (on resume): the user's text, its tool calls, Claude calls and notices, then
    the answer; mounted all at once by the caller."""
    view = TurnView(log)
    widgets: list[Static | Markdown | Collapsible] = [UserMessage(turn.user_text)]
    widgets += [w for w in map(view.widget_for, turn.events) if w is not None]
    if turn.answer:
        widgets.append(ReplyMessage(turn.answer))
    status = getattr(turn, "status", "ok")
    if status != "ok":
        widgets.append(NoticeLine(f"this reply was {status}", "warning"))
    return widgets
