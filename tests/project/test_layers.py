"""The layers contract (pyproject.toml, [tool.importlinter]) checked by import-linter, which reads
every import — module level, inside a function, under TYPE_CHECKING — from the source. It runs on
`advisor` as the wheel lays it out (tools/, catalog/ and prompts/ inside), copied to a temp dir, in
a subprocess, so the package it reads is that copy and not the one this test process imported.
The contract is shown to break on an upward import added to the copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA_PACKAGES = ("tools", "catalog", "prompts")  # the repository's top-level folders, inside advisor when installed
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc")


def wheel_layout(dest: Path) -> Path:
    """A copy of ``advisor`` with tools/, catalog/ and prompts/ inside it, as the wheel holds it."""
    package = dest / "advisor"
    shutil.copytree(ROOT / "advisor", package, ignore=SKIP, symlinks=False, ignore_dangling_symlinks=True)
    for name in DATA_PACKAGES:
        shutil.rmtree(package / name, ignore_errors=True)
        (package / name).unlink(missing_ok=True)
        shutil.copytree(ROOT / name, package / name, ignore=SKIP)
    return package


def lint(tree: Path) -> subprocess.CompletedProcess[str]:
    """import-linter over the ``advisor`` under ``tree``, with the project's contract."""
    code = (
        "import sys; from importlinter.cli import lint_imports;"
        f" sys.exit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}, no_cache=True, no_logo=True))"
    )
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=tree, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_layers_contract_holds(tmp_path: Path) -> None:
    wheel_layout(tmp_path)
    run = lint(tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "advisor's layers KEPT" in run.stdout


def test_the_contract_reads_the_wheel_copy(tmp_path: Path) -> None:
    """The subprocess imports the copy: an import-linter that read the installed package instead
    would pass whatever the copy holds."""
    wheel_layout(tmp_path)
    code = "import advisor.tools.payback as m; print(m.__file__)"
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert Path(out.stdout.strip()).resolve().is_relative_to(tmp_path.resolve()), out.stdout + out.stderr


UPWARD = [
    # (file in the copy, what to append, the import the report must name)
    (
        "state.py",
        "\n\ndef _upward():\n    from advisor.session import Session\n\n    return Session\n",
        "advisor.state -> advisor.session",
    ),
    (
        "tools/payback.py",
        "\n\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from advisor.config import Config\n",
        "advisor.tools.payback -> advisor.config",
    ),
    (
        "text/render.py",
        "\n\ndef _upward():\n    import advisor.tui.app\n\n    return advisor.tui.app\n",
        "advisor.text.render -> advisor.tui.app",
    ),
    (
        "measure/measured.py",
        "\n\ndef _upward():\n    from advisor.text.render import money\n\n    return money\n",
        "advisor.measure.measured -> advisor.text.render",
    ),
]


@pytest.mark.parametrize(("path", "added", "named"), UPWARD, ids=[u[0] for u in UPWARD])
def test_an_upward_import_breaks_the_contract(tmp_path: Path, path: str, added: str, named: str) -> None:
    package = wheel_layout(tmp_path)
    with (package / path).open("a", encoding="utf-8") as f:
        f.write(added)
    run = lint(tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "advisor's layers BROKEN" in run.stdout
    assert named in run.stdout, run.stdout


def test_a_module_outside_every_layer_breaks_the_contract(tmp_path: Path) -> None:
    """A new module of advisor/ must be placed in a layer (the contract is exhaustive)."""
    package = wheel_layout(tmp_path)
    (package / "newcomer.py").write_text('"""Not yet in a layer."""\n', encoding="utf-8")
    run = lint(tmp_path)
    assert run.returncode != 0
    assert "newcomer" in run.stdout + run.stderr


def test_the_contract_names_every_layer_of_the_package() -> None:
    """The contract's layers are advisor's modules and packages, no more: a layer renamed away would
    otherwise be checked against nothing."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    named = {name.strip() for layer in contract["layers"] for name in layer.split("|")}
    present = {p.stem for p in (ROOT / "advisor").glob("*.py") if p.name != "__init__.py"}
    present |= {p.name for p in (ROOT / "advisor").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    present |= set(DATA_PACKAGES)
    assert named == present
