"""One way to register a command (advisor.tools.register): the CLI's subcommands, the chat's slash
commands and the calculators are registries whose entries a decorator puts beside their handlers —
nothing dispatches by a string (no importlib, no getattr of a built name). That `advisor calc TOOL`
imports that tool alone is tests/cli/test_cli.py's."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from advisor.commands import COMMANDS as CLI
from advisor.slash.commands import COMMANDS as SLASH
from advisor.tools.register import Registry
from advisor.tools.registry import TOOLS

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*(ROOT / "advisor").rglob("*.py"), *(ROOT / "tools").rglob("*.py")]


def _dispatch_by_string(tree: ast.AST) -> list[int]:
    """Lines that import a module named by a string, or getattr a name built from a string."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in ("import_module", "__import__"):
            lines.append(node.lineno)
        elif name == "getattr" and len(node.args) >= 2 and isinstance(node.args[1], ast.JoinedStr | ast.BinOp):
            lines.append(node.lineno)  # getattr(commands, f"cmd_{name}"): data fields by name are fine
    return lines


def test_nothing_dispatches_by_a_string():
    found = {}
    for path in SOURCES:
        lines = _dispatch_by_string(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            found[str(path.relative_to(ROOT))] = lines
    assert found == {}


def test_the_check_finds_string_dispatch():
    code = 'import importlib\nm = importlib.import_module(f"advisor.commands.{name}")\ngetattr(c, f"cmd_{n}")(r)\n'
    assert _dispatch_by_string(ast.parse(code)) == [2, 3]


def test_each_subcommand_is_run_by_the_module_that_registers_it():
    modules = {name: spec.handler.__module__ for name, spec in CLI.items()}
    assert list(CLI) == ["chat", "ask", "calc", "catalog", "report", "import", "bench", "model"]  # --help's order
    assert modules == {name: f"advisor.commands.{'import_usage' if name == 'import' else name}" for name in CLI}


def test_every_slash_command_has_its_handler_usage_and_help_together():
    for name, spec in SLASH.items():
        assert spec.handler.__module__ == "advisor.slash.run", name
        assert spec.usage.startswith(name) and spec.help, name
    assert [n for n, s in SLASH.items() if not s.needs_session] == ["/help"]


def test_every_tool_loads_its_own_module():
    for name, tool in TOOLS.items():
        model, func = tool.handler()
        assert func.__module__ == model.__module__ == f"advisor.tools.{name.replace('-', '_')}", name


def test_a_name_registered_twice_is_refused():
    registry: Registry[dict] = Registry(dict)
    registry.register("/x", help="one")(print)
    with pytest.raises(ValueError, match="/x: registered twice"):
        registry.register("/x", help="two")(print)
    assert list(registry) == ["/x"] and registry["/x"] == {"name": "/x", "handler": print, "help": "one"}
