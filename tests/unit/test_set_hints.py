"""`/set FIELD VALUE` with a value that belongs to another field says which one: '/set data_boundary eu'
is one line naming the allowed boundaries and the hint '/set region eu' (exit 2, no traceback)."""

from __future__ import annotations

import pytest

from advisor.cli import main

ASK = ["ask", "--local", "none", "--offline", "--session", "hints"]


@pytest.mark.parametrize(
    ("field", "value", "hint"),
    [
        ("data_boundary", "eu", "did you mean /set region eu?"),
        ("data_boundary", "aws", "did you mean /set contract aws?"),
        ("data_boundary", "public", "did you mean /set privacy public?"),
        ("privacy", "on_site", "did you mean /set data_boundary on_site?"),
    ],
)
def test_a_value_of_another_field_names_that_field(capsys, field, value, hint):
    assert main([*ASK, "/set", field, value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{field}: {value!r}" in err and hint in err
    if field == "data_boundary":
        assert "'on_site', 'contract', 'region' or 'any'" in err


def test_a_value_of_no_field_has_no_hint(capsys):
    assert main([*ASK, "/set", "data_boundary", "moon"]) == 2
    err = capsys.readouterr().err
    assert "data_boundary: 'moon'" in err and "did you mean" not in err
