"""A command line, read the same way by `advisor …` and by the chat's `/…` commands: the parser
whose errors are one line, and negative values glued to their flag."""

from __future__ import annotations

import argparse
import re
import typing

from advisor.errors import UsageError


class UsageParser(argparse.ArgumentParser):
    """Bad arguments are a one-line UsageError (exit status 2), never argparse's exit."""

    def error(self, message: str) -> typing.NoReturn:
        message = re.sub(r"^argument (\S+): expected one argument$", r"\1 needs a value", message)
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def glue_negative_values(argv: list[str], switches: frozenset[str] = frozenset()) -> list[str]:
    """`--input-tokens -5M` → `--input-tokens=-5M`, so the value reaches validation (and its
    one-line error naming the field) instead of argparse taking it for an option. Not after a
    switch that takes no value (`--offline -5 requests`), nor a quoted sentence, nor after `--`."""
    out: list[str] = []
    for token in argv:
        previous = out[-1] if out else ""
        if (
            previous.startswith("--")
            and previous != "--"
            and "=" not in previous
            and previous not in switches
            and "--" not in out
            and re.match(r"^-[\d.]\S*$", token)
        ):
            out[-1] = f"{previous}={token}"
        else:
            out.append(token)
    return out
