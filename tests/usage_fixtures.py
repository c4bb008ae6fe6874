"""Usage records in the formats `advisor import` reads, built the way their tools write them:
Claude Code session logs (one JSON object a line, a streamed message logged once per content
block, sub-agent sidechains under ``<session>/subagents/``), and CSV exports. (The llm logs.db is
built in the tests with llm's own migrations.)"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path


@dataclass
class Call:
    """One API request as Claude Code logs it."""

    message_id: str
    request_id: str
    at: str  # ISO, Z
    model: str = "claude-sonnet-4-5-20250929"
    input_tokens: int = 0
    cache_write_5m: int = 0
    cache_write_1h: int = 0
    cache_read: int = 0
    output_tokens: int = 0
    blocks: int = 1  # content blocks: the line is logged once per block
    sidechain: bool = False

    def replayed(self, request_id: str | None = None, *, at: str | None = None, sidechain: bool | None = None) -> Call:
        """The same response logged again elsewhere: a side question (`/btw`) or an auto-compaction
        replays its parent's history under its own request id; a resumed session copies it as it was.
        The message id — one API response — is the same."""
        from dataclasses import replace

        return replace(
            self,
            request_id=request_id or self.request_id,
            at=at or self.at,
            blocks=1,
            sidechain=self.sidechain if sidechain is None else sidechain,
        )


def user_line(session: str, at: str, text: str = "please fix the failing test") -> str:
    return json.dumps(
        {
            "parentUuid": None,
            "isSidechain": False,
            "userType": "external",
            "cwd": "/home/dev/app",
            "sessionId": session,
            "version": "2.0.14",
            "gitBranch": "main",
            "type": "user",
            "message": {"role": "user", "content": text},
            "uuid": f"u-{at}",
            "timestamp": at,
        }
    )


def tool_result_line(session: str, at: str, output: str) -> str:
    """A user entry carrying a tool's output (file contents, …): large, and no usage."""
    return json.dumps(
        {
            "parentUuid": "p",
            "isSidechain": False,
            "type": "user",
            "sessionId": session,
            "message": {
                "role": "user",
                "content": [{"tool_use_id": "toolu_1", "type": "tool_result", "content": output}],
            },
            "toolUseResult": {"stdout": output, "stderr": "", "interrupted": False},
            "uuid": f"t-{at}",
            "timestamp": at,
        }
    )


def task_result_line(session: str, at: str, tokens: int) -> str:
    """The Task tool's result in the parent session: a user entry that carries the sub-agent's
    usage totals. Those requests are in the sub-agent's own file: this is not a request."""
    return json.dumps(
        {
            "parentUuid": "p",
            "isSidechain": False,
            "type": "user",
            "sessionId": session,
            "message": {
                "role": "user",
                "content": [
                    {"tool_use_id": "toolu_task", "type": "tool_result", "content": [{"type": "text", "text": "Done."}]}
                ],
            },
            "toolUseResult": {
                "status": "completed",
                "totalTokens": tokens,
                "totalDurationMs": 5000,
                "usage": {"input_tokens": tokens, "output_tokens": 10, "cache_read_input_tokens": 0},
            },
            "uuid": f"task-{at}",
            "timestamp": at,
        }
    )


def assistant_lines(session: str, call: Call, text: str = "Looking at the test now.") -> list[str]:
    """One line per content block, each repeating the message id, request id and usage (the
    output count grows as the blocks stream; the last line has the final count)."""
    lines = []
    for block in range(call.blocks):
        out = call.output_tokens if block == call.blocks - 1 else max(1, call.output_tokens // (call.blocks + 1))
        content = (
            [{"type": "text", "text": text}]
            if block == 0
            else [{"type": "tool_use", "id": f"toolu_{block}", "name": "Bash", "input": {"command": "pytest -q"}}]
        )
        lines.append(
            json.dumps(
                {
                    "parentUuid": "p",
                    "isSidechain": call.sidechain,
                    "userType": "external",
                    "cwd": "/home/dev/app",
                    "sessionId": session,
                    "version": "2.0.14",
                    "gitBranch": "main",
                    "message": {
                        "id": call.message_id,
                        "type": "message",
                        "role": "assistant",
                        "model": call.model,
                        "content": content,
                        "stop_reason": None,
                        "stop_sequence": None,
                        "usage": {
                            "input_tokens": call.input_tokens,
                            "cache_creation_input_tokens": call.cache_write_5m + call.cache_write_1h,
                            "cache_read_input_tokens": call.cache_read,
                            "cache_creation": {
                                "ephemeral_5m_input_tokens": call.cache_write_5m,
                                "ephemeral_1h_input_tokens": call.cache_write_1h,
                            },
                            "output_tokens": out,
                            "service_tier": "standard",
                        },
                    },
                    "requestId": call.request_id,
                    "type": "assistant",
                    "uuid": f"a-{call.message_id}-{block}",
                    "timestamp": call.at,
                }
            )
        )
    return lines


def synthetic_line(session: str, at: str) -> str:
    """Claude Code logs an API error as a synthetic assistant message with zero usage: no request."""
    return json.dumps(
        {
            "type": "assistant",
            "sessionId": session,
            "timestamp": at,
            "requestId": None,
            "message": {
                "id": f"syn-{at}",
                "model": "<synthetic>",
                "role": "assistant",
                "content": [{"type": "text", "text": "API Error: 529"}],
                "usage": {"input_tokens": 0, "output_tokens": 0},
            },
        }
    )


def write_lines(path: Path, lines: list[str], cut_last: bool = False) -> Path:
    """``cut_last``: the file ends mid-line, as when Claude Code is killed while writing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(lines) + "\n"
    if cut_last:
        text = text.rstrip("\n")
        text = text[: len(text) - len(lines[-1]) // 2]
    path.write_text(text)
    return path


def synthetic_tree(
    root: Path,
    lines: int,
    seed: int = 7,
    sessions: int = 40,
    replays: bool = False,
    streamed: bool = True,
    step_seconds: float = 37,
) -> int:
    """A large Claude Code projects tree for the benchmark: about ``lines`` lines of realistic shape
    (user turns, tool results of a few KB, streamed assistant messages, sub-agent files). With
    ``replays``, every fourth session also has a side question (`/btw`) that re-logs its first 20
    responses under its own request id, and a resumed copy of its first 10 in a new session file.
    Without ``streamed`` every response is logged on one line; ``step_seconds`` apart. Returns the
    number of lines written."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    written, n = 0, 0
    per_session = max(lines // sessions, 10)
    for s in range(sessions):
        project = root / "projects" / f"-home-dev-project{s % 7}"
        session = f"sess-{s:04d}"
        first: list[Call] = []
        for path in (project / f"{session}.jsonl", project / session / "subagents" / f"agent-{s:04d}.jsonl"):
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w") as handle:
                budget = per_session // 2
                count = 0
                while count < budget:
                    at = (start + timedelta(seconds=n * step_seconds)).isoformat(timespec="milliseconds")
                    at = at.replace("+00:00", "Z")
                    n += 1
                    handle.write(user_line(session, at) + "\n")
                    handle.write(tool_result_line(session, at, "x" * rng.randint(200, 4000)) + "\n")
                    call = Call(
                        f"msg_{n:09d}",
                        f"req_{n:09d}",
                        at,
                        input_tokens=rng.randint(1, 50),
                        cache_read=rng.randint(0, 150_000),
                        cache_write_5m=rng.randint(0, 5000),
                        output_tokens=rng.randint(1, 2000),
                        blocks=rng.randint(1, 3) if streamed else 1,
                        sidechain=path.parent.name == "subagents",
                    )
                    if not call.sidechain and len(first) < 20:
                        first.append(call)
                    for line in assistant_lines(session, call, "y" * rng.randint(50, 1500)):
                        handle.write(line + "\n")
                        count += 1
                    count += 2
                written += count
        if replays and s % 4 == 0 and first:
            aside = project / session / "subagents" / f"agent-aside_question-{s:04d}.jsonl"
            copies = [
                line for c in first for line in assistant_lines(session, c.replayed(f"req_btw_{s}", sidechain=True))
            ]
            written += len(write_lines(aside, copies).read_text().splitlines())
            resumed = [line for c in first[:10] for line in assistant_lines(f"{session}-resumed", c.replayed())]
            written += len(write_lines(project / f"{session}-resumed.jsonl", resumed).read_text().splitlines())
    return written


# --------------------------------------------------------------------------- OpenAI Codex CLI
# A rollout file as codex-rs writes it (codex-rs/protocol/src/protocol.rs, RolloutLine): one compact
# serde_json object a line, {"timestamp", "type", "payload"}; the token counts are EventMsg::TokenCount.


@dataclass
class CodexUsage:
    """codex's TokenUsage: input includes the cached tokens, output includes the reasoning ones."""

    input_tokens: int = 0
    cached_input_tokens: int = 0
    output_tokens: int = 0
    reasoning_output_tokens: int = 0

    def wire(self) -> dict:
        return {
            "input_tokens": self.input_tokens,
            "cached_input_tokens": self.cached_input_tokens,
            "output_tokens": self.output_tokens,
            "reasoning_output_tokens": self.reasoning_output_tokens,
            "total_tokens": self.input_tokens + self.output_tokens,
        }

    def plus(self, other: CodexUsage) -> CodexUsage:
        return CodexUsage(
            self.input_tokens + other.input_tokens,
            self.cached_input_tokens + other.cached_input_tokens,
            self.output_tokens + other.output_tokens,
            self.reasoning_output_tokens + other.reasoning_output_tokens,
        )


def _codex(at: str, kind: str, payload: dict) -> str:
    return json.dumps({"timestamp": at, "type": kind, "payload": payload}, separators=(",", ":"))


def codex_meta_line(at: str, session_id: str, cwd: str, cli_version: str = "0.46.0") -> str:
    return _codex(
        at,
        "session_meta",
        {
            "id": session_id,
            "timestamp": at,
            "cwd": cwd,
            "originator": "codex_cli_rs",
            "cli_version": cli_version,
            "instructions": None,
            "source": "cli",
            "model_provider": "openai",
            "git": {"commit_hash": "4f1c2d", "branch": "main", "repository_url": "git@example.invalid:dev/app.git"},
        },
    )


def codex_turn_context_line(at: str, cwd: str, model: str) -> str:
    return _codex(
        at,
        "turn_context",
        {
            "cwd": cwd,
            "approval_policy": "on-request",
            "sandbox_policy": {
                "mode": "workspace-write",
                "network_access": False,
                "exclude_tmpdir_env_var": False,
                "exclude_slash_tmp": False,
            },
            "model": model,
            "effort": "medium",
            "summary": "auto",
        },
    )


def codex_user_line(at: str, text: str = "fix the failing test") -> str:
    return _codex(
        at, "response_item", {"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}
    )


def codex_output_lines(at: str, text: str = "Running the tests now.") -> list[str]:
    """What a response leaves besides its count: reasoning, a message, a tool call and its output."""
    return [
        _codex(
            at,
            "response_item",
            {
                "type": "reasoning",
                "summary": [{"type": "summary_text", "text": "**Plan**"}],
                "content": None,
                "encrypted_content": "gAAAA" + "x" * 400,
            },
        ),
        _codex(at, "event_msg", {"type": "agent_message", "message": text}),
        _codex(
            at,
            "response_item",
            {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": text}]},
        ),
        _codex(
            at,
            "response_item",
            {
                "type": "function_call",
                "name": "shell",
                "arguments": json.dumps({"command": ["bash", "-lc", "pytest -q"]}),
                "call_id": "call_1",
            },
        ),
        _codex(
            at,
            "response_item",
            {
                "type": "function_call_output",
                "call_id": "call_1",
                "output": json.dumps({"output": "3 passed\n" * 40, "metadata": {"exit_code": 0}}),
            },
        ),
    ]


def codex_token_count_line(at: str, last: CodexUsage | None, total: CodexUsage | None, window: int = 272_000) -> str:
    """A token count: ``info`` null before the first response (rate limits only); a log from a
    version that wrote no ``last_token_usage`` passes ``last=None``."""
    info = None
    if total is not None:
        info = {"total_token_usage": total.wire(), "model_context_window": window}
        if last is not None:
            info["last_token_usage"] = last.wire()
    return _codex(
        at,
        "event_msg",
        {
            "type": "token_count",
            "info": info,
            "rate_limits": {
                "primary": {"used_percent": 7.0, "window_minutes": 300, "resets_in_seconds": 9000},
                "secondary": {"used_percent": 31.0, "window_minutes": 10080, "resets_in_seconds": 400000},
            },
        },
    )


# --------------------------------------------------------------------------- Gemini CLI
# A chat recording as Gemini CLI's ChatRecordingService writes it (packages/core/src/services/
# chatRecordingService.ts): JSON.stringify of each record, one a line, appended; a message again each
# time it changes (its tokens arrive after its text).


def gemini_meta_line(session_id: str, project_hash: str, at: str) -> str:
    return json.dumps(
        {"sessionId": session_id, "projectHash": project_hash, "startTime": at, "lastUpdated": at},
        separators=(",", ":"),
    )


def gemini_user_line(message_id: str, at: str, text: str = "why does the build fail?") -> str:
    return json.dumps(
        {"id": message_id, "timestamp": at, "type": "user", "content": [{"text": text}]}, separators=(",", ":")
    )


def gemini_reply_lines(message_id: str, at: str, model: str, tokens: dict) -> list[str]:
    """The reply written with its text and no tokens, then again once the usage metadata arrives,
    then a ``$set`` of lastUpdated. ``tokens``: input, output, cached, thoughts, tool (total added)."""
    tokens = {"input": 0, "output": 0, "cached": 0, "thoughts": 0, "tool": 0, **tokens}
    tokens["total"] = tokens["input"] + tokens["output"] + tokens["thoughts"] + tokens["tool"]
    message = {
        "id": message_id,
        "timestamp": at,
        "type": "gemini",
        "content": [{"text": "The linker cannot find"}],
        "thoughts": [{"subject": "Reading the log", "description": "…", "timestamp": at}],
        "tokens": None,
        "model": model,
    }
    return [
        json.dumps(message, separators=(",", ":")),
        json.dumps({**message, "tokens": tokens}, separators=(",", ":")),
        json.dumps({"$set": {"lastUpdated": at}}, separators=(",", ":")),
    ]


def import_then_ask(
    path: Path, data: Path, session: str, capsys, question: str = "what would this cost on our own hardware?"
) -> tuple[str, dict]:
    """As a user: `advisor import PATH --session S`, then `advisor ask --session S --json QUESTION`
    (no local model); the import's output and the answer's document."""
    from advisor.cli import main

    assert main(["import", str(path), "--session", session, "--data-dir", str(data), "--quiet"]) == 0
    imported = capsys.readouterr().out
    assert main(["ask", "--local", "none", "--session", session, "--data-dir", str(data), "--json", question]) == 0
    return imported, json.loads(capsys.readouterr().out)
