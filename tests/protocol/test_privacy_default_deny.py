"""Claude gets structure, not words: whatever the user types, Claude is sent the typed profile, the
tools' results and a request restated from a template — and the user's own words only for one
message the user asked for (`/escalate --with-my-words`), saw, and confirmed; never offline, never
for regulated data, never when the guard finds sensitive data in them.

Whole sessions (`--local none`) escalate to a loopback server speaking Anthropic's Messages API
(tests/loopback.py) through the real `anthropic` SDK; the assertions are on the bytes it receives.
The texts are the probe of issue 26 and the corpus (tests/privacy_corpus.py), in every way a turn
can carry them: the first message, after "public data", after "internal", an earlier turn, the
question of `/escalate`, a `/set` value, a value written into the saved state."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from functools import lru_cache
from importlib import resources

import pytest

from advisor.config import load_config
from advisor.errors import UsageError
from advisor.escalation.consent import Consent
from advisor.escalation.payload import typed_profile
from advisor.escalation.privacy_guard import sensitive_mentions
from advisor.events import Escalated, Notice
from advisor.paths import data_dir, db_path
from advisor.session import Session
from advisor.tools.profile import PRIVACY_LEVELS
from tests.loopback import claude_message, loopback
from tests.privacy_corpus import CLEAR, HELD_OUT, PROBE, TUNED

VOLUME = "About 2,000 a day, 1,500 tokens in and 400 out."
MEMO = "Write the final memo for our board."
PUBLIC_FIRST = "We handle 2,000 requests a day, 1,500 tokens in and 400 out, public data."
INTERNAL_FIRST = "We handle 2,000 requests a day, 1,500 tokens in and 400 out, internal data only."
TEXT_FIELDS = (
    "cloud_model",
    "hardware",
    "owned_hardware",
    "local_model",
    "serving_engine",
    "privacy",
    "routine_tier",
    "hard_tier",
)


def _tokens(text: str) -> set[str]:
    """Distinctive pieces of a text as it reads: words of four letters or more and runs of three
    digits or more, after NFKC with invisible characters dropped."""
    text = "".join(ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch) != "Cf").lower()
    return set(re.findall(r"[^\W\d_]{4,}", text)) | set(re.findall(r"\d{3,}", text))


@lru_cache(maxsize=1)
def _shipped_vocabulary() -> frozenset[str]:
    """Every token of the advisor's own prompts and catalog: what a request may say by itself."""
    found: set[str] = set()
    for package in ("advisor.prompts", "advisor.catalog"):
        for entry in resources.files(package).iterdir():
            if entry.name.endswith((".md", ".toml")):
                found |= _tokens(entry.read_text(encoding="utf-8"))
    return frozenset(found)


@pytest.fixture
def messages_api(monkeypatch):
    with loopback({"/v1/messages": [claude_message("Memo: go local.")]}) as (url, recorder):
        monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-a-real-key")
        yield recorder


def _bodies(recorder) -> str:
    return " ".join(json.dumps(r["body"], ensure_ascii=False) for r in recorder.requests if r["body"])


def _session(**config) -> Session:
    """A new session. The team has a BAA with Anthropic, so its data boundary lets the advisor call
    Claude at all (with no boundary, regulated data keeps even the advisor's own call home:
    tests/protocol/test_claude_platform.py); what reaches Claude is then the payload's alone."""
    session = Session.open(load_config(local="none", budget_usd=100, **config), new=True)
    session.set_field("contract", "anthropic")
    session.set_field("agreement", "baa")
    return session


def _run(turns: list[str], escalate_last: bool = False) -> list:
    session = _session()
    events = []
    for i, text in enumerate(turns):
        events += list(session.turn(text, escalate=escalate_last and i == len(turns) - 1))
    session.close()
    return events


MODES = {
    "the first message": ([], "{text}. " + VOLUME + " " + MEMO, False),
    "said public, then the text": ([PUBLIC_FIRST], "{text}. " + MEMO, False),
    "said internal, then the text": ([INTERNAL_FIRST], "{text}. " + MEMO, False),
    "an earlier turn": (["{text}", VOLUME], MEMO, False),
    "the question of /escalate": ([PUBLIC_FIRST], "{text}", True),
}


def _every_mode(text: str) -> list:
    events = []
    for before, last, explicit in MODES.values():
        events += _run([*(b.format(text=text) for b in before), last.format(text=text)], escalate_last=explicit)
    return events


_NEUTRAL: set[str] = set()


def _neutral(recorder) -> set[str]:
    """Tokens of requests made with no text of the user's beyond volume and privacy (field names,
    the tools' own words): what every request says. Made once, then kept."""
    if not _NEUTRAL:
        for turns in ([PUBLIC_FIRST, MEMO], [INTERNAL_FIRST, MEMO], [VOLUME + " Patient records, HIPAA.", MEMO]):
            _run(turns)
        _NEUTRAL.update(_tokens(_bodies(recorder)) | _tokens(VOLUME + MEMO + PUBLIC_FIRST + INTERNAL_FIRST))
        recorder.requests.clear()
    return _NEUTRAL


def _leaked(text: str, sent: str, recorder) -> set[str]:
    """Distinctive words and numbers of ``text`` that are in what Claude was sent."""
    return (_tokens(text) & _tokens(sent)) - _shipped_vocabulary() - _neutral(recorder)


@pytest.mark.parametrize("text, secrets", PROBE, ids=[t[:30] for t, _ in PROBE])
def test_no_probe_text_reaches_claude_in_any_mode(text, secrets, messages_api):
    _neutral(messages_api)
    events = _every_mode(text)
    assert sum(isinstance(e, Escalated) for e in events) == len(MODES)  # Claude was asked each time…
    sent = _bodies(messages_api)
    for secret in secrets:  # …and got none of it (a name or a stem where a word starts: 'Ines', not 'business')
        assert not re.search(rf"(?<!\w){re.escape(secret.lower())}", sent.lower()), secret
    assert _leaked(text, sent, messages_api) == set()


@pytest.mark.parametrize("text", TUNED + HELD_OUT + CLEAR)
def test_no_corpus_text_reaches_claude_not_even_plain_words(text, messages_api):
    _neutral(messages_api)
    events = _run([f"{text}. {VOLUME} {MEMO}"]) + _run([PUBLIC_FIRST, f"{text}. {MEMO}"])
    assert sum(isinstance(e, Escalated) for e in events) == 2
    sent = _bodies(messages_api)
    assert text not in sent and _leaked(text, sent, messages_api) == set()


def test_what_claude_is_sent_says_the_words_stayed_home(messages_api):
    _run([PUBLIC_FIRST, MEMO])
    [body] = [r["body"] for r in messages_api.requests if r["path"] == "/v1/messages"]
    user = body["messages"][0]["content"]
    assert user.startswith("The request (restated by the advisor; the user's own words are not part of it):")
    assert "<user_words>" not in user and "monthly_usd" in user


def test_the_data_boundary_goes_as_catalog_ids(messages_api):
    """The boundary is typed data Claude needs (which platforms the figures may use): its company
    and region ids go; a party or region the catalog does not know (text in a saved profile) does not."""
    session = _session(claude_region="us")  # Anthropic's API with inference_geo 'us'
    session.set_field("region", "United States")
    list(session.turn(PUBLIC_FIRST))
    list(session.turn(MEMO))
    given = _given(messages_api)
    assert given["contract"] == ["anthropic"] and given["agreement"] == "baa" and given["region"] == "us"
    profile = session.state.profile.model_copy(update={"contract": ["anthropic", "Dr Roe's clinic"], "region": "Roe"})
    sent, dropped = typed_profile(profile, session.catalog)
    assert sent.contract == ["anthropic"] and sent.region is None and set(dropped) == {"contract", "region"}


def _given(recorder) -> dict:
    [*_, body] = [r["body"] for r in recorder.requests if r["path"] == "/v1/messages"]
    user = body["messages"][0]["content"]
    start = user.index('{\n "given"')
    return json.JSONDecoder().raw_decode(user[start:])[0]["given"]


def test_a_set_value_cannot_carry_words_into_the_profile(messages_api):
    _neutral(messages_api)
    session = _session()
    list(session.turn(PUBLIC_FIRST))
    for text, _ in PROBE:
        for field in TEXT_FIELDS:
            try:
                session.set_field(field, text)
            except UsageError:
                continue
            assert field == "privacy" and session.state.profile.privacy in PRIVACY_LEVELS  # read as a class
        with pytest.raises(UsageError, match="price_factors: "):
            session.set_field("price_factors", f"{text}=0.9")
    list(session.turn(MEMO))
    sent = _bodies(messages_api)
    assert all(_leaked(text, sent, messages_api) == set() for text, _ in PROBE)


def test_words_written_into_a_saved_profile_are_left_out_of_the_request(messages_api):
    """A profile saved by an older advisor, or edited in the database, with free text in its text
    fields: the request carries typed values only, whatever the state holds."""
    session = _session()
    list(session.turn(PUBLIC_FIRST))
    name = session.name
    session.close()
    db = sqlite3.connect(db_path(data_dir()))
    state = json.loads(db.execute("SELECT state FROM sessions WHERE name = ?", (name,)).fetchone()[0])
    state["profile"].update(
        serving_engine="Jane Roe, diagnosed with schizophrenia",
        price_factors={"Jane Roe 123-45-6789": 0.9, "openai": 0.8},
    )
    db.execute("UPDATE sessions SET state = ? WHERE name = ?", (json.dumps(state), name))
    db.commit()
    db.close()
    session = Session.open(load_config(local="none", budget_usd=100), session_name=name)
    events = list(session.turn(MEMO))
    assert any(isinstance(e, Escalated) for e in events)
    sent = _bodies(messages_api)
    assert "Jane" not in sent and "schizophren" not in sent and "6789" not in sent
    assert '\\"openai\\": 0.8' in sent  # a typed value of the same field still goes


def test_a_workload_name_never_goes(messages_api):
    session = _session()
    list(session.turn(PUBLIC_FIRST))
    session.rename_workload(session.state.workload_names()[0], "intake for Dr Oyelaran's clinic")
    list(session.turn(MEMO))
    assert "Oyelaran" not in _bodies(messages_api)


# ---- the user's own words, with consent for one message --------------------------------------------
@pytest.mark.parametrize("text", CLEAR)
def test_words_go_only_with_consent_for_that_message_and_as_shown(text, messages_api):
    session = _session()
    list(session.turn(PUBLIC_FIRST))
    list(session.turn(text, escalate=True))  # /escalate TEXT: the words stay home
    assert text not in _bodies(messages_api)
    request = session.words_request(text)  # what the consent screen shows
    assert text in request.user
    events = list(session.turn(text, consent=Consent(words=text, digest=request.digest())))
    assert any(isinstance(e, Escalated) for e in events)
    [*_, last] = [r for r in messages_api.requests if r["path"] == "/v1/messages"]
    assert last["body"]["system"] == request.system
    assert last["body"]["messages"] == [{"role": "user", "content": request.user}]  # exactly what was shown
    messages_api.requests.clear()
    list(session.turn(MEMO))  # the next message: no words again
    assert text not in _bodies(messages_api)


def test_a_consent_holds_for_the_text_shown_and_no_other(messages_api):
    session = _session()
    list(session.turn(PUBLIC_FIRST))
    words = CLEAR[3]
    request = session.words_request(words)
    session.set_field("electricity_usd_per_kwh", "0.31")  # the figures move after the user saw them
    events = list(session.turn(words, consent=Consent(words=words, digest=request.digest())))
    assert not any(isinstance(e, Escalated) for e in events)
    assert any(isinstance(e, Notice) and "changed since you saw it" in e.text for e in events)
    assert words not in _bodies(messages_api)


def test_the_guard_refuses_sensitive_words_even_with_consent(messages_api):
    session = _session()
    list(session.turn(PUBLIC_FIRST))
    for text in [t for t, _ in PROBE] + TUNED + HELD_OUT:
        assert sensitive_mentions(text), text
        with pytest.raises(UsageError, match="sensitive data"):
            session.words_request(text)
        forged = Consent(words=text, digest="0" * 12)  # a consent the screen never gave
        events = list(session.turn(text, consent=forged))
        assert not any(isinstance(e, Escalated) for e in events)
    assert _bodies(messages_api) == ""


def test_words_never_go_offline_or_for_regulated_data(messages_api):
    offline = _session(offline=True)
    list(offline.turn(PUBLIC_FIRST))
    with pytest.raises(UsageError, match="offline"):
        offline.words_request(CLEAR[3])
    regulated = _session()
    list(regulated.turn("We summarise HIPAA-covered discharge letters, 300 a day, 3k tokens in and 500 out."))
    assert regulated.state.profile.privacy == "regulated"
    with pytest.raises(UsageError, match="regulated"):
        regulated.words_request(CLEAR[3])
    outside = _session()  # public data, but Claude's route (Anthropic's API, any region) is outside the boundary
    outside.set_field("region", "Deutschland")
    list(outside.turn(PUBLIC_FIRST))
    with pytest.raises(UsageError, match="outside your data boundary"):
        outside.words_request(CLEAR[3])
    assert _bodies(messages_api) == ""


@pytest.mark.parametrize("text", CLEAR)
def test_plain_words_are_not_flagged(text):
    assert sensitive_mentions(text) == []
