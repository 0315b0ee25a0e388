# The structure a newcomer relies on, held by tests: the import contracts of pyproject.toml
# (the wings' layers, no Streamlit in utils/, no circle), modules of a readable length, and
# tests that share helpers through tests/helpers/ rather than importing each other.
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

from tests.helpers.data import ROOT

MAX_MODULE_LINES = 360  # about 350: a module longer than that has more than one job


def test_the_import_contracts_hold():
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


@pytest.mark.parametrize(
    "module",
    sorted(p for folder in ("utils", "ui") for p in (ROOT / folder).rglob("*.py")),
    ids=lambda path: str(path.relative_to(ROOT)),
)
def test_no_module_of_utils_or_ui_is_longer_than_it_can_be_read(module: Path):
    assert len(module.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


def test_no_test_module_imports_another():
    importers = []
    for path in (ROOT / "tests").rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if (
                module
                and module.startswith("tests.")
                and module.split(".")[-1].startswith(("test_", "conftest"))
            ):
                importers.append(f"{path.relative_to(ROOT)} imports {module}")
    assert importers == []
