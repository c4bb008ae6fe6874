"""Whether a volume said in passing belongs to the workload in use or is another job's. A rate's work
noun is what it counts ("15,000 *conversations* a month"; the reader keeps it in the value's basis).
A volume that would replace the one the workload in use has is:
- another job's, when the message says it is one more ("also", "además", "außerdem", "another job")
  or when both volumes name their work nouns and the nouns differ ("reviews" after "descriptions");
- a question, when only the new one names a work noun ("500 a day", then "15,000 conversations a
  month"): 1) this workload, instead of its volume, or 2) a new one;
- this workload's, otherwise (the same work, or a correction)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel

from advisor.interview.workload_mentions import says_also

FIELD = "requests_per_day"


class WhoseVolume(BaseModel):
    kind: Literal["this", "new", "ask"]
    name: str = ""  # the new workload's name: the work noun as typed


def _stem(noun: str) -> str:
    """'reseñas' and 'reseña', 'Tickets' and 'ticket' are one work noun."""
    word = noun.casefold().strip()
    return re.sub(r"(?:es|s|en|n)$", "", word) if len(word) > 4 else word


def noun_of(bases: dict[str, dict[str, Any]]) -> str:
    return str((bases.get(FIELD) or {}).get("noun") or "").strip()


def whose_volume(
    text: str, old: float | None, new: float | None, old_bases: dict[str, dict[str, Any]], new_bases: dict[str, Any]
) -> WhoseVolume:
    """``old``: the volume the workload in use has; ``new``: the one this message's reading gives,
    with the bases each was worked from (a read value replacing a volume in passing, not an answer)."""
    if old is None or new is None or old == new:
        return WhoseVolume(kind="this")
    was, now = noun_of(old_bases), noun_of(new_bases)
    if not now:
        return WhoseVolume(kind="this")  # "2,000 a day": the same work, said again
    if says_also(text) or (was and _stem(was) != _stem(now)):
        return WhoseVolume(kind="new", name=now)
    if not was:
        return WhoseVolume(kind="ask", name=now)
    return WhoseVolume(kind="this")
