"""Is the configured Claude model one the API serves? Asked through the SDK's Models API
(``models.retrieve``, then ``models.list`` for what else it offers) the first time Claude is used
in a session — never at startup, never offline (no Claude client exists then).

An active model passes in silence. A deprecated one is still called, with one line naming its
retirement date and its successor (the newest active model of the same line, as the API reports
lines). A retired or unknown model is not called: one line names it and the models the API offers
that the catalog prices (a model with no price is never called), and the turn's local answer
stands. When the API cannot be asked at all the verdict is unknown and the call goes ahead — the
call itself then says what is wrong. No key or exception text goes into a line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import anthropic
from pydantic import BaseModel

CHECK_TIMEOUT_SECONDS = 10.0


class ModelCheck(BaseModel):
    usable: bool
    notice: str | None = None  # the line to show, when there is something to say
    lifecycle: str = "active"  # as the API says: active, deprecated or retired; "unknown" when it has no such model


def check_model(client: anthropic.Anthropic, model: str, priced: Callable[[str], bool]) -> ModelCheck | None:
    """The API's verdict on ``model``; None when the API could not be asked (not a verdict)."""
    try:
        info = client.models.retrieve(model, timeout=CHECK_TIMEOUT_SECONDS)
    except anthropic.NotFoundError:
        info = None
    except anthropic.APIError:
        return None
    lifecycle = getattr(info, "lifecycle", None) if info is not None else None
    if info is not None and lifecycle not in ("deprecated", "retired"):
        return ModelCheck(usable=True)
    offered = _offered(client)
    if offered is None:
        return None
    choices = [m.id for m in offered if priced(m.id) and m.id != model]
    menu = (
        f"the models it offers that the catalog prices: {', '.join(choices)}"
        if choices
        else ("none of the models it offers has a price in the catalog (`advisor catalog list cloud`)")
    )
    if info is None:
        return ModelCheck(
            usable=False,
            lifecycle="unknown",
            notice=f"Claude's API has no model {model!r} — {menu}; set --claude-model",
        )
    successor = _successor(info, offered, priced)
    when = _date(getattr(info, "retires_at", None)) or _sdk_retirement(model)
    if successor is None:
        then = f"; {menu}"
    elif priced(successor):
        then = f"; its successor is {successor} — set --claude-model {successor}"
    else:  # a model with no price is never called: say so rather than point at it
        then = f"; its successor {successor} has no price in the catalog yet (add it to catalog.toml); {menu}"
    if lifecycle == "retired":
        since = f" (since {when})" if when else ""
        notice = f"Claude model {model} is retired{since}, so it was not called{then}"
        return ModelCheck(usable=False, lifecycle="retired", notice=notice)
    until = f" and retires on {when}" if when else ""
    return ModelCheck(usable=True, lifecycle="deprecated", notice=f"Claude model {model} is deprecated{until}{then}")


def _offered(client: anthropic.Anthropic) -> list[Any] | None:
    """The API's active models, newest first (as it lists them); None when it cannot be asked."""
    try:
        page = client.models.list(limit=1000, timeout=CHECK_TIMEOUT_SECONDS)
        return [m for m in page if getattr(m, "lifecycle", "active") in ("active", None)]
    except anthropic.APIError:
        return None


def _successor(info: Any, offered: list[Any], priced: Callable[[str], bool]) -> str | None:
    """The newest active model of the same line (priced ones first); None when the API gives no line."""
    line = getattr(info, "line", None)
    if not line:
        return None
    same = [m for m in offered if getattr(m, "line", None) == line and m.id != info.id]
    same.sort(key=lambda m: (priced(m.id), _timestamp(getattr(m, "created_at", None))), reverse=True)
    return same[0].id if same else None


def _timestamp(value: Any) -> float:
    return value.timestamp() if isinstance(value, datetime) else 0.0


def _date(value: Any) -> str | None:
    return value.date().isoformat() if isinstance(value, datetime) else None


def _sdk_retirement(model: str) -> str | None:
    """The end-of-life date in the SDK's own deprecation table, as it writes it."""
    try:
        from anthropic._data import DEPRECATED_MODELS
    except ImportError:  # a private module: an SDK without it simply has no date to add
        return None
    return DEPRECATED_MODELS.get(model)
