"""What each slash command does, for any front end: the chat (advisor.tui.slash) and `advisor ask
"/…"` (advisor.commands.ask_slash) run this same code and differ only in where the output goes.
Bad input raises UsageError and shows as one error line; in the chat the session goes on.

To add a command: an async function of the front and the rest of the line, with
``@command("/name", usage=…, help=…)`` above it; heavy imports inside it. /help, completion and the
palette list it from there (advisor.slash.commands), in the order of this file."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, Protocol

from advisor.errors import UsageError, one_line, output_failed
from advisor.slash.commands import COMMANDS, help_markdown, help_text, split
from advisor.tools.wording import N_  # each command's help, as /help says it in the session's language

OK, BAD_INPUT, FAILED = 0, 2, 1  # as the command line's exit statuses
command = COMMANDS.register


class Front(Protocol):
    """Where a command's output goes. ``live``: a chat that goes on after the command (the TUI);
    False for one `advisor ask`, which refuses what would only change a chat that then ends."""

    live: bool
    keymap_file: str | None
    pending_catalog_update: tuple | None  # shown by /catalog update, written by /catalog write

    @property
    def session(self) -> Any:  # advisor.session.Session; None while the chat is still opening it
        ...

    async def reply(self, markdown: str, plain: str | None = None) -> None:
        """A block of Markdown; ``plain``: the same for a plain terminal, when it differs."""

    async def notice(self, text: str, level: str = "info") -> None: ...

    async def send(self, text: str, escalate: bool = False, consent: Any = None) -> None:
        """Run ``text`` as a turn of the conversation; with ``consent`` (escalation.consent.Consent)
        the turn is the user's own words to Claude, as shown."""

    async def consent(self, request: Any, words: str) -> None:
        """Show ``request`` (escalation.payload.ClaudeRequest: exactly what Claude would be sent,
        the user's ``words`` in it) and send it only if the user says so: a screen in the chat, a
        second command with the digest from a shell."""

    async def session_changed(self, fields: set[str] | None = None, switched: bool = False) -> None:
        """The profile changed (``fields``: which), or the session is now another one."""

    def copy(self, text: str) -> bool:
        """Put ``text`` on the clipboard; False when there is none."""

    def working(self, text: str | None) -> None:
        """Say what is under way; None when it is done."""

    def progress_stream(self) -> IO[str]:
        """Where a progress bar running in a thread writes."""

    def notice_from_thread(self, text: str) -> None: ...

    def status_changed(self) -> None: ...

    async def pull(self, model: str) -> None:
        """Pull a local model (``model`` as /pull takes it, "" for the default) and chat with it
        (a chat only: `advisor model pull` is the shell's)."""


async def run_command(front: Front, text: str) -> int:
    """Run one `/command …` line: OK, or BAD_INPUT / FAILED after showing one error line."""
    name, rest = split(text)
    try:
        command = COMMANDS.get(name)
        if command is None:
            raise UsageError(f"{name}: unknown command; /help lists them")
        if command.needs_session and front.session is None:
            raise UsageError(f"{name}: no session yet")
        await command.handler(front, rest)
    except UsageError as exc:
        said = front.session.words().phrase(str(exc)) if front.session is not None else str(exc)
        await front.notice(one_line(said), "error")
        return BAD_INPUT
    except BrokenPipeError:  # `advisor ask /profile | head -3`: the command line ends quietly
        raise
    except Exception as exc:  # any other failure: one line (in the chat the session goes on)
        if output_failed(exc):  # `advisor ask /profile > /dev/full`: the command line says so
            raise
        if type(exc).__module__ == "sqlite3":  # locked, full, read-only: the database named, what to do
            from advisor.store import database_problem

            path = front.session.store.path if front.session is not None else None
            await front.notice(one_line(f"{name}: {path}: {database_problem(exc, path)}"), "error")
            return BAD_INPUT
        await front.notice(one_line(f"{name} failed: {type(exc).__name__}: {exc}"), "error")
        return FAILED
    return OK


def only_in_the_chat(front: Front, what: str, instead: str) -> None:
    """Refuse, in `advisor ask`, what would only change a chat that then ends."""
    if not front.live:
        raise UsageError(f"{what} — `advisor ask` ends after one command; {instead}")


ESCALATE_USAGE = "usage /escalate [QUESTION], or /escalate --with-my-words QUESTION (shown first, then sent)"


def parse_escalate(rest: str) -> tuple[bool, str | None, str]:
    """``--with-my-words [--confirm DIGEST] [--] WORDS`` → (with words, the digest, the words as typed)."""
    with_words, confirm, text = False, None, rest.strip()
    while text.startswith("--"):
        flag, _, text = text.partition(" ")
        text = text.lstrip()
        if flag == "--":
            break
        if flag == "--with-my-words":
            with_words = True
        elif flag == "--confirm":
            confirm, _, text = text.partition(" ")
            text = text.lstrip()
            if not confirm:
                raise UsageError("escalate: --confirm needs the digest the preview showed")
        else:
            raise UsageError(f"escalate: {flag} is not an option; {ESCALATE_USAGE}")
    if confirm is not None and not with_words:
        raise UsageError("escalate: --confirm goes with --with-my-words")
    return with_words, confirm, text.strip()


@command("/help", usage="/help", help=N_("the commands and keys"), needs_session=False)
async def show_help(front: Front, _rest: str) -> None:
    w = front.session.words() if front.session is not None else None  # before the session opens: English
    await front.reply(help_markdown(front.keymap_file, w), plain=help_text(w))


@command("/profile", usage="/profile", help=N_("the workload profile: given, assumed, missing"))
async def profile(front: Front, _rest: str) -> None:
    from advisor.text.profile_table import profile_markdown

    await front.reply(profile_markdown(front.session))


@command("/options", usage="/options", help=N_("every option with its figures, why the pick, why the others fail"))
async def options(front: Front, _rest: str) -> None:
    from advisor.text.summary import recommendation_markdown

    result = front.session.comparison()
    if result is None:
        raise UsageError("options: no volume yet — tell me how many requests or tokens first")
    brief = getattr(front.session, "brief", False)  # the side panel beside the chat has the other columns
    await front.reply(recommendation_markdown(result, limit=len(result.options), w=front.session.words(), brief=brief))


@command(
    "/set",
    usage="/set FIELD VALUE",
    help=N_("change a profile field, e.g. /set electricity_usd_per_kwh 0.30"),
    takes_argument=True,
    changes_session=True,
)
async def set_field(front: Front, rest: str) -> None:
    session = front.session
    field, _, value = rest.partition(" ")
    if not field or not value.strip():
        raise UsageError("set: usage /set FIELD VALUE, e.g. /set electricity_usd_per_kwh 0.30")
    diff = session.set_field(field, value.strip())
    w = session.words()  # after the change: '/set lang de' is confirmed in German
    shown = [
        f"{w.field_name(k)}: {w.format_value(k, old)} → {w.format_value(k, new)}" for k, (old, new) in diff.items()
    ]
    changes = "; ".join(shown) or w._("{field}: unchanged", field=w.field_name(field))
    await front.notice(w._("set {changes}", changes=changes))
    await front.session_changed(set(diff))


@command(
    "/whatif",
    usage="/whatif TEXT",
    help=N_("a scenario beside today's figures, e.g. /whatif volume doubles"),
    takes_argument=True,
    changes_session=True,
)
async def whatif(front: Front, rest: str) -> None:
    if not rest:
        raise UsageError("whatif: usage /whatif TEXT, e.g. /whatif volume doubles")
    await front.send(rest if rest.lower().startswith(("what", "and ", "how")) else f"what if {rest}")


@command(
    "/escalate",
    usage="/escalate [--with-my-words [--confirm DIGEST]] [QUESTION]",
    help=N_(
        "ask Claude for the synthesis (within the budget): it gets the profile and the figures; your words"
        " only with --with-my-words (or F6), after you have seen exactly what would be sent"
    ),
    changes_session=True,
    names_models=True,
)
async def escalate(front: Front, rest: str) -> None:
    """`/escalate [QUESTION]`: Claude gets the typed profile and the figures, never the words.
    `/escalate --with-my-words QUESTION`: the words too, for this message, once the user has seen
    exactly what would be sent (`--confirm DIGEST`: the shell's second step)."""
    from advisor.escalation.consent import Consent

    with_words, confirm, words = parse_escalate(rest)
    if not with_words:
        await front.send(words or "write the final recommendation memo", escalate=True)
    elif confirm is not None:
        await front.send(words, escalate=True, consent=Consent(words=words, digest=confirm))
    else:
        await front.consent(front.session.words_request(words), words)


@command(
    "/bill",
    usage="/bill [confirm]",
    help=N_("a Claude bill beyond what was sent holds Claude's calls: /bill shows it, /bill confirm lets them go on"),
    takes_argument=True,
    changes_session=True,
)
async def bill(front: Front, rest: str) -> None:
    from advisor.escalation.bill import held_reason

    session = front.session
    if rest.strip().lower() not in ("", "confirm"):
        raise UsageError(f"bill: {rest.strip()!r} is not an action; usage /bill [confirm]")
    if not rest.strip():
        spend = session.spend()
        held = held_reason(session.state.bill_hold) or "Claude is not held"
        await front.notice(f"{held}; spent ${spend.claude_usd:.2f} of ${session.config.budget_usd:.2f}")
        return
    hold = session.confirm_bill()
    if hold is None:
        await front.notice("bill: nothing to confirm — Claude is not held")
        return
    await front.notice(f"bill confirmed (${hold.usd:.2f} for {hold.model}): Claude calls may go on, within the budget")
    front.status_changed()


@command(
    "/offline",
    usage="/offline",
    help=N_("offline on/off: with it on nothing leaves this machine"),
    changes_session=True,
)
async def offline(front: Front, _rest: str) -> None:
    only_in_the_chat(front, "offline: switches the running chat", "`advisor ask --offline …` asks offline")
    session = front.session
    changed = session.set_offline(not session.offline)
    if changed:
        await front.notice(changed, level="warning")
    state = "on: nothing leaves this machine" if session.offline else f"off: Claude is {session.claude_label}"
    await front.notice(f"offline {state}")
    front.status_changed()


@command(
    "/import",
    usage="/import PATH [--since DATE] [--until DATE]",
    help=N_("measure the workload from usage records: a Claude Code folder (~/.claude), an llm logs.db or a CSV"),
    takes_argument=True,
    changes_session=True,
)
async def import_records(front: Front, rest: str) -> None:
    """Read the records in a thread (a chat stays live; progress shows as it goes), then make
    the measurement the session's measured profile."""
    import asyncio

    from advisor.measure.run import ImportFailed, measure_path
    from advisor.slash.records import parse_import_line, window
    from advisor.text.measured import import_markdown

    args = parse_import_line(rest)
    since, until = window(args)
    session = front.session
    front.working(f"importing {args.path}…")
    try:
        measured = await asyncio.to_thread(
            measure_path,
            args.path,
            session.catalog,
            since=since,
            until=until,
            columns=args.columns,
            tz=args.tz,
            progress_stream=front.progress_stream(),
        )
    except ImportFailed as exc:
        raise UsageError(str(exc)) from None
    finally:
        front.working(None)
    if not measured.counted:
        raise UsageError(f"import: no requests in {args.path} in the window; the profile is unchanged")
    diff = session.apply_measured(measured)
    await front.reply(import_markdown(measured, session.name))
    await front.session_changed(set(diff))


@command(
    "/export",
    usage="/export [PATH]",
    help=N_(
        "write the report as Markdown (default: exports/ in the data dir, one file a session a day); never"
        " over an existing file"
    ),
)
async def export(front: Front, rest: str) -> None:
    written = front.session.export(Path(rest).expanduser() if rest else None)
    copied = " (path copied)" if front.copy(str(written)) else ""
    await front.notice(f"wrote the report to {written}{copied}")


@command(
    "/workload",
    usage="/workload [list] · add NAME · use NAME · rename [OLD to] NEW · drop NAME",
    help=N_("several workloads in one session, one plan across them: what you say goes to the one in use"),
    takes_argument=True,
    changes_session=True,
)
async def workload(front: Front, rest: str) -> None:
    """`/workload [list] · add NAME · use NAME · rename [OLD to] NEW · drop NAME`."""
    from advisor.text.plan import workloads_markdown

    session = front.session
    action, _, name = rest.strip().partition(" ")
    action, name = action.lower(), " ".join(name.split())
    if action in ("", "list", "ls"):
        await front.reply(workloads_markdown(session.state, session.plan(), session.words()))
        return
    if action not in ("add", "use", "switch", "rename", "drop", "remove"):
        raise UsageError(f"workload: {action!r} is not add, use, rename, drop or list")
    if not name:
        raise UsageError(f"workload: {action} which? e.g. /workload {action} essay grading")
    if action == "add":
        added = session.add_workload(name)
        said = f"added workload {added!r}; what you say now goes to it (its volume first)"
    elif action in ("use", "switch"):
        said = f"workload {session.use_workload(name)!r}: what you say now goes to it"
    elif action == "rename":
        old, to, new = name.rpartition(" to ")
        if not to or session.state.find_workload(old) is None:
            old, new = session.state.workload, name
        said = f"renamed {session.state.find_workload(old)!r} to {session.rename_workload(old, new)!r}"
    else:
        said = f"dropped workload {session.drop_workload(name)!r}; now on {session.state.workload!r}"
    await front.notice(said)
    await front.session_changed()


@command(
    "/sessions",
    usage="/sessions [NAME]",
    help=N_("list the sessions, or switch to one"),
    changes_session=True,
)
async def sessions(front: Front, rest: str) -> None:
    session = front.session
    if rest:
        only_in_the_chat(front, f"sessions: {rest} would switch the running chat", f"`--session {rest}` acts on it")
        session.switch(rest)
        await front.session_changed(switched=True)
        return
    rows = ["| session | created | turns |", "|---|---|---:|"]
    for s in session.list_sessions()[:20]:
        current = " ◀ this one" if s.name == session.name else ""
        rows.append(f"| `{s.name}`{current} | {str(s.created)[:16].replace('T', ' ')} | {s.turns} |")
    switch = "`/sessions NAME` switches" if front.live else "`advisor ask --session NAME …` acts on one"
    await front.reply(f"**Sessions** — {switch}\n\n" + "\n".join(rows))


@command(
    "/model",
    usage="/model",
    help=N_("which local model and which Claude model answer, and why"),
    names_models=True,
)
async def model(front: Front, _rest: str) -> None:
    import asyncio

    s = front.session
    claude = "offline" if s.offline else s.claude_label
    lines = [f"local model: {s.local_label} ({s.mode} mode: {s.mode_reason})", f"Claude: {claude}"]
    lines += s.startup_notices
    lines.append("change them with --local ollama:MODEL | embedded[:PATH] | none, --claude-model ID, --offline")
    for line in lines:
        await front.notice(line)
    listing = getattr(s, "local_models_markdown", None)
    if listing is not None:
        await front.reply(await asyncio.to_thread(listing))


@command(
    "/pull",
    usage="/pull [MODEL]",
    help=N_(
        "pull a local model — into Ollama (default: the configured one) or, without Ollama, a GGUF"
        " for the embedded path — then chat with it"
    ),
)
async def pull(front: Front, rest: str) -> None:
    only_in_the_chat(front, "pull: pulls for the running chat", "`advisor model pull ollama[:MODEL]` pulls")
    if front.session.offline:
        raise UsageError("pull: offline — a pull downloads from the internet; /offline goes online first")
    await front.pull(rest.strip())


@command(
    "/calc", usage="/calc TOOL --field value …", help=N_("run one calculator, as `advisor calc`"), takes_argument=True
)
async def calc(front: Front, rest: str) -> None:
    from advisor.slash.calc import run_calc

    result = run_calc(rest, front.session.catalog)
    await front.reply(f"```\n{result}\n```", plain=result)


@command(
    "/catalog",
    usage="/catalog update [URL|FILE] · /catalog write",
    help=N_("fetch current cloud prices (genai-prices), show what changes; /catalog write saves them"),
    takes_argument=True,
    changes_session=True,
)
async def catalog(front: Front, rest: str) -> None:
    """`/catalog update [URL|FILE]` shows what genai-prices' data changes and asks;
    `/catalog write` writes what was shown. Nothing is written without the second step."""
    import asyncio

    from advisor.paths import config_dir
    from advisor.tools.price_feed import feed_config
    from advisor.upkeep import catalog_update as cu

    action, _, source = rest.partition(" ")
    session = front.session
    path = config_dir() / "catalog.toml"
    if action == "write":
        only_in_the_chat(front, "catalog: nothing shown to write", "`advisor catalog update` shows and writes")
        if front.pending_catalog_update is None:
            raise UsageError("catalog: nothing to write; /catalog update first")
        plan, keep = front.pending_catalog_update
        front.pending_catalog_update = None
        try:
            written = await asyncio.to_thread(cu.write, path, plan, keep)
        except cu.UpdateError as exc:
            raise UsageError(f"catalog: {exc}") from None
        if path not in session.config.catalog_files:  # a catalog.toml that did not exist at start
            session.config.catalog_files = [path, *session.config.catalog_files]
        session.catalog = session.config.catalog()
        await front.notice(f"wrote {written} cloud entries to {path}; the next answer uses them")
        return
    if action != "update":
        raise UsageError("catalog: usage /catalog update [URL|FILE], then /catalog write")
    source = source.strip() or feed_config().url
    if session.offline and cu.is_url(source):
        online = "/offline goes online" if front.live else "run it without --offline"
        raise UsageError(f"catalog: offline — the update would fetch {source}; {online}, or give a FILE")
    front.pending_catalog_update = None
    try:
        keep = cu.own_cloud_ids(cu.read_user_catalog(path))
        plan = await asyncio.to_thread(cu.plan, source, session.catalog, front.notice_from_thread)
    except cu.UpdateError as exc:
        raise UsageError(f"catalog: {exc}") from None
    markdown = ["**Catalog update**"]
    for line in cu.describe(plan, keep):  # indented lines are the entries: bullets, so they wrap
        markdown += [f"- {line.strip()}"] if line.startswith("  ") else ["", line]
    if plan.updates and front.live:
        front.pending_catalog_update = (plan, keep)
        markdown += ["", f"Write these to `{path}`? `/catalog write` writes them; anything else leaves it be."]
    elif plan.updates:
        markdown += ["", f"`advisor catalog update` writes them to `{path}`."]
    await front.reply("\n".join(markdown))


@command("/reset", usage="/reset", help=N_("a new session with an empty profile"), changes_session=True)
async def reset(front: Front, _rest: str) -> None:
    front.session.reset()
    await front.session_changed(switched=True)
