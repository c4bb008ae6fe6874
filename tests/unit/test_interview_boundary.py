"""The data boundary read from what people write (advisor/interview/boundary.py): a BAA or DPA and
who it is with, zero retention, a region, on-site, anywhere — in English, German, French and Spanish —
and doubt or denial holding nothing back as a value. Then the same through the reader and a session:
a regulated profile with no boundary asks where the data may go before any cloud is recommended."""

from __future__ import annotations

import pytest

from advisor.interview import next_question, read_answer
from advisor.interview.boundary import read_boundary
from advisor.tools.profile import WorkloadProfile

EMPTY = WorkloadProfile()


def strong(text: str, catalog, asked: str | None = None) -> dict:
    """field → value of the firm findings (the last one of a field wins, as the reader applies them)."""
    return {f.field: f.value for f in read_boundary(text, catalog, asked, original=text) if f.strength == "strong"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We have a signed BAA with Anthropic and AWS Bedrock with zero data retention",
            {"agreement": "baa", "contract": ["anthropic", "aws"], "zero_retention": True},
        ),
        ("PHI, HIPAA-eligible Bedrock only", {"agreement": "baa", "contract": ["aws"]}),
        ("our AWS BAA covers it", {"agreement": "baa", "contract": ["aws"]}),
        ("ZDR is on for us", {"zero_retention": True}),
        ("EU region only", {"region": "eu"}),
        ("The data must stay in Germany", {"region": "de"}),
        ("US only please", {"region": "us"}),
        ("Cloud ist ok, aber nur in einer EU-Region", {"data_boundary": "any", "region": "eu"}),
        ("Daten dürfen die EU nicht verlassen", {"region": "eu"}),
        (
            "AVV mit AWS unterschrieben, keine Datenspeicherung",
            {"agreement": "dpa", "contract": ["aws"], "zero_retention": True},
        ),
        (
            "DPA signé avec Mistral, données hébergées en France uniquement",
            {"agreement": "dpa", "contract": ["mistral"], "region": "fr"},
        ),
        (
            "Tenemos un DPA con Mistral y los datos deben permanecer en la UE",
            {"agreement": "dpa", "contract": ["mistral"], "region": "eu"},
        ),
        ("AVV/DPA signed", {"agreement": "dpa"}),
        ("no cloud at all", {"data_boundary": "on_site"}),
        ("nothing may leave our network", {"data_boundary": "on_site"}),
        ("pas de cloud, tout reste chez nous", {"data_boundary": "on_site"}),
        ("the cloud is fine, any provider", {"data_boundary": "any"}),
    ],
)
def test_reads_where_the_data_may_go(text, expected, catalog):
    assert strong(text, catalog) == expected


@pytest.mark.parametrize(
    "text",
    [
        "not sure we have a BAA with AWS",
        "we don't have a BAA",
        "kein AVV mit AWS",
        "no DPA with anyone yet",
        "sin DPA con Mistral",
        "it doesn't have to stay on-prem",
        "there is no EU residency requirement",
        "Just let us know, the data can only be used by us",
        "Our US customers send 5,000 requests a day",
        "we are planning to sign a BAA with Google",
    ],
)
def test_doubt_and_denial_hold_no_value(text, catalog):
    assert strong(text, catalog) == {}


def test_a_bare_answer_to_the_boundary_question(catalog):
    assert strong("own hardware", catalog, asked="data_boundary") == {"data_boundary": "on_site"}
    assert strong("EU", catalog, asked="data_boundary") == {"region": "eu"}
    assert strong("anywhere", catalog, asked="data_boundary") == {"data_boundary": "any"}
    assert strong("EU", catalog) == {}  # not asked: a region's name alone is no constraint


def test_the_reader_sets_the_hospital_boundary_and_prices_no_model_from_its_partners(catalog):
    text = (
        "PHI, but we have a signed BAA with Anthropic and AWS Bedrock with zero data retention — is cloud under"
        " the BAA allowed, and cheaper than buying GPUs? 5,000 requests a day, 2K in, 300 out"
    )
    reading = read_answer(text, EMPTY, catalog)
    changes = reading.changes
    assert changes["privacy"] == "regulated" and changes["data_boundary"] == "contract"
    assert changes["contract"] == ["anthropic", "aws"] and changes["agreement"] == "baa"
    assert changes["zero_retention"] is True
    assert "cloud_model" not in changes and not reading.ambiguous  # "Anthropic" is a party, not a model
    assert any("as a BAA with Anthropic and AWS" in n for n in reading.notes)


def test_the_reader_keeps_the_insurer_in_the_eu(catalog):
    reading = read_answer("Cloud ist ok, aber nur in einer EU-Region.", EMPTY, catalog)
    assert reading.changes["data_boundary"] == "region" and reading.changes["region"] == "eu"
    reading = read_answer("Daten dürfen die EU nicht verlassen.", EMPTY, catalog)
    assert reading.changes["region"] == "eu" and reading.changes["data_boundary"] == "region"


def test_doubt_is_said_back_and_sets_nothing(catalog):
    reading = read_answer("patient notes; not sure we have a BAA with AWS", EMPTY, catalog)
    assert reading.changes == {"privacy": "regulated"}
    assert any("said in doubt" in n for n in reading.notes)


def test_an_agreement_with_no_party_keeps_the_providers_who_sign_one_and_asks_who(catalog):
    reading = read_answer("PHI — cannot go to any vendor without a signed BAA", EMPTY, catalog)
    assert reading.changes == {"privacy": "regulated", "agreement": "baa", "data_boundary": "contract"}
    assert any("say who you have one with" in n for n in reading.notes)


def test_without_an_agreement_is_a_lack_unless_a_denial_comes_first(catalog):
    assert "agreement" not in read_answer("patient notes; we work without a BAA today", EMPTY, catalog).changes
    assert read_answer("Kundendaten: nichts geht raus ohne AVV", EMPTY, catalog).changes.get("agreement") == "dpa"


def test_a_regulated_profile_with_no_boundary_asks_where_the_data_may_go_first(catalog):
    profile = WorkloadProfile(requests_per_day=5000, input_tokens_per_request=2000, privacy="regulated")
    assert next_question(profile).field == "data_boundary"
    for settled in (dict(data_boundary="on_site"), dict(contract=["aws"]), dict(region="eu")):
        assert next_question(profile.model_copy(update=settled)).field != "data_boundary"
    assert next_question(profile.model_copy(update={"privacy": "internal"})).field != "data_boundary"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cloud is ok as long as it stays on Bedrock in us-east-1", ["aws"]),
        ("Kundendaten, nur über Azure", ["microsoft"]),
        ("uniquement chez Mistral", ["mistral"]),
        ("solo con Mistral", ["mistral"]),
        ("We have a DPA with Anthropic. Would rather not add more vendors but AWS is fine", ["anthropic", "aws"]),
    ],
)
def test_a_party_the_data_may_go_to_is_a_contract_with_it(text, expected, catalog):
    reading = read_answer(text, EMPTY, catalog)
    assert reading.changes["contract"] == expected and reading.changes["data_boundary"] == "contract"


def test_a_party_accepted_with_no_agreement_is_checked_as_a_dpa_and_says_so(catalog):
    reading = read_answer("only via Azure", EMPTY, catalog)
    assert "agreement" not in reading.changes
    assert any("a contract with Microsoft (checked as a DPA: say so if it is a BAA)" in n for n in reading.notes)


@pytest.mark.parametrize(
    "text",
    [
        "Groq is fine for public data",  # allows a provider; bars no other
        "AWS is not fine",
        "not sure AWS is fine",
        "je sais pas si on a un DPA avec Mistral",
        "our legal team refuses a BAA with Google",
    ],
)
def test_a_party_merely_allowed_doubted_or_refused_is_no_contract(text, catalog):
    assert "contract" not in read_answer(text, EMPTY, catalog).changes


def test_the_spanish_and_french_names_of_a_dpa_and_a_german_would_have(catalog):
    spanish = "Si el proveedor tiene los servidores en la UE y firmamos el contrato de encargado de tratamiento, sí."
    assert strong(spanish, catalog).get("agreement") == "dpa"
    french = "Cloud possible uniquement si hébergé en Suisse avec contrat."
    assert strong(french, catalog) == {"agreement": "dpa", "region": "ch"}
    german = "Azure in der EU mit DPA hätten wir, aber die Rechtsabteilung sagt nein. Also lokal, auf dem Server."
    reading = read_answer(german, EMPTY, catalog)
    assert reading.changes.get("data_boundary") == "on_site" and "contract" not in reading.changes


def test_an_aws_region_code_names_its_country(catalog):
    text = "cloud is ok as long as it stays on Bedrock in us-east-1"
    reading = read_answer(text, EMPTY, catalog)
    assert reading.changes["region"] == "us" and reading.changes["contract"] == ["aws"]
    assert any("read 'us-east-1' as: the data is processed in the United States only" in n for n in reading.notes)
    assert strong("Data must stay in eu-central-1", catalog) == {"region": "de"}
    assert strong("we're already on AWS ap-southeast-1", catalog) == {}  # no region the catalog knows, no cue
    assert strong("our servers are in us-east-1", catalog) == {}  # where they are, not where data must stay


def test_a_doubt_is_said_back_with_an_example_of_its_own_kind(catalog):
    notes = read_answer("ideally EU region only", EMPTY, catalog).notes
    assert any("said in doubt" in n and "(e.g. 'EU region only')" in n for n in notes), notes
    notes = read_answer("not sure we have a BAA with AWS", EMPTY, catalog).notes
    assert any("(e.g. 'we have a BAA with AWS')" in n for n in notes), notes


def test_hosting_cues_a_region_and_a_french_non_denies_one(catalog):
    assert strong("Données clients, hébergement UE obligatoire.", catalog) == {"region": "eu"}
    assert strong("Données confidentielles, hébergement en Suisse obligatoire.", catalog) == {"region": "ch"}
    assert strong("Azure non, même en région France, la conformité bloque.", catalog) == {}
    assert strong("Een verwerkersovereenkomst is getekend.", catalog) == {"agreement": "dpa"}


@pytest.mark.parametrize(
    "text",
    [
        "On a un DPA avec Mistral je crois, à vérifier.",
        "We have a BAA with AWS I think",
        "Wir haben einen AVV mit AWS, glaube ich",
        "Creo que tenemos un DPA con Mistral",
    ],
)
def test_i_think_and_to_be_checked_are_doubt(text, catalog):
    assert not any(f.strength == "strong" for f in read_boundary(text, catalog, original=text))


@pytest.mark.parametrize(
    "text",
    [
        "What's a BAA? We are a small law office.",
        "Cosa vuol dire DPA? Se è legale va bene.",
        "C'est quoi un DPA ? On a juste un contrat avec OVH.",
    ],
)
def test_an_agreement_asked_about_is_not_held(text, catalog):
    assert not {"agreement", "contract"} & set(strong(text, catalog))


def test_a_german_av_contract_is_a_dpa(catalog):
    assert strong("Wir haben einen AV-Vertrag, also ginge die Cloud.", catalog).get("agreement") == "dpa"


@pytest.mark.parametrize(
    "text", ["Wir haben einen AVV mit AWS, denke ich.", "Als er een verwerkersovereenkomst is, misschien."]
)
def test_more_words_of_doubt(text, catalog):
    assert "agreement" not in strong(text, catalog)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Compliance approved Gemini in region europe-west3.", "de"),
        ("Only on Azure, and the data stays in germanywestcentral.", "de"),
    ],
)
def test_a_cloud_region_name_names_its_country(text, region, catalog):
    assert read_answer(text, EMPTY, catalog).changes.get("region") == region


def test_regions_named_as_examples_of_a_larger_one_are_examples(catalog):
    text = "OK with a DPA if the servers stay in the EU (Frankfurt, Ireland, wherever)."
    assert read_answer(text, EMPTY, catalog).changes.get("region") == "eu"


def test_europe_is_read_as_the_eu_and_said_so(catalog):
    reading = read_answer("The data must stay in Europe.", EMPTY, catalog)
    assert reading.changes.get("region") == "eu"
    assert any("European Union" in n and "Switzerland" in n for n in reading.notes), reading.notes


def test_a_list_of_parties_before_an_agreement_is_all_of_them(catalog):
    text = "customers are fine with anthropic/openai under our DPA"
    assert strong(text, catalog).get("contract") == ["anthropic", "openai"]


@pytest.mark.parametrize(
    "text",
    [
        "Os clientes exigem que os dados fiquem na UE.",
        "Mogą iść do chmury ale tylko w UE.",
    ],
)
def test_staying_in_a_region_in_more_languages(text, catalog):
    assert strong(text, catalog, None).get("region") == "eu"


@pytest.mark.parametrize(
    "text",
    [
        "Wir sind 18 Leute, der Code bleibt intern.",
        "Volgens onze privacy officer moet het binnen de organisatie blijven.",
        "I dati dei pazienti devono restare in farmacia.",
        "Dane nie mogą wyjść poza bank.",
    ],
)
def test_keeping_the_data_in_in_more_languages_is_on_site(text, catalog):
    assert read_answer(text, EMPTY, catalog).changes.get("data_boundary") == "on_site"


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Azure OpenAI gpt-4o under our MSFT BAA today.", "microsoft"),
        ("Unsere DSB hat Azure in Frankfurt mit AVV freigegeben.", "microsoft"),
        ("Bedrock in eu-west-1 under our BAA.", "aws"),
    ],
)
def test_a_party_before_its_agreement_through_a_place_or_a_short_name(text, party, catalog):
    assert strong(text, catalog).get("contract") == [party]


@pytest.mark.parametrize(
    "text", ["It has to work fully offline, no internet at all.", "The control room has no internet access."]
)
def test_no_internet_keeps_the_data_on_site(text, catalog):
    reading = read_answer(text, EMPTY, catalog)
    assert reading.changes.get("offline_required") is True
    assert reading.changes.get("data_boundary") == "on_site"
