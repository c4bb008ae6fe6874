"""Reading a volume without guessing (issue 20): a figure said to be one season's is asked, not taken
as the usual volume; money, hours of audio and minutes in another language are not requests, nor a
multiplier of them; a "yes" word in the middle of a later answer does not confirm a question; a
quarter is a period; people spread across shifts work one each; a rate per thing is times the count
of that thing, asked when none is said; a share beside a volume offers the whole and the part."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.profile import WorkloadProfile

EMPTY = WorkloadProfile()


@pytest.mark.parametrize(
    "text",
    [
        "In high season we get about 4,500 messages a week across the hotels, in low season fewer.",
        "Na época alta recebemos cerca de 4.500 mensagens por semana.",
        "Peak is exam season, ~90k questions a day.",
        "About 300 product sheets a month when the new vintage arrives, the rest of the year much less.",
        "Circa 300 schede al mese quando arrivano le nuove annate, il resto dell'anno molto meno.",
        "We get 2,000 bookings a week. Off-season it drops to a few hundred.",
    ],
)
def test_a_figure_said_to_be_one_seasons_is_asked(catalog, text):
    reading = read_answer(text, EMPTY, catalog)
    assert "requests_per_day" not in reading.changes
    assert any("requests_per_day" in choice.fields for choice in reading.open_choices)


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("We process about 3,000 invoices a month, in January double that.", 100.0),
        ("Unas 3.000 facturas al mes, en enero el doble.", 100.0),
    ],
)
def test_a_season_named_after_the_figure_is_asked_as_the_usual_volume_or_the_years_average(catalog, text, per_day):
    """The blind corpus's labellers read these both ways (the usual figure, or the year's average with
    January doubled): it is asked, the usual figure the first choice, the average the second."""
    reading = read_answer(text, EMPTY, catalog)
    assert "requests_per_day" not in reading.changes
    (choice,) = [c for c in reading.open_choices if c.fields == ["requests_per_day"]]
    assert [o.changes["requests_per_day"] for o in choice.options] == [
        pytest.approx(per_day),
        pytest.approx(per_day * 13 / 12),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Registriamo circa 25 ore di audio a settimana.",  # hours of audio, not 25 requests
        "Presupuesto unos 100 dolares al mes.",  # a budget, not 100 requests
        "Wir haben etwa 40 Stunden Aufnahmen pro Woche.",
        "Gastamos 9.000 pesos al mes en traducciones.",
    ],
)
def test_money_and_time_in_another_language_are_not_requests(catalog, text):
    reading = read_answer(text, EMPTY, catalog)
    assert "requests_per_day" not in reading.changes
    assert not any("requests_per_day" in choice.fields for choice in reading.open_choices)


def test_minutes_each_is_not_a_count_that_multiplies_a_rate(catalog):
    """'20 mins each' is how long a call is; the 300 a week are not 20 × 300."""
    reading = read_answer("Calls are about 20 mins each, roughly 300 candidates a week.", EMPTY, catalog)
    offered = [o.changes.get("requests_per_day") for c in reading.open_choices for o in c.options]
    values = [reading.changes.get("requests_per_day"), *offered]
    assert not any(v is not None and v > 300 for v in values)


def test_a_count_in_a_language_with_accents_multiplies_its_each(catalog):
    reading = read_answer("Somos 22 técnicos, calculo que cada uno hará 20 consultas al día.", EMPTY, catalog)
    assert reading.changes["requests_per_day"] == pytest.approx(440.0)


def test_a_yes_word_inside_a_later_answer_does_not_confirm_a_question(catalog):
    asked = read_answer("Peak is exam season, ~90k questions a day.", EMPTY, catalog)
    assert asked.open_choices
    later = read_answer(
        "Students are ok waiting 10 seconds for an answer.", EMPTY, catalog, open_choices=asked.open_choices
    )
    assert "requests_per_day" not in later.changes
    yes = read_answer("ok, that's the usual", EMPTY, catalog, open_choices=asked.open_choices)
    assert yes.changes.get("requests_per_day") == pytest.approx(90000.0)


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        pytest.param("Correction: it's 9,000 per quarter, not per month.", 100.0, id="a quarter"),
        pytest.param("Korrektur: es sind 9.000 pro Quartal, nicht pro Monat.", 100.0, id="a quarter in German"),
        pytest.param("Unos 600 expedientes al trimestre.", 600 / 90, id="a quarter in Spanish"),
        pytest.param(  # 30 × 40 × 3, not '30 per shift' as requests
            "30 agents per shift, 3 shifts, each agent uses it about 40 times a shift", 3600, id="staff per shift"
        ),
        pytest.param("We run 12 warehouses. Each warehouse files about 50 reports a day.", 600, id="each thing"),
        pytest.param("Una catena di 20 negozi: circa 30 domande al giorno per negozio.", 600, id="per negozio"),
        pytest.param(
            "Nos chercheurs (environ 120 personnes) veulent un assistant. 20 questions par personne et par jour.",
            2400,
            id="par personne",
        ),
        pytest.param(
            "Phase one covers 25 med/surg and step-down units; about 8 discharges a day per unit.", 200, id="per unit"
        ),
        pytest.param(
            "About 3,000 reviews a day. We are growing ~20% month over month.", 3000, id="a growth rate is no share"
        ),
        pytest.param("Sorry, I said 2k per shift earlier - it's 2k a day in total.", 2000, id="the figure said before"),
    ],
)
def test_a_volume_is_read_as_what_it_says(catalog, text, per_day):
    reading = read_answer(text, EMPTY, catalog)
    assert reading.changes["requests_per_day"] == pytest.approx(per_day)
    assert not any("requests_per_day" in choice.fields for choice in reading.open_choices)


def test_agents_spread_over_shifts_are_asked_with_both_readings(catalog):
    """'45 agents across 3 shifts; each … per shift': each agent works one shift (2,700) or every
    shift (8,100)? The words do not say; the plain reading and the full one differ, so it is asked."""
    text = "About 45 agents across 3 shifts; each agent handles 60 tickets per shift."
    reading = read_answer(text, EMPTY, catalog)
    assert "requests_per_day" not in reading.changes
    (choice,) = [c for c in reading.open_choices if "requests_per_day" in c.fields]
    assert sorted(o.changes["requests_per_day"] for o in choice.options) == [2700, 8100]


def test_a_rate_per_thing_with_no_count_of_it_is_asked(catalog):
    reading = read_answer("We get about 200 orders a day per store.", EMPTY, catalog)
    assert "requests_per_day" not in reading.changes
    assert any("requests_per_day" in choice.fields for choice in reading.open_choices)


@pytest.mark.parametrize(
    ("text", "total", "part"),
    [
        ("Maybe 10% of our shipments are hazardous. We ship about 800 a day.", 800, 80),
        ("The site gets about 30k visits a month? I'd guess 1 in 10 would use the chat.", 1000, 100),
    ],
)
def test_a_share_beside_a_volume_offers_both_readings(catalog, text, total, part):
    reading = read_answer(text, EMPTY, catalog)
    assert "requests_per_day" not in reading.changes
    offered = [o.changes.get("requests_per_day") for c in reading.open_choices for o in c.options]
    assert pytest.approx(total) in offered and pytest.approx(part) in offered


def test_the_drafts_each_item_gets_multiply_the_volume(catalog):
    reading = read_answer("About 1,000 tickets a day. Each ticket gets 3 drafts on average.", EMPTY, catalog)
    assert reading.changes["requests_per_day"] == pytest.approx(3000)


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        pytest.param("Scope is 38 units. About 6-7 discharge summaries per unit per day.", 247, id="per unit inside"),
        pytest.param("Sentiment tags on every review: ~30k reviews a month.", 1000, id="every review is its own"),
    ],
)
def test_what_a_rate_is_per_said_inside_it(catalog, text, per_day):
    assert read_answer(text, EMPTY, catalog).changes["requests_per_day"] == pytest.approx(per_day)


def test_one_summary_per_desk_is_a_count_not_a_token_size(catalog):
    reading = read_answer("Want one summary per desk per shift plus an overall report.", EMPTY, catalog)
    assert "output_tokens_per_request" not in reading.changes
