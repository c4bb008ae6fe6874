"""A pattern cut down to what a text can match, before it is compiled: most of the reader's
alternations list words (units, periods, cue words, in every language) of which a message holds a
few, and compiling all of them costs more than reading the message.

Each alternative of a group is read for its *pieces*: the runs of literal characters every match of
it contains (a character a quantifier follows, a class, an escape such as ``\\s`` or a nested group
ends a piece). An alternative some piece of which is not in the text — compared case-folded, so a
case-blind match is never missed — cannot match anywhere in it, nor can one holding a group that
must match and cannot. Such an alternative is left out; the others keep their order, so what the
pattern finds in that text does not change. When no alternative of the whole pattern can match,
nothing is compiled at all. An alternative holding a capturing group is always kept (group numbers
and names stay), and a pattern with a conditional group or in verbose mode is not cut."""

from __future__ import annotations

import re

# One token of a pattern: a run of plain characters, an escape, a class, a group opening, a
# quantifier, '|', ')', or one other character.
_TOKEN = re.compile(
    r"""
    [^\\\[\](){}|*+?.^$]+
  | \\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|\d+|[\s\S])
  | \[\^?\]?(?:\\[\s\S]|[^\]\\])*\]
  | \(\?P<[^>]*>
  | \(\?P=[^)]*\)
  | \(\?\#[^)]*\)
  | \(\?[aiLmsux-]*\)
  | \(\?(?:[:=!>]|<[=!]|[aiLmsux-]+:)
  | \(
  | (?:[*+?]|\{\d*(?:,\d*)?\})[?+]?
  | [\s\S]
    """,
    re.VERBOSE,
)
_SPECIAL = frozenset(".^$|()[]{}*+?\\")
_NOT_CUT = re.compile(r"\(\?\(|\(\?[a-zA-Z-]*x")  # a conditional group, verbose mode
_QUANTIFIERS = frozenset("*+?{")
_NEGATIVE = ("(?!", "(?<!")  # a lookaround that holds when its group cannot match
NEVER = "(?!)"  # a group none of whose alternatives can match


class Alternative:
    __slots__ = ("captures", "parts", "pieces", "required")

    def __init__(self) -> None:
        self.parts: list[str | Group] = []  # source text and nested groups, in order
        self.pieces: list[str] = []  # literal runs (case-folded) every match of it contains
        self.required: list[Group] = []  # nested groups every match of it goes through
        self.captures = False  # it holds a capturing group


class Group:
    """A group of alternatives: its opening ('' for the whole pattern) and its alternatives."""

    __slots__ = ("alternatives", "captures", "opening")

    def __init__(self, opening: str) -> None:
        self.opening = opening
        self.alternatives: list[Alternative] = [Alternative()]
        self.captures = opening == "(" or opening.startswith("(?P<")

    def render(self, text: str, holds: dict[str, bool]) -> tuple[str, bool]:
        """The group's source less the alternatives that cannot match in ``text`` (case-folded), and
        whether any alternative can."""
        kept, possible = [], False
        for alt in self.alternatives:
            ok = True
            for piece in alt.pieces:
                found = holds.get(piece)
                if found is None:
                    found = holds[piece] = piece in text
                if not found:
                    ok = False
                    break
            if not ok and not alt.captures:
                continue
            parts = []
            for part in alt.parts:
                if isinstance(part, str):
                    parts.append(part)
                    continue
                source, can = part.render(text, holds)
                parts.append(source + ")")
                if not can and part in alt.required:
                    ok = False
            if ok or alt.captures:
                kept.append("".join(parts))
            possible = possible or ok
        return self.opening + ("|".join(kept) if kept else NEVER), possible


def parse(pattern: str, flags: int = 0) -> Group | None:
    """The pattern as groups of alternatives, or None when it is not to be cut (verbose, a
    conditional group, unbalanced)."""
    if flags & re.VERBOSE or _NOT_CUT.search(pattern):
        return None
    stack = [Group("")]
    alt = stack[0].alternatives[0]
    run: list[str] = []  # literal text since the last piece ended
    closed: Group | None = None  # the group the previous token closed
    for token in _TOKEN.findall(pattern):
        first = token[0]
        if first not in _SPECIAL:
            run.append(token)
            alt.parts.append(token)
            closed = None
            continue
        if first in _QUANTIFIERS and (first != "{" or len(token) > 1):
            if run:  # the character it repeats (or makes optional) is not in every match
                run[-1] = run[-1][:-1]
            elif closed in alt.required and (first in "*?" or (first == "{" and token[1] in "0,}")):
                alt.required.remove(closed)  # a group that may match nothing is not required
            closed = None
        elif first == "\\" and len(token) == 2 and not token[1].isalnum():
            run.append(token[1])
            alt.parts.append(token)
            closed = None
            continue
        if run:
            alt.pieces.append("".join(run).casefold())
            run.clear()
        closed = None
        if token == "|":
            alt = Alternative()
            stack[-1].alternatives.append(alt)
        elif first == "(" and token[-1] != ")":
            group = Group(token)
            alt.parts.append(group)
            if not token.startswith(_NEGATIVE):
                alt.required.append(group)
            stack.append(group)
            alt = group.alternatives[0]
        elif token == ")":
            if len(stack) == 1:
                return None
            closed = stack.pop()
            closed.captures = closed.captures or any(a.captures for a in closed.alternatives)
            alt = stack[-1].alternatives[-1]
            alt.captures = alt.captures or closed.captures
        else:
            alt.parts.append(token)
    if run:
        alt.pieces.append("".join(run).casefold())
    return stack[0] if len(stack) == 1 else None


def pruned(tree: Group, text: str, holds: dict[str, bool] | None = None) -> str | None:
    """The source ``tree`` was parsed from, less what cannot match in ``text``; None when nothing of
    it can. ``holds`` remembers which pieces ``text`` holds, for the next pattern."""
    source, possible = tree.render(text.casefold(), {} if holds is None else holds)
    return source if possible else None
