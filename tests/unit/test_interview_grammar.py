"""The reader's grammar, one rule at a time: number forms, word numbers, periods in other
languages, business days, rates whatever the noun, people × rate, fan-out, ranges. Every expected
value is worked out by hand (a month is 30 days; a business-day rate is averaged over the calendar,
× 5/7)."""

from __future__ import annotations

import pytest

from advisor.interview import read_answer
from advisor.interview.forms import canonical, word_number
from advisor.tools.catalog import Catalog
from tests.unit.test_interview_support import EMPTY, build_small_catalog


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return build_small_catalog()


def rpd(text: str, catalog: Catalog, asked: str | None = None) -> float | None:
    return read_answer(text, EMPTY, catalog, asked=asked).changes.get("requests_per_day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5.000 requests per day", 5000),
        ("5 000 req/day", 5000),
        ("5'000 requests a day", 5000),
        ("5’000 requests a day", 5000),
        ("1,5K tickets per day", 1500),
        ("1.234,5 calls a day", 1234.5),
        ("1,2 Mio. Artikel pro Jahr", 1.2e6 / 360),
    ],
)
def test_number_forms(text, expected, catalog):
    assert rpd(text, catalog) == pytest.approx(expected)


def test_a_thousands_dot_is_said_aloud(catalog):
    reading = read_answer("1.200 leases a month", EMPTY, catalog)
    assert any("1,200" in n and "dot" in n for n in reading.notes)


def test_a_dollar_amount_keeps_its_cents():
    assert canonical("$1.500 each").text == "$1.500 each"


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("five thousand", 5000),
        ("three hundred and fifty", 350),
        ("two thousand five hundred", 2500),
        ("twenty-five", 25),
        ("a dozen", 12),
        ("one and a half thousand", 1500),
        ("half a million", 500_000),
        ("fifteen hundred", 1500),
    ],
)
def test_word_numbers(words, value):
    assert word_number(words) == value


def test_word_numbers_keep_their_place_in_the_text(catalog):
    reading = read_answer("Five thousand discovery documents per day", EMPTY, catalog)
    assert reading.changes["requests_per_day"] == 5000
    assert any("'Five thousand discovery documents per day'" in n for n in reading.notes)


def test_a_word_range_keeps_its_scale(catalog):
    assert rpd("ten to fifteen thousand queries a month", catalog) == pytest.approx(12500 / 30)


def test_between_a_and_b_is_a_range_not_a_sum(catalog):
    assert canonical("between five and ten a day").text.split() == ["5-10", "a", "day"]
    assert rpd("between 400 and 600 a day", catalog) == 500


def test_zero_stays_a_negation():
    assert "zero" in canonical("zero pii").text


def test_number_words_in_other_languages(catalog):
    assert rpd("zwei tausend pro Tag", catalog, asked="requests_per_day") == 2000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.500 Dokumente pro Tag", 2500),
        ("600 comptes rendus par jour", 600),
        ("1.500 informes al día", 1500),
        ("8.000 Schriftsätze pro Jahr", 8000 / 360),
        ("1.100 bezwaarschriften per jaar", 1100 / 360),
        ("circa 300 articoli al giorno", 300),
        ("uns 40 mil produtos por dia", 40_000),
    ],
)
def test_periods_in_other_languages(text, expected, catalog):
    assert rpd(text, catalog) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("8.000 Seiten pro Jahr", "monthly_input_tokens", 8000 * 650 / 12),  # pages are a size, not requests
        ("1.4 Mio. Seiten im Monat", "monthly_input_tokens", 1.4e6 * 650),
        ("about 1.8 million words per month", "monthly_input_tokens", 1.8e6 * 1.3),
        ("~900 words in, the summary maybe 150 words", "output_tokens_per_request", 150 * 1.3),
        ("typically 15–25 pages per encounter; output is a ~1.5 page draft", "input_tokens_per_request", 20 * 650),
        ("in media 4.500 battute l'uno", "input_tokens_per_request", 4500 * 0.25),
    ],
)
def test_words_pages_and_characters_are_tokens_at_the_catalogs_factors(text, field, expected, catalog):
    assert read_answer(text, EMPTY, catalog).changes[field] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("800 contracts a day", 800),
        ("40 memos a week", 40 / 7),
        ("150 an hour", 150 * 24),
        ("2M descriptions a month", 2e6 / 30),
        ("600,000 user reviews a year", 600_000 / 360),
        ("300 earnings calls a quarter", 300 / 90),
        ("2,000 functions per night", 2000),
        ("12k learning objectives once a year", 12000 / 360),
    ],
)
def test_rates_whatever_the_noun(text, expected, catalog):
    assert rpd(text, catalog) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["8 hours a day", "3k dollars a month", "250k words a month", "60 hours of video a week"]
)
def test_what_a_rate_is_not(text, catalog):
    assert rpd(text, catalog) is None


def test_business_days_state_the_days_a_week(catalog):
    reading = read_answer("60 NDAs per business day", EMPTY, catalog)
    assert reading.changes["requests_per_day"] == pytest.approx(60 * 5 / 7)
    assert any("5 business days in a 7-day week" in n for n in reading.notes)
    assert rpd("900 return requests per weekday", catalog) == pytest.approx(900 * 5 / 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50 developers, 40 prompts each a day", 2000),
        ("Our 120 engineers use it. Each makes about 150 completions a day", 18000),
        ("Each of our 25 associates asks the bot 20 questions a day", 500),
        ("10 engineers × 50 prompts a day", 500),
        ("6 devs, maybe 200 prompts per dev per week", 6 * 200 / 7),
        ("15 clinics x 200 appointments per day", 3000),
        ("twenty-five variants a day for each of 40 categories", 1000),
    ],
)
def test_people_or_units_times_a_rate(text, expected, catalog):
    assert rpd(text, catalog) == pytest.approx(expected)


def test_a_rate_beside_people_without_each_is_the_total_and_says_so(catalog):
    reading = read_answer("We have 12 analysts and 300 queries a day", EMPTY, catalog)
    assert reading.changes["requests_per_day"] == 300
    assert any("say 'each'" in n for n in reading.notes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("40 tasks a day, ~25 calls per task", 1000),
        ("300 orders a day. Each order triggers 2 LLM calls", 600),
        ("9k orders per day with 3 substitutions each", 27000),
        ("80k sessions a month, 6 messages per session", 16000),
    ],
)
def test_fan_out_multiplies(text, expected, catalog):
    assert rpd(text, catalog) == pytest.approx(expected)


def test_a_range_takes_the_middle_and_says_so(catalog):
    reading = read_answer("50-70 vendor contracts a day", EMPTY, catalog)
    assert reading.changes["requests_per_day"] == 60
    assert any("middle" in n for n in reading.notes)


# ---- privacy: constraints before costs ---------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Privileged client documents, nothing may leave our network.",
        "attorney-client emails",
        "psychiatric transcripts",
        "diagnoses from visit notes",
        "H.I.P.A.A. covered",
        "receipts may include card numbers",
        "special-category data under GDPR",
        "Wir verarbeiten Patientenakten",
        "dossiers médicaux",
        "historias clínicas",
    ],
)
def test_keep_on_site_and_regulated_categories(text, catalog):
    assert read_answer(text, EMPTY, catalog).changes.get("privacy") == "regulated"


@pytest.mark.parametrize("text", ["social security numbers and tax returns", "bank account details"])
def test_identity_numbers_and_money_records_ask_regulated_first(text, catalog):
    """Personal for sure, regulated by some readings: asked with regulated first, nothing lower written."""
    reading = read_answer(text, EMPTY, catalog)
    assert reading.changes.get("privacy") is None
    assert any("1) regulated" in q and "2) sensitive" in q for q in reading.ambiguous), reading.ambiguous


@pytest.mark.parametrize(
    "text",
    [
        "not anonymized patient records",
        "not sure if HIPAA applies",
        "I don't think it's regulated, but there are bank account numbers",
        "maybe, not sure whether PCI DSS covers us",
    ],
)
def test_negation_and_doubt_never_lower_a_class(text, catalog):
    assert read_answer(text, EMPTY, catalog).changes.get("privacy") == "regulated"


def test_a_plain_negation_still_counts(catalog):
    assert read_answer("no patient data, only published journals", EMPTY, catalog).changes["privacy"] == "public"


@pytest.mark.parametrize(
    "text",
    ["on-prem only", "the lab is air-gapped", "we can't use the cloud", "it must stay inside our hospital network"],
)
def test_keeping_data_in_asks_whether_it_is_regulated(text, catalog):
    """Where the data may go says nothing sure of what it is: regulated is asked, nothing lower written."""
    reading = read_answer(text, EMPTY, catalog)
    assert reading.changes.get("privacy") is None
    assert any("1) regulated" in q for q in reading.ambiguous), reading.ambiguous


def test_nothing_may_leave_is_not_no_hardware(catalog):
    reading = read_answer("Nothing may leave our network.", EMPTY, catalog, asked="hardware")
    assert reading.changes == {"data_boundary": "on_site"}
    assert "hardware" not in reading.declined
    assert "hardware" in read_answer("none", EMPTY, catalog, asked="hardware").declined


# ---- tokens: ratios, both ways, context ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6,000 tokens in and 800 out each", (6000, 800)),
        ("400 tokens each in and out", (400, 400)),
        ("8k context, 600 out", (8000, 600)),
        ("context 20k, output 1k", (20000, 1000)),
        ("2,000 tokens in total per request, 3:1 input to output", (1500, 500)),
        ("1k tokens of context. The ratio is about 4:1 in to out.", (1000, 250)),
        ("10k tokens each, short 300 token verdicts", (10000, 300)),
        ("150 tokens each, with output the same size", (150, 150)),
    ],
)
def test_tokens_per_request(text, expected, catalog):
    changes = read_answer(text, EMPTY, catalog).changes
    assert (changes["input_tokens_per_request"], changes["output_tokens_per_request"]) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50 million tokens a month, roughly 1:1 in to out", (25e6, 25e6)),
        ("about 900M tokens a month, 85% input", (765e6, 135e6)),
    ],
)
def test_monthly_tokens_split_by_a_ratio_or_share(text, expected, catalog):
    changes = read_answer(text, EMPTY, catalog).changes
    assert (changes["monthly_input_tokens"], changes["monthly_output_tokens"]) == pytest.approx(expected)


# ---- vague counts, unread numbers ----------------------------------------------------------------
def test_a_vague_count_is_offered_back_not_silently_taken(catalog):
    """A vague count is weak evidence: the value taken is offered back as a question, not written."""
    reading = read_answer("a few thousand documents a day", EMPTY, catalog)
    assert "requests_per_day" not in reading.changes
    assert reading.offers and "3,000" in reading.offers[0] and "'a few thousand'" in reading.offers[0]
    assert any(
        "1) 3,000 requests a day or 2) another figure?" in a and "'a few thousand'" in a for a in reading.ambiguous
    )
    yes = read_answer("yes", EMPTY, catalog, open_choices=reading.open_choices)
    assert yes.changes == {"requests_per_day": 3000}


def test_every_unused_number_is_named_back(catalog):
    """A number beside a rate that no reading used makes the rate a question, not a value: 350 notes
    a day in 12 languages may be 350 or 4,200 translations."""
    reading = read_answer("Our 200-bed hospital sends 350 notes a day in 12 languages", EMPTY, catalog)
    assert "requests_per_day" not in reading.changes
    assert [u.split()[0] for u in reading.unread] == ["200-bed", "12"]
    asked = "1) 350 requests a day or 2) another figure?"
    assert any(asked in a and "12 languages" in a for a in reading.ambiguous), reading.ambiguous
    assert reading.open_choices and reading.open_choices[0].fields == ["requests_per_day"]


def test_a_headcount_alone_is_the_team_size_not_unread(catalog):
    reading = read_answer("We're a 40-lawyer firm reviewing 800 contracts a day", EMPTY, catalog)
    assert reading.unread == []
    assert any("team's size" in n for n in reading.notes)


def test_words_are_tokens_at_the_catalogs_factor_and_not_requests(catalog):
    """Words are read as tokens (1.3 a word, catalog/reading.toml), never as a count of requests."""
    reading = read_answer("250k words a month to translate", EMPTY, catalog)
    assert "requests_per_day" not in reading.changes and reading.unread == []
    assert reading.changes["monthly_input_tokens"] == pytest.approx(250_000 * 1.3)


# ---- currencies ---------------------------------------------------------------------------------
def test_euro_and_pound_budgets_convert_at_the_catalog_rate(catalog):
    from advisor.interview.currency import rates

    eur, gbp = rates()["EUR"].usd_per_unit, rates()["GBP"].usd_per_unit
    reading = read_answer("Budget is €2,000 a month", EMPTY, catalog)
    assert reading.changes["budget_usd_per_month"] == pytest.approx(2000 * eur)
    assert any("EUR" in n and "as of" in n for n in reading.notes)
    assert read_answer("budget £500 per month", EMPTY, catalog).changes["budget_usd_per_month"] == pytest.approx(
        500 * gbp
    )
    kwh = read_answer("electricity here is 0,32 €/kWh", EMPTY, catalog).changes["electricity_usd_per_kwh"]
    assert kwh == pytest.approx(0.32 * eur)


@pytest.mark.parametrize(
    "text",
    [
        "Kanzlei: 1.200 Schriftsätze die Woche, Mandantendaten, vertraulich.",
        "Wir verarbeiten Kundendaten und personenbezogene Daten",
        "données clients confidentielles, 300 requêtes par jour",
        "datos personales de clientes, confidencial",
    ],
)
def test_confidential_client_data_in_other_languages_is_sensitive(text):
    """'confidential' and 'client data' are sensitive in English; their German, French and Spanish
    words are too (the Claude guard already withholds them; the reader must not call them unknown)."""
    from advisor.interview.privacy import read_privacy

    assert read_privacy(text).level == "sensitive"
