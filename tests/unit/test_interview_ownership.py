"""What the words say of hardware and of a volume: owned when they say the team has it (in its own
language), to price when they say buy or name any such box, one question when they say neither;
a chip the catalog entry is not is not read; a busy season, a share of the traffic and a headcount
said in another sentence are not silently left out of the volume."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.profile import WorkloadProfile

EMPTY = WorkloadProfile()


def _read(text: str, catalog, asked: str | None = None):
    return read_answer(text, EMPTY, catalog, asked=asked)


@pytest.mark.parametrize(
    "text, units",
    [
        ("8x H100 vorhanden. Alles on-prem.", 8),
        ("Temos uma RTX 3090 parada no escritório.", 1),
        ("On a un Mac mini M4 au bureau.", 1),
        ("I have 2x RTX 4090 and want to run Llama 70B", 2),
        ("local 70B on our 2x 4090 box vs Gemini Flash", 2),
    ],
)
def test_hardware_the_words_say_the_team_has_is_owned(text, units, catalog):
    r = _read(text, catalog)
    assert "hardware" not in r.changes
    assert r.changes.get("owned_units") == units and r.changes.get("owned_hardware")


@pytest.mark.parametrize("text", ["We are thinking of buying an RTX 4090", "Wir überlegen, eine RTX 4090 zu kaufen"])
def test_hardware_to_buy_is_the_hardware_to_price(text, catalog):
    assert _read(text, catalog).changes == {"hardware": "rtx-4090-24gb"}


def test_hardware_named_with_neither_is_one_question_with_both_readings(catalog):
    r = _read("2x4090, want llama 70b for paper summarization. worth it vs claude api?", catalog)
    assert not {"hardware", "owned_hardware"} & set(r.changes)
    (choice,) = [c for c in r.open_choices if "hardware" in c.fields]
    assert [o.changes for o in choice.options] == [
        {"owned_hardware": "rtx-4090-24gb", "owned_units": 2},
        {"hardware": "rtx-4090-24gb"},
    ]


def test_hardware_named_in_answer_to_the_hardware_question_is_owned(catalog):
    r = _read("Ja, 8x H100 Server.", catalog, asked="hardware")
    assert r.changes == {"owned_hardware": "h100-sxm-80gb", "owned_units": 8}


def test_a_chip_the_catalog_entry_is_not_is_noted_not_read(catalog):
    r = _read("On a un Mac Studio M2 Ultra 128 Go qui sert au montage", catalog)
    assert r.changes == {} and any("not in the catalog" in n for n in r.notes)


@pytest.mark.parametrize(
    "text",
    [
        "Calculamos unas 8.000 consultas al día en invierno, y la mitad en verano.",
        "Cerca de 25.000 conversas por mês em agosto. Em janeiro umas 6.000.",
        "We process about 1.2m card transactions a day, ~2% get flagged and only those go to the model.",
        "Around 500 alerts per hour across the whole SOC, but analysts would only ask on maybe 1 in 5.",
    ],
)
def test_a_season_or_a_share_beside_a_rate_is_asked_not_written(text, catalog):
    r = _read(text, catalog)
    assert "requests_per_day" not in r.changes
    assert any("requests_per_day" in c.fields for c in r.open_choices)


def test_a_rate_per_person_is_multiplied_by_the_headcount_said_before_it(catalog):
    r = _read("HR policy assistant for 5,000 employees; we expect 1 question per employee per week.", catalog)
    assert r.changes["requests_per_day"] == pytest.approx(5000 / 7)


@pytest.mark.parametrize(
    "text, level",
    [
        ("Les appels sont très confidentiels (santé, situation familiale).", "regulated"),
        ("Nothing super sensitive, driver names + load #s + locations.", "sensitive"),
    ],
)
def test_the_strictest_class_the_words_state_is_read(text, level, catalog):
    assert _read(text, catalog).changes["privacy"] == level


def test_a_correction_naming_the_figure_as_the_total_replaces_the_volume(catalog):
    """'600 a shift, two shifts' read as 1,200; then 'I double counted - 600 is the whole day'."""
    profile = WorkloadProfile(requests_per_day=1200.0)
    bases = {"requests_per_day": {"raw": 1200.0, "period": "day", "said": 600.0}}
    text = "oh and correction on volume, I double counted - 600 is the whole day, both shifts together"
    r = read_answer(text, profile, catalog, asked="privacy", sources={"requests_per_day": "answered"}, bases=bases)
    assert r.changes["requests_per_day"] == 600 and r.sources["requests_per_day"] == "answered"


@pytest.mark.parametrize("text, per_day", [("sorry, I meant per week", 100.0), ("Korrektur: pro Monat", 700 / 30)])
def test_a_period_corrected_alone_rereads_the_last_figure_in_it(text, per_day, catalog):
    profile = WorkloadProfile(requests_per_day=700.0)
    bases = {"requests_per_day": {"raw": 700.0, "period": "day"}}
    r = read_answer(text, profile, catalog, sources={"requests_per_day": "read"}, bases=bases)
    assert r.changes["requests_per_day"] == pytest.approx(per_day)


@pytest.mark.parametrize(
    "text, per_day",
    [
        ("about 40 ppl … 20 questions each per day", 800),
        ("40 people x 20 each, so ~800/day total", 800),
        ("800 a day TOTAL, not 32000", 800),
        ("500 a day on weekdays and 100 on weekends", (500 * 5 + 100 * 2) / 7),
        ("1,000 requests a day, weekdays only", 1000 * 5 / 7),
    ],
)
def test_the_volume_people_state_is_the_one_read(text, per_day, catalog):
    assert _read(text, catalog).changes["requests_per_day"] == pytest.approx(per_day)


@pytest.mark.parametrize(
    "text, monthly",
    [
        ("the 1200 a month we pay for ChatGPT Team", 1200),
        ("we pay for ChatGPT Team rn (about $1,350/mo)", 1350),
        ("We're spending ~USD 18k/mo on Anthropic for our support copilot", 18000),
    ],
)
def test_what_they_pay_today_is_a_baseline_never_a_volume(text, monthly, catalog):
    r = _read(text, catalog)
    assert r.changes == {"current_spend_usd_per_month": pytest.approx(monthly)}


def test_a_bill_with_no_period_is_asked_and_an_agency_is_not_a_bill(catalog):
    r = _read("our OpenAI bill is $3k", catalog)
    assert r.changes == {} and any("current_spend_usd_per_month" in c.fields for c in r.open_choices)
    assert _read("Hoje pagamos a uma agência 1.800€/mês para isto.", catalog).changes == {}


@pytest.mark.parametrize("text", ["we pay roughly $1,100 a month aud for ChatGPT", "Paying around ₹9.5 lakh per month"])
def test_money_in_a_currency_without_a_rate_is_not_read_as_dollars_or_requests(text, catalog):
    assert _read(text, catalog).changes == {}


def test_a_size_said_of_the_replies_is_output(catalog):
    assert _read("replies are short, like 150 tokens", catalog).changes == {"output_tokens_per_request": 150}


def test_a_size_that_names_no_side_is_asked_in_or_out(catalog):
    r = _read("voglio indietro una descrizione di circa 150 parole", catalog)
    assert not {"input_tokens_per_request", "output_tokens_per_request"} & set(r.changes)
    sides = {"input_tokens_per_request", "output_tokens_per_request"}
    assert any(sides & set(c.fields) for c in r.open_choices)


def test_a_name_that_names_no_chip_is_asked_not_taken_as_the_catalogs_chip(catalog):
    """'a Mac mini' could be an M1, M2 or M4: the catalog's one is offered back, not written."""
    for text in ("On a un Mac mini au bureau.", "none, we're all on macbooks", "we own a Mac Studio"):
        r = _read(text, catalog)
        assert not {"hardware", "owned_hardware"} & set(r.changes), text
        assert r.open_choices, text
