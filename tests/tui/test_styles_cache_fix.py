"""The workaround for textual#6665 (advisor/tui/styles_cache_fix.py): the memo of
`StylesCache.get_inner_outer` no longer holds StylesCache instances, answers as Textual's own
function does, and leaves a Textual that changed the method alone. The leak it closes, seen from the
chat, is tested in tests/tui/test_tui_pace.py."""

from __future__ import annotations

import gc

from textual._styles_cache import StylesCache
from textual.color import Color

from advisor.tui.styles_cache_fix import release_styles_caches

COLOURS = [(Color(0, 0, 0), Color(30, 60, 90, a=0.5)), (Color(255, 255, 255), Color(1, 2, 3))]


def _alive() -> int:
    gc.collect()
    return sum(isinstance(o, StylesCache) for o in gc.get_objects())


def test_the_memo_no_longer_keeps_the_caches_it_was_called_on():
    assert release_styles_caches()
    before = _alive()
    for _ in range(300):
        StylesCache().get_inner_outer(*COLOURS[0])
    assert _alive() - before < 10  # Textual's own memo kept all 300


def test_it_answers_as_textuals_own_function():
    assert release_styles_caches()
    original = StylesCache.__dict__["get_inner_outer"]
    cache = StylesCache()
    for base, background in COLOURS:
        inner, outer = cache.get_inner_outer(base, background)
        assert inner.background == base + background and outer.background == base
        assert cache.get_inner_outer(base, background) is cache.get_inner_outer(base, background)  # memoized
    assert release_styles_caches() and StylesCache.__dict__["get_inner_outer"] is original  # idempotent


def test_a_textual_that_changed_the_method_is_left_alone(monkeypatch):
    def plain(self, base_background, background):
        return None

    monkeypatch.setattr(StylesCache, "get_inner_outer", plain)
    assert release_styles_caches() is False
    assert StylesCache.__dict__["get_inner_outer"] is plain
