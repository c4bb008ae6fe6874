"""The language a message is written in, from its function words (catalog/languages.toml), over the
blind corpus's messages (written by people briefed only with personas, in eight languages): a
message in a language the answers speak (English, German, French, Spanish, Italian, Dutch,
Portuguese, Polish) is answered in it, and a short reply ("internal", "30 cents") decides nothing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from advisor.interview.language import answer_language, detect

CORPUS = Path(__file__).parents[1] / "corpus" / "blind" / "train"


def _messages() -> list[tuple[str, str, bool]]:
    out = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            out += [(item["lang"], turn["text"], i == 0) for i, turn in enumerate(item["turns"])]
    return out


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no blind corpus here")
def test_every_first_message_is_told_apart_and_none_wrongly():
    grades: Counter[str] = Counter()
    wrong = []
    for lang, text, first in _messages():
        got = detect(text)
        grade = "right" if got == lang else "undecided" if got is None else "wrong"
        grades[grade, first] += 1
        if grade == "wrong":
            wrong.append((lang, got, text[:80]))
    firsts = grades["right", True] + grades["undecided", True] + grades["wrong", True]
    assert firsts > 200
    assert grades["right", True] >= 0.97 * firsts, grades
    assert len(wrong) <= 0.005 * sum(grades.values()), wrong  # a wrong language is the worst outcome


def test_a_message_is_answered_in_its_language_or_in_english():
    assert answer_language("Wir erstellen ca. 1.200 Schriftsätze im Monat, je 8.000 Token rein und 1.500 raus") == "de"
    assert answer_language("On reçoit autour de 1 100 appels par mois et nos bénévoles écrivent une note") == "fr"
    assert answer_language("Movemos unas 4.000 facturas al mes, son datos fiscales de clientes") == "es"
    assert answer_language("We triage 5,000 tickets a day, 2k tokens in and 300 out each") == "en"
    assert answer_language("Vorremmo usare un modello per tradurre 40-50 articoli al giorno") == "it"
    assert answer_language("Temos uns 180 mil sellers ativos e entram em média 45 mil SKUs novos por dia") == "pt"
    assert answer_language("Wat kost het om documenten voor Woo-verzoeken te laten lakken met AI?") == "nl"
    assert answer_language("Ile kosztuje LLM do analizy maili od klientów i zakładania z nich zgłoszeń?") == "pl"


def test_a_short_reply_decides_nothing():
    for reply in ("internal", "30 cents", "8000", "ja", "none", "rtx 4090", "public data"):
        assert detect(reply) is None, reply


def test_a_language_the_advisor_does_not_speak_is_answered_in_english_not_taken_for_another():
    swedish = "Vi har ungefär 900 texter per dag och vill veta vad det skulle kosta att köra det själva."
    assert detect(swedish) == "sv"
    assert answer_language(swedish) == "en"
