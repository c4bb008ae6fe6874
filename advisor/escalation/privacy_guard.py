"""Whether the user's own words may go to Claude — default deny.

The words go only when the user has said the data is public or internal *and* the words themselves
name nothing sensitive. This check does not read meaning: a mention is enough, negated or in doubt
("not anonymised patient records", "not sure if HIPAA applies"), in any language it knows, so it
holds even when the interview's reader classified nothing. A false alarm costs only Claude seeing
the structured profile instead of the sentence; a miss would send a patient's record away.
"""

from __future__ import annotations

import re
import unicodedata

from advisor.interview.lazy import lazy

PUBLIC_ENOUGH = ("public", "internal")

# Stems found anywhere in a word (compounds: "Patientenakten", "outpatient", "Gesundheitsdaten").
_STEMS = (
    # health
    "patient", "patiënt", "pacient", "pazient", "diagnos", "diagnós", "psychiatr", "psiquiatr", "psichiatr",
    "psycholog", "psicolog", "psychother", "psicoter", "therap", "terap", "counsel", "medical", "medizin",
    "médic", "medic", "clinic", "clínic", "klinik", "klinisch", "hospital", "krankenhaus", "kranken",
    "gesundheit", "health", "santé", "salud", "saúde", "sanitar", "prescription", "lab result", "laborwert",
    "befund", "arztbrief", "ärzt", "mental", "prontuár", "cartell", "dossier", "pregnan", "disabilit",
    # identity numbers and records
    "social security", "sozialversicherung", "sécurité sociale", "securite sociale", "seguridad social",
    "segurança social", "previdenza", "national insurance", "burgerservicenummer", "codice fiscale",
    "passport", "reisepass", "passeport", "pasaporte", "driver's licen", "drivers licen", "date of birth",
    "dates of birth", "birth date", "geburtsdatum", "home address", "criminal", "biometric", "genetic",
    "ethnic", "religio", "sexual", "trade union",
    # money
    "tax return", "tax id", "tax record", "tax form", "steuererkl", "steuernummer", "steuer-id",
    "steuerbescheid", "impôt", "impot", "impuesto", "imposto", "belasting", "bank account", "bankkonto",
    "kontonummer", "bankverbindung", "compte bancaire", "cuenta bancaria", "conto corrente", "conta bancária",
    "rekeningnummer", "routing number", "account number", "card number", "credit card", "kreditkarte",
    "carte bancaire", "tarjeta", "cardholder", "payroll", "salar", "gehalt", "insurance claim", "insured",
    "assuré", "versichert",
    # law, secrecy, classes
    "privileged", "attorney", "anwalt", "avocat", "abogad", "confidential", "vertraulich", "confidentiel",
    "confidencial", "riservat", "vertrouwelijk", "sensitiv", "sensib", "regulated", "reguliert", "réglementé",
    "personal data", "personal information", "personal details", "personenbezogen", "données personnelles",
    "donnees personnelles", "datos personales", "dati personali", "dados pessoais", "persoonsgegevens",
    "special category", "besondere kategorie", "student record", "children", "minors",
)
# Short words and acronyms: whole words only ("phi" but not "philosophy").
_WORDS = (
    "pii", "phi", "hipaa", "gdpr", "dsgvo", "rgpd", "lgpd", "ferpa", "glba", "pci", "ssn", "bsn", "cpf",
    "nhs", "hiv", "aids", "ehr", "emr", "mrn", "iban", "dna", "medicaid", "medicare", "nda", "itar",
    "classified", "secret", "secrets", "private",
)
# Doubt: the user does not know what the data holds, so it is not known to be public.
_DOUBT_RE = lazy(r"\b(?:don't|dont|do not|doesn't|does not|not|never)\s+(?:\w+\s+)?(?:know|sure|certain)\b")
_DOUBT = (
    "unsure", "no idea", "unclear", "might contain", "may contain", "could contain", "nicht sicher",
    "weiß nicht", "keine ahnung", "pas sûr", "pas sur", "je ne sais pas", "no estoy seguro", "no sé", "non so",
)
_STEM_RE = lazy("|".join(re.escape(s) for s in sorted(_STEMS + _DOUBT, key=len, reverse=True)))
_WORD_RE = lazy(r"(?<![\w])(?:" + "|".join(_WORDS) + r")(?![\w])")
# Shapes of personal data, whatever the words around them.
_SHAPES = (
    lazy(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # an e-mail address
    lazy(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)"),  # a US social security number
    lazy(r"(?<![\d,.])(?:\d[ -]?){12,18}\d(?![\d,.])"),  # a payment card number
    lazy(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b"),  # an IBAN
)
_DOTTED = lazy(r"\b(?:\w\.){2,}")  # "H.I.P.A.A." → "HIPAA", "P.H.I." → "PHI"


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("’", "'")
    return _DOTTED.sub(lambda m: m.group(0).replace(".", "") + " ", text)


def sensitive_mentions(text: str) -> list[str]:
    """Every sensitive word, doubt or personal-data shape in ``text`` (empty: nothing found)."""
    shaped = [m.group(0) for rx in _SHAPES for m in rx.finditer(text)]
    low = _normal(text).lower()
    words = [m.group(0) for rx in (_STEM_RE, _WORD_RE, _DOUBT_RE) for m in rx.finditer(low)]
    return shaped + words


def withheld_because(text: str, privacy: str | None, privacy_given: bool) -> str | None:
    """Why the user's words stay home, or None when they may go to Claude."""
    if not privacy_given or privacy is None:
        return "the user has not said whether the data is public"
    if privacy not in PUBLIC_ENOUGH:
        return f"{privacy} data"
    if sensitive_mentions(text):
        return "the words name sensitive data"
    return None
