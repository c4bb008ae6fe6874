"""Two things a team's contracts and operations say about the hardware and the prices (issue 21):

- a standby: 'N+1', 'no single point of failure', 'we need a standby' (catalog/reading.toml
  cues.standby) → ``standby_units`` 1; 'no standby needed' (cues.no_standby) → 0;
- a contract price: '20% off list on Azure', '15 % Rabatt bei AWS' → ``contract_discounts``
  {company: 0.2}.

Each is written only when its evidence is complete in one clause, under a strict grammar:
a standby cue as a whole phrase in a clause that asks nothing (a question about failover is a
question); a discount is exactly one percentage, a discount word (cues.discount), a word that makes
it the team's price or a list price's (cues.contract_price: 'we get', 'our contract', 'off list'; never
beside 'batch') and at least one company or platform the catalog knows (every one named there gets
it: 'on Azure/AWS'). Anything short of that writes nothing."""

from __future__ import annotations

import re
from typing import Any

from advisor.interview.draft import Draft
from advisor.interview.lazy import lazy
from advisor.interview.vocab import alternation, vocab

_PATTERNS: dict[str, Any] = {}
_PERCENT = re.compile(r"(?<![\d.,])(\d{1,2}(?:[.,]\d+)?)\s?%")


def cue_words(cue: str) -> Any:
    """Any of ``cue``'s phrases as a whole word, in every language."""
    if cue not in _PATTERNS:
        _PATTERNS[cue] = lazy(rf"(?<![\w-])(?:{alternation(vocab().cue(cue))})(?![\w-])")
    return _PATTERNS[cue]


def asks(d: Draft, start: int, end: int) -> bool:
    """The clause is a question: it ends in a question mark."""
    return d.original[end : end + 1] == "?" or d.text[start:end].rstrip().endswith("?")


def read_standby(d: Draft) -> None:
    """'N+1', 'no single point of failure', 'we need a standby' → one standby unit; 'no standby' → none."""
    for cue, value in (("no_standby", 0), ("standby", 1)):
        for m in cue_words(cue).finditer(d.text):
            start, end = d.clause(m.start())
            if asks(d, start, end):
                continue
            how = "one unit more than the load needs (a standby)" if value else "no standby unit"
            d.set("standby_units", value, f"read '{d.quote(*m.span())}' as: {how}", spans=[m.span()])
            d.consume(*m.span())
            return


def _companies(d: Draft, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """The companies or platforms the catalog knows named in [start, end), each with its span."""
    found: list[tuple[str, tuple[int, int]]] = []
    for platform in d.catalog.platforms.values():
        names = {platform.company, platform.company_name, platform.id, platform.name, *platform.aliases}
        for name in sorted(names, key=len, reverse=True):
            m = re.search(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", d.text[start:end])
            if m is not None:
                span = (start + m.start(), start + m.end())
                if all(company != platform.company for company, _ in found):
                    found.append((platform.company, span))
                break
    return found


def read_discounts(d: Draft) -> None:
    """'we get 20% off list on Azure/AWS' → 20% off each one's cloud prices."""
    if "%" not in d.text:
        return
    for m in cue_words("discount").finditer(d.text):
        start, end = d.clause(m.start())
        if asks(d, start, end):
            continue
        shares = list(_PERCENT.finditer(d.text, start, end))
        companies = _companies(d, start, end)
        if len(shares) != 1 or not companies or not cue_words("contract_price").search(d.text, start, end):
            continue  # '50% off with the batch API' is the provider's offer, not the team's contract
        if "batch" in d.text[start:end]:
            continue
        share = float(shares[0].group(1).replace(",", ".")) / 100
        if not 0 < share < 1:
            continue
        value = {**(d.profile.contract_discounts or {}), **{company: share for company, _ in companies}}
        spans = sorted([shares[0].span(), m.span(), *(span for _, span in companies)])
        names = ", ".join(company for company, _ in companies)
        note = f"read '{d.quote(spans[0][0], spans[-1][1])}' as: list −{share:.0%} on {names} (your contract)"
        d.set("contract_discounts", value, note, spans=spans)
        d.consume(*shares[0].span())
        return
