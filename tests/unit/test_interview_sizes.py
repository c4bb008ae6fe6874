"""Sizes in words and pages (issue 20): which side a size is on is read from the words around it —
what goes in ("the file", "la entrada"), what comes out ("the summary", "was rauskommt") — and
asked when nothing says it; a page counted by the message's own words ("a page has about 400
words") is counted so; "a page is plain text" is no size; a "yes" answers the last question asked."""

from __future__ import annotations

import pytest

from advisor.interview.reader import read_answer
from advisor.tools.profile import WorkloadProfile

EMPTY = WorkloadProfile()
IN, OUT = "input_tokens_per_request", "output_tokens_per_request"


def _offered(reading, name):
    return [o.changes.get(name) for c in reading.open_choices if name in c.fields for o in c.options]


def test_two_page_sizes_with_no_side_named_are_asked(catalog):
    reading = read_answer("Around 40 of them a week; 12 pages, and 3 pages.", EMPTY, catalog)
    assert IN not in reading.changes and OUT not in reading.changes
    assert _offered(reading, IN) or _offered(reading, OUT)


@pytest.mark.parametrize(
    ("text", "size_in", "size_out"),
    [
        ("Wir schreiben Entwürfe von etwa 2 Seiten; die zugrunde liegende Akte hat meist 120 Seiten.", 78000, 1300),
        ("O rascunho sai com 2 páginas, e a entrada é uma tabela de 4 páginas.", 2600, 1300),
        ("Un dossier fait 30 pages, la synthèse 1 page.", 19500, 650),
    ],
)
def test_the_side_of_a_page_size_is_read_from_its_words(catalog, text, size_in, size_out):
    reading = read_answer(text, EMPTY, catalog)
    assert reading.changes[IN] == pytest.approx(size_in)
    assert reading.changes[OUT] == pytest.approx(size_out)


def test_a_size_answering_the_token_question_with_no_side_is_asked(catalog):
    reading = read_answer("no idea, maybe 12 pages", EMPTY, catalog, asked=IN)
    assert IN not in reading.changes and OUT not in reading.changes


def test_a_size_with_the_output_named_after_it_in_its_sentence_is_the_input(catalog):
    reading = read_answer("A case file is maybe 600-900 words, the summary a short list.", EMPTY, catalog, asked=IN)
    assert reading.changes[IN] == pytest.approx(975)


def test_a_page_as_the_subject_is_no_size(catalog):
    reading = read_answer("Een pagina is vol tekst, zonder plaatjes.", EMPTY, catalog, asked=IN)
    assert IN not in reading.changes and not _offered(reading, IN)


def test_a_page_counted_in_the_message_s_own_words_is_counted_so(catalog):
    reading = read_answer(
        "Eine Seite hat etwa 400 Wörter. Was rauskommt, ist ungefähr 3 Seiten.", EMPTY, catalog, asked=OUT
    )
    assert reading.changes[OUT] == pytest.approx(3 * 400 * 1.3)


def test_a_yes_to_another_question_does_not_confirm_a_pending_size(catalog):
    pending = read_answer("Around 40 of them a week; 12 pages, and 3 pages.", EMPTY, catalog)
    assert pending.open_choices
    other = read_answer(
        "Ja, ein Server mit zwei GPUs.", EMPTY, catalog, asked="hardware", open_choices=pending.open_choices
    )
    assert IN not in other.changes and OUT not in other.changes
    same = read_answer("yes", EMPTY, catalog, asked=IN, open_choices=pending.open_choices)
    assert same.changes.get(IN) == pytest.approx(7800)


def test_two_sizes_the_words_put_on_one_side_are_asked_not_one_lost(catalog):
    """'summary' before both: the words do not tell the sides apart — asked, and neither size dropped."""
    reading = read_answer("Each summary reads 15-25 pages and writes about 1.5 pages.", EMPTY, catalog)
    assert IN not in reading.changes and OUT not in reading.changes
    offered = [*_offered(reading, IN), *_offered(reading, OUT)]
    assert pytest.approx(13000) in offered and pytest.approx(975) in offered


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Each document is between 5,000 and 7,000 words.", 7800),
        ("Chaque dossier fait entre 5 000 et 7 000 mots.", 7800),
        ("Jedes Dokument hat zwischen 3 und 5 Seiten.", 2600),
    ],
)
def test_between_a_and_b_is_a_range_in_every_language(catalog, text, tokens):
    reading = read_answer(text, EMPTY, catalog, asked=IN)
    assert reading.changes[IN] == pytest.approx(tokens)


def test_tokens_last_month_are_that_month_s_total_not_one_request(catalog):
    reading = read_answer(
        "The console says ~4.1B input tokens last month and like 60M output.", EMPTY, catalog, asked=IN
    )
    assert IN not in reading.changes and OUT not in reading.changes
    assert reading.changes["monthly_input_tokens"] == pytest.approx(4.1e9)
    assert reading.changes["monthly_output_tokens"] == pytest.approx(6e7)


@pytest.mark.parametrize(
    "text",
    [
        "Messages are usually 150 words, but we'd pass in the problem list and the last visit note too.",
        "Eine Anfrage ist meist eine Seite. Dazu kämen noch Auszüge aus dem Konto.",
    ],
)
def test_an_input_size_with_more_going_in_beside_it_is_asked(catalog, text):
    reading = read_answer(text, EMPTY, catalog, asked=IN)
    assert IN not in reading.changes
    assert _offered(reading, IN)


def test_a_later_figure_that_holds_it_all_is_the_input(catalog):
    text = "System prompt is big, ~3k tokens, plus chat history. So maybe 4k in, 300 out."
    assert read_answer(text, EMPTY, catalog, asked=IN).changes[IN] == pytest.approx(4000)


@pytest.mark.parametrize(
    ("text", "size_in", "size_out"),
    [
        ("Wir haben 200 Verträge am Tag, je 10 Seiten rein und 300 Wörter raus.", 6500, 390),
        ("Ongeveer 80 per dag, 4 pagina's erin en 200 woorden eruit.", 2600, 260),
    ],
)
def test_a_side_word_right_after_a_size_is_that_sizes_side(catalog, text, size_in, size_out):
    """The word after '10 Seiten' says its side; 'rein' before '300 Wörter' is not theirs (both were
    read the wrong way round: 390 in, 6,500 out)."""
    reading = read_answer(text, EMPTY, catalog)
    assert reading.changes[IN] == pytest.approx(size_in)
    assert reading.changes[OUT] == pytest.approx(size_out)
