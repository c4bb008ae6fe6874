"""Slash commands: their names and one-line help (for /help, tab completion and the palette)."""

from __future__ import annotations

COMMANDS: dict[str, str] = {
    "/help": "this list",
    "/profile": "show the workload profile: given, assumed, missing",
    "/set": "/set FIELD VALUE — change a profile field (e.g. /set electricity_usd_per_kwh 0.30)",
    "/whatif": "/whatif TEXT — a scenario beside the current figures (e.g. /whatif volume doubles)",
    "/calc": "/calc TOOL --field value … — any calculator, as `advisor calc`",
    "/escalate": "/escalate [QUESTION] — ask Claude for the synthesis (within the budget)",
    "/offline": "toggle offline mode: nothing leaves the machine",
    "/export": "/export [PATH] — write the report as Markdown",
    "/sessions": "/sessions [NAME] — list sessions, or switch to one",
    "/model": "which local model and Claude model are in use, and why",
    "/reset": "start a new session with an empty profile",
}


def complete(text: str) -> list[str]:
    word = text.strip().split(" ")[0]
    return [name for name in COMMANDS if name.startswith(word)]


def split(text: str) -> tuple[str, str]:
    """'/set a b' → ('/set', 'a b')."""
    name, _, rest = text.strip().partition(" ")
    return name.lower(), rest.strip()


def help_markdown() -> str:
    rows = "\n".join(f"| `{name}` | {text} |" for name, text in COMMANDS.items())
    keys = (
        "Enter sends · Shift+Enter or Ctrl+J: new line · Up/Down: history · Tab: complete a command ·"
        " Esc: stop the reply · click a message to copy it · Ctrl+P: command palette"
    )
    return f"| command | what it does |\n|---|---|\n{rows}\n\n{keys}"
