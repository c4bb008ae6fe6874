"""Numbers and ids at the boundary: every calculator flag takes any value a user (or a script) can
type and answers with finite JSON or one line naming the flag, exit 2 — never Infinity, never a
traceback; an empty id is refused, not taken as "not given"; a price feed with a model twice or a
$1e300 price changes nothing in the user's catalog. Through the real command line (`advisor.cli.main`)."""

from __future__ import annotations

import contextlib
import copy
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.cli import main
from advisor.paths import config_dir
from advisor.tools.registry import TOOLS
from tests.cli.test_hostile_input import _one_line

FEED = Path(__file__).parents[1] / "data" / "genai_prices_v2.json"
BASE = {
    "cloud-cost": ["--model", "claude-sonnet-4-5", "--input-tokens", "1M", "--output-tokens", "100K"],
    "local-cost": ["--hardware", "rtx-4090-24gb"],
    "payback": ["--hardware-cost-usd", "3200", "--monthly-cloud-usd", "500", "--running-usd", "1"],
    "breakeven": ["--hardware", "rtx-4090-24gb", "--model", "claude-sonnet-4-5"],
    "capacity": ["--hardware", "rtx-4090-24gb", "--local-model", "llama-3.1-8b", "--input-tokens", "2000"],
    "hybrid": [
        "--requests-per-day",
        "5000",
        "--input-tokens-per-request",
        "2K",
        "--output-tokens-per-request",
        "300",
        "--hardware",
        "rtx-4090-24gb",
    ],
    "compare": ["--requests-per-day", "5000", "--input-tokens-per-request", "2K", "--output-tokens-per-request", "300"],
}
HOSTILE = [
    "0",
    "-0",
    "-1",
    "1e20",
    "100000000000000000000",
    "9223372036854775807",
    "inf",
    "-inf",
    "nan",
    "1e300",
    "",
    " ",
    "0.0000001",
    "1" * 400,
    "1,0,0",
    "$",
    "٣",
    "１０",
    "NaN%",
]


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} in calc --json")


def _flag_values(tool: str):
    fields = [f for f, info in TOOLS[tool].input_model.model_fields.items() if info.annotation is not bool]
    fields = [f for f in fields if f != "top"] if tool != "compare" else fields
    texts = st.one_of(
        st.sampled_from(HOSTILE),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.text(max_size=20),
    )
    return st.tuples(st.sampled_from(fields), texts)


@pytest.mark.parametrize("tool", sorted(BASE))
def test_every_calc_flag_answers_finite_json_or_one_line_naming_it(tool):
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_flag_values(tool))
    def check(pair: tuple[str, str]) -> None:
        field, value = pair
        flag = "--" + field.replace("_", "-")
        if "\x00" in value:  # not something a command line can carry
            return
        code, out, err = _run(["calc", tool, *BASE[tool], flag, value, "--json"])
        assert code in (0, 2), (flag, value, err)
        if code == 0:
            document = json.loads(out, parse_constant=_no_constant)
            assert isinstance(document, dict)
        else:
            lines = [line for line in err.splitlines() if line.strip()]
            assert len(lines) == 1 and lines[0].startswith("advisor: error:") and "Traceback" not in err, err
            assert len(lines[0]) < 800

    check()


def test_a_request_of_no_tokens_is_refused_not_infinity(capsys):
    argv = ["calc", "capacity", "--hardware", "rtx-4090-24gb", "--local-model", "llama-3.1-8b", "--json"]
    line = _one_line(capsys, main([*argv, "--input-tokens", "0"]))
    assert "input-tokens: 0 and output-tokens 0" in line
    assert main([*argv, "--input-tokens", "0", "--output-tokens", "300"]) == 0
    document = json.loads(capsys.readouterr().out, parse_constant=_no_constant)
    assert document["requests_per_day"] > 0


@pytest.mark.parametrize(
    "argv, words",
    [
        (
            [
                "calc",
                "breakeven",
                "--hardware",
                "rtx-4090-24gb",
                "--model",
                "claude-sonnet-4-5",
                "--amortization-months",
                "100000000000000000000",
            ],
            "amortization-months: '100000000000000000000'",
        ),
        (
            ["calc", "local-cost", "--hardware", "rtx-4090-24gb", "--amortization-months", "0"],
            "amortization-months: '0' input should be greater than 0",
        ),
        (
            ["calc", "local-cost", "--hardware", "rtx-4090-24gb", "--amortization-months", "1e20"],
            "amortization-months: '1e20' input should be less than or equal to 240",
        ),  # too large, not "no number"
        (
            [*["calc", "compare"], *BASE["compare"][2:], "--requests-per-day", "1e300"],
            "requests-per-day: '1e300' input should be less than or equal to",
        ),
        (
            [*["calc", "compare"], *BASE["compare"][2:], "--requests-per-day", "1e400"],
            "requests-per-day: '1e400' must be a finite number",
        ),
        ([*["calc", "compare"], *BASE["compare"], "--cloud-model", ""], "cloud-model: '' is empty"),
        ([*["calc", "compare"], *BASE["compare"], "--hardware", "  "], "hardware: ' ' is empty"),
        (["calc", "cloud-cost", "--model", "", "--input-tokens", "1M"], "model: '' is empty"),
    ],
)
def test_an_absurd_span_or_an_empty_id_is_named(argv, words, capsys):
    assert words in _one_line(capsys, main(argv))


def _feed(tmp_path: Path, change) -> Path:
    data = json.loads(FEED.read_text())
    change(data)
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data))
    return path


def _twice(data: list) -> None:
    data[0]["models"].append(copy.deepcopy(data[0]["models"][0]))


def _price(value: float):
    def change(data: list) -> None:
        data[0]["models"][0]["prices"]["input_mtok"] = value

    return change


@pytest.mark.parametrize(
    "change, words",
    [
        (_twice, "models[claude-opus-5]: appears twice in the data"),
        (_price(1e300), "models[claude-opus-5].prices.input_mtok: Input should be less than or equal to 10000"),
        (_price(1e308), "less than or equal to 10000 (got 1e+308)"),
        (lambda data: data.append(copy.deepcopy(data[0])), "provider anthropic: appears twice"),
    ],
)
def test_a_damaged_feed_changes_nothing_in_the_users_catalog(change, words, tmp_path, capsys):
    user = config_dir() / "catalog.toml"
    user.write_text(
        '[[electricity]]\nid = "office"\nname = "Office"\nusd_per_kwh = 0.21\nsource = "bill"\nas_of = 2026-11-01\n'
    )
    before = user.read_bytes()
    line = _one_line(capsys, main(["catalog", "update", "--from", str(_feed(tmp_path, change))]))
    assert words in line and "nothing changed" in line
    assert user.read_bytes() == before


def test_a_price_past_the_bound_in_the_users_catalog_is_refused_by_name(capsys):
    user = config_dir() / "catalog.toml"
    user.write_text(
        '[[cloud]]\nid = "cheap-x"\nname = "Cheap X"\nprovider = "x"\ntier = "budget"\n'
        'tier_basis = "ours"\n[cloud.price]\nsource = "invoice"\nas_of = 2026-11-01\n'
        "input = 1e300\noutput = 1.0\n"
    )
    line = _one_line(capsys, main(["calc", "cloud-cost", "--model", "cheap-x", "--input-tokens", "1M"]))
    assert str(user) in line and "[[cloud]] cheap-x: price.input" in line and "10000" in line
