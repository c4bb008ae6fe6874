"""`/export` with no path writes under the data dir's `exports` folder, named after the session and
the day; a second export that day gets its own file; an existing file is never overwritten; a folder
given gets the default name inside it (the real Session, no language model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.config import load_config
from advisor.errors import UsageError
from advisor.session import Session
from advisor.tools import clock

TRIAGE = "We triage 5,000 tickets a day, 2k tokens in and 300 out each, public data"


@pytest.fixture
def session(tmp_path, monkeypatch) -> Session:
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")  # it must stay empty
    s = Session.open(load_config(local="none", offline=True, data_dir=tmp_path / "data"), session_name="acme")
    list(s.turn(TRIAGE))
    yield s
    s.close()


def test_the_default_is_the_data_dirs_exports_folder_and_never_the_current_one(session, tmp_path):
    first = session.export()
    assert first == tmp_path / "data" / "exports" / f"advisor-report-acme-{clock.today():%Y-%m-%d}.md"
    assert first.read_text(encoding="utf-8").startswith("# ")
    second = session.export()
    assert second == first.with_name(f"advisor-report-acme-{clock.today():%Y-%m-%d}-2.md") and second.is_file()
    assert list((tmp_path / "cwd").iterdir()) == []


def test_an_existing_file_is_not_overwritten(session, tmp_path):
    taken = tmp_path / "mine.md"
    taken.write_text("keep me", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        session.export(taken)
    message = str(caught.value)
    assert str(taken) in message and "exists" in message and "\n" not in message
    assert taken.read_text(encoding="utf-8") == "keep me"


def test_a_folder_gets_the_default_name_inside_it(session, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    written = session.export(folder)
    assert written.parent == folder and written.name == f"advisor-report-acme-{clock.today():%Y-%m-%d}.md"


def test_a_missing_folder_is_one_line(session, tmp_path):
    with pytest.raises(UsageError, match="no folder"):
        session.export(tmp_path / "nowhere" / "r.md")


def test_a_session_name_that_is_no_file_name_is_made_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = Session.open(load_config(local="none", offline=True, data_dir=tmp_path / "data"), session_name="q3/acme: legal")
    list(s.turn(TRIAGE))
    written = s.export()
    s.close()
    assert written.parent == tmp_path / "data" / "exports"
    assert written.name == f"advisor-report-q3-acme-legal-{clock.today():%Y-%m-%d}.md"


def test_an_auto_named_session_carries_its_date_once(tmp_path):
    s = Session.open(load_config(local="none", offline=True, data_dir=tmp_path), new=True)
    list(s.turn(TRIAGE))
    written = s.export()
    s.close()
    assert written.name == f"advisor-report-{s.name}.md" and s.name.startswith(f"{clock.today():%Y-%m-%d}")


def test_an_exports_folder_taken_by_a_file_is_one_line_with_a_hint(session, tmp_path):
    (tmp_path / "data" / "exports").write_text("not a folder", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        session.export()
    assert str(caught.value) == (
        f"export: cannot make the folder '{tmp_path / 'data' / 'exports'}': a file has that name"
        " — make the data dir writable, or give a path: /export FILE"
    )


def test_a_path_that_cannot_be_written_is_one_line_with_a_hint(session):
    """/sys refuses a new file to anyone, root too (a read-only data dir is tests/unit/test_fault_injection.py's)."""
    with pytest.raises(UsageError) as caught:
        session.export(Path("/sys/report.md"))
    assert str(caught.value) == "export: cannot write '/sys/report.md': Permission denied — give a path you can write"
