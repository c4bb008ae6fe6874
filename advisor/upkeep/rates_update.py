"""`advisor catalog update` for exchange rates: the ECB's euro foreign exchange reference rates
(the daily XML, or its CSV — the daily `eurofxref.csv` or the history), read, checked and written to
one marked block of the user's catalog.toml as `[[currencies]]` entries with their date and source.

The answers show figures in the reader's currency at these rates; offline they use the last rates
there are (the shipped ones, or the last update) and say their date."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel

from advisor.tools.catalog import Catalog, CatalogError, Currency
from advisor.upkeep.catalog_block import replace_block, split_block, toml_table
from advisor.upkeep.catalog_update import UpdateError, fetch, is_url

BEGIN = "# >>> exchange rates from the ECB, by advisor catalog update (rewritten by each update; edit outside it)"
END = "# <<< exchange rates from the ECB"
_DAY = re.compile(r"<Cube\s+time=['\"](\d{4}-\d{2}-\d{2})['\"]\s*>")
_RATE = re.compile(r"<Cube\s+currency=['\"]([A-Z]{3})['\"]\s+rate=['\"]([0-9]+(?:\.[0-9]+)?)['\"]\s*/>")


class Rates(BaseModel):
    """One day's reference rates: units of each currency per euro."""

    day: date
    per_eur: dict[str, float]


def parse(data: bytes) -> Rates:
    """The latest day in an ECB file: the daily XML, or a CSV (daily or history); ValueError
    naming what is wrong otherwise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    if "<Cube" in text:
        return _parse_xml(text)
    if text.lstrip().lower().startswith("date"):
        return _parse_csv(text)
    raise ValueError("neither the ECB's XML (<Cube …>) nor its CSV (a 'Date, USD, …' header)")


def _parse_xml(text: str) -> Rates:
    days = list(_DAY.finditer(text))
    if not days:
        raise ValueError("no <Cube time='YYYY-MM-DD'> day in the XML")
    first = days[0]
    end = days[1].start() if len(days) > 1 else len(text)
    rates = {code: float(rate) for code, rate in _RATE.findall(text[first.end() : end])}
    return _checked(date.fromisoformat(first.group(1)), rates)


def _parse_csv(text: str) -> Rates:
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    if len(rows) < 2:
        raise ValueError("a header and no rates")
    header, latest = rows[0], rows[1]  # the ECB writes the newest day first
    day = _csv_day(latest[0])
    rates: dict[str, float] = {}
    for code, cell in zip(header[1:], latest[1:], strict=False):
        if re.fullmatch(r"[A-Z]{3}", code) and re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", cell):
            rates[code] = float(cell)
    return _checked(day, rates)


def _csv_day(cell: str) -> date:
    for pattern in ("%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.strptime(cell, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"date: {cell[:30]!r} is not a date the ECB writes ('2026-10-30' or '30 October 2026')")


def _checked(day: date, rates: dict[str, float]) -> Rates:
    if "USD" not in rates:
        raise ValueError(f"no USD rate for {day}: the answers' figures are dollars first")
    if any(not 0 < value < 1e6 for value in rates.values()):
        raise ValueError(f"a rate out of any plausible range on {day}")
    return Rates(day=day, per_eur={"EUR": 1.0, **rates})


class RatesPlan(BaseModel):
    source: str
    rates: Rates
    entries: list[Currency]  # the catalog's currencies at the new rates (those the file has)
    changes: list[tuple[str, float, float]]  # (code, old per euro, new per euro)
    missing: list[str]  # catalog currencies the file does not have: kept as they are


def update_url() -> str:
    """The ECB file `advisor catalog update` reads (catalog/currency.toml's ``update_url``)."""
    import tomllib
    from importlib import resources

    text = (resources.files("advisor.catalog") / "currency.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["update_url"]


def plan(source: str, catalog: Catalog, progress: Callable[[str], None]) -> RatesPlan:
    from advisor.tools.price_feed import feed_config

    fetched = fetch(source, feed_config(), progress, what="the ECB's reference rates")
    try:
        rates = parse(fetched.data)
    except ValueError as exc:
        raise UpdateError(f"data from {fetched.label}: {exc}; nothing changed") from None
    where = source if is_url(source) else f"from {fetched.label}"
    label = f"ECB euro foreign exchange reference rates of {rates.day.isoformat()} ({where})"
    entries, changes, missing = [], [], []
    for code, entry in catalog.currencies.items():
        new = rates.per_eur.get(code)
        if new is None:
            missing.append(code)
            continue
        if new != entry.per_eur:
            changes.append((code, entry.per_eur, new))
        entries.append(entry.model_copy(update={"per_eur": new, "as_of": rates.day, "source": label}))
    return RatesPlan(source=label, rates=rates, entries=entries, changes=changes, missing=missing)


def describe(plan: RatesPlan) -> list[str]:
    lines = [f"{plan.source}: rates of {plan.rates.day.isoformat()}."]
    usd = plan.rates.per_eur["USD"]
    for entry in plan.entries:
        if entry.id == "USD":
            continue
        per_usd = entry.per_eur / usd
        old = next((old for code, old, _ in plan.changes if code == entry.id), None)
        was = f" (was {old:g} per euro)" if old is not None else ""
        lines.append(f"  {entry.id}: {entry.per_eur:g} per euro{was} — {per_usd:.4f} per dollar")
    if not plan.changes:
        lines.append("No rate changes.")
    if plan.missing:
        lines.append(f"Not in the file, kept as they are: {', '.join(plan.missing)}.")
    return lines


def to_toml(entry: Currency) -> str:
    return "\n".join(["[[currencies]]", *toml_table(entry.model_dump())]) + "\n"


def write(path: Path, plan: RatesPlan) -> int:
    """Replace the rates block of the user's catalog with the plan's entries: validated, then atomic."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    before, _ = split_block(text, BEGIN, END)
    stamp = f"# {plan.source}, rates of {plan.rates.day.isoformat()}"
    block = "\n".join([BEGIN, stamp, "", *(to_toml(e) for e in plan.entries), END])
    try:
        replace_block(path, before, block)
    except CatalogError as exc:
        raise UpdateError(f"the updated catalog would not validate: {exc}; nothing changed") from None
    return len(plan.entries)
