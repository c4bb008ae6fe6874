"""Every way the project is installed or checked out imports `advisor` with its tools, catalog and
prompts — one module object per file — while the repository keeps tools/, catalog/ and prompts/ at
its top level (no symlinks). Built with hatchling from pyproject.toml, as pip builds them:

- the wheel holds them inside advisor/ (`sources` rewrites the paths), and imports from an unpacked
  copy alone;
- the editable install puts the repository's root on the path (dev-mode-dirs), and the finder in
  advisor/__init__.py takes advisor.tools … from beside advisor/; `tools` itself refuses to be
  imported a second time under its own name;
- the sdist is the repository's layout, and its own tests pass from the unpacked sdist (a few here;
  .ci/run runs them all);
- a checkout without symlink support is the repository as it is: it has none."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_PACKAGES = ("tools", "catalog", "prompts")
NOT_OURS = {".git", ".venv", "venv", "build", "dist", "__pycache__", ".ruff_cache", ".pytest_cache", ".hypothesis"}

PROBE = """
import json, sys
import advisor, advisor.prompts, advisor.tools.payback
from advisor.tools.catalog import load_catalog
catalog = load_catalog()
try:
    import tools
    refused = None
except ImportError as exc:
    refused = str(exc)
files = [f for f in (getattr(m, "__file__", None) for m in list(sys.modules.values())) if f]
print(json.dumps({
    "advisor": advisor.__file__,
    "payback": advisor.tools.payback.__file__,
    "catalog": str(advisor.catalog.__file__),
    "cloud_models": len(catalog.cloud),
    "prompt": len(advisor.prompts.load("memo_system.md")),
    "twice": sorted({f for f in files if files.count(f) > 1 and f.endswith(".py") and "advisor" in f}),
    "top_level": [m for m in ("tools", "catalog", "prompts") if m in sys.modules],
    "refused": refused,
}))
"""


def probe(path: Path, cwd: Path) -> dict:
    """Import the package as a user would with ``path`` first on sys.path, from ``cwd``."""
    env = {**os.environ, "PYTHONPATH": str(path)}
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def build(version: str, target: str, directory: Path) -> Path:
    if target == "sdist":
        from hatchling.builders.sdist import SdistBuilder

        return Path(next(iter(SdistBuilder(str(ROOT)).build(directory=str(directory)))))
    from hatchling.builders.wheel import WheelBuilder

    return Path(next(iter(WheelBuilder(str(ROOT)).build(directory=str(directory), versions=[version]))))


def ours(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if not set(p.relative_to(root).parts) & NOT_OURS]


def test_the_repository_has_no_symlinks():
    """A checkout on a filesystem without symlinks is the same checkout."""
    assert [str(p.relative_to(ROOT)) for p in ours(ROOT) if p.is_symlink()] == []
    for name in DATA_PACKAGES:
        assert (ROOT / name / "__init__.py").is_file() and not (ROOT / "advisor" / name).exists(), name


def test_the_wheel_holds_advisor_alone_with_tools_catalog_and_prompts_inside(tmp_path):
    names = zipfile.ZipFile(build("standard", "wheel", tmp_path)).namelist()
    assert {n.split("/")[0] for n in names} == {"advisor", "llm_cost_advisor-0.1.0.dist-info"}
    for name in DATA_PACKAGES:
        shipped = {f"advisor/{p.relative_to(ROOT).as_posix()}" for p in ours(ROOT / name) if p.is_file()}
        assert shipped and shipped <= set(names), name
    assert "advisor/tui/app.tcss" in names


def test_the_unpacked_wheel_imports_from_itself_alone(tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(build("standard", "wheel", tmp_path)).extractall(site)
    found = probe(site, cwd=tmp_path)
    assert Path(found["payback"]) == site / "advisor" / "tools" / "payback.py"
    assert Path(found["advisor"]).parent == site / "advisor"
    assert found["cloud_models"] > 10 and found["prompt"] > 0
    assert found["twice"] == [] and found["top_level"] == []


def test_the_editable_install_is_the_root_on_the_path_and_one_module_a_file(tmp_path):
    wheel = zipfile.ZipFile(build("editable", "wheel", tmp_path))
    pth = [n for n in wheel.namelist() if n.endswith(".pth")]
    assert len(pth) == 1 and Path(wheel.read(pth[0]).decode().strip()) == ROOT
    assert not [n for n in wheel.namelist() if n.startswith("advisor/")]  # no copies beside the checkout
    found = probe(ROOT, cwd=tmp_path)  # what that .pth does
    assert Path(found["payback"]) == ROOT / "tools" / "payback.py"
    assert Path(found["advisor"]).parent == ROOT / "advisor"
    assert found["twice"] == [] and found["top_level"] == []
    assert found["refused"] and "import advisor.tools" in found["refused"]


def test_tools_is_not_a_second_top_level_package_even_from_the_root():
    for name in DATA_PACKAGES:
        run = subprocess.run([sys.executable, "-c", f"import {name}"], cwd=ROOT, capture_output=True, text=True)
        assert run.returncode == 1 and f"import advisor.{name}, not {name}" in run.stderr, (name, run.stderr)


def test_the_unpacked_sdist_is_the_repository_and_its_tests_pass(tmp_path):
    with tarfile.open(build("standard", "sdist", tmp_path)) as sdist:
        sdist.extractall(tmp_path / "unpacked", filter="data")
    (tree,) = (tmp_path / "unpacked").iterdir()
    for name in (*DATA_PACKAGES, "advisor", "tests", "docs", "pyproject.toml", "README.md"):
        assert (tree / name).exists(), name
    assert not [p for p in tree.rglob("*") if p.is_symlink()]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    files = [
        "tests/project/test_layout.py",
        "tests/project/test_layers.py",
        "tests/unit/test_tools_seeds.py",
        "tests/project/test_docs.py",
    ]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *files],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert Path(probe(tree, cwd=tree)["payback"]) == tree / "tools" / "payback.py"  # what those tests imported
