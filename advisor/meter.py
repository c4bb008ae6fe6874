"""The hybrid meter's other half: what a Claude-only advisor would have spent on a turn.

Such an advisor sends, on every request, its system prompt with the profile, the tools' schemas
and the whole conversation so far; a turn that runs a tool costs a second request carrying the
tool's result; and it writes an answer as long as the one shown. Characters are counted and turned
into tokens at a stated rate (``BASIS``), priced at the Claude model's catalog price."""

from __future__ import annotations

import json
import math
from collections.abc import Callable

from pydantic import BaseModel

from advisor.prompts import load as load_prompt

CHARS_PER_TOKEN = 4.0
BASIS = f"estimated at {CHARS_PER_TOKEN:g} characters per token"


class TurnTranscript(BaseModel):
    """What one turn would put in front of Claude, as text."""

    profile: dict
    history: list[str]  # earlier turns: the user's words and the answers shown
    user_text: str
    tool_results: list[str]  # JSON of each tool result this turn
    answer: str


def tokens(chars: int) -> int:
    return math.ceil(chars / CHARS_PER_TOKEN)


def all_claude_tokens(turn: TurnTranscript, tool_schemas: str) -> tuple[int, int]:
    """Input and output tokens a Claude-only advisor would have used for this turn."""
    system = load_prompt("system_local.md").replace("{profile}", json.dumps(turn.profile))
    base = len(system) + len(tool_schemas) + sum(len(t) for t in turn.history) + len(turn.user_text)
    requests = 2 if turn.tool_results else 1  # ask, then answer with the tool's result
    input_chars = requests * base + sum(len(r) for r in turn.tool_results)
    return tokens(input_chars), tokens(len(turn.answer))


class AllClaudeTurn(BaseModel):
    input_tokens: int
    output_tokens: int
    usd: float
    basis: str = BASIS


def estimate(turn: TurnTranscript, tool_schemas: str, price: Callable[[int, int], float]) -> AllClaudeTurn:
    i, o = all_claude_tokens(turn, tool_schemas)
    return AllClaudeTurn(input_tokens=i, output_tokens=o, usd=price(i, o))
