"""A reply's figures must come from tool results; the gate holds back sentences that invent one."""

from __future__ import annotations

from advisor.gate import SentenceGate
from advisor.voice import figures, unsupported_figures

RESULT = {"monthly_usd": 900.0, "payback_months": 6.412, "monthly_input_tokens": 300_000_000.0, "share": 0.15}


def test_figures_reads_money_units_and_percentages():
    found = dict(figures("It costs $1,234.50 for 2.5M tokens, 15% of the 300 million."))
    assert found["$1,234.50"] == 1234.5
    assert found["2.5M"] == 2.5e6
    assert found["15%"] == 0.15
    assert found["300 million"] == 3e8


def test_figures_from_results_pass_in_any_common_format():
    text = "That is $900 a month, paying back in 6.4 months, for 300M tokens (15%)."
    assert unsupported_figures(text, [RESULT]) == []


def test_invented_figures_are_caught():
    assert unsupported_figures("It would cost about $1,800 a month.", [RESULT]) == ["$1,800"]
    assert unsupported_figures("Payback in 23 months.", [RESULT]) == ["23"]


def test_small_counts_are_words_not_figures():
    assert unsupported_figures("Here are 3 options over 2 years.", [RESULT]) == []


def test_gate_streams_good_sentences_and_withholds_bad_ones():
    gate = SentenceGate([RESULT])
    out = gate.feed("Cloud costs $900 a month. Local would be $12")
    out += gate.feed("3 a month. Ask me more about the cloud")
    out += gate.flush()
    assert out == ["Cloud costs $900 a month. "]  # the invented figure and the fragment are dropped
    assert gate.withheld == ["$123"]
    assert [why for _, why in gate.dropped] == ["figures no tool computed: $123", "cut off"]
