"""Where the data may go, read from what people write: "we have a BAA with Anthropic and AWS Bedrock",
"HIPAA-eligible Bedrock", "with zero data retention", "ZDR", "EU region only", "must stay in Germany",
"Daten dürfen die EU nicht verlassen", "AVV/DPA signed", "no cloud at all" — in English, German, French
and Spanish. Doubt and denial hold nothing: "not sure we have a BAA" is no contract.

``read_boundary`` turns text into findings (a field, its value, the span it rests on, how strong);
``apply`` is today's hook into the reader's draft. The words are data (catalog/boundary_terms.toml);
company and platform names come from the catalog's platforms, region names from its regions."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from advisor.interview.lazy import lazy, of_phrases
from advisor.tools.boundary import region_name, within
from advisor.tools.catalog import Catalog

if TYPE_CHECKING:
    from advisor.interview.draft import Draft

Strength = Literal["strong", "weak"]  # weak: said in doubt — worth a question, never a value
FIELDS = ("data_boundary", "contract", "agreement", "zero_retention", "region")


@dataclass(frozen=True)
class Finding:
    field: str  # one of FIELDS
    value: Any
    span: tuple[int, int]
    strength: Strength
    words: str  # the words it rests on, as the text has them
    other_product: str = ""  # an agreement for another product of the company ("Microsoft 365"): asked


@lru_cache(maxsize=1)
def terms() -> dict[str, Any]:
    text = (resources.files("advisor.catalog") / "boundary_terms.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _key(words: str) -> str:
    return " ".join(re.split(r"[\s-]+", words.strip().lower()))


def _alternation(phrases: list[str]) -> str:
    """Phrases as one pattern, longest first, any run of spaces or hyphens between their words."""
    keys = sorted({_key(p) for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"[\s-]*".join(re.escape(w) for w in k.split(" ")) for k in keys)


def _whole(phrases: list[str]) -> Any:
    """Whole words or phrases; with none, a pattern that never matches."""
    alternation = _alternation(phrases)
    return of_phrases(rf"(?<![\w])(?:{alternation})(?![\w])" if alternation else r"(?!)", map(_key, phrases))


_CLAUSE_BREAK = lazy(
    r"[.;!?\n]|(?<![\w])(?:but|however|aber|jedoch|mais|pero|sin embargo|ale|jednak|però|tuttavia|maar|echter"
    r"|porém|contudo)(?![\w])"
)
_SENTENCE = lazy(r"[^.!?\n]*(?:[.!?]+|\n|$)")
_ALTERNATIVE = lazy(r"(?<![\w])(?:or|oder|ou|o|of|lub|albo)(?![\w])")
_NEGATED_NAME = lazy(r"(?<![\w])(?:not|nicht|pas|no|non|niet|nie|não)\s+(?:[\w'-]+\s+){0,1}$")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Any]:
    t = terms()
    keys = (
        "baa",
        "dpa",
        "hipaa_eligible",
        "zero_retention",
        "on_site",
        "any_provider",
        "doubt",
        "denial",
        "without",
        "without_denied_by",
        "party_ok_after",
        "party_only_before",
        "other_products",
        "also",
    )
    out = {key: _whole(t[key]) for key in keys}
    articles = r"(?:an?|the|un|une|uno|una|um|uma|ein|eine|einen|een|el|la|le|il|o|a)"
    out["what_is"] = lazy(rf"(?<![\w])(?:{_alternation(t['what_is'])})\s+(?:{articles}\s+)?$")
    out["region_cue"] = _whole(t["region_cues"])
    out["region_cue_only"] = _whole(t["region_cues_only"])
    out["data_word"] = _whole(t["data_words"])
    out["answer_on_site"] = lazy(rf"^\W*(?:{_alternation(t['answer_on_site'])})\W*$")
    out["answer_any"] = lazy(rf"^\W*(?:{_alternation(t['answer_any'])})\W*$")
    out["joiner"] = lazy(rf"\s*(?:,|/|(?<![\w])(?:{_alternation(t['list_joiners'])})(?![\w]))\s*")
    connectors = _alternation(t["with"])  # "DPA (AVV) mit Microsoft": a bracket closed before them too
    out["connectors"] = lazy(rf"(?:[\s,)]*(?:{connectors})(?![\w])){{0,3}}[\s,]*")
    place = rf"(?:\s+(?:{_alternation(t['place_before_agreement'])})\s+[\w-]+)?"
    out["before_agreement"] = lazy(
        rf"{place}(?:'s)?[\s-]*(?:(?:{_alternation(t['before_agreement'])})(?![\w]))?[\s-]*$"
    )
    out["on_site_except"] = lazy(rf"\W*(?:[\w']+\W+)?(?:{_alternation(t['on_site_except_before'])})(?![\w])")
    out["not_even_cloud"] = lazy(
        rf"(?<![\w])(?:{_alternation(t['not_even'])})\s+(?:[\w'-]+\s+){{0,3}}?(?:{_alternation(t['cloud_words'])})(?![\w])"
    )
    out["leave_until"] = lazy(rf"\W*(?:[\w']+\W+){{0,3}}?(?:{_alternation(t['leave_until'])})(?![\w])")
    out["leave_unless"] = _whole(t["leave_unless"])
    out["region_not_before"] = lazy(rf"[\s-]+(?:{_alternation(t['region_not_before'])})(?![\w])")
    out["asking"] = _whole(t["asking"])
    out["alternatives"] = _whole(t["alternatives"])
    out["contrasts"] = _whole(t["contrasts"])
    out["unsure_after_contrast"] = _whole(t["unsure_after_contrast"])
    return out


_BY_CATALOG: dict[tuple[str, int], tuple[Catalog, Any]] = {}


def _per_catalog(kind: str, catalog: Catalog, build: Any) -> Any:
    """``build(catalog)`` once per catalog object (a catalog holds dicts: it cannot be a cache key)."""
    hit = _BY_CATALOG.get((kind, id(catalog)))
    if hit is None or hit[0] is not catalog:
        if len(_BY_CATALOG) >= 16:
            _BY_CATALOG.clear()
        hit = _BY_CATALOG[(kind, id(catalog))] = (catalog, build(catalog))
    return hit[1]


def _names(catalog: Catalog) -> tuple[Any, dict[str, str]]:
    return _per_catalog("names", catalog, _build_names)


def _regions(catalog: Catalog) -> tuple[Any, dict[str, str]]:
    return _per_catalog("regions", catalog, _build_regions)


def _build_names(catalog: Catalog) -> tuple[Any, dict[str, str]]:
    """A pattern for every company and platform name the catalog knows, inflected or not ("z
    Microsoftem"), and name → company id."""
    skip = {_key(w) for w in terms()["not_names"]}
    company_of: dict[str, str] = {}
    for platform in catalog.platforms.values():
        for name in (platform.company, platform.company_name, platform.name, *platform.aliases):
            if _key(name) not in skip:
                company_of.setdefault(_key(name), platform.company)
    names, endings = _alternation(list(company_of)), _alternation(terms()["name_endings"])
    pattern = rf"(?<![\w])(?:{names})(?:{endings})?(?![\w])"
    return of_phrases(pattern, map(_key, company_of)), company_of


def _company(company_of: dict[str, str], said: str) -> str:
    """The company a name stands for, as said or with an inflected ending ("Microsoftem", "Google'a")."""
    key = _key(said)
    if key in company_of:
        return company_of[key]
    ending = next(e for e in sorted(terms()["name_endings"], key=len, reverse=True) if key.endswith(_key(e)))
    return company_of[key[: len(key) - len(_key(ending))]]


def _build_regions(catalog: Catalog) -> tuple[Any, dict[str, str]]:
    """A pattern for every region name and alias, and name → region id."""
    region_of: dict[str, str] = {}
    for region in catalog.regions.values():
        for name in (region.name, *region.aliases):
            region_of.setdefault(_key(name), region.id)
    return _whole(list(region_of)), region_of


CLAUSE_REACH = 240  # a clause is read at most this many characters either side (long texts stay linear)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from the last break before it to the first after it, within
    CLAUSE_REACH characters."""
    before, after = max(0, start - CLAUSE_REACH), min(len(text), end + CLAUSE_REACH)
    for m in _CLAUSE_BREAK.finditer(text, before, after):
        if m.end() <= start:
            before = m.end()
        elif m.start() >= end:
            after = m.start()
            break
    return before, after


def _strength(text: str, start: int, end: int) -> Strength | None:
    """'weak' when its clause doubts it ("not sure we have a BAA", "a DPA with Google — not sure it
    covers Gemini", "UK-hosted ideally"), None when a denial stands in the five words before it ("we
    don't have a DPA", "kein AVV"), else 'strong'."""
    clause_start, clause_end = _clause(text, start, end)
    before = text[clause_start:start]
    p = _patterns()
    if p["what_is"].search(text, max(clause_start, start - 40), start):
        return None  # "What's a BAA?": asked about, not held
    if p["doubt"].search(before) or p["doubt"].search(text, start, clause_end):
        return "weak"  # before it, after it, or in its own words ("prefers on-prem")
    if _unsure_after(text, clause_end):
        return "weak"  # "…, but I don't know if it covers Gemini"
    words = re.findall(r"[\w']+", before)
    if p["denial"].search(" ".join(words[-5:])):
        return "strong" if _required_without(words) else None
    return "strong"


def _unsure_after(text: str, clause_end: int) -> bool:
    """Whether the clause a contrast word opens at ``clause_end`` says the user does not know."""
    p = _patterns()
    word = p["contrasts"].match(text, clause_end)
    if word is None:
        return False
    _, next_end = _clause(text, word.end(), word.end())
    return bool(p["unsure_after_contrast"].search(text, word.end(), next_end))


def _required_without(words: list[str]) -> bool:
    """ "cannot go to any vendor without a signed BAA", "nichts ohne AVV": a denial before "without"
    makes the agreement a requirement, not a lack — so long as no other denial follows "without"."""
    p = _patterns()
    at = [i for i in range(max(0, len(words) - 5), len(words)) if p["without"].fullmatch(words[i])]
    if not at:
        return False
    i = at[-1]
    return not p["denial"].search(" ".join(words[i + 1 :])) and bool(p["without_denied_by"].search(" ".join(words[:i])))


def _party_list(text: str, pos: int, catalog: Catalog) -> tuple[list[str], int]:
    """The companies listed from ``pos`` on ("anthropic and aws bedrock", "aws, google") and where
    the list ends."""
    rx, company_of = _names(catalog)
    joiner = _patterns()["joiner"]
    found: list[str] = []
    while (m := rx.match(text, pos)) is not None:
        found.append(_company(company_of, m.group(0)))
        pos = m.end()
        j = joiner.match(text, pos)
        if j is None or rx.match(text, j.end()) is None:
            break
        pos = j.end()
    return found, pos


def _parties_after(text: str, end: int, catalog: Catalog) -> tuple[list[str], int]:
    """The parties named after an agreement within its clause: a few connecting words first ("with",
    "signed with", "in place with"), then a list of names."""
    rx, _ = _names(catalog)
    _, clause_end = _clause(text, end, end)
    gap = _patterns()["connectors"].match(text, end, clause_end)
    start = gap.end() if gap else end
    if start < clause_end and rx.match(text, start):
        return _party_list(text, start, catalog)
    return [], end


def _parties_before(text: str, start: int, catalog: Catalog) -> tuple[list[str], int]:
    """'aws baa', "anthropic's dpa", 'our bedrock baa': a name right before the agreement."""
    rx, company_of = _names(catalog)
    offset = max(0, start - 40)
    last = None
    for m in rx.finditer(text, offset, start):
        last = m
    between = text[last.end() : start] if last is not None else ""
    if last is None or not between or not _patterns()["before_agreement"].fullmatch(between):
        return [], start
    parties, first = [_company(company_of, last.group(0))], last
    while True:  # "anthropic/openai under our DPA": the whole list before it
        prior = None
        for m in rx.finditer(text, max(0, first.start() - 40), first.start()):
            prior = m
        if prior is None or not _patterns()["joiner"].fullmatch(text, prior.end(), first.start()):
            break
        parties.insert(0, _company(company_of, prior.group(0)))
        first = prior
    return parties, first.start()


def read_boundary(text: str, catalog: Catalog, asked: str | None = None, original: str | None = None) -> list[Finding]:
    """Every boundary finding in ``text``, in text order. ``original``: the same text with its case
    (the same length), so 'US' is told from 'us'; ``asked``: the field the last question was about —
    a bare 'EU' or 'own hardware' answers "where may the data go?"."""
    low = text.lower()
    cased = original if original is not None and len(original) == len(text) else text
    p = _patterns()
    found: list[Finding] = []
    for agreement in ("baa", "dpa"):
        for m in p[agreement].finditer(low):
            strength = _strength(low, m.start(), m.end())
            if strength is None:
                continue
            after, end = _parties_after(low, m.end(), catalog)
            before, start = _parties_before(low, m.start(), catalog)
            found.append(Finding("agreement", agreement, m.span(), strength, text[m.start() : m.end()]))
            if before or after:
                companies = list(dict.fromkeys(before + after))
                found.append(Finding("contract", companies, (start, end), strength, text[start:end]))
    for m in p["hipaa_eligible"].finditer(low):
        strength = _strength(low, m.start(), m.end())
        companies, end = _parties_after(low, m.end(), catalog)
        if strength is None or not companies:
            continue
        parties = list(dict.fromkeys(companies))
        found.append(Finding("contract", parties, (m.start(), end), strength, text[m.start() : end]))
        found.append(Finding("agreement", "baa", m.span(), strength, text[m.start() : m.end()]))
    found = _for_other_products(low, cased, found)
    agreed = [f for f in found if f.field == "agreement" and f.strength == "strong"]
    found += _parties_too(low, text, catalog, found)
    found = _corrected_parties(low, text, catalog, found)
    found += _parties_accepted(low, text, catalog, bool(agreed))
    for m in p["zero_retention"].finditer(low):
        if (strength := _strength(low, m.start(), m.end())) is not None:
            found.append(Finding("zero_retention", True, m.span(), strength, text[m.start() : m.end()]))
    regions = _region_findings(low, cased, catalog, asked)
    places = regions + _stays_home(low, cased, regions, agreed)
    for key, value in (("on_site", "on_site"), ("any_provider", "any")):
        for m in p[key].finditer(low):
            if key == "on_site" and p["on_site_except"].match(low, m.end()):
                continue  # "no cloud outside the EU": a region, read as one
            if (strength := _strength(low, m.start(), m.end())) is not None:
                places.append(Finding("data_boundary", value, m.span(), strength, text[m.start() : m.end()]))
    for m in p["not_even_cloud"].finditer(low):  # "not even to a cloud provider with a CH region": no cloud
        places.append(Finding("data_boundary", "on_site", m.span(), "strong", text[m.start() : m.end()]))
    found += [_asked_back(low, f) for f in places]
    if asked == "data_boundary":
        for key, value in (("answer_on_site", "on_site"), ("answer_any", "any")):
            if m := p[key].match(low):
                found.append(Finding("data_boundary", value, m.span(), "strong", text.strip()))
    return sorted(found, key=lambda f: f.span)


def _sentence(low: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: from the last sentence mark before it to the next one after it."""
    for m in _SENTENCE.finditer(low):
        if m.start() <= pos < max(m.end(), m.start() + 1):
            return m.span()
    return 0, len(low)


def _for_other_products(low: str, text: str, found: list[Finding]) -> list[Finding]:
    """An agreement whose sentence names another product of the company ("a DPA with Google through
    our Workspace contract", "AVV für Microsoft 365"): whether it covers the AI platform is not said,
    so its contract is weak (asked, counts as none)."""
    rx = _patterns()["other_products"]
    out = []
    for f in found:
        if f.field == "contract" and f.strength == "strong":
            s0, s1 = _sentence(low, f.span[0])
            if product := rx.search(low, s0, s1):
                f = Finding(f.field, f.value, f.span, "weak", f.words, text[product.start() : product.end()])
        out.append(f)
    return out


def _parties_too(low: str, text: str, catalog: Catalog, found: list[Finding]) -> list[Finding]:
    """ "We have a BAA with AWS. And actually Azure too": a party named in the sentence after a
    firm agreement, with a word of adding it and no agreement or denial of its own, joins it."""
    rx, company_of = _names(catalog)
    p = _patterns()
    out = []
    for f in found:
        if f.field != "contract" or f.strength != "strong":
            continue
        _, end = _sentence(low, f.span[0])
        s0, s1 = _sentence(low, end)
        if s0 < end or not p["also"].search(low, s0, s1):
            continue
        if p["baa"].search(low, s0, s1) or p["dpa"].search(low, s0, s1) or p["denial"].search(low, s0, s1):
            continue
        for m in rx.finditer(low, s0, s1):
            company = _company(company_of, m.group(0))
            if company not in f.value and _strength(low, m.start(), m.end()) == "strong":
                out.append(Finding("contract", [company], m.span(), "strong", text[m.start() : m.end()]))
    return out


def _corrected_parties(low: str, text: str, catalog: Catalog, found: list[Finding]) -> list[Finding]:
    """ "a DPA with OpenAI … wait, it's Azure OpenAI through Microsoft, not OpenAI directly": a
    later sentence that denies a party by name and names another replaces it."""
    rx, company_of = _names(catalog)
    out = []
    for f in found:
        if f.field == "contract":
            _, end = _sentence(low, f.span[1])
            for m in rx.finditer(low, end):
                company = _company(company_of, m.group(0))
                if company not in f.value or not _NEGATED_NAME.search(low, max(0, m.start() - 24), m.start()):
                    continue
                s0, s1 = _sentence(low, m.start())
                named = [_company(company_of, n.group(0)) for n in rx.finditer(low, s0, s1) if n.start() != m.start()]
                instead = [c for c in dict.fromkeys(named) if c != company]
                if instead:
                    value = [c for c in f.value if c != company] + [c for c in instead if c not in f.value]
                    f = Finding(f.field, value, (f.span[0], s1), f.strength, text[f.span[0] : s1])
        out.append(f)
    return out


def _asked_back(low: str, f: Finding) -> Finding:
    """A place said in a question that names another ("are cloud APIs with India region ok or should
    we host ourselves?", "Azure in Sweden Central vs self-hosting?"): the user is asking, so it is weak."""
    if f.strength == "strong" and _in_question(low, f.span, asking=False):
        return Finding(f.field, f.value, f.span, "weak", f.words)
    return f


def _in_question(low: str, span: tuple[int, int], asking: bool = True) -> bool:
    """Whether the words at ``span`` stand in a question about them: a sentence ending "?" that weighs
    two options ("or", "vs") or (``asking``) asks ("can we", "possiamo", "is that enough")."""
    s0, s1 = _sentence(low, span[0])
    sentence = low[s0:s1].rstrip()
    if not sentence.endswith("?"):
        return False
    p = _patterns()
    if _ALTERNATIVE.search(sentence) or p["alternatives"].search(sentence):
        return True
    return asking and bool(p["asking"].search(sentence))


def _parties_accepted(low: str, text: str, catalog: Catalog, agreed: bool) -> list[Finding]:
    """A party the data may go to with no agreement named in its words. "as long as it stays on
    Bedrock", "nur über Azure", "uniquement chez Mistral" limit the data to that company on their own;
    "AWS is fine" only adds a party to an agreement the same text states ("a DPA with Anthropic …
    but AWS is fine") — alone it allows a provider, it does not bar the others."""
    rx, company_of = _names(catalog)
    p = _patterns()
    out = []
    for m in rx.finditer(low):
        before = p["party_only_before"].search(low, max(0, m.start() - 24), m.start())
        gap = len(low[m.end() :]) - len(low[m.end() :].lstrip())
        after = p["party_ok_after"].match(low, m.end() + gap)
        if before is not None and low[before.end() : m.start()].strip(" ,-") == "":
            start, end = before.start(), m.end()
        elif after is not None and agreed:
            start, end = m.start(), after.end()
        else:
            continue
        if (strength := _strength(low, start, end)) is not None:
            company = _company(company_of, m.group(0))
            out.append(Finding("contract", [company], (start, end), strength, text[start:end]))
    return out


_NAMED_PLACE = re.compile(r"\s+(?:(?:de|do|da|del|du|di|dal|from|the)\s+)?[A-ZÀ-Ý][a-zà-ÿ]+(?![\w-])")
_OUTSIDE = lazy(r"(?<![\w])(?:outside|außerhalb|ausserhalb|hors|fuera|beyond)(?![\w])")


def _stays_home(low: str, text: str, regions: list[Finding], agreed: list[Finding]) -> list[Finding]:
    """On-site from the privacy reader's own "may not leave" phrases ("has to stay on-prem", "can't
    use the cloud", "nichts darf das Haus verlassen", "ne doivent pas quitter nos serveurs"), where
    they name no region (a region's are read as a region), are not about residency rules, and are
    not lifted in their clause by an agreement ("cannot go to any vendor without a signed BAA")."""
    from advisor.interview.privacy import MAY_NOT_LEAVE

    out = []
    for m in MAY_NOT_LEAVE.finditer(low):
        start, end = m.span()
        if "residency" in m.group(0) or any(r.span[0] < end + 24 and r.span[1] > start for r in regions):
            continue
        if _NAMED_PLACE.match(text, end):
            continue  # "não podem sair do Brasil": a place the catalog has no region for — not on-site
        clause_start, clause_end = _clause(low, start, end)
        if any(clause_start <= a.span[0] < clause_end for a in agreed):
            continue
        if _leaving_conditional(low, end, clause_end):
            continue
        if (strength := _strength(low, start, end)) is not None:
            out.append(Finding("data_boundary", "on_site", (start, end), strength, text[start:end]))
    return out


def _leaving_denied_before(low: str, start: int, end: int) -> bool:
    """Whether a "may not leave" phrase ends just before a region's name ("may not leave the EU", "no
    pueden salir de la UE"): only articles and prepositions between them."""
    from advisor.interview.privacy import MAY_NOT_LEAVE

    for m in MAY_NOT_LEAVE.finditer(low, start, end):
        if re.fullmatch(
            r"(?:\s+(?:de|del|da|do|du|di|dal|der|die|den|the|la|le|l'|el|of|from|from\s+the))*\s*", low[m.end() : end]
        ):
            return True
    return False


def _leaving_conditional(low: str, end: int, clause_end: int) -> bool:
    """ "It can't go out before the embargo lifts" (a time: an embargo), "nothing may leave without a
    certified host" (a condition): the leaving barred only so, which is no on-site boundary."""
    p = _patterns()
    if p["leave_until"].match(low, end, min(len(low), end + 40)):
        return True
    return bool(p["leave_unless"].search(low, end, min(clause_end, end + 40)))


def _region_cued(low: str, start: int, end: int) -> bool:
    """Whether a clause says the data stays in a region: a word of staying, or "only"/"within" with
    the data spoken of ("data within the EU", not "Telehealth, US only")."""
    p = _patterns()
    if p["region_cue"].search(low, start, end):
        return True
    if not p["region_cue_only"].search(low, start, end):
        return False
    return bool(p["data_word"].search(low, start, end)) or len(low.split()) <= 4  # "US only please"


def _after_contrast(low: str, clause_start: int) -> int:
    """Where the clause a contrast word ("but", "ale") opened at ``clause_start`` joins on: the start
    of the clause before it; else ``clause_start``."""
    word = _patterns()["contrasts"].search(low, max(0, clause_start - 16), clause_start)
    if word is None or word.end() != clause_start:
        return clause_start
    return _clause(low, word.start(), word.start())[0]


def _region_findings(low: str, cased: str, catalog: Catalog, asked: str | None) -> list[Finding]:
    rx, region_of = _regions(catalog)
    out = []
    for m in rx.finditer(low):
        if m.group(0) in ("us", "u.s.") and cased[m.start() : m.start() + 1] != "U":
            continue  # "let us", "for us": the pronoun, not the United States
        if _patterns()["region_not_before"].match(low, m.end()):
            continue  # "overnight (US central)", "UK time": a time zone or a clock
        clause_start, clause_end = _clause(low, m.start(), m.end())
        cued_from = _after_contrast(low, clause_start)  # "the cloud is ok, but only in the EU": "only" of the cloud
        if asked != "data_boundary" and not _region_cued(low, cued_from, clause_end):
            continue
        strength = _strength(low, m.start(), m.end())
        if strength is None and _OUTSIDE.search(low, max(clause_start, m.start() - 24), m.start()):
            strength = "strong"  # "no cloud outside the EU": the denial is of everything but the region
        if strength is None and _leaving_denied_before(low, max(clause_start, m.start() - 24), m.start()):
            strength = "strong"  # "no pueden salir de la UE": the denial is of the leaving, not of the region
        if strength is not None:
            out.append(Finding("region", region_of[_key(m.group(0))], m.span(), strength, cased[m.start() : m.end()]))
    return out


# ---- today's hook into the reader's draft --------------------------------------------------
def apply(d: Draft) -> None:
    """Set what the text states firmly; a finding said in doubt becomes a note, never a value."""
    findings = read_boundary(d.text, d.catalog, d.asked, d.original)
    strong = [f for f in findings if f.strength == "strong"]
    doubted = [f for f in findings if f.strength == "weak" and not any(s.field == f.field for s in strong)]
    for m in _patterns()["other_products"].finditer(d.text):
        d.consume(*m.span())  # "Microsoft 365" names a product: its number is no count
    for f in [f for f in doubted if f.other_product]:
        d.notes.append(
            f"'{d.quote(*f.span)}' is an agreement for {f.other_product.strip()}: whether it covers an AI"
            " platform is not said, so it counts as none for now — tell me if it does (for example: our DPA"
            " covers Azure OpenAI)"
        )
    doubted = [f for f in doubted if not f.other_product]
    if doubted:
        start, end = _clause(d.text, doubted[0].span[0], doubted[0].span[1])
        example = terms()["settled"][_settled_key(doubted)]
        d.notes.append(
            f"'{d.quote(start, end)}' is said in doubt, so it counts as none for now: tell me once it is"
            f" settled (e.g. '{example}')"
        )
    if not strong:
        return
    by_field: dict[str, list[Finding]] = {}
    for f in strong:
        by_field.setdefault(f.field, []).append(f)
    agreements = {f.value for f in by_field.get("agreement", [])}
    agreement = ("baa" if "baa" in agreements else "dpa") if agreements else None
    agreed_by = by_field.get("contract", []) + by_field.get("agreement", [])
    # "Can we use a European cloud with a DPA?", "We have a DPA with OpenAI, is that enough or do we need
    # our own servers?": the agreement is asked about — the parties named are kept, the boundary is asked
    asking = bool(agreed_by) and all(_in_question(d.text, f.span) for f in agreed_by)
    if agreement and not (asking and "contract" not in by_field):
        d.set("agreement", agreement, spans=[f.span for f in by_field["agreement"]])
    contract = _contract(d, by_field.get("contract", []), agreement)
    region = _region(d, by_field.get("region", []))
    if "zero_retention" in by_field:
        f = by_field["zero_retention"][0]
        d.set("zero_retention", True, f"read '{d.quote(*f.span)}' as: zero data retention required", f.span)
    if asking:
        contract, agreement, agreements = [], None, set()
    if (contract or agreement) and region and _contrast_between(d.text, agreed_by, by_field.get("region", [])):
        # "a DPA with OpenAI, but it has to stay in the EU": which bounds it?
        _ask_boundary(d, {"contract": by_field.get("contract", []), "region": by_field["region"]})
        return
    home = [f for f in findings if f.field == "data_boundary" and f.value == "on_site" and f.strength == "weak"]
    if (contract or agreement) and home and "data_boundary" not in by_field:
        # "a BAA with AWS, but legal prefers on-prem": the agreement, or their own hardware only?
        _ask_boundary(d, {"contract": by_field.get("contract", []) or agreed_by, "on_site": home})
        return
    kind = _kind(by_field, contract or bool(agreement), region)
    if kind is not None and kind != d.profile.data_boundary:
        said = next((f for f in by_field.get("data_boundary", []) if f.value == kind), None)
        meaning = {"on_site": "the data stays on your own hardware", "any": "the data may go to any provider"}
        note = f"read '{d.quote(*said.span)}' as: {meaning[kind]}" if said and kind in meaning else None
        basis = (
            [said] if said else by_field.get("contract") or by_field.get("agreement") or by_field.get("region") or []
        )
        d.set("data_boundary", kind, note, spans=[f.span for f in basis])
    if agreements and not contract and not d.profile.contract:
        word = "a BAA" if "baa" in agreements else "a DPA"
        d.notes.append(
            f"{word} is needed: only offerings whose provider signs one are kept — say who you have one with,"
            f" if you do (for example: {word} with AWS)"
        )


_BOUNDARY_CHOICES = {
    "contract": "only providers you have the agreement with",
    "region": "within that region, whichever provider",
    "on_site": "your own hardware only",
}


def _ask_boundary(d: Draft, readings: dict[str, list[Finding]]) -> None:
    """One question: which of the boundaries read (each from its findings) bounds the data."""
    for value, findings in readings.items():
        spans = [f.span for f in findings]
        names = terms()["choice_names"][value]
        d.set(
            "data_boundary", value, spans=spans, strength="weak", label=_BOUNDARY_CHOICES[value], basis={"names": names}
        )


def _contrast_between(low: str, contracts: list[Finding], regions: list[Finding]) -> bool:
    """Whether a contrast ("but", "aber", "però") stands between a contract and a region said after it."""
    rx = _patterns()["contrasts"]
    return any(rx.search(low, c.span[1], r.span[0]) for c in contracts for r in regions if c.span[1] < r.span[0])


def _settled_key(doubted: list[Finding]) -> str:
    """What the first doubted finding is about: an agreement or a contract by the agreement's kind."""
    first = doubted[0]
    if first.field not in ("agreement", "contract"):
        return first.field
    return next((f.value for f in doubted if f.field == "agreement"), "dpa")


def _contract(d: Draft, findings: list[Finding], agreement: str | None) -> list[str]:
    if not findings:
        return []
    companies = list(dict.fromkeys(c for f in findings for c in f.value))
    names = {p.company: p.company_name for p in d.catalog.platforms.values()}
    merged = list(dict.fromkeys([*(d.profile.contract or []), *companies]))
    quoted = ", ".join(f"'{d.quote(*f.span)}'" for f in findings)
    kind = "a BAA" if agreement == "baa" else "a DPA" if agreement == "dpa" else "a contract"
    parties = " and ".join(names.get(c, c) for c in companies)
    assumed = "" if agreement or d.profile.agreement else " (checked as a DPA: say so if it is a BAA)"
    d.set("contract", merged, f"read {quoted} as {kind} with {parties}{assumed}")
    for f in findings:
        d.consume(*f.span)  # the company names are parties, not models to price
    return companies


def _region(d: Draft, findings: list[Finding]) -> str | None:
    findings = [f for f in findings if not _example_of_another(d, f, findings)]
    regions = list(dict.fromkeys(f.value for f in findings))
    if not regions:
        return None
    if regions == ["europe"]:  # "reste en Europe": the EU, the narrower reading — and said so
        f = findings[0]
        d.set(
            "region",
            "eu",
            f"read '{d.quote(*f.span)}' as the European Union"
            ' (say "Europe including the UK and Switzerland" if an offering there may be used too)',
            f.span,
        )
        return "eu"
    inner = [r for r in regions if all(within(d.catalog, r, o) for o in regions)]
    if len(regions) > 1 and inner:  # "servers in the EU … not outside Europe": the EU, inside Europe
        findings = [f for f in findings if f.value == inner[0]]
        regions = inner[:1]
    if len(regions) > 1:
        names = " or ".join(d.catalog.regions[r].name for r in regions)
        d.ambiguous.append(f"which region must the data stay in: {names}?")
        return None
    f = findings[0]
    name = region_name(d.catalog, regions[0])
    d.set("region", regions[0], f"read '{d.quote(*f.span)}' as: the data is processed in {name} only", f.span)
    return regions[0]


_EXAMPLES = lazy(
    r"\s*(?:\(|,|:|—|-)?\s*(?:e\.\s?g\.|z\.\s?b\.|like|such\s+as|wie|como|comme|par\s+exemple|por\s+ejemplo"
    r"|ad\s+esempio|bijvoorbeeld|np\.)?\s*(?:\([^)]*)?$"
)


def _example_of_another(d: Draft, f: Finding, findings: list[Finding]) -> bool:
    """Whether region ``f`` is an example inside a larger one named just before it: "en la UE
    (Frankfurt, Irlanda, lo que sea)", "the EU, e.g. Germany" — the larger region is the boundary."""
    for g in findings:
        if g.value == f.value or g.span[1] > f.span[0] or not within(d.catalog, f.value, g.value):
            continue
        between = d.text[g.span[1] : f.span[0]]
        marked = "(" in between or re.search(r"e\.\s?g\.|z\.\s?b\.|like|such as|por ejemplo|par exemple", between)
        if marked and len(between) <= 40 and _EXAMPLES.match(between) and ")" not in between:
            return True
    return False


def _kind(by_field: dict[str, list[Finding]], contract: list[str] | bool, region: str | None) -> str | None:
    stated = [f.value for f in by_field.get("data_boundary", [])]
    if "on_site" in stated:
        return "on_site"
    if contract:
        return "contract"
    if region:
        return "region"
    return "any" if "any" in stated else None
