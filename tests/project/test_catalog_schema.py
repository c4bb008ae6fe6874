"""The JSON Schema of a user's catalog.toml (catalog/catalog.schema.json) is generated from the
catalog's models and kept in sync here; it accepts every shipped entry and a file the advisor itself
writes, and refuses what the loader refuses (checked with jsonschema's draft-7 validator, the draft
Taplo reads); `advisor catalog schema --write` points the user's file at it."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from advisor.cli import main
from advisor.tools.catalog import ENTRY_TYPES, CatalogError, load_catalog
from advisor.tools.catalog_schema import schema_text, user_catalog_schema

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "catalog" / "catalog.schema.json"
VALIDATOR = Draft7Validator(user_catalog_schema())


def as_an_editor_sees(toml_text: str) -> dict[str, Any]:
    """TOML as JSON (dates as ISO strings, as Taplo hands them to the schema)."""
    return json.loads(json.dumps(tomllib.loads(toml_text), default=str))


def test_the_shipped_schema_is_the_generated_one():
    assert SHIPPED.read_text(encoding="utf-8") == schema_text(), (
        "catalog/catalog.schema.json is stale: run `advisor catalog schema > catalog/catalog.schema.json`"
    )
    Draft7Validator.check_schema(json.loads(schema_text()))


def test_every_shipped_entry_is_valid(catalog):
    for section in ENTRY_TYPES:
        entries = [e.model_dump(mode="json", exclude_none=True) for e in catalog.section(section).values()]
        document = {section.replace("-", "_"): entries}
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]
        assert entries and errors == [], (section, errors[:3])


GOOD = """
[[electricity]]
id = "home"
name = "Home tariff"
usd_per_kwh = 0.31
source = "our bill"
as_of = 2026-10-01
"""

BAD = [
    (GOOD.replace("usd_per_kwh", "usd_per_kwhh"), "usd_per_kwhh"),  # a typo
    (GOOD.replace("0.31", '"cheap"'), "cheap"),  # a wrong type
    (GOOD.replace("0.31", "9.5"), "9.5"),  # out of range (lt 5)
    (GOOD.replace("[[electricity]]", "[[electricty]]"), "electricty"),  # a section misspelt
    (GOOD.replace('source = "our bill"\n', ""), "source"),  # a required field missing
]


def test_a_good_file_passes_the_schema_and_the_loader(tmp_path):
    assert list(VALIDATOR.iter_errors(as_an_editor_sees(GOOD))) == []
    path = tmp_path / "catalog.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_catalog((path,)).electricity["home"].usd_per_kwh == 0.31


@pytest.mark.parametrize(("text", "named"), BAD, ids=[b[1] for b in BAD])
def test_what_the_loader_refuses_the_schema_refuses(tmp_path, text, named):
    errors = [e.message for e in VALIDATOR.iter_errors(as_an_editor_sees(text))]
    assert errors, "the schema let it through"
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError):
        load_catalog((path,))


def test_schema_write_points_the_users_file_at_it(tmp_path, capsys):
    config = Path(tmp_path / "config")  # ADVISOR_CONFIG_DIR (conftest)
    config.mkdir(parents=True, exist_ok=True)
    (config / "catalog.toml").write_text(GOOD, encoding="utf-8")
    assert main(["catalog", "schema", "--write"]) == 0
    text = (config / "catalog.toml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "#:schema ./catalog.schema.json" and text.endswith(GOOD)
    assert (config / "catalog.schema.json").read_text(encoding="utf-8") == schema_text()
    assert main(["catalog", "schema", "--write"]) == 0  # again: the line is not added twice
    assert (config / "catalog.toml").read_text(encoding="utf-8") == text
    assert main(["catalog", "show", "home"]) == 0 and "our bill" in capsys.readouterr().out


def test_a_catalog_the_advisor_creates_starts_with_the_schema_line(tmp_path):
    from advisor.upkeep.catalog_block import replace_block

    path = tmp_path / "config" / "catalog.toml"
    replace_block(path, "", "# >>> test block\n" + GOOD + "# <<< test block\n")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#:schema ./catalog.schema.json\n")
    assert list(VALIDATOR.iter_errors(as_an_editor_sees(text))) == []
    assert (path.parent / "catalog.schema.json").is_file()
    replace_block(path, "# mine\n", "# >>> test block\n" + GOOD + "# <<< test block\n")  # an existing file
    assert path.read_text(encoding="utf-8").startswith("# mine\n")  # the user's text, as written
