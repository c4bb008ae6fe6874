"""The chat keeps its pace over a long session: old turns leave the screen (the store keeps them),
and messages sent while a reply runs wait as separate turns — a burst is never glued into one
prompt, and past the queue's limit a message is refused with a line saying so.

The real app under Textual's Pilot; the burst test scripts the session (tests/tui/test_tui_fake.py),
the long-session test runs the real Session (`--local none`, offline). Timings and memory over
50 turns are measured by tests/bench/bench_tui_long.py, not asserted here."""

from __future__ import annotations

import asyncio
import gc

from textual._styles_cache import StylesCache
from textual.widgets._footer import FooterKey

from advisor.config import Config
from advisor.events import TextChunk, TurnFinished
from advisor.session import Session
from advisor.tui import app as app_module
from advisor.tui.app import AdvisorApp
from advisor.tui.widgets import chat as chat_module
from advisor.tui.widgets.chat import ReplyMessage, UserMessage
from advisor.tui.widgets.prompt import PromptInput
from tests.tui.test_tui_fake import FakeSession, factory, notices, ready, say, settle, slow_turn


async def _enter(pilot, text: str) -> None:
    prompt = pilot.app.query_one(PromptInput)
    prompt.text = text
    await pilot.press("enter")


async def test_a_burst_sent_during_a_reply_queues_as_separate_messages():
    burst = [f"message {i}: {'x' * 800}" for i in range(app_module.MAX_QUEUED + 1)]
    session = FakeSession([slow_turn(5000)], delay=0.01)  # 50 s unless stopped
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "first")
        await asyncio.sleep(0.1)
        assert app.busy
        for text in burst:
            await _enter(pilot, text)
        assert app.busy and len(app.queued) == app_module.MAX_QUEUED
        assert app.query_one(PromptInput).text == ""
        assert any("not sent" in n and "already waiting" in n for n in notices(app, "warning"))
        await pilot.press("escape")  # the long reply stops; the queue goes, one turn each
        await settle(pilot)
        while app.queued or app.busy:
            await settle(pilot)
    sent = [text for text, _ in session.sent]
    assert sent == ["first", *burst[: app_module.MAX_QUEUED]]  # each its own turn, in order
    assert all(len(text) < 900 for text in sent)  # nothing glued


async def test_old_turns_leave_the_screen_but_stay_in_the_session(monkeypatch):
    monkeypatch.setattr(chat_module, "LIVE_TURNS", 3)
    texts = ["5,000 requests a day, 2k in and 300 out", "public data", "what if volume doubles?"]
    texts += ["what if volume halves?", "what if electricity costs $0.30 per kWh?", "which option should we pick?"]

    def open_session(progress):
        return Session.open(Config(local="none", offline=True), session_name="long", on_progress=progress)

    app = AdvisorApp(open_session)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        for text in texts:
            await say(pilot, text)
            await settle(pilot)
        shown = [m.copy_text for m in app.query(UserMessage)]
        earlier = app.query_one("#earlier").text
        stored = [t.user_text for t in app.session.history()]
    assert shown == texts[-3:]
    assert "3 earlier turns not shown" in earlier
    assert stored == texts  # the store keeps every turn


async def test_keys_typed_right_after_enter_start_the_next_message():
    """A paste or a fast typist: the keys after Enter arrive before the app reads the message."""
    session = FakeSession()
    app = AdvisorApp(factory(session))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await pilot.press(*"one", "enter", *"two", "enter", *"three", "enter")
        await settle(pilot)
        while app.queued or app.busy:
            await settle(pilot)
    assert [text for text, _ in session.sent] == ["one", "two", "three"]


async def _alive_after(turns: int, kind: type) -> tuple[int, int, int]:
    """Run `turns` fake turns; then (objects of `kind` alive that were not before, footer keys shown,
    nodes on screen). What earlier tests left in the process is not counted."""
    gc.collect()
    before = sum(isinstance(o, kind) for o in gc.get_objects())
    app = AdvisorApp(factory(FakeSession()))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        for i in range(turns):
            await say(pilot, f"message {i}")
            await settle(pilot)
        await pilot.pause()
        shown = len(app.query(FooterKey))
        attached = sum(1 for _ in app.screen.walk_children(with_self=True))
        gc.collect()
        alive = sum(isinstance(o, kind) for o in gc.get_objects()) - before
    return alive, shown, attached


async def test_the_footer_lets_go_of_the_keys_it_redraws():
    """Each reply shows Esc in the footer and hides it again, and the footer rebuilds its keys each
    time; the keys it drops must be freed. Textual's own footer keeps every dropped key (and all it
    drew) in a watcher list for good (textual#6666): about 16 more keys a turn, without end."""
    alive, shown, _ = await _alive_after(12, FooterKey)
    # Rebuilds still in flight on a busy machine may hold a set or two for a moment (17 keys against
    # 8 shown was seen under load); the leak held every set ever drawn: about 200 keys after 12 turns.
    assert shown > 0 and alive <= 3 * shown, (alive, shown)


async def test_turns_that_leave_the_screen_free_what_they_drew(monkeypatch):
    """Every widget keeps the lines it drew in its StylesCache. Textual memoizes
    `StylesCache.get_inner_outer` with an lru_cache keyed on the instance (textual#6665), which kept
    up to 1,024 caches of removed widgets, lines and all: about 0.5 MB a turn for 50 turns here.
    Once old turns leave the screen, only the widgets still attached may hold one."""
    monkeypatch.setattr(chat_module, "LIVE_TURNS", 2)
    caches, _, attached = await _alive_after(12, StylesCache)
    # A few caches may belong to widgets outside the screen's tree (the app's, a tooltip's, a
    # rebuild in flight); the leak kept one for every widget of the ten turns that left (304 to 54).
    assert caches <= attached + 20, (caches, attached)


TABLE = """**Scenario — volume ×2**

| option | monthly now | 36 months then |
|---|---:|---:|
| Hybrid: 1 × NVIDIA RTX 3090 (24 GB), used running Qwen 3.6 27B for 90%, claude-sonnet-5 for 10% | $162 | $9,612 |
| Cloud: groq-gpt-oss-120b + claude-sonnet-5 | $170 | $12,226 |
| Local: 1 × NVIDIA RTX 3090 (24 GB), used running Qwen 3.6 27B | $56.99 | $2,052 |

_This is a scenario; the profile is unchanged._
"""


async def _streamed(markdown: str, width: int) -> tuple[list[str], list[list[str]]]:
    """A reply streamed line by line: the widgets in it, and each table's or list's lines at `width`."""
    chunks = [TextChunk(text=line) for line in markdown.splitlines(keepends=True)]
    app = AdvisorApp(factory(FakeSession([[*chunks, TurnFinished(answer=markdown)]])))
    async with app.run_test(size=(100, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, "what if volume doubles?")
        await settle(pilot)
        reply = app.query(ReplyMessage).last()
        widgets = [type(w).__name__ for w in reply.walk_children()]
        drawn = [block.drawing(width).plain.splitlines() for block in reply.query("TableBlock, ListBlock")]
    return widgets, drawn


async def test_a_streamed_table_is_one_widget_with_every_cell():
    """Every reply carries an options table; Textual draws one widget per cell (and keeps the parse's
    row and cell blocks), which made each turn cost some fifty widgets. Here a table is one widget:
    streamed line by line, it ends with every row, the long label wrapped, not cut, and the figures
    right-aligned as the Markdown's `---:` says."""
    widgets, (lines,) = await _streamed(TABLE, 60)
    assert widgets == ["MarkdownParagraph", "TableBlock", "MarkdownParagraph"]  # not one per cell
    text = " ".join(" ".join(line.strip("│ ").split()) for line in lines)
    for words in ("option", "monthly", "Cloud: groq-gpt-oss-120b", "claude-sonnet-5 for 10%", "$12,226", "$2,052"):
        assert words in text
    assert all(len(line) <= 60 for line in lines)
    assert any(line.rstrip().endswith("$162 │  $9,612 │") for line in lines)  # right-aligned figures


LISTS = """- now: hybrid: 1 × NVIDIA RTX 3090 (24 GB), used running Qwen 3.6 27B — $281 (5%) less over 36 months
- then: **cloud** wins
  - by $885

3. say the volume
4. say the hardware
"""


async def test_a_streamed_list_is_one_widget_with_its_marks():
    """A list was four widgets an item in Textual (a row, the bullet, a column, the paragraph); here
    each list is one, nested items included: bullets and numbers (from the list's own start), the
    wrapped lines hanging under the text."""
    widgets, (bullets, numbers) = await _streamed(LISTS, 50)
    assert widgets == ["ListBlock", "ListBlock"]
    assert bullets[0].startswith("• now: hybrid") and bullets[1].startswith("  ")  # hanging under the text
    assert any(line.startswith("• then: cloud wins") for line in bullets)
    assert any(line.strip().startswith("▪ by $885") for line in bullets)  # nested, its own bullet
    assert [line.strip() for line in numbers] == ["3. say the volume", "4. say the hardware"]
    assert all(len(line) <= 50 for line in bullets + numbers)
