"""Sensitive texts in several phrasings and languages: none of their words may reach Claude.

TUNED were written first and the rules were written against them; HELD_OUT were written at the
same time and kept aside until the rules were done (accuracy on TUNED alone is no evidence).
CLEAR are texts a user may send to Claude once they said the data is public or internal.
"""

TUNED = [
    "Doctor notes with diagnoses and social security numbers",
    "psychiatric session transcripts",
    "bank account numbers and tax returns",
    "H.I.P.A.A. covers all of it",
    "Wir fassen Patientenakten zusammen",
    "not anonymized patient records",
    "not sure if HIPAA applies",
    "Therapy notes from our counselling service",
    "Historias clínicas de pacientes del hospital",
    "Steuererklärungen und Kontonummern unserer Kunden",
    "Emails that include customers' home addresses and dates of birth",
    "Lab results and prescriptions from the clinic",
    "Attorney-client privileged correspondence",
    "card numbers like 4111 1111 1111 1111 in the tickets",
    "Summaries of what jane.doe@example.invalid wrote to us",
    "forms where SSN 078-05-1120 appears",
    "cartelle cliniche dei pazienti",
    "prontuários de pacientes e dados pessoais",
    "mental health chat logs from our app",
    "we don't really know what's in those documents",
    "passport scans for onboarding",
    "payroll exports with every salary",
]

HELD_OUT = [
    "Dossiers médicaux de nos patients",
    "burgerservicenummers (BSN) van cliënten",
    "Medical claims for the insurer",
    "données de santé des assurés",
    "HIV status of study participants",
    "Sozialversicherungsnummern der Mitarbeiter",
    "numéros de sécurité sociale",
    "Patientendaten aus der Psychotherapie",
    "P.H.I. from three hospitals",
    "IBAN DE89370400440532013000 on every invoice",
    "criminal records checks for applicants",
    "genetic test results",
    "i have no idea whether GDPR applies",
    "confidential board minutes",
]

CLEAR = [
    "write the final recommendation memo for our board",
    "We triage 5,000 tickets a day, 2k tokens in and 300 out each",
    "summarise public product reviews from our website",
    "which option should we pick for our internal wiki search?",
]

# The probe of issue 26: texts that went out raw while privacy rested on a word list — with the
# strings that must never reach Claude (names, numbers, conditions), each a way of writing them that
# a word list misses: look-alike letters, invisible characters, full width, spaced out, bare digits.
PROBE = [
    (
        "Henrike Vollmer-Brandt, diagnosed with schizophrenia, on clozapine 300 mg",
        ["Henrike", "Vollmer", "schizophren", "clozapin"],
    ),
    ("carcinoma of the left breast, born 14.03.1961", ["carcinoma", "14.03.1961", "1961"]),
    ("her SSN is 123 45 6789", ["123 45 6789", "6789"]),
    ("ID on file: 078051120", ["078051120"]),
    ("refunds go to iban de89 3704 0044 0532 0130 00", ["de89", "3704", "0532"]),
    ("card 4111.1111.1111.1111 expires 09/29", ["4111", "1111"]),
    ("write to qx.pellworth [at] mailbox.example", ["pellworth", "mailbox"]),
    ("call her on +49 151 2345 6789 after six", ["2345 6789", "+49 151"]),
    ("die Mandantenliste der Kanzlei Oberhuber", ["Mandantenliste", "Oberhuber"]),
    ("alles unter Verschwiegenheitspflicht nach § 203 StGB", ["Verschwiegenheitspflicht", "StGB"]),
    ("segreto professionale dello studio Bianchi", ["segreto", "Bianchi"]),
    ("onder geheimhouding van notaris Verwoerd", ["geheimhouding", "Verwoerd"]),
    ("attorney work product for the Kessler matter", ["work product", "Kessler"]),
    ("ePHI from the Riverside intake desk", ["ePHI", "Riverside"]),
    ("pаtient Tomasz Wierzbicki", ["Tomasz", "Wierzbicki", "pаtient"]),  # a Cyrillic а
    ("PA\u200bTIENT Olga Ferreira", ["Olga", "Ferreira", "PA\u200bTIENT"]),  # a zero-width space
    ("ＰＡＴＩＥＮＴ notes for Ines Baptista", ["Ines", "Baptista", "ＰＡＴＩＥＮＴ"]),  # full width
    ("p a t i e n t Malcolm Oyelaran", ["Malcolm", "Oyelaran", "p a t i e n t"]),
    ("date of birth 1984-02-29 for Dana Whitlock", ["1984-02-29", "Whitlock"]),
    ("salary data: Priya Raman earns 142,000", ["Priya", "Raman", "142,000"]),
]
