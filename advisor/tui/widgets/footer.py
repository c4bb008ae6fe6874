"""Textual's footer without its leak (Textualize/textual#6666): every recompose of the footer (on
each change of the active bindings: twice a turn here, as Esc comes and goes) makes new keys bound
to the footer's `compact`, and the footer's watcher list keeps each removed key, with everything it
drew, until `compact` changes — which it never does. Here the list is pruned after each recompose.

Each key's description (the bindings' msgids, marked where they are bound) is said in the session's
language once the session knows it; before, in English."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.widget import Widget
from textual.widgets import Footer


class KeysFooter(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        watchers = getattr(self, "__watchers", {}).get("compact")
        if watchers:
            watchers[:] = [(node, callback) for node, callback in watchers if node.is_attached]

    def compose(self) -> Iterator[Widget]:
        say = self._words()
        for widget in super().compose():
            if say is not None and isinstance(getattr(widget, "description", None), str) and widget.description:
                widget.description = say(widget.description)  # type: ignore[attr-defined]  # a FooterKey
            yield widget

    def _words(self) -> Any:
        """The session's ``Words._`` (advisor.text.words), or None while there is no session."""
        session = getattr(self.app, "session", None)
        return session.words()._ if session is not None and hasattr(session, "words") else None
