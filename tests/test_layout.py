"""The package layout: stages import only down the pipeline, every package says what it does, modules stay short."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

EXTRACT = ROOT / "extract"

# Pipeline order: a module may import its own stage and any stage of a lower rank, never a higher one.
# Modules loose in extract/ are ranked by the job they do around the stages.
RANKS = {
    "yamlfile": 0,
    "documents": 1,
    "text": 2,
    "numbers": 3,
    "metrics": 4,
    "regions": 5,
    "duplicates": 5,
    "pipeline": 6,
    "write": 6,
    "manifest": 6,
    "batch": 7,
    "engines": 7,
    "evaluation": 8,
    "analysis": 8,
    "review": 8,
}
MAX_LOOSE_MODULES = 8
MAX_LINES = 400


def stage_of(path: Path) -> str:
    """The stage a module belongs to: its package under extract/, or its own name when loose."""
    relative = path.relative_to(EXTRACT)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def extract_imports(path: Path) -> set[str]:
    """The stages a module imports from (`from extract.X …`, `import extract.X`)."""
    stages = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "extract":
                names = [f"extract.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "extract" and len(parts) > 1:
                stages.add(parts[1])
    return stages


MODULES = sorted(path for path in EXTRACT.rglob("*.py") if path.name != "__main__.py")
PACKAGES = sorted(path for path in EXTRACT.iterdir() if path.is_dir() and (path / "__init__.py").exists())


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_imports_run_down_the_pipeline(path: Path) -> None:
    """No stage imports a stage that comes after it."""
    own = stage_of(path)
    if own == "__init__":
        return
    assert own in RANKS, f"{own} has no rank in tests/test_layout.py"
    higher = {stage for stage in extract_imports(path) if RANKS.get(stage, -1) > RANKS[own]}
    assert not higher, f"{path.relative_to(ROOT)} ({own}) imports later stages {sorted(higher)}"


@pytest.mark.parametrize("package", PACKAGES, ids=lambda path: path.name)
def test_every_package_says_what_it_does(package: Path) -> None:
    """Each stage package opens with a one-line docstring."""
    docstring = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
    assert docstring and "\n" not in docstring.strip(), f"{package.name}/__init__.py needs a one-line docstring"


def test_stage_packages_and_loose_modules() -> None:
    """At least five stage packages; few modules left loose at the top."""
    loose = [path.name for path in EXTRACT.glob("*.py") if path.name != "__init__.py"]
    assert len(PACKAGES) >= 5
    assert len(loose) <= MAX_LOOSE_MODULES, loose


@pytest.mark.parametrize("path", MODULES + [ROOT / "cli.py"], ids=lambda path: str(path.relative_to(ROOT)))
def test_modules_stay_short(path: Path) -> None:
    """No module over 400 lines."""
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


def test_tests_mirror_the_packages() -> None:
    """Every stage package has a test folder of the same name."""
    missing = [package.name for package in PACKAGES if not (ROOT / "tests" / package.name).is_dir()]
    assert not missing, missing
