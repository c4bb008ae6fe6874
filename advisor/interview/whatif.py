"""What-if questions: "what if volume doubles", "half the volume", "what if we used Haiku instead",
"and at $0.30/kWh?" → the profile changes to compare against, and a few words saying what they are."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from advisor.interview.draft import normalise
from advisor.interview.lazy import lazy
from advisor.interview.numbers import NUM, human, percent, to_float, word_value
from advisor.interview.reader import read_draft
from advisor.interview.settings import usd_per_kwh
from advisor.interview.whatif_terms import is_price_change, read_terms, vague_cache
from advisor.interview.whatif_words import opens_whatif
from advisor.interview.whatif_words import scale_factor as scale_in_other_words
from advisor.tools.catalog import Catalog
from advisor.tools.profile import MissingVolume, WorkloadProfile, resolve


class WhatIf(BaseModel):
    changes: dict[str, Any] = {}
    description: str = ""  # "volume ×2", "electricity at $0.30/kWh", …
    unsupported: str | None = None  # set (maybe to "") when it is a what-if the advisor cannot model

    def change_rows(self, profile: WorkloadProfile) -> list[dict[str, Any]]:
        """[{field, from, to}] for each value the scenario moves, defaults filled in for "from"."""
        try:
            before: dict[str, Any] = resolve(profile).model_dump()
        except MissingVolume:
            before = profile.model_dump()
        rows: list[dict[str, Any]] = []
        for name, value in self.changes.items():
            if isinstance(value, dict):
                old = before.get(name) or {}
                rows += [
                    {"field": f"{name}.{key}", "from": old.get(key, 1.0), "to": factor}
                    for key, factor in value.items()
                    if old.get(key, 1.0) != factor
                ]
            else:
                rows.append({"field": name, "from": before.get(name), "to": value})
        return rows


CUE = lazy(
    r"^\s*(?:so\s+|and\s+|but\s+|ok(?:ay)?,?\s+|hmm+,?\s+|now\s+)?(?:what\s+(?:if|about|happens\s+if|would\s+happen\s+if)"
    r"|how\s+about|suppose|supposing|imagine|let'?s\s+say|say\s+(?:we|it|that|the|our)|if\s+(?:we|it|the|our|volume|traffic)"
    r"|assuming)\b"
    r"|^\s*and\s+(?:at|with|over|if|for|on|using|in|what)\b"
    r"|\binstead\b|\bwould\s+(?:it|that|the\s+\w+)\s+(?:change|differ)"
)
STRONG_CUE = lazy(
    r"^\s*(?:so\s+|and\s+|but\s+|ok(?:ay)?,?\s+|hmm+,?\s+|now\s+)?(?:what\s+(?:if|about|happens\s+if|would\s+happen\s+if)"
    r"|how\s+about|suppose|supposing|imagine|let'?s\s+say)\b"
)
DEPLOYMENT = lazy(  # "what if we went local?": the options already cover it
    r"\b(?:local(?:ly)?|on[- ]?prem\w*|self[- ]?host\w*|cloud|apis?|hybrid|in[- ]house|our\s+own\s+hardware)\b"
)
SHORT_QUESTION = lazy(r"^\s*(?:at|with|over|on|using|for)\b[^?]{0,60}\?\s*$")

_VOLUME = (
    r"volume|traffic|load|requests?|usage|tokens?|calls?|demand|throughput|workload|queries|tickets|sessions|users"
    r"|it|everything|that|the\s+numbers|scale"
)
_FACTORS = {
    "double": 2,
    "doubles": 2,
    "doubled": 2,
    "doubling": 2,
    "twice": 2,
    "triple": 3,
    "triples": 3,
    "tripled": 3,
    "tripling": 3,
    "thrice": 3,
    "quadruple": 4,
    "quadruples": 4,
    "quadrupled": 4,
    "half": 0.5,
    "halve": 0.5,
    "halves": 0.5,
    "halved": 0.5,
    "halving": 0.5,
}
_WORD = "|".join(sorted(_FACTORS, key=len, reverse=True))
_NUMBER = rf"{NUM}|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a\s+hundred|hundred"

NOUN_THEN_VERB = lazy(rf"\b(?:{_VOLUME})\s+(?:\w+\s+)?(?:is\s+|were\s+|was\s+|gets?\s+)?(?P<w>{_WORD})\b")
_A_SHARE = r"(?!\s+(?:of\s+\w+\s+)?(?:are|is|need|needs|needed|require|requires|go|goes|get|gets|could|can)\b)"
VERB_THEN_NOUN = lazy(  # "double the traffic"; not "half the requests are hard" (a share)
    rf"\b(?P<w>{_WORD})\s+(?:(?:the|our|that|its|of|all|as\s+much)\s+)*(?:\w+\s+)?(?:{_VOLUME})\b{_A_SHARE}"
)
TIMES_NOUN = lazy(
    rf"(?<![\w.])(?P<n>{_NUMBER})\s*(?:x|times|fold|-fold)\s+(?:(?:the|our|as\s+much|as\s+many|more|bigger|higher)\s+)*"
    rf"(?:\w+\s+)?(?:{_VOLUME})\b"
)
NOUN_IS_TIMES = lazy(  # "what if volume were 30 times higher?", "traffic is 10x bigger"
    rf"\b(?:{_VOLUME})\s+(?:\w+\s+)?(?:is\s+|were\s+|was\s+|gets?\s+|got\s+|becomes?\s+|became\s+)?"
    rf"(?P<n>{_NUMBER})\s*(?:x|times|fold|-fold)\s+(?:higher|bigger|larger|greater|more|as\s+(?:much|many|high|large))\b"
)
GROWS_TIMES = lazy(
    rf"\b(?:grows?|grew|scales?|goes\s+up|increases?|rises?|jumps?|multipl\w+)\s+(?:by\s+)?(?:a\s+factor\s+of\s+)?"
    rf"(?P<n>{_NUMBER})\s*(?:x|times|fold|-fold)\b"
)
MORE = lazy(
    rf"(?P<p>{NUM})\s*(?:%|percent)\s+(?:more|higher|extra|bigger)\b"
    rf"|\b(?:grows?|grew|increases?|goes\s+up|rises?|jumps?)\s+(?:by\s+)?(?P<p2>{NUM})\s*(?:%|percent)"
)
LESS = lazy(
    rf"(?P<p>{NUM})\s*(?:%|percent)\s+(?:less|fewer|lower|smaller)\b"
    rf"|\b(?:drops?|dropped|falls?|fell|shrinks?|shrank|decreases?|goes\s+down|declines?|is\s+cut)\s+(?:by\s+)?(?P<p2>{NUM})\s*(?:%|percent)"
)
BY_HALF = lazy(r"\b(?:drops?|falls?|shrinks?|decreases?|goes\s+down|is\s+cut|cut)\s+(?:by\s+|in\s+)half\b")

SCALED_FIELDS = ("requests_per_day", "monthly_input_tokens", "monthly_output_tokens")
RATES = (*SCALED_FIELDS, "peak_requests_per_hour")  # a stated peak is the same traffic's busiest hour: it scales too


def _number(text: str) -> float:
    text = text.strip()
    if re.fullmatch(r"[\d,.]+", text):
        return float(text.replace(",", ""))
    if "hundred" in text:
        return 100.0
    return word_value(text)


def scale_factor(text: str) -> tuple[float, tuple[int, int]] | None:
    """The factor a what-if scales volume by, and where it says so; None when it does not."""
    low = normalise(text)
    for rx in (NOUN_THEN_VERB, VERB_THEN_NOUN):
        if m := rx.search(low):
            return float(_FACTORS[m["w"]]), m.span()
    for rx in (TIMES_NOUN, NOUN_IS_TIMES, GROWS_TIMES):
        if m := rx.search(low):
            return _number(m["n"]), m.span()
    if m := BY_HALF.search(low):
        return 0.5, m.span()
    if m := MORE.search(low):
        return 1 + to_float(m["p"] or m["p2"]) / 100, m.span()
    if m := LESS.search(low):
        return 1 - to_float(m["p"] or m["p2"]) / 100, m.span()
    if opens_whatif(low):  # "und wenn sich das Volumen verdoppelt?", "e se o volume dobrasse?"
        return scale_in_other_words(low)
    return None


def is_whatif(text: str) -> bool:
    low = normalise(text)
    return bool(
        CUE.search(low) or SHORT_QUESTION.match(low) or scale_factor(text) or is_price_change(low) or opens_whatif(low)
    )


def read_whatif(text: str, profile: WorkloadProfile, catalog: Catalog) -> WhatIf | None:
    """The what-if ``text`` asks, or None when it is not one (or names something ambiguous, which
    ``read_answer`` then asks about)."""
    if not is_whatif(text):
        return None
    low = normalise(text)
    terms = read_terms(low, profile, catalog)
    for start, end in terms.spans:  # a price or batch phrase is not also a volume or a share
        text = text[:start] + " " * (end - start) + text[end:]
    changes: dict[str, Any] = dict(terms.changes)
    parts: list[str] = list(terms.parts)
    draft = read_draft(text, profile, catalog, may_lower=True, defaults=False)
    stated = {k: v for k, v in draft.changes.items() if getattr(profile, k) != v}
    if stated.get("cloud_model") in terms.changes.get("price_factors", {}):
        del stated["cloud_model"]  # "what if gpt-5 gets 30% cheaper": its price moves, not the choice
    scale = None if terms.spans else scale_factor(text)
    if scale is not None and not (set(stated) & {*SCALED_FIELDS, "input_tokens_per_request"}):
        factor = scale[0]
        scaled = {f: getattr(profile, f) * factor for f in RATES if getattr(profile, f) is not None}
        if scaled and factor > 0:
            changes.update(scaled)
            parts.append(f"volume ×{factor:g}")
    for name, value in stated.items():
        if name in changes:
            continue
        changes[name] = value
        parts.append(describe(name, value))
    if not changes:
        if terms.unsupported is not None:
            return WhatIf(unsupported=terms.unsupported)
        if (
            scale is None
            and STRONG_CUE.search(low)
            and not (draft.ambiguous or draft.changes or DEPLOYMENT.search(low))
        ):
            cache = "caching with no share given — say e.g. 'what if 60% of input is cached?'"
            return WhatIf(unsupported=cache if vague_cache(low) else "")
        return None
    return WhatIf(changes=changes, description=" and ".join(parts))


def describe(name: str, value: Any) -> str:
    """A profile change in words, as the tail of "What if …?"."""
    if name == "privacy":
        return f"the data were {value}"
    if name == "cloud_model":
        return f"you used {value}"
    if name == "hardware":
        return f"the hardware were {value}"
    if name == "local_model":
        return f"the local model were {value}"
    if name == "electricity_usd_per_kwh":
        return f"electricity cost {usd_per_kwh(value)}"
    if name == "amortization_months":
        return f"the hardware were amortised over {value:g} months"
    if name == "horizon_months":
        return f"costs were compared over {value:g} months"
    if name == "cached_input_share":
        return f"{percent(value)} of input tokens were served from the cache"
    if name == "frontier_share":
        return f"{percent(value)} of traffic needed the frontier tier"
    if name == "routine_tier":
        return f"routine work needed a {value}-tier model"
    if name == "hours_per_day":
        return f"the hardware ran {value:g} hours a day"
    if name == "budget_usd_per_month":
        return f"the budget were ${value:,.0f} a month"
    if name == "offline_required":
        return "it had to run offline" if value else "it need not run offline"
    if name == "powered_anyway":
        return "the hardware you own stayed on anyway" if value else "the hardware you own were off when unused"
    if name == "requests_per_day":
        return f"traffic were {human(value)} requests a day"
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{name.replace('_', ' ')} were {human(value)}"
    return f"{name.replace('_', ' ')} were {value}"
