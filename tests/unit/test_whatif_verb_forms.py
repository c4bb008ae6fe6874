"""A what-if about the volume is read in the verb forms people use in each language, not only the
opening the rules began with: 'Was ist, wenn …', 'Was wäre bei doppeltem Volumen?', a question opening
on 'wenn' / 'si' / 'se' / 'als' / 'jeśli' alone. A statement with no question mark is not one."""

from __future__ import annotations

import pytest

from advisor.interview import read_whatif
from advisor.tools.profile import WorkloadProfile

PROFILE = WorkloadProfile(requests_per_day=600, input_tokens_per_request=1200, output_tokens_per_request=300)


@pytest.mark.parametrize(
    "text",
    [
        "Was ist, wenn sich die Menge verdoppelt?",
        "Was wäre bei doppeltem Aufkommen?",
        "Wenn wir doppelt so viele Gutachten hätten?",
        "Und bei doppelter Menge?",
        "Si le nombre double ?",
        "¿si se duplica la cantidad?",
        "Se raddoppiano le richieste?",
        "Als het aantal verdubbelt?",
        "Se a quantidade dobrar?",
        "Jeśli liczba się podwoi?",
    ],
)
def test_a_doubling_is_a_whatif_in_every_language(catalog, text):
    whatif = read_whatif(text, PROFILE, catalog)
    assert whatif is not None and whatif.changes == {"requests_per_day": 1200.0}


@pytest.mark.parametrize("text", ["Si on a 500 par jour", "Bei uns sind es 2.000 am Tag."])
def test_a_statement_is_no_whatif(catalog, text):
    assert read_whatif(text, PROFILE, catalog) is None


@pytest.mark.parametrize(
    ("text", "hardware"),
    [
        ("¿Merece la pena una 4090?", "rtx-4090-24gb"),
        ("Lohnt sich eine 4090?", "rtx-4090-24gb"),
        ("Vale a pena uma 3090 usada?", "rtx-3090-24gb-used"),
    ],
)
def test_is_it_worth_asks_what_the_named_hardware_would_give(catalog, text, hardware):
    """'Is a used 3090 worth it?' is a question: it is answered as a what-if on that card, and the
    profile keeps its hardware (a blind tester's '¿merece la pena una 3090 usada?' set it)."""
    whatif = read_whatif(text, PROFILE, catalog)
    assert whatif is not None and whatif.changes == {"hardware": hardware}
