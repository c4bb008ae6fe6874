"""`advisor catalog update`: fetch genai-prices' data, show what it changes, write the user's catalog.

The fetch is the standard library's (``advisor calc`` never imports this module), with a timeout,
a size cap and a progress line. The user's ``catalog.toml`` changes only inside one marked block,
and only by atomic replacement of a file that has already passed the catalog's own validation:
a truncated download, a wrong schema or an entry that does not validate changes nothing.
"""

from __future__ import annotations

import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel

from advisor.models.offline import is_loopback
from advisor.tools import clock
from advisor.tools.catalog import Catalog, CatalogError, CloudModel
from advisor.tools.price_feed import FeedConfig, FeedError, feed_config, parse
from advisor.tools.price_update import UpdatePlan, plan_update
from advisor.tools.userfile import UserFileError, read_bytes
from advisor.upkeep.catalog_block import read_catalog_text, replace_block, split_block
from advisor.upkeep.catalog_block import toml_table as _table

BEGIN = "# >>> advisor catalog update: prices from genai-prices (rewritten by each update; edit outside it)"
END = "# <<< advisor catalog update"


class UpdateError(ValueError):
    """The update cannot go ahead: one line; nothing was written."""


class Fetched(BaseModel):
    data: bytes
    label: str
    dated: date | None  # the server's Last-Modified, or the file's modification date


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch(source: str, config: FeedConfig, progress: Callable[[str], None], what: str = "genai-prices data") -> Fetched:
    """The raw data from a URL or a file, at most ``config.max_bytes``, within the timeout."""
    if not is_url(source):
        path = Path(source).expanduser()
        try:
            data = read_bytes(path, config.max_bytes, "price file")
        except UserFileError as exc:
            raise UpdateError(f"from: {exc}") from None
        return Fetched(data=data, label=str(path), dated=date.fromtimestamp(path.stat().st_mtime))
    progress(f"Fetching {what} from {source} (timeout {config.timeout_seconds:g} s) …")
    start = time.monotonic()
    request = urllib.request.Request(source, headers={"User-Agent": "advisor-catalog-update"})
    # A server on this machine is reached directly, never through the environment's proxies.
    handlers = [urllib.request.ProxyHandler({})] if is_loopback(urlsplit(source).netloc) else []
    try:
        with urllib.request.build_opener(*handlers).open(request, timeout=config.timeout_seconds) as response:
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(64 * 1024):
                size += len(chunk)
                if size > config.max_bytes:
                    raise UpdateError(f"from: {source} sent more than {config.max_bytes:,} bytes; not a price file")
                if time.monotonic() - start > config.timeout_seconds:
                    raise UpdateError(f"from: {source} took longer than {config.timeout_seconds:g} s; try again later")
                chunks.append(chunk)
            modified = response.headers.get("Last-Modified")
    except urllib.error.HTTPError as exc:
        raise UpdateError(f"from: {source} answered HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UpdateError(f"from: cannot fetch {source}: {reason} (timeout {config.timeout_seconds:g} s)") from None
    data = b"".join(chunks)
    progress(f"Received {len(data) / 1024:,.0f} KB in {time.monotonic() - start:.1f} s.")
    dated = None
    if modified:
        try:
            dated = parsedate_to_datetime(modified).astimezone(UTC).date()
        except (TypeError, ValueError):
            dated = None
    return Fetched(data=data, label=source, dated=dated)


def plan(source: str, catalog: Catalog, progress: Callable[[str], None], today: date | None = None) -> UpdatePlan:
    """Fetch and read the data, and what it would change; an UpdateError for bad data."""
    config = feed_config()
    fetched = fetch(source, config, progress)
    try:
        providers = parse(fetched.data)
    except FeedError as exc:
        raise UpdateError(f"data from {fetched.label}: {exc}; nothing changed") from None
    today = today or clock.today()
    if fetched.dated is not None:
        checked, basis = fetched.dated, "its Last-Modified date" if is_url(source) else "the file's date"
    else:
        checked, basis = today, "the date fetched"
    basis += " (the published data carries no prices_checked dates)"
    return plan_update(providers, catalog, config, f"genai-prices {config.schema_} data", checked, basis, today)


# ----------------------------------------------------------------- the user's catalog file
def to_toml(entry: CloudModel) -> str:
    data = entry.model_dump(exclude_defaults=False)
    price, history = data.pop("price"), data.pop("history")
    lines = ["[[cloud]]", *_table(data), "[cloud.price]", *_table(price)]
    for point in history:
        lines += ["[[cloud.history]]", *_table(point)]
    return "\n".join(lines) + "\n"


def _split(text: str) -> tuple[str, str]:
    """The user's own text and the managed block's text."""
    return split_block(text, BEGIN, END)


def read_user_catalog(path: Path) -> str:
    """The user's catalog.toml as text ("" before the first update); an UpdateError naming it when
    it cannot be read as a regular UTF-8 file."""
    try:
        return read_catalog_text(path)
    except UserFileError as exc:
        raise UpdateError(f"catalog file: {exc}; nothing changed") from None


def own_cloud_ids(text: str) -> set[str]:
    """Cloud ids the user wrote themselves (outside the managed block): an update leaves them be."""
    own, _ = _split(text)
    try:
        return {e.get("id") for e in tomllib.loads(own).get("cloud", [])}
    except tomllib.TOMLDecodeError as exc:
        raise UpdateError(f"catalog file: not valid TOML outside the update's block: {exc}; nothing changed") from None


def write(path: Path, plan: UpdatePlan, keep: set[str]) -> int:
    """Replace the managed block with the plan's entries (but ``keep``'s); validated, then atomic."""
    text = read_user_catalog(path)
    own, _ = _split(text)
    entries = [u.entry for u in plan.updates if u.entry.id not in keep]
    written = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    stamp = f"# {plan.source}, checked {plan.checked} ({plan.checked_basis}); written {written}"
    block = "\n".join([BEGIN, stamp, "", *(to_toml(e) for e in entries), END])
    try:
        replace_block(path, own, block)
    except CatalogError as exc:
        raise UpdateError(f"the updated catalog would not validate: {exc}; nothing changed") from None
    return len(entries)


# ----------------------------------------------------------------- what it changes, in words
def _money(value: object) -> str:
    from advisor.text.render import price  # prices per million tokens: fractions of a cent kept

    return price(value) if isinstance(value, (int, float)) else "—"


def describe(plan: UpdatePlan, keep: set[str] = frozenset()) -> list[str]:
    """What the update adds and changes, line by line, with by how much."""
    lines = [f"{plan.source}: checked {plan.checked} — {plan.checked_basis}."]
    new = plan.of_kind("new")
    if new:
        lines.append(f"New models ({len(new)}):")
        width = max(len(u.entry.id) for u in new)
        for u in new:
            p = u.entry.price
            cache = f"cache {_money(p.cache_read)}" if p.cache_read is not None else "no cache discount known"
            price = f"{_money(p.input)} / {_money(p.output)} per M"
            lines.append(f"  + {u.entry.id.ljust(width)}  {u.entry.tier:<8} {price}, {cache}")
    changed = plan.of_kind("changed")
    if changed:
        lines.append(f"Changed ({len(changed)}):")
        for u in changed:
            parts = []
            tier_gone = any(c.field == "long_context_threshold" and not c.after for c in u.changes)
            for c in u.changes:
                if tier_gone and c.field in ("long_context_input", "long_context_output"):
                    continue
                if c.field == "batch_discount":
                    parts.append(f"batch discount {c.before or 0:.0%} → {c.after or 0:.0%}")
                elif c.field == "long_context_threshold":
                    before, after = (f"{v:,.0f} tokens" if v else "none" for v in (c.before, c.after))
                    parts.append(f"long-context tier from {before} → {after}")
                elif c.field == "peak_hours_per_day":
                    before, after = (f"{v:g} h" if v else "none" for v in (c.before, c.after))
                    parts.append(f"daily peak hours {before} → {after}")
                elif c.field == "retires":
                    parts.append(f"retires {c.before or '—'} → {c.after or '—'}")
                else:
                    pct = f" ({c.percent:+.0%})" if c.percent is not None else ""
                    parts.append(f"{c.field.replace('_', ' ')} {_money(c.before)} → {_money(c.after)}{pct}")
            kept = " — kept your own entry, not changed" if u.entry.id in keep else ""
            lines.append(f"  ~ {u.entry.id}: {', '.join(parts)}{kept}")
    confirmed = plan.of_kind("confirmed")
    if confirmed:
        lines.append(f"Unchanged: {len(confirmed)} models, their prices now dated {plan.checked}.")
    if plan.skipped:
        ids = [note.split(":", 1)[0] for note in plan.skipped]
        shown = ", ".join(ids[:6]) + (f" and {len(ids) - 6} more" if len(ids) > 6 else "")
        lines.append(f"Not in the data, kept as they are ({len(ids)}): {shown}.")
    if not new and not changed:
        lines.append("No new models and no price changes.")
    return lines


def progress_line(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
