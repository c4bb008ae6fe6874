"""The layout a newcomer sees: the application's root holds at most a dozen modules beside its
packages, and no two modules import each other (a module-level or a deferred import alike). The one
import name `advisor` with tools, catalog and prompts inside it is tests/project/test_packaging.py's; the
layers are tests/project/test_layers.py's."""

from __future__ import annotations

import ast
import tomllib
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADVISOR = ROOT / "advisor"
DATA_PACKAGES = ("tools", "catalog", "prompts")  # the repository's top-level folders, inside advisor once installed


def test_the_root_holds_at_most_a_dozen_modules_beside_its_packages():
    modules = sorted(p.name for p in ADVISOR.glob("*.py") if p.name != "__init__.py")
    assert len(modules) <= 12, modules


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    files = [p for p in ADVISOR.rglob("*.py") if p.relative_to(ADVISOR).parts[0] not in DATA_PACKAGES]
    names = {_module_name(p) for p in files}
    graph: dict[str, set[str]] = {}
    for path in files:
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("advisor"):
                submodules = {f"{node.module}.{a.name}" for a in node.names} & names
                deps |= submodules or {node.module}  # `from pkg import submodule` imports the submodule
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.startswith("advisor")}
        graph[_module_name(path)] = {d for d in deps if d in names}
    return graph


def test_no_two_modules_import_each_other():
    graph = _imports()
    assert len(graph) > 50  # the walk found the application
    pairs = [(a, b) for a, b in combinations(sorted(graph), 2) if b in graph[a] and a in graph[b]]
    assert pairs == []


TEST_FOLDERS = {"unit", "cli", "tui", "protocol", "project", "bench"}


def test_every_test_sits_in_a_layer_folder_and_benchmarks_are_not_collected():
    tests = ROOT / "tests"
    loose = sorted(p.name for p in tests.glob("*.py") if p.name.startswith(("test_", "bench_")))
    assert loose == [], f"put each in a folder of tests/ (docs/architecture.md, Where a test goes): {loose}"
    folders = {p.parent.name for p in tests.glob("*/test_*.py")} | {p.parent.name for p in tests.glob("*/bench_*.py")}
    assert folders <= TEST_FOLDERS, folders - TEST_FOLDERS
    assert all(p.parent.name == "bench" for p in tests.rglob("bench_*.py"))
    assert not list((tests / "bench").glob("test_*.py"))
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["pytest"]["ini_options"]["python_files"] == ["test_*.py"]
