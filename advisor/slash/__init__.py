"""Slash commands (`/set`, `/calc`, `/export` …): their names and help, and what each does, for
the chat and for `advisor ask "/…"` alike (no Textual import)."""

from advisor.slash import run  # noqa: F401  each command registers itself in advisor.slash.commands.COMMANDS
