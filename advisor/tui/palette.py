"""The slash commands in the command palette (Ctrl+P). Imported when the palette first opens."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from advisor.tui.commands import COMMANDS, Command


class SlashCommands(Provider):
    """The slash commands in the command palette (Ctrl+P): a command without an argument runs,
    one with an argument is put in the prompt to finish."""

    def _choose(self, command: Command) -> Callable[[], None]:
        choose = getattr(self.app, "palette_command", None)
        return lambda: choose(command.name, command.takes_argument) if choose else None

    async def discover(self) -> Hits:
        for command in COMMANDS.values():
            yield DiscoveryHit(command.usage, self._choose(command), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in COMMANDS.values():
            score = matcher.match(f"{command.usage} {command.help}")
            if score > 0:
                yield Hit(score, matcher.highlight(command.usage), self._choose(command), help=command.help)
