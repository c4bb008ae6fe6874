"""The user's language and currency: a session whose user writes German (French, Spanish) is
answered in it — the recommendation, its reasons, the questions, the report — with figures in the
currency they give amounts in, converted at the catalog's dated ECB rate, named once in the report.
The local model is asked to answer in that language, and the voice gate judges its German as it
judges English. `--lang` and `--currency` (or config) choose instead of the messages."""

from __future__ import annotations

from advisor.agent import TurnContext, run_turn
from advisor.cli import main
from advisor.events import TextChunk, TurnFinished
from advisor.state import SessionState
from advisor.voice import judge, plain_sentence
from tests.scripted import ScriptedModel, Step

GERMAN = (
    "Wir sind eine Kanzlei und erstellen ca. 1.200 Schriftsätze die Woche, je 8.000 Token rein und 1.500 raus."
    " Heute zahlen wir etwa 2.000 € im Monat für die API."
)
FRENCH = "Nous recevons environ 1 100 appels par mois, 2 000 jetons en entrée et 300 en sortie, données internes."
SPANISH = "Movemos unas 4.000 facturas al mes, 3.000 tokens de entrada y 500 de salida; son datos internos."
BRITISH = "We're a university: 3,000 requests a day, 2K tokens in and 400 out. Today we spend £3,500 a month."


def _answer(catalog, text: str, state: SessionState | None = None, **ctx) -> str:
    context = TurnContext(catalog=catalog, state=state or SessionState(), **ctx)
    events = list(run_turn(context, text))
    return next(e for e in events if isinstance(e, TurnFinished)).answer


def test_a_german_message_is_answered_in_german_with_euro_figures(catalog):
    state = SessionState()
    answer = _answer(catalog, GERMAN, state)
    assert state.lang == "de" and state.currency == "EUR"
    assert "**Empfehlung: " in answer and "€ im Monat" in answer and "$" not in answer.split("Annahmen")[0]
    assert "Welche Daten gehen hindurch" in answer  # the question, asked in German
    assert "Annahmen: kein Prompt-Caching" in answer  # the assumptions too
    again = _answer(catalog, "interne Daten", state)
    assert state.profile.privacy == "internal" and again.startswith(("Weiterhin", "**Jetzt", "_Gelesen"))


def test_french_and_spanish_are_answered_in_their_language(catalog):
    assert "**Recommandation : " in _answer(catalog, FRENCH) and " par mois" in _answer(catalog, FRENCH)
    assert "**Recomendación: " in _answer(catalog, SPANISH)


def test_pounds_stated_show_every_figure_in_pounds_in_english(catalog):
    state = SessionState()
    answer = _answer(catalog, BRITISH, state)
    assert state.lang == "en" and state.currency == "GBP"
    headline = next(line for line in answer.splitlines() if line.startswith("**Recommendation"))
    assert "£" in headline and "$" not in headline


def test_lang_and_currency_asked_for_beat_the_messages(catalog):
    answer = _answer(catalog, GERMAN, lang="fr", currency="GBP")
    assert "**Recommandation : " in answer and "£" in answer


def test_the_local_model_is_asked_to_answer_in_german_and_judged_in_german(catalog):
    model = ScriptedModel([Step(text="Danke, hier ist der Vergleich der Kosten für Ihre Schriftsätze. ")])
    context = TurnContext(catalog=catalog, state=SessionState(), local=model, mode="guided")
    events = list(run_turn(context, GERMAN))
    system = model.requests[0][0].content
    assert "Answer in German (Deutsch)" in system
    shown = "".join(e.text for e in events if isinstance(e, TextChunk))
    assert shown.startswith("Danke, hier ist der Vergleich der Kosten")


def test_the_gate_reads_german_figures_and_words():
    sources = [GERMAN, {"recommendation": {"deployment": "cloud"}, "options": []}]
    sentence = "Bei 1.200 Schriftsätzen die Woche lohnt sich die Cloud."
    assert judge(sentence, sources=sources, user_text=GERMAN, lang="de") is None
    assert "1.234,5" in (judge("Das kostet 1.234,5 € mehr.", sources=sources, user_text=GERMAN, lang="de") or "")
    assert "recommends local" in (
        judge("Ich empfehle lokal für Ihre Kosten.", sources=sources, user_text=GERMAN, lang="de") or ""
    )
    assert plain_sentence("compare", "de").startswith("So schneiden Cloud, lokal und hybrid")


def test_a_german_session_and_its_report_in_euros_with_the_rates_date(capsys):
    """`advisor ask` twice, then `advisor report`: German answers, euro figures, the rate once."""
    for text in (GERMAN, "interne Daten"):
        assert main(["ask", "--offline", "--local", "none", "--session", "kanzlei", text]) == 0
    out = capsys.readouterr().out
    assert "Empfehlung" in out and "€" in out
    assert main(["report", "--session", "kanzlei"]) == 0
    report = capsys.readouterr().out
    assert report.startswith("# Empfehlung zum Betrieb von LLMs — kanzlei")
    rate = "Beträge in EUR, umgerechnet aus US-Dollar zu 0,8951\xa0€ je Dollar"
    assert report.count(rate) == 1 and "vom 30. Oktober 2026" in report
    assert "## Verwendete Preise" in report and "€ |" in report


ITALIAN = "Buongiorno, vorremmo un assistente per i nostri negozi: quanto costa? I dati sono interni."
DUTCH = "Wat kost het om documenten voor Woo-verzoeken te laten lakken met AI? Data moet in NL blijven."
PORTUGUESE = "Queremos gerar resumo de avaliações por produto. Não precisa ser em tempo real, pode rodar de madrugada."
POLISH = "Ile kosztuje LLM do analizy maili od klientów i zakładania z nich zgłoszeń w systemie?"


def test_italian_dutch_portuguese_and_polish_are_asked_in_their_language(catalog):
    """First messages of the blind corpus's kind: too little to price, so the answer is the question
    for the volume — in the writer's language, not in English."""
    asked = {
        ITALIAN: ("it", "Quanto traffico è?"),
        DUTCH: ("nl", "Hoeveel verkeer is het?"),
        PORTUGUESE: ("pt", "Quanto tráfego é?"),
        POLISH: ("pl", "Jaki to ruch?"),
    }
    for text, (lang, question) in asked.items():
        state = SessionState()
        answer = _answer(catalog, text, state)
        assert state.lang == lang and question in answer, (lang, answer)


def test_every_language_words_the_recommendation(catalog):
    headlines = {"it": "**Raccomandazione: ", "nl": "**Advies: ", "pt": "**Recomendação: ", "pl": "**Rekomendacja: "}
    for lang, headline in headlines.items():
        answer = _answer(catalog, BRITISH, lang=lang, currency="EUR")
        assert headline in answer and "€" in answer and "Assuming" not in answer, (lang, answer)


def test_zloty_and_reais_stated_show_the_figures_in_them(catalog):
    polish = _answer(catalog, BRITISH, lang="pl", currency="PLN")
    assert "zł miesięcznie" in next(line for line in polish.splitlines() if line.startswith("**Rekomendacja"))
    state = SessionState()
    _answer(catalog, "Hoje pagamos uns R$ 45 mil por mês para a operação terceirizada.", state)
    assert state.currency == "BRL"
    brazilian = _answer(catalog, BRITISH, lang="pt", currency="BRL")
    assert "R$" in next(line for line in brazilian.splitlines() if line.startswith("**Recomendação"))


def test_the_privacy_classes_the_question_offers_are_read_in_each_language(catalog):
    """The interview's privacy question names its classes in the user's language; a reply with one of
    them sets it, and one negated sets nothing stricter ('niente di riservato')."""
    replies = {
        "internal": ("interni", "intern", "internos", "wewnętrzne"),
        "public": ("pubblici", "openbaar", "públicos", "publiczne", "Dati pubblici, niente di riservato."),
        "sensitive": ("riservati", "vertrouwelijk", "confidenciais", "poufne"),
        "regulated": ("regolamentati", "gereguleerd", "regulados", "regulowane"),
    }
    for level, texts in replies.items():
        for text in texts:
            state = SessionState()
            _answer(catalog, "Buongiorno, vorremmo un assistente per i nostri negozi: quanto costa?", state)
            _answer(catalog, text, state)
            assert state.profile.privacy == level, (text, state.profile.privacy)


def test_a_reading_asked_back_is_asked_in_the_session_language():
    """The arbiter's questions (a reading to confirm, readings to choose between, a choice still open)
    are composed of forms; each form is translated, the user's quotes kept as written and the counts as
    the locale writes them, and a form that would swallow another ('{n} requests a day' over '1) … or
    2) …') does not fit."""
    from advisor.text.words import Words

    german, polish = Words(lang="de"), Words(lang="pl")
    confirm = "'2.000 Meldungen': 1) ~2,000 requests a day or 2) another figure? (I didn't use '3')"
    assert german.phrase(confirm) == (
        "'2.000 Meldungen': 1) ~2.000 Anfragen am Tag oder 2) eine andere Zahl? ('3' habe ich nicht verwendet)"
    )
    busy = (
        "'5,000 a day in August': 1) 5,000 requests a day or 2) another figure? (a busy time — maybe not the usual"
        " volume)"
    )
    assert german.phrase(busy) == (
        "'5,000 a day in August': 1) 5.000 Anfragen am Tag oder 2) eine andere Zahl? (eine Stoßzeit — vielleicht nicht"
        " das übliche Volumen)"
    )
    replace = "'900 a day': 1) 900 requests a day instead, or 2) keep 1,200 as you set it?"
    assert Words(lang="fr").phrase(replace) == (
        "'900 a day' : 1) plutôt 900 requêtes par jour, ou 2) garder 1\u202f200 comme vous l’avez fixé ?"
    )
    choose = "'500 am Tag' … '3.500 im Monat': 1) 500 requests a day or 2) ~117 requests a day?"
    assert german.phrase(choose) == (
        "'500 am Tag' … '3.500 im Monat': 1) 500 Anfragen am Tag oder 2) ~117 Anfragen am Tag?"
    )
    assert polish.phrase("still open from before — 1) 500 requests a day or 2) keep 300?") == (
        "wciąż otwarte — 1) 500 zapytań dziennie czy 2) zostawić 300?"
    )
    assert german.phrase("took the first token count as input and the second as output") == (
        "die erste Token-Zahl als Eingabe genommen und die zweite als Ausgabe"
    )
    unknown = "something the forms do not know and the rest"
    assert german.phrase(unknown) == unknown


def test_where_the_data_goes_is_said_in_the_session_language(catalog):
    """The boundary's basis, each offering's verdict and the report's section in German; names,
    regions and sources as the catalog writes them."""
    state = SessionState()
    answer = _answer(
        catalog,
        "Wir sind eine Krankenkasse: etwa 2.000 Anfragen pro Tag, je 3.000 Token rein und 400 raus. Gesundheitsdaten,"
        " die Daten dürfen die EU nicht verlassen. Wir haben einen AVV mit Mistral. Keine Hardware.",
        state,
    )
    assert "🔒 **Wohin die Daten gehen** — Nur Angebote innerhalb von einem AVV mit Mistral" in answer
    assert "bei Mistral La Plateforme: setzt voraus: Ihr AVV mit Mistral" in answer
    assert "nicht mit Groq — ein DPA mit Groq wäre nötig" in answer
    for english in ("Where the data goes", "Only offerings", "requires ", "would be needed", "no source says"):
        assert english not in answer, english


def test_regions_in_where_the_data_goes_are_named_in_the_session_language():
    """A region in a boundary sentence is the reader's name for it, as it reads after the form's 'in'
    ('in der Europäischen Union', 'en Chine', 'w Unii Europejskiej'); a name the catalogs lack stays."""
    from advisor.text.words import Words

    ruled_out = "not processed in the European Union — it runs in China (api.deepseek.com) (https://example.invalid)"
    assert Words(lang="de").phrase(ruled_out) == (
        "nicht in der Europäischen Union verarbeitet — läuft in China (api.deepseek.com) (https://example.invalid)"
    )
    assert Words(lang="fr").phrase(ruled_out) == (
        "pas traité dans l’Union européenne — il tourne en Chine (api.deepseek.com) (https://example.invalid)"
    )
    assert Words(lang="pl").phrase("processing in the European Union") == "przetwarzanie w Unii Europejskiej"
    either = "which region must the data stay in: Germany or Switzerland?"
    assert (
        Words(lang="de").phrase(either)
        == "in welcher Region müssen die Daten bleiben: in Deutschland oder der Schweiz?"
    )
    assert Words(lang="nl").phrase("processing in Atlantis") == "verwerking in Atlantis"


def test_what_the_reader_read_and_asks_is_said_in_the_session_language(catalog):
    """The read lines (field, value, how it was worked out), the notes and the questions the reading
    raises: in German for a German session, not English beside German."""
    state = SessionState()
    answer = _answer(
        catalog,
        "Wir wollen Schadensmeldungen zusammenfassen lassen: etwa 2.000 Meldungen pro Tag, je 10 Seiten rein und"
        " 300 Wörter raus. Heute zahlen wir 3.500 € im Monat.",
        state,
    )
    read = [line for line in answer.splitlines() if line.startswith("_Gelesen:_")]
    assert any("Anfragen pro Tag: 2.000" in line and "ein Tausenderpunkt" in line for line in read), read
    assert any("eine Seite mit etwa 500 Wörtern" in line and "1,3 Token je Wort" in line for line in read), read
    # (main's 5bb5b92 reads a size's side from its words, so the 'took the first … as input' note is gone)
    assert "habe ich nicht verwendet — was zählt das" in answer
    for english in ("a page of", "a dot between", "took the first", "I didn't use", " und the "):
        assert english not in answer, english


def test_a_read_line_names_its_field_as_the_profile_does(catalog):
    """One name a field in a session's language: the read line's is the /profile table's
    (Words.field_name), the current spend too."""
    from advisor.text.words import Words

    answer = _answer(catalog, GERMAN)
    read = [line for line in answer.splitlines() if line.startswith("_Gelesen:_")]
    names = {line.removeprefix("_Gelesen:_ ").split(": ")[0] for line in read}
    german = Words(lang="de")
    fields = ("requests_per_day", "input_tokens_per_request", "current_spend_usd_per_month")
    assert {german.field_name(f) for f in fields} <= names, read
    assert "Anfragen pro Tag" in names and "heutige Ausgaben pro Monat" in names, names


def test_french_sets_a_space_before_the_colon_of_a_read_line_and_the_assumptions(catalog):
    """French typography: 'jetons de sortie par requête : 300', 'Hypothèses : …' (a space before the
    colon), as the French messages already write it ('Lu :', 'Recommandation :')."""
    answer = _answer(catalog, FRENCH)
    read = [line for line in answer.splitlines() if line.startswith("_Lu :_")]
    assert any("requêtes par jour : " in line for line in read), read
    assert all(" : " in line.removeprefix("_Lu :_ ") for line in read), read
    assert "Hypothèses : " in answer and "Hypothèses:" not in answer


def test_a_reading_asked_back_is_one_numbered_question_in_the_session_language(catalog):
    """A busy-season volume in a German session: one question, in German, with numbered choices —
    not the volume question beside it — and '1' takes the reading."""
    state = SessionState()
    answer = _answer(catalog, "Im August kommen 5.000 Tickets am Tag, je 2.000 Token rein und 300 raus.", state)
    asked = [line for line in answer.splitlines() if line.startswith("❓")]
    assert asked == [
        "❓ '5.000 Tickets am Tag': 1) 5.000 Anfragen am Tag oder 2) eine andere Zahl? (eine Stoßzeit — vielleicht"
        " nicht das übliche Volumen)"
    ], answer
    assert "Wie viel Verkehr" not in answer and "say yes" not in answer
    _answer(catalog, "1", state)
    assert state.profile.requests_per_day == 5000


def test_the_short_answers_a_question_offers_are_read_in_each_language(catalog):
    """'Say none and I compare what to buy', 'Don't know uses …': the words the translated questions
    offer ('keine', 'nessuno', 'weet niet', 'nie wiem') answer them."""
    first = "We triage 3,000 tickets a day, 2K tokens in and 300 out each, internal data."
    for none, unknown in (
        ("keine", "weiß nicht"),
        ("nessuno", "non so"),
        ("geen", "weet niet"),
        ("nenhum", "não sei"),
        ("żaden", "nie wiem"),
        ("aucun", "je ne sais pas"),
        ("ninguno", "no sé"),
    ):
        state = SessionState()
        _answer(catalog, first, state)
        assert state.asked == "hardware", state.asked
        _answer(catalog, none, state)
        assert "hardware" in state.declined and state.asked == "electricity_usd_per_kwh", (none, state.asked)
        _answer(catalog, unknown, state)
        assert state.asked != "electricity_usd_per_kwh", (unknown, state.asked)


def test_set_lang_changes_the_language_of_a_session_started_with_lang():
    """`advisor --lang de`, then `/set lang fr`: the session answers in French from then on (the flag
    chose the start, /set the rest), and the confirmation says what it spoke before."""
    from advisor.config import load_config
    from advisor.session import Session

    session = Session.open(load_config(local="none", offline=True, lang="de"), new=True)
    assert session.set_field("lang", "fr") == {"lang": ["de", "fr"]}
    assert session.words().lang == "fr"
    answer = next(e.answer for e in session.turn(FRENCH) if isinstance(e, TurnFinished))
    assert "**Recommandation : " in answer, answer


def test_have_it_or_buy_it_is_asked_with_numbered_choices_in_the_session_language(catalog):
    """A card named with no word of having or buying it: one German question, numbered; '2' buys it."""
    state = SessionState()
    answer = _answer(catalog, "3.000 Tickets am Tag, 2.000 Token rein und 300 raus, die 4090", state)
    assert "❓ '4090' (rtx-4090-24gb): 1) Hardware, die Sie schon haben, oder 2) Hardware zum Kaufen?" in answer
    picked = _answer(catalog, "2", state)
    assert state.profile.hardware == "rtx-4090-24gb" and state.profile.owned_hardware is None
    assert "rtx-4090-24gb, zum Kaufen" in picked


def test_a_clock_range_beside_around_the_clock_is_asked_and_reminded_in_german(catalog):
    """'rund um die Uhr, aber die meisten Anfragen kommen 8-16 Uhr': the window is asked with numbered
    choices in German, and asked again in German when the next answer leaves it open."""
    state = SessionState()
    first = _answer(
        catalog,
        "Wir haben 500 Anfragen am Tag, je 2.000 Token rein und 300 raus. Das System läuft rund um die Uhr, aber die"
        " meisten Anfragen kommen 8-16 Uhr.",
        state,
    )
    asked = [line for line in first.splitlines() if line.startswith("❓")]
    assert asked and "2) jede Stunde des Tages?" in asked[0], asked
    again = _answer(catalog, "interne Daten", state)
    reminded = [line for line in again.splitlines() if line.startswith("❓")]
    assert reminded and reminded[0].startswith("❓ noch offen von vorhin — 1) Verkehrsstunden"), reminded
    for english in ("every hour", "still open", "traffic hours"):
        assert english not in first + again, english


def test_the_serving_stacks_are_named_in_the_session_language(catalog):
    """How replicas are served across machines: '… oder LiteLLM proxy (ohne Kubernetes) oder … (auf
    Kubernetes)', not '(without Kubernetes), or …' beside German; the stacks' own names stay."""
    from advisor.text.reasons import reason_text
    from advisor.text.words import Words
    from advisor.tools.fleet import fleet_reason, stacks_for

    for boxes in (1, 2):  # one machine: the plain router first; several: the cluster scheduler first
        reason = fleet_reason(16, 1, boxes, 64, stacks_for(catalog, "vllm"), "hgx-h100-8gpu")
        german = reason_text(reason, Words(lang="de"))
        assert "(ohne Kubernetes)" in german and "(auf Kubernetes)" in german, german
        assert "LiteLLM proxy" in german and " or " not in german and "without" not in german, german
        french = reason_text(reason, Words(lang="fr"))
        assert "(sans Kubernetes)" in french and " or " not in french, french


def test_a_currency_with_no_rate_is_noted_in_french_naming_the_dollars_it_wants(catalog):
    """'1 200 dollars canadiens': the catalog has no CAD rate, so the note asks for the figure in US
    dollars (not 'dollars', which the user just gave), in French."""
    answer = _answer(
        catalog,
        "Nous traitons 600 courriers par jour, 2 000 jetons en entrée et 300 en sortie. Budget : 1 200 dollars"
        " canadiens par mois.",
    )
    note = [line for line in answer.splitlines() if "CAD" in line]
    assert note and "une devise pour laquelle le catalogue n’a pas de taux de change" in note[0], note
    assert "en dollars américains, en euros ou en livres" in note[0] and "which" not in note[0], note
