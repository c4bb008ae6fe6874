"""Every option states its units ("3 × RTX 4090", owned or to buy) and every ✗ its reason: in the
label every view shows, the chat's table, the calc table and the JSON."""

from __future__ import annotations

import re

from advisor.text.render import options_table, payback_words
from advisor.text.summary import options_markdown
from advisor.tools.compare import CompareInput, compare

TRIAGE = dict(requests_per_day=5000, input_tokens_per_request=2000, output_tokens_per_request=300)


def test_every_local_option_names_its_units(catalog):
    result = compare(CompareInput(**TRIAGE, top=50), catalog)
    for o in result.options:
        if o.hardware:
            assert re.search(rf"\b{o.units} (?:× |box(?:es)? of )", o.label), o.label
        else:
            assert " × " not in o.label


def test_owned_units_are_said_in_the_label_and_payback(catalog):
    result = compare(
        CompareInput(**TRIAGE, hardware="rtx-3090-24gb-used", owned_hardware="rtx-3090-24gb-used", owned_units=1),
        catalog,
    )
    for o in result.options:
        if o.hardware is None:
            continue
        if o.units == 1:
            assert "(owned)" in o.label and payback_words(o) == "already owned"
        else:
            assert f"(1 owned, {o.units - 1} to buy)" in o.label


def test_every_failed_option_says_why_in_chat_and_calc(catalog):
    result = compare(CompareInput(**TRIAGE, privacy="regulated"), catalog)
    failing = [o for o in result.options if not o.passes]
    assert failing
    chat = options_markdown(result, limit=50)
    calc = options_table([o.model_dump() for o in result.options], result.horizon_months)
    for o in failing:
        for text in (chat, calc):
            assert f"✗ {o.label}: {'; '.join(o.failed)}" in text


def test_beside_the_side_panel_the_options_table_keeps_the_option_and_its_costs(catalog):
    """At 160 columns the chat is ~72 wide beside the side panel: eight columns wrapped the option's
    name a word a line. The brief table keeps the mark, the option, a month's cost and the horizon's
    (the panel's table has the rest); each option's row is still whole, the failures still said."""
    result = compare(CompareInput(**TRIAGE, privacy="regulated"), catalog)
    brief = options_markdown(result, limit=50, brief=True)
    full = options_markdown(result, limit=50)
    head = brief.splitlines()[0]
    assert head.count("|") == 5 and "option" in head and "monthly" in head and "36 months" in head, head
    assert "payback" not in head and "capacity" not in head and "payback" in full.splitlines()[0]
    rows = [line for line in brief.splitlines() if line.startswith("| ✓") or line.startswith("| ✗")]
    assert len(rows) == len(result.options[:50])
    assert all(line.endswith(" |") and line.count(" | ") == 3 for line in rows), rows[:2]
    why = brief.split("\n\n", 1)[1]  # why each failing option fails, after the table
    assert why and why == full.split("\n\n", 1)[1]
    assert brief.splitlines()[1] == "|---|---|---:|---:|"  # the figures right-aligned
