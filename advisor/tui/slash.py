"""The chat as the front of the slash commands (what each does is advisor.slash.run, shared with
`advisor ask "/…"`): replies and notices go into the chat, progress onto the activity line, and a
change to the profile or the session redraws the panels."""

from __future__ import annotations

import time
from typing import Any

from advisor.errors import UsageError, one_line
from advisor.slash.run import run_command
from advisor.tui.widgets.chat import NoticeLine, ReplyMessage
from advisor.tui.widgets.status import StatusBar


class SlashRunner:
    """Runs one command on the app (advisor.tui.app.AdvisorApp, which imports this module: the
    app is not imported back)."""

    live = True

    def __init__(self, app: Any) -> None:
        self.app = app

    async def run(self, text: str) -> None:
        await run_command(self, text)

    @property
    def session(self) -> Any:
        return self.app.session

    @property
    def keymap_file(self) -> str | None:
        return str(self.app.keymap_file) if self.app.keymap_file else None

    @property
    def pending_catalog_update(self) -> tuple | None:
        return self.app.pending_catalog_update

    @pending_catalog_update.setter
    def pending_catalog_update(self, value: tuple | None) -> None:
        self.app.pending_catalog_update = value

    async def reply(self, markdown: str, plain: str | None = None) -> None:
        await self.app.chat.add(ReplyMessage(markdown))

    async def notice(self, text: str, level: str = "info") -> None:
        await self.app.chat.add_notice(text, level)

    async def send(self, text: str, escalate: bool = False, consent: Any = None) -> None:
        await self.app.send(text, escalate=escalate, consent=consent)

    async def consent(self, request: Any, words: str) -> None:
        """The consent screen with exactly what Claude would be sent; the words go only on Send,
        bound to this text by its digest (a profile that moved meanwhile means nothing goes)."""
        from advisor.escalation.consent import Consent
        from advisor.tui.widgets.consent import ConsentScreen

        granted = Consent(words=words, digest=request.digest())
        session = self.session
        note = (
            f"Claude: {session.claude_label}. It answers within this session's budget. Your words go with this"
            " one message only; the next is sent without them."
        )

        async def answered(send: bool | None) -> None:
            if send:
                await self.app.submit_turn(words, escalate=True, consent=granted)
            else:
                await self.app.chat.add_notice("kept here: nothing was sent to Claude")

        self.app.push_screen(ConsentScreen(request.system, request.user, note, words), answered)

    async def session_changed(self, fields: set[str] | None = None, switched: bool = False) -> None:
        if switched:
            self.app.last_answer = ""
            await self.app.show_history()
        await self.app.refresh_panels(changed=fields)

    def copy(self, text: str) -> bool:
        self.app.copy_to_clipboard(text)
        return True

    def working(self, text: str | None) -> None:
        if text is None:
            self.app.activity.stop()
        else:
            self.app.activity.start(text)

    def progress_stream(self) -> _ActivityStream:
        return _ActivityStream(lambda text: self.app.call_from_thread(self.app.activity.say, text))

    def notice_from_thread(self, text: str) -> None:
        self.app.call_from_thread(self.app.chat.add_notice, text)

    def status_changed(self) -> None:
        self.app.query_one(StatusBar).show(self.session)

    async def pull(self, model: str) -> None:
        """Pull a local model in a thread (Session.pull_local: into Ollama, or a GGUF for the embedded
        path): one chat line shows its bytes and percent as they come
        (the prompt stays live and turns go on), then the chat answers with it — or one line says
        why not and the session goes on with the local model it had."""
        app = self.app
        if app.pulling:
            raise UsageError(f"pull: {app.pulling} is still being pulled; one at a time")
        label = model or self.session.pullable or "a local model"
        line = NoticeLine(f"pulling {label}…")
        await app.chat.add(line)
        app.pulling = label
        # A thread worker, not asyncio.to_thread: an executor thread would outlive the app and keep
        # it (a thread keeps the sys.stderr it started under: the app's print capture).
        app.run_worker(lambda: self._pull(line, model), thread=True, group="pull", exit_on_error=False)

    def _pull(self, line: NoticeLine, model: str) -> None:
        """The pull, on its worker thread; everything shown goes through the app's thread-safe post."""
        from textual.content import Content

        from advisor.models.pull import PullError

        app, session = self.app, self.app.session
        shown, last = [0.0], [""]

        def redraw(text: str) -> None:
            line.text = text
            line.update(Content(f"· {text}"))

        def show(text: str) -> None:
            if not app.is_running or not app._post(redraw, text):  # the app closed: stop the stream
                raise PullError("the chat closed")

        def progress(step: Any) -> None:
            last[0] = step.line()
            if step.status != "success" and time.monotonic() - shown[0] < 0.25:
                return
            shown[0] = time.monotonic()
            show(last[0])

        def probing(text: str) -> None:  # after the pull: the probe's steps beside its last figure
            show(f"{last[0]}; {text}" if last[0] else text)

        try:
            said = session.pull_local(model or None, progress, probing)  # into Ollama, or a GGUF
        except PullError as exc:
            local = "without a local model" if session.local is None else f"with {session.local_label}"
            app._post(app.chat.add_notice, f"{exc} — the chat goes on {local}", "error")
            return
        except Exception as exc:  # a worker's failure is shown, never fatal
            app._post(app.chat.add_notice, one_line(f"/pull failed: {type(exc).__name__}: {exc}"), "error")
            return
        finally:
            app.pulling = None
        app._post(redraw, last[0])
        app._post(app.chat.add_notice, said)
        app._post(app.query_one(StatusBar).show, session)


class _ActivityStream:
    """What the import's progress bar writes, shown on the activity line instead of a terminal."""

    def __init__(self, say) -> None:
        self.say = say

    def isatty(self) -> bool:
        return True  # redraw often: the activity line replaces its text

    def write(self, text: str) -> None:
        text = text.replace("\r", "").replace("\x1b[2K", "").strip()
        if text:
            self.say(text)

    def flush(self) -> None:
        pass
