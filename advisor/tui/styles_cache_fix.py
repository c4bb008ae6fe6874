"""Textual's styles cache without its leak (Textualize/textual#6665, open in 8.2.8).

`StylesCache.get_inner_outer` is an instance method memoized with `functools.lru_cache(1024)`, so the
cache key holds the instance: each widget's StylesCache — and every line the widget drew — stays
alive after the widget is removed, until 1,024 later calls push it out. In the chat, where old turns
leave the screen, that was about 0.5 MB a turn for the first 50 turns.

The method never reads its instance (its first parameter is even named `cls`); its answer depends on
the two colours alone. `release_styles_caches` moves the memo to those two colours, calling
Textual's own function, so nothing Textual renders changes. If a later Textual no longer memoizes
the method this way, it leaves it alone."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from textual._styles_cache import StylesCache


def release_styles_caches() -> bool:
    """Re-key the memo on the colours only; True once it is (idempotent), False if Textual changed."""
    method: Any = StylesCache.__dict__.get("get_inner_outer")
    if getattr(method, "_keyed_on_colours", False):
        return True
    original = getattr(method, "__wrapped__", None)
    if original is None or not hasattr(method, "cache_clear"):
        return False  # not the lru_cache-on-a-method this works around

    @lru_cache(1024)
    def inner_outer(base_background: Any, background: Any) -> Any:
        return original(None, base_background, background)

    def get_inner_outer(self: StylesCache, base_background: Any, background: Any) -> Any:
        return inner_outer(base_background, background)

    get_inner_outer._keyed_on_colours = True  # type: ignore[attr-defined]
    get_inner_outer.__doc__ = original.__doc__
    StylesCache.get_inner_outer = get_inner_outer  # type: ignore[method-assign]
    method.cache_clear()  # let go of the caches it already holds
    return True
