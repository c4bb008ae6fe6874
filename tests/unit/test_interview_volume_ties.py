"""A volume is written only when what multiplies it is tied to it in the text (issue 20): people
counted beside a rate with nothing saying it is each one's, where the total would give each less
than one a week, are asked (the total, or each one's times the count); "par lit et par jour", "par
jour ouvré et par abonné" and a closing "cada" tie the rate to each one; "nur Werktage", "Mo-Fr",
"lun-sab" count the days; a dollar amount in French is Québec's (Canadian dollars, which the catalog
has no rate for), never read as US dollars; a correction whose new figure no reader placed takes the
volume back instead of keeping it. A season beside a figure that no reading can average (a month
opening the sentence, a season with its own figure, a season's multiple with no months to count) is
asked; a job's runs ("once a month") are not its requests; a count of languages offers the volume
once or once per language; "each with several messages" is asked; a figure after "more like" takes
the period of the rate before it, or a period said right before ("Pro Arbeitstag also eher 180"),
and in a later message sets the old volume right when it names it; the old figure named again with
its article and "only on weekdays" corrects it; "around the clock" beside a clock range asks which
is the traffic window."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.catalog import load_catalog
from advisor.tools.profile import WorkloadProfile

CATALOG = load_catalog()


def _read(text: str, profile: WorkloadProfile | None = None, **kw):
    return read_answer(text, profile or WorkloadProfile(), CATALOG, **kw)


def _asked(reading, name: str) -> bool:
    return any(name in choice.fields for choice in reading.open_choices)


@pytest.mark.parametrize(
    "text",
    [
        "About 2,500 pupils have access, maybe 4 chats a week.",
        "Ungefähr 900 Mitarbeiter nutzen es, vielleicht 2 Fragen pro Woche.",
    ],
)
def test_people_beside_a_rate_too_small_for_their_total_are_asked(text):
    reading = _read(text)
    assert "requests_per_day" not in reading.changes
    assert _asked(reading, "requests_per_day")


def test_people_beside_a_rate_that_can_be_their_total_stay_the_total():
    reading = _read("We are 9 users, about 30 summaries a day.")
    assert reading.changes["requests_per_day"] == pytest.approx(30)


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("Clinique de 300 lits, environ 3 demandes par lit et par jour.", 900),
        ("2 000 clients, on compte 2 questions par jour et par client.", 4000),
        ("cerca de 30 analistas, talvez 20 consultas por dia cada", 600),
    ],
)
def test_a_rate_tied_to_each_one_in_other_words_is_multiplied(text, per_day):
    reading = _read(text)
    assert reading.changes["requests_per_day"] == pytest.approx(per_day)


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("Etwa 700 Meldungen pro Tag (nur Werktage).", 500),
        ("Ca. 140 Anfragen am Tag, Mo-Fr.", 100),
        ("circa 700 ticket al giorno, lun-sab", 600),
    ],
)
def test_the_days_a_week_said_in_short_count(text, per_day):
    reading = _read(text)
    assert reading.changes["requests_per_day"] == pytest.approx(per_day)


@pytest.mark.parametrize("text", ["Notre budget est d'environ 250$ par mois.", "Budget : 1 200 $/mois maximum."])
def test_a_dollar_amount_in_french_is_not_read_as_us_dollars(text):
    reading = _read(text)
    assert "budget_usd_per_month" not in reading.changes
    assert any("CAD" in note for note in reading.notes)


def test_a_dollar_amount_in_english_is_still_us_dollars():
    reading = _read("Our budget is about $250 a month.")
    assert reading.changes["budget_usd_per_month"] == pytest.approx(250)


@pytest.mark.parametrize(
    "text",
    [
        "Small correction: 900 is only the north site, add about 300 for the south one.",
        "Je corrige : les 900 dossiers, c'est le site nord seulement, il faut ajouter environ 300 pour le sud.",
    ],
)
def test_a_correction_whose_figure_is_not_placed_takes_the_volume_back(text):
    profile = WorkloadProfile(requests_per_day=900)
    bases = {"requests_per_day": {"raw": 900.0, "period": "day", "typed": 900.0, "noun": "dossiers"}}
    reading = _read(text, profile, sources={"requests_per_day": "answered"}, bases=bases)
    assert reading.changes.get("requests_per_day", "kept") is None


def test_a_correction_of_something_else_leaves_the_volume():
    profile = WorkloadProfile(requests_per_day=900)
    bases = {"requests_per_day": {"raw": 900.0, "period": "day", "typed": 900.0, "noun": "letters"}}
    text = "Sorry, correction: the server has 2 cards, not 4."
    reading = _read(text, profile, sources={"requests_per_day": "answered"}, bases=bases)
    assert "requests_per_day" not in reading.changes


@pytest.mark.parametrize(
    "text",
    [
        "juli is altijd druk, dan 3.000 aanvragen per dag",
        "About 1,200 orders per working day, in December it climbs to about 2,000.",
        "Unos 20-40 expedientes al día, pero en campaña se triplica.",
        "Etwa 900 Anfragen im Monat, nach dem Sommer eher doppelt so viele.",
    ],
)
def test_a_season_no_reading_can_average_is_asked(text):
    reading = _read(text)
    assert "requests_per_day" not in reading.changes
    assert _asked(reading, "requests_per_day")


def test_a_multiple_that_is_growth_or_no_season_leaves_the_figure():
    assert _read("about 900 tickets a day, doubles at month end").changes["requests_per_day"] == pytest.approx(900)
    reading = _read("~600k parses a month, growing 3x")
    assert reading.changes["requests_per_day"] == pytest.approx(20000)


def test_how_often_a_job_runs_is_not_its_requests():
    reading = _read("We pull the whole archive and summarise it. It runs twice a month.")
    assert "requests_per_day" not in reading.changes
    assert _asked(reading, "requests_per_day")


def test_a_count_of_languages_offers_the_volume_once_or_per_language():
    reading = _read("Queremos traducir las fichas a 4 idiomas. Entran unas 70 nuevas cada día.")
    assert "requests_per_day" not in reading.changes
    (choice,) = [c for c in reading.open_choices if "requests_per_day" in c.fields]
    offered = sorted(o.changes["requests_per_day"] for o in choice.options if o.changes)
    assert offered == pytest.approx([70, 280])


def test_each_with_several_calls_is_asked():
    reading = _read("São uns 6 mil atendimentos por mês, cada um com várias mensagens.")
    assert "requests_per_day" not in reading.changes
    assert _asked(reading, "requests_per_day")


def test_more_like_takes_the_period_of_the_rate_before_it():
    reading = _read("around 90k a month. wait no, that's all channels, email alone is more like 60k.")
    assert reading.changes["requests_per_day"] == pytest.approx(2000)


def test_more_like_after_a_period_said_first_takes_that_period():
    reading = _read("die 700 sind pro Woche, nicht pro Tag. Pro Arbeitstag also eher 140.")
    assert reading.changes["requests_per_day"] == pytest.approx(100)


def test_more_like_in_a_later_message_sets_the_old_figure_right():
    profile = WorkloadProfile(requests_per_day=600)
    bases = {"requests_per_day": {"raw": 600.0, "period": "day", "typed": 600.0, "noun": "claims"}}
    text = "Sorry, the 600 claims is with duplicates, more like 450."
    reading = _read(text, profile, sources={"requests_per_day": "answered"}, bases=bases)
    assert reading.changes["requests_per_day"] == pytest.approx(450)


def test_more_like_beside_nothing_of_the_volume_is_not_a_volume():
    profile = WorkloadProfile(requests_per_day=600)
    bases = {"requests_per_day": {"raw": 600.0, "period": "day", "typed": 600.0, "noun": "claims"}}
    text = "Also the invoice was high last month, normally more like 9k."
    reading = _read(text, profile, sources={"requests_per_day": "answered"}, bases=bases)
    assert "requests_per_day" not in reading.changes


def test_the_per_unit_figure_named_again_is_corrected_per_unit():
    profile = WorkloadProfile(requests_per_day=1200)
    bases = {"requests_per_day": {"raw": 40.0, "period": "day", "typed": 40.0, "units": 30.0, "noun": "emails"}}
    text = "Budget $900/month max. Oh I misspoke, 40 emails a day is the busiest site, the average is more like 10"
    reading = _read(text, profile, sources={"requests_per_day": "answered"}, bases=bases)
    assert reading.changes["requests_per_day"] == pytest.approx(300)
    assert reading.changes["budget_usd_per_month"] == pytest.approx(900)


def test_the_old_figure_with_its_article_only_on_weekdays_corrects_it():
    profile = WorkloadProfile(requests_per_day=140)
    bases = {"requests_per_day": {"raw": 140.0, "period": "day", "typed": 140.0}}
    text = "Die 140 am Tag sind übrigens nur Werktage, am Wochenende kommt fast nichts."
    reading = _read(text, profile, sources={"requests_per_day": "answered"}, bases=bases)
    assert reading.changes["requests_per_day"] == pytest.approx(100)


@pytest.mark.parametrize(
    "text",
    ["We run 24/7, but most of it comes between 9am and 5pm.", "szpital działa całą dobę, najwięcej rano, tak 7-15"],
)
def test_around_the_clock_beside_a_clock_range_asks_the_window(text):
    reading = _read(text)
    assert "traffic_hours" not in reading.changes
    assert _asked(reading, "traffic_hours")
