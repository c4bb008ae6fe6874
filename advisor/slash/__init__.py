"""Slash commands (`/set`, `/calc`, `/export` …): their names and help, and what each does, for
the chat and for `advisor ask "/…"` alike (no Textual import)."""
