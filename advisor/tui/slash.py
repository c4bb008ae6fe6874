"""What each slash command does (parsing, help and completion are in commands.py). Bad input
raises UsageError and shows as one error line; the session goes on."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from advisor.errors import UsageError, one_line
from advisor.tui.commands import COMMANDS, help_markdown, split
from advisor.tui.widgets.chat import NoticeLine, ReplyMessage
from advisor.tui.widgets.profile_panel import field_rows
from advisor.tui.widgets.status import StatusBar


class SlashRunner:
    """Runs one command on the app (advisor.tui.app.AdvisorApp, which imports this module: the
    app is not imported back)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def run(self, text: str) -> None:
        name, rest = split(text)
        chat = self.app.chat
        try:
            if name not in COMMANDS:
                raise UsageError(f"{name}: unknown command; /help lists them")
            if name == "/help":
                await chat.add(ReplyMessage(help_markdown(str(self.app.keymap_file) if self.app.keymap_file else None)))
            elif self.app.session is None:
                raise UsageError(f"{name}: no session yet")
            else:
                await getattr(self, f"cmd_{name[1:]}")(rest)
        except UsageError as exc:
            await chat.add_notice(one_line(str(exc)), "error")
        except Exception as exc:  # any other failure: one line, and the session goes on
            await chat.add_notice(one_line(f"{name} failed: {type(exc).__name__}: {exc}"), "error")

    async def cmd_profile(self, _rest: str) -> None:
        from advisor.text.render import format_value

        session = self.app.session
        resolved = session.resolved_profile()
        rows = ["| field | value | source |", "|---|---|---|"]
        fields = field_rows(session.state.profile, session.state.given, resolved, session.state.measured_fields())
        for field, value, source in fields:
            shown = "—" if value is None else format_value(field, value)
            rows.append(f"| {field} | {shown} | {source} |")
        if resolved is not None and resolved.assumptions:
            rows += ["", "Assuming: " + "; ".join(resolved.assumptions) + "."]
        await self.app.chat.add(ReplyMessage("**Profile**\n\n" + "\n".join(rows)))

    async def cmd_set(self, rest: str) -> None:
        from advisor.text.render import format_value

        field, _, value = rest.partition(" ")
        if not field or not value.strip():
            raise UsageError("set: usage /set FIELD VALUE, e.g. /set electricity_usd_per_kwh 0.30")
        diff = self.app.session.set_field(field, value.strip())
        shown = [
            f"{k.replace('_', ' ')}: {format_value(k, old)} → {format_value(k, new)}" for k, (old, new) in diff.items()
        ]
        await self.app.chat.add_notice("set " + ("; ".join(shown) or f"{field}: unchanged"))
        await self.app.refresh_panels(changed=set(diff))

    async def cmd_whatif(self, rest: str) -> None:
        if not rest:
            raise UsageError("whatif: usage /whatif TEXT, e.g. /whatif volume doubles")
        await self.app.send(rest if rest.lower().startswith(("what", "and ", "how")) else f"what if {rest}")

    async def cmd_escalate(self, rest: str) -> None:
        await self.app.send(rest or "write the final recommendation memo", escalate=True)

    async def cmd_offline(self, _rest: str) -> None:
        app, session = self.app, self.app.session
        changed = session.set_offline(not session.offline)
        if changed:
            await app.chat.add_notice(changed, level="warning")
        state = "on: nothing leaves this machine" if session.offline else f"off: Claude is {session.claude_label}"
        await app.chat.add_notice(f"offline {state}")
        app.query_one(StatusBar).show(session)

    async def cmd_import(self, rest: str) -> None:
        """Read the records in a thread (the UI stays live; progress on the activity line), then
        make the measurement the session's measured profile."""
        import asyncio

        from advisor.commands.import_usage import parse_slash, window
        from advisor.measure.render import import_markdown
        from advisor.measure.run import ImportFailed, measure_path

        args = parse_slash(rest)
        since, until = window(args)
        session, app = self.app.session, self.app
        progress = _ActivityStream(lambda text: app.call_from_thread(app.activity.say, text))
        app.activity.start(f"importing {args.path}…")
        try:
            measured = await asyncio.to_thread(
                measure_path, args.path, session.catalog, since=since, until=until, columns=args.columns,
                progress_stream=progress,
            )
        except ImportFailed as exc:
            raise UsageError(str(exc)) from None
        finally:
            app.activity.stop()
        if not measured.records:
            raise UsageError(f"import: no requests in {args.path} in the window; the profile is unchanged")
        diff = session.apply_measured(measured)
        await app.chat.add(ReplyMessage(import_markdown(measured, session.name)))
        await app.refresh_panels(changed=set(diff))

    async def cmd_export(self, rest: str) -> None:
        written = self.app.session.export(Path(rest).expanduser() if rest else None)
        self.app.copy_to_clipboard(str(written))
        await self.app.chat.add_notice(f"wrote the report to {written} (path copied)")

    async def cmd_sessions(self, rest: str) -> None:
        if rest:
            self.app.session.switch(rest)
            self.app.last_answer = ""
            await self.app.show_history()
            await self.app.refresh_panels()
            return
        rows = ["| session | created | turns |", "|---|---|---:|"]
        for s in self.app.session.list_sessions()[:20]:
            current = " ◀ this one" if s.name == self.app.session.name else ""
            rows.append(f"| `{s.name}`{current} | {str(s.created)[:16].replace('T', ' ')} | {s.turns} |")
        await self.app.chat.add(ReplyMessage("**Sessions** — `/sessions NAME` switches\n\n" + "\n".join(rows)))

    async def cmd_model(self, _rest: str) -> None:
        s = self.app.session
        claude = "offline" if s.offline else s.claude_label
        lines = [f"local model: {s.local_label} ({s.mode} mode: {s.mode_reason})", f"Claude: {claude}"]
        lines += s.startup_notices
        lines.append("change them with --local ollama:MODEL | embedded[:PATH] | none, --claude-model ID, --offline")
        await self.app.chat.add(*(NoticeLine(line) for line in lines))
        listing = getattr(s, "local_models_markdown", None)
        if listing is not None:
            await self.app.chat.add(ReplyMessage(await asyncio.to_thread(listing)))

    async def cmd_pull(self, rest: str) -> None:
        """Pull an Ollama model in a thread: one chat line shows its bytes and percent as they come
        (the prompt stays live and turns go on), then the chat answers with it — or one line says
        why not and the session goes on with the local model it had."""
        session, app = self.app.session, self.app
        model = rest.strip() or session.pullable or session.config.ollama_model
        if session.offline:
            from advisor.models.pull import offline_refusal

            raise UsageError(f"pull: {offline_refusal(model)} (/offline goes online)")
        if app.pulling:
            raise UsageError(f"pull: {app.pulling} is still being pulled; one at a time")
        line = NoticeLine(f"pulling {model}: asking Ollama…")
        await app.chat.add(line)
        app.pulling = model
        app.run_worker(self._pull(line, model), group="pull", exit_on_error=False)

    async def _pull(self, line: NoticeLine, model: str) -> None:
        from textual.content import Content

        from advisor.models.pull import PullError

        app, session = self.app, self.app.session
        shown = [0.0]

        def redraw(text: str) -> None:
            line.text = text
            line.update(Content(f"· {text}"))

        def show(text: str) -> None:  # on the pulling thread
            if not app.is_running:  # the app closed: stop the stream (Ollama keeps what it has)
                raise PullError("the chat closed")
            app.call_from_thread(redraw, text)

        last = [""]

        def progress(step: Any) -> None:
            last[0] = step.line()
            if step.status != "success" and time.monotonic() - shown[0] < 0.25:
                return
            shown[0] = time.monotonic()
            show(last[0])

        def probing(text: str) -> None:  # after the pull: the probe's steps beside its last figure
            show(f"{last[0]}; {text}")

        try:
            said = await asyncio.to_thread(session.pull_ollama, model, progress, probing)
        except PullError as exc:
            local = "without a local model" if session.local is None else f"with {session.local_label}"
            await app.chat.add_notice(f"{exc} — the chat goes on {local}", "error")
            return
        except Exception as exc:  # a worker's failure is shown, never fatal
            await app.chat.add_notice(one_line(f"/pull failed: {type(exc).__name__}: {exc}"), "error")
            return
        finally:
            app.pulling = None
        redraw(last[0])
        await app.chat.add_notice(said)
        app.query_one(StatusBar).show(session)

    async def cmd_calc(self, rest: str) -> None:
        from advisor.commands.calc import run_calc

        await self.app.chat.add(ReplyMessage(f"```\n{run_calc(rest, self.app.session.catalog)}\n```"))

    async def cmd_reset(self, _rest: str) -> None:
        self.app.session.reset()
        self.app.last_answer = ""
        await self.app.show_history()
        await self.app.refresh_panels()

    async def cmd_catalog(self, rest: str) -> None:
        """`/catalog update [URL|FILE]` shows what genai-prices' data changes and asks;
        `/catalog write` writes what was shown. Nothing is written without the second step."""
        import asyncio

        from advisor.paths import config_dir
        from advisor.tools.price_feed import feed_config
        from advisor.upkeep import catalog_update as cu

        action, _, source = rest.partition(" ")
        session, chat = self.app.session, self.app.chat
        path = config_dir() / "catalog.toml"
        if action == "write":
            if self.app.pending_catalog_update is None:
                raise UsageError("catalog: nothing to write; /catalog update first")
            plan, keep = self.app.pending_catalog_update
            self.app.pending_catalog_update = None
            try:
                written = await asyncio.to_thread(cu.write, path, plan, keep)
            except cu.UpdateError as exc:
                raise UsageError(f"catalog: {exc}") from None
            if path not in session.config.catalog_files:  # a catalog.toml that did not exist at start
                session.config.catalog_files = [path, *session.config.catalog_files]
            session.catalog = session.config.catalog()
            await chat.add_notice(f"wrote {written} cloud entries to {path}; the next answer uses them")
            return
        if action != "update":
            raise UsageError("catalog: usage /catalog update [URL|FILE], then /catalog write")
        source = source.strip() or feed_config().url
        if session.offline and cu.is_url(source):
            raise UsageError(f"catalog: offline — the update would fetch {source}; /offline goes online, or a FILE")
        self.app.pending_catalog_update = None

        def progress(message: str) -> None:
            self.app.call_from_thread(chat.add_notice, message)

        try:
            keep = cu.own_cloud_ids(path.read_text(encoding="utf-8")) if path.is_file() else set()
            plan = await asyncio.to_thread(cu.plan, source, session.catalog, progress)
        except cu.UpdateError as exc:
            raise UsageError(f"catalog: {exc}") from None
        markdown = ["**Catalog update**"]
        for line in cu.describe(plan, keep):  # indented lines are the entries: bullets, so they wrap
            markdown += [f"- {line.strip()}"] if line.startswith("  ") else ["", line]
        if plan.updates:
            self.app.pending_catalog_update = (plan, keep)
            markdown += ["", f"Write these to `{path}`? `/catalog write` writes them; anything else leaves it be."]
        await chat.add(ReplyMessage("\n".join(markdown)))


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
