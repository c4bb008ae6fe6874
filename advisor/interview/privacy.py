"""Privacy and compliance words, and the offline requirement, with negation ("no PII", "nothing
sensitive", "not regulated", "PII-free") never read as a stricter class."""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from advisor.interview.lazy import lazy
from advisor.tools.profile import PRIVACY_LEVELS

_RANK = {level: i for i, level in enumerate(PRIVACY_LEVELS)}

# Phrases that say the data may not leave: regulated, whatever the data is.
_PLACE = (
    r"(?:our|the|this|my|their)\s+(?:own\s+)?(?:\w+\s+)?(?:network|building|premises|servers?|data\s*cent(?:er|re)|walls"
    r"|machines?|infrastructure|hardware|boxes?|country|jurisdiction|region|firewall|perimeter|environment)"
    r"|(?:the\s+)?(?:eu|e\.u\.|uk|us|country|switzerland|germany|france|europe)|in[- ]country"
)
# The same in German, French and Spanish: "nichts darf das Haus verlassen", "keine Cloud", "ne doivent
# pas quitter nos serveurs", "pas de cloud", "no pueden salir de nuestra red", "no podemos usar la nube".
_FOREIGN_MAY_NOT_LEAVE = (
    r"|(?:nichts|daten|sie|es)\s+(?:darf|dürfen)\s+(?:\w+\s+){0,3}?(?:nicht\s+)?verlassen"
    r"|(?:darf|dürfen)\s+(?:\w+\s+){0,3}?nicht\s+(?:verlassen|in\s+die\s+cloud)|keine\s+cloud|nicht\s+in\s+die\s+cloud"
    r"|(?:bleibt|bleiben)\s+(?:alles\s+)?(?:im\s+haus|bei\s+uns|in\s+unserem\s+netz\w*)"
    r"|(?:darf|dürfen|geht|gehen)\s+(?:\w+\s+){0,3}?nicht\s+(?:raus|hinaus|nach\s+draußen)"
    r"|(?:muss|müssen|soll|sollen)\s+(?:\w+\s+){0,2}?(?:im\s+haus|intern|on-?prem|bei\s+uns|vor\s+ort)\s+bleiben"
    r"|(?:bleibt|bleiben)\s+(?:\w+\s+)?(?:intern|on-?prem|vor\s+ort)(?!\w)"
    r"|(?:moet|moeten)\s+(?:\w+\s+){0,2}?(?:binnen\s+de\s+(?:organisatie|deur|muren)|in\s+huis)\s+blijven"
    r"|(?:devono|deve)\s+(?:restare|rimanere)\s+in\s+(?:sede|casa|azienda|farmacia|ospedale|studio|ufficio)"
    r"|(?:mag|mogen|kan|kunnen)\s+(?:\w+\s+){0,3}?niet\s+(?:\w+\s+)?(?:uit|verlaten|naar\s+buiten|de\s+deur\s+uit)(?!\w)"
    r"|non\s+(?:possono|può|devono|deve)\s+(?:uscire|lasciare)|não\s+(?:podem|pode|devem|deve)\s+sair"
    r"|nie\s+(?:mogą|może|powinny|powinien)\s+(?:\w+\s+){0,2}?(?:wyjść|opuszczać|opuścić)"
    r"|ne\s+(?:doit|doivent|peut|peuvent)\s+pas\s+(?:quitter|sortir)|rien\s+ne\s+(?:doit|peut)\s+(?:sortir|quitter)"
    r"|pas\s+de\s+cloud|aucun\s+cloud|sans\s+cloud|(?:tout\s+)?reste(?:nt)?\s+chez\s+nous"
    r"|no\s+(?:pueden?|deben?)\s+salir|nada\s+(?:puede|debe)\s+salir|sin\s+nube|nada\s+de\s+nube"
    r"|no\s+(?:podemos|se\s+puede|pueden|debemos)\s+(?:usar|enviar\s+(?:\w+\s+){0,2}?a)\s+la\s+nube"
)
_MAY_NOT_LEAVE = lazy(
    r"(?P<term>(?:may|must|can|could|should|shall|will|is\s+not\s+allowed\s+to|are\s+not\s+allowed\s+to)\s*(?:not|n't|never)\s+"
    r"(?:leave|go\s+(?:to|into|out)|be\s+(?:sent|uploaded|shared|sent\s+out|processed\s+(?:outside|off))|touch|cross"
    r"|use\s+(?:the\s+|a\s+|any\s+)?(?:public\s+)?cloud)"
    r"|(?:cannot|can't|mustn't|never|won't|not\s+allowed\s+to)\s+(?:leave|go\s+(?:to|into)\s+(?:the\s+)?cloud|be\s+(?:sent|uploaded|shared)"
    r"|use\s+(?:the\s+|a\s+|any\s+)?(?:public\s+)?cloud|touch\s+(?:the\s+)?cloud)"
    r"|(?:stays?|remains?|kept|keep\s+(?:it|them|everything)|be\s+kept|has\s+to\s+stay|must\s+stay|needs?\s+to\s+stay)\s+"
    r"(?:strictly\s+)?(?:on[- ]?prem(?:ise)?s?|in[- ]house|on[- ]site|in[- ]country|(?:inside|within|in|on)\s+(?:"
    + _PLACE
    + r")(?![\w])"
    r"|on\s+our\s+(?:own\s+)?(?:servers?|hardware|network|machines?|premises|infrastructure|boxes?))"
    r"|on[- ]?prem(?:ise)?s?[- ]only|only\s+on[- ]?prem(?:ise)?s?|no\s+data\s+(?:may|can)\s+leave"
    r"|(?:stays?|remains?|kept|keep\s+(?:it|them|everything|this|that)|be\s+kept)\s+off\s+(?:the\s+)?(?:public\s+)?cloud"
    r"|(?:data|it|nothing|no\s+data)\s+(?:may|must|can|should|is\s+allowed\s+to)\s*(?:not|n't)?\s*leaves?"
    r"|nothing\s+(?:ever\s+)?leaves|air[- ]?gapped|airgap|data\s+residency|residency\s+(?:rules?|requirements?|laws?)"
    r"|no\s+(?:public\s+)?cloud(?:\s+(?:allowed|at\s+all|whatsoever))?(?=\W|$)"
    r"|cloud(?:\s+apis?)?\s+(?:is|are)\s+(?:not\s+an\s+option|off[- ]limits|off\s+the\s+table|out\s+of\s+the\s+question"
    r"|forbidden|not\s+allowed|ruled\s+out|a\s+no[- ]go)"
    r"|(?:cannot|can't|mustn't|never|won't|may\s+not|must\s+not|not\s+allowed\s+to)\s+send\s+(?:\w+\s+){0,3}?"
    r"(?:to|into)\s+(?:the\s+|a\s+|any\s+)?(?:public\s+)?cloud" + _FOREIGN_MAY_NOT_LEAVE + r")",
    re.IGNORECASE,
)

MAY_NOT_LEAVE = _MAY_NOT_LEAVE  # the boundary reader's on-site reading shares these phrases

_TERMS: dict[str, str] = {
    "regulated": (
        r"hipaa|h\.i\.p\.a\.a\.?|phi|protected\s+health\s+information|patients(?:')?"
        r"|(?<!\bbe\s)(?<!\bso\s)(?<!\bvery\s)(?<!\bstay\s)patient(?:'s)?(?!\s+(?:with|enough|about|and\s+kind))"
        r"|privileged|attorney[- ]client|legal\s+privilege|diagnos[ie]s|diagnosed|psychiatric|psychotherap\w*"
        r"|therapy\s+(?:session|notes?)"
        r"|mental[- ]health|medical\s+(?:records?|data|notes?|histor(?:y|ies)|information|info|files?|reports?)"
        r"|health\s+(?:conditions?|declarations?|info|insurance\s+data)|inmate\s+medical|ehr|emr"
        r"|cardholder(?:\s+(?:names?|data))?|card\s+numbers?"
        r"|patientenakten|patientendaten|krankenakten|gesundheitsdaten|dossiers?\s+m[ée]dicaux|donn[ée]es\s+de\s+sant[ée]"
        r"|historias?\s+cl[ií]nicas?|datos\s+(?:de\s+salud|m[ée]dicos)|expedientes?\s+m[ée]dicos?"
        r"|medical\s+(?:records?|data|notes?|histor(?:y|ies)|information)|health\s+(?:records?|data|information)"
        r"|clinical\s+(?:notes?|data|records?)|ehrs?|emrs?|pci(?:[- ]dss)?|card\s*holder\s+data|card\s+data"
        r"|credit[- ]card\s+(?:numbers?|data|details)|payment\s+card\s+(?:data|numbers?)"
        r"|special[- ]category(?:\s+data)?|gdpr\s+(?:art(?:icle|\.)?\s*9|special[- ]category|health)"
        r"|biometric\s+data|genetic\s+data|itar|classified\s+(?:data|information|documents?)|regulated"
        r"|reguliert\w*|r[ée]glement[ée]\w*|regulad[oa]s?|mandantengeheimnis\w*|berufsgeheimnis\w*"
        r"|regolamentat\w*|gereguleerd\w*|regulowan\w*"
        r"|secret\s+professionnel|secreto\s+profesional"
        r"|ferpa(?:-protected)?|coppa|special\s+ed(?:ucation)?\s+records|iep\s+(?:notes?|records?)|health\s+stuff"
        r"|sant[ée]|salud|sa[úu]de|gezondheid\w*|datos\s+m[ée]dicos|dados\s+(?:de\s+sa[úu]de|m[ée]dicos)"
    ),
    "sensitive": (
        r"pii|personally\s+identifiable(?:\s+information)?|personal\s+(?:data|information|info|details)"
        r"|customer\s+(?:data|records?|information|info|pii|emails?|details)|customers'\s+data"
        r"|user\s+(?:data|records?|pii)|client\s+(?:data|records?|files?)|employee\s+(?:data|records?)|hr\s+data"
        r"|confidential|contracts|legal\s+documents?|trade\s+secrets?|secrets|proprietary|ndas?|under\s+nda|sensitive"
        r"|client\s+(?:documents?|docs|names|portfolios?|briefs?)|customer\s+names|names\s+and\s+(?:home\s+)?addresses"
        r"|(?:home\s+)?addresses|phone\s+numbers|student\s+(?:records?|names|data|grades|ids?)|minors'?\s+data"
        r"|(?:driver|customer|client|guest|member|candidate|caller|patron|shipper|operator|agent|employee|worker"
        r"|student|passenger|tenant|resident|citizen|player|technician|nurse|teacher|applicant|visitor)s?'?\s+names?|customer\s+numbers"
        r"|names?\s*(?:\+|&)\s*\w+|mobile\s+(?:no|numbers?)|ucas\s+ids?"
        r"|applicants'?\s+(?:personal\s+)?data|cvs|resumes|purchase\s+history|order\s+history|employee\s+data"
        r"|privacy[- ]sensitive|gdpr|soc\s*2|financial\s+records?|salar(?:y|ies)|private\s+data"
        r"|inbox(?:es)?\s+(?:triage|data|processing|contents)|(?:user|customer)\s+inboxes"
        r"|vertraulich\w*|mandantendaten|kundendaten|personaldaten|personenbezogene\w*\s+daten"
        r"|confidentiel\w*|donn[ée]es\s+(?:personnelles|clients?)|confidencial\w*|datos\s+(?:personales|de\s+clientes)"
        # the classes the question offers in Italian, Dutch, Portuguese and Polish
        r"|riservat\w*|personali|sensibili|vertrouwelijk\w*|persoonsgegevens|persoonlijk\w*|gevoelig\w*"
        r"|confidenciais|pessoais|sensíveis|poufn\w*|osobowe|wrażliw\w*"
    ),
    "internal": (
        r"internal|company\s+(?:docs?|documents?|data|wiki|files?)|in[- ]house\s+(?:docs?|data)"
        r"|our\s+own\s+(?:docs?|code|data)|codebase|wiki|confluence|internal\s+hostnames"
        r"|(?<!open[- ])source\s+code|slack|business\s+data|intranet"
        # the advisor's question answered in another language ("intern" alone only ends a clause:
        # "die Daten sind intern", not "the intern writes")
        r"|interne[nrs]?|intern(?=\s*(?:$|[.,;!?]))|internos?|internas?|interni|wewnętrzn\w*"
    ),
    "public": (
        r"public(?:ly\s+available)?(?!\s+(?:cloud|apis?|endpoints?|providers?|models?|internet|llms?))"
        r"|open[- ]source|open\s+data|published"
        r"|öffentlich\w*|publiques?|publics|públic[oa]s?|publicad[oa]s?|pubblic[aio]|pubbliche|openbaar|openbare|publiczn\w*"
        # said as a verb: "son datos … que se publican", "elles sont publiées", "wird veröffentlicht"
        r"|se\s+publican|publiée?s?|publiés|veröffentlicht|gepubliceerd|pubblicat[ie]|publicados"
    ),
}
_TERM_RE = {level: lazy(rf"(?<![\w])(?:{pattern})(?![\w])", re.IGNORECASE) for level, pattern in _TERMS.items()}

_NEGATOR = lazy(
    r"\b(?:no|not|never|nothing|none|without|zero|neither|nor|isn't|aren't|wasn't|weren't|don't|doesn't|"
    r"didn't|won't|needn't|hasn't|haven't|free\s+of|non|dont|doesnt|isnt|arent|cant|wont|shouldnt|mustnt"
    r"|nicht|kein\w*|nie|ohne|pas|jamais|aucune?|sans|ni|nunca|sin|ningun[oa]?"
    r"|niente|nessun\w*|senza|niet|geen|zonder|não|nenhum\w*|sem|bez|żadn\w*|nada|nichts|rien|nulla|niets|nic)\b|n't\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = lazy(
    r"[.;!?:,]|\bonly\b|\bbut\b|\bhowever\b|\bthough\b|\balthough\b|\bexcept\b|(?<!\bnot\s)\byet\b|\bwhereas\b"
)
_INTERJECTION = lazy(r"\b(?:no|nope|not\s+really|yes|yeah)\s*,")
# Doubt is not denial: "not sure if HIPAA applies" stays regulated. Nor is a negated disarm:
# "not anonymised patient records" are patient records.
_DOUBT = lazy(
    r"\b(?:not\s+(?:sure|certain|clear)|(?:don't|do\s+not|doesn't)\s+(?:know|think)|no\s+idea|unsure|unclear"
    r"|uncertain|not\s+(?:\w+\s+)?(?:anonymi[sz]ed|de-?identified|pseudonymi[sz]ed|redacted|scrubbed))\b",
    re.IGNORECASE,
)
# Pseudonymised data is still personal data (GDPR recital 26): it disarms nothing.
_DISARM = lazy(r"anonymi[sz]ed|de-?identified|synthetic|fake|dummy|mock|redacted|scrubbed")
_SUFFIX_NEGATION = lazy(r"^\s*-?\s*(?:free|less)\b|^\s*(?:is|are)\s+(?:not\s+involved|none|absent)", re.I)


@dataclass(frozen=True)
class PrivacyReading:
    level: str | None  # the strictest class stated positively
    words: list[str]  # the words that set it
    negated: list[str]  # class words that were negated ("no PII")
    spans: list[tuple[int, int]] = field(default_factory=list)  # where ``words`` are in the text
    negated_spans: list[tuple[int, int]] = field(default_factory=list)  # where ``negated`` are
    hedged: str = ""  # why the class read is not settled ("'mostly'"): asked, not written
    kept_in: list[tuple[int, int]] = field(default_factory=list)  # "may not leave" said (not a class by itself)
    # words of two readings that decide the class: identity numbers or money records ("SSNs", "bank
    # statements") are sensitive or regulated, "unreleased" or "embargoed" work internal or sensitive.
    # The two classes, higher first, and where the words are: asked, never the lower class written.
    or_higher: tuple[str, ...] = ()
    or_higher_spans: list[tuple[int, int]] = field(default_factory=list)
    # the words that set ``level`` name a class ("internal docs", "personal data"), not only examples
    # of one ("name and phone number")
    names_class: bool = False
    # ``level`` rests on a decisive cue (catalog/privacy_words.toml [decisive]): its class's name, a
    # named regulation or regulated category, a category of personal data — and no cue read beside it
    # could mean a higher class. Otherwise ``choices`` holds the classes the words could mean, highest
    # first: asked, never one written.
    decisive: bool = True
    choices: tuple[str, ...] = ()


@lru_cache(maxsize=8)
def _breaks(text: str) -> tuple[list[int], list[int]]:
    """Where each clause break starts and ends in ``text`` (computed once per text)."""
    spans = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text)]
    return [s for s, _ in spans], [e for _, e in spans]


def negated(text: str, start: int, end: int, disarm: bool = True) -> bool:
    """Whether a negator precedes the term within its clause (up to five words back), or "-free"
    follows it, or (``disarm``: for a personal class) the clause says the data is anonymised."""
    starts, ends = _breaks(text)
    i = bisect.bisect_right(ends, start)
    clause_start = ends[i - 1] if i else 0
    before = _DOUBT.sub(" ", _INTERJECTION.sub(" ", text[max(clause_start, start - 80) : start]))
    words = re.findall(r"[\w'’-]+", before)[-5:]
    window = " ".join(words)
    if re.search(r"\bnon-?$", before):
        return True
    if denial := list(_NEGATOR.finditer(window)):
        return not _denies_something_else(window, denial[-1].start(), denial[-1].end())
    if _SUFFIX_NEGATION.match(text[end : end + 25]):
        return True
    j = bisect.bisect_left(starts, end)
    clause_end = starts[j] if j < len(starts) else len(text)
    clause = _DOUBT.sub(" ", text[clause_start:clause_end])
    return disarm and bool(_DISARM.search(clause))


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """catalog/privacy_words.toml: more class words, and the words that keep one from counting."""
    return tomllib.loads((resources.files("advisor.catalog") / "privacy_words.toml").read_text(encoding="utf-8"))


def _alternation(phrases: list[str]) -> str:
    keys = sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in k.split(" ")) for k in keys)


def _whole(phrases: list[str], flags: int = re.IGNORECASE) -> Any:
    return lazy(rf"(?<![\w])(?:{_alternation(phrases)})(?![\w])", flags)


@lru_cache(maxsize=1)
def _word_patterns() -> dict[str, Any]:
    w = words()
    t, nd, hedge = w["terms"], w["not_data"], w["public_hedge"]
    article = r"(?:(?:the|de|des|der|dos|das|dei|degli)\s+)?"
    names = rf"(?:{_alternation(t['names_of'])})\s+{article}(?:{_alternation(t['people'])})"
    return {
        "sensitive": lazy(
            rf"(?<![\w])(?:{_alternation([*t['sensitive'], *t['people_names']])}|{names})(?![\w])", re.IGNORECASE
        ),
        "regulated": _whole(t["regulated"]),
        "or_regulated": _whole(t["sensitive_or_regulated"]),
        "or_sensitive": _whole(t["internal_or_sensitive"]),
        "regulated_capitals": _whole(t["regulated_capitals"], 0),
        "health_topic": _whole(t["health_topic"]),
        "health_of": _whole(t["health_of"]),
        "data_word": _whole([*nd["public_data_after"], "informações", "informazioni", "informaciones", "dane"]),
        "public_noun_before": lazy(rf"(?<![\w])(?:{_alternation(nd['public_noun_before'])})\s+$", re.IGNORECASE),
        "public_data_after": lazy(rf"^\s+(?:{_alternation(nd['public_data_after'])})(?![\w])", re.IGNORECASE),
        "model_words": _whole(nd["model_words"]),
        "public_org_after": lazy(rf"^[\s-]+(?:{_alternation(nd['public_org_after'])})(?![\w])", re.IGNORECASE),
        "public_org_before": lazy(rf"(?<![\w])(?:{_alternation(nd['public_org_before'])})\s+$", re.IGNORECASE),
        "regulated_things": _whole(nd["regulated_things"]),
        "patient_things": lazy(rf"^\s+(?:{_alternation(nd['patient_things'])})(?![\w])", re.IGNORECASE),
        "not_payment_card": lazy(rf"(?<![\w])(?:{_alternation(nd['not_payment_cards'])})\s+$", re.IGNORECASE),
        "internal_use_before": lazy(rf"(?<![\w])(?:{_alternation(nd['internal_use_before'])})\s+$", re.IGNORECASE),
        "internal_use_after": lazy(rf"^\s+(?:{_alternation(nd['internal_use_after'])})(?![\w])", re.IGNORECASE),
        "sensitive_to": lazy(rf"(?<![\w])(?:{_alternation(nd['sensitive_to'])})[\s-]+$", re.IGNORECASE),
        "not_ip_after": lazy(rf"^[\s-]+(?:{_alternation(nd['not_ip_after'])})(?![\w])", re.IGNORECASE),
        "not_classified_after": lazy(rf"^\s+(?:{_alternation(nd['not_classified_after'])})(?![\w])", re.IGNORECASE),
        "hedges": _whole(hedge["hedges"]),
        "contrasts": _whole(hedge["contrasts"]),
        "sometimes": _whole(hedge["sometimes"]),
        "leave_verbs": _whole(w["leave_verbs"]["words"]),
        "send_verbs": _whole(w["send_verbs"]["words"]),
        "modals": _whole(w["send_verbs"]["modals"]),
        "leak": _whole(w["send_verbs"]["leak"]),
        "reasons": _whole(w["send_verbs"]["reasons"]),
        "sensitive_class": _whole(w["sensitive_class_names"]["words"]),
        "class_name": lazy(rf"(?<![\w])(?:{_alternation(w['class_names']['stems'])})", re.IGNORECASE),
    }


_WITHOUT = lazy(r"\b(?:without|sans|ohne|sin|sem|senza|zonder|bez)\b", re.IGNORECASE)
_SENTENCE_END = lazy(r"[.!?;\n]")


def _describes_something_else(low: str, level: str, start: int, end: int, answer: bool) -> bool:
    """A class word that is not about the data: "emails from the public", "an open-source model",
    "regulated categories", "patient leaflets", "library card numbers", "an internal assistant", "en
    interne" (in-house), a health topic word in a longer message."""
    p = _word_patterns()
    word = low[start:end]
    before, after = low[max(0, start - 24) : start], low[end : end + 32]
    if level == "public":
        if word.startswith("open") or "source" in word:
            return bool(p["model_words"].search(low, max(0, start - 24), min(len(low), end + 24)))
        if p["public_org_after"].match(after) or p["public_org_before"].search(before):
            return True  # "public transport", "un ente pubblico": the organisation, not the data
        return bool(p["public_noun_before"].search(before)) and not p["public_data_after"].match(after)
    if level == "regulated":
        if word.startswith(("regul", "réglement", "reglement")):
            near = low[max(0, start - 24) : min(len(low), end + 24)]
            return bool(p["regulated_things"].search(near))
        if word.startswith("patient"):
            return bool(p["patient_things"].match(after))
        if word.startswith("card"):
            return bool(p["not_payment_card"].search(before))
        if p["health_topic"].fullmatch(word):  # "(santé, situation familiale)" lists kinds of data
            return not answer and not re.search(r"(?:^|[(,:;])\s*$", low[max(0, start - 3) : start])
    if level == "sensitive" and word == "contracts" and re.match(r"\s+(?:with|in\s+place)\b", after):
        return True  # "we have contracts with Clio and Microsoft": a contract held, not the data
    if level == "sensitive" and word == "sensitive" and p["sensitive_to"].search(before):
        return True  # "cost-sensitive", "not time sensitive": what the work is sensitive to
    if level == "sensitive" and word.split()[-1] == "ip" and p["not_ip_after"].match(after):
        return True  # "our IP range": the network's address, not intellectual property
    if level == "regulated" and "classif" in word and p["not_classified_after"].match(after):
        return True  # "is classified as urgent", "classified ads"
    if level == "internal" and word.startswith("intern"):
        return bool(p["internal_use_before"].search(before) or p["internal_use_after"].match(after))
    return False


def _denies_something_else(window: str, start: int, end: int) -> bool:
    """Whether the negator at ``start:end`` of the words before a class word denies something else:
    a prohibited sending ("can't send customer data", "doesnt leak client docs") or a reason
    ("mag dat niet ivm BSN")."""
    p = _word_patterns()
    if p["reasons"].search(window, end):
        return True
    if not p["send_verbs"].search(window, end):
        return False
    return bool(p["leak"].search(window, end) or p["modals"].search(window) or p["modals"].search(window[start:end]))


def _after_data_word(low: str, start: int) -> bool:
    """Whether a data word stands before ``start`` in its sentence, within a few words ("datos
    personales y de salud"), so "of health" tells the data's kind, not the business's topic."""
    s0 = max((m.end() for m in _SENTENCE_END.finditer(low, 0, start)), default=0)
    return bool(_word_patterns()["data_word"].search(low, max(s0, start - 60), start))


@lru_cache(maxsize=8)
def _has_leave_verb(low: str) -> bool:
    return bool(_word_patterns()["leave_verbs"].search(low))


def _leaving_denied(low: str, start: int, end: int) -> bool:
    """ "sans que les données patients sortent", "without patient data leaving", "nichts von den
    Bewerbungsdaten … landet", "no patient data leaves the building": the "without" or the negator
    before the word denies the leaving that follows it in its sentence, not the data."""
    if not _has_leave_verb(low):
        return False
    before = low[max(0, start - 40) : start]
    without = bool(_WITHOUT.search(before))
    if not without and not _NEGATOR.search(before):
        return False
    stop = (_SENTENCE_END if without else _CLAUSE_BREAK).search(low, end)  # a negator: in its own clause
    return bool(_word_patterns()["leave_verbs"].search(low, end, min(stop.start() if stop else len(low), end + 60)))


def _sometimes_more(low: str, start: int, end: int) -> bool:
    """ "interne. … mais parfois ils vont parler des parcelles des adhérents", "intern. Hoewel… soms een
    naam": a contrast soon after the class word (within about two sentences), with "sometimes" close
    behind it — the class is not all of it."""
    p = _word_patterns()
    stop = min(len(low), end + 160)
    for c in p["contrasts"].finditer(low, end, stop):
        if p["sometimes"].search(low, c.end(), min(stop, c.end() + 60)):
            return True
    return False


def _hedged(low: str, start: int, end: int) -> str:
    """Why a "public" is not settled: a hedge in its sentence ("public mostly"), or a contrast after
    it there ("the articles are public but behind a paywall")."""
    p = _word_patterns()
    s0 = max((m.end() for m in _SENTENCE_END.finditer(low, 0, start)), default=0)
    stop = _SENTENCE_END.search(low, end)
    s1 = stop.start() if stop else len(low)
    if h := p["hedges"].search(low, s0, s1):
        return h.group(0)
    if c := p["contrasts"].search(low, end, s1):
        return c.group(0)
    opening = _OPENING_WORD.match(low, s1 + 1)  # "Public, timetables and fares. But when …", "… Enfin, sauf …"
    if opening and (c := p["contrasts"].match(low, opening.end())):
        return c.group(0)  # the next sentence opens with a contrast (after a word such as "well,")
    return ""


_OPENING_WORD = lazy(r"\s*(?:[^\W\d_]+\s*,\s*)?")


def read_privacy(text: str, original: str | None = None, answer: bool = False) -> PrivacyReading:
    """The strictest class the text states. ``original``: the text with its case (same length), for
    the words read in capitals only; ``answer``: the text answers the privacy question (a bare
    topic word such as "santé" is then a class)."""
    low = text.lower().replace("’", "'")
    cased = original if original is not None and len(original) == len(text) else text
    found: dict[str, list[str]] = {}
    where: dict[str, list[tuple[int, int]]] = {}
    denied: list[str] = []
    denied_at: list[tuple[int, int]] = []
    strong: set[tuple[str, tuple[int, int]]] = set()  # the decisive cues read, by class
    denied_levels: set[str] = set()  # "nada regulado": the classes the text denies
    bare = len(low.split()) <= _BARE_WORDS  # "riservati", "vertraulich": the class named, as the question offers it
    # "May not leave" says where the data may go (the boundary reader's), not what it is: the words
    # inside it ("can't use the public cloud") are no class.
    leave_spans = _spans(_MAY_NOT_LEAVE, low)
    kept_in = [span for span in leave_spans if _says_kept_in(low, span)]
    for start, end in kept_in:  # "data residency rules apply": a law keeps it in
        if "residency" in low[start:end]:
            found.setdefault("regulated", []).append(low[start:end])
            where.setdefault("regulated", []).append((start, end))
    p = _word_patterns()
    matches = [(level, m) for level, rx in _TERM_RE.items() for m in rx.finditer(low)]
    matches += [(level, m) for level in ("sensitive", "regulated", *_OR_HIGHER) for m in p[level].finditer(low)]
    matches += [("regulated", m) for m in p["regulated_capitals"].finditer(cased)]
    matches += [("regulated", m) for m in p["health_topic"].finditer(low)]
    matches += [("regulated", m) for m in p["health_of"].finditer(low) if _after_data_word(low, m.start())]
    for level, m in matches:
        if any(m.start() >= s and m.end() <= e for s, e in leave_spans):
            continue
        if _describes_something_else(low, level, m.start(), m.end(), answer):
            continue
        personal = level not in ("public", "internal")  # "synthetic/public": synthetic disarms no public
        if negated(low, m.start(), m.end(), personal) and not _leaving_denied(low, m.start(), m.end()):
            if level != "public":  # "not published" bounds the class from below: it states none
                denied.append(m.group(0))
                denied_at.append(m.span())
                denied_levels.add(level)
        elif m.span() not in where.get(level, []):
            found.setdefault(level, []).append(m.group(0))
            where.setdefault(level, []).append(m.span())
            if level in _RANK and is_decisive(
                level, m.group(0), answer or bare, low[m.end() : m.end() + 40], low[max(0, m.start() - 40) : m.start()]
            ):
                strong.add((level, m.span()))
    maybe = {key: where.pop(key, []) for key in _OR_HIGHER}
    for key, (lower, _) in _OR_HIGHER.items():  # the lower class for sure, the higher one asked beside it
        if maybe[key]:
            found.setdefault(lower, []).extend(found.pop(key))
            where.setdefault(lower, []).extend(maybe[key])
    if not found:
        return PrivacyReading(None, [], denied, [], denied_at, kept_in=kept_in)
    level = max(found, key=lambda lv: _RANK[lv])
    hedged = ""
    if level == "public":
        hedged = next((h for s, e in where[level] if (h := _hedged(low, s, e))), "")
    if level == "internal" and not maybe["or_sensitive"]:
        maybe["or_sensitive"] = [span for span in where[level] if _sometimes_more(low, *span)]
    key = next((k for k, (lower, _) in _OR_HIGHER.items() if lower == level and maybe[k]), None)
    if key == "or_regulated" and _names_sensitive(low, where["sensitive"], maybe[key]):
        key = None  # "personal data: names, bank details": the user's own class, the money record its example
    higher = (_OR_HIGHER[key][1], level) if key else ()
    spans = sorted(maybe[key]) if key else []
    named = _names_a_class(found[level])
    choices = weak_choices({lv: [(s, (lv, s) in strong) for s in spans_] for lv, spans_ in where.items()})
    choices = tuple(lv for lv in choices if lv not in denied_levels or lv == level)
    if choices == (level,):  # "confidential, but nothing regulated": the class above denied, this one is left
        choices = ()
    reading = PrivacyReading(level, found[level], denied, where[level], denied_at, hedged, kept_in, higher, spans)
    return replace(reading, names_class=named, decisive=not choices, choices=choices)


_BARE_WORDS = 2


def weak_choices(cues: dict[str, list[tuple[tuple[int, int], bool]]]) -> tuple[str, ...]:
    """The classes to ask about when the strictest class read rests on no decisive cue, highest first
    (empty when it does): the class above a weak cue's (what a feeling, a document type or a domain
    may also mean), the weak class itself, and the strictest decisive class read beside it. ``cues``:
    per class, each cue's span and whether it is decisive."""
    levels = [lv for lv in cues if cues[lv]]
    if not levels:
        return ()
    top = max(levels, key=lambda lv: _RANK[lv])
    sure = [lv for lv in levels if any(ok for _, ok in cues[lv])]
    best = max(sure, key=lambda lv: _RANK[lv]) if sure else None
    if best == top:
        return ()
    above = PRIVACY_LEVELS[min(_RANK[top] + 1, len(PRIVACY_LEVELS) - 1)]
    below = PRIVACY_LEVELS[_RANK[top] - 1] if top == PRIVACY_LEVELS[-1] else None
    picks = {above, top, best, below}
    return tuple(lv for lv in reversed(PRIVACY_LEVELS) if lv in picks)


@lru_cache(maxsize=1)
def _decisive_stems() -> dict[str, Any]:
    table = words()["decisive"]
    stems = {
        level: lazy(rf"(?<![\w])(?:{_alternation(table[level])})", re.IGNORECASE)
        for level in PRIVACY_LEVELS
        if level in table
    }
    stems["people"] = lazy(rf"(?:{_alternation(table['people'])})(?:'s|s'|s|')?", re.IGNORECASE)
    stems["their_data"] = lazy(rf"^'?s?\s+(?:\w+\s+){{0,2}}?(?:{_alternation(table['their_data'])})", re.IGNORECASE)
    stems["their_data_before"] = lazy(
        rf"(?<![\w])(?:{_alternation(table['their_data'])})\s+(?:\w+\s+){{0,2}}?$", re.IGNORECASE
    )
    return stems


def is_decisive(level: str, word: str, answer: bool = False, after: str = "", before: str = "") -> bool:
    """Whether ``word``, read as ``level``, is evidence the class may be written from: one of the
    class's stems starts a word in it (catalog/privacy_words.toml [decisive]). A word for the people
    the data is about ("patients") is decisive only with a word for their data beside it ("patients'
    records", "patient notes", "données patients", "le dossier du patient"): alone it says who the
    work is for, not what it reads. In an answer to
    the privacy question (or said alone) a class's own name as the question offers it ("confidential") is
    decisive too."""
    low = word.lower()
    if answer and _word_patterns()["class_name"].match(low):
        return True
    stems = _decisive_stems()
    if stems["people"].fullmatch(low) and not answer:
        return bool(stems["their_data"].match(after) or stems["their_data_before"].search(before))
    rx = stems.get(level)
    return bool(rx and rx.search(low))


def _names_sensitive(low: str, spans: list[tuple[int, int]], maybe: list[tuple[int, int]]) -> bool:
    """Whether a word naming the class sensitive ("PII", "datos personales") is among ``spans``,
    beside the words of two readings ``maybe``."""
    rx = _word_patterns()["sensitive_class"]
    return any(rx.fullmatch(low, s, e) for s, e in spans if (s, e) not in maybe)


# Words of two readings (catalog/privacy_words.toml): the class they are for sure, and the one above it.
_OR_HIGHER = {"or_regulated": ("sensitive", "regulated"), "or_sensitive": ("internal", "sensitive")}


def _says_kept_in(low: str, span: tuple[int, int]) -> bool:
    """Whether a "may not leave" phrase says the data is kept in (not "it doesn't have to stay on-prem")."""
    phrase = low[span[0] : span[1]]
    says_not = re.search(
        r"\bnot\b|n't|\bnever\b|cannot|\bnothing\b|\bno\b|only|gapped|airgap|residency"
        r"|\bnicht|\bkeine\b|\bpas\b|\brien\b|\baucun\b|\bsans\b|\bnada\b|\bsin\b|bleib|reste"
        r"|\bnie\b|\bniet\b|\bnon\b|\bnão\b|\bnic\b|\bniente\b|restare|rimanere|blijven",
        phrase,
    )
    return bool(says_not) or not negated(low, *span)


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in rx.finditer(text)]


def stricter(a: str | None, b: str | None) -> bool:
    """Whether privacy class ``a`` is stricter than ``b`` (anything is stricter than None)."""
    if a is None:
        return False
    return b is None or _RANK[a] > _RANK[b]


# ---- offline ------------------------------------------------------------------------------
_OFFLINE = lazy(
    r"air[- ]?gapped|airgap|(?:work|run|operate|function)s?\s+(?:fully\s+|completely\s+)?offline|offline[- ]only"
    r"|(?:must|has\s+to|needs?\s+to|should)\s+(?:be|stay|run)\s+offline|offline\s+(?:operation|use|mode|requirement)"
    r"|no\s+internet(?:\s+(?:access|connection|connectivity))?|without\s+(?:internet|network)\s+access"
    r"|no\s+(?:network|outbound)\s+(?:access|connection|connectivity|traffic)|disconnected\s+(?:site|network|environment)",
    re.IGNORECASE,
)
_ONLINE_OK = lazy(
    r"(?:internet|online|network)\s+(?:access\s+)?(?:is|are)\s+(?:fine|ok|okay|allowed|available)"
    r"|(?:don't|doesn't|do\s+not|does\s+not|no\s+need\s+to|needn't)\s+(?:need\s+to\s+|have\s+to\s+)?(?:work|run|be)\s+offline"
    r"|not\s+(?:air[- ]?gapped|offline)|no\s+(?:offline|air[- ]?gap)\s+requirement",
    re.IGNORECASE,
)


def read_offline(text: str) -> tuple[bool | None, tuple[int, int] | None]:
    """True when the text requires offline operation, False when it says online is fine; and where
    the words that say so are."""
    low = text.lower().replace("’", "'")
    ok = _ONLINE_OK.search(low)
    if ok:
        return False, ok.span()
    for m in _OFFLINE.finditer(low):
        if m.group(0).startswith(("no ", "without")):
            if not negated(low, m.start(), m.start()):
                return True, m.span()
            continue
        if not negated(low, m.start(), m.end()):
            return True, m.span()
    return None, None


def _names_a_class(words: list[str]) -> bool:
    """Whether ``words`` name a class ("internal docs", "personal data"), not only examples of one
    ("name and phone number")."""
    rx = _word_patterns()["class_name"]
    return any(rx.match(word) for word in words)
