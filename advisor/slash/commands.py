"""Slash commands: their names and help, parsing and tab completion (no Textual import). What each
does is advisor.slash.run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    help: str
    takes_argument: bool = False  # the palette fills the prompt instead of running it
    changes_session: bool = False  # refused while a reply is running
    names_models: bool = False  # `advisor ask` finds the models first (a turn finds them anyway)


COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        Command("/help", "/help", "the commands and keys"),
        Command("/profile", "/profile", "the workload profile: given, assumed, missing"),
        Command("/options", "/options", "every option with its figures, why the pick, why the others fail"),
        Command(
            "/set", "/set FIELD VALUE", "change a profile field, e.g. /set electricity_usd_per_kwh 0.30", True, True
        ),
        Command(
            "/whatif",
            "/whatif TEXT",
            "a scenario beside today's figures, e.g. /whatif volume doubles",
            True,
            True,
        ),
        Command(
            "/escalate",
            "/escalate [QUESTION]",
            "ask Claude for the synthesis (within the budget)",
            False,
            True,
        ),
        Command("/offline", "/offline", "offline on/off: with it on nothing leaves this machine", False, True),
        Command(
            "/import",
            "/import PATH [--since DATE] [--until DATE]",
            "measure the workload from usage records: a Claude Code folder (~/.claude), an llm logs.db or a CSV",
            True,
            True,
        ),
        Command(
            "/export",
            "/export [PATH]",
            "write the report as Markdown (default: exports/ in the data dir, one file a session a day); never"
            " over an existing file",
        ),
        Command(
            "/workload",
            "/workload [list] · add NAME · use NAME · rename [OLD to] NEW · drop NAME",
            "several workloads in one session, one plan across them: what you say goes to the one in use",
            True,
            True,
        ),
        Command("/sessions", "/sessions [NAME]", "list the sessions, or switch to one", False, True),
        Command("/model", "/model", "which local model and which Claude model answer, and why", names_models=True),
        Command(
            "/pull",
            "/pull [MODEL]",
            "pull a local model — into Ollama (default: the configured one) or, without Ollama, a GGUF"
            " for the embedded path — then chat with it",
        ),
        Command("/calc", "/calc TOOL --field value …", "run one calculator, as `advisor calc`", True),
        Command(
            "/catalog",
            "/catalog update [URL|FILE] · /catalog write",
            "fetch current cloud prices (genai-prices), show what changes; /catalog write saves them",
            True,
            True,
        ),
        Command("/reset", "/reset", "a new session with an empty profile", False, True),
    )
}

KEYS_HELP = (
    "Enter sends · Shift+Enter or Ctrl+J breaks the line · Up/Down on the first/last line: history ·"
    " Tab completes a command, a field or a session · Esc stops a reply · a click on a message or on the"
    " options table copies it · Enter on a profile row edits it · F8 shows or hides the side panel ·"
    " Ctrl+P: command palette"
)


WORKLOAD_ACTIONS = ("list", "add", "use", "rename", "drop")


def split(text: str) -> tuple[str, str]:
    """'/set a b' → ('/set', 'a b')."""
    name, _, rest = text.strip().partition(" ")
    return name.lower(), rest.strip()


def complete(text: str, fields: Iterable[str] = (), sessions: Iterable[str] = ()) -> list[str]:
    """Every full prompt text that `text` may complete to: a command, then a field or a session name."""
    if not text.startswith("/"):
        return []
    if " " not in text:
        return [f"{name} " for name in COMMANDS if name.startswith(text.lower())]
    name, _, rest = text.partition(" ")
    choices = {"/set": fields, "/sessions": sessions, "/workload": WORKLOAD_ACTIONS}.get(name.lower())
    if choices is None or " " in rest:
        return []
    return [f"{name} {choice} " for choice in choices if choice.startswith(rest)]


def common_prefix(options: list[str]) -> str:
    if not options:
        return ""
    first, last = min(options), max(options)
    size = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), min(len(first), len(last)))
    return first[:size]


ASK_HELP = 'From a shell: advisor ask "/COMMAND …" runs one on the session the chat would open (or --session NAME).'


def help_text() -> str:
    """The commands for a plain terminal (`advisor ask /help`)."""
    width = max(len(c.usage) for c in COMMANDS.values())
    rows = [f"{c.usage.ljust(width)}  {c.help}" for c in COMMANDS.values()]
    return "\n".join(["Commands:", *rows, "", ASK_HELP])


def help_markdown(keymap_file: str | None = None) -> str:
    """The commands and the chat's keys."""
    from advisor.text.render import markdown_cell

    rows = "\n".join(f"| `{markdown_cell(c.usage)}` | {markdown_cell(c.help)} |" for c in COMMANDS.values())
    remap = (
        f'\n\nRemap a key in `{keymap_file}` (binding id = key, e.g. `"advisor.export" = "f9"`).' if keymap_file else ""
    )
    return f"**Commands**\n\n| command | what it does |\n|---|---|\n{rows}\n\n{KEYS_HELP}{remap}"
