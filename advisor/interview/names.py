"""Model and hardware names in free text, matched to catalog ids.

Text and catalog labels (id, name, aliases) go through one tokenizer. A *mention* is a run of
anchor tokens (``sonnet``, ``3090``, ``mac``, …: tokens no common English word shares); it resolves
to the entry whose label it spells out exactly (longest wins: "mac studio m4 max" beats "mac
studio"), else to the single entry sharing the most of its tokens, else to a short list to choose
from. Typos within one or two letters of an anchor ("sonet", "antropic") are corrected first.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from advisor.interview.lazy import lazy
from advisor.tools import clock
from advisor.tools.catalog import Catalog

# Words that belong to catalog labels but also to ordinary sentences, or that say too little
# alone: they support a mention, they never start one.
WEAK = frozenset(
    """
    a an the of and on with for by in to x ai pc server hosted used rental rented pro max mini ultra flash point
    halo desktop laptop framework studio together total active instruct nvidia geforce rtx apple anthropic
    openai google fireworks meta claude model models chat lite dual pair two sxm pcie gb seed rate low high
    average us eu europe cheap end residential lambda cloud e4b v4 ryzen laptop groq small large medium
    gpu gpus alone host included node quad core card cards inch labs sol luna terra
    """.split()  # noqa: SIM905
)
STRONG_DESPITE_SHORT = frozenset({"gpt", "mac", "m4", "m3", "ds4", "h100", "a100", "qwen"})
COUNT_WORDS = frozenset({"two", "2x", "x2", "pair", "dual", "twin", "double", "both", "2"})
DUAL = "dual"
# Sections whose mentions set a profile field, and that field.
FIELD_OF_SECTION = {"cloud": "cloud_model", "hardware": "hardware", "local-models": "local_model"}

_TOKEN = lazy(r"\d{1,2}x(?=[a-z]+\d)|\d+(?:\.\d+)+|[a-z]+\d+[a-z]*|\d+[a-z]+|[a-z]+|\d+")
_SEP = lazy(
    r"[.;!?]\s|[.;!?]$|,|\band\b|\bor\b|\bto\b|\bfrom\b|\binto\b|\bvs\.?|\bversus\b|\bthan\b|\binstead\b|\bnot\b|\bnor\b|/|\+"
)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Lowercase tokens with their spans. ``gpt5`` → gpt 5; ``3090s`` → 3090; ``4-5`` → 4.5;
    ``24 gb`` → 24gb; ``2x`` stays one token."""
    low = text.lower()
    out: list[Token] = []
    for m in _TOKEN.finditer(low):
        t, s = m.group(0), m.start()
        if re.fullmatch(r"\d+s", t):  # plural: 3090s
            out.append(Token(t[:-1], s, m.end()))
            continue
        split = re.fullmatch(r"([a-z]{3,})(\d+(?:\.\d+)?)", t)  # qwen3, gpt5, sonnet45
        if split and split.group(1) not in STRONG_DESPITE_SHORT:
            out.append(Token(split.group(1), s, s + len(split.group(1))))
            out.append(Token(split.group(2), s + len(split.group(1)), m.end()))
            continue
        if split and split.group(1) == "gpt":
            out.append(Token("gpt", s, s + 3))
            out.append(Token(split.group(2), s + 3, m.end()))
            continue
        if t == "gb" and out and out[-1].text.isdigit() and low[out[-1].end : s].strip() == "":
            prev = out.pop()
            out.append(Token(prev.text + "gb", prev.start, m.end()))
            continue
        if (
            re.fullmatch(r"\d{1,2}", t)
            and out
            and re.fullmatch(r"\d{1,2}", out[-1].text)
            and low[out[-1].end : s] in ("-", "_")
        ):
            prev = out.pop()
            out.append(Token(f"{prev.text}.{t}", prev.start, m.end()))
            continue
        out.append(Token(t, s, m.end()))
    return out


def label_tokens(label: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokens(label))


@dataclass
class _Index:
    sections: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # section → id → tokens
    phrases: dict[str, dict[tuple[str, ...], set[str]]] = field(default_factory=dict)  # section → seq → ids
    retired: set[str] = field(default_factory=set)
    vocab: set[str] = field(default_factory=set)
    model_vocab: set[str] = field(default_factory=set)  # the words of model labels (not hardware)

    def anchors(self) -> set[str]:
        return {t for t in self.vocab if is_anchor(t)}


def is_anchor(token: str) -> bool:
    if token in WEAK:
        return False
    if token in STRONG_DESPITE_SHORT:
        return True
    if re.fullmatch(r"\d{3,}", token):  # 3090, 4090, 5090
        return True
    if re.fullmatch(r"[\d.]+|\d+(?:gb|b|k)", token):  # versions, sizes
        return False
    return len(token) >= 3


_INDEXES: dict[tuple[int, date], tuple[Catalog, _Index]] = {}


def _index(catalog: Catalog) -> _Index:
    """The catalog's token index, built once per catalog object and day (retired models drop out)."""
    today = clock.today()
    hit = _INDEXES.get((id(catalog), today))
    if hit is not None and hit[0] is catalog:
        return hit[1]
    if len(_INDEXES) >= 8:
        _INDEXES.clear()
    idx = _build_index(catalog, today)
    _INDEXES[(id(catalog), today)] = (catalog, idx)
    return idx


def _build_index(catalog: Catalog, today: date) -> _Index:
    idx = _Index()
    for section in FIELD_OF_SECTION:
        entries = catalog.section(section)
        idx.sections[section] = {}
        idx.phrases[section] = {}
        for eid, entry in entries.items():
            if getattr(entry, "same_as", None):  # a model named is the model; where it runs is the data boundary's
                continue
            labels = [eid, entry.name, *entry.aliases]
            toks: set[str] = set()
            for label in labels:
                seq = label_tokens(label)
                toks.update(seq)
                if seq:
                    idx.phrases[section].setdefault(seq, set()).add(eid)
            provider = getattr(entry, "provider", None)
            if provider:
                toks.update(label_tokens(provider))
            if getattr(entry, "units", 1) == 2 or toks & {"dual", "2x", "pair"}:  # "two 3090s": a pair, not a 4-GPU box
                toks.add(DUAL)
            retires = getattr(entry, "retires", None)
            if retires is not None and retires < today:
                idx.retired.add(eid)
            idx.sections[section][eid] = toks
            idx.vocab.update(toks)
            if section != "hardware":
                idx.model_vocab.update(toks)
    return idx


NEVER_CORRECTED = frozenset({"ollama", "vllm", "lambda", "count", "gamma", "studios", "scoot", "llamas"})


def _correct(word: str, anchors: set[str], vocab: set[str]) -> str:
    """A typo of a catalog word, corrected ("sonet" → "sonnet", "antropic" → "anthropic"): same first
    letter, at most one letter longer or shorter, 80% alike. Any other word unchanged."""
    if word in vocab or len(word) < 4 or not word.isalpha() or word in NEVER_CORRECTED:
        return word
    targets = [a for a in anchors if len(a) >= 5 and a.isalpha()]
    targets += [v for v in vocab if v in ("anthropic", "deepseek", "openai", "google", "nvidia")]
    targets = [
        t
        for t in targets
        if t[0] == word[0] and abs(len(t) - len(word)) <= 1 and not _other_ending(word, t) and _one_slip(word, t)
    ]
    close = difflib.get_close_matches(word, targets, n=1, cutoff=0.8)
    return close[0] if close else word


def _one_slip(word: str, target: str) -> bool:
    """One letter left out, added, changed or two swapped: 'sonet', 'antropic', 'gemnii' — never two
    ('south' is not 'scout')."""
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == target[diff[1]]
        return len(diff) == 1 or (swapped and word[diff[1]] == target[diff[0]])
    short, long = sorted((word, target), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _other_ending(word: str, target: str) -> bool:
    """'code' or 'coder' beside 'codex': the same word with another ending is another word, not a
    typo of it (typos fall inside a word: 'sonet', 'antropic')."""
    return target.startswith(word) or (len(word) == len(target) and word[:-1] == target[:-1])


@dataclass
class Match:
    """One mention and what it resolved to, per section: a single id, or candidates."""

    phrase: str
    start: int  # the window of words the mention was read from
    end: int
    phrase_start: int = 0  # the words quoted back, and consumed from the text
    phrase_end: int = 0
    by_section: dict[str, list[str]] = field(default_factory=dict)  # section → ids (1 = resolved)
    unknown: bool = False  # a model named with a version the catalog has not ("GPT-4o"): said, not swapped
    strength: dict[str, tuple[int, int]] = field(default_factory=dict)  # section → (exact len, score)


def _resolve(section: str, window: list[str], anchors_in: set[str], idx: _Index) -> tuple[list[str], tuple[int, int]]:
    phrases = idx.phrases[section]
    has_count = bool(set(window) & COUNT_WORDS)
    allowed = set(idx.sections[section])
    if has_count:  # "two 3090s", "a pair of 3090s": the multi-unit entry, where there is one
        duals = {e for e, toks in idx.sections[section].items() if DUAL in toks and toks & anchors_in}
        allowed = duals or allowed
    best_len, exact = 0, set()
    n = len(window)
    longest = max((len(seq) for seq in phrases), default=0)
    for i in range(n):
        for j in range(i + 1, min(n, i + longest) + 1):
            seq = tuple(window[i:j])
            hits = phrases.get(seq, set()) & allowed
            if not (set(seq) & anchors_in) or not hits:
                continue
            if j - i > best_len:
                best_len, exact = j - i, set(hits)
            elif j - i == best_len:
                exact |= hits
    versions = _versions(window, anchors_in)
    sizes = {w for w in window if _PARAMS.fullmatch(w)}
    allowed = {e for e in allowed if _compatible(idx.sections[section][e], versions, sizes)}
    exact &= allowed
    if exact:  # ties between exact labels ("m4 max" and "macbook pro") go to the better overlap
        scores = _scores(section, window, anchors_in, allowed, has_count, idx)
        ids, top = _best({e: s for e, s in scores.items() if e in exact})
        spelled = set().union(*(idx.sections[section][e] for e in ids)) & set(window)
        better = {e: s for e, s in scores.items() if s > top and spelled <= idx.sections[section][e]}
        if better:  # "mac studio m4 max with 128gb": the entry that also has the 128gb
            ids, _ = _best(better)
        return _drop_retired(ids, idx), (best_len, 0)
    ids, top = _best(_scores(section, window, anchors_in, allowed, has_count, idx))
    return _drop_retired(ids, idx), (0, top)


_VERSION = lazy(r"v?\d{1,2}(?:\.\d+)?[a-z]?")
_PARAMS = lazy(r"\d+(?:\.\d+)?b")  # a model's size in parameters: 70b, 1.5b
_SIZE = lazy(r"\d+(?:\.\d+)?(?:b|gb|k|m)")


def _versions(window: list[str], anchors_in: set[str]) -> set[str]:
    """Version words right after an anchor ("gemini 3.1", "gpt-4o", "opus 4"): a catalog entry with
    another version is not what the text names."""
    out: set[str] = set()
    for i, w in enumerate(window[:-1]):
        nxt = window[i + 1]
        if w in anchors_in and _VERSION.fullmatch(nxt) and not _SIZE.fullmatch(nxt):
            out.add(nxt)
    return out


def _compatible(entry_tokens: set[str], versions: set[str], sizes: set[str] = frozenset()) -> bool:
    """An entry is what the words name unless they give another version or size of it: 'Llama 3.1
    70B' is not the catalog's Llama 3.1 8B (nor Llama 3.3 70B)."""
    own_sizes = {t for t in entry_tokens if _PARAMS.fullmatch(t)}
    if sizes and own_sizes and not sizes & own_sizes:
        return False
    if not versions:
        return True
    own = {t for t in entry_tokens if _VERSION.fullmatch(t) and not _SIZE.fullmatch(t)}
    if not own:  # "GPT-4o" is not gpt-oss: a version with letters names a model of its own
        return not any(re.search(r"\d[a-z]$", v) for v in versions)
    return any(o == v or o.startswith(v + ".") or o.lstrip("v") == v.lstrip("v") for o in own for v in versions)


def _scores(
    section: str, window: list[str], anchors_in: set[str], allowed: set[str], has_count: bool, idx: _Index
) -> dict[str, int]:
    """Each allowed entry sharing an anchor with the mention: the weight of the words it shares."""
    scores: dict[str, int] = {}
    words = set(window)
    for eid, toks in idx.sections[section].items():
        if eid not in allowed or not (toks & anchors_in):
            continue
        score = sum(2 if is_anchor(t) else 1 for t in words if t in toks)
        if DUAL in toks:
            score += 1 if has_count else -1
        scores[eid] = score
    return scores


def _best(scores: dict[str, int]) -> tuple[list[str], int]:
    if not scores:
        return [], 0
    top = max(scores.values())
    return sorted(e for e, s in scores.items() if s == top), top


def _drop_retired(ids: list[str], idx: _Index) -> list[str]:
    live = [i for i in ids if i not in idx.retired]
    return live if live and len(live) < len(ids) else ids


def find_mentions(text: str, catalog: Catalog) -> list[Match]:
    """Every model or hardware mention in ``text``, resolved per section."""
    idx = _index(catalog)
    anchors = idx.anchors()
    out: list[Match] = []
    for chunk_start, chunk in _chunks(text):
        toks = [
            Token(_correct(t.text, anchors, idx.vocab), t.start + chunk_start, t.end + chunk_start)
            for t in tokens(chunk)
        ]
        words = [t.text for t in toks]
        positions = [i for i, w in enumerate(words) if w in anchors]
        groups = [(g, {words[i] for i in g}) for g in _groups(positions, words)]
        taken = set(positions)
        for i, j in _weak_phrases(words, idx):  # "framework desktop": label words that are weak alone
            if not taken & set(range(max(0, i - 2), j + 2)):  # "two NVIDIA L40S": the L40S's own words
                groups.append((list(range(i, j)), set(words[i:j])))
                taken |= set(range(i, j))
        for group, anchors_in in sorted(groups, key=lambda g: g[0][0]):
            lo, hi = max(0, group[0] - 3), min(len(words), group[-1] + 4)
            window = words[lo:hi]
            match = Match("", toks[lo].start, toks[hi - 1].end)
            for section in FIELD_OF_SECTION:
                ids, strength = _resolve(section, window, anchors_in, idx)
                if ids:
                    match.by_section[section] = ids
                    match.strength[section] = strength
            if match.by_section:
                named = set().union(*(idx.sections[s][e] for s, ids in match.by_section.items() for e in ids))
                match.phrase_start, match.phrase_end = _phrase(toks, group, named)
                match.phrase = text[match.phrase_start : match.phrase_end]
                out.append(match)
            elif toks[group[-1]].text in idx.model_vocab and (end := _unknown_version_end(toks, group, hi)) is not None:
                while (
                    end + 1 < len(toks) and toks[end + 1].text in _SUFFIXES and toks[end + 1].start - toks[end].end <= 1
                ):
                    end += 1  # "GPT-4o-mini"
                match.phrase_start, match.phrase_end, match.unknown = toks[group[0]].start, toks[end].end, True
                match.phrase = text[match.phrase_start : match.phrase_end]
                out.append(match)
    return out


def _unknown_version_end(toks: list[Token], group: list[int], hi: int) -> int | None:
    """The index of a version with letters right after the mention's last anchor ("gpt-4o"), or None."""
    nxt = group[-1] + 1
    if nxt < hi and _VERSION.fullmatch(toks[nxt].text) and not _SIZE.fullmatch(toks[nxt].text):
        return nxt if re.search(r"\d[a-z]$", toks[nxt].text) else None
    return None


_SUFFIXES = frozenset({"mini", "nano", "turbo", "lite", "pro", "max", "flash", "preview"})  # of a model's name
_NOT_PHRASE = frozenset({"a", "an", "the", "on", "with", "for", "by", "in", "to", "and", "ai"})


def _phrase(toks: list[Token], group: list[int], words: set[str]) -> tuple[int, int]:
    """The words of the mention to quote back: the anchors and the label words around them."""

    def part(i: int) -> bool:
        w = toks[i].text
        return (w in words or w in COUNT_WORDS or w == "of") and w not in _NOT_PHRASE

    lo, hi = group[0], group[-1]
    while lo > max(0, group[0] - 3) and part(lo - 1):
        lo -= 1
    while hi + 1 < min(len(toks), group[-1] + 4) and part(hi + 1):
        hi += 1
    while lo < group[0] and toks[lo].text == "of":
        lo += 1
    while hi > group[-1] and toks[hi].text == "of":
        hi -= 1
    return toks[lo].start, toks[hi].end


# A card's model number: "6000", "a6000", "4080", "w7900" — not a count, a size or a wattage ("2", "16gb", "1kw")
_MODEL_NUMBER = lazy(r"(?!\d+(?:gb|go|tb|b|k|m|w|kw)$)(?:\d{3,}|[a-z]{0,3}\d{2,}[a-z]{0,3})")


def _weak_phrases(words: list[str], idx: _Index) -> list[tuple[int, int]]:
    """Spans of ``words`` that spell the start (two words or more) of a catalog label made of weak
    words ("framework desktop", "framework 16")."""
    labels = {seq[:n] for phrases in idx.phrases.values() for seq in phrases for n in range(2, min(len(seq), 4) + 1)}
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for n in (4, 3, 2):
            if i + n < len(words) and _MODEL_NUMBER.fullmatch(words[i + n]) and words[i + n] not in idx.vocab:
                continue  # "dual RTX 6000 Ada": another card than the label's, one the catalog lacks
            if i + n <= len(words) and tuple(words[i : i + n]) in labels:
                out.append((i, i + n))
                i += n - 1
                break
        i += 1
    return out


def _chunks(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in _SEP.finditer(text.lower()):
        out.append((start, text[start : m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return [(s, c) for s, c in out if c.strip()]


MAX_GROUP = 5  # anchors in one mention ("mac studio m4 max 128gb"); a longer run is a list, not a name
_GROUP_BREAK = frozenset({"with", "than", "instead", "vs", "versus", "over", "plus"})


def _groups(positions: list[int], words: list[str]) -> list[list[int]]:
    """Anchors at most two words apart are one mention, unless a word like "with" parts them."""
    groups: list[list[int]] = []
    for p in positions:
        near = groups and p - groups[-1][-1] <= 2 and len(groups[-1]) < MAX_GROUP
        if near and not _GROUP_BREAK & set(words[groups[-1][-1] : p]):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def box_family(name: str) -> str:
    """ "Mac Studio M2 Ultra (64 GB, 60-core GPU)" → "mac studio m2 ultra": the box without its memory."""
    return name.split("(")[0].strip().lower()


def is_label_word(catalog: Catalog, word: str) -> bool:
    """Whether ``word`` is one of the words the catalog's labels are made of ("l40s" is; "h100s" is not)."""
    return word in _index(catalog).vocab


def find_id(catalog: Catalog, section: str, text: str) -> list[str]:
    """Ids in ``section`` that ``text`` names: exact id first, then the catalog's own resolution,
    then the mention matcher. One id is an answer; several are a choice; none is unknown."""
    entries = catalog.section(section)
    if text in entries:
        return [text]
    exact = catalog.resolve(section, text)
    if exact:
        return exact
    for match in find_mentions(text, catalog):
        if section in match.by_section:
            return match.by_section[section]
    return []
