"""The voice gate's judgement of one model sentence: shown only when it is complete, on the turn's
topic, free of figures no tool produced and consistent with the tools' verdicts (fits / does not
fit, cheaper / dearer, the recommended option). ``judge`` says why a sentence is dropped, or None.
The vocabulary is data: prompts/voice.toml — English, and the words of each other language the
answers are in (a German sentence is judged by the English words and the German ones, its figures
read as German writes them: 1.234,5)."""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from advisor.interview.lazy import lazy
from advisor.prompts import load as load_prompt

_WORD = lazy(r"[^\W\d_][\w'-]*")
_COMPLETE = lazy(r"[.!?][\"')\]*_]*\s*$")
MAX_WORDS = 60


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    return tomllib.loads(load_prompt("voice.toml"))


@lru_cache(maxsize=8)
def vocabulary(lang: str = "en") -> dict[str, Any]:
    """The gate's words for ``lang``: English, with that language's added to each list (a German
    sentence may say "Cloud" or "GPU"); its own plain sentences."""
    tables = _tables()
    base = {k: v for k, v in tables.items() if k != "lang"}
    own = tables.get("lang", {}).get(lang)
    if not own:
        return base
    merged: dict[str, Any] = {}
    for key, value in base.items():
        extra = own.get(key)
        if isinstance(value, list):
            merged[key] = [*value, *(extra or [])]
        elif key == "deployment_words":
            merged[key] = {kind: [*names, *(extra or {}).get(kind, [])] for kind, names in value.items()}
        elif key == "plain":
            merged[key] = {**value, **(extra or {})}
        else:
            merged[key] = value
    return merged


def plain_sentence(topic: str, lang: str = "en") -> str:
    """The advisor's own sentence for a turn's topic (compare, question, whatif, done)."""
    plain = vocabulary(lang)["plain"]
    return plain.get(topic, plain["compare"])


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def is_complete(sentence: str) -> bool:
    """Ends at a sentence end (or is a whole Markdown list or table line): a fragment cut at the
    token limit does not."""
    if sentence.endswith("\n") and sentence.lstrip().startswith(("- ", "* ", "|", "#")):
        return True
    return bool(_COMPLETE.search(sentence.strip()))


@dataclass
class Verdicts:
    """What the tools said, in the terms a sentence can contradict."""

    fits: dict[str, bool] = field(default_factory=dict)  # option label or hardware → one unit carries the load
    cheapest: str | None = None  # deployment of the cheapest option
    dearest: str | None = None
    monthly: dict[str, float] = field(default_factory=dict)  # deployment → its cheapest monthly cost
    recommended: str | None = None  # deployment

    @classmethod
    def from_sources(cls, sources: list[Any]) -> Verdicts:
        out = cls()
        for source in sources:
            if isinstance(source, dict):
                out._read(source)
        return out

    def _read(self, result: dict[str, Any]) -> None:
        if isinstance(result.get("recommendation"), dict) and isinstance(result.get("options"), list):
            self.recommended = result["recommendation"].get("deployment") or self.recommended
            for option in result["options"]:
                if not isinstance(option, dict):
                    continue
                capacity, demand = option.get("capacity_tokens_per_month"), option.get("demand_tokens_per_month")
                if capacity and demand is not None:  # does one unit carry the load?
                    self.fits[str(option.get("label", ""))] = demand <= capacity / max(option.get("units") or 1, 1)
                if isinstance(option.get("monthly_usd"), int | float):
                    kind = option.get("deployment", "")
                    self.monthly[kind] = min(self.monthly.get(kind, float("inf")), float(option["monthly_usd"]))
            if self.monthly:
                self.cheapest = min(self.monthly, key=self.monthly.__getitem__)
                self.dearest = max(self.monthly, key=self.monthly.__getitem__)
        elif isinstance(result.get("fits"), bool):  # the capacity tool
            self.fits[str(result.get("hardware") or "this machine")] = result["fits"] and (
                result.get("share_served") in (None, 1, 1.0)
            )


def _has(text: str, phrases: list[str]) -> str | None:
    for phrase in phrases:
        if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text):
            return phrase
    return None


def _deployments(text: str, lang: str = "en") -> list[tuple[int, str]]:
    """Where each deployment is named in ``text`` (position, deployment), in order."""
    found: list[tuple[int, str]] = []
    for kind, names in vocabulary(lang)["deployment_words"].items():
        for name in names:
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                found.append((match.start(), kind))
    return sorted(found)


def _contradicts_fit(text: str, verdicts: Verdicts, lang: str = "en") -> str | None:
    if not verdicts.fits:
        return None
    says_no = _has(text, vocabulary(lang)["fit_no"])
    says_yes = None if says_no else _has(text, vocabulary(lang)["fit_yes"])
    if not (says_no or says_yes):
        return None
    named = {label: ok for label, ok in verdicts.fits.items() if _names(text, label)}
    judged = named or verdicts.fits
    if says_no and all(judged.values()):
        return f"says '{says_no}' but the tools find it carries the load"
    if says_yes and not any(judged.values()):
        return f"says '{says_yes}' but the tools find it does not carry the load"
    return None


def _names(text: str, label: str) -> bool:
    """Does ``text`` name the option ``label`` (two of its distinctive words, or its only one)?"""
    distinctive = [w for w in words(label) if len(w) > 2 and w not in ("local", "cloud", "hybrid", "with")]
    hits = sum(1 for w in distinctive if re.search(rf"\b{re.escape(w)}\b", text))
    return hits >= min(2, len(distinctive)) and hits > 0


def _contradicts_cost(text: str, verdicts: Verdicts, lang: str = "en") -> str | None:
    if len(verdicts.monthly) < 2:
        return None
    cheap = _has(text, vocabulary(lang)["cheaper"])
    dear = None if cheap else _has(text, vocabulary(lang)["dearer"])
    if not (cheap or dear):
        return None
    phrase = cheap or dear
    position = text.find(phrase)  # type: ignore[arg-type]
    named = _deployments(text, lang)
    before = [kind for at, kind in named if at < position and kind in verdicts.monthly]
    after = [kind for at, kind in named if at > position and kind in verdicts.monthly]
    if not before:
        return None
    subject = before[-1]
    other = next((k for k in after if k != subject), None)
    cost = verdicts.monthly
    if other is not None:
        wrong = cost[subject] > cost[other] if cheap else cost[subject] < cost[other]
    else:  # "cloud is cheaper" / "local is the most expensive": against every other option
        wrong = subject != verdicts.cheapest if cheap else subject != verdicts.dearest
    if wrong:
        return f"says {subject} is '{phrase}' but the tools price it the other way"
    return None


def _contradicts_recommendation(text: str, verdicts: Verdicts, lang: str = "en") -> str | None:
    if verdicts.recommended is None:
        return None
    phrase = _has(text, vocabulary(lang)["recommend"])
    if phrase is None:
        return None
    position = text.find(phrase)
    named = [kind for at, kind in _deployments(text, lang) if at > position - 40]
    if named and verdicts.recommended not in named:
        return f"recommends {named[0]} but the tools recommend {verdicts.recommended}"
    return None


def _off_topic(text: str, user_text: str, lang: str = "en") -> bool:
    vocab = vocabulary(lang)
    said = set(words(text))
    said |= {w.rstrip("s") for w in said}
    if said & set(vocab["topic_words"]):
        return False
    stop = set(vocab["stop_words"])
    theirs = {w for w in words(user_text) if len(w) > 3 and w not in stop}
    return len(said & theirs) < 2


def _babble(text: str) -> bool:
    """Repetition ("No, no, no, …") or run-on text no reader wants."""
    found = words(text)
    if len(found) > MAX_WORDS:
        return True
    if len(found) < 4:
        return False
    top = Counter(found).most_common(1)[0][1]
    return top >= 4 and top / len(found) > 0.3


def judge(
    sentence: str, *, sources: list[Any], user_text: str = "", verdicts: Verdicts | None = None, lang: str = "en"
) -> str | None:
    """Why ``sentence`` may not be shown, or None when it may; ``lang``: the language it is asked in."""
    text = sentence.strip()
    if not text:
        return None
    if not is_complete(sentence):
        return "cut off"
    if _babble(text):
        return "repeats itself"
    lowered = text.lower()
    if _off_topic(lowered, user_text, lang):
        return "off the turn's topic"
    bad = unsupported_figures(text, sources, lang)
    if bad:
        return f"figures no tool computed: {', '.join(bad)}"
    verdicts = verdicts or Verdicts.from_sources(sources)
    for check in (_contradicts_fit, _contradicts_cost, _contradicts_recommendation):
        reason = check(lowered, verdicts, lang)
        if reason:
            return reason
    return None


# ---- the figure check: a reply's figures must come from tool results --------------------------
_UNIT = r"\s*(%|[kKmMbB](?![^\W\d_])|million|billion|mio\.?|millionen|millions|millones|mrd\.?|milliarden|milliards)?"
_FIGURE = lazy(r"(?<![\w.])\$?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?" + _UNIT)
# German and Spanish write 1.234,5; French 1 234,5 (a space, often a narrow no-break one)
_FIGURE_COMMA = lazy(r"(?<![\w.,])(\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+|\d+)(,\d+)?" + _UNIT)
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9, "million": 1e6, "billion": 1e9, "%": 0.01}
_SCALE |= {"mio": 1e6, "mio.": 1e6, "millionen": 1e6, "millions": 1e6, "millones": 1e6}
_SCALE |= {"mrd": 1e9, "mrd.": 1e9, "milliarden": 1e9, "milliards": 1e9}
SMALL_INTEGERS = 12  # "two options", "3 years": counting words, not figures


def figures(text: str, lang: str = "en") -> list[tuple[str, float]]:
    """Every figure written in ``text`` with its value (``$1,234``, ``2.5M``, ``15%``; in German,
    French or Spanish as they write them: ``1.234,5``, ``1 234,5``, ``2,5 Mio.``)."""
    out: list[tuple[str, float]] = []
    comma = lang != "en"  # every other language the answers speak writes a decimal comma
    for match in (_FIGURE_COMMA if comma else _FIGURE).finditer(text):
        whole, frac, unit = match.group(1), match.group(2) or "", (match.group(3) or "").lower()
        if comma:
            whole, frac = re.sub(r"[.\u202f\u00a0 ]", "", whole), frac.replace(",", ".")
        value = float(whole.replace(",", "") + frac) * _SCALE.get(unit, 1.0)
        out.append((match.group(0).strip(), value))
    return out


def known_values(sources: Iterable[Any], lang: str = "en") -> list[float]:
    """All numbers in tool results, profiles and the user's own words (text read both as English
    and as ``lang`` writes numbers: the tools write English, the user their own language)."""
    values: list[float] = []

    def walk(node: Any) -> None:
        if isinstance(node, bool) or node is None:
            return
        if isinstance(node, int | float):
            if math.isfinite(node):
                values.append(float(node))
        elif isinstance(node, str):
            values.extend(v for _, v in figures(node))
            if lang != "en":
                values.extend(v for _, v in figures(node, lang))
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list | tuple):
            for v in node:
                walk(v)

    for source in sources:
        walk(source)
    return values


def _matches(value: float, known: list[float]) -> bool:
    for k in known:
        # shares as %, K/M/B shorthand, seconds as minutes or hours (a request's time)
        for candidate in (k, k * 100, k / 1e3, k / 1e6, k / 1e9, k / 60, k / 3600):
            if candidate == 0:
                if value == 0:
                    return True
                continue
            if abs(value - candidate) <= max(0.5, abs(candidate) * 0.02):
                return True
    return False


def unsupported_figures(reply: str, sources: Iterable[Any], lang: str = "en") -> list[str]:
    """Figures in ``reply`` that no source holds (within rounding); small counts are allowed."""
    known = known_values(sources, lang)
    return [
        text
        for text, value in figures(reply, lang)
        if not (value <= SMALL_INTEGERS and float(value).is_integer()) and not _matches(value, known)
    ]
