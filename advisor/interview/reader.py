"""``read_answer``: the user's free text → the profile fields it states with confidence, with a note
for each reading, a question for each ambiguity, and a note for each value refused."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from advisor.interview import (
    answers,
    arbiter,
    batch_jobs,
    boundary,
    choices,
    contract_terms,
    corrections,
    latency,
    negation,
    owned,
    peak_factor,
    pending,
    plain_volume,
    powered,
    probe,
    quality,
    rates,
    settings,
    shifts,
    tokens,
    traffic_windows,
    unread,
)
from advisor.interview.draft import Draft
from advisor.interview.lazy import lazy
from advisor.interview.names import FIELD_OF_SECTION, Match, box_family, find_mentions
from advisor.interview.numbers import human
from advisor.interview.privacy import read_offline, read_privacy, stricter
from advisor.interview.quote import Quote
from advisor.interview.vocab import vocab
from advisor.state import Choice, Option
from advisor.tools import defaults
from advisor.tools.catalog import Catalog
from advisor.tools.profile import PRIVACY_LEVELS, WorkloadProfile
from advisor.tools.quantity import MAX_TOKENS_PER_MONTH

MAX_CHARS = 20_000  # a chat answer, not a document


class ReadEntry(BaseModel):
    """One field a turn changed, and the words it came from (the `read` of `ask --json`)."""

    field: str
    value: Any
    quote: Quote = Field(description="what the user typed that says so: spans of the message, never a word of ours")
    kind: Literal["new", "changed", "corrected"]
    how: str = Field(default="", description="how the value was worked out, when not as typed")
    workload: str | None = Field(default=None, description="the workload it was read into, in a session of several")


class Reading(BaseModel):
    """What one answer said: field → value (only what was read with confidence), and why."""

    changes: dict[str, Any] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)
    ambiguous: list[str] = Field(default_factory=list)
    declined: list[str] = Field(default_factory=list, description="fields the user chose not to give")
    offers: list[str] = Field(default_factory=list, description="vague counts taken, offered back to confirm")
    unread: list[str] = Field(default_factory=list, description="parts of the text holding a number no reading used")
    open_choices: list[pending.Choice] = Field(
        default_factory=list, description="questions with options still open: the next answer may pick one"
    )
    sources: dict[str, str] = Field(
        default_factory=dict, description="how each field in changes was given: answered or read (claims.How)"
    )
    read: list[ReadEntry] = Field(default_factory=list, description="each field changed, with its quote")
    bases: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="the figures each value was worked out from (a rate as stated, its period)"
    )
    remarks: list[str] = Field(
        default_factory=list, description="the notes that are not a field's reading (the read lines say those)"
    )


def read_answer(
    text: str,
    profile: WorkloadProfile,
    catalog: Catalog,
    asked: str | None = None,
    open_choices: list[Choice] | None = None,
    sources: dict[str, str] | None = None,
    bases: dict[str, dict[str, Any]] | None = None,
) -> Reading:
    """Read ``text`` as an answer; ``asked`` is the field the last question was about, so a bare
    "5000" or "about 2k" answers it; ``open_choices``, the questions with options still waiting
    (``Reading.open_choices`` of the last answer), so "the second" or "own hardware" picks one;
    ``sources``, how each profile field was given (a value the user set is not replaced by a
    reading in passing)."""
    d = read_draft(text, profile, catalog, asked, open_choices=open_choices or [], sources=sources, bases=bases)
    offers, left = unread.offers(d), unread.unread(d)
    said = {c.note for c in d.accepted.values() if c.note}
    said |= {note for _, _, note in d.form_notes if _form_note_of(d, note)}  # said in its entry's line
    notes = _unique(d.notes)
    return Reading(
        changes=d.changes,
        notes=notes,
        remarks=[n for n in notes if n not in said],
        ambiguous=_unique(d.ambiguous),
        declined=_unique(d.declined),
        offers=offers,
        unread=left,
        open_choices=d.choices,
        sources=d.sources,
        read=read_entries(d),
        bases={f: c.basis for f, c in d.accepted.items() if "raw" in c.basis},
    )


def read_entries(d: Draft) -> list[ReadEntry]:
    """A line's worth for each field the reading changes: the value, the words, new / changed / corrected."""
    out = []
    order = list(type(d.profile).model_fields)
    for name, value in sorted(d.changes.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99):
        current = getattr(d.profile, name, None)
        if current == value:
            continue
        claim = d.accepted.get(name)
        spans = _joined(d.original, sorted(claim.spans)) if claim else []
        quote = Quote.join([d.quote(*span) for span in spans]) or Quote.words(d.original)
        corrected = claim is not None and claim.kind == "correction"
        kind = "corrected" if corrected else "new" if current is None else "changed"
        hows = [claim.basis.get("words", "")] if claim is not None else []
        hows += [_form_words(note) for s0, e0, note in d.form_notes if claim and _inside(s0, e0, claim.spans)]
        how = "; ".join(dict.fromkeys(h for h in hows if h))
        out.append(ReadEntry(field=name, value=value, quote=quote, kind=kind, how=how))
    return out


def _joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans with only spaces between them as one ('two' and 'RTX 4090' → 'two RTX 4090')."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and out[-1][1] <= start and not text[out[-1][1] : start].strip():
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _form_note_of(d: Draft, note: str) -> bool:
    """Whether a note on how a number was written ("'8.000' as 8,000 …") belongs to a value written."""
    return any(n == note and _inside(s, e, c.spans) for s, e, n in d.form_notes for c in d.accepted.values())


def _form_words(note: str) -> str:
    """ "read '8.000' as 8,000 (a dot between thousands, not a decimal point)" → "a dot between thousands"."""
    inner = note[note.find("(") + 1 : note.rfind(")")] if "(" in note else note.removeprefix("read ")
    return inner.split(",")[0]


def read_draft(
    text: str,
    profile: WorkloadProfile,
    catalog: Catalog,
    asked: str | None = None,
    *,
    may_lower: bool = False,
    open_choices: list[Choice] | None = None,
    defaults: bool = True,
    sources: dict[str, str] | None = None,
    bases: dict[str, dict[str, Any]] | None = None,
) -> Draft:
    """The full reading. ``may_lower`` lets a stated privacy class replace a stricter one (a what-if,
    or an answer to the privacy question); otherwise a passing "internal docs" never lowers it.
    ``d.choices`` ends as the choices open after it: the new ones and the older ones still waiting."""
    long = len(text) > MAX_CHARS
    d = Draft(text[:MAX_CHARS], profile, catalog, asked)
    d.prior_bases = bases or {}
    if long:
        d.notes.append(f"read only the first {MAX_CHARS:,} characters")
    unanswered = pending.read_pick(d, open_choices) if open_choices else []
    _privacy(d, may_lower or asked == "privacy", answered=asked == "privacy" and not may_lower, open_choices=unanswered)
    _offline(d)
    boundary.apply(d)  # where the data may go; before names, so its companies are not read as models
    contract_terms.read_discounts(d)  # '20% off list on Azure': before the shares, so 20% is no share of traffic
    contract_terms.read_standby(d)  # 'N+1', 'no single point of failure': one more unit than the load needs
    peak_factor.read_peak_factor(d)  # 'the peak is 2× the average': before the rates, so 2× is no rate
    quality.read_quality(d)
    _names(d, probes=defaults)  # a what-if reads what it asks about as its own change
    owned.read_owned(d)
    owned.read_recount(d)  # "Two cards", "two, not one": the count of what they have, said again
    owned.weaken_corrected(d)
    _weaken_guessed_chips(d)
    _ask_memory(d)  # "a Mac Studio M2 Ultra": 64 GB or 192 GB? asked with the catalog's boxes as choices
    answers.read_no_hardware(d)  # "no hardware yet", "Keine Hardware", "on n'a rien" (cues.no_hardware)
    powered.read_powered_anyway(d)  # 'the server runs 24/7 anyway': its idle draw is paid either way
    if "shift" in d.text:
        shifts.read_shifts(d)
    traffic_windows.read_window(d, named=False)  # '1am–6am', '9 to 5': when the requests come
    _settings(d)
    latency.read_latency(d)  # 'under 3 seconds', 'dans l'heure ça suffit': how long an answer may take
    if defaults:  # stated defaults ('overnight' as 22:00–06:00, a batch job as batch-API traffic): not in a what-if
        traffic_windows.read_window(d, named=True)
        if any(cue in d.text for cue in batch_jobs.CUES):
            batch_jobs.read_batch(d)
    if _has(d, "0123456789"):  # every token count and rate holds a digit by now (forms.canonical)
        tokens.read_tokens(d)
    if _has(d, "0123456789") or any(w in d.text for w in ("every", "once", "twice", "thrice")):
        rates.read_rates(d)
    if asked:
        answers.read_bare_answer(d, asked)
        choices.read_choice(d, asked)
    corrections.read_unplaced(d)
    _validate(d)
    plain_volume.check(d)  # a volume the plain grammar does not also give is asked
    arbiter.arbitrate(d, sources or {})
    _unsettle_lower_privacy(d, sources or {})
    _check_volume(d)
    d.choices = pending.still_open(d, unanswered)
    return d


# Each settings reader runs only when its cue is in the text: its patterns are compiled on first use,
# and most messages need none of them (start-up time is measured in tests/bench/bench_ask_start.py).
_MONEY_CUES = ("budget", "afford", "spend", "pay", "cap", "limit", "ceiling", "$", "€", "£", "usd", "eur", "gbp")
_MONEY_CUES += ("dollar", "euro", "pound", "buck", "bill", "invoice", "subscription", "zahlen", "rechnung", "pag")
_MONEY_CUES += ("factur", "betalen", "rekening", "kost", "coût", "cuesta", "costa", "custa")
_SETTINGS_CUES = {
    "electricity": ("kw", "kilowatt", "electric", "power", "energy", "utilit", "tariff", "¢", "cent"),
    "hours": (
        *("hour", "hr", "clock", "24", "non-stop", "nonstop", "continuous", "all day", "9"),
        *("uhr", "klok", "nacht", "nuit", "noche", "notte", "noite", "night", "dob"),  # 'rund um die Uhr', 'całą dobę'
    ),
    "effort": ("set", "install", "maint", "upkeep", "babysit", "admin", "ops", "rate", "engineer", "dev", "time"),
    "periods": ("year", "yr", "month", "mo", "y "),
    "budget": _MONEY_CUES,
    "cache": ("cach",),
}


def _has(d: Draft, chars: str) -> bool:
    return any(c in d.text for c in chars)


def _settings(d: Draft) -> None:
    cues = {name: any(w in d.text for w in words) for name, words in _SETTINGS_CUES.items()}
    cues["hours"] = cues["hours"] or any(w in d.text for w in vocab().cue("hour_words") if len(w) > 2)  # 'heures'
    digits = _has(d, "0123456789")
    if cues["electricity"] and digits:
        settings.read_electricity(d)
    if cues["hours"]:
        settings.read_hours(d)
    if cues["effort"] and digits:
        settings.read_effort(d)
    if cues["periods"] and digits:
        settings.read_periods(d)
    if cues["budget"] and digits:
        settings.read_spend(d)  # before the budget and the rates: a bill is neither
    if (cues["budget"] or d.asked in ("hardware", "budget_usd_per_month")) and digits:
        settings.read_budget(d)
    if cues["cache"] and digits:
        settings.read_cache(d)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# ---- privacy and offline --------------------------------------------------------------------
def _privacy(d: Draft, may_lower: bool, answered: bool = False, open_choices: list[Choice] | None = None) -> None:
    # on the text with nothing consumed: a pending pick may have taken "No" out of "No HIPAA" as its answer
    reading = read_privacy(d.canonical or d.text, d.original, answer=d.asked == "privacy")
    current = d.profile.privacy
    corrected = current is not None and current in (w.lower() for w in reading.negated)
    asked_above = _asked_above(reading.level, open_choices or [])
    if asked_above and not reading.names_class and not corrected:
        # a class still asked about from before ("ECG bookings": regulated or sensitive?) and now only
        # examples of a lower one ("name and phone"): the question stands, the lower class is not written
        _ask_privacy(d, [*asked_above, reading.level], reading.spans)
        return
    lower = bool(answered and not corrected and reading.level and current and stricter(current, reading.level))
    if lower and not reading.names_class:
        # an answer giving examples of a lower class than one read before ("ECG bookings", then "name
        # and phone"), naming no class and denying none: which one is asked — the stricter stays
        _ask_privacy(d, [current, reading.level], reading.spans)
        return
    may_lower = may_lower or (corrected and reading.level is not None)  # "personal data, not regulated"
    if current is None or may_lower:
        if reading.hedged:  # "public mostly", "public, but people type their name": asked
            _ask_privacy(d, ["public", "sensitive"], reading.spans)
            return
        only_kept_in_answered = d.asked == "privacy" and reading.level is None  # picks regulated, below
        if reading.kept_in and reading.level != "regulated" and not only_kept_in_answered:
            # "nothing may leave our network" says where the data goes (data_boundary), not what it is:
            # the class it states, or regulated (a law keeps it in)? Asked, never the lower one written.
            stated = [reading.level] if reading.level else ["sensitive", "internal"]
            _ask_privacy(d, ["regulated", *stated], reading.kept_in)
            return
    if reading.or_higher and (current is None or may_lower or stricter(reading.level, current)):
        # "SSNs", "bank statements" (sensitive or regulated), "unreleased" (internal or sensitive): the
        # two readings asked, the lower one never written alone
        _ask_privacy(d, list(reading.or_higher), reading.spans)
        return
    if reading.choices and (current is None or may_lower or stricter(reading.level, current)):
        # no decisive cue for the strictest class read ("confidential", "the contracts", "the wiki"), or
        # a cue beside the decisive one that could mean more: the classes it could mean, asked
        _ask_privacy(d, list(reading.choices), reading.spans)
        return
    level = reading.level
    if reading.kept_in and reading.level is None and d.asked == "privacy":
        # an answer to the privacy question that only echoes its regulated option ("data that may
        # not leave your premises") picks that option
        level = "regulated"
        reading = replace(reading, spans=[*reading.spans, *reading.kept_in])
    words = ", ".join(f"'{w}'" for w in _unique([d.quote(*span) for span in reading.spans]))
    if level is not None:
        if not reading.decisive and level == current:
            return  # a weak cue of the class already held: nothing to write, nothing to ask
        if current is None or may_lower or not stricter(current, level):
            d.set(
                "privacy",
                level,
                f"read {words} as {level} data",
                spans=list(reading.spans),
                basis={"overrides": stricter(level, current)},  # a stricter class is never held back
                kind="correction" if corrected else "read",  # "… not regulated" replaces the class it names
                steps=["class_named" if reading.decisive else "class_inferred"],
            )
        else:
            d.notes.append(
                f"you mentioned {words} ({level}); privacy stays {current} — `/set privacy {level}` to change it"
            )
    elif reading.negated and (current is None or may_lower):
        negated = ", ".join(f"'{w}'" for w in _unique([d.quote(*span) for span in reading.negated_spans]))
        d.set(
            "privacy",
            "internal",
            f"read no {negated} as internal data (nothing personal or regulated)",
            spans=list(reading.negated_spans),
            steps=["class_named"],  # the classes above denied by name: "no PII", "nothing sensitive"
        )


def _asked_above(level: str | None, open_choices: list[Choice]) -> list[str]:
    """The privacy classes an open question still offers that are stricter than ``level``."""
    offered = {o.changes.get("privacy") for c in open_choices if "privacy" in c.fields for o in c.options}
    return [lv for lv in reversed(PRIVACY_LEVELS) if lv in offered and level and stricter(lv, level)]


def _unsettle_lower_privacy(d: Draft, sources: dict[str, str]) -> None:
    """A class read in passing before ("internal docs") that this message puts in question with
    stricter readings only ("confidential … must stay on our hardware": regulated or sensitive?) is
    no longer held while the question waits: kept, it would stand below what the data is."""
    current = d.profile.privacy
    if "privacy" not in d.held or "privacy" in d.changes or current is None:
        return
    if sources.get("privacy") in arbiter.PROTECTED:
        return  # a class the user set or gave stays until they pick
    readings = {c.value for c in d.claims if c.field == "privacy"}
    if readings and all(stricter(level, current) for level in readings):
        d.changes["privacy"] = None


PRIVACY_CHOICES = {
    "public": "public data (may be published)",
    "internal": "internal (nothing personal)",
    "sensitive": "sensitive (personal or confidential)",
    "regulated": "regulated (health, card or privileged data, or a law keeps it in)",
}


def _ask_privacy(d: Draft, levels: list[str], spans: list[tuple[int, int]]) -> None:
    """One question: which of ``levels`` the data is, from the words at ``spans``."""
    for level in levels:
        claim = d.set("privacy", level, spans=sorted(spans), strength="weak", label=PRIVACY_CHOICES[level])
        claim.step("class_inferred")


def _offline(d: Draft) -> None:
    value, span = read_offline(d.text)
    if value is not None and span is not None:
        how = "must run offline" if value else "need not run offline"
        d.set("offline_required", value, f"read '{d.quote(*span)}' as: {how}", spans=[span])
        if value:  # no internet: nothing can go to a cloud either
            d.set("data_boundary", "on_site", spans=[span])


# ---- names ----------------------------------------------------------------------------------
_LOCAL_CUE = lazy(
    r"\b(?:local(?:ly)?|on[- ]?prem\w*|self[- ]?host\w*|our\s+own|ourselves|ollama|gguf|llama\.cpp|quanti[sz]ed|q[4-8]"
    r"|in[- ]house|on\s+(?:our|a|the|my)\s+(?:own\s+)?(?:box|machine|server|gpu|mac|hardware|laptop))\b"
)
_CLOUD_CUE = lazy(r"\b(?:api|apis|hosted|cloud|provider|via|per[- ]token|endpoint|groq|together|fireworks)\b")


_REPLACED = lazy(
    r"(?:instead\s+of|rather\s+than|than|from|replac\w*|vs\.?|versus|compared\s+(?:to|with)|over|not)"
    r"(?:\s+(?:the|our|a|an|using|on))?\s*$"
)


# A bare model number followed by a rate is a count ("5090 requests a day"), not an RTX 5090.
_RATE_AFTER = lazy(
    r"\s*(?:[a-z]+\s+){0,3}?(?:a|an|per|each|every|/)\s*(?:second|sec|minute|min|hour|hr|day|week|month|year|business)\b"
)


def _names(d: Draft, probes: bool = True) -> None:
    """Model and hardware names → ids. Several different ids for one field: the ones named as what
    is being replaced ("instead of sonnet") drop out; if more than one is left, ask which. With
    ``probes``, a name in a probing question ("why Qwen 27B?") is not read."""
    named: dict[str, list[tuple[Match, str, list[str]]]] = {}
    unknown: list[str] = []
    for match in find_mentions(d.text, d.catalog):
        if match.phrase.strip().isdigit() and _RATE_AFTER.match(d.text, match.phrase_end):
            continue
        if match.unknown:  # "GPT-4o": a model the catalog lacks is said, never swapped for one it has
            unknown.append(d.quote(match.phrase_start, match.phrase_end))
            d.notes.append(f"'{unknown[-1]}' is not in the catalog: not read (`/set cloud_model` takes one it has)")
            d.consume(match.phrase_start, match.phrase_end)
            continue
        if probes and (probed := probe.probed_at(d, match.phrase_start)) is not None:  # "why Qwen 27B?": asked about
            said = d.quote(probed, match.phrase_end)
            d.notes.append(f"'{said}' asks about it: not read as what the workload uses (`/set` takes it)")
            d.consume(probed, match.phrase_end)
            continue
        hardware = match.by_section.get("hardware")
        models = {s: ids for s, ids in match.by_section.items() if s != "hardware"}
        if hardware and models:  # one mention, two kinds of thing: keep the stronger reading
            best = max(models, key=lambda s: match.strength[s])
            if match.strength["hardware"] >= match.strength[best]:
                models = {}
            else:
                hardware = None
        denied = negation.negated_at(d, match.phrase_start) if hardware else None
        if hardware and denied is None:
            denied = negation.negated_in_words(d, match.phrase_start)  # "c'est une A40, pas une A100"
        if hardware and denied is not None:
            negation.not_had(d, hardware, d.quote(denied, match.phrase_end))  # "we don't have a 4090"
            hardware = None
        if hardware:
            hardware = _as_named(d, match, hardware)
        if hardware:
            named.setdefault("hardware", []).append((match, "hardware", hardware))
        if models:
            section = _model_section(d, match, models)
            if section is None:
                ids = sorted({i for v in models.values() for i in v})
                said = d.quote(match.phrase_start, match.phrase_end)
                question = (
                    f"'{said}' is both a hosted API and a model you run yourself ({', '.join(ids)}) — "
                    "on the API, or on your own hardware?"
                )
                pending.ask_side(d, question, models.get("cloud", []), models.get("local-models", []))
            else:
                named.setdefault(FIELD_OF_SECTION[section], []).append((match, section, models[section]))
        d.consume(match.phrase_start, match.phrase_end)
    for mentions in named.values():
        if len({tuple(ids) for _, _, ids in mentions}) > 1:
            kept = [
                x for x in mentions if not _REPLACED.search(d.text[max(0, x[0].phrase_start - 24) : x[0].phrase_start])
            ]
            mentions = kept or mentions
        if len({tuple(ids) for _, _, ids in mentions}) > 1:
            field = FIELD_OF_SECTION[mentions[0][1]]
            said = [d.quote(m.phrase_start, m.phrase_end) for m, _, _ in mentions]
            phrases = " and ".join(f"'{x}'" for x in said)
            question = f"you named {phrases} — which one is the {field.replace('_', ' ')} to price?"
            ids = [x[0] for _, _, x in mentions]
            if all(len(x) == 1 for _, _, x in mentions) and len(set(ids)) == len(ids):
                pending.ask_which(d, question, field, ids, said)
            else:
                d.ambiguous.append(question)
            continue
        match, section, ids = mentions[-1]
        _name(d, match, section, ids)
    for claim in d.claims if unknown else []:  # "GPT-4o vs Mistral Large": the one it has is not the pick alone
        if claim.field in ("cloud_model", "local_model"):
            claim.weaken(f"'{unknown[0]}' named beside it is not in the catalog")


# A chip generation or a memory size written with a hardware name ("Mac Studio M2 Ultra", "A100 40GB").
_CHIP_AFTER = lazy(r"[\s,(]*(?:apple\s+)?m(?P<gen>[1-9])(?:\s*(?P<tier>pro|max|ultra))?\b")
_GB_AFTER = lazy(r"[^.;\n\d]{0,20}?(?<![\d.])(?P<gb>\d{1,3})\s*(?:gb|go|giga)\b")


_CHIP_EITHER = lazy(r"\bm(?P<a>[1-9])\s*/\s*(?:m(?P<b>[1-9])|(?P<b2>[1-9])\b)")


def _either_chip(d: Draft, match: Match, ids: list[str]) -> list[str]:
    """'M1/M2 Ultra Mac Studio': the boxes of either chip, every memory of each (the question names
    both; neither is dropped), or none when the words name no such pair."""
    either = _CHIP_EITHER.search(d.text, max(0, match.phrase_start - 12), match.phrase_end)
    if either is None:
        return []
    gens = {either["a"], either["b"] or either["b2"]}
    shapes = {re.sub(r"\bm[1-9]\b", "m?", box_family(d.catalog.hardware[i].name)) for i in ids}
    return sorted(
        h.id
        for h in d.catalog.hardware.values()
        if re.sub(r"\bm[1-9]\b", "m?", box_family(h.name)) in shapes
        and any(re.search(rf"\bm{g}\b", h.name.lower()) for g in gens)
    )


def _as_named(d: Draft, match: Match, ids: list[str]) -> list[str]:
    """The hardware ids that are the chip and memory the words name: 'Mac Studio M2 Ultra' is not the
    catalog's M4 Ultra, 'A100 40GB' not an 80 GB card. None left: noted, nothing read."""
    if either := _either_chip(d, match, ids):
        return either
    chip = _CHIP_AFTER.search(d.text, match.phrase_start, match.phrase_end) or _CHIP_AFTER.match(
        d.text, match.phrase_end
    )
    memory = _GB_AFTER.match(d.text, max(match.phrase_end, chip.end() if chip else 0))

    def fits(box: Any) -> bool:
        name = f"{box.id} {box.name}".lower()
        if chip and (f"m{chip['gen']}" not in name or (chip["tier"] and chip["tier"] not in name)):
            return False
        sizes = (box.memory_gb, box.memory_gb / box.units)
        return not memory or any(abs(float(memory["gb"]) - m) <= 1 for m in sizes) or memory["gb"] in name

    hardware = d.catalog.hardware
    kept = [box_id for box_id in ids if fits(hardware[box_id])]
    if not kept and memory:  # "Mac Studio M2 Ultra 192GB": the same box with the memory named
        families = {box_family(hardware[box_id].name) for box_id in ids}
        kept = [h.id for h in hardware.values() if box_family(h.name) in families and fits(h)]
    sized = memory or re.search(r"\d\s*(?:gb|go)\b", d.text[match.phrase_start : match.phrase_end])
    for box_id in kept if not (chip or sized) else []:  # "a Mac mini", "macbooks": the catalog's chip is a guess
        if _CHIP_AFTER.search(box_id.replace("-", " ")):
            d.chip_guessed[box_id] = d.quote(match.phrase_start, match.phrase_end)
    end = max([m.end() for m in (chip, memory) if m is not None and m.end() > match.phrase_end], default=0)
    if end:
        d.consume(match.phrase_end, end)  # the chip and memory are the name's, not numbers to read
    for box_id in kept if chip and not sized else []:  # "a Mac Studio M2 Ultra": 64 GB or 192 GB?
        family = box_family(d.catalog.hardware[box_id].name)
        if any(h.id != box_id and box_family(h.name) == family for h in d.catalog.hardware.values()):
            d.size_guessed[box_id] = d.quote(match.phrase_start, max(end, match.phrase_end))
    if not kept:
        said = d.quote(match.phrase_start, max(end, match.phrase_end))
        d.notes.append(f"'{said}' is not in the catalog (it has that box with another chip or size only): not read")
    return kept


def _weaken_guessed_chips(d: Draft) -> None:
    """Hardware named with no chip ('a Mac mini', 'we're all on macbooks') read as the catalog's one
    chip is asked, not written: the team's may be an M1 or an M2."""
    for claim in d.claims:
        if claim.field in ("hardware", "owned_hardware") and claim.value in d.chip_guessed:
            claim.weaken(f"'{d.chip_guessed[claim.value]}' names no chip")


_SLASH_BEFORE = lazy(r"([a-z][\w.-]*)\s*/\s*$")
_SLASH_AFTER = lazy(r"\s*/\s*([a-z][\w.-]*)")


def _slashed(d: Draft, start: int, end: int) -> tuple[int, int] | None:
    """The span of 'X/Y' when the name at [start, end) is one side of it ('Claude/GPT-5'), else None."""
    before = _SLASH_BEFORE.search(d.original.lower(), max(0, start - 24), start)
    if before is not None:
        return before.start(1), end
    after = _SLASH_AFTER.match(d.original.lower(), end)
    return (start, after.end(1)) if after is not None else None


_MEMORY_IN_NAME = lazy(r"\((\d+)\s*gb")


def _ask_memory(d: Draft) -> None:
    """Hardware named by its chip with no memory where the catalog has it in several: one question,
    the catalog's boxes of that chip as choices ('the 192 GB one' answers it), never the first guessed."""
    for field in ("owned_hardware", "hardware"):
        claim = next((c for c in d.claims if c.field == field and c.value in d.size_guessed), None)
        if claim is None:
            continue
        said, family = d.size_guessed[claim.value], box_family(d.catalog.hardware[claim.value].name)
        units = d.changes.get("owned_units", 1)
        boxes = sorted(
            (h for h in d.catalog.hardware.values() if box_family(h.name) == family), key=lambda h: h.memory_gb
        )
        options = []
        for box in boxes:
            gb = _MEMORY_IN_NAME.search(box.name.lower())
            names = [f"{gb[1]} gb", f"{gb[1]}gb", f"{gb[1]} go", gb[1]] if gb else []
            changes = (
                {"owned_hardware": box.id, "owned_units": units} if field == "owned_hardware" else {"hardware": box.id}
            )
            options.append(Option(label=box.name.replace("'", '"'), changes=changes, names=names))
        listed = " or ".join(f"{n}) {o.label}" for n, o in enumerate(options, 1))
        question = f"'{said}': which memory — {listed}?"
        fields = ["owned_hardware", "owned_units"] if field == "owned_hardware" else ["hardware"]
        for name in fields:
            d.drop(name)
        d.ambiguous.append(question)
        d.choices.append(Choice(question=question, fields=fields, options=options))


def _model_section(d: Draft, match: Match, models: dict[str, list[str]]) -> str | None:
    if len(models) == 1:
        return next(iter(models))
    ranked = sorted(models, key=lambda s: match.strength[s], reverse=True)
    if match.strength[ranked[0]] > match.strength[ranked[1]]:
        return ranked[0]
    local = bool(_LOCAL_CUE.search(d.text)) or "hardware" in d.changes
    cloud = bool(_CLOUD_CUE.search(d.text))
    if local != cloud:
        return "local-models" if local else "cloud"
    return None


def _name(d: Draft, match: Match, section: str, ids: list[str]) -> None:
    field = FIELD_OF_SECTION[section]
    if len(ids) == 1:
        span = (match.phrase_start, match.phrase_end)
        claim = d.set(field, ids[0], f"read '{d.quote(*span)}' as {ids[0]}", spans=[span])
        if field != "hardware" and (pair := _slashed(d, *span)) is not None:  # "Claude/GPT-5 level": either
            claim.weaken(f"'{d.quote(*pair)}' names two")
        return
    # boxes by the catalog's names, as a person reads them ("Mac Studio M1 Ultra (64 GB, …)"), models by id
    named = [d.catalog.hardware[i].name.replace("'", '"') if section == "hardware" else i for i in ids[:5]]
    shown = ", ".join(named) + (", …" if len(ids) > 5 else "")
    question = f"'{d.quote(match.phrase_start, match.phrase_end)}' could be {shown} — which?"
    pending.ask_which(d, question, field, ids)


# ---- validation -----------------------------------------------------------------------------
def _validate(d: Draft) -> None:
    """Drop (with a note) every claim of a value the profile refuses."""
    trial = d.profile.model_copy()
    for claim in list(d.claims):
        try:
            setattr(trial, claim.field, claim.value)
        except ValidationError as exc:
            d.claims.remove(claim)
            value = claim.value
            shown = human(value) if isinstance(value, int | float) and not isinstance(value, bool) else repr(value)
            reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
            d.notes.append(f"ignored {claim.field.replace('_', ' ')} = {shown}: {reason}")


def _check_volume(d: Draft) -> None:
    """Drop (with a note) the values written that make an absurd monthly volume."""
    trial = d.profile.model_copy(update=d.changes)
    per_day = trial.requests_per_day
    if per_day is not None and trial.monthly_input_tokens is None:
        tokens = (trial.input_tokens_per_request or 0) + (trial.output_tokens_per_request or 0)
        monthly = per_day * tokens * defaults.DAYS_PER_MONTH
        if monthly > MAX_TOKENS_PER_MONTH:
            for name in ("requests_per_day", "input_tokens_per_request", "output_tokens_per_request"):
                if name in d.changes:
                    note = d.accepted[name].note
                    if note in d.notes:
                        d.notes.remove(note)
                    d.changes.pop(name)
                    d.sources.pop(name, None)
            d.notes.append(
                f"ignored the volume: {human(monthly)} tokens a month is more than {human(MAX_TOKENS_PER_MONTH)}"
                " — a typo, not a workload"
            )
