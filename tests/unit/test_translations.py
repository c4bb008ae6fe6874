"""The answers in German, French and Spanish: every message the code marks for translation (``w._``,
``w.n_``, ``N_`` — extracted with Babel, as `pybabel extract` would), every interview question
(prompts/questions.toml), every region's name (catalog/regions.toml) and how each offering keeps the
data in a region (catalog/platforms.toml's ``via``) has a translation in each language's ``.po``
(advisor/text/locale), with the same ``{placeholders}`` as the English.

After adding or changing a message: `python -m tests.unit.test_translations --update` writes the template
(advisor.pot) again and merges it into each ``.po`` (new messages empty, gone ones dropped); then
translate the empty ones."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest
from babel.messages.catalog import DEFAULT_HEADER, Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "advisor" / "text" / "locale"
LANGS = ("de", "fr", "es", "it", "nl", "pt", "pl")
KEYWORDS = {"_": None, "N_": None, "n_": (1, 2)}
SOURCES = [*sorted((ROOT / "advisor").rglob("*.py")), *sorted((ROOT / "tools").glob("*.py"))]
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def extracted() -> dict[str | tuple[str, str], list[str]]:
    """msgid (or its singular and plural) → where it is used."""
    out: dict[str | tuple[str, str], list[str]] = {}
    for path in SOURCES:
        if "locale" in path.parts or not path.is_file():
            continue
        for line, message, _comments, _context in extract_from_file(
            "python", str(path), keywords=KEYWORDS, options={"encoding": "utf-8"}
        ):
            key = tuple(message) if isinstance(message, tuple) else message
            if key:
                out.setdefault(key, []).append(f"{path.relative_to(ROOT)}:{line}")
    regions = tomllib.loads((ROOT / "catalog" / "regions.toml").read_text(encoding="utf-8"))
    for region in regions["region"]:  # how a boundary phrase names it (advisor/text/phrases.py)
        out.setdefault(region["name"], []).append(f"catalog/regions.toml:{region['id']}")
    platforms = tomllib.loads((ROOT / "catalog" / "platforms.toml").read_text(encoding="utf-8"))
    for platform in platforms["platform"]:  # how an offering keeps the data in a region (phrases.py _via)
        for term in platform.get("regions", []):
            if term.get("via"):
                out.setdefault(term["via"], []).append(f"catalog/platforms.toml:{platform['id']}")
    questions = tomllib.loads((ROOT / "prompts" / "questions.toml").read_text(encoding="utf-8"))
    for field, table in questions.items():
        for kind in ("text", "again"):
            if kind in table:
                out.setdefault(table[kind], []).append(f"prompts/questions.toml:{field}.{kind}")
    return out


def _po(lang: str) -> Catalog:
    with (LOCALE / lang / "LC_MESSAGES" / "advisor.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated_with_the_same_placeholders(lang):
    catalog = _po(lang)
    missing, wrong = [], []
    for key, where in extracted().items():
        message = catalog.get(key[0] if isinstance(key, tuple) else key)
        strings = (message.string if isinstance(message.string, tuple | list) else [message.string]) if message else []
        if not message or not all(strings) or message.fuzzy:
            missing.append((key, where[0]))
            continue
        english = key if isinstance(key, tuple) else (key,)
        expected = set().union(*(_placeholders(e) for e in english))
        for string in strings:
            if _placeholders(string) != expected:
                wrong.append((key, string))
    assert not missing, f"{len(missing)} messages untranslated in {lang}: {missing[:5]}"
    assert not wrong, f"placeholders differ in {lang}: {wrong[:5]}"


def test_german_sets_no_dative_preposition_before_a_count_of_months():
    """'{n} Monate' (Words.months) is nominative or accusative: 'nach 29,6 Monate', 'ab 4,6 Monate' are
    wrong German (the dative is 'Monaten'), so a German message puts no preposition that takes the
    dative right before a months figure ('Kreuzung: 29,6 Monate', 'sobald 4,6 Monate vergangen sind')."""
    dative = re.compile(r"\b(?:nach|ab|seit|in|von|bei|mit|binnen|innerhalb)\s+\{(?:months|payback_months)\}", re.I)
    catalog = _po("de")
    assert catalog.get("{n} months").string == "{n} Monate"  # the form the figure is written in
    wrong = [m.string for m in catalog if m.id and isinstance(m.string, str) and dative.search(m.string)]
    assert not wrong, wrong


def test_the_catalogs_are_read_at_run_time():
    from advisor.text.words import Words, translations

    assert translations("de").get("Assuming") == "Annahmen"
    assert Words(lang="fr")._("{n} months", n="4,6") == "4,6 mois"
    assert Words(lang="es").n_("{n} stream", "{n} streams", 2) == "2 flujos"


def written() -> dict[Path, bytes]:
    """advisor.pot from the sources and each language's .po merged with it, as `--update` writes them:
    sorted by msgid, each message with where it is used, the template's creation date kept from the one
    written before (running it twice changes nothing)."""
    pot = LOCALE / "advisor.pot"
    created = read_po(pot.open("rb")).creation_date if pot.is_file() else None
    # The header's year follows the template's creation date, not the calendar (babel would write the
    # current year: under CI's clock a year ahead the template would differ from the one committed).
    header = DEFAULT_HEADER.replace("YEAR", str(created.year)) if created else DEFAULT_HEADER
    dated = {"creation_date": created} if created else {}
    template = Catalog(project="advisor", domain="advisor", header_comment=header, **dated)
    for key, where in extracted().items():
        locations = [(w.split(":")[0], int(w.split(":")[1]) if w.split(":")[1].isdigit() else 0) for w in where]
        template.add(key, locations=locations)
    out = {pot: _written(template, omit_header=False)}
    for lang in LANGS:
        path = LOCALE / lang / "LC_MESSAGES" / "advisor.po"
        catalog = _po(lang) if path.is_file() else Catalog(locale=lang, project="advisor", domain="advisor")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        out[path] = _written(catalog, ignore_obsolete=True)
    return out


def _written(catalog: Catalog, **options) -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    write_po(buffer, catalog, width=120, sort_output=True, **options)
    return buffer.getvalue()


def test_the_catalogs_are_as_update_writes_them():
    """No message placed by hand out of `--update`'s order (it moved one the next time it ran): each file
    holds the messages `--update` writes, in its order (where each is used — a line number — may lag)."""
    for path, text in written().items():
        assert _messages(path.read_bytes()) == _messages(text), (
            f"{path.relative_to(ROOT)}: not as --update writes it: run python -m tests.unit.test_translations --update"
        )


def _messages(text: bytes) -> list[str]:
    return [line for line in text.decode().splitlines() if not line.startswith("#:")]


def update() -> None:
    """Write advisor.pot from the sources, then merge it into each language's .po."""
    for path, text in written().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text)


if __name__ == "__main__":
    if "--update" in sys.argv:
        update()
        print(f"wrote {LOCALE / 'advisor.pot'} and merged it into {', '.join(LANGS)}")
