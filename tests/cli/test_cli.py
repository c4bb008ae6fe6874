"""The command line as users script it: through a subprocess, exit codes and one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest


def advisor(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "advisor.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_cloud_cost_json_prints_900_for_the_router_workload():
    run = advisor(
        "calc", "cloud-cost", "--model", "claude-sonnet-4-5", "--input-tokens", "300M", "--output-tokens", "0", "--json"
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["monthly_usd"] == pytest.approx(900)
    assert data["assumptions"]


def test_payback_json_about_six_months():
    run = advisor(
        "calc", "payback", "--hardware-cost-usd", "3200", "--monthly-cloud-usd", "500", "--running-usd", "1", "--json"
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["payback_months"] == pytest.approx(6.41, rel=0.01)


def test_human_output_is_a_table_with_assumptions():
    run = advisor("calc", "local-cost", "--hardware", "rtx-4090-24gb")
    assert run.returncode == 0, run.stderr
    assert "monthly usd" in run.stdout and "Assuming:" in run.stdout


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["calc", "cloud-cost", "--model", "claude-sonnet-4-5", "--input-tokens", "-5M"], "input-tokens"),
        (["calc", "cloud-cost", "--model", "claude-sonnet-4-5", "--input-tokens", "nan"], "input-tokens"),
        (["calc", "cloud-cost", "--model", "claude-sonnet-4-5", "--input-tokens", "2e15"], "input-tokens"),
        (["calc", "cloud-cost", "--model", "claude-sonet-4-5", "--input-tokens", "1M"], "model"),
        (["calc", "local-cost", "--hardware", "rtx-4090-24gb", "--hours-per-day", "25"], "hours-per-day"),
        (["calc", "local-cost", "--hardware", "rtx-4090-24gb", "--amortization-months", "0"], "amortization-months"),
        (["calc", "capacity", "--tokens-per-second", "abc"], "tokens-per-second"),
    ],
)
def test_bad_input_is_one_line_exit_2_naming_the_field(args, field):
    run = advisor(*args)
    assert run.returncode == 2, (run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert field in lines[0]
    assert "Traceback" not in run.stderr


def test_negative_tokens_name_the_value():
    run = advisor("calc", "cloud-cost", "--model", "claude-sonnet-4-5", "--input-tokens", "-5M")
    assert run.returncode == 2
    assert run.stderr.strip() == "advisor: error: input-tokens: '-5M' must not be negative"


def test_unknown_model_suggests_the_closest_id():
    run = advisor("calc", "cloud-cost", "--model", "claude-sonet-4-5", "--input-tokens", "1M")
    assert "claude-sonnet-4-5" in run.stderr


def test_unknown_tool_is_usage_error():
    run = advisor("calc", "nonsense")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr


def test_catalog_list_cloud_shows_dates_and_sources():
    run = advisor("catalog", "list", "cloud")
    assert run.returncode == 0, run.stderr
    line = next(ln for ln in run.stdout.splitlines() if ln.startswith("claude-sonnet-4-5 "))
    assert "2026-" in line and "$3.00" in line


def test_catalog_show_and_validate():
    assert advisor("catalog", "show", "gpt-5", "--json").returncode == 0
    assert advisor("catalog", "validate").returncode == 0
    bad = advisor("catalog", "show", "gtp-5")
    assert bad.returncode == 2 and "gpt-5" in bad.stderr


def test_compare_recommends_with_reasons():
    run = advisor(
        "calc",
        "compare",
        "--requests-per-day",
        "5000",
        "--input-tokens-per-request",
        "2K",
        "--output-tokens-per-request",
        "300",
        "--privacy",
        "public",
        "--json",
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["recommendation"]["deployment"] in {"cloud", "local", "hybrid"}
    assert data["recommendation"]["reasons"]
    assert data["profile"]["monthly_input_tokens"] == pytest.approx(300e6)


def test_calc_does_not_import_heavy_modules():
    """Nor asyncio (the chat commands import it in their handlers), nor any calculator but its own."""
    code = (
        "import sys; from advisor.cli import main; main(['calc','payback','--hardware-cost-usd','1',"
        "'--monthly-cloud-usd','2']);"
        "heavy=[m for m in ('textual','ollama','anthropic','llama_cpp','babel','asyncio') if m in sys.modules];"
        "print('HEAVY', heavy);"
        "tools={'cloud_cost','local_cost','breakeven','capacity','hybrid','compare','plan','payback'};"
        "print('TOOLS', sorted(m for m in sys.modules if m.startswith('advisor.tools.') and m[14:] in tools))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in run.stdout, run.stdout + run.stderr
    assert "TOOLS ['advisor.tools.payback']" in run.stdout, run.stdout


def test_catalog_show_writes_every_entry_for_a_reader(capsys):
    """Every entry of every section, shown: one field a line, nested records indented, never as
    Python writes them (no dict or list reprs, None, True or False)."""
    from advisor.cli import main
    from advisor.commands.catalog import SECTIONS
    from advisor.tools.catalog import load_catalog

    catalog = load_catalog()
    shown = 0
    for section in SECTIONS:
        for entry_id in catalog.section(section):
            assert main(["catalog", "show", entry_id]) == 0
            out = capsys.readouterr().out
            assert not re.search(r"\{'|\['|\{\}|\[\]|: (?:None|True|False)$", out, re.M), (entry_id, out)
            shown += 1
    assert shown > 100
    main(["catalog", "show", "rtx-4090-24gb"])
    lines = capsys.readouterr().out.splitlines()
    assert "compute:" in lines and "  fp16_tflops: 165.2" in lines and "aliases: 4090, rtx 4090" in lines


def test_the_program_collects_less_often_or_not_at_all_and_a_caller_keeps_its_collector():
    """`advisor` as a program runs a one-piece-of-work command (advisor.cli.WITHOUT_GC: ask, calc,
    catalog, report) without the cycle collector, and a long-running one (an import here; the chat,
    a bench) with raised thresholds (advisor.cli.GC_THRESHOLDS: at CPython's 700 the collector spent
    about a tenth of `advisor ask`'s start walking short-lived objects); main() called with its
    arguments from Python — a test, a script — leaves the caller's collector as it was."""
    code = (
        "import gc, sys; from advisor.cli import GC_THRESHOLDS, main; before = gc.get_threshold();"
        "args = ['calc', 'payback', '--hardware-cost-usd', '1', '--monthly-cloud-usd', '2'];"
        "main(args); kept = gc.get_threshold() == before and gc.isenabled();"
        "sys.argv = ['advisor', *args]; main(); off = not gc.isenabled(); gc.enable();"
        "sys.argv = ['advisor', '--debug', 'import', '/nonexistent/usage.csv']; main();"
        "print('KEPT', kept, 'OFF', off, 'LONG', gc.isenabled() and gc.get_threshold() == GC_THRESHOLDS)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "KEPT True OFF True LONG True" in run.stdout, run.stderr
