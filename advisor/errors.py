"""Errors the CLI turns into one line and an exit status (2: the user's input; 1: anything else)."""


class UsageError(ValueError):
    """Bad usage or bad input: exit status 2, one line naming the field, the value and a hint."""
