"""A choice the second asking offers, picked by its name: to "Pick one — short chat (500 in, 200
out), document (4,000 in, 500 out) or long context (20,000 in, 1,000 out)", the answer "document"
reads as "4,000 in, 500 out". The choices are read from the question's own wording
(prompts/questions.toml), so they cannot drift from what the user was shown."""

from __future__ import annotations

import re

from advisor.interview import rates, tokens
from advisor.interview.draft import Draft
from advisor.interview.lazy import lazy

_CHOICE = lazy(r"(?:—|-|,|\bor\b)\s*(?P<name>[a-z][a-z ]*?)\s*\((?P<spec>[^()]*\d[^()]*)\)")


def offered(asked: str) -> dict[str, str]:
    """The named choices the second asking of ``asked`` offers: name → what it stands for."""
    from advisor.interview.questions import again_texts  # the question texts: only when a choice may be picked

    text = again_texts().get(asked, "").lower()
    return {m["name"].strip(): m["spec"] for m in _CHOICE.finditer(text)}


def _picked(d: Draft, choices: dict[str, str]) -> tuple[str, re.Match[str]] | None:
    """The one choice the answer names: its whole name, else the last word of it ("context")."""
    for words in (lambda name: name, lambda name: name.split()[-1]):
        hits = [(n, m) for n in choices if (m := re.search(rf"\b{re.escape(words(n))}\b", d.text))]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None
    return None


def read_choice(d: Draft, asked: str) -> None:
    """Read an answer naming one of the offered choices as what that choice says."""
    if d.changes.get(asked) is not None:
        return
    choices = offered(asked)
    picked = _picked(d, choices) if choices else None
    if picked is None:
        return
    name, m = picked
    spec = choices[name]
    sub = Draft(spec, d.profile, d.catalog, asked)
    tokens.read_tokens(sub)
    rates.read_rates(sub)
    if not sub.changes:
        return
    for field_name, value in sub.changes.items():  # a figure the answer gives itself stays
        if field_name not in d.changes:
            d.set(field_name, value, kind="pick", spans=[(m.start(), m.end())])
    d.notes.append(f"read '{d.quote(m.start(), m.end())}' as the choice offered: {name} ({spec})")
    d.consume(m.start(), m.end())
