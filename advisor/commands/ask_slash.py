"""`advisor ask "/set electricity_usd_per_kwh 0.30"`: a slash command, run by the chat's own code
(advisor.slash.run) with the terminal as its front. Its output goes to stdout (with --json: in the
document's "answer"), progress and warnings to stderr, bad input is one line and exit status 2.
It acts on the session the chat would open: --session NAME, --new, else the latest."""

from __future__ import annotations

import json
import shlex
import sys
from typing import IO, TYPE_CHECKING, Any

from advisor.commands.ask_output import err, notice_line, progress

if TYPE_CHECKING:
    from advisor.config import Config

NO_LOCAL_MODEL = "no local model (--local none)"


def is_command(text: str) -> bool:
    return text.lstrip().startswith("/")


def startup_notices(session: Any) -> list[str]:
    """What opening the session had to say, for the turn's one stderr line: not that there is no
    local model when the user asked for none (`--local none`)."""
    asked_none = session.config.local == "none"
    return [n for n in session.startup_notices if not (asked_none and n.startswith(NO_LOCAL_MODEL))]


class AskFront:
    """A slash command's front for one `advisor ask`: nothing goes on after it (``live`` False)."""

    live = False
    keymap_file = None
    pending_catalog_update: tuple | None = None

    def __init__(
        self,
        config: Config,
        session_name: str | None,
        new: bool,
        as_json: bool,
        models: bool,
        workload: str | None = None,
    ) -> None:
        self.config, self.session_name, self.new, self.as_json = config, session_name, new, as_json
        self.workload = workload  # `--workload NAME`: the workload the command acts on
        self.models = models  # find the models as the session opens (/model names them)
        self._session: Any = None
        self._connected = False
        self.output: list[str] = []  # what the command showed, for --json's "answer"
        self.turn: Any = None  # a /whatif's or /escalate's turn (advisor.commands.ask_output.TurnOutcome)
        self.pending: list[str] = []  # startup notices, said with the turn's (or at the end)
        self.consent_shown: dict | None = None  # /escalate --with-my-words: what would be sent, for --json

    @property
    def session(self) -> Any:
        if self._session is None:
            from advisor.session import Session

            self._session = Session.load(self.config, self.session_name, new=self.new, on_progress=progress)
            if self.workload is not None:
                self.pending.append(self._session.select_workload(self.workload))
        if self.models and not self._connected:
            self._connect()
        return self._session

    def _connect(self) -> None:
        """Find the local model and Claude, once, and say what was found (as `advisor ask` does)."""
        self._connected = True
        self._session.connect(progress)
        self.pending += startup_notices(self._session)

    def close(self) -> None:
        if self.pending and not self.as_json and (line := notice_line(self.pending)):
            err(line)
        if self._session is not None:
            self._session.close()

    def _out(self, text: str) -> None:
        self.output.append(text)
        if not self.as_json:
            print(text, flush=True)

    async def reply(self, markdown: str, plain: str | None = None) -> None:
        self._out(plain if plain is not None else markdown)

    async def notice(self, text: str, level: str = "info") -> None:
        if level == "error":
            err(f"advisor: error: {text}")
        elif level == "info":
            self._out(text)  # the command's own output: "set …", "wrote the report to …"
        else:
            err(f"advisor: {text}")

    async def send(self, text: str, escalate: bool = False, consent: Any = None) -> None:
        from advisor.commands.ask_output import ask_turn

        self.models = True  # a turn needs them
        session = self.session
        notices, self.pending = self.pending, []
        self.turn = ask_turn(session, text, escalate=escalate, as_json=self.as_json, notices=notices, consent=consent)

    async def consent(self, request: Any, words: str) -> None:
        """A shell cannot ask and wait: show exactly what would be sent, and the command that sends
        it — with the digest of this text, so it goes only if nothing has changed."""
        self.consent_shown = {"digest": request.digest(), "system": request.system, "user": request.user}
        session = f" --session {shlex.quote(self.session.name)}"
        again = f"/escalate --with-my-words --confirm {request.digest()} -- {words}"
        self._out(
            "This is exactly what Claude would be sent (the system prompt, then the message). Nothing was sent.\n\n"
            f"--- system ---\n{request.system.rstrip()}\n--- message ---\n{request.user.rstrip()}\n---\n\n"
            f"To send exactly this: advisor ask{session} {shlex.quote(again)}"
        )

    async def session_changed(self, fields: set[str] | None = None, switched: bool = False) -> None:
        if switched:  # /reset: a new session, and the chat would now be on it
            self._out(f"new session {self.session.name}")

    def copy(self, text: str) -> bool:
        return False

    def working(self, text: str | None) -> None:
        if text is not None:
            err(f"advisor: {text}")

    def progress_stream(self) -> IO[str]:
        return sys.stderr

    def notice_from_thread(self, text: str) -> None:
        err(f"advisor: {text}")

    def status_changed(self) -> None:
        pass


def run_slash(
    config: Config, text: str, *, session_name: str | None, new: bool, as_json: bool, workload: str | None = None
) -> int:
    """Run one slash command; its exit status (bad input: one line on stderr and 2, as the CLI's)."""
    import asyncio  # a command's run only: a plain question does not pay for asyncio's import

    from advisor.commands.ask_output import ask_document, finite
    from advisor.slash.commands import COMMANDS, split
    from advisor.slash.run import OK, run_command

    command = COMMANDS.get(split(text)[0])
    models = bool(command and command.names_models)
    front = AskFront(config, session_name, new, as_json, models=models, workload=workload)
    try:
        status = asyncio.run(run_command(front, text))
        if status != OK:
            return status
        if front.turn is not None and front.turn.failed:
            return 1
        if front.turn is not None and front.turn.refused:
            return 2  # `--confirm`: the words did not go (its stderr line says why)
        if as_json:
            answer = front.turn.answer if front.turn is not None else "\n\n".join(front.output)
            turn = front.turn
            notices = turn.notices if turn is not None else front.pending
            read, questions = (turn.read, turn.questions) if turn is not None else ([], [])
            session = front._session
            document = (
                ask_document(session, answer, notices, read, questions) if session is not None else {"answer": answer}
            )
            document["command"] = split(text)[0]
            if front.turn is not None and front.turn.scenario is not None:
                document["scenario"] = front.turn.scenario
            if front.consent_shown is not None:
                document["consent"] = front.consent_shown
            print(json.dumps(finite(document), indent=2, default=str, allow_nan=False))
        return 0
    finally:
        front.close()
