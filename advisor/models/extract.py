"""A capable local model helps read: in agentic mode it also reads the user's text into the
profile's volume, token and privacy fields as structured output (a FLAT JSON schema: Ollama's
`format=`, llama.cpp's response_format). Nothing it says is taken on trust: a number is used only
when it appears in the user's own words, a privacy class only when it is stricter than the one
read, and a value that disagrees with the deterministic reader becomes a question."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from advisor.models.base import ChatModel, Message, ModelError
from advisor.prompts import load as load_prompt
from advisor.voice import figures

NUMBER_FIELDS = (
    "requests_per_day",
    "input_tokens_per_request",
    "output_tokens_per_request",
    "monthly_input_tokens",
    "monthly_output_tokens",
)
PRIVACY = ("public", "internal", "sensitive", "regulated")

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        **{name: {"type": "number"} for name in NUMBER_FIELDS},
        "privacy": {"type": "string", "enum": list(PRIVACY)},
    },
}


class Extraction(BaseModel):
    """What the model's reading adds to the reader's: taken values, questions, refusals."""

    changes: dict[str, Any] = Field(default_factory=dict)
    questions: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    refused: list[str] = Field(default_factory=list)


def can_extract(model: ChatModel | None) -> bool:
    return model is not None and callable(getattr(model, "structured", None))


def ask_model(model: ChatModel, text: str) -> dict[str, Any]:
    """The model's structured reading of ``text`` (an empty dict when it fails)."""
    messages = [Message(role="system", content=load_prompt("extract_system.md")), Message(role="user", content=text)]
    try:
        raw = model.structured(messages, SCHEMA)  # type: ignore[attr-defined]
    except ModelError:
        return {}
    return raw if isinstance(raw, dict) else {}


def _in_text(value: float, text: str) -> bool:
    said = [v for _, v in figures(text)]
    return any(abs(value - v) <= max(0.5, abs(v) * 0.01) for v in said)


def _label(field: str) -> str:
    return field.replace("_", " ")


def merge(text: str, read: dict[str, Any], proposed: dict[str, Any], current: dict[str, Any]) -> Extraction:
    """Check the model's ``proposed`` values against the text and the reader's ``read`` values."""
    out = Extraction()
    for field in NUMBER_FIELDS:
        value = proposed.get(field)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            continue
        if not _in_text(float(value), text):
            out.refused.append(f"{_label(field)} = {value:g} (that number is not in your words)")
            continue
        mine = read.get(field)
        if mine is None:
            if current.get(field) is None:
                out.changes[field] = int(value) if float(value).is_integer() else value
                out.notes.append(f"the local model read {value:,.0f} as {_label(field)}")
            continue
        if abs(float(mine) - float(value)) > max(0.5, abs(float(mine)) * 0.01):
            out.questions.append(
                f"I read {float(mine):,.0f} as {_label(field)}, the local model read {float(value):,.0f}"
                f" — which is it? (`/set {field.replace('_', '-')} N`)"
            )
    privacy, mine = proposed.get("privacy"), read.get("privacy") or current.get("privacy")
    if privacy in PRIVACY and (mine is None or PRIVACY.index(privacy) > PRIVACY.index(mine)):
        if mine is None:
            out.changes["privacy"] = privacy
            out.notes.append(f"the local model read the data as {privacy} (stricter is kept until you say otherwise)")
        else:
            out.questions.append(
                f"I read the data as {mine}, the local model as {privacy} — is it {privacy}? (`/set privacy …`)"
            )
    return out
