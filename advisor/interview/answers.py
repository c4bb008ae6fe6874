"""A short answer to the question just asked: a bare "5000" or "about 2k", "none", "yes", "don't
know" (the stated default), read as the field the question was about."""

from __future__ import annotations

import re
from typing import Any

from advisor.interview import settings
from advisor.interview.draft import Draft
from advisor.interview.lazy import lazy
from advisor.interview.numbers import QTY_RE, human, percent, quantity
from advisor.interview.pending import ask_options
from advisor.interview.vocab import alternation, vocab
from advisor.state import Option
from advisor.tools import defaults
from advisor.tools.profile import frontier_share_default

_FILLER = frozenset(
    """
    about around roughly approx approximately maybe probably perhaps say like ish some circa close to nearly
    almost just under over up at most least per a an the each and or in out input inputs output outputs token
    tokens tok request requests call calls query queries message messages ticket tickets session sessions day
    days daily month months monthly week weeks year years hour hours h hrs it it's its is we i think guess get
    have do usd dollars dollar cents cent c kwh kilowatt percent so let's well um uh hmm ok okay yes yeah sure
    total prompt completion approx. of for our us they're there are on average typically usually currently right
    now now today be will would pay pays paying
    """.split()  # noqa: SIM905
)
# Unit words among the filler, and the only questions they may answer.
_MONEY_ASKS = ("electricity_usd_per_kwh", "budget_usd_per_month", "hourly_rate_usd")
_UNIT_OF = dict.fromkeys(("cents", "cent", "c", "kwh", "kilowatt"), ("electricity_usd_per_kwh",))
_UNIT_OF |= dict.fromkeys(("usd", "dollars", "dollar"), _MONEY_ASKS)
_DECLINE = lazy(
    r"^\s*(?:i\s+)?(?:don'?t\s+know|dunno|idk|not\s+sure|no\s+idea|unknown|unsure|skip|pass|n/?a|whatever|"
    r"(?:use\s+(?:the\s+)?)?defaults?|you\s+(?:pick|choose|decide)|no\s+preference|can't\s+say)\b"
)
_NONE = lazy(
    r"^\s*(?:none|nothing(?!\s+(?:may|can|must|should|shall|will|is|ever|leaves?|goes?)\b)|no(?!\s+(?:data|cloud)\b)|nope|zero|not\s+yet|no\s+budget|no\s+hardware|nothing\s+yet|(?:we\s+)?(?:don'?t|do\s+not)\s+(?:have|own)\s+(?:any|an?|the)\b"
    r"|we'?d\s+(?:buy|need\s+to\s+buy)|to\s+buy|recommend\s+\w+|not\s+really)\b"
)
_YES = lazy(r"^\s*(?:yes|yep|yeah|yup|sure|correct|it\s+does|true|definitely|absolutely)\b")
_DEFAULTS: dict[str, tuple[Any, str]] = {
    "electricity_usd_per_kwh": (defaults.ELECTRICITY_USD_PER_KWH, f"${defaults.ELECTRICITY_USD_PER_KWH:.2f}/kWh"),
    "hours_per_day": (defaults.HOURS_PER_DAY, "24 hours a day"),
    "amortization_months": (float(defaults.AMORTIZATION_MONTHS), f"{defaults.AMORTIZATION_MONTHS}-month amortisation"),
    "horizon_months": (float(defaults.HORIZON_MONTHS), f"a {defaults.HORIZON_MONTHS}-month horizon"),
    "privacy": (defaults.PRIVACY, f"{defaults.PRIVACY} data (nothing personal or regulated)"),
    "cached_input_share": (0.0, "no prompt caching"),
}
_DECLINED = {
    "hardware": "no hardware yet: I'll compare what to buy",
    "budget_usd_per_month": "no budget limit",
}
_ZERO_OK = (
    "output_tokens_per_request",
    "monthly_output_tokens",
    "frontier_share",
    "cached_input_share",
    "setup_hours",
    "maintenance_hours_per_month",
)


def _covered(d: Draft, asked: str) -> bool:
    groups = [
        {"requests_per_day", "monthly_input_tokens", "monthly_output_tokens"},
        {"input_tokens_per_request", "output_tokens_per_request"},
        {"hardware", "owned_hardware", "owned_units"},  # "none of those, we have a 4090": not declined
    ]
    same = next((g for g in groups if asked in g), {asked})
    return bool(same & set(d.changes))


def _opens_with(text: str, words: list[str]) -> bool:
    """Whether the answer opens with one of ``words`` (the catalog's, in another language)."""
    return bool(words) and re.match(rf"^\s*(?:{alternation(words)})(?![\w])", text.lower()) is not None


def read_bare_answer(d: Draft, asked: str) -> None:
    if _covered(d, asked) or (d.ambiguous and asked in ("hardware", "cloud_model", "local_model")):
        return
    text = re.sub(r"[$€£]", " ", d.text).strip()  # "$0.30" answers the electricity question
    if _DECLINE.match(text) or _opens_with(text, vocab().answers.unknown):
        _decline(d, asked)
        return
    if (_NONE.match(text) or _opens_with(text, vocab().answers.none)) and not QTY_RE.search(text):
        if asked in _ZERO_OK:
            d.set(asked, 0.0, f"read '{d.quote(0, len(d.original))}' as {asked.replace('_', ' ')}: 0", kind="answer")
        elif asked == "privacy":
            value, words = _DEFAULTS["privacy"]
            note = f"read '{d.quote(0, len(d.original))}' as {words}"
            d.set("privacy", value, note, kind="answer", steps=["class_named"])  # "none" to the question: none of them
        elif asked == "offline_required":
            d.set(asked, False, "read that as: need not run offline", kind="answer")
        else:
            _decline(d, asked)
        return
    if _YES.match(text) and not QTY_RE.search(text):
        if asked == "offline_required":
            d.set(asked, True, "read that as: must run offline", kind="answer")
        elif asked == "privacy":
            d.ambiguous.append(
                "Personal or confidential data (sensitive), or regulated data such as HIPAA or PCI that may not leave?"
            )
        return
    found = [(m, quantity(m)) for m in QTY_RE.finditer(text)]
    percent_sign = "%" in text or "percent" in text
    rest = QTY_RE.sub(" ", text)
    words = re.findall(r"[a-z$'./]+", rest)
    if not found or any(w.strip("./'") not in _FILLER and w not in ("$", "/") for w in words):
        return
    units = {w.strip("./'") for w in words} & set(_UNIT_OF)
    if any(asked not in _UNIT_OF[u] for u in units):  # "22 cents" answers the electricity question, not a share
        return
    values = [q.value for _, q in found]
    if _option_number_as_size(d, asked, values, units or percent_sign):
        return
    if any(q.negative for _, q in found):
        d.reject(f"ignored '{d.quote(0, len(d.original))}': {asked.replace('_', ' ')} cannot be negative")
        return
    before = dict(d.changes)
    _assign(d, asked, values, percent_sign)
    if d.changes != before:  # the whole answer was read (every other word is filler): none of it is unread
        d.consume(0, len(d.text))


# Token sizes a lone "1", "2" or "3" never is: the number of an option ("Pick one — short chat, document
# or long context"), not 1 token in or 2 tokens out.
_SIZES = ("input_tokens_per_request", "output_tokens_per_request", "monthly_input_tokens", "monthly_output_tokens")
_OPTION_NUMBERS = 3


def _option_number_as_size(d: Draft, asked: str, values: list[float], unit_said: bool) -> bool:
    """A lone 1, 2 or 3 answering a token-size question: asked back, not written as that many tokens."""
    if asked not in _SIZES or unit_said or len(values) != 1 or values[0] not in range(1, _OPTION_NUMBERS + 1):
        return False
    quote = d.quote(0, len(d.original))
    d.ambiguous.append(f"'{quote}': a token count that small? Give the size with its unit (\"300 tokens\")")
    d.consume(0, len(d.text))
    return True


# "No hardware yet" anywhere in an answer ("we can't use the cloud, nothing yet"): said of hardware in
# so many words, or — as the answer to the hardware question — in any words for "nothing yet".
_NO_HARDWARE = lazy(
    r"\b(?:no|without)\s+(?:own\s+|local\s+)?(?:hardware|gpus?|servers?|machines?|boxes)\b(?!\s+(?:needed|required))(?:\s+yet\b)?"
    r"|\b(?:don'?t|do\s+not|doesn'?t|haven'?t|have\s+not)\s+(?:have|own|got|bought|buy|purchased)\s+(?:any\s+)?"
    r"(?:hardware|gpus?|servers?|machines?)\b"
)
_NOTHING_YET = lazy(
    r"\b(?:nothing|none|not)\s+yet\b|\b(?:don'?t|do\s+not)\s+(?:own|have)\s+anything\b|\bnothing\s+(?:bought|purchased"
    r"|in\s+place|on\s+hand)\b|\bhaven'?t\s+(?:bought|got|purchased)\s+(?:anything|any)\b"
)


# A machine named before "no GPU" in its sentence: "a spare Dell R750 with no GPU", "two servers
# but no GPUs" is hardware without a GPU, not no hardware.
_A_BOX = lazy(
    r"\b(?:servers?|machines?|box(?:es)?|desktops?|workstations?|laptops?|pcs?|computers?|cpus?|vms?|nodes?"
    r"|dell|hp|lenovo|r\d{3}s?|rack)\b"
)


_NO_HARDWARE_WORDS: dict[str, Any] = {}
_OPENING_WORD = lazy(r"^\W*(?P<w>[^\W\d_]+)")


def _no_hardware_words(d: Draft) -> re.Match[str] | None:
    """No hardware said in any language's words ([cues.no_hardware]: "Keine Hardware", "on n'a rien");
    or, in answer to the hardware question, an answer that opens with a word for none ("nessuno. Ah
    correggo …", "none currently, also …") — not one that opens with not knowing ("keine Ahnung")."""
    rx = _NO_HARDWARE_WORDS.setdefault("rx", lazy(rf"(?<![\w-])(?:{alternation(vocab().cue('no_hardware'))})(?![\w-])"))
    m = rx.search(d.text)
    if m is not None or d.asked != "hardware":
        return m
    if d.ambiguous or any(c.field in ("hardware", "owned_hardware") for c in d.claims):
        return None  # "none, we're all on macbooks. well I have an M2 Max": hardware named, asked about
    if not QTY_RE.search(d.text):
        return None  # a whole answer of none ("none", "keine"): read_bare_answer says so, as it always has
    opening = _NONE.match(d.text)  # "nothing may leave our network" is not none: _NONE knows
    if opening is not None:
        return opening
    first = _OPENING_WORD.match(d.text)
    if first is None or first["w"] not in vocab().answers.none:
        return None
    if any(d.text.startswith(u, first.start("w")) for u in vocab().answers.unknown):
        return None  # "keine Ahnung": not knowing
    return re.compile(re.escape(first["w"])).search(d.text, first.start("w"))  # "nessuno", to quote


def read_no_hardware(d: Draft) -> None:
    """ "no hardware yet" said within a longer answer: hardware declined (compare what to buy) —
    unless this answer names hardware it has, or says only that its machines have no GPU."""
    if "hardware" in d.declined or {"hardware", "owned_hardware"} & set(d.changes):
        return
    m = _NO_HARDWARE.search(d.text) or (_NOTHING_YET.search(d.text) if d.asked == "hardware" else None)
    m = m or _no_hardware_words(d)
    if m is not None and "gpu" in m.group(0) and _A_BOX.search(d.text, d.sentence_of(m.start())[0], m.start()):
        return
    if m is not None:
        d.declined.append("hardware")
        d.notes.append(f"read '{d.quote(*m.span())}' as {_DECLINED['hardware']}")
        d.consume(*m.span())


def _decline(d: Draft, asked: str) -> None:
    if asked == "frontier_share":  # the tools' own default for this profile: none for regulated data going out
        value, words = frontier_share_default(d.profile)
        d.set(asked, value, f"using the default: {words}", kind="answer", basis={"how": "assumed"})
    elif asked in _DEFAULTS:
        value, words = _DEFAULTS[asked]
        d.set(asked, value, f"using the default: {words}", kind="answer", basis={"how": "assumed"})
    else:
        d.declined.append(asked)
        d.notes.append(_DECLINED.get(asked, f"no {asked.replace('_', ' ')} given: I'll work without it"))


def _assign(d: Draft, asked: str, values: list[float], percent_sign: bool) -> None:
    quote = d.quote(0, len(d.original))
    v = values[0]
    if asked in ("input_tokens_per_request", "monthly_input_tokens") and len(values) == 2:
        out_field = asked.replace("input", "output")
        unit = "per request" if "request" in asked else "a month"
        note = f"read '{quote}' as {human(values[0])} input and {human(values[1])} output tokens {unit}"
        d.set(asked, values[0], note, kind="answer", together=asked)
        d.set(out_field, values[1], kind="answer", together=asked)
        return
    if len(values) != 1:
        return
    if percent_sign and asked not in ("frontier_share", "cached_input_share"):
        total = d.profile.monthly_input_tokens
        share = v / 100
        if asked == "monthly_output_tokens" and total and 0 <= share <= 1:
            note = f"read '{quote}' as {percent(share)} of the {human(total)} tokens being output"
            d.set("monthly_input_tokens", total * (1 - share), kind="answer", together=asked)
            d.set(asked, total * share, note, kind="answer", together=asked)
        return
    if asked in ("frontier_share", "cached_input_share"):
        share = v / 100 if percent_sign or v > 1 else v
        if v == 1 and not percent_sign:
            options = [
                Option(label="1%", changes={asked: 0.01}, names=["1%", "1 %", "1 percent", "one percent"]),
                Option(label="all of it", changes={asked: 1.0}, names=["all", "all of it", "everything", "100%"]),
            ]
            ask_options(d, f"'{quote}': 1% or all of it?", asked, options)
            return
        d.set(asked, share, f"read '{quote}' as {percent(share)}", kind="answer")
        return
    if asked == "electricity_usd_per_kwh":
        rate = v if v < settings.MAX_USD_PER_KWH else v / 100
        said_cents = bool(re.search(r"\d\s*(?:cents?|c|¢)\b", d.text))
        how = "" if v < settings.MAX_USD_PER_KWH or said_cents else " (a number that size is cents)"
        d.set(asked, rate, f"read '{quote}' as electricity at {settings.usd_per_kwh(rate)}{how}", kind="answer")
        return
    if asked in ("amortization_months", "horizon_months"):
        years = v <= 10 and "month" not in d.text
        months = v * 12 if years else v
        d.set(asked, months, f"read '{quote}' as {human(months)} months" + (" (years)" if years else ""), kind="answer")
        return
    labels = {
        "requests_per_day": "requests a day",
        "input_tokens_per_request": "input tokens per request",
        "output_tokens_per_request": "output tokens per request",
        "monthly_input_tokens": "input tokens a month",
        "monthly_output_tokens": "output tokens a month",
        "hours_per_day": "hours a day",
        "budget_usd_per_month": "dollars a month of budget",
        "setup_hours": "setup hours",
        "maintenance_hours_per_month": "maintenance hours a month",
        "hourly_rate_usd": "dollars an hour",
    }
    if asked in labels:
        d.set(asked, v, f"read '{quote}' as {human(v)} {labels[asked]}", kind="answer")
