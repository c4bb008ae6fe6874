"""`advisor catalog update rates`: the ECB's euro reference rates, read from a loopback HTTP server
(Python's http.server on 127.0.0.1) serving the ECB's own files — the daily CSV and the first days
of the history, as published (tests/data/ecb), and the daily XML in the ECB's layout with the same
day's figures. The rates land in a marked block of the user's catalog.toml with their date and
source; a file that is not the ECB's changes nothing; offline, no connection is even attempted."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.tools.catalog import load_catalog, per_usd
from advisor.upkeep.rates_update import parse
from tests.netguard import guard
from tests.protocol.test_catalog_update import serve

ECB = Path(__file__).parents[1] / "data" / "ecb"
OCT_30, OCT_29 = date(2026, 10, 30), date(2026, 10, 29)


def test_each_of_the_ecbs_files_reads_to_the_same_day():
    for name in ("eurofxref.csv", "eurofxref-daily.xml", "eurofxref-hist.csv"):
        rates = parse((ECB / name).read_bytes())
        assert rates.day == OCT_30, name
        assert rates.per_eur["USD"] == 1.1172 and rates.per_eur["GBP"] == 0.8338 and rates.per_eur["EUR"] == 1.0


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"<html>Service unavailable</html>", "neither the ECB's XML"),
        (b"Date, USD, GBP\n", "a header and no rates"),
        (b"Date, JPY\n30 October 2026, 175.68\n", "no USD rate"),
        (b"Date, USD\nyesterday, 1.1\n", "is not a date the ECB writes"),
        (b"<Cube time='2026-10-30'><Cube currency='GBP' rate='0.8'/></Cube>", "no USD rate"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_a_file_that_is_not_the_ecbs_is_refused_naming_why(data, why):
    with pytest.raises(ValueError, match=why):
        parse(data)


@pytest.fixture
def site(tmp_path):
    """The ECB's daily XML, and a history whose newest day is 29 October (its 30 October row taken
    off), so an update from it changes the shipped rates."""
    root = tmp_path / "ecb"
    root.mkdir()
    shutil.copy(ECB / "eurofxref-daily.xml", root)
    header, _newest, *older = (ECB / "eurofxref-hist.csv").read_text().splitlines()
    (root / "hist.csv").write_text("\n".join([header, *older]) + "\n")
    (root / "garbage.xml").write_text("<html>maintenance</html>")
    with serve(root) as url:
        yield url


def test_an_update_writes_the_rates_with_their_day_and_source(site, tmp_path, capsys):
    user = tmp_path / "config" / "catalog.toml"
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_text(
        '[[electricity]]\nid = "office"\nname = "Ours"\nusd_per_kwh = 0.2\nsource = "bill"\nas_of = 2026-11-01\n'
    )
    before = user.read_text()
    assert main(["catalog", "update", "rates", "--from", f"{site}/hist.csv"]) == 0
    out = capsys.readouterr()
    assert "Fetching the ECB's reference rates from" in out.err
    assert "rates of 2026-10-29" in out.out and "GBP: 0.83578 per euro (was 0.8338 per euro)" in out.out
    assert user.read_text().startswith(before)  # the user's own entries stay, byte for byte
    catalog = load_catalog((user,))
    gbp = catalog.currencies["GBP"]
    assert (gbp.per_eur, gbp.as_of) == (0.83578, OCT_29) and "ECB" in gbp.source and "2026-10-29" in gbp.source
    assert per_usd(catalog, "EUR") == pytest.approx(1 / 1.113)

    assert main(["catalog", "update", "rates", "--from", f"{site}/eurofxref-daily.xml"]) == 0  # the block is rewritten
    capsys.readouterr()
    catalog = load_catalog((user,))
    # one entry a catalog currency (USD, EUR, GBP, CHF, PLN, BRL), the block written over, not added again
    assert catalog.currencies["GBP"].as_of == OCT_30 and user.read_text().count("[[currencies]]") == 6


def test_a_bad_file_changes_nothing(site, tmp_path, capsys):
    user = tmp_path / "config" / "catalog.toml"
    assert main(["catalog", "update", "rates", "--from", f"{site}/garbage.xml"]) == 2
    *progress, error = capsys.readouterr().err.strip().splitlines()
    assert "neither the ECB's XML" in error and "nothing changed" in error and error.startswith("advisor: error:")
    assert len(progress) == 2  # fetching, received
    assert not user.exists()


def test_offline_the_update_is_refused_before_any_connection(capsys):
    with guard() as record:
        assert main(["catalog", "update", "rates", "--offline"]) == 2
    assert "offline" in capsys.readouterr().err and not record.allowed and not record.refused
