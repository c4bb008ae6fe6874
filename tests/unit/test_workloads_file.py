"""`advisor calc compare --workloads FILE.toml|json`: the plan for scripts, and every way a file can
be wrong as one line naming the file, the workload, the field and the value (exit status 2)."""

from __future__ import annotations

import json
import re

import pytest

from advisor.tools.workloads import parse_window
from tests.cli.test_cli import advisor

UNIVERSITY = """
[team]
electricity_usd_per_kwh = 0.16

[[workload]]
name = "tutoring bot"
requests_per_day = "8,000"
input_tokens_per_request = "1.5K"
output_tokens_per_request = 400
privacy = "sensitive"
traffic_window = "09-19"

[[workload]]
name = "essay grading"
requests_per_day = 2857
input_tokens_per_request = 5000
output_tokens_per_request = 600
privacy = "sensitive"
frontier_share = 0
traffic_window = "1am-6am"
"""


def test_the_plan_as_json_adds_up(tmp_path):
    path = tmp_path / "university.toml"
    path.write_text(UNIVERSITY, encoding="utf-8")
    run = advisor("calc", "compare", "--workloads", str(path), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert [w["name"] for w in data["workloads"]] == ["tutoring bot", "essay grading"]
    assert data["monthly_usd"] == pytest.approx(sum(p["monthly_usd"] for p in data["placements"]), rel=1e-12)
    assert {p["window"] for p in data["placements"]} == {"09:00–19:00", "01:00–06:00"}
    assert data["saves_vs_all_cloud_usd"] is not None


def test_the_plan_as_text_shows_parts_that_add_up_to_the_combined_figure(tmp_path):
    path = tmp_path / "university.json"
    doc = {
        "team": {"electricity_usd_per_kwh": 0.31},
        "workloads": [
            {
                "name": "bot",
                "requests_per_day": 8000,
                "input_tokens_per_request": 1500,
                "output_tokens_per_request": 400,
                "traffic_window": "09-19",
            },
            {
                "name": "grading",
                "requests_per_day": 2857,
                "input_tokens_per_request": 5000,
                "output_tokens_per_request": 600,
                "traffic_window": "01-06",
                "frontier_share": 0,
            },
            {
                "name": "search",
                "requests_per_day": 333,
                "input_tokens_per_request": 900,
                "output_tokens_per_request": 77,
                "privacy": "public",
            },
        ],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    run = advisor("calc", "compare", "--workloads", str(path))
    assert run.returncode == 0, run.stderr
    rows = [line for line in run.stdout.splitlines() if re.match(r"^(bot|grading|search|combined)\s", line)]
    figures = [float(re.search(r"\$([\d,.]+)\s*$", row)[1].replace(",", "")) for row in rows]
    assert len(figures) == 4
    assert sum(figures[:3]) == pytest.approx(figures[3], abs=1e-9)


def test_team_flags_override_the_file_and_workload_flags_are_refused(tmp_path):
    path = tmp_path / "w.toml"
    path.write_text(UNIVERSITY, encoding="utf-8")
    cheap = json.loads(advisor("calc", "compare", "--workloads", str(path), "--json").stdout)
    dear = json.loads(
        advisor("calc", "compare", "--workloads", str(path), "--electricity-usd-per-kwh", "0.9", "--json").stdout
    )
    assert dear["workloads"][0]["profile"]["electricity_usd_per_kwh"] == 0.9
    assert cheap["workloads"][0]["profile"]["electricity_usd_per_kwh"] == 0.16
    run = advisor("calc", "compare", "--workloads", str(path), "--requests-per-day", "5")
    assert run.returncode == 2 and "--requests-per-day" in run.stderr and "Traceback" not in run.stderr


BAD = [
    ("w.toml", b"[[workload]\nname = 1", "not valid TOML"),
    ("w.toml", b"\xff\xfe[[workload]]", "UTF-8"),
    ("w.json", b'{"workloads": [{"name": "a", "requests_per_day": NaN}]}', "NaN"),
    ("w.yaml", b"workloads: []", ".toml or .json"),
    ("w.toml", b"[team]\nelectricity_usd_per_kwh = 0.2\n", "lists no workload"),
    ("w.toml", b"[[workload]]\nname = 'a'\nrequests_per_day = 10\n[surprise]\nx = 1\n", "unknown section 'surprise'"),
    ("w.toml", b"[[workload]]\nrequests_per_day = 10\n", "name"),
    (
        "w.toml",
        b"[[workload]]\nname = 'bot'\nrequests_per_day = 10\nelectricity_usd_per_kwh = 0.3\n",
        "workload 1 ('bot')",
    ),
    ("w.toml", b"[team]\nprivacy = 'public'\n[[workload]]\nname = 'a'\nrequests_per_day = 1\n", "[team]"),
    ("w.toml", b"[[workload]]\nname = 'a'\nrequests_per_day = -5\n", "requests_per_day"),
    ("w.toml", b"[[workload]]\nname = 'a'\nrequests_per_day = 5\nreqests = 5\n", "reqests"),
    ("w.toml", b"[[workload]]\nname = 'a'\ntraffic_window = 'dawn'\n", "error: traffic_window: 'dawn' in "),
    ("w.toml", b"[[workload]]\nname = 'a'\ntraffic_window = '25-06'\n", "'25-06' in "),
    ("w.toml", b"[[workload]]\nname = 'a'\n[[workload]]\nname = 'A'\n", "two workloads are named"),
    ("w.toml", b"[[workload]]\nname = 'a'\nprivacy = 'public'\n", "volume"),
    ("w.toml", b"[[workload]]\nname = 'a'\nrequests_per_day = 5\nplacement = 'moon'\n", "placement"),
]


@pytest.mark.parametrize(("name", "content", "says"), BAD)
def test_a_bad_workloads_file_is_one_line_and_exit_2(tmp_path, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)
    run = advisor("calc", "compare", "--workloads", str(path))
    assert run.returncode == 2, run.stdout
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert says in lines[0]


def test_a_missing_file_is_one_line(tmp_path):
    run = advisor("calc", "compare", "--workloads", str(tmp_path / "absent.toml"))
    assert run.returncode == 2 and "absent.toml" in run.stderr and len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "start", "hours"),
    [
        ("01-06", 1, 5),
        ("1am–6am", 1, 5),
        ("09:00-19:00", 9, 10),
        ("22-06", 22, 8),
        ("9pm to 2am", 21, 5),
        ("0-24", 0, 24),
        ("12am-12pm", 0, 12),
        ("8:30-17:00", 8.5, 8.5),
    ],
)
def test_windows_as_people_write_them(text, start, hours):
    assert parse_window(text) == (start, hours)


@pytest.mark.parametrize("text", ["dawn", "25-3", "13pm-2pm", "9", "9-17-20", "10:75-12"])
def test_windows_that_are_not_hours(text):
    with pytest.raises(ValueError):
        parse_window(text)
