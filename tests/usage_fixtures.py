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

        return replace(self, request_id=request_id or self.request_id, at=at or self.at, blocks=1,
                       sidechain=self.sidechain if sidechain is None else sidechain)


def user_line(session: str, at: str, text: str = "please fix the failing test") -> str:
    return json.dumps({
        "parentUuid": None, "isSidechain": False, "userType": "external", "cwd": "/home/dev/app",
        "sessionId": session, "version": "2.0.14", "gitBranch": "main", "type": "user",
        "message": {"role": "user", "content": text}, "uuid": f"u-{at}", "timestamp": at,
    })


def tool_result_line(session: str, at: str, output: str) -> str:
    """A user entry carrying a tool's output (file contents, …): large, and no usage."""
    return json.dumps({
        "parentUuid": "p", "isSidechain": False, "type": "user", "sessionId": session,
        "message": {"role": "user", "content": [{"tool_use_id": "toolu_1", "type": "tool_result",
                                                  "content": output}]},
        "toolUseResult": {"stdout": output, "stderr": "", "interrupted": False},
        "uuid": f"t-{at}", "timestamp": at,
    })


def task_result_line(session: str, at: str, tokens: int) -> str:
    """The Task tool's result in the parent session: a user entry that carries the sub-agent's
    usage totals. Those requests are in the sub-agent's own file: this is not a request."""
    return json.dumps({
        "parentUuid": "p", "isSidechain": False, "type": "user", "sessionId": session,
        "message": {"role": "user", "content": [{"tool_use_id": "toolu_task", "type": "tool_result",
                                                  "content": [{"type": "text", "text": "Done."}]}]},
        "toolUseResult": {"status": "completed", "totalTokens": tokens, "totalDurationMs": 5000,
                          "usage": {"input_tokens": tokens, "output_tokens": 10, "cache_read_input_tokens": 0}},
        "uuid": f"task-{at}", "timestamp": at,
    })


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
        lines.append(json.dumps({
            "parentUuid": "p", "isSidechain": call.sidechain, "userType": "external", "cwd": "/home/dev/app",
            "sessionId": session, "version": "2.0.14", "gitBranch": "main",
            "message": {
                "id": call.message_id, "type": "message", "role": "assistant", "model": call.model,
                "content": content, "stop_reason": None, "stop_sequence": None,
                "usage": {
                    "input_tokens": call.input_tokens,
                    "cache_creation_input_tokens": call.cache_write_5m + call.cache_write_1h,
                    "cache_read_input_tokens": call.cache_read,
                    "cache_creation": {"ephemeral_5m_input_tokens": call.cache_write_5m,
                                       "ephemeral_1h_input_tokens": call.cache_write_1h},
                    "output_tokens": out, "service_tier": "standard",
                },
            },
            "requestId": call.request_id, "type": "assistant", "uuid": f"a-{call.message_id}-{block}",
            "timestamp": call.at,
        }))
    return lines


def synthetic_line(session: str, at: str) -> str:
    """Claude Code logs an API error as a synthetic assistant message with zero usage: no request."""
    return json.dumps({
        "type": "assistant", "sessionId": session, "timestamp": at, "requestId": None,
        "message": {"id": f"syn-{at}", "model": "<synthetic>", "role": "assistant",
                    "content": [{"type": "text", "text": "API Error: 529"}],
                    "usage": {"input_tokens": 0, "output_tokens": 0}},
    })


def write_lines(path: Path, lines: list[str], cut_last: bool = False) -> Path:
    """``cut_last``: the file ends mid-line, as when Claude Code is killed while writing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(lines) + "\n"
    if cut_last:
        text = text.rstrip("\n")
        text = text[: len(text) - len(lines[-1]) // 2]
    path.write_text(text)
    return path


def synthetic_tree(root: Path, lines: int, seed: int = 7, sessions: int = 40) -> int:
    """A large Claude Code projects tree for the benchmark: about ``lines`` lines of realistic shape
    (user turns, tool results of a few KB, streamed assistant messages, sub-agent files). Returns
    the number of lines written."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    written, n = 0, 0
    per_session = max(lines // sessions, 10)
    for s in range(sessions):
        project = root / "projects" / f"-home-dev-project{s % 7}"
        session = f"sess-{s:04d}"
        for path in (project / f"{session}.jsonl", project / session / "subagents" / f"agent-{s:04d}.jsonl"):
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w") as handle:
                budget = per_session // 2
                count = 0
                while count < budget:
                    at = (start + timedelta(seconds=n * 37)).isoformat().replace("+00:00", "Z")
                    n += 1
                    handle.write(user_line(session, at) + "\n")
                    handle.write(tool_result_line(session, at, "x" * rng.randint(200, 4000)) + "\n")
                    call = Call(f"msg_{n:09d}", f"req_{n:09d}", at, input_tokens=rng.randint(1, 50),
                                cache_read=rng.randint(0, 150_000), cache_write_5m=rng.randint(0, 5000),
                                output_tokens=rng.randint(1, 2000), blocks=rng.randint(1, 3),
                                sidechain=path.parent.name == "subagents")
                    for line in assistant_lines(session, call, "y" * rng.randint(50, 1500)):
                        handle.write(line + "\n")
                        count += 1
                    count += 2
                written += count
    return written
