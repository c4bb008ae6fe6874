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
