"""`advisor catalog update` against a loopback HTTP server (Python's http.server on 127.0.0.1)
serving a trimmed copy of genai-prices' published v2 data (tests/data, MIT), and against truncated,
malformed and wrong-version copies. A file that fails changes nothing; offline, no connection is
even attempted (tests/netguard.py refuses anything beyond loopback before it runs)."""

from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.tools.catalog import load_catalog
from tests.netguard import HOSTILE_ENV, guard

FIXTURE = Path(__file__).parents[1] / "data" / "genai_prices_v2.json"
CHECKED = date(2026, 11, 20)  # the served file's modification date: its Last-Modified


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A static HTTP server on 127.0.0.1 for ``directory``; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site(tmp_path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "site"
    root.mkdir()
    data = root / "data.json"
    data.write_bytes(FIXTURE.read_bytes())
    stamp = datetime(CHECKED.year, CHECKED.month, CHECKED.day, 12).timestamp()
    os.utime(data, (stamp, stamp))
    with serve(root) as url:
        yield url, root


@pytest.fixture
def user_catalog(tmp_path) -> Path:
    """The user's catalog.toml beside config.toml, holding one entry of their own."""
    path = tmp_path / "config" / "catalog.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '[[electricity]]\nid = "office"\nname = "Our office"\nusd_per_kwh = 0.21\n'
        'source = "our bill"\nas_of = 2026-11-01\n'
    )
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_update_lists_what_it_adds_and_changes_and_writes_the_user_catalog(site, user_catalog, capsys):
    url, _ = site
    before = user_catalog.read_text()
    code, out, err = run(capsys, "catalog", "update", "--from", f"{url}/data.json")
    assert code == 0, err
    assert "Fetching genai-prices data from" in err and "Received" in err  # the progress line
    assert "+ gemini-3.5-flash" in out and "strong" in out
    # Sonnet 5's $3/$15 from 2026-09-01 in this (August) data is a dated price, in force today.
    assert "~ claude-sonnet-5: input $2.00 → $3.00 (+50%), output $10.00 → $15.00 (+50%)" in out
    assert "deepseek-v4-pro: input $0.66 → $0.435 (-34%)" in out
    assert f"checked {CHECKED}" in out
    text = user_catalog.read_text()
    assert text.startswith(before)  # the user's own entries stay, byte for byte
    catalog = load_catalog((user_catalog,))
    assert catalog.electricity["office"].usd_per_kwh == 0.21
    sonnet = catalog.cloud["claude-sonnet-5"]
    assert (sonnet.price.input, sonnet.price.output, sonnet.price.as_of) == (3.0, 15.0, CHECKED)
    assert sonnet.price.source == "genai-prices v2 data (anthropic/claude-sonnet-5): in force since 2026-09-01"
    assert [(h.as_of, h.input) for h in sonnet.history if "genai-prices (" in h.source] == [
        (date(2026, 8, 31), 2.0),
        (date(2026, 9, 1), 3.0),
    ]
    assert any(h.input == 2.0 and h.as_of == date(2026, 11, 9) for h in sonnet.history)  # the shipped price kept
    new = catalog.cloud["gemini-3.5-flash"]
    assert new.tier == "strong" and "tier rule" in new.tier_basis and new.price.as_of == CHECKED

    code, out, _ = run(capsys, "catalog", "list", "cloud")
    assert code == 0
    line = next(row for row in out.splitlines() if row.startswith("gemini-3.5-flash "))
    assert str(CHECKED) in line and "genai-prices v2 data" in line


def test_a_second_update_from_the_same_data_changes_nothing(site, user_catalog, capsys):
    url, _ = site
    assert run(capsys, "catalog", "update", "--from", f"{url}/data.json")[0] == 0
    first = load_catalog((user_catalog,)).cloud
    code, out, _ = run(capsys, "catalog", "update", "--from", f"{url}/data.json")
    assert code == 0 and "No new models and no price changes." in out
    assert load_catalog((user_catalog,)).cloud == first


def test_dry_run_writes_nothing(site, user_catalog, capsys):
    url, _ = site
    before = user_catalog.read_bytes()
    code, out, _ = run(capsys, "catalog", "update", "--from", f"{url}/data.json", "--dry-run")
    assert code == 0 and "+ gemini-3.5-flash" in out and "Dry run: nothing written." in out
    assert user_catalog.read_bytes() == before


def test_the_users_own_cloud_entry_is_kept(site, user_catalog, capsys):
    url, _ = site
    mine = (
        '\n[[cloud]]\nid = "deepseek-v4-pro"\nname = "DeepSeek V4 Pro (our contract)"\nprovider = "deepseek"\n'
        'tier = "strong"\ntier_basis = "our evals"\n[cloud.price]\ninput = 0.5\noutput = 1.0\n'
        'source = "our contract"\nas_of = 2026-10-01\n'
    )
    user_catalog.write_text(user_catalog.read_text() + mine)
    code, out, _ = run(capsys, "catalog", "update", "--from", f"{url}/data.json")
    assert code == 0 and "kept your own entry" in out
    assert load_catalog((user_catalog,)).cloud["deepseek-v4-pro"].price.source == "our contract"


def _bad_files() -> dict[str, tuple[bytes, str]]:
    good = FIXTURE.read_bytes()
    malformed = json.loads(good)
    sonnet = next(m for m in malformed[0]["models"] if m["id"] == "claude-sonnet-5")
    sonnet["prices"][1]["prices"]["input_mtok"] = "three dollars"
    v3 = {"units": {"input_tokens": {"per": 1000000}}, "providers": json.loads(good)}
    return {
        "truncated": (good[: len(good) // 2], "truncated?"),
        "malformed": (json.dumps(malformed).encode(), "models[claude-sonnet-5]"),
        "wrong-version": (json.dumps(v3).encode(), "schema"),
        "empty": (b"[]", "schema"),
        "not-json": (b"<html>rate limited</html>", "not valid JSON"),
    }


@pytest.mark.parametrize("kind", list(_bad_files()))
def test_a_bad_file_is_refused_and_changes_nothing(kind, site, user_catalog, capsys):
    url, root = site
    data, says = _bad_files()[kind]
    (root / "bad.json").write_bytes(data)
    before = user_catalog.read_bytes()
    for source in (f"{url}/bad.json", str(root / "bad.json")):
        code, out, err = run(capsys, "catalog", "update", "--from", source)
        lines = err.strip().splitlines()
        assert code == 2 and says in lines[-1] and "nothing changed" in lines[-1], err
        assert "Traceback" not in err and not out
        assert user_catalog.read_bytes() == before
    assert not list(user_catalog.parent.glob(".catalog-*"))  # no temporary file left behind


def test_a_missing_file_or_page_is_a_clear_error(site, capsys):
    url, root = site
    code, _, err = run(capsys, "catalog", "update", "--from", f"{url}/nope.json")
    assert code == 2 and "HTTP 404" in err
    code, _, err = run(capsys, "catalog", "update", "--from", str(root / "nope.json"))
    assert code == 2 and "nope.json' does not exist" in err


def test_a_server_that_does_not_answer_times_out(monkeypatch, capsys):
    """A loopback socket that accepts and never answers: the fetch gives up at the timeout."""
    import socket

    from advisor.tools import price_feed

    quick = price_feed.feed_config().model_copy(update={"timeout_seconds": 0.5})
    monkeypatch.setattr("advisor.upkeep.catalog_update.feed_config", lambda: quick)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        code, _, err = run(capsys, "catalog", "update", "--from", f"http://127.0.0.1:{port}/data.json")
    assert code == 2 and "timeout 0.5 s" in err.strip().splitlines()[-1]


def test_offline_refuses_the_update_before_any_connection(monkeypatch, user_catalog, capsys):
    for key, value in HOSTILE_ENV.items():
        monkeypatch.setenv(key, value)
    before = user_catalog.read_bytes()
    with guard() as record:
        code, out, err = run(capsys, "catalog", "update", "--offline")
        assert code == 2 and len(err.strip().splitlines()) == 1 and "offline" in err and not out
        monkeypatch.setenv("ADVISOR_OFFLINE", "1")
        code, _, err = run(capsys, "catalog", "update", "--from", "http://127.0.0.1:9/data.json")
        assert code == 2 and "offline" in err
    assert record.refused == [] and record.allowed == []
    assert user_catalog.read_bytes() == before


def test_offline_reads_a_local_file(user_catalog, capsys):
    """A file already on this machine sends nothing anywhere: offline may read it."""
    with guard() as record:
        code, out, _ = run(capsys, "catalog", "update", "--offline", "--from", str(FIXTURE), "--dry-run")
    assert code == 0 and "+ gemini-3.5-flash" in out
    assert record.refused == []


async def test_the_chat_shows_the_update_and_asks_before_writing(site, user_catalog):
    """/catalog update in the TUI (real Session, no language model) lists the changes and writes
    only on /catalog write; the session's next figures use the new prices."""
    from advisor.tui.app import AdvisorApp
    from tests.tui.test_tui import factory
    from tests.tui.test_tui_fake import notices, ready, replies, say, settle

    url, _ = site
    before = user_catalog.read_bytes()
    app = AdvisorApp(factory("catalog-update"))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, app)
        await say(pilot, f"/catalog update {url}/data.json")  # offline session: a URL is refused
        await settle(pilot)
        assert any("offline" in n for n in notices(app, "error"))
        app.session.offline = False
        await say(pilot, f"/catalog update {url}/data.json")
        await settle(pilot)
        shown = replies(app)[-1]
        assert "+ gemini-3.5-flash" in shown and "claude-sonnet-5: input $2.00 → $3.00 (+50%)" in shown
        assert "/catalog write" in shown and user_catalog.read_bytes() == before  # asked, not written
        await say(pilot, "/catalog write")
        await settle(pilot)
        assert any("wrote" in n for n in notices(app)), notices(app)
        assert app.session.catalog.cloud["claude-sonnet-5"].price.input == 3.0
        await say(pilot, "/catalog write")
        await settle(pilot)
        assert any("nothing to write" in n for n in notices(app, "error"))


def test_an_answer_on_old_prices_says_so_and_offers_the_update(user_catalog, capsys):
    """`advisor ask` whose cheapest cloud option rests on a price checked long ago."""
    user_catalog.write_text(
        '[[cloud]]\nid = "groq-gpt-oss-120b"\nname = "gpt-oss-120b on Groq"\nprovider = "groq"\n'
        'tier = "strong"\ntier_basis = "as shipped"\n[cloud.price]\ninput = 0.15\noutput = 0.60\n'
        'source = "an old check"\nas_of = 2026-01-05\n'
    )
    text = "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data"
    code, out, _ = run(capsys, "ask", "--local", "none", "--offline", text)
    assert code == 0
    stale = next(line for line in out.splitlines() if "last checked more than 120 days ago" in line)
    assert "groq-gpt-oss-120b" in stale and "/catalog update" in stale and "advisor catalog update" in stale
