"""`advisor catalog list|show|validate|update`: the dated, sourced data every figure rests on."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from advisor.commands.registry import command
from advisor.errors import UsageError

SECTIONS = ("cloud", "hardware", "local-models", "electricity", "workloads", "platforms", "stacks", "currencies")


def arguments(cat: argparse.ArgumentParser, argv: list[str]) -> None:
    sub = cat.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = sub.add_parser("list", help="list entries with their prices, dates and sources")
    ls.add_argument("section", nargs="?", choices=SECTIONS, help="one section (default: all)")
    ls.add_argument("--json", action="store_true")
    show = sub.add_parser("show", help="one entry, whole")
    show.add_argument("id", nargs="+", help="an id or a name, e.g. sonnet 4.5")
    show.add_argument("--json", action="store_true")
    val = sub.add_parser("validate", help="validate catalog files (default: shipped + user)")
    val.add_argument("paths", nargs="*", type=Path)
    upd = sub.add_parser(
        "update",
        help="refresh cloud prices (genai-prices) and exchange rates (the ECB) into your catalog.toml",
        description="Fetch genai-prices' published price data (v2 data.json, MIT), show the models it adds"
        " and the prices it changes, and write them to the catalog.toml beside config.toml (your own"
        " entries there are kept); then the ECB's euro reference rates, for figures shown in euros or"
        " pounds. Refused offline, except from a local FILE.",
    )
    upd.add_argument(
        "what", nargs="?", choices=("prices", "rates"), help="only the prices, or only the rates (default: both)"
    )
    upd.add_argument(
        "--from",
        dest="source",
        metavar="URL|FILE",
        help="where to read the data (default: its URL); without prices|rates it is the prices' data",
    )
    upd.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    upd.add_argument("--offline", action="store_true", default=None, help="refuse any network fetch")
    schema = sub.add_parser(
        "schema",
        help="the JSON Schema of catalog.toml, for an editor (Taplo, Even Better TOML)",
        description="Print the JSON Schema of the catalog.toml beside config.toml (generated from the catalog's"
        " own models). --write puts it beside that file and makes the file's first line `#:schema"
        " ./catalog.schema.json`, so an editor checks each entry as it is typed.",
    )
    schema.add_argument("--write", action="store_true", help="write it beside catalog.toml and point the file at it")


def _rows(section: str, entry) -> list[list[str]]:
    """One row an entry; a platform's every data-handling fact (BAA, zero retention, each region)."""
    if section != "platforms":
        return [_summary(section, entry)]
    rows = [[entry.id, "BAA", entry.baa.status, entry.baa.as_of.isoformat(), entry.baa.source]]
    z = entry.zero_retention
    rows.append([entry.id, "zero retention", z.status, z.as_of.isoformat(), z.source])
    for t in entry.regions:
        rows.append([entry.id, f"region {t.region} ({t.via})", _region_status(t), t.as_of.isoformat(), t.source])
    if not entry.regions:
        rows.append([entry.id, "regions", "unknown", "—", "no source read says"])
    return rows


def _region_status(term) -> str:
    if not term.priced:
        return "yes, not priced"
    return f"yes, ×{term.price_factor:g}" if term.price_factor != 1 else "yes"


def _summary(section: str, entry) -> list[str]:
    from advisor.text.render import price as per_unit
    from advisor.text.render import tokens

    if section == "cloud":
        p = entry.price
        cache = f"cache {per_unit(p.cache_read)}" if p.cache_read is not None else "no cache discount known"
        return [
            entry.id,
            entry.tier,
            f"{per_unit(p.input)} / {per_unit(p.output)} per M",
            cache,
            p.as_of.isoformat(),
            p.source,
        ]
    if section == "hardware":
        price = per_unit(entry.price_usd) if entry.kind == "owned" else f"{per_unit(entry.hourly_usd)}/h"
        return [entry.id, f"{entry.memory_gb:g} GB", price, entry.as_of.isoformat(), entry.source]
    if section == "local-models":
        return [entry.id, entry.tier, f"{entry.params_b:g}B", entry.as_of.isoformat(), entry.source]
    if section == "electricity":
        return [entry.id, f"${entry.usd_per_kwh:.2f}/kWh", entry.as_of.isoformat(), entry.source]
    if section == "stacks":  # what runs replicas across machines, and what each needs
        return [entry.id, ", ".join(entry.engines), "; ".join(entry.needs), entry.as_of.isoformat(), entry.source]
    if section == "currencies":
        return [entry.id, f"{entry.per_eur:g} per euro", entry.as_of.isoformat(), entry.source]
    per_day = f"{entry.requests_per_day:,.0f}/day"
    size = f"{tokens(entry.input_tokens_per_request)} in / {tokens(entry.output_tokens_per_request)} out"
    return [entry.id, per_day, size, entry.privacy, entry.source]


def _price_line(p) -> str:
    from advisor.text.render import price as per_unit

    parts = [f"{per_unit(p.input)} in / {per_unit(p.output)} out per M"]
    parts.append(f"cache read {per_unit(p.cache_read)}" if p.cache_read is not None else "no cache discount known")
    if p.cache_write_5m is not None:
        parts.append(f"cache write {per_unit(p.cache_write_5m)} (5 min)")
    if p.cache_write_1h is not None:
        parts.append(f"{per_unit(p.cache_write_1h)} (1 h)")
    if p.peak_hours_per_day:
        parts.append(
            f"{p.peak_hours_per_day:g} peak hours a day at {per_unit(p.peak_input)} / {per_unit(p.peak_output)}"
        )
    if p.long_context_threshold:
        parts.append(
            f"requests over {p.long_context_threshold:,} input tokens"
            f" {per_unit(p.long_context_input)} / {per_unit(p.long_context_output)}"
        )
    return ", ".join(parts)


def _cloud_lines(entry) -> list[str]:
    """One cloud model for a reader: its price, the date and source of it, tier and history."""
    p = entry.price
    lines = [
        f"{entry.id} — {entry.name} ({entry.provider})",
        f"price: {_price_line(p)}",
        f"as of: {p.as_of} — source: {p.source}",
        f"tier: {entry.tier} — {entry.tier_basis}",
    ]
    if p.note:
        lines.append(f"price note: {p.note}")
    if entry.batch_discount is not None:
        lines.append(f"batch: {entry.batch_discount:.0%} off")
    if entry.context_tokens:
        lines.append(f"context: {entry.context_tokens:,} tokens")
    if entry.retires:
        lines.append(f"retires: {entry.retires} (not picked after it)")
    if entry.aliases:
        lines.append(f"also called: {', '.join(entry.aliases)}")
    if entry.note:
        lines.append(f"note: {entry.note}")
    if entry.history:
        lines.append("history:")
        lines += [f"  {h.as_of}  {_price_line(h)} — {h.source}" for h in entry.history]
    return lines


def _entry_lines(fields: dict, indent: str = "") -> list[str]:
    """An entry as a reader reads it: one line a field, a nested record's fields indented under it,
    a list of records one "-" a record; nothing shown as Python writes it (no braces, None, True)."""
    lines: list[str] = []
    for key, value in fields.items():
        if isinstance(value, dict) and value:
            lines += [f"{indent}{key}:", *_entry_lines(value, indent + "  ")]
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            lines.append(f"{indent}{key}:")
            for record in value:
                nested = _entry_lines(record, indent + "    ") if isinstance(record, dict) else [_plain(record)]
                lines.append(f"{indent}  - {nested[0].lstrip()}")
                lines += nested[1:]
        else:
            lines.append(f"{indent}{key}: {_plain(value)}")
    return lines


def _plain(value: object) -> str:
    """A scalar or a list of scalars in words: none as —, booleans as yes/no, a list comma-separated."""
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value) if value else "—"
    if value is None or value == "" or value == {}:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


@command("catalog", help="list, show, validate or update the catalog", arguments=arguments)
def run(args: argparse.Namespace) -> int:
    from advisor.config import load_config

    if args.action == "schema":
        return _schema(args.write)
    if args.action == "update":
        return _update(args)
    config = load_config()
    if args.action == "validate":
        return _validate(args.paths or config.catalog_files, config)
    catalog = config.catalog()
    if args.action == "list":
        sections = [args.section] if args.section else list(SECTIONS)
        if args.json:
            data = {s: [e.model_dump(mode="json") for e in catalog.section(s).values()] for s in sections}
            print(json.dumps(data if len(sections) > 1 else data[sections[0]], indent=2))
            return 0
        for s in sections:
            print(f"{s}:")
            print(_table([row for e in catalog.section(s).values() for row in _rows(s, e)]))
            print()
        return 0
    args.id = " ".join(args.id)
    for s in SECTIONS:
        entry = catalog.section(s).get(args.id)
        if entry is None and (found := catalog.resolve(s, args.id)) and len(found) == 1:
            entry = catalog.section(s)[found[0]]
        if entry is not None:
            if args.json:
                print(json.dumps(entry.model_dump(mode="json"), indent=2))
            elif s == "cloud":
                print("\n".join(_cloud_lines(entry)))
            else:
                print("\n".join(_entry_lines(entry.model_dump(mode="json"))))
            return 0
    close = [i for s in SECTIONS for i in catalog.closest(s, args.id)]
    hint = f"did you mean {', '.join(close[:4])}?" if close else "see `advisor catalog list`"
    raise UsageError(f"id: unknown {args.id!r}; {hint}")


def _validate(paths: list[Path], config) -> int:
    from advisor.tools.catalog import CatalogError, load_catalog, validate_file

    try:
        catalog = load_catalog(tuple(config.catalog_files))
        count = sum(len(catalog.section(s)) for s in SECTIONS)
        print(f"shipped catalog: {count} entries, valid")
        for path in paths:
            if not path.exists():  # a FIFO, a device or a folder is named by validate_file
                raise UsageError(f"path: {str(path)!r} does not exist")
            print(f"{path}: {validate_file(path)} entries, valid")
    except CatalogError as exc:
        raise UsageError(str(exc)) from None
    return 0


def _update(args: argparse.Namespace) -> int:
    from advisor.config import load_config
    from advisor.paths import config_dir

    config = load_config(offline=args.offline)
    kinds = [args.what] if args.what else (["prices"] if args.source else ["prices", "rates"])
    path = config_dir() / "catalog.toml"
    for kind in kinds:
        (_update_prices if kind == "prices" else _update_rates)(args, config, path)
    return 0


def _refuse_offline(config, source: str) -> None:
    from advisor.upkeep.catalog_update import is_url

    if config.offline and is_url(source):
        raise UsageError(f"offline: `catalog update` would fetch {source}; run it online, or give --from FILE")


def _update_prices(args: argparse.Namespace, config, path: Path) -> None:
    from advisor.tools.price_feed import feed_config
    from advisor.upkeep import catalog_update as cu

    source = args.source or feed_config().url
    _refuse_offline(config, source)
    try:
        keep = cu.own_cloud_ids(cu.read_user_catalog(path))
        plan = cu.plan(source, config.catalog(), cu.progress_line)
        print("\n".join(cu.describe(plan, keep)))
        if args.dry_run:
            print("Dry run: nothing written.")
            return
        written = cu.write(path, plan, keep)
    except cu.UpdateError as exc:
        raise UsageError(str(exc)) from None
    print(f"Wrote {written} cloud entries to {path}.")


def _update_rates(args: argparse.Namespace, config, path: Path) -> None:
    from advisor.upkeep import rates_update as ru
    from advisor.upkeep.catalog_update import UpdateError, progress_line

    source = args.source if args.what == "rates" and args.source else ru.update_url()
    _refuse_offline(config, source)
    try:
        plan = ru.plan(source, config.catalog(), progress_line)
        print("\n".join(ru.describe(plan)))
        if args.dry_run:
            print("Dry run: nothing written.")
            return
        written = ru.write(path, plan)
    except UpdateError as exc:
        raise UsageError(str(exc)) from None
    print(f"Wrote {written} exchange rates to {path}.")


def _schema(write: bool) -> int:
    from advisor.paths import config_dir
    from advisor.tools.catalog_schema import schema_text

    if not write:
        sys.stdout.write(schema_text())
        return 0
    from advisor.upkeep.catalog_block import read_catalog_text
    from advisor.upkeep.catalog_schema import point_at_schema, write_schema_beside

    path = config_dir() / "catalog.toml"
    text = read_catalog_text(path)  # a file that is not a regular UTF-8 one: one line, nothing written
    written = write_schema_beside(path)
    point_at_schema(path, text)
    print(f"wrote {written}; {path} starts with `#:schema ./{written.name}`")
    return 0
