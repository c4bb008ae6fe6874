"""What each slash command does (parsing, help and completion are in commands.py). Bad input
raises UsageError and shows as one error line; the session goes on."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advisor.errors import UsageError
from advisor.tui.commands import COMMANDS, help_markdown, split
from advisor.tui.widgets.chat import NoticeLine, ReplyMessage
from advisor.tui.widgets.profile_panel import field_rows

if TYPE_CHECKING:
    from advisor.tui.app import AdvisorApp


class SlashRunner:
    def __init__(self, app: AdvisorApp) -> None:
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
            await chat.add_notice(str(exc), "error")
        except Exception as exc:  # any other failure: one line, and the session goes on
            await chat.add_notice(f"{name} failed: {type(exc).__name__}: {exc}", "error")

    async def cmd_profile(self, _rest: str) -> None:
        from advisor.render import format_value

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
        from advisor.render import format_value

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
        await self.app.action_toggle_offline()

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
        lines = [f"local model: {s.local_label} ({s.mode} mode)", f"Claude: {claude}", *s.startup_notices]
        lines.append("change them with --local ollama:MODEL | embedded[:PATH] | none, --claude-model ID, --offline")
        await self.app.chat.add(*(NoticeLine(line) for line in lines))

    async def cmd_calc(self, rest: str) -> None:
        from advisor.slash_calc import run_calc

        await self.app.chat.add(ReplyMessage(f"```\n{run_calc(rest, self.app.session.catalog)}\n```"))

    async def cmd_reset(self, _rest: str) -> None:
        await self.app.action_new_session()
