"""Hardware the team already has: "we already have two used 3090s", "we own a Mac Studio", "price is
zero" for a box already bought → ``owned_hardware`` and ``owned_units`` (priced as a sunk cost)."""

from __future__ import annotations

import re
from typing import Any

from advisor.interview.draft import Draft, normalise
from advisor.interview.lazy import lazy
from advisor.interview.names import Match, box_family, find_mentions, is_label_word
from advisor.interview.negation import clause_of, negated_at, negated_in_words
from advisor.interview.numbers import word_value
from advisor.interview.vocab import alternation, vocab
from advisor.state import Choice, Option
from advisor.tools.catalog import Hardware

OWNED = lazy(
    r"\balready\s+(?:have|own|got|bought|paid|purchased|run|use|using|sitting)"
    r"|\bwe\s+(?:own|have|got|bought|purchased|run|already)\b|\bwe'?ve\s+(?:got|bought|purchased)|\bour\s+(?:existing|current|spare|own)\b"
    r"|\b(?:sitting|lying)\s+(?:in|around|idle|unused)|\bin\s+(?:a|the|our)\s+(?:closet|cupboard|rack|basement|office|lab)\b"
    r"|\bpaid\s+(?:for|off)\b|\bsunk\b|\bon\s+hand\b|\bspare\b|\bwe\s+(?:still\s+)?have\s+(?:some|a\s+few)"
    r"|\b(?:price|cost)\s+(?:is|was|of\s+it\s+is|=)\s*(?:zero|nothing|nil|\$?0(?:\.0+)?)\b|\bcost\s+us\s+nothing\b"
    r"|\bfree\s+(?:to\s+us|for\s+us)\b"
)
NOT_OWNED = lazy(
    r"\b(?:could|would|might|may|should|plan(?:ning)?\s+to|want\s+to|need\s+to|thinking\s+(?:of|about)|consider\w*"
    r"|going\s+to|about\s+to|hope\s+to)\s+(?:buy|get|purchase|rent|order|lease)\w*"
    r"|\bquote\b|\bbudget\s+for\b|\bhave\s+a\s+budget|\bif\s+we\s+(?:bought|had|got)\b"
)
# Said of one clause only: "we don't have a 4090, we have a Mac Studio" owns the Mac.
DENIED = lazy(r"\b(?:don'?t|do\s+not|no\s+longer|never)\s+(?:have|own)\b|\bsold\b")
ZERO_PRICE = lazy(
    r"\b(?:price|cost)\s+(?:is|was|=)\s*(?:zero|nothing|nil|\$?0(?:\.0+)?)\b|\balready\s+(?:paid|bought|have\s+(?:it|them))"
    r"|\bsunk\s+cost\b|\bcost\s+us\s+nothing\b"
)
_COUNT = lazy(
    r"(?:^|[\s(])(?:(?P<x>\d{1,3})\s*x\s*|(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|sixteen|a\s+pair\s+of|a\s+couple\s+of"
    r"|couple\s+of|a\s+couple)\s+)(?:(?:used|old|spare|idle|second-hand|secondhand|nvidia|geforce|rtx|apple|amd|refurbished|of\s+the"
    r"|gpus?)\s+)*$"
)
# "a 4090", "two used 3090s", "eine RTX 4090": any such box — hardware to price, not one in hand.
_INDEFINITE = lazy(
    r"(?:^|\s)(?:a|an|one|two|three|four|five|six|seven|eight|a\s+pair\s+of|a\s+couple\s+of|another|some|ein|eine|einen"
    r"|un|une|uno|una|um|uma|een)\s+(?:(?:used|old|new|spare|second-hand|secondhand|refurbished|single|nvidia|geforce"
    r"|rtx|apple|amd|gebrauchte|gebrauchten)\s+)*$"
)
# "I'm a solo developer on a 64 GB M3 Max", "we're a small team on two 4090s": the machine they work on
_ON_OWN = lazy(
    r"\b(?:i'?m|i\s+am|we'?re|we\s+are)\b[^.;!?]{0,40}?\bon\s+(?:(?:a|an|my|our|one|two|\d+)\b[^.;!?,]{0,16})?$"
)
_GENERIC_BOX = lazy(r"^(?!.*\b(?:dgx|hgx)\b).*\b(?:server|node|box|rig|machine)\b")  # not 'HGX H100 server'
_BOX_WORD = lazy(r"\b(?:server|node|box|workstation|rig|machine|gpu\s+server|dgx|hgx)\b")
_INDEFINITE_PHRASE = lazy(r"^(?:a|an|one|two|three|four|a\s+pair|dual|twin)\b")
_COUNT_IN_PHRASE = lazy(r"^(?:a\s+)?(?:two|2\s*x|2|dual|pair|twin)\b")


def _count_in_words(before: str) -> tuple[int, int] | None:
    """A count of cards said in a word the number reader does not turn into digits ('dwie karty
    RTX 3090', 'jedną kartą'): [cues.units_N], then any words for cards ([cues.card_words])."""
    cards = alternation(vocab().cue("card_words"))
    for n in (1, 2, 3, 4, 8):
        words = alternation(vocab().cue(f"units_{n}"))
        rx = _CUES.setdefault(f"units_{n}", lazy(rf"(?:^|\s)({words})\s+(?:(?:{cards})\s+)*$"))
        if m := rx.search(before):
            return n, m.start(1)
    return None


def _count(before: str) -> tuple[int, int] | None:
    """The count written just before a hardware name, and where it starts in ``before``."""
    cards = _CUES.setdefault("cards_before", lazy(rf"(?<=\s)(?:{alternation(vocab().cue('card_words'))})(?=\s+$)"))
    m = _COUNT.search(cards.sub(" ", before))  # "two cards RTX 3090", "2 Karten A100": the words for cards read past
    if m is None:
        return _count_in_words(before)
    if m["x"]:  # "4x A100", "2x 3090"
        return (int(m["x"]), m.start("x")) if int(m["x"]) > 0 else None
    words = m["n"]
    if "pair" in words or "couple" in words:
        return 2, m.start("n")
    value = int(words) if words.isdigit() else int(word_value(words))
    return (value, m.start("n")) if value > 0 else None


def read_owned(d: Draft) -> None:
    """Ownership of the hardware named in this text (or of the profile's, when the text only says
    its price is zero). Runs after the names are read."""
    text = d.text
    box_id = d.changes.get("hardware")
    if box_id is None:
        if d.profile.hardware and ZERO_PRICE.search(text) and not NOT_OWNED.search(text):
            units = d.profile.owned_units or 1
            box = d.profile.hardware
            note = f"read that the {box} is already owned: no purchase price, only electricity and upkeep"
            span = ZERO_PRICE.search(text).span()  # type: ignore[union-attr]
            d.set("owned_hardware", box, note, spans=[span], together="owned")
            d.set("owned_units", units, spans=[span], together="owned", label=f"{units} × {box} owned")
        return
    box: Hardware = d.catalog.hardware[box_id]
    for match in find_mentions(d.original, d.catalog):
        named = match.by_section.get("hardware", [])
        family = box_family(box.name)  # "Mac Studio M2 Ultra 192GB": the 192 GB box of the mention's family
        if not any(h in (box_id, box.card) or d.catalog.hardware[h].card == box_id for h in named) and not any(
            box_family(d.catalog.hardware[h].name) == family for h in named
        ):
            continue  # "8 × H100" names the HGX node made of the cards read: the same mention
        start, end = d.sentence_of(match.phrase_start)
        c0, c1 = clause_of(d, match.phrase_start)
        if DENIED.search(text, c0, c1):
            continue
        sentence = text[start:end]
        if NOT_OWNED.search(sentence) or _cue(d, "buying", match, 80, 40) or _bought_before(d, match, start):
            _box_of_count(d, box_id, max(start, match.phrase_start - 40), match.phrase_start)
            return  # hardware to buy: the claim stands
        phrase = normalise(d.original[match.phrase_start : match.phrase_end])
        base = max(start, match.phrase_start - 40)
        # "deux A100": the count as a figure (forms.canonical), even once the name's words took it
        counted = _count(text[base : match.phrase_start]) or _count(d.canonical[base : match.phrase_start])
        # "a 4090", "two used 3090s", or the name alone: any such box, the hardware to price
        indefinite = bool(_INDEFINITE.search(text[base : match.phrase_start]) or _INDEFINITE_PHRASE.match(phrase))
        alone = not text[: match.phrase_start].strip(" ,.;:") and not text[match.phrase_end :].strip(" ,.;:?!")
        indefinite = indefinite or alone
        if box.units > 2 and box.card in d.catalog.hardware and not _BOX_WORD.search(phrase):
            box_id, box = box.card, d.catalog.hardware[box.card]  # "a server with two L40S": cards, not the 4-GPU box
        # "2x4090", "4x A100", "8 H100" named as one phrase (not "16 GB Mac")
        times = re.match(r"(\d{1,2})(?:\s*x\s*(?=\w)|\s+(?=[a-z])(?!(?:gb|go|tb|gib)\b))", phrase)
        if times and int(times[1]) > 0:
            units = max(1, int(times[1]) // box.units)
        elif _COUNT_IN_PHRASE.match(phrase):  # "two used 3090s": the dual box itself, or two single cards
            units = 1 if box.units > 1 else 2
        elif counted is not None and box.units > 1 and counted[0] % box.units == 0:
            units = counted[0] // box.units  # "two cards RTX 3090" read as the dual box: the count is its cards
        elif counted is not None:
            units = counted[0]
        else:
            units = 1
        # owned_units needs a count that modifies the name: in it ("8x H100"), before it ("two used
        # 3090s", "a 4090") or one box said with a singular possessive ("our Mac Studio"); not "H100s"
        # alone, nor a count said of each of several people or boxes ("3 analysts, each with a 4090")
        count_tied = bool((times and int(times[1]) > 0) or _COUNT_IN_PHRASE.match(phrase) or counted is not None)
        count_tied = (count_tied or _one_said(d, match)) and not _each_said(d, c0, c1)
        quote = d.quote(match.phrase_start, match.phrase_end)
        spans = [(match.phrase_start, match.phrase_end)]
        if counted is not None:
            spans.append((base + counted[1], match.phrase_start))
            d.consume(base + counted[1], match.phrase_start)
        in_name = (match.phrase_start, match.phrase_start + times.end()) if times and int(times[1]) > 0 else None
        # "the H100 node": a box of the card, its cards not counted — the catalog's 8 is a guess (asked)
        uncounted = box.units > 2 and not times and _GENERIC_BOX.search(phrase) is not None
        if box.units > 1 and box.card in d.catalog.hardware:  # "two used 3090s" owned: two cards of it
            box_id, units = box.card, units * box.units
            box = d.catalog.hardware[box_id]
        owned = {"owned_hardware": box_id, "owned_units": units}
        if (taken := _taken_elsewhere(d, match)) is not None:  # "… but it's used for builds": theirs to use?
            _ask_available(d, d.quote(match.phrase_start, taken), box_id, owned)
            return
        if box.kind == "rented":  # a rental is never hardware the team has: which is it?
            d.drop("hardware")
            d.ambiguous.append(f"'{quote}' reads as {box_id}, a rental — is it hardware you rent, or your own?")
            return
        _one_box_said(d, match)  # "8 H100 in one node": the cards' box, not a count to weigh
        corrected = _cue_in(d, "correction", start, end)
        recounted = _theirs(d, box_id) and (corrected or (counted is not None and counted[0] > 1))
        on_own = _ON_OWN.search(text, max(c0, match.phrase_start - 60), match.phrase_start) is not None
        held = _held(d, match) or _possessive(d, match) or recounted or on_own
        if (held or d.asked in ("hardware", "owned_hardware", "owned_units")) and _others(d, match):
            _ask_available(d, d.quote(*d.clause(match.phrase_start)).strip(), box_id, owned)
            return  # "the other team owns 8 H100s": theirs to use for this?
        beside = _other_named(d, match, box_id) if held else None
        if beside is not None:  # "Own 4090 + 3080 Ti": one word of having, two kinds — asked which
            d.drop("hardware")
            d.set("owned_hardware", box_id, spans=spans, together="owned", label=f"{box_id}, owned")
            d.set("owned_units", units, spans=spans, together="owned", label=f"{units} owned")
            for claim in d.claims[-2:]:
                claim.step("having_beside_another", f"'{beside}' is named beside it")
            return
        if held and not count_tied and not uncounted:
            _ask_count(d, quote, box_id, spans)  # "we have H100s": how many?
            return
        if held:
            d.drop("hardware")  # owned, not one to buy
            if in_name:  # "8 × H100": the count written in the name is the units owned
                d.consume(*in_name)
            kind = "correction" if recounted and corrected else "read"  # "actually two 4090s in it, not one"
            d.set(
                "owned_hardware",
                box_id,
                f"read '{quote}' as already owned: {units} × {box_id}, no purchase price (a sunk cost) —"
                " only electricity, upkeep and the cloud it replaces",
                spans=spans,
                together="owned",
                label=f"{box_id}, owned",
                kind=kind,
            )
            d.set("owned_units", units, spans=spans, together="owned", label=f"{units} owned", kind=kind)
            _steps(d, "having_tied", f"'{quote}' names no count of its cards" if uncounted else None)
            return
        if d.asked in ("hardware", "owned_hardware", "owned_units") and _bare_answer(d, match):
            # "do you already have hardware?" "8x H100": the question says the having; the answer names it
            if not count_tied and not uncounted:
                _ask_count(d, quote, box_id, spans)
                return
            d.drop("hardware")
            if in_name:
                d.consume(*in_name)
            d.set("owned_hardware", box_id, spans=spans, together="owned", label=f"{box_id}, owned")
            d.set("owned_units", units, spans=spans, together="owned", label=f"{units} owned")
            _steps(d, "having_from_question", f"'{quote}' names no count of its cards" if uncounted else None)
            return
        if indefinite and d.asked not in ("hardware", "owned_hardware", "owned_units"):
            return  # "a 4090" said in passing: the hardware to price
        _ask_own_or_buy(d, quote, box_id, owned)  # "2x4090, want llama 70b", "the 4090": which is it?
        return


_WORD = lazy(r"[^\W_]+(?:['’-][^\W_]+)*")
_SIZE_OR_COUNT = lazy(r"\d+(?:[.,]\d+)?(?:x|gb|go|tb|gib|g)?|x\d+")


def _phrase_words() -> set[str]:
    words = _CUES.get("phrase_words")
    if words is None:
        cues = ("owned_phrase", "owned", "possessive", "card_words")
        words = _CUES.setdefault("phrase_words", {w for c in cues for p in vocab().cue(c) for w in p.split()})
    return words


def _tied(gap: str) -> bool:
    """Whether the words between a word of having and the hardware name leave the having said of it:
    only the words a hardware phrase is made of ([cues.owned_phrase], counts, sizes) and at most one
    other (a verb: 'bei uns läuft ein Server mit zwei A100'). 'We have 40 engineers who use A100s'
    has the having said of the engineers."""
    others = [w for w in _WORD.findall(gap) if w not in _phrase_words() and not _SIZE_OR_COUNT.fullmatch(w)]
    return len(others) <= 1


def _held(d: Draft, match: Match) -> bool:
    """A word of the team having hardware ([cues.owned], 'we have', 'already own', 'sitting idle') in
    the clause of the name and tied to it: nothing but a hardware phrase's words between them."""
    low = d.original.lower()
    c0, c1 = d.clause(match.phrase_start)
    for m in [*OWNED.finditer(low, c0, c1), *_cue_rx("owned").finditer(low, c0, c1)]:
        if m.end() <= match.phrase_start and _tied(low[m.end() : match.phrase_start]):
            return True
        if m.start() >= match.phrase_end and _tied(low[match.phrase_end : m.start()]):
            return True
    return False


def _bare_answer(d: Draft, match: Match) -> bool:
    """Whether the clause naming the hardware is only the hardware said ('8x H100', 'yes, two 3090s',
    'Ja, eine RTX 4090'): a hardware phrase's words and a yes, with at most one other word. 'H100s
    would be nice' says more than that it is theirs."""
    low = d.original.lower()
    c0, c1 = d.clause(match.phrase_start)
    rest = f"{low[c0 : match.phrase_start]} {low[match.phrase_end : c1]}"
    yes = {w for phrase in vocab().affirmations for w in phrase.split()}
    others = [w for w in _WORD.findall(rest) if w not in yes]
    return _tied(" ".join(others))


def _others(d: Draft, match: Match) -> bool:
    """Whether the clause of the name says the hardware is someone else's ([cues.others_hardware]: 'the
    other team owns 8 H100s', 'our vendor has A100s', 'on the national cluster')."""
    c0, c1 = clause_of(d, match.phrase_start)
    if d.original[c0 - 1 : c0] == "(":
        c0 = clause_of(d, c0 - 1)[0]
    return _cue_in(d, "others_hardware", c0, c1)


_CARDS_AFTER = lazy(r"\s*(?:gpus|cards)(?![\w-])")


def _plural(d: Draft, match: Match) -> bool:
    """Whether the name is said in the plural: 'H100s', '3090s', 'A100 GPUs' (not 'L40S', whose S is
    the catalog's own)."""
    low = d.original.lower()
    last = low[match.phrase_start : match.phrase_end].split()[-1] if match.phrase.strip() else ""
    if _CARDS_AFTER.match(low, match.phrase_end):
        return True
    return last.endswith("s") and not is_label_word(d.catalog, last) and is_label_word(d.catalog, last[:-1])


_SINGULAR_BEFORE = lazy(
    r"(?<![\w-])(?:the|a|an|one|ein|eine|einen|einem|un|une|uno|una|um|uma|een|jeden|jedna|jedną|our|my|unser|unseren|unserem|unsere|notre|mon|ma|nuestro|nuestra|mi|nostro|nostra|mio|onze|ons"
    r"|mijn|nosso|nossa|meu|minha|naszego|nasz|nasza)\s+(?:[\w.-]+\s+){0,2}$"
)


def _one_said(d: Draft, match: Match) -> bool:
    """One box said with a singular article or possessive right before its name: 'ein Mac Studio',
    'our Mac Studio', 'my mac', 'the 4090' — not 'our A100s'."""
    low = d.original.lower()
    if _plural(d, match):
        return False
    return _SINGULAR_BEFORE.search(low, max(0, match.phrase_start - 40), match.phrase_start) is not None


_SIZE_BEFORE = lazy(r"\d+\s*(?:gb|go|gib|g)\s*$")


def _each_said(d: Draft, c0: int, c1: int) -> bool:
    """A word for 'each' in the clause ([cues.each]: '3 analysts, each with a 4090'), but not one said
    of a card's memory ('2x 3090 (24gb each)')."""
    low = d.original.lower()
    return any(not _SIZE_BEFORE.search(low, c0, m.start()) for m in _cue_rx("each").finditer(low, c0, c1))


def _usual_count(d: Draft, card: str) -> int:
    """The cards of the catalog's largest box of ``card`` (8 for an H100: one HGX node), else 1."""
    boxes = [h.units for h in d.catalog.hardware.values() if h.card == card and h.kind != "rented"]
    return max(boxes, default=1)


def _ask_count(d: Draft, quote: str, box_id: str, spans: list[tuple[int, int]]) -> None:
    """Hardware they have, named with no count tied to it ('we have H100s', 'Eigene A100 vorhanden'):
    the hardware is theirs (its name and their having it are said), its count one question — the
    catalog's usual box first, another number, or none (hardware to buy, then)."""
    d.drop("hardware")
    for span in spans:
        d.consume(*span)
    d.set(
        "owned_hardware",
        box_id,
        f"read '{quote}' as already owned: {box_id}, no purchase price (a sunk cost) — how many is asked",
        spans=spans,
        label=f"{box_id}, owned",
    ).step("having_tied" if d.asked not in ("hardware", "owned_hardware", "owned_units") else "having_from_question")
    usual = _usual_count(d, box_id)
    options = [
        Option(
            label=f"{usual} (one node)" if usual > 1 else f"{usual}",
            changes={"owned_units": usual},
            names=list(vocab().affirmations),
        ),
        Option(label="another number", names=[]),
        Option(
            label="none, we'd buy them",
            changes={"owned_hardware": None, "owned_units": None, "hardware": box_id},
            names=["none", "buy", "we'd buy them"],
        ),
    ]
    choice = Choice(question="", fields=["owned_units"], options=options)
    question = choice.question = f"'{quote}': how many do you own? {choice.shown()}?"
    d.ambiguous.append(question)
    d.choices.append(choice)


_ONE_BOX = lazy(r"(?<![\w.,])(?:1|a\s+single|single)\s+(?:server|node|box|chassis|machine|workstation)(?![\w-])")


def _one_box_said(d: Draft, match: Match) -> None:
    """'8 H100 in one node', 'two L40S in a single server': one box holding the cards named leaves their
    count as it is; it is consumed, so it does not make the count a question."""
    c0, c1 = clause_of(d, match.phrase_start)
    for m in _ONE_BOX.finditer(d.text, c0, c1):
        d.consume(*m.span())


def read_recount(d: Draft) -> None:
    """The count of the hardware they have, said again with no name: 'Two cards', '4 GPUs', 'two, not
    one' (the old count named) — a correction of ``owned_units``, never a new box or a volume."""
    owned, had = d.profile.owned_hardware, d.profile.owned_units
    if owned is None or any(c.field in ("hardware", "owned_hardware", "owned_units") for c in d.claims):
        return
    cards = alternation([*vocab().cue("card_words"), "gpu", "gpus"])
    nots = alternation(vocab().cue("not_instead"))
    counted = _CUES.setdefault("recount", lazy(rf"(?<![\w.,])(\d{{1,2}})\s+(?:{cards})(?![\w-])"))
    instead = _CUES.setdefault("instead", lazy(rf"(?<![\w.,])(\d{{1,2}})\s*,?\s*(?:{nots})\s+(\d{{1,2}})(?![\w.,])"))
    m = counted.search(d.text)
    if m is None and had is not None:
        m = next((x for x in instead.finditer(d.text) if int(x[2]) == had and int(x[1]) != had), None)
    if m is None or not 0 < int(m[1]) <= 64:
        return
    units = int(m[1])
    span = d.widen(m.start(), m.end())
    d.set(
        "owned_units",
        units,
        f"read '{d.quote(*span)}' as {units} × {owned} owned (was {had})",
        span,
        kind="correction",
        label=f"{units} owned",
    )


def _steps(d: Draft, having: str, uncounted: str | None) -> None:
    """The derivation the owned claims just made rest on (catalog/derivation.toml): how the having was
    said, and the count tied to the name — or the catalog's count of a box named without one, which
    the arbiter asks about."""
    for claim in d.claims[-2:]:
        claim.step(having)
        if claim.field == "owned_units" and uncounted:
            claim.step("count_of_box_guessed", uncounted)
        elif claim.field == "owned_units":
            claim.step("count_tied")


def _other_named(d: Draft, match: Match, box_id: str) -> str | None:
    """Another hardware name in the clause of ``match`` ('Own 4090 + 3080 Ti'): one word of having
    said of two kinds of hardware, which the profile's one owned kind cannot hold."""
    c0, c1 = d.clause(match.phrase_start)
    card = d.catalog.hardware[box_id].card or box_id
    for other in find_mentions(d.original, d.catalog):
        ids = other.by_section.get("hardware", [])
        if other.phrase_start == match.phrase_start or not ids or not c0 <= other.phrase_start < c1:
            continue
        if _denied(d, other.phrase_start):  # "we don't have a 4090, we have a Mac Studio": one kind had
            continue
        if all(h == box_id or d.catalog.hardware[h].card == card for h in ids):
            continue  # the same card named again ("8 H100 … the H100s")
        return d.quote(other.phrase_start, other.phrase_end)
    low = d.original.lower()
    for m in _CARD_SHAPE.finditer(low, c0, c1):  # a card the catalog lacks: "3080 Ti", "A6000"
        if not match.phrase_start <= m.start() < match.phrase_end and not _denied(d, m.start()):
            return d.quote(*m.span())
    return None


def _denied(d: Draft, pos: int) -> bool:
    return negated_at(d, pos) is not None or negated_in_words(d, pos) is not None


# A GPU's model number, as a card is named: "3080 Ti", "RTX 2080", "A6000", "T4", "L40S".
_CARD_SHAPE = lazy(
    r"(?<![\w.])(?:(?:rtx|gtx)\s*)?[1-5]0[5-9]0(?:\s*(?:ti|super))?(?![\w.])|(?<![\w.])[abhlt]\d{1,4}s?(?![\w.])"
)


def _box_of_count(d: Draft, box_id: str, lo: int, hi: int) -> None:
    """Hardware to buy with a count before it ('4 GPU L40S commandés', 'buying a couple H100s'): the
    catalog's one box of that many of the card, when it has one (the count is the box's, not a volume)."""
    counted = _count(d.text[lo:hi]) or _count(d.canonical[lo:hi])
    if counted is None or counted[0] < 2:
        return
    box = d.catalog.hardware[box_id]
    card = box.card if box.units > 1 and box.card else box_id
    boxes = [
        h.id for h in d.catalog.hardware.values() if h.card == card and h.units == counted[0] and h.kind != "rented"
    ]
    if len(boxes) != 1 or boxes[0] == box_id:
        return
    for claim in d.claims:
        if claim.field == "hardware" and claim.value == box_id:
            claim.value = boxes[0]
            end = max((e for _, e in claim.spans), default=hi)
            claim.note = f"read '{d.quote(lo + counted[1], end)}' as {boxes[0]}, hardware to buy"
            claim.spans = [(lo + counted[1], end)]
            d.changes["hardware"] = boxes[0]
    d.consume(lo + counted[1], hi)


_CUES: dict[str, Any] = {}


def _cue_rx(name: str) -> Any:
    return _CUES.setdefault(name, lazy(rf"(?<![\w-])(?:{alternation(vocab().cue(name))})(?![\w-])"))


def _cue_in(d: Draft, name: str, lo: int, hi: int) -> bool:
    return _cue_rx(name).search(d.original.lower(), lo, hi) is not None


def _cue(d: Draft, name: str, match: Match, before: int, after: int) -> bool:
    """A cue word of ``name`` in the clause of ``match``, within ``before``/``after`` characters of it."""
    c0, c1 = clause_of(d, match.phrase_start)
    return _cue_in(d, name, max(c0, match.phrase_start - before), min(c1, match.phrase_end + after))


def _bought_before(d: Draft, match: Match, start: int) -> bool:
    """A word of buying or renting earlier in the sentence, across a dash or a colon ('We'd rent —
    H100s on Lambda'), with no word of having between it and the name."""
    low = d.original.lower()
    last = max(_cue_rx("buying").finditer(low, start, match.phrase_start), key=lambda m: m.start(), default=None)
    return last is not None and _cue_rx("owned").search(low, last.end(), match.phrase_start) is None


def _possessive(d: Draft, match: Match) -> bool:
    """'our 2x 4090 box', 'unser Server mit …': a possessive a few words before the name, with only a
    hardware phrase's words between them."""
    words = alternation(vocab().cue("possessive"))
    rx = _CUES.setdefault("possessive", lazy(rf"(?<![\w-])(?:{words})\s+(?:[\w.()-]+\s+){{0,3}}$"))
    c0, _ = clause_of(d, match.phrase_start)
    if d.original[c0 - 1 : c0] == "(":  # "our on-prem box (4x RTX 4090)": the box the brackets name is ours
        c0 = clause_of(d, c0 - 1)[0]
    m = rx.search(d.original.lower(), max(c0, match.phrase_start - 40), match.phrase_start)
    if m is None:
        return False
    gap = d.original.lower()[m.start() : match.phrase_start].split(maxsplit=1)[1:]  # the words after 'our'
    return _tied(gap[0] if gap else "")  # 'our 40 engineers use A100s': the engineers are theirs


def _ask_own_or_buy(d: Draft, quote: str, box_id: str, owned: dict[str, Any]) -> None:
    """Hardware named with no word of having it or buying it: one question, the two readings as choices."""
    d.drop("hardware")
    question = f"'{quote}' ({box_id}): 1) hardware you already have or 2) hardware to buy?"
    options = [
        Option(label=f"{box_id}, which you have", changes=owned, names=["have", "own", "already have", "we have it"]),
        Option(label=f"{box_id}, to buy", changes={"hardware": box_id}, names=["buy", "to buy", "purchase", "new"]),
    ]
    d.ambiguous.append(question)
    d.choices.append(Choice(question=question, fields=["hardware", "owned_hardware", "owned_units"], options=options))


def _theirs(d: Draft, box_id: str) -> bool:
    """Whether the profile already holds this card as hardware they have: a count of it said again
    later ('there are actually two 4090s in it') is a count of theirs, not hardware to buy."""
    owned = d.profile.owned_hardware
    if owned is None or owned not in d.catalog.hardware:
        return False
    card_of = {h: (d.catalog.hardware[h].card or h) if d.catalog.hardware[h].units > 1 else h for h in (owned, box_id)}
    return card_of[owned] == card_of[box_id]


def _taken_elsewhere(d: Draft, match: Match) -> int | None:
    """Where the words end that say the hardware named is taken for something else: a contrast word
    after it in its sentence ('but', 'mais', 'aber'), then a word of it being used, reserved or not
    wanted for this ('it's used for builds', 'il s'en sert tous les jours', 'gehört der Forschung') —
    not when only part of its time is ('partly used by the speech team', 'overdag is die bezet')."""
    _, s1 = d.sentence_of(match.phrase_end)
    contrast = _cue_rx("contrast").search(d.original.lower(), match.phrase_end, s1)
    if contrast is None:
        return None
    taken = _cue_rx("unavailable").search(d.original.lower(), contrast.end(), min(s1, contrast.end() + 60))
    if taken is None or _cue_rx("partly").search(d.original.lower(), contrast.end(), s1):
        return None  # "partly used by the speech team": theirs, busy some of the time
    stop = min(s1, taken.end() + 24)  # the words it is taken for, to a whole word: "used for builds"
    return max(d.original.rfind(" ", taken.end(), stop), taken.end()) if stop < s1 else s1


def _ask_available(d: Draft, quote: str, box_id: str, owned: dict[str, Any]) -> None:
    """Hardware they have that is taken for something else: one question, use it for this or leave it out."""
    d.drop("hardware")
    question = f"'{quote}': 1) {box_id}, yours to use for this, or 2) leave it out?"
    options = [
        Option(label=f"{box_id}, yours to use for this", changes=owned, names=["use it", "we can use it", "ours"]),
        Option(label="leave it out", names=["leave it out", "leave it", "without it", *vocab().answers.no]),
    ]
    d.ambiguous.append(question)
    d.choices.append(Choice(question=question, fields=["hardware", "owned_hardware", "owned_units"], options=options))


# In the words that correct a hardware name: a chip or card ('M1 Ultra', 'L4s', 'T4', 'A100'), a
# memory size, a count of cards, or a word for the box.
_HARDWARE_SHAPE = lazy(
    r"(?<![\w-])(?:m[1-9]|[a-z]{1,3}\d{1,4}[a-z]{0,2}|[2-5]0[5-9]0(?:\s*ti)?s?|\d{1,4}\s*gb|gpus?|cards?|servers?|boxes)(?![\w-])"
)


def weaken_corrected(d: Draft) -> None:
    """A hardware reading the user corrects or takes back after it ('two L40S … sorry, just checked,
    they're L4s'; 'a Mac Studio M2 Ultra. Sorry, it's an M1 Ultra'; 'a 4090 … don't count on it') is
    asked, not written: the words after it may name a kind or count the catalog lacks, or none."""
    low = d.original.lower()
    for claim in d.claims:
        if claim.field not in ("hardware", "owned_hardware") or not claim.spans:
            continue
        end = max(e for _, e in claim.spans)
        _, sentence_end = d.sentence_of(end)
        _, next_end = d.sentence_of(min(len(low), sentence_end + 2))
        retracted = _cue_rx("retraction").search(low, end, next_end)
        corrected = _cue_rx("correction").search(low, end, next_end)
        if corrected is not None and retracted is None:
            _, c1 = d.sentence_of(corrected.start())
            if not _HARDWARE_SHAPE.search(low, corrected.end(), max(c1, next_end)):
                corrected = None  # 'actually the volume is 500 a day': not about the hardware
        m = min((x for x in (corrected, retracted) if x is not None), key=lambda x: x.start(), default=None)
        if m is None:
            continue
        _, c1 = d.sentence_of(m.start())
        stop = min(c1, m.start() + 60)
        if stop < c1:  # a long sentence: up to a whole word
            stop = max(low.rfind(" ", m.start(), stop), m.end())
        claim.weaken(f"then '{d.quote(m.start(), stop)}'")
