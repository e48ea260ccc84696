"""The package's layers: the core imports no layer above it, render/ imports no adapter."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "rete"
ADAPTERS = {"site", "cli", "intake", "booklet"}
CORE_PACKAGES = {"figures"}
ABOVE = {"core": ADAPTERS | {"render"}, "render": ADAPTERS}


def _imported(path: Path, package: str) -> set[str]:
    """The subpackages of rete that a module imports, relative imports resolved."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            bits = name.split(".")
            if bits[0] == "rete" and len(bits) > 1:
                found.add(bits[1])
    return found


def _modules(layer: str):
    if layer == "core":  # the modules beside __init__.py, and the core's own subpackages
        return [(p, "rete") for p in PACKAGE.glob("*.py") if p.name != "__main__.py"] + [
            (p, f"rete.{pkg}") for pkg in CORE_PACKAGES for p in (PACKAGE / pkg).glob("*.py")]
    return [(p, f"rete.{layer}") for p in (PACKAGE / layer).glob("*.py")]


@pytest.mark.parametrize("layer", sorted(ABOVE))
def test_imports_only_go_down(layer):
    wrong = {p.relative_to(PACKAGE).as_posix(): sorted(_imported(p, pkg) & ABOVE[layer])
             for p, pkg in _modules(layer)}
    assert {k: v for k, v in wrong.items() if v} == {}


def test_the_check_sees_an_upward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from .render import pages\nfrom rete.cli import main\n", "utf-8")
    assert _imported(bad, "rete") == {"render", "cli"}
