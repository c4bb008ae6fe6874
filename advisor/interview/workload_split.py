"""A message about several workloads, split into the part about each: "a tutoring bot for 8,000
students during the day, and an essay-grading batch job overnight, 1am–6am, 20k essays a week" is
two workloads, each read from its own words. The workloads a message introduces ("a tutoring bot")
are added — the session's first, while still empty, takes the first name — and the ones it names
("the grading job") are found; a figure before any workload is named is asked about, not guessed."""

from __future__ import annotations

import re

from pydantic import BaseModel

from advisor.interview.traffic_windows import phrase_pattern, workload_words
from advisor.interview.workload_mentions import Introduction, introductions, means_all, mentions, says_also


class Segment(BaseModel):
    workload: str
    text: str


class Split(BaseModel):
    segments: list[Segment]  # the words about each workload, in the order said
    rename: tuple[str, str] | None = None  # the session's first workload, empty and unnamed, takes a name
    add: list[str] = []  # workloads to add, in order
    first: str  # the workload discussed after the message
    unplaced: str | None = None  # words with a figure before any workload is named
    shared: str | None = None  # words about all of them ("All of them: 2K in, 300 out"; "both are internal")


def _words(name: str) -> set[str]:
    return set(name.replace("-", " ").casefold().split())


def _one_in_the_other(a: str, b: str) -> bool:
    """'our bot' is the 'tutoring bot'; 'a support bot' is not."""
    return _words(a) <= _words(b) or _words(b) <= _words(a)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _quiet(text: str) -> str:
    """``text`` with "a second one", "another one" blanked: they name a workload, not a count."""
    ones = [f"{a} one" for a in workload_words().every("another")]
    pattern = rf"(?<![\w-])(?:{phrase_pattern(sorted(set(ones), key=len, reverse=True))})(?![\w-])"
    return re.sub(pattern, lambda m: " " * len(m[0]), text, flags=re.IGNORECASE)


_LABEL = re.compile(r"(?:^|(?<=[.;\n]))\s*(?P<label>[^\W\d_][^\W\d_'-]*(?:[ -][^\W\d_][^\W\d_'-]*){0,2})\s*:\s*(?=\S)")
DEFAULT_NAME = re.compile(r"workload \d+")  # a workload not named yet ("workload 1"): state.FIRST_WORKLOAD's form


def only_generic(intro: Introduction) -> bool:
    """'otro job', 'another workload': one more, its name still to come."""
    generic = set(workload_words().every("generic"))
    return all(w.casefold() in generic for w in intro.name.split())


def _labels(text: str, names: list[str], markers: list[tuple[int, str, Introduction | None]]) -> list[tuple[int, str]]:
    """A list of the workloads as 'name: figures', one a clause ("descripciones: 2.000 al día, públicas;
    chatbot: 15.000 conversaciones al mes"): where it names each workload known but one not named yet,
    the label no workload has is that one, and takes the label as its name. [(start, label)]."""
    labels = [(m.start("label"), m["label"].strip()) for m in _LABEL.finditer(text)]
    at = {start for start, _, _ in markers}
    unknown = [(start, label) for start, label in labels if not any(start <= s < start + len(label) for s in at)]
    known = len(labels) - len(unknown)
    unnamed = [n for n in names if DEFAULT_NAME.fullmatch(n) and not any(n == name for _, name, _ in markers)]
    if known and len(unknown) == 1 and len(unnamed) == 1 and re.search(r"\d", text[unknown[0][0] :]):
        return unknown
    return []


def split_message(text: str, names: list[str], current: str, *, fresh: bool, unnamed: bool) -> Split | None:
    """How ``text`` divides among the workloads (``names``; ``current`` discussed; ``fresh``: the
    current one holds nothing yet; ``unnamed``: it still has its first default name). None when the
    message is about the workload discussed."""
    markers: list[tuple[int, str, Introduction | None]] = []
    spans: list[tuple[int, int]] = []
    vague = [intro for intro in introductions(text) if only_generic(intro)]
    for intro in (i for i in introductions(text) if not only_generic(i)):
        known = next((n for n in names if _same(n, intro.name)), None)
        if not (intro.another or says_also(text)):  # "our bot" is the tutoring bot; "also a support bot" is not
            known = known or next((n for n in names if _one_in_the_other(n, intro.name)), None)
        markers.append((intro.start, known or intro.name, None if known else intro))
        spans.append((intro.start, intro.end))
    for m in mentions(text, names):
        if m.strong and not any(start < m.end and m.start < end for start, end in spans):
            markers.append((m.start, m.name, None))
    renamed = None
    for start, label in _labels(text, names, markers):  # 'descripciones: …' names the one not named yet
        (default,) = [n for n in names if DEFAULT_NAME.fullmatch(n) and all(n != m for _, m, _ in markers)]
        renamed = (default, label)
        markers.append((start, label, None))
    if not markers and vague and len(names) >= 1 and not fresh:  # "otro job: 300 al día": one more, named later
        intro = vague[0]
        taken = {n.casefold() for n in names}
        name = next(f"workload {i}" for i in range(len(names) + 1, len(names) + 99) if f"workload {i}" not in taken)
        markers.append((intro.start, name, Introduction(name, intro.start, intro.end, another=True)))
    markers.sort(key=lambda marker: marker[0])
    workloads = list(dict.fromkeys(name for _, name, _ in markers))
    if not workloads:  # "both are internal data": every workload; else the one discussed
        return Split(segments=[], shared=text, first=current) if len(names) > 1 and means_all(text) else None
    new = [intro for _, _, intro in markers if intro is not None]
    new_names = list(dict.fromkeys(intro.name for intro in new))
    if len(workloads) == 1:
        (name,) = workloads
        if name in names:
            return None if name == current else Split(segments=[Segment(workload=name, text=text)], first=name)
        intro = new[0]
        if fresh or (unnamed and not (intro.another or says_also(text))):
            return Split(segments=[Segment(workload=name, text=_quiet(text))], rename=(current, name), first=name)
        if intro.another or says_also(text):
            return Split(segments=[Segment(workload=name, text=_quiet(text))], add=[name], first=name)
        return None  # "our support bot gets 5k a day": the workload discussed, by another name
    rename = (current, new_names[0]) if fresh and new_names else renamed
    add = [n for n in new_names if rename is None or n != rename[1]]
    segments: list[Segment] = []
    for i, (start, name, _) in enumerate(markers):
        end = markers[i + 1][0] if i + 1 < len(markers) else len(text)
        if segments and segments[-1].workload == name:
            segments[-1].text += text[start:end]
        else:
            segments.append(Segment(workload=name, text=text[start:end]))
    before = text[: markers[0][0]]
    unplaced = before.strip() if re.search(r"\d", before) else None
    last = segments[-1]
    shared = None
    for boundary in re.finditer(r"[.;!?\n]\s+", last.text):
        tail = last.text[boundary.end() :]
        if means_all(tail):
            last.text, shared = last.text[: boundary.start() + 1], tail
            break
    segments = [Segment(workload=sg.workload, text=_quiet(sg.text)) for sg in segments]
    return Split(segments=segments, rename=rename, add=add, first=workloads[0], unplaced=unplaced, shared=shared)
