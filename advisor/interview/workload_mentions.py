"""Where a message names one of the session's workloads ("the grading job", "the bot", "essay
grading"), says it means all of them ("both", "all workloads", "everything"), or asks to move one
("move the bot to the cloud", "what if the grading ran locally"). Names are matched whole, or by a
word of the name no other workload shares ("bot" for "tutoring bot"), with a determiner before it and
a generic noun after it taken into the span ("the grading job")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from advisor.interview.lazy import lazy
from advisor.interview.traffic_windows import phrase_pattern, workload_words

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
    """The words of a name that can pick it ("grading" of "essay grading"; never "job")."""
    general = set(workload_words().every("not_names"))
    return [w for w in re.findall(r"[^\W_]+", name.casefold()) if w not in general and len(w) >= 3]


def mentions(text: str, names: list[str]) -> list[Mention]:
    """Each place ``text`` names one of ``names``, in order; overlapping matches keep the longest."""
    low = text.casefold()
    found: list[Mention] = []
    counts: dict[str, int] = {}
    for name in names:
        for word in set(_words(name)):
            counts[word] = counts.get(word, 0) + 1
    determiners = [
        phrase_pattern([d]) + (r"\s*" if d.endswith("'") else r"\s+") for d in workload_words().every("determiners")
    ]
    before = f"(?:{'|'.join(determiners)})?"  # "the ", "el ", "l'"
    for name in names:
        whole = re.escape(" ".join(name.casefold().split())).replace(r"\ ", r"\s+")
        patterns = [(whole, True)] + [(re.escape(w), False) for w in _words(name) if counts[w] == 1]
        for pattern, full in patterns:
            for m in re.finditer(rf"(?<![\w'-])(?P<det>{before}){pattern}{_AFTER}(?![\w-])", low):
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


# ---- workloads a message introduces ------------------------------------------------------------
@dataclass(frozen=True)
class Introduction:
    """A workload a message introduces: "a tutoring bot", "an essay-grading batch job"."""

    name: str  # as the session will call it: "tutoring bot", "essay grading"
    start: int
    end: int
    another: bool = False  # "another …", "a second …": one more, not the one discussed


@lru_cache(maxsize=1)
def _introduction_pattern() -> re.Pattern[str]:
    words = workload_words()
    articles = phrase_pattern(words.every("articles"))
    heads = phrase_pattern(words.every("heads"))
    return re.compile(
        rf"(?<![\w-])(?P<article>{articles})\s+(?P<mods>(?:[^\W\d_][\w]*(?:\s+|-)){{0,3}}?)(?P<head>{heads})"
        # "a batch of 20k", "un batch de 500" name no workload; "un chatbot de soporte", "ein Korrektur-Job von 1
        # bis 6 Uhr" do
        rf"(?![\w-])(?!\s+of\b)(?!\s+de\s+\d)(?!\s+von\b(?!\s+\d{{1,2}}(?::\d\d)?\s*(?:uhr\s+)?bis\b))",
        re.IGNORECASE,
    )


def introductions(text: str) -> list[Introduction]:
    """Each workload ``text`` introduces, in order, named from its words."""
    generic = set(workload_words().every("generic"))
    out = []
    for m in _introduction_pattern().finditer(text):
        words = f"{m['mods']} {m['head']}".replace("-", " ").split()
        while len(words) > 1 and words[-1].casefold() in generic:
            words.pop()
        another = " ".join(m["article"].casefold().split()) in workload_words().every("another")
        out.append(Introduction(" ".join(words), m.start(), m.end(), another))
    return out


def says_also(text: str) -> bool:
    """'and also …', 'plus …', '… as well': what it names is one more."""
    words = phrase_pattern(workload_words().every("also"))
    return bool(re.search(rf"(?<![\w-])(?:{words})(?![\w-])", text.casefold()))
