"""The user's own words to Claude: only for one message the user asked for (`/escalate
--with-my-words …`, F6 in the chat), after seeing exactly what will be sent, and bound to that
text by its digest (payload.ClaudeRequest.digest) — a profile or a figure that moved since means
nothing is sent. Never offline, never for regulated data, never words the privacy guard finds
sensitive data in (the guard is the second check on what the user is shown), never past a length
a question needs."""

from __future__ import annotations

from pydantic import BaseModel

from advisor.escalation.privacy_guard import sensitive_mentions

MAX_WORDS = 2000  # characters: a question for the memo, not a document


class Consent(BaseModel):
    """The user saw the request with these words and said send it: it holds for that text only."""

    words: str
    digest: str


def refusal(words: str, *, offline: bool, privacy: str | None, claude: str | None) -> str | None:
    """Why these words may not go to Claude, or None. ``claude``: why Claude is off, if it is."""
    if offline:
        return "offline: nothing leaves this machine, your words least of all"
    if claude is not None:
        return claude
    if privacy == "regulated":
        return "the data is regulated, so your words stay here; /escalate sends the profile and the figures alone"
    if not words.strip():
        return "no words to send; write them after --with-my-words (or type them and press F6 in the chat)"
    if len(words) > MAX_WORDS:
        return f"your words are {len(words):,} characters; at most {MAX_WORDS:,} go with one message"
    found = sensitive_mentions(words)
    if found:
        named = ", ".join(dict.fromkeys(m.strip() for m in found[:3]))
        return (
            f"your words name sensitive data ({named}), so they stay here — rephrase without it,"
            " or /escalate sends the profile and the figures alone"
        )
    return None
