"""What-ifs about terms rather than volume: cloud prices (all, one provider, one model; ± %), the
share of traffic sent through batch APIs, and what-ifs the advisor cannot model, with the list of
the ones it can."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from advisor.interview.lazy import lazy
from advisor.interview.names import find_mentions
from advisor.interview.numbers import NUM
from advisor.tools.catalog import Catalog
from advisor.tools.defaults import ELECTRICITY_USD_PER_KWH
from advisor.tools.profile import WorkloadProfile

CAN_MODEL = (
    "volume ('what if volume doubles?')",
    "cloud prices: all, one provider or one model ('what if cloud prices drop 20%?',"
    " 'what if OpenAI raises prices 10%?')",
    "batch share ('what if 30% goes through the batch API?')",
    "cache share ('what if 60% of input is cached?')",
    "quality tier ('what if the cheapest model that's good enough will do?')",
    "a model switch ('what if we used Haiku instead?')",
    "hardware ('what if we bought a Mac Studio?')",
    "electricity ('and at $0.30/kWh?')",
    "hours a day ('what if it runs 10 hours a day?')",
    "amortisation ('over 24 months?')",
    "the horizon ('over 5 years?')",
)

_PRICE_NOUN = (
    r"(?:(?:api|cloud|token|model|provider|list|llm|their|its|the)\s+)*(?:prices?|pricing|rates?|bills?"
    r"|costs?(?=\s+(?:per|of\s+(?:the\s+)?(?:api|cloud|tokens?)))|per[- ]token\s+(?:prices?|costs?))"
)
_CLOUD_COST = r"(?:api|cloud|token)\s+costs?"
_DOWN = (
    r"drops?|dropped|falls?|fell|cuts?|decreases?|decreased|go(?:es)?\s+down|went\s+down|lowers?|lowered|reduces?|reduced"
    r"|slash(?:es|ed)?|shrinks?|declines?|are\s+cut|get\s+cut|gets\s+cut|come\s+down|comes\s+down"
)
_UP = r"rises?|rose|go(?:es)?\s+up|went\s+up|increases?|increased|raises?|raised|jumps?|climbs?|hikes?|hiked"


def _pct(tag: str) -> str:
    return rf"(?P<{tag}>{NUM})\s*(?:%|percent|per\s*cent)"


_PCT = _pct("p")
# Every alternative of PRICE_CHANGE holds a price noun (price/pricing, rate, bill, cost) or a
# percentage (%, percent, per cent): a message with none of these is not searched.
_PRICE_CUES = ("pric", "rate", "bill", "cost", "%", "cent")
_NOUN = rf"(?:{_PRICE_NOUN}|{_CLOUD_COST})"
_CHEAPER = r"(?P<cheaper>cheaper|lower|less|off|down)"
_DEARER = r"(?P<dearer>dearer|pricier|more\s+expensive|higher|more|up)"
_VERB_PRICES = r"(?:(?:its|their|the|all|api|cloud)\s+)*(?:prices?|pricing|rates?)"
_HALVED = r"(?:halved|halve|cut\s+in\s+half|drop\s+by\s+half)"
_BE = r"(?:are\s+|were\s+|get\s+|gets\s+)?"
PRICE_CHANGE = lazy(
    "|".join(
        (
            rf"(?P<noun>{_NOUN})\b[^.?!;]{{0,40}}?\b(?:(?P<down>{_DOWN})|(?P<up>{_UP}))\s+(?:by\s+)?(?:about\s+)?{_PCT}",
            rf"(?:(?P<down2>{_DOWN})|(?P<up2>{_UP}))\s+{_VERB_PRICES}\s+(?:by\s+)?{_pct('p2')}",
            rf"(?P<sign>[-+−])\s*{_pct('p3')}\s+(?:on\s+)?(?:the\s+)?{_NOUN}",
            rf"{_NOUN}\s+(?:at\s+|of\s+)?(?P<sign2>[-+−])\s*{_pct('p4')}",
            rf"{_pct('p5')}\s+(?:{_CHEAPER}|{_DEARER})(?=[^.?!;]{{0,40}}(?:{_NOUN}|\bapi\b|\bcloud\b)|\s*\??\s*$)",
            rf"(?P<half>{_NOUN})\s+{_BE}{_HALVED}",
            rf"(?P<twice>{_NOUN})\s+{_BE}(?:doubled|double|doubles)",
            rf"(?:get|gets|becomes?|were|was|is|are)\s+{_pct('p6')}\s+(?P<cheaper2>cheaper)",
        )
    ),
    re.IGNORECASE,
    cues=_PRICE_CUES,
)
_ELECTRIC = lazy(r"electric|power|kwh|energy|utility")
_NOT_CLOUD = lazy(r"hardware|gpus?\b|cards?\b|mac\b|box|server|hourly|per\s+hour|/h\b|salar|engineer|labou?r")

_BATCH = lazy(r"\bbatch(?:ed|es|ing)?\b|\basync(?:hronous)?\s+(?:api|jobs?|processing)\b|\boff[- ]peak\b")
_BATCH_SHARE = lazy(
    rf"{_PCT}|(?P<all>\b(?:all|everything|all\s+of\s+it|the\s+whole\s+(?:thing|workload)|every\s+request|100%)\b)"
    r"|(?P<half>\bhalf\b)|(?P<none>\b(?:no|nothing|none)\b(?=\s+(?:goes|of|through|via|in|batched)))",
    re.IGNORECASE,
)
_NO_BATCH = lazy(r"\b(?:stop|without|no\s+more|don'?t|didn'?t)\s+(?:using\s+)?batch", re.IGNORECASE)
_CACHE_VAGUE = lazy(r"\bcach(?:e|ed|es|ing)\b", re.IGNORECASE)

PROVIDER_WORDS = {
    "open ai": "openai",
    "openai": "openai",
    "chatgpt": "openai",
    "anthropic": "anthropic",
    "google": "google",
    "gemini": "google",
    "deepseek": "deepseek",
    "meta": "meta",
    "groq": "groq",
    "together": "together",
    "fireworks": "fireworks",
    "openrouter": "openrouter",
    "mistral": "mistral",
}


@dataclass
class Terms:
    changes: dict[str, Any] = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    unsupported: str | None = None  # "I can't model that yet — …"


def _factor(m: re.Match[str]) -> float:
    g = m.groupdict()
    if g.get("half"):
        return 0.5
    if g.get("twice"):
        return 2.0
    pct = next(float(g[k]) for k in ("p", "p2", "p3", "p4", "p5", "p6") if g.get(k)) / 100
    up = g.get("up") or g.get("up2") or g.get("dearer") or (g.get("sign") or g.get("sign2") or "") == "+"
    return 1 + pct if up else 1 - pct


def _scope(text: str, catalog: Catalog) -> list[str]:
    """Providers or cloud model ids the price change is about; [] means every cloud price."""
    providers = {m.provider for m in catalog.cloud.values()}
    found = [pid for word, pid in PROVIDER_WORDS.items() if re.search(rf"\b{word}'?s?\b", text) and pid in providers]
    if found:
        return list(dict.fromkeys(found))
    ids: list[str] = []
    for match in find_mentions(text, catalog):
        ids += match.by_section.get("cloud", [])
    return list(dict.fromkeys(ids))


def read_price_change(text: str, profile: WorkloadProfile, catalog: Catalog, terms: Terms) -> None:
    m = PRICE_CHANGE.search(text)
    if m is None:
        return
    factor = _factor(m)
    around = text[max(0, m.start() - 30) : m.end() + 10]
    terms.spans.append(m.span())
    if not 0 < factor <= 10:
        terms.unsupported = f"a price change of {factor - 1:+.0%} leaves prices at or below zero"
        return
    how = f"{factor - 1:+.0%}".replace("-", "−")
    if _ELECTRIC.search(around):
        rate = (profile.electricity_usd_per_kwh or ELECTRICITY_USD_PER_KWH) * factor
        terms.changes["electricity_usd_per_kwh"] = rate
        terms.parts.append(f"electricity {how} (${rate:.3f}/kWh)")
        return
    if _NOT_CLOUD.search(around):
        terms.unsupported = "a change in hardware or labour prices (cloud prices and electricity I can change)"
        return
    scope = _scope(text, catalog)
    if not scope:
        terms.changes["cloud_price_factor"] = (profile.cloud_price_factor or 1.0) * factor
        terms.parts.append(f"cloud prices {how}")
        return
    factors = dict(profile.price_factors or {})
    for key in scope:
        factors[key] = factors.get(key, 1.0) * factor
    terms.changes["price_factors"] = factors
    terms.parts.append(f"{', '.join(scope)} prices {how}")


def read_batch(text: str, profile: WorkloadProfile, terms: Terms) -> None:
    m = _BATCH.search(text)
    if m is None:
        return
    if _NO_BATCH.search(text):
        share: float | None = 0.0
    else:
        s = _BATCH_SHARE.search(text)
        if s is None:
            share = None
        elif s["p"]:
            share = float(s["p"]) / 100
        elif s["all"]:
            share = 1.0
        elif s["half"]:
            share = 0.5
        else:
            share = 0.0
    terms.spans.append(m.span())
    if share is None:
        what = re.sub(r"^.*?\bbatch(?:ed|es|ing)?\s+", "", text).strip(" ?.!") or "that"
        terms.unsupported = (
            f"I don't know what share of the traffic '{what}' is, so I can't price batching it —"
            " say e.g. 'what if 30% goes through the batch API?'"
        )
        return
    if not 0 <= share <= 1:
        terms.unsupported = "a batch share must be between 0% and 100%"
        return
    terms.changes["batch_share"] = share
    terms.parts.append(f"{share:.0%} of traffic through batch APIs (where the model has a batch discount)")


def is_price_change(text: str) -> bool:
    return PRICE_CHANGE.search(text) is not None


def read_terms(text: str, profile: WorkloadProfile, catalog: Catalog) -> Terms:
    terms = Terms()
    read_price_change(text, profile, catalog, terms)
    read_batch(text, profile, terms)
    return terms


def vague_cache(text: str) -> bool:
    """A what-if about caching with no share ("what if we cache the system prompt?")."""
    return bool(_CACHE_VAGUE.search(text))


def cannot_model(why: str | None = None) -> str:
    head = "I can't model that yet" + (f": {why}" if why else "")
    return head + ".\n\nI can model:\n" + "\n".join(f"- {item}" for item in CAN_MODEL)
