"""One way to register a command: a decorator above its handler that keeps the command's name, usage
and help with it. The calculators (``advisor.tools.registry.TOOLS``), the CLI's subcommands
(``advisor.commands.registry.COMMANDS``) and the chat's slash commands
(``advisor.slash.commands.COMMANDS``) are each a ``Registry`` of their own kind of spec, so a reader —
or a static tool — goes from a name to its code by reading the decorator: no module path in a string,
no ``getattr`` by name.

    COMMANDS = Registry(SlashCommand)

    @COMMANDS.register("/set", usage="/set FIELD VALUE", help="change a profile field")
    async def set_field(front, rest): ...

A registry lists its commands in the order they were registered; a name registered twice is an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar

Spec = TypeVar("Spec")
Handler = TypeVar("Handler", bound=Callable[..., Any])


class Registry(Mapping[str, Spec], Generic[Spec]):
    """Specs by name. ``spec`` builds one from the name, the handler and the decorator's fields."""

    def __init__(self, spec: Callable[..., Spec]) -> None:
        self._spec = spec
        self._by_name: dict[str, Spec] = {}

    def register(self, name: str, **fields: Any) -> Callable[[Handler], Handler]:
        """A decorator: ``handler`` is the command ``name``; it is returned as it is."""

        def register(handler: Handler) -> Handler:
            if name in self._by_name:
                raise ValueError(f"{name}: registered twice")
            self._by_name[name] = self._spec(name=name, handler=handler, **fields)
            return handler

        return register

    def __getitem__(self, name: str) -> Spec:
        return self._by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)
