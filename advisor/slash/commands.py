"""Slash commands: the registry their handlers register in (advisor.slash.run, each with its name,
usage and help above it), parsing, tab completion and /help (no Textual import)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from advisor.tools.register import Registry
from advisor.tools.wording import N_


@dataclass(frozen=True)
class Command:
    """One slash command, registered with ``@command`` above its handler in advisor.slash.run."""

    name: str  # /set
    handler: Callable[[Any, str], Awaitable[None]]  # (the front, the rest of the line)
    usage: str  # /set FIELD VALUE
    help: str
    takes_argument: bool = False  # the palette fills the prompt instead of running it
    changes_session: bool = False  # refused while a reply is running
    names_models: bool = False  # `advisor ask` finds the models first (a turn finds them anyway)
    needs_session: bool = True  # refused until the chat has opened its session (/help is not)


# Filled by advisor.slash.run, which this package's __init__ imports: every command is here whenever
# any module of advisor.slash is.
COMMANDS: Registry[Command] = Registry(Command)


KEYS_HELP = N_(
    "Enter sends · Shift+Enter or Ctrl+J breaks the line · Up/Down on the first/last line: history ·"
    " Tab completes a command, a field or a session · Esc stops a reply · a click on a message or on the"
    " options table copies it · Enter on a profile row edits it · F6 sends what you typed to Claude, after"
    " showing exactly what would go · F8 shows or hides the side panel · Ctrl+P: command palette"
)


WORKLOAD_ACTIONS = ("list", "add", "use", "rename", "drop")


def split(text: str) -> tuple[str, str]:
    """'/set a b' → ('/set', 'a b')."""
    name, _, rest = text.strip().partition(" ")
    return name.lower(), rest.strip()


def complete(
    text: str,
    fields: Iterable[str] = (),
    sessions: Iterable[str] = (),
    values: Mapping[str, Iterable[str]] | None = None,
    workloads: Iterable[str] = (),
) -> list[str]:
    """Every full prompt text that `text` may complete to: a command, then a field, a session or a
    workload action, then a field's value (`values`: a field's choices) or a workload's name."""
    if not text.startswith("/"):
        return []
    if " " not in text:
        return [f"{name} " for name in COMMANDS if name.startswith(text.lower())]
    name, _, rest = text.partition(" ")
    name = name.lower()
    if " " in rest:  # the third word: '/set data_boundary re' → region; '/workload use gr' → grading
        first, _, last = rest.partition(" ")
        if " " in last and name != "/workload":
            return []
        if name == "/set":
            options: Iterable[str] = (values or {}).get(first, ())
        elif name == "/workload" and first in ("use", "rename", "drop"):
            options = workloads
        else:
            return []
        return [f"{name} {first} {o}" for o in options if o.casefold().startswith(last.casefold()) and o != last]
    choices = {"/set": fields, "/sessions": sessions, "/workload": WORKLOAD_ACTIONS}.get(name)
    if choices is None:
        return []
    return [f"{name} {choice} " for choice in choices if choice.startswith(rest)]


def common_prefix(options: list[str]) -> str:
    if not options:
        return ""
    first, last = min(options), max(options)
    size = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), min(len(first), len(last)))
    return first[:size]


ASK_HELP = N_('From a shell: advisor ask "/COMMAND …" runs one on the session the chat would open (or --session NAME).')
REMAP_HELP = N_('Remap a key in `{file}` (binding id = key, e.g. `"advisor.export" = "f9"`).')


def help_text(w: Any = None) -> str:
    """The commands for a plain terminal (`advisor ask /help`), in ``w``'s language (a
    advisor.text.words.Words; English without one)."""
    _ = w._ if w is not None else _english
    width = max(len(c.usage) for c in COMMANDS.values())
    rows = [f"{c.usage.ljust(width)}  {_(c.help)}" for c in COMMANDS.values()]
    return "\n".join([_("Commands:"), *rows, "", _(ASK_HELP)])


def help_markdown(keymap_file: str | None = None, w: Any = None) -> str:
    """The commands and the chat's keys, in ``w``'s language (English without one)."""
    from advisor.text.render import markdown_cell

    _ = w._ if w is not None else _english
    rows = "\n".join(f"| `{markdown_cell(c.usage)}` | {markdown_cell(_(c.help))} |" for c in COMMANDS.values())
    remap = "\n\n" + _(REMAP_HELP, file=keymap_file) if keymap_file else ""
    title, name, does = _("Commands"), _("command"), _("what it does")
    head = f"**{title}**\n\n| {name} | {does} |\n|---|---|"
    return f"{head}\n{rows}\n\n{_(KEYS_HELP)}{remap}"


def _english(message: str, /, **values: Any) -> str:
    return message.format(**values) if values else message
