"""How many units of owned hardware, as people count them: 'two L40S' is two cards (not the
catalog's 4-GPU server, not four), and a count written in words of another language ('deux A100',
'zwei RTX 4090') counts as it does in English."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile


@pytest.mark.parametrize(
    ("text", "kind", "units"),
    [
        ("We have a Dell server with two L40S in it.", "l40s-48gb", 2),
        ("Nous avons déjà un serveur avec deux A100 80 Go.", "a100-80gb", 2),
        ("Wir haben zwei RTX 4090 im Keller.", "rtx-4090-24gb", 2),
        ("we have a pair of 3090s", "rtx-3090-24gb-used", 2),
        ("we own four used 3090s", "rtx-3090-24gb-used", 4),
        ("I'm on a 64 GB M3 Max", "macbook-pro-m3-max-64gb", 1),  # the machine they work on
    ],
)
def test_owned_units_as_counted(text, kind, units):
    changes = read_answer(text, WorkloadProfile(), load_catalog()).changes
    assert (changes["owned_hardware"], changes["owned_units"]) == (kind, units)


def test_on_a_budget_is_not_owning_one():
    changes = read_answer("I'm on a budget, would a 4090 do?", WorkloadProfile(), load_catalog()).changes
    assert "owned_hardware" not in changes
