"""What-ifs asked in the other languages the answers speak (catalog/whatif_words.toml): the volume
scaled by the words each language scales it with, only in a message that opens as a what-if — a
first message stating its volume in those words ("wir verdoppeln gerade unser Volumen") is not one."""

from __future__ import annotations

import pytest

from advisor.interview import read_whatif
from advisor.interview.whatif import is_whatif
from tests.unit.test_interview_support import PER_REQUEST, build_small_catalog


@pytest.fixture(scope="module")
def small_catalog():
    return build_small_catalog()


@pytest.mark.parametrize(
    ("text", "factor"),
    [
        ("Und wenn sich das Volumen verdoppelt?", 2),
        ("Was wäre, wenn es 50 % mehr Anfragen wären?", 1.5),
        ("Et si le volume doublait ?", 2),
        ("Et si on avait la moitié des requêtes ?", 0.5),
        ("¿Y si el volumen se duplicara?", 2),
        ("¿Y si fuera el triple?", 3),
        ("E se il volume raddoppiasse?", 2),
        ("E se il traffico si dimezzasse?", 0.5),
        ("En als het volume verdubbelt?", 2),
        ("Wat als het 20% minder verzoeken zijn?", 0.8),
        ("E se o volume dobrasse?", 2),
        ("A jeśli wolumen się podwoi?", 2),
        ("A gdyby ruch spadł o połowę?", 0.5),
        ("Und bei doppelt so vielen Anfragen?", 2),
    ],
)
def test_a_whatif_in_another_language_scales_the_volume(text, factor, small_catalog):
    whatif = read_whatif(text, PER_REQUEST, small_catalog)
    assert whatif is not None and whatif.changes["requests_per_day"] == pytest.approx(5000 * factor)
    assert whatif.description == f"volume ×{factor:g}"


@pytest.mark.parametrize(
    "text",
    [
        "Wir verdoppeln gerade unser Volumen auf 4.000 Anfragen am Tag.",
        "Il volume raddoppia a dicembre.",
        "Na Black Friday o volume dobra.",
        "Ensuite, nous doublons les équipes.",
        "Und bei uns sind es 2.000 Anfragen am Tag, die sich im Winter verdoppeln.",
    ],
)
def test_scale_words_outside_a_whatif_are_not_one(text):
    assert not is_whatif(text)
