"""`advisor` subcommands, one module each: the module registers its subcommand with ``@command``
(advisor.commands.registry) above its handler. Importing this package imports them all, in the
order `advisor --help` lists them — to add one, write its module and add it to this line."""

from advisor.commands import chat, ask, calc, catalog, report, import_usage, bench, model  # noqa: F401, I001
from advisor.commands.registry import COMMANDS

__all__ = ["COMMANDS"]
