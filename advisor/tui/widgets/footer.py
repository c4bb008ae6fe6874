"""Textual's footer without its leak (Textualize/textual#6666): every recompose of the footer (on
each change of the active bindings: twice a turn here, as Esc comes and goes) makes new keys bound
to the footer's `compact`, and the footer's watcher list keeps each removed key, with everything it
drew, until `compact` changes — which it never does. Here the list is pruned after each recompose."""

from __future__ import annotations

from textual.widgets import Footer


class KeysFooter(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        watchers = getattr(self, "__watchers", {}).get("compact")
        if watchers:
            watchers[:] = [(node, callback) for node, callback in watchers if node.is_attached]
