"""Privacy and compliance words, and the offline requirement, with negation ("no PII", "nothing
sensitive", "not regulated", "PII-free") never read as a stricter class."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

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
    + r")"
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
        r"|social\s+security(?:\s+numbers?)?|ssns?|national\s+insurance\s+numbers?|tax\s+returns?|taxpayer\s+data"
        r"|bank\s+(?:accounts?|account\s+(?:numbers?|details|data)|details|statements?)|ibans?|account\s+numbers?"
        r"|passports?|passport\s+numbers?|insurance\s+ids?|payslips?|cardholder(?:\s+(?:names?|data))?|card\s+numbers?"
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
        r"|confidential|contracts?|legal\s+documents?|trade\s+secrets?|secrets|proprietary|ndas?|under\s+nda|sensitive"
        r"|client\s+(?:documents?|names|portfolios?|briefs?)|customer\s+names|names\s+and\s+(?:home\s+)?addresses"
        r"|(?:home\s+)?addresses|phone\s+numbers|student\s+(?:records?|names|data|grades|ids?)|minors'?\s+data"
        r"|(?:driver|customer|client|guest|member|candidate|caller|patron|shipper)s?'?\s+names|customer\s+numbers"
        r"|names?\s*(?:\+|&)\s*\w+|mobile\s+(?:no|numbers?)|ucas\s+ids?|nomes?\s+d[eo]s?\s+\w+|nombres\s+de\s+\w+"
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
    ),
}
_TERM_RE = {level: lazy(rf"(?<![\w])(?:{pattern})(?![\w])", re.IGNORECASE) for level, pattern in _TERMS.items()}

_NEGATOR = lazy(
    r"\b(?:no|not|never|nothing|none|without|zero|neither|nor|isn't|aren't|wasn't|weren't|don't|doesn't|"
    r"didn't|won't|needn't|hasn't|haven't|free\s+of|non"
    r"|nicht|kein\w*|nie|ohne|pas|jamais|aucune?|sans|ni|nunca|sin|ningun[oa]?"
    r"|niente|nessun\w*|senza|niet|geen|zonder|não|nenhum\w*|sem|bez|żadn\w*)\b|n't\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = lazy(r"[.;!?:,]|\bonly\b|\bbut\b|\bhowever\b|\bthough\b|\balthough\b|\bexcept\b|\byet\b|\bwhereas\b")
_INTERJECTION = lazy(r"\b(?:no|nope|not\s+really|yes|yeah)\s*,")
# Doubt is not denial: "not sure if HIPAA applies" stays regulated. Nor is a negated disarm:
# "not anonymised patient records" are patient records.
_DOUBT = lazy(
    r"\b(?:not\s+(?:sure|certain|clear)|(?:don't|do\s+not|doesn't)\s+(?:know|think)|no\s+idea|unsure|unclear"
    r"|uncertain|not\s+(?:\w+\s+)?(?:anonymi[sz]ed|de-?identified|pseudonymi[sz]ed|redacted|scrubbed))\b",
    re.IGNORECASE,
)
_DISARM = lazy(r"anonymi[sz]ed|de-?identified|pseudonymi[sz]ed|synthetic|fake|dummy|mock|redacted|scrubbed")
_SUFFIX_NEGATION = lazy(r"^\s*-?\s*(?:free|less)\b|^\s*(?:is|are)\s+(?:not\s+involved|none|absent)", re.I)


@dataclass(frozen=True)
class PrivacyReading:
    level: str | None  # the strictest class stated positively
    words: list[str]  # the words that set it
    negated: list[str]  # class words that were negated ("no PII")
    spans: list[tuple[int, int]] = field(default_factory=list)  # where ``words`` are in the text
    negated_spans: list[tuple[int, int]] = field(default_factory=list)  # where ``negated`` are


@lru_cache(maxsize=8)
def _breaks(text: str) -> tuple[list[int], list[int]]:
    """Where each clause break starts and ends in ``text`` (computed once per text)."""
    spans = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text)]
    return [s for s, _ in spans], [e for _, e in spans]


def negated(text: str, start: int, end: int) -> bool:
    """Whether a negator precedes the term within its clause (up to five words back), or "-free"
    follows it, or the clause says the data is anonymised."""
    starts, ends = _breaks(text)
    i = bisect.bisect_right(ends, start)
    clause_start = ends[i - 1] if i else 0
    before = _DOUBT.sub(" ", _INTERJECTION.sub(" ", text[max(clause_start, start - 80) : start]))
    words = re.findall(r"[\w'’-]+", before)[-5:]
    window = " ".join(words)
    if _NEGATOR.search(window) or re.search(r"\bnon-?$", before):
        return True
    if _SUFFIX_NEGATION.match(text[end : end + 25]):
        return True
    j = bisect.bisect_left(starts, end)
    clause_end = starts[j] if j < len(starts) else len(text)
    clause = _DOUBT.sub(" ", text[clause_start:clause_end])
    return bool(_DISARM.search(clause))


def read_privacy(text: str) -> PrivacyReading:
    low = text.lower().replace("’", "'")
    found: dict[str, list[str]] = {}
    where: dict[str, list[tuple[int, int]]] = {}
    denied: list[str] = []
    denied_at: list[tuple[int, int]] = []
    for m in _MAY_NOT_LEAVE.finditer(low):
        says_not = re.search(
            r"\bnot\b|n't|\bnever\b|cannot|\bnothing\b|\bno\b|only|gapped|airgap|residency"
            r"|\bnicht|\bkeine\b|\bpas\b|\brien\b|\baucun\b|\bsans\b|\bnada\b|\bsin\b|bleib|reste",
            m.group(0),
        )
        if not says_not and negated(low, m.start(), m.end()):
            denied.append(m.group(0))
            denied_at.append(m.span())
        else:
            found.setdefault("regulated", []).append(m.group(0))
            where.setdefault("regulated", []).append(m.span())
    leave_spans = _spans(_MAY_NOT_LEAVE, low)
    for level, rx in _TERM_RE.items():
        for m in rx.finditer(low):
            if any(m.start() >= s and m.end() <= e for s, e in leave_spans):
                continue
            if negated(low, m.start(), m.end()):
                denied.append(m.group(0))
                denied_at.append(m.span())
            else:
                found.setdefault(level, []).append(m.group(0))
                where.setdefault(level, []).append(m.span())
    if not found:
        return PrivacyReading(None, [], denied, [], denied_at)
    level = max(found, key=lambda lv: _RANK[lv])
    return PrivacyReading(level, found[level], denied, where[level], denied_at)


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
    r"(?:internet|online|cloud|network)\s+(?:access\s+)?(?:is|are)\s+(?:fine|ok|okay|allowed|available)"
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
