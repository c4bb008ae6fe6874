"""Where a message names one of the session's workloads ("the grading job", "the bot", "essay
grading"), says it means all of them ("both", "all workloads", "everything"), or asks to move one
("move the bot to the cloud", "what if the grading ran locally"). Names are matched whole, or by a
word of the name no other workload shares ("bot" for "tutoring bot"), with a determiner before it and
a generic noun after it taken into the span ("the grading job")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.interview.lazy import lazy

# Words too general to pick a workload by (they are in many names, or mean a workload at all).
_GENERIC = frozenset(
    {"the", "a", "an", "and", "of", "for", "our", "my", "job", "jobs", "workload", "workloads", "one", "service",
     "app", "tool", "system", "pipeline", "model", "with", "on", "in", "to", "new", "first", "second", "third"}
)
_BEFORE = r"(?:(?:the|our|my|that|this|its)\s+)?"
_AFTER = r"(?:\s+(?:job|jobs|workload|one|service|pipeline|run|runs))?"
ALL = lazy(
    r"\b(?:both(?:\s+(?:of\s+them|workloads))?|all\s+(?:of\s+them|workloads|the\s+workloads|three|four|five)"
    r"|every\s+workload|each\s+workload|everything|across\s+the\s+board|all\s+of\s+it)\b",
    re.IGNORECASE,
)
_WHERE = {
    "cloud": r"(?:the\s+)?(?:cloud|apis?|hosted\s+apis?|an?\s+api|a\s+provider)",
    "local": r"(?:(?:our|its|their|the)\s+own\s+(?:hardware|box(?:es)?|gpus?|servers?)|local(?:ly)?|on[- ]?prem\w*"
    r"|in[- ]house|self[- ]?host\w*|(?:the|a|our)\s+(?:local\s+)?(?:box|server|gpu)s?)",
    "hybrid": r"(?:a\s+)?hybrid",
}
_VERB = r"(?:move|put|run|ran|send|sent|keep|kept|host|go|goes|went|were|was|shift|migrate|switch)\w*"


@dataclass(frozen=True)
class Mention:
    name: str  # the workload, as the session names it
    start: int
    end: int
    strong: bool = False  # the whole name, or a word of it after "the", "our", …: it picks the workload


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9][a-z0-9-]*", name.casefold()) if w not in _GENERIC and len(w) >= 3]


def mentions(text: str, names: list[str]) -> list[Mention]:
    """Each place ``text`` names one of ``names``, in order; overlapping matches keep the longest."""
    low = text.casefold()
    found: list[Mention] = []
    counts: dict[str, int] = {}
    for name in names:
        for word in set(_words(name)):
            counts[word] = counts.get(word, 0) + 1
    for name in names:
        whole = re.escape(" ".join(name.casefold().split())).replace(r"\ ", r"\s+")
        patterns = [(whole, True)] + [(re.escape(w), False) for w in _words(name) if counts[w] == 1]
        for pattern, full in patterns:
            for m in re.finditer(rf"(?<![\w-])(?P<det>{_BEFORE}){pattern}{_AFTER}(?![\w-])", low):
                found.append(Mention(name, m.start(), m.end(), strong=full or bool(m["det"])))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in found:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def named(text: str, names: list[str]) -> list[str]:
    """The workloads ``text`` names, each once, in the order first named."""
    return list(dict.fromkeys(m.name for m in mentions(text, names)))


def means_all(text: str) -> bool:
    return bool(ALL.search(text.casefold()))


def standing_in(text: str, names: list[str], word: str = "it") -> str:
    """``text`` with each mention of a workload, and each "both" / "all workloads", replaced by
    ``word``: "what if the grading doubles" reads as "what if it doubles" to the what-if reader."""
    out, last = [], 0
    for m in mentions(text, names):
        out += [text[last : m.start], word]
        last = m.end
    text = "".join([*out, text[last:]])
    return ALL.sub(word, text) if ALL.search(text.casefold()) else text


def picked(text: str, names: list[str]) -> str | None:
    """The one workload ``text`` clearly names (its whole name, or "the grading job"), or None."""
    strong = list(dict.fromkeys(m.name for m in mentions(text, names) if m.strong))
    return strong[0] if len(strong) == 1 else None


def placement_wish(text: str) -> str | None:
    """'cloud', 'local' or 'hybrid' when ``text`` (its workloads already read as 'it') asks to move
    one there: "move it to the cloud", "what if it ran locally", "put it on our own hardware"."""
    low = " ".join(text.casefold().split())
    for where, words in _WHERE.items():
        moved = rf"\b{_VERB}\s+(?:it|them)\s+(?:\w+\s+){{0,2}}?{words}\b"
        moving = rf"\b(?:it|they)\s+{_VERB}\s+(?:\w+\s+){{0,2}}?{words}\b"
        if re.search(moved, low) or re.search(moving, low):
            return where
    return None
