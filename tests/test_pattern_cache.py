"""The compiled-pattern cache: a pattern rebuilt from the file behaves exactly as `re.compile`'s,
the second run parses nothing, and a bad, foreign or unwritable file never breaks a read."""

from __future__ import annotations

import json
import marshal
import re
from pathlib import Path

import pytest

from advisor.escalation.privacy_guard import sensitive_mentions
from advisor.interview import pattern_cache
from advisor.interview.pattern_cache import PatternCache
from advisor.interview.reader import read_draft
from advisor.interview.whatif import read_whatif
from advisor.tools.profile import WorkloadProfile

CORPUS = Path(__file__).parent / "corpus"
SAMPLES = [
    "We review 800 contracts a day, 6,000 tokens in and 800 out each. Nothing may leave our network.",
    "5.000 Anfragen pro Tag, 2k Token rein, 300 raus; Patientenakten",
    "what if volume doubles and electricity is 22 cents?",
    "two used 3090s, 0,30 €/kWh, 12 000 requests/day",
]


def corpus_texts() -> list[str]:
    texts = list(SAMPLES)
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def _parse_refused(*args, **kwargs):
    raise AssertionError("parsed a pattern the cache holds")


def test_a_second_run_rebuilds_every_pattern_without_parsing(tmp_path, monkeypatch):
    path = tmp_path / "patterns.marshal"
    first = PatternCache(path)
    patterns = [(r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*(?:req|requests?)\b", re.IGNORECASE), (r"\bk?wh\b", 0)]
    fresh = [first.compile(p, f) for p, f in patterns]
    first.save()
    assert path.exists() and first.new == 0

    monkeypatch.setattr(pattern_cache._parser, "parse", _parse_refused)
    second = PatternCache(path)
    for (pattern, flags), expected in zip(patterns, fresh, strict=True):
        rebuilt = second.compile(pattern, flags)
        same = (rebuilt.pattern, rebuilt.flags, rebuilt.groupindex)
        assert same == (expected.pattern, expected.flags, expected.groupindex)
    assert second.new == 0  # nothing new to write back


def test_every_interview_pattern_matches_the_same_from_the_cache(tmp_path):
    """Read the whole corpus (every pattern the reader uses gets compiled through the process
    cache), then rebuild each compiled pattern from its stored code and compare its matches with a
    fresh `re.compile` on every corpus text."""
    from advisor.interview.pattern_cache import CACHE
    from advisor.tools.catalog import load_catalog

    catalog, texts = load_catalog(), corpus_texts()
    for text in texts:
        read_draft(text, WorkloadProfile(), catalog)
        read_whatif("what if " + text, WorkloadProfile(), catalog)
        sensitive_mentions(text)
    assert len(CACHE.entries) > 100
    for (pattern, flags), entry in CACHE.entries.items():
        rebuilt, fresh = pattern_cache._rebuild(pattern, entry), re.compile(pattern, flags)
        assert rebuilt is not None and rebuilt.groupindex == fresh.groupindex
        for text in texts:
            got = [(m.span(), m.groups()) for m in rebuilt.finditer(text.lower())]
            assert got == [(m.span(), m.groups()) for m in fresh.finditer(text.lower())], pattern[:80]


@pytest.mark.parametrize(
    "content",
    [b"", b"not marshal at all", marshal.dumps(("another python", {})), marshal.dumps([1, 2, 3])],
    ids=["empty", "garbage", "foreign header", "wrong shape"],
)
def test_a_bad_file_is_ignored_and_replaced(tmp_path, content):
    path = tmp_path / "patterns.marshal"
    path.write_bytes(content)
    cache = PatternCache(path)
    assert cache.compile(r"(\d+) tokens").search("about 300 tokens").group(1) == "300"
    cache.save()
    assert PatternCache(path).compile(r"(\d+) tokens").search("12 tokens").group(1) == "12"


def test_tampered_code_is_refused_by_sre_and_compiled_afresh(tmp_path):
    path = tmp_path / "patterns.marshal"
    cache = PatternCache(path)
    cache.compile(r"(?P<n>\d+)x")
    cache.save()
    header, entries = marshal.loads(path.read_bytes())
    flags, code, groups, groupindex, indexgroup = entries[(r"(?P<n>\d+)x", 0)]
    entries[(r"(?P<n>\d+)x", 0)] = (flags, [9999, *code[1:]], groups, groupindex, indexgroup)
    path.write_bytes(marshal.dumps((header, entries)))

    reread = PatternCache(path)
    assert reread.compile(r"(?P<n>\d+)x").search("12x").group("n") == "12"
    assert reread.new == 1  # the bad entry was replaced


def test_an_unwritable_cache_dir_costs_nothing_but_speed(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache dir should be")
    cache = PatternCache(blocker / "sub" / "patterns.marshal")
    assert cache.compile(r"\bgpu\b").search("one gpu")
    cache.save()  # no error
    assert not (blocker / "sub").exists()


def test_off_switch_and_no_cache_dir_compile_plainly(monkeypatch):
    monkeypatch.setenv("ADVISOR_PATTERN_CACHE", "off")
    cache = PatternCache()
    assert cache.compile(r"a+").fullmatch("aaa")
    assert cache.path is None and not cache.entries
