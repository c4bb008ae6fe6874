"""A pattern cut to what a text can match (advisor/interview/pruning.py) finds in that text exactly
what the whole pattern finds: the same spans and the same groups, and nothing when it says nothing
can match. Checked on every pattern of the reader against messages of the train corpus, against
texts made of the patterns' own words (hypothesis), and on the regex forms that make a piece of text
optional (a quantifier, an optional group, a negative lookaround, a capturing group)."""

from __future__ import annotations

import gc
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.interview.lazy import LazyPattern, lazy
from advisor.interview.pruning import parse, pruned
from advisor.interview.reader import read_answer
from advisor.tools.catalog import default_catalog
from advisor.tools.profile import WorkloadProfile

CORPUS = Path(__file__).parents[1] / "corpus" / "blind" / "train"


def _messages() -> list[str]:
    texts = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts += [turn["text"] for turn in json.loads(line)["turns"]]
    return texts


MESSAGES = _messages()[::23]  # a spread of personas, languages and turns


def _reader_patterns() -> list[LazyPattern]:
    for text in MESSAGES[:6]:  # patterns built on first use (cue words, followers) exist after a read
        read_answer(text, WorkloadProfile(), default_catalog())
    return sorted((o for o in gc.get_objects() if isinstance(o, LazyPattern)), key=lambda p: p.pattern)


PATTERNS = _reader_patterns()


def _same(pattern: str, flags: int, text: str) -> None:
    whole = re.compile(pattern, flags)
    tree = parse(pattern, flags)
    if tree is None:
        return
    source = pruned(tree, text)
    found = [(m.span(), m.groups()) for m in whole.finditer(text)]
    if source is None:
        assert found == [], f"said nothing can match, but {pattern[:80]!r} finds {found[:2]} in {text[:60]!r}"
        return
    cut = re.compile(source, flags)
    assert cut.groupindex == whole.groupindex and cut.groups == whole.groups, pattern[:80]
    assert [(m.span(), m.groups()) for m in cut.finditer(text)] == found, (pattern[:80], text[:60])


def test_the_reader_has_patterns_to_cut():
    assert len(PATTERNS) > 100
    assert sum(parse(p.pattern, p.flags) is not None for p in PATTERNS) > 100


@pytest.mark.parametrize("text", MESSAGES, ids=lambda t: t[:24])
def test_a_cut_pattern_finds_what_the_whole_finds_in_a_message(text):
    for pattern in PATTERNS:
        _same(pattern.pattern, pattern.flags, text)
        _same(pattern.pattern, pattern.flags, text.lower())


def _words(pattern: str) -> list[str]:
    return re.findall(r"[^\W\d_]{2,}", pattern)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_cut_pattern_finds_what_the_whole_finds_in_its_own_words(data):
    pattern = data.draw(st.sampled_from(PATTERNS))
    words = _words(pattern.pattern) or ["x"]
    pieces = st.sampled_from(words) | st.sampled_from([" ", "  ", "-", "800 ", "2,5k ", "a ", ", ", ". "])
    text = "".join(data.draw(st.lists(pieces, max_size=10)))
    text = text.upper() if data.draw(st.booleans()) else text
    _same(pattern.pattern, pattern.flags, text)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"(?:patients?|doctors)", "one patient a day"),  # the 's' a '?' follows is not needed
        (r"(?:tokens{0,2}|x)", "token"),
        (r"a(?:bc)?d|zz", "ad"),  # an optional group missing is no reason to leave an alternative out
        (r"(?:words|pages)(?!\s+(?:in|out))", "words in"),  # a negative lookahead that cannot match holds
        (r"(?:(?P<n>\d+)\s+days|weeks)", "3 weeks"),  # an alternative with a group keeps the group
        (r"(?:x(\d)|y)|z", "z"),
        (r"(?:\x41BC|abc)", "ABC"),  # an escape is not the letters after it
        (r"(?:caf\u00e9|tea)", "café"),
        (r"(?i:MASSE|foo)", "Maße"),  # case-folded: ß and ss
        (r"(?:kelvin|other)", "\u212aELVIN"),  # the Kelvin sign matches k case-blind
        (r"(?:straße|road)", "STRASSE"),
        (r"(?<=(?:per|pro)\s)day", "per day"),
        (r"[(|)]x|(?:\(a\)|b)", "(a)"),
    ],
)
def test_the_forms_that_make_text_optional(pattern, text):
    _same(pattern, re.IGNORECASE, text)
    _same(pattern, 0, text)


def test_a_pattern_nothing_of_which_can_match_is_not_compiled():
    pattern = lazy(r"(?<![\w-])(?:kilowatt\s+hours?|kwh)(?![\w-])", re.IGNORECASE)
    assert pattern.search("800 contracts a day") is None and pattern._last == ("800 contracts a day", None)
    assert pattern._compiled is None
    assert pattern.search("0.30 per KWh").group(0) == "KWh"


def test_verbose_and_conditional_patterns_are_not_cut():
    assert parse(r"(?:a|b)  # a or b", re.VERBOSE) is None
    assert parse(r"(?x)(?:a|b)") is None
    assert parse(r"(<)?(?:a|b)(?(1)>)") is None
